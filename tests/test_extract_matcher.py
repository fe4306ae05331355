"""The compiled label matcher: inflection, case, compounds, gaps, boundaries and overlap choice."""

from pipeline.extract.matcher import Matcher, select

P, S, A, G = "urn:p", "urn:s", "urn:a", "urn:g"


def found(matcher, text):
    return [(text[m.start:m.end], m.target.iri) for m in matcher.find(text)]


def test_phrases_match_inflected_forms():
    m = Matcher.compile([(P, "personcentrerat arbetssätt", 0, False), (A, "region", 0, False)])
    assert found(m, "Personcentrerade arbetssätten och regionerna") == [
        ("Personcentrerade arbetssätten", P), ("regionerna", A)]


def test_abbreviation_labels_are_case_sensitive():
    m = Matcher.compile([(A, "SKR", 1, False), (A, "Sveriges Kommuner och Regioner", 0, False)])
    assert found(m, "SKR:s stöd") == [("SKR:s", A)]
    assert found(m, "skr är inget ord") == []
    assert found(m, "Sveriges Kommuner och Regioners roll") == [("Sveriges Kommuner och Regioners", A)]


def test_capitalised_label_words_need_capitals_in_the_text():
    m = Matcher.compile([(G, "Effektiv vård", 0, False)])
    assert found(m, "utredningen Effektiv vård") == [("Effektiv vård", G)]
    assert found(m, "en tillgänglig och effektiv vård") == []


def test_one_word_labels_match_as_compound_heads_only_when_allowed():
    m = Matcher.compile([(P, "tillgänglig", 0, True), (A, "kommun", 0, False)])
    assert found(m, "Vården är lättillgänglig") == [("lättillgänglig", P)]
    assert found(m, "Gnestakommun") == []  # names do not match inside compounds
    assert found(m, "otillgänglig") == []  # a one-letter prefix is not a compound


def test_gap_labels_allow_a_few_words_within_a_sentence():
    m = Matcher.compile([(P, "primärvården … nav", 2, False)])
    assert found(m, "Primärvården ska vara ett nav i vården.") == [("Primärvården ska vara ett nav", P)]
    assert found(m, "Primärvården växer. Ett nav behövs.") == []
    assert found(m, "Primärvården är en del av vården som har ett nav.") == []  # too far apart


def test_matches_do_not_cross_sentence_punctuation():
    m = Matcher.compile([(P, "nära vård", 0, False)])
    assert found(m, "Det är nära. Vård ges") == []
    assert found(m, "nära, vård") == []
    assert found(m, "nära – vård") == [("nära – vård", P)]


def test_commas_inside_a_match_only_when_the_label_has_one():
    m = Matcher.compile([(P, "digital när det är möjligt, fysisk när det behövs", 0, False)])
    assert found(m, "Vården är digital när det är möjligt, fysisk när det behövs.") == [
        ("digital när det är möjligt, fysisk när det behövs", P)]


def test_select_leftmost_longest_within_a_layer():
    m = Matcher.compile([(P, "hälsofrämjande", 0, False), (S, "hälsofrämjande arbete", 0, False)])
    chosen = select(m.find("ett hälsofrämjande arbete"), {P: 2, S: 2})
    assert [(c.target.iri, c.start, c.end) for c in chosen] == [(S, 4, 25)]


def test_select_keeps_overlaps_across_layers_but_names_swallow():
    m = Matcher.compile([(P, "samverkan", 0, False), (A, "Vård i samverkan", 0, False), (S, "i samverkan", 0, False)])
    text = "betänkandet Vård i samverkan och mer samverkan"
    chosen = select(m.find(text), {P: 2, A: 0, S: 1}, frozenset({0}))
    assert [(c.target.iri, text[c.start:c.end]) for c in chosen] == [
        (A, "Vård i samverkan"), (P, "samverkan")]
    assert chosen[1].start == text.rindex("samverkan")


def test_same_span_prefers_the_name():
    m = Matcher.compile([(P, "effektiv vård", 1, False), (G, "Effektiv vård", 0, False)])
    chosen = select(m.find("Effektiv vård"), {P: 0, G: 0})
    assert [c.target.iri for c in chosen] == [G]


def test_one_target_per_concept_and_path_keeps_the_best_rank():
    m = Matcher.compile([(P, "kontinuiteten", 2, False), (P, "kontinuitet", 0, False)])
    [match] = m.find("god kontinuitet")
    assert match.target.label == "kontinuitet" and match.target.rank == 0


def test_prefix_labels_match_compound_modifiers():
    m = Matcher.compile([(P, "samverkans*", 2, True)])
    assert found(m, "Samverkansavtalet och samverkansstrukturen") == [
        ("Samverkansavtalet", P), ("samverkansstrukturen", P)]
    assert found(m, "samverkans") == []  # the prefix alone is an ordinary label's business
    assert found(m, "Samverkansgruppen och samverkansråden") == []  # bodies named after the idea
