"""Lemmas from the cached trie are simplemma's lemmas; without a writable cache the default dictionary serves."""

from __future__ import annotations

import pytest
import simplemma

from pipeline.extract import lemmas

WORDS = ["regionerna", "kommunernas", "personcentrerade", "förflyttningarna", "navet", "sammanhållet", "jämlika",
         "gnesta", "alaska", "vara", "mark", "nära", "hälsofrämjandet", "xyzzyq"]


@pytest.fixture
def fresh(monkeypatch, tmp_path):
    """A private cache directory and no remembered lemmatizer."""
    monkeypatch.setenv("XDG_CACHE_HOME", str(tmp_path / "cache"))
    lemmas._tools.cache_clear()
    yield tmp_path
    lemmas._tools.cache_clear()


def test_the_cached_trie_gives_simplemmas_lemmas(fresh):
    if lemmas.cache_dir() is None:
        pytest.skip("marisa-trie or platformdirs not installed: the default dictionary is used")
    assert lemmas._tools() is not None
    assert (lemmas.cache_dir() / "sv.dic").is_file()
    assert not [p for p in lemmas.cache_dir().iterdir() if p.name.startswith(".build-")]
    for w in WORDS:
        assert lemmas.lemmatize(w) == simplemma.lemmatize(w, lang="sv"), w
        assert lemmas.is_known(w) == simplemma.is_known(w, lang="sv"), w
    lemmas._tools.cache_clear()
    assert lemmas._tools() is not None  # a later process loads the file


def test_an_unwritable_cache_falls_back_to_the_default_dictionary(fresh):
    (fresh / "cache").write_text("not a directory")  # the cache directory cannot be made
    assert lemmas._tools() is None
    assert lemmas.lemmatize("regionerna") == "region" and lemmas.is_known("vara")
