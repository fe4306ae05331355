"""Places for the generated corpus, and the substitution that puts them into seed text.

The seed pages are about Sörmland, Gnesta and Halland. A generated page keeps their text but
speaks of another region and its municipalities, drawn from the gazetteer copied into
``pipeline/bench/data`` (SCB codes, CC0), so the corpus mentions many different places the way a
national corpus does.
"""

from __future__ import annotations

import csv
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

from ..iri import slug

DATA = Path(__file__).resolve().parent / "data"


@dataclass(frozen=True, slots=True)
class Place:
    """The publisher and places one generated document speaks of."""

    region: str  # "Region Halland"
    county: str  # "Halland"
    municipality: str  # "Kungsbacka kommun"
    municipality_short: str  # "Kungsbacka"
    seat: str  # another municipality of the county, used where the seed names a town
    others: tuple[str, str]  # two municipalities elsewhere in the country

    @property
    def region_domain(self) -> str:
        return slug(self.region).replace("-", "")

    @property
    def municipality_domain(self) -> str:
        return slug(self.municipality_short).replace("-", "")


@cache
def _regions() -> tuple[tuple[str, str, str], ...]:
    with (DATA / "regions.csv").open(encoding="utf-8") as fh:
        return tuple((r["county_code"], r["region_name"], r["region_short"]) for r in csv.DictReader(fh))


@cache
def _municipalities() -> tuple[tuple[str, str, str], ...]:
    with (DATA / "municipalities.csv").open(encoding="utf-8") as fh:
        return tuple((r["county_code"], r["municipality_name"], r["municipality_name_short"])
                     for r in csv.DictReader(fh))


def pick_place(rng: random.Random) -> Place:
    """A region, one of its municipalities, another of them, and two elsewhere."""
    code, region, county = rng.choice(_regions())
    local = [m for m in _municipalities() if m[0] == code]
    _, muni, muni_short = rng.choice(local)
    seat = rng.choice(local)[2]
    others = tuple(m[2] for m in rng.sample(_municipalities(), 2))
    return Place(region, county, muni, muni_short, seat, others)  # type: ignore[arg-type]


# Names the seeds use, longest first so "Region Sörmland" wins over "Sörmland".
_SEED_NAMES = {
    "Region Sörmland": "region", "Region Halland": "region",
    "Gnesta kommun": "municipality",
    "Södermanland": "county", "Sörmland": "county", "Halland": "county",
    "Gnesta": "municipality_short", "Nyköping": "seat", "Halmstad": "seat", "Eskilstuna": "seat",
    "Ängelholm": "other0", "Borgholm": "other1",
    "regionsormland": "region_domain", "regionhalland": "region_domain", "gnesta": "municipality_domain",
    "sormland": "region_domain",
}
_SEED_RE = re.compile("|".join(re.escape(n) for n in sorted(_SEED_NAMES, key=len, reverse=True)))


def substitute(text: str, place: Place) -> str:
    """``text`` with every seed place name replaced by the corresponding name of ``place``."""
    values = {
        "region": place.region, "county": place.county, "municipality": place.municipality,
        "municipality_short": place.municipality_short, "seat": place.seat,
        "other0": place.others[0], "other1": place.others[1],
        "region_domain": place.region_domain, "municipality_domain": place.municipality_domain,
    }
    return _SEED_RE.sub(lambda m: values[_SEED_NAMES[m.group(0)]], text)
