"""Build ``gazetteer.ttl`` (SKOS) from the CSV files next to this script.

    python ontology/gazetteer/build.py            # rewrites ontology/gazetteer/gazetteer.ttl
    python ontology/gazetteer/build.py --check    # exit 1 if the committed TTL is out of date

Places and the organisations named after them are different concepts:

* places (scheme ``places``): Sverige; the 21 counties (län), e.g. ``place/halland`` with labels
  "Halland", "Hallands län" and the short name of the region ("Sörmland"); the 290 municipalities,
  e.g. ``place/gnesta``; common foreign places (``foreign.csv``). A county whose short name is also
  a municipality's (Stockholm, Uppsala, …) is keyed by its full name (``place/stockholms-lan``) so
  that the bare name means the town; names whose keys coincide once folded to ASCII (Habo, Håbo)
  carry their SCB code in the key (``place/habo-0643``); a county with a single municipality (Gotland) is one place.
* organisations (scheme ``public-bodies``): the 21 regional authorities, e.g. ``actor/region-halland``
  (kind region), and the 290 municipalities as organisations, e.g. ``actor/gnesta-kommun`` (kind
  municipality), each ``nvo:responsibleFor`` its place.

Genitive forms ("Hallands", "Gnestas", "Region Hallands") are hidden labels; so are former names
(landsting). Official names that differ from the generated "X kommun" come from
``municipality-names.csv``; abbreviations and former names of regions from ``region-names.csv``.
The output is sorted and byte-for-byte reproducible.
"""

from __future__ import annotations

import argparse
import csv
import re
import sys
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

HERE = Path(__file__).resolve().parent
sys.path.insert(0, str(HERE.parent.parent))

from pipeline.iri import concept  # noqa: E402

OUT = HERE / "gazetteer.ttl"
SCHEME_PLACES = "https://w3id.org/naravard/scheme/places"
SCHEME_BODIES = "https://w3id.org/naravard/scheme/public-bodies"


@dataclass
class Node:
    iri: str
    cls: str
    scheme: str
    pref: str
    kind: str
    pref_en: str | None = None
    alt: list[str] = field(default_factory=list)
    hidden: list[str] = field(default_factory=list)
    notation: list[str] = field(default_factory=list)
    links: list[tuple[str, str]] = field(default_factory=list)  # (predicate, iri)


def genitive(name: str) -> str:
    """Swedish s-genitive: "Halland" -> "Hallands"; names ending in s, x or z are unchanged."""
    return name if name[-1] in "sxzSXZ" else name + "s"


def read(name: str) -> list[dict[str, str]]:
    with open(HERE / name, encoding="utf-8", newline="") as fh:
        return list(csv.DictReader(fh))


def split(cell: str | None) -> list[str]:
    return [x.strip() for x in (cell or "").split(";") if x.strip()]


def build() -> list[Node]:
    counties = read("counties.csv")
    municipalities = read("municipalities.csv")
    regions = {r["county_code"]: r for r in read("regions.csv")}
    region_names = {r["county_code"]: r for r in read("region-names.csv")}
    official = {r["municipality_code"]: r for r in read("municipality-names.csv")}
    by_county: dict[str, list[dict[str, str]]] = defaultdict(list)
    for m in municipalities:
        by_county[m["county_code"]].append(m)
    town_names = {m["municipality_name_short"] for m in municipalities}

    sverige = Node(concept("region", "Sverige"), "Place", SCHEME_PLACES, "Sverige", "country", "Sweden",
                   hidden=["Sveriges"], notation=["SE"])
    nodes = [sverige]
    county_place: dict[str, str] = {}
    merged_place: dict[str, str] = {}  # municipality code -> county place (single-municipality county)
    for c in counties:
        code, full, short = c["county_code"], c["county_name"], c["county_name_short"]
        single = len(by_county[code]) == 1 and by_county[code][0]["municipality_name_short"] == short
        key = full if (short in town_names and not single) else short
        node = Node(concept("region", key), "Place", SCHEME_PLACES, key, "county", f"{short} County",
                    notation=[code], links=[("locatedIn", sverige.iri)])
        labels = [full] if key != full else []
        region_short = regions.get(code, {}).get("region_short", "")
        if region_short and region_short not in (short, key) and region_short not in town_names:
            labels.append(region_short)
        node.alt = [x for x in dict.fromkeys(labels) if x != key]
        forms = [key] + node.alt
        node.hidden = [g for g in dict.fromkeys(genitive(x) for x in forms) if g not in forms]
        if key != short and short not in town_names:
            node.hidden.append(short)
        if single:
            node.notation.append(by_county[code][0]["municipality_code"])
            merged_place[by_county[code][0]["municipality_code"]] = node.iri
        county_place[code] = node.iri
        nodes.append(node)
        nodes.append(region_org(code, regions.get(code), region_names.get(code), node.iri))
    clashes = _clashing_names(municipalities)
    for m in municipalities:
        nodes.extend(municipality(m, official.get(m["municipality_code"]), county_place, merged_place, nodes,
                                  clashes))
    nodes.extend(foreign(read("foreign.csv")))
    return nodes


def _clashing_names(municipalities: list[dict[str, str]]) -> set[str]:
    """Municipality names whose IRI slugs coincide ("Habo" and "Håbo"): these get the code in their key."""
    by_slug: dict[str, list[str]] = defaultdict(list)
    for m in municipalities:
        by_slug[concept("region", m["municipality_name_short"])].append(m["municipality_name_short"])
    return {name for names in by_slug.values() if len(names) > 1 for name in names}


def region_org(code: str, region: dict[str, str] | None, extra: dict[str, str] | None, place: str) -> Node:
    name, short = region["region_name"], region["region_short"]
    node = Node(concept("actor", name), "Actor", SCHEME_BODIES, name, "region", notation=[code],
                links=[("responsibleFor", place)])
    alt = split(extra.get("alt_labels")) if extra else []
    if f"Region {short}" != name:
        alt.insert(0, f"Region {short}")
    node.alt = [a for a in dict.fromkeys(alt) if a != name]
    former = split(extra.get("hidden_labels")) if extra else []
    node.hidden = list(dict.fromkeys([genitive(name)] + [genitive(a) for a in node.alt if not a.isupper()]
                                     + [a + ":s" for a in node.alt if a.isupper()] + former))
    return node


def municipality(m: dict[str, str], official: dict[str, str] | None, county_place: dict[str, str],
                 merged_place: dict[str, str], nodes: list[Node], clashes: set[str]) -> list[Node]:
    code, csv_name, short = m["municipality_code"], m["municipality_name"], m["municipality_name_short"]
    suffix = f" {code}" if short in clashes else ""
    out: list[Node] = []
    place = merged_place.get(code)
    if place is None:
        node = Node(concept("region", short + suffix), "Place", SCHEME_PLACES, short, "municipality", notation=[code],
                    links=[("locatedIn", county_place[m["county_code"]])])
        if genitive(short) != short:
            node.hidden = [genitive(short)]
        stem = re.sub(r" (?:kommun|stad|Stad)$", "", official["official_name"]) if official else short
        if stem not in (short, genitive(short)) and not stem.startswith("Region"):
            node.hidden.append(stem)  # "Falu" (Falu kommun, Falu lasarett) names the place Falun
        place = node.iri
        out.append(node)
    name = official["official_name"] if official else csv_name
    iri = concept("actor", name + suffix)
    existing = next((n for n in nodes if n.iri == iri), None)
    if existing is not None:  # e.g. Region Gotland: the region is also the municipality
        existing.notation.append(code)
        existing.hidden.extend(x for x in [csv_name] if x not in existing.hidden)
        return out
    org = Node(iri, "Actor", SCHEME_BODIES, name, "municipality", notation=[code],
               links=[("responsibleFor", place)])
    alt = ([csv_name] if csv_name != name else []) + (split(official.get("alt_labels")) if official else [])
    plain = f"{short} kommun"
    org.alt = [a for a in dict.fromkeys(alt) if a != name]
    hidden = [plain, f"{genitive(short)} kommun"] + [genitive(x) for x in [name] + org.alt]
    org.hidden = [h for h in dict.fromkeys(hidden) if h != name and h not in org.alt]
    out.append(org)
    return out


def foreign(rows: list[dict[str, str]]) -> list[Node]:
    out = []
    for r in rows:
        node = Node(concept("region", r["name"]), "Place", SCHEME_PLACES, r["name"], "foreign", r["english"] or None,
                    alt=split(r["alt_labels"]))
        node.hidden = [g for g in dict.fromkeys(genitive(x) for x in [r["name"]] + node.alt)
                       if g not in [r["name"]] + node.alt]
        out.append(node)
    return out


def lit(text: str, lang: str | None = "sv") -> str:
    s = text.replace("\\", "\\\\").replace('"', '\\"')
    return f'"{s}"@{lang}' if lang else f'"{s}"'


def render(nodes: list[Node]) -> str:
    head = [
        "# Generated by ontology/gazetteer/build.py from the CSV files in this folder; do not edit by hand.",
        "# Counties and municipalities with SCB codes: sjbrg/swedish-geodata v2025.01 (CC0 1.0).",
        "@prefix skos: <http://www.w3.org/2004/02/skos/core#> .",
        "@prefix dcterms: <http://purl.org/dc/terms/> .",
        "@prefix nvo: <https://w3id.org/naravard/ontology#> .",
        "",
        f"<{SCHEME_PLACES}> a skos:ConceptScheme ;",
        '    skos:prefLabel "Platser"@sv, "Places"@en ;',
        '    dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> .',
        "",
        f"<{SCHEME_BODIES}> a skos:ConceptScheme ;",
        '    skos:prefLabel "Regioner och kommuner som organisationer"@sv, "Regional and local authorities"@en ;',
        '    dcterms:license <http://creativecommons.org/publicdomain/zero/1.0/> .',
        "",
    ]
    body = []
    for n in sorted(nodes, key=lambda n: n.iri):
        lines = [f"<{n.iri}> a skos:Concept, nvo:{n.cls} ;", f"    skos:inScheme <{n.scheme}> ;"]
        prefs = [lit(n.pref)] + ([lit(n.pref_en, "en")] if n.pref_en else [])
        lines.append(f"    skos:prefLabel {', '.join(prefs)} ;")
        if n.alt:
            lines.append(f"    skos:altLabel {', '.join(lit(a) for a in n.alt)} ;")
        if n.hidden:
            lines.append(f"    skos:hiddenLabel {', '.join(lit(h) for h in n.hidden)} ;")
        if n.notation:
            lines.append(f"    skos:notation {', '.join(lit(x, None) for x in n.notation)} ;")
        for pred, obj in n.links:
            lines.append(f"    nvo:{pred} <{obj}> ;")
        lines.append(f"    nvo:kind {lit(n.kind, None)} .")
        body.append("\n".join(lines))
    return "\n".join(head) + "\n" + "\n\n".join(body) + "\n"


def main(argv: list[str] | None = None) -> int:
    ap = argparse.ArgumentParser(description=__doc__, formatter_class=argparse.RawDescriptionHelpFormatter)
    ap.add_argument("--check", action="store_true", help="fail if gazetteer.ttl differs from a fresh build")
    args = ap.parse_args(argv)
    text = render(build())
    if args.check:
        current = OUT.read_text(encoding="utf-8") if OUT.exists() else ""
        if current != text:
            print(f"{OUT} is out of date: run python {Path(__file__).relative_to(HERE.parent.parent)}")
            return 1
        return 0
    OUT.write_text(text, encoding="utf-8")
    print(f"wrote {OUT} ({len(nodes_of(text))} concepts)")
    return 0


def nodes_of(text: str) -> list[str]:
    return [ln for ln in text.splitlines() if ln.startswith("<") and " a skos:Concept" in ln]


if __name__ == "__main__":
    sys.exit(main())
