"""Page metadata: title, canonical URL, language, site name, publisher, description, keywords and
publication/modification dates, from the ``<head>``, JSON-LD and the visible page.

Sources, most trusted first (a CMS writes meta tags from its own data; visible lines are a fallback):

* dates: ``article:published_time``/``article:modified_time``, Dublin Core (``dcterms.*``,
  ``DC.date.*``), then JSON-LD ``datePublished``/``dateModified``, then visible labelled lines
  ("Publicerad: 15 oktober 2019", "Senast ändrad: 2023-06-05", with ``<time datetime>`` when the
  value is marked up), then a lone ``<time pubdate>``;
* title: the content's ``h1``, then ``og:title``, JSON-LD headline, ``<title>`` without the
  " - Site name" suffix;
* publisher: an explicit publisher (Dublin Core, JSON-LD), then ``og:site_name``, then ``author``
  (often a person, so last).
"""

from __future__ import annotations

import json
import re
from dataclasses import dataclass, field

from lxml import etree

from ..types import Metadata
from .dates import DateMention, date_line, find_labelled_dates, parse_date
from .html_clean import text_of
from .links import resolve

_KEYS = {
    "title": ("og:title", "twitter:title", "dcterms.title", "dc.title"),
    "description": ("description", "og:description", "dcterms.description", "dc.description", "twitter:description"),
    "site_name": ("og:site_name", "application-name"),
    "author": ("author", "dcterms.creator", "dc.creator", "article:author"),
    "publisher": ("dcterms.publisher", "dc.publisher", "publisher", "article:publisher"),
    "published": ("article:published_time", "og:published_time", "dcterms.issued", "dcterms.created",
                  "dc.date.issued", "dc.date.created", "dcterms.date", "dc.date", "date", "pubdate",
                  "publish_date", "publication_date", "publishdate", "datepublished", "sitevision.publishdate"),
    "modified": ("article:modified_time", "og:updated_time", "dcterms.modified", "dc.date.modified",
                 "last-modified", "lastmod", "revised", "datemodified", "updated_time"),
    "language": ("content-language", "dc.language", "dcterms.language", "og:locale", "language"),
}
# Elements whose own text holds a date label, found by libxml2 rather than by visiting every element
# in Python. The fragments leave out the first letter so that case does not matter.
_LABEL_FRAGMENTS = ("ublicera", "ppdatera", "ndrad", "ndrat", "ranskad", "kapad", "ublished", "pdated", "odified")
_LABELLED_ELEMENTS = etree.XPath(".//*[text()[{}]]".format(" or ".join(f"contains(., '{w}')" for w in _LABEL_FRAGMENTS)))
_TITLE_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ")


@dataclass(slots=True)
class HeadInfo:
    """What the ``<head>`` (and JSON-LD anywhere) says about the page."""

    meta: dict[str, str] = field(default_factory=dict)  # lower-cased name/property -> first content
    tags: list[str] = field(default_factory=list)  # article:tag values
    title: str | None = None
    canonical: str | None = None
    base: str | None = None
    lang: str | None = None
    jsonld: dict[str, str] = field(default_factory=dict)
    warnings: list[str] = field(default_factory=list)

    def first(self, what: str) -> str | None:
        for key in _KEYS[what]:
            value = self.meta.get(key)
            if value:
                return value
        return None


def read_head(root, where: str) -> HeadInfo:
    """Read meta tags, ``<title>``, canonical/base links, ``lang`` and JSON-LD from the whole tree."""
    info = HeadInfo(lang=root.get("lang") or root.get("{http://www.w3.org/XML/1998/namespace}lang"))
    for m in root.iter("meta"):
        key = (m.get("property") or m.get("name") or m.get("itemprop") or m.get("http-equiv") or "").strip().lower()
        content = " ".join((m.get("content") or "").split())
        if not key or not content:
            continue
        if key == "article:tag":
            info.tags.append(content)
        info.meta.setdefault(key, content)
    for link in root.iter("link"):
        rel = (link.get("rel") or "").lower().split()
        if "canonical" in rel and link.get("href") and info.canonical is None:
            info.canonical = link.get("href").strip()
    for el in root.iter("title", "base"):
        if el.tag == "title" and info.title is None:
            info.title = text_of(el) or None
        elif el.tag == "base" and el.get("href") and info.base is None:
            info.base = el.get("href").strip()
    for script in root.iter("script"):
        if "ld+json" in (script.get("type") or "").lower():
            _read_jsonld(script.text or "", info, where)
    return info


def visible_dates(area) -> list[DateMention]:
    """Labelled dates shown on the page ("Uppdaterat: <time datetime=…>5 juni 2023</time>")."""
    found: list[DateMention] = []
    for el in _LABELLED_ELEMENTS(area):
        holder = el.getparent() if el.tag in ("span", "strong", "b", "em", "dt", "label") and \
            el.getparent() is not None else el
        text = text_of(holder)
        if len(text) > 200:
            continue
        mentions = date_line(text) or find_labelled_dates(text)
        times = [parse_date(t.get("datetime")) for t in holder.iter("time") if t.get("datetime")]
        for i, m in enumerate(mentions):
            iso = times[i] if i < len(times) and times[i] else m.iso
            if iso:
                found.append(DateMention(m.kind, iso, m.start, m.end))
    for t in area.iter("time"):
        if t.get("pubdate") is not None or (t.get("itemprop") or "").lower() == "datepublished":
            iso = parse_date(t.get("datetime") or text_of(t))
            if iso:
                found.append(DateMention("published", iso, -1, -1))
    return found


def build_metadata(head: HeadInfo, *, h1: str | None, dates: list[DateMention], base_url: str | None) -> Metadata:
    site = head.first("site_name") or head.jsonld.get("site_name")
    author = _not_url(head.first("author")) or head.jsonld.get("author")
    publisher = _not_url(head.first("publisher")) or head.jsonld.get("publisher") or site or author
    canonical = head.canonical or head.meta.get("og:url") or head.jsonld.get("url")
    keywords = [k.strip() for k in (head.meta.get("keywords") or head.jsonld.get("keywords") or "").split(",")]
    keywords += head.tags
    return Metadata(
        title=h1 or head.first("title") or head.jsonld.get("headline") or _strip_site(head.title, site),
        canonical_url=_absolute(canonical, base_url),
        language=_language(head.lang or head.first("language") or head.jsonld.get("language")),
        site_name=site,
        publisher=publisher,
        author=author,
        description=head.first("description"),
        keywords=tuple(dict.fromkeys(k for k in keywords if k)),
        published=_date(head, "published", dates),
        modified=_date(head, "modified", dates),
    )


def _date(head: HeadInfo, kind: str, dates: list[DateMention]) -> str | None:
    for key in _KEYS[kind]:
        iso = parse_date(head.meta.get(key))
        if iso:
            return iso
    iso = parse_date(head.jsonld.get(kind))
    if iso:
        return iso
    return next((d.iso for d in dates if d.kind == kind and d.iso), None)


def _read_jsonld(text: str, info: HeadInfo, where: str) -> None:
    try:
        data = json.loads(text)
    except ValueError:
        info.warnings.append(f"{where}: a JSON-LD block is not valid JSON and was ignored")
        return
    items = data if isinstance(data, list) else [data]
    queue = [i for i in items if isinstance(i, dict)]
    nodes = []
    while queue:
        node = queue.pop(0)
        nodes.append(node)
        queue.extend(n for n in node.get("@graph", ()) if isinstance(n, dict))
    # Articles and web pages describe this page; other nodes (the organisation, breadcrumbs) do not.
    nodes.sort(key=lambda n: 0 if _is_page_type(n.get("@type")) else 1)
    fields = {"published": "datePublished", "modified": "dateModified", "headline": "headline",
              "language": "inLanguage", "url": "url", "keywords": "keywords"}
    for node in nodes:
        for ours, theirs in fields.items():
            value = node.get(theirs)
            if isinstance(value, list) and ours == "keywords":
                value = ", ".join(str(v) for v in value)
            if isinstance(value, str) and value.strip():
                info.jsonld.setdefault(ours, value.strip())
        if "published" not in info.jsonld and isinstance(node.get("dateCreated"), str):
            info.jsonld["published"] = node["dateCreated"]
        for ours, theirs in (("publisher", "publisher"), ("author", "author"), ("site_name", "isPartOf")):
            name = _name_of(node.get(theirs))
            if name:
                info.jsonld.setdefault(ours, name)


def _is_page_type(value) -> bool:
    types = value if isinstance(value, list) else [value]
    return any(isinstance(t, str) and (t.endswith("Article") or t.endswith("Page") or t == "Report") for t in types)


def _name_of(value) -> str | None:
    if isinstance(value, list):
        value = value[0] if value else None
    if isinstance(value, dict):
        value = value.get("name")
    return value.strip() if isinstance(value, str) and value.strip() and not _is_url(value) else None


def _strip_site(title: str | None, site: str | None) -> str | None:
    """"God och nära vård i Halland - Region Halland" -> "God och nära vård i Halland"."""
    if not title:
        return None
    for sep in _TITLE_SEPARATORS:
        if sep in title:
            head, tail = title.rsplit(sep, 1)
            tail = tail.strip()
            if (site and tail.lower() == site.lower()) or (not site and tail[:1].isupper() and len(tail.split()) <= 4):
                return head.strip() or title
    return title


def _language(value: str | None) -> str | None:
    if not value:
        return None
    primary = re.split(r"[-_]", value.strip())[0].lower()
    return primary if primary.isalpha() and 2 <= len(primary) <= 3 else None


def _absolute(url: str | None, base: str | None) -> str | None:
    return resolve(url, base) if url else None


def _not_url(value: str | None) -> str | None:
    return None if value is None or _is_url(value) else value


def _is_url(value: str) -> bool:
    return value.startswith(("http://", "https://", "//", "/"))
