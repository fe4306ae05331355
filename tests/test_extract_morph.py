"""Swedish normalisation: inflected forms share a key, names and abbreviations keep their case."""

import pytest

from pipeline.extract import morph


@pytest.mark.parametrize(
    "forms",
    [
        ("region", "regionen", "regioner", "regionerna", "regionens", "regionernas"),
        ("kommun", "kommunen", "kommuner", "kommunerna", "kommunernas"),
        ("personcentrerad", "personcentrerade", "personcentrerat"),
        ("personcentrering", "personcentreringen", "personcentreringens"),
        ("förflyttning", "förflyttningen", "förflyttningar", "förflyttningarna"),
        ("hälsofrämjande", "hälsofrämjandet"),
        ("tillgänglig", "tillgängliga", "tillgängligt", "tillgänglighet", "tillgängligheten"),
        ("jämlik", "jämlika", "jämlikt", "jämlikhet"),
        ("trygg", "trygga", "tryggt", "trygghet", "tryggheten"),
        ("effektiv", "effektiva", "effektivt", "effektivare"),
        ("nav", "navet"),
        ("sammanhållen", "sammanhållet", "sammanhållna"),
        ("passiv", "passiva", "passivt"),
        ("delaktig", "delaktiga", "delaktighet"),
        ("kontinuitet", "kontinuiteten"),
        ("samverkan", "samverkans"),
    ],
)
def test_inflected_forms_share_one_key(forms):
    keys = {morph.normalise(f) for f in forms}
    assert len(keys) == 1, {f: morph.normalise(f) for f in forms}


@pytest.mark.parametrize("a,b", [("närhet", "när"), ("nära", "när"), ("region", "regional"), ("person", "personal"),
                                 ("organisation", "organisera"), ("samordning", "samverkan")])
def test_different_words_keep_different_keys(a, b):
    assert morph.normalise(a) != morph.normalise(b)


def test_numbers_are_kept_whole():
    assert [t.surface for t in morph.tokenize("SOU 2020:19 och prop. 2019/20:164")] == [
        "SOU", "2020:19", "och", "prop", "2019/20:164"]
    assert morph.normalise("2020:19") == "2020:19"


def test_tokens_carry_exact_offsets():
    text = "Region Sörmlands och SKL:s målbild"
    for tok in morph.tokenize(text):
        assert text[tok.start:tok.end] == tok.surface
    assert [t.surface for t in morph.tokenize(text)] == ["Region", "Sörmlands", "och", "SKL:s", "målbild"]


def test_abbreviations_match_only_in_capitals():
    assert morph.label_key("SKR") == "=SKR"
    assert "=SKR" in morph.candidates("SKR")
    assert "=SKR" in morph.candidates("SKR:s")  # genitive with a colon
    assert "=SKR" not in morph.candidates("skr")
    assert morph.is_abbreviation("FoUiS") and morph.is_abbreviation("KRF")
    assert not morph.is_abbreviation("Halland") and not morph.is_abbreviation("S")


def test_capitalised_label_words_are_names_without_stemming():
    assert morph.label_key("Halland") == "^halland"
    assert "^halland" in morph.candidates("Hallands")  # genitive
    assert "^halland" not in morph.candidates("halland")  # lower case is not the name
    # stemming would fold the place name "Vara" into the verb "var"
    assert morph.label_key("Vara") not in morph.candidates("Var")


def test_lower_case_label_words_match_any_case():
    key = morph.label_key("hälsofrämjande")
    assert key in morph.candidates("Hälsofrämjande")
    assert key in morph.candidates("HÄLSOFRÄMJANDE")
    assert key in morph.candidates("hälsofrämjandet")


def test_compound_heads():
    heads = [h for _, h in morph.head_splits(morph.normalise("lättillgänglig"))]
    assert morph.normalise("tillgänglig") in heads
    heads = [h for _, h in morph.head_splits(morph.normalise("vårdsamverkan"))]
    assert morph.normalise("samverkan") in heads
    # a one- or two-letter prefix is not a compound modifier ("otrygg" is not a kind of "trygg")
    heads = [h for _, h in morph.head_splits(morph.normalise("otrygg"))]
    assert morph.normalise("trygg") not in heads


def test_content_keys_drop_function_words():
    assert morph.content_keys("från fokus på organisation", frozenset({"från", "på"})) == ["fokus", "organisation"]
