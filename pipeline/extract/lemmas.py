"""Swedish lemmas from simplemma, with its dictionary loaded in milliseconds instead of seconds.

simplemma keeps its Swedish dictionary (about a million word forms) compressed and decodes all of it
the first time a process asks for a lemma: half a second on an idle machine, several seconds on a
busy one, in every worker process of ``naravard ingest --jobs``. With the optional packages
``marisa-trie`` and ``platformdirs`` installed, the same dictionary is kept as a compact trie in the
user's cache directory (``…/naravard/simplemma/<version>/sv.dic``), built once by simplemma's own
``TrieDictionaryFactory`` (about two seconds) and loaded by every later process almost at once. The
lemmas are the same; only the storage differs. Without those packages, or when the cache directory
cannot be written, simplemma's default in-memory dictionary is used.

Only Swedish is ever loaded: the extractor asks for no other language.
"""

from __future__ import annotations

import logging
import os
import shutil
import tempfile
from functools import cache
from pathlib import Path

LANG = "sv"
log = logging.getLogger(__name__)


def lemmatize(word: str) -> str:
    """simplemma's Swedish lemma of ``word`` (simplemma returns the word itself when it knows no lemma)."""
    tools = _tools()
    if tools is None:
        import simplemma

        return simplemma.lemmatize(word, lang=LANG)
    return tools[0].lemmatize(word, LANG)


def is_known(word: str) -> bool:
    """True when simplemma's Swedish dictionary has ``word`` (lower case) as a form."""
    tools = _tools()
    if tools is None:
        import simplemma

        return simplemma.is_known(word, lang=LANG)
    import unicodedata

    return tools[1].get_lemma(unicodedata.normalize("NFC", word), LANG) is not None


@cache
def _tools():
    """A lemmatizer and a plain dictionary lookup on the cached trie; None: use simplemma's defaults."""
    factory = _trie_factory()
    if factory is None:
        return None
    from simplemma import Lemmatizer
    from simplemma.strategies import DefaultStrategy, DictionaryLookupStrategy

    return Lemmatizer(lemmatization_strategy=DefaultStrategy(dictionary_factory=factory)), DictionaryLookupStrategy(factory)


def cache_dir() -> Path | None:
    """Where the trie is kept, or None when the optional packages are missing."""
    try:
        import marisa_trie  # noqa: F401  (needed by simplemma's TrieDictionaryFactory)
        from platformdirs import user_cache_dir
        from simplemma import __version__
        from simplemma.strategies import TrieDictionaryFactory  # noqa: F401  (simplemma 1.1 and later)
    except ImportError:
        return None
    return Path(user_cache_dir("naravard")) / "simplemma" / __version__


def _trie_factory():
    """simplemma's TrieDictionaryFactory on the cached trie, building and caching it first if needed."""
    where = cache_dir()
    if where is None:
        return None
    from simplemma.strategies import TrieDictionaryFactory

    target = where / f"{LANG}.dic"
    if not target.exists() and not _build(where, target):
        return None
    factory = TrieDictionaryFactory(disk_cache_dir=str(where))
    try:
        factory.get_dictionary(LANG)
    except Exception as exc:  # a damaged cache file: the default dictionary still works
        log.warning("%s: cannot load the lemma trie (%s); using simplemma's default dictionary", target, exc)
        return None
    return factory


def _build(where: Path, target: Path) -> bool:
    """Build the trie in a private folder and move it into place in one step (parallel workers may race)."""
    from simplemma.strategies import TrieDictionaryFactory

    try:
        where.mkdir(parents=True, exist_ok=True)
        private = Path(tempfile.mkdtemp(prefix=".build-", dir=where))
    except OSError as exc:
        log.info("%s: cache directory not writable (%s); using simplemma's default dictionary", where, exc)
        return False
    try:
        TrieDictionaryFactory(disk_cache_dir=str(private)).get_dictionary(LANG)
        built = private / f"{LANG}.dic"
        if not built.exists():
            return False
        os.replace(built, target)
        return True
    except OSError as exc:
        log.info("%s: cannot write the lemma trie (%s); using simplemma's default dictionary", target, exc)
        return False
    finally:
        shutil.rmtree(private, ignore_errors=True)
