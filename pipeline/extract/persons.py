"""Persons: a common given name followed by capitalised surnames, with the role the text gives them.

"den särskilda utredaren Anna Nergårdh" -> Anna Nergårdh, role "särskilda utredaren"; a name alone on
a line under a heading "Informationsansvarig" with "Konsult" on the next line -> role "Konsult"
(and the heading). Given names come from ``ontology/names/first_names.txt``; one that is also an
ordinary word (Per, Bo, Liv; marked in the list) counts only mid-sentence
or on a line of its own. A name the list does not know counts in a context only a person fits: a
speaker ("säger Annemieke Ålenius"), a title after a comma, a party ("Aida Hadzialic (S)"). Later uses
of the surname alone ("Nergårdh föreslår") are mentions of the same person (:func:`surnames`); the
organisation named after a person's role ("Jenny Fridh, utvecklingsledare, Qulturum") is an actor the
person is a member of, with its other uses (:func:`employers`).
"""

from __future__ import annotations

import re

from .bodies import repeats
from .gazetteer import EntityKnowledge
from .spans import Candidate, SpanIndex, TextContext, is_common_word, occurrences

# A capitalised word, not preceded by a word character. The look-behind stands after the capital, where it
# reads the same as a leading \b, so that the engine skips straight to capitals.
_GIVEN = re.compile(r"[A-ZÅÄÖÉ](?<!\w\w)[a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\b")
_SURNAME = re.compile(r"\s(?:(?:von|af|de|van|der) )?[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?\b")
# Words that end a name: the head of an organisation, not a surname.
_NOT_SURNAME = frozenset("""Region Kommun Stad Universitet Högskola Vårdcentral Hälsocentral Foundation Stiftelse
Sjukhus Hemtjänst Konsult Institutet AB""".split())
ROLE_WORDS = (r"(?:utredare|direktör|chef|ordförande|ansvarig|ledare|samordnare|minister|handläggare|strateg|"
              r"sekreterare|konsult|forskare|professor|docent|läkare|sjuksköterska|kommunikatör|rådgivare|"
              r"statsråd|talesperson|analytiker|kurator|controller|utvecklare|koordinator|expert|ombud|"
              r"företrädare|representant|författare|redaktör)")
_ROLE_BEFORE = re.compile(rf"(?P<r>(?:(?:den|det|vår|vårt|regionens|kommunens|nationella|särskilda|[\w-]+s) )?"
                          rf"(?:[\w-]+ )?[\w-]*{ROLE_WORDS}(?:en|n|ern|rn|aren)?)\s+$", re.I)
_ROLE_AFTER = re.compile(rf"^,\s+(?P<r>(?:[\w-]+ ){{0,3}}[\w-]*{ROLE_WORDS}(?:en|n|ern|rn|aren)?(?: (?:vid|på|i|för) "
                         rf"[A-ZÅÄÖ][\w-]*(?: [A-ZÅÄÖ][\w-]*)?)?)", re.I)
_PNAME = r"[A-ZÅÄÖÉ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöé]+)?"
# A name the given-name list does not know, in a context that only a person fits.
_SPEAKER = re.compile(rf"\b(?:säger|enligt|berättar|skriver|menar|förklarar|konstaterar|betonar|understryker)\s+"
                      rf"(?P<n>{_PNAME}(?: {_PNAME}){{1,2}})(?=,|\.|\s+(?:som|och)\b)")
_TITLED = re.compile(rf"\b(?P<n>{_PNAME}(?: {_PNAME}){{1,2}}), (?:[\w-]+ ){{0,2}}[\w-]*{ROLE_WORDS}(?:en|n)?\b")
_TITLED_AT = re.compile(ROLE_WORDS)
# A politician named with the party: "säger Aida Hadzialic (S), hälso- och sjukvårdsregionråd".
_PARTY = re.compile(rf"\b(?P<n>{_PNAME}(?: {_PNAME}){{1,2}}) \((?:S|M|C|L|V|KD|MP|SD)\)")
_PARTY_AT = re.compile(r" \((?:S|M|C|L|V|KD|MP|SD)\)")
_SPEAKER_AT = re.compile(r"säger|enligt|berättar|skriver|menar|förklarar|konstaterar|betonar|understryker")
_ROLE_LINE = re.compile(r"^[A-ZÅÄÖ][\w-]*(?: [\w-]+){0,3}$")


def find(ctx: TextContext, ek: EntityKnowledge) -> list[Candidate]:
    """Persons named with a known given name and one to three capitalised surnames."""
    out = []
    text = ctx.text
    for m in _GIVEN.finditer(text):
        given = m.group()
        if given not in ek.first_names:
            continue
        if given in ek.ordinary_names and ctx.is_initial(m.start()) and not _own_line(ctx, m.start()):
            continue
        if text[max(0, m.start() - 1):m.start()] == "-":
            continue
        end, surnames = m.end(), []
        for _ in range(3):
            s = _SURNAME.match(text, end)
            if not s or s.group().strip() in _NOT_SURNAME or "\n" in s.group():
                break
            surnames.append(s.group().strip())
            end = s.end()
        if not surnames or all(w in ek.ordinary_names for w in surnames):
            continue
        name = text[m.start():end]
        out.append(Candidate("actor", name, m.start(), end, "persons", kind="person", key=name,
                             role=_role(ctx, m.start(), end)))
    return out + _by_context(ctx, ek, {c.start for c in out})


def _by_context(ctx: TextContext, ek: EntityKnowledge, known: set[int]) -> list[Candidate]:
    """Persons whose given name is not in the list, named as speakers or with a title ("…, generaldirektör")."""
    out = []
    found = list(ctx.near(_SPEAKER, _SPEAKER_AT, 0)) + list(ctx.near(_TITLED, _TITLED_AT, 160))
    for m in found + list(ctx.near(_PARTY, _PARTY_AT, 80)):
        name, start = m["n"], m.start("n")
        words = name.split(" ")
        if len(words) == 3 and m.re is _PARTY and is_common_word(words[0]):
            name, start, words = " ".join(words[1:]), start + len(words[0]) + 1, words[1:]  # "Regionrådet Aida Hadzialic"
        if start in known or any(is_common_word(w) and w not in ek.first_names for w in words[:1]):
            continue
        if ek.lookup_name(name) is not None or any(ek.lookup_name(w) is not None for w in words):
            continue
        if any(w in _NOT_SURNAME for w in words):
            continue
        known.add(start)
        out.append(Candidate("actor", name, start, start + len(name), "persons.context", kind="person", key=name,
                             role=_role(ctx, start, start + len(name))))
    return out


def _own_line(ctx: TextContext, start: int) -> bool:
    """True when the words at ``start`` are a block of their own of two or three capitalised words ("Per Holm")."""
    bs, be = ctx.block_of(start)
    words = ctx.text[bs:be].split()
    return bs == start and 2 <= len(words) <= 4 and all(w[:1].isupper() for w in words)


def _role(ctx: TextContext, start: int, end: int) -> tuple[str, int, int] | None:
    text = ctx.text
    before = text[max(0, start - 80):start]
    m = _ROLE_BEFORE.search(before)
    if m:
        s = start - len(before) + m.start("r")
        return (m["r"], s, s + len(m["r"]))
    m = _ROLE_AFTER.match(text[end:end + 100])
    if m:
        return (m["r"], end + m.start("r"), end + m.end("r"))
    bs, be = ctx.block_of(start)
    if text[bs:be].strip() == text[start:end]:  # the name is a line of its own: the next line is its title
        for s, e, _kind in ctx.blocks:
            if s >= be:
                line = text[s:e].strip()
                if _ROLE_LINE.match(line) and len(line.split()) <= 4 and not any(c.isdigit() for c in line):
                    return (line, s, e)
                break
    return None


# "Kontakt: Jenny Fridh, utvecklingsledare, Qulturum": the organisation after a person's role, ending the line.
_EMPLOYER_AFTER_ROLE = re.compile(r",\s*(?P<o>[A-ZÅÄÖ][\w-]*(?: [A-ZÅÄÖ][\w-]*){0,3})(?=\s*(?:[.;\n]|$|,\s*(?:tel|tfn|telefon|"
                                  r"e-post|mejl)))", re.I)


def employers(ctx: TextContext, ek: EntityKnowledge, persons: list[Candidate]) -> list[Candidate]:
    """Organisations named after a person's role ("…, utvecklingsledare, Qulturum"), and their other uses."""
    out: list[Candidate] = []
    done: set[str] = set()
    for p in persons:
        if p.kind != "person" or not p.role or p.role[1] < p.end:
            continue
        m = _EMPLOYER_AFTER_ROLE.match(ctx.text, p.role[2])
        if m is None or m["o"][:1].islower():
            continue
        name = m["o"]
        if (ek.lookup_name(name) is not None or name.split(" ")[0] in ek.first_names or
                (" " not in name and is_common_word(name)) or name in done):
            continue
        done.add(name)
        start, end = m.start("o"), m.end("o")
        cand = Candidate("actor", name, start, end, "persons.employer", kind="organisation", key=name, strong=True,
                         related=(("memberOf", p.start, p.end, False),))
        out.append(cand)
        if " " not in name and len(name) >= 4:
            out += [r for r in repeats(ctx.text, name, cand) if r.start != start]
    return out


def surnames(ctx: TextContext, persons: list[Candidate], taken: list[tuple[int, int]]) -> list[Candidate]:
    """Uses of a person's surname alone, after the full name, as mentions of that person."""
    out = []
    claimed = SpanIndex(taken)
    first: dict[str, Candidate] = {}
    for p in sorted(persons, key=lambda c: c.start):
        first.setdefault(p.label, p)
    for p in first.values():
        last = p.label.split(" ")[-1]
        if is_common_word(last) or len(last) < 3:
            continue
        for s, e in occurrences(ctx.text, last, p.end, suffix="s"):
            if claimed.overlaps(s, e):
                continue
            out.append(Candidate("actor", p.label, s, e, "persons.surname", kind="person", key=p.key, score=0.8))
    return out
