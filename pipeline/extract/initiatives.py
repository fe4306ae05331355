"""Named projects and efforts: "i projektet Trygg hemgång", "satsningen Hälsostaden", "forskningsprojekt Håll kontakten".

A project's name is often made of the reform's own words ("Trygg hemgång", "Nära vård i glesbygd"),
which are then no statement of a principle: the name is an initiative, and the thesaurus matches
inside it do not count (see :func:`pipeline.extract.extract`). A name is recognised by its cue, a
word for a project or effort ("projektet", "utvecklingsprojektet", "satsningen", "programmet",
"initiativet", "konceptet", "arbetssättet"), followed by a capitalised word, or by its kind joined
with a hyphen to a capitalised name inside a sentence ("Trygg hemma-teamet"). The name ends at
punctuation, at a word of the sentence (a function word, an adverb, a verb) or after two lower-case
words: "Trygg hemgång", "Hälsostaden" (not "… för en mer personcentrerad vård"), "Hälsosamtal 75+"
(not "… tillsammans med …"); "i X" closes a name that ends the sentence ("Nära vård i glesbygd.").
"""

from __future__ import annotations

import re

from .gazetteer import EntityKnowledge
from .spans import Candidate, TextContext, occurrences
from .titles import verb_like

_CUE = re.compile(r"\b(?P<cue>[a-zåäö]*(?:projekt(?:et)?|satsning(?:en)?|programmet|initiativet|konceptet|"
                  r"arbetssättet))[ \t]+(?=[A-ZÅÄÖ])")
_CUE_AT = re.compile(r"projekt|satsning|programmet|initiativet|konceptet|arbetssättet")
# A name joined to its kind with a hyphen, capitalised inside a sentence: "har Trygg hemma-teamet hjälpt".
_HYPHENATED = re.compile(r"(?<=[a-zåäö,] )(?P<n>[A-ZÅÄÖ][a-zåäö]+(?: [a-zåäö]+){0,2})-(?P<h>teamet|team|projektet|modellen|"
                         r"satsningen|programmet|konceptet|metoden|mottagningen|huset)\b")
_HYPHENATED_AT = re.compile(r"-(?:team|projektet|modellen|satsningen|programmet|konceptet|metoden|mottagningen|huset)")
_WORD = re.compile(r"\S+")
_TRAILING = ".,;:!?)”\"»"
# Words of the sentence, not of a name.
_SENTENCE_WORDS = frozenset("""och eller men som för med till från av på om vid hos inom under efter där när att i
är var har hade ska kan blir finns också även tillsammans nu sedan redan just bara både samt mellan genom
""".split())
_CLOSING = frozenset("i på för".split())  # "Nära vård i glesbygd.": a name may end in such a phrase
MAX_LOWER = 2


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Initiative candidates named after a cue word (see module docstring)."""
    out = []
    for m in ctx.near(_CUE, _CUE_AT, 30):
        start = m.end()
        _bs, be = ctx.block_of(start)
        end = name_end(ctx.text, start, be)
        name = ctx.text[start:end]
        if end <= start or ek.lookup_name(name, "actor") or ek.lookup_name(name, "region"):
            continue
        out.append(Candidate("initiative", name, start, end, "initiatives.cue", kind=_kind(m["cue"]), key=name,
                             strong=True))
    for m in ctx.near(_HYPHENATED, _HYPHENATED_AT, 40):
        name = m["n"]
        if ek.lookup_name(name) is None:
            out.append(Candidate("initiative", name, m.start(), m.end(), "initiatives.name", kind=_kind(m["h"]), key=name,
                                 labels=(m.group(),), strong=True))
    return out + _repeats(ctx, out)


def _repeats(ctx: TextContext, found: list[Candidate]) -> list[Candidate]:
    """Other uses of a name found once, also where its capital proves nothing (a heading, a sentence start)."""
    out = []
    seen = {c.span for c in found}
    for c in found:
        written = ctx.text[c.start:c.end]
        for start, end in occurrences(ctx.text, written):
            if (start, end) not in seen:
                seen.add((start, end))
                out.append(Candidate("initiative", c.label, start, end, "initiatives.repeat", kind=c.kind, key=c.key,
                                     labels=c.labels, strong=True))
    return out


def _kind(cue: str) -> str:
    return "project" if "projekt" in cue else "programme"


def name_end(text: str, start: int, limit: int) -> int:
    """Where a project name starting at ``start`` ends (exclusive), not beyond ``limit``."""
    words = list(_WORD.finditer(text, start, limit))
    end, lower = start, 0
    for i, m in enumerate(words):
        word = m.group()
        core = word.rstrip(_TRAILING)
        if i == 0:
            end = m.start() + len(core)
            if core != word:
                break
            continue
        if core[:1].isupper() or core[:1].isdigit():
            pass
        elif core in _CLOSING and i + 1 < len(words) and _ends_sentence(words[i + 1].group()):
            end = words[i + 1].start() + len(words[i + 1].group().rstrip(_TRAILING))
            break
        elif core in _SENTENCE_WORDS or verb_like(core) or lower >= MAX_LOWER or not core:
            break
        else:
            lower += 1
        end = m.start() + len(core)
        if core != word:
            break
    return end


def _ends_sentence(word: str) -> bool:
    return word.rstrip(_TRAILING) != word and word[-1:] in _TRAILING and word.rstrip(_TRAILING)[:1].isalpha()
