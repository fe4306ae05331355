"""The fast paths of extraction give exactly what the plain ones give.

``TextContext.near`` tries a pattern only near its anchor; it must find what ``finditer`` finds.
The section lookup of the relations is a sweep and a bisection; it must agree with a scan of all
sections. Both are checked on generated text built from the words the patterns care about.
"""

from __future__ import annotations

import re

from entities_support import doc
from hypothesis import given, settings
from hypothesis import strategies as st

from pipeline.extract import actors, bodies, initiatives, persons, reports
from pipeline.extract.relations import _section_index
from pipeline.extract.spans import TextContext
from pipeline.parse.builder import DocumentBuilder
from pipeline.types import Metadata

WORDS = ["Region", "Halland", "kommun", "Kommun", "Umeå", "universitet", "Högskolan", "i", "Gävle", "Vårdcentralen",
         "Sala", "Väsby", "sjukhus", "rapporten", "Nära", "vård", "SOU", "2020:19", "(SKR)", "KRF", "(", ")", "och",
         "tagits", "fram", "av", "Famna", "Stiftelsen", "Ersta", "Myndigheten", "för", "analys", "Foundation", "The",
         "nätverket", "Chefsnätverket", "AB", "Tiohundra", "”Omtanke”", "målbilden", ",", ".", "\n\n", "Handlingsplan",
         "Regionala", "samverkansrådet", "säger", "Anna", "Lund", "sjukvårdsområde", "Stockholms", "läns", "centrum",
         "RAPPORTEN", "Utredningen", "Regional", "utvecklingsplan", "Målbild", "Länsöverenskommelse", "om", "2024",
         "Berg,", "chef", "utvecklingsledare", "Trygg", "hemma-teamet", "SKR:s", "sjukvårdsdelegation", "nämnd"]
PATTERNS = [
    (actors._KOMMUN, actors._KOMMUN_AT, 60), (actors._UNIVERSITET, actors._UNIVERSITET_AT, 60),
    (actors._HOGSKOLAN_I, actors._HOGSKOLAN_I_AT, 0), (actors._UNIT, actors._UNIT_AT, 60),
    (actors._UNIT_HEAD_FIRST, actors._UNIT_HEAD_FIRST_AT, 0), (actors._FOUNDATION, actors._FOUNDATION_AT, 200),
    (actors._REGION, actors._REGION_AT, 0), (actors._MYNDIGHETEN_FOR, actors._MYNDIGHETEN_FOR_AT, 0),
    (bodies._BODY, bodies._BODY_AT, 60), (bodies._COMPANY, bodies._COMPANY_AT, 150),
    (bodies._AGENT, bodies._AGENT_AT, 80), (bodies._DEFINED_AFTER, bodies._DEFINED_AFTER_AT, 16),
    (bodies._ADJ_BODY, bodies._ADJ_BODY_AT, 60), (bodies._APPOSITION, bodies._APPOSITION_AT, 0),
    (reports._NUMBER, reports._NUMBER_AT, 0), (reports._QUOTED, reports._QUOTED_AT, 120),
    (reports._UNQUOTED, reports._UNQUOTED_AT, 20, True), (reports._PLAN_IN_TEXT, reports._PLAN_IN_TEXT_AT, 40, True),
    (persons._TITLED, persons._TITLED_AT, 160), (persons._SPEAKER, persons._SPEAKER_AT, 0),
    (initiatives._HYPHENATED, initiatives._HYPHENATED_AT, 40), (bodies._OWN_ORGAN, bodies._OWN_ORGAN_AT, 60),
]

texts = st.lists(st.sampled_from(WORDS), min_size=1, max_size=60).map(lambda ws: " ".join(ws).replace(" \n\n ", "\n\n"))


@settings(max_examples=200, deadline=None)
@given(texts)
def test_near_finds_what_finditer_finds(text):
    ctx = TextContext(doc(text))
    for pattern, anchor, back, *fold in PATTERNS:
        want = [(m.start(), m.end()) for m in pattern.finditer(ctx.text)]
        got = [(m.start(), m.end()) for m in ctx.near(pattern, anchor, back, *fold)]
        assert got == want, pattern.pattern


def test_near_on_a_seed_sized_text():
    text = ("Region Halland och Högskolan i Halmstad. Umeå universitet och Gnesta kommun. " * 50 +
            "Vårdcentralen Sala Väsby, KRF (kommun- och regionledningsforum) och SOU 2020:19. ") * 3
    ctx = TextContext(doc(text))
    for pattern, anchor, back, *fold in PATTERNS:
        assert [m.span() for m in ctx.near(pattern, anchor, back, *fold)] == [m.span() for m in pattern.finditer(ctx.text)]


def _brute(sections, pos):
    best, size = -1, 1 << 60
    for i, s in enumerate(sections):
        if s.start <= pos < max(s.end, s.heading_end + 1) and s.end - s.start < size:
            best, size = i, s.end - s.start
    return best


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(st.integers(1, 3), st.integers(0, 4)), min_size=1, max_size=12))
def test_innermost_section_by_sweep_agrees_with_a_scan(shape):
    b = DocumentBuilder()
    for level, paragraphs in shape:
        b.heading(f"Rubrik {level}", level)
        for k in range(paragraphs):
            b.add("paragraph", f"Stycke {k} med text.")
    document = b.build(location="t", media_type="text/plain", sha256="0" * 64, metadata=Metadata())
    innermost = _section_index(TextContext(document))
    for pos in range(len(document.text) + 2):
        assert innermost(pos) == _brute(document.sections, pos), pos


def test_word_starts():
    ctx = TextContext(doc("Upplands-Bro, SKR:s 2020:19 och (KRF)"))
    assert [ctx.text[i] for i in ctx.word_starts] == ["U", "B", "S", "s", "2", "1", "o", "K"]
    assert re.findall(r"\b\w", ctx.text) == [ctx.text[i] for i in ctx.word_starts]
