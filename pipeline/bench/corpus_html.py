"""Generated HTML pages: the seed pages' chrome around recombined seed sections.

Each seed page in ``tests/data/seeds/html`` is cut into a *template* (everything but the article
body, with markers for title, URL and body) and a pool of *sections* (a heading and the blocks under
it). A generated page takes one template, a region and municipality (:mod:`.names`), a target size
between 20 and 150 KB, fills about a fifth to a half of it with sections (the seeds' own first, then
new ones recombined from seed sentences) and the rest with chrome of the kind real sites carry
(hidden mega menus, inline icon sprites, inline JSON state and CSS). Deterministic from the rng.
"""

from __future__ import annotations

import html
import random
import re
from dataclasses import dataclass
from functools import cache
from pathlib import Path

import lxml.html

from ..settings import PROJECT_ROOT
from .names import Place, pick_place, substitute

SEED_HTML = PROJECT_ROOT / "tests" / "data" / "seeds" / "html"

# Class names of the element that holds the article's sections, tried in order.
BODY_CLASSES = ("article__body", "page-content__body", "page-body")
MARK_CONTENT, MARK_TOP, MARK_BOTTOM = "@@CONTENT@@", "@@TOP@@", "@@BOTTOM@@"
SENTENCE_RE = re.compile(r"(?<=[.!?])\s+(?=[A-ZÅÄÖ])")
MENU_WORDS = ("Vård och hälsa", "Omsorg och stöd", "Kollektivtrafik", "Kultur och fritid", "Utbildning",
              "Folkhälsa", "Regional utveckling", "Politik och demokrati", "Jobba hos oss", "Hemtjänst",
              "Hemsjukvård", "Vårdcentraler", "Psykisk hälsa", "Barn och unga", "Äldreomsorg", "Tandvård",
              "Rehabilitering", "Funktionsstöd", "Anhörigstöd", "Samverkan", "Uppföljning", "Press")
TITLES = ("Nära vård", "Nära vård i {county}", "God och nära vård i {county}", "Omställning till en nära vård",
          "Så arbetar vi med nära vård", "Nära vård i {municipality_short}", "Målbild för nära vård",
          "Frågor och svar om nära vård", "Personcentrerad vård i {county}")


@dataclass(frozen=True, slots=True)
class Template:
    text: str  # the page with markers @@TITLE@@ @@H1@@ @@URL@@ @@CONTENT@@ @@TOP@@ @@BOTTOM@@
    publisher_is_region: bool


@dataclass(frozen=True, slots=True)
class Pool:
    templates: tuple[Template, ...]
    sections: tuple[str, ...]  # serialized HTML of one heading and its blocks
    headings: tuple[str, ...]
    sentences: tuple[str, ...]
    items: tuple[str, ...]  # list items


def _has_class(el, name: str) -> bool:
    return name in (el.get("class") or "").split()


def _body(doc):
    for name in BODY_CLASSES:
        for el in doc.iter():
            if isinstance(el.tag, str) and _has_class(el, name):
                return el
    raise ValueError("no article body element in seed page")


def _blocks(el):
    """Atomic blocks under ``el``: descend while a child holds more than one heading."""
    for child in el:
        if not isinstance(child.tag, str):
            continue
        headings = len(child.xpath(".//h2|.//h3")) + (child.tag in ("h2", "h3"))
        if headings > 1:
            yield from _blocks(child)
        else:
            yield child


def _sections(body) -> list[str]:
    sections: list[list[str]] = []
    for block in _blocks(body):
        starts = block.tag in ("h2", "h3") or bool(block.xpath(".//h2|.//h3"))
        if starts or not sections:
            sections.append([])
        sections[-1].append(lxml.html.tostring(block, encoding="unicode"))
    return ["".join(parts) for parts in sections]


def _template(doc, body) -> Template:
    site = doc.xpath("string(//meta[@property='og:site_name']/@content)")
    for child in list(body):
        body.remove(child)
    body.text = MARK_CONTENT
    doc.find(".//title").text = "@@TITLE@@"
    h1 = doc.find(".//h1")
    for child in list(h1):
        h1.remove(child)
    h1.text = "@@H1@@"
    for el in doc.xpath("//link[@rel='canonical']"):
        el.set("href", "@@URL@@")
    for el in doc.xpath("//meta[@property='og:url']"):
        el.set("content", "@@URL@@")
    for el in doc.xpath("//meta[@property='og:title']"):
        el.set("content", "@@H1@@")
    page_body = doc.find("body")
    page_body.text = MARK_TOP + (page_body.text or "")
    last = page_body[-1]
    last.tail = (last.tail or "") + MARK_BOTTOM
    text = lxml.html.tostring(doc, encoding="unicode", doctype="<!DOCTYPE html>")
    return Template(text, publisher_is_region=not site.endswith("kommun"))


@cache
def load_pool(folder: Path = SEED_HTML) -> Pool:
    """Cut every seed page into a template and sections; collect sentences, headings, list items."""
    templates, sections, headings, sentences, items = [], [], [], [], []
    for path in sorted(folder.glob("*.html")):
        doc = lxml.html.fromstring(path.read_bytes())
        body = _body(doc)
        sections += _sections(body)
        headings += [h.text_content().strip() for h in body.iter("h2", "h3")]
        for p in body.iter("p"):  # a line without an end stop is a link or a caption, not prose to recombine
            sentences += [s.strip() for s in SENTENCE_RE.split(p.text_content())
                          if len(s.strip()) > 30 and s.strip()[-1] in ".!?"]
        items += [li.text_content().strip() for li in body.iter("li")]
        templates.append(_template(doc, body))
    return Pool(tuple(templates), tuple(sections), tuple(headings), tuple(sentences), tuple(items))


def _synthetic_section(rng: random.Random, pool: Pool) -> str:
    out = [f'<section class="content-section"><h2>{html.escape(rng.choice(pool.headings))}</h2>']
    for _ in range(rng.randint(1, 4)):
        para = " ".join(rng.sample(pool.sentences, rng.randint(2, 5)))
        out.append(f"<p>{html.escape(para)}</p>")
    if rng.random() < 0.5:
        lis = "".join(f"<li>{html.escape(i)}</li>" for i in rng.sample(pool.items, rng.randint(3, 6)))
        out.append(f"<ul>{lis}</ul>")
    out.append("</section>")
    return "\n".join(out)


def _chrome(rng: random.Random, place: Place, size: int) -> tuple[str, str]:
    """Top-of-body and bottom-of-body chrome of about ``size`` characters."""
    top, bottom, made = [], [], 0
    while made < size:
        kind = rng.choices(range(5), weights=(4, 4, 1, 1, 1))[0]
        if kind == 0:  # hidden mega menu
            links = "".join(
                f'<li class="mega-menu__item"><a href="/{w.lower().replace(" ", "-")}/{n}/">{html.escape(w)}'
                f" {n if rng.random() < 0.5 else place.municipality_short}</a></li>"
                for w, n in ((rng.choice(MENU_WORDS), rng.randint(1, 99)) for _ in range(rng.randint(20, 60))))
            part = f'<div class="mega-menu" hidden><ul class="mega-menu__list">{links}</ul></div>'
            top.append(part)
        elif kind == 1:  # grid of teaser cards (nested divs, as page builders emit)
            cards = "".join(
                f'<div class="grid__cell"><div class="card card--{rng.randint(1, 9)}"><div class="card__inner">'
                f'<div class="card__media"><img src="/media/{rng.randint(10**5, 10**6)}.jpg" alt=""></div>'
                f'<div class="card__body"><span class="card__title"><a href="/{w.lower().replace(" ", "-")}/">'
                f'{html.escape(w)}</a></span><span class="card__meta">{rng.randint(1, 28)} mars</span></div>'
                f"</div></div></div>" for w in (rng.choice(MENU_WORDS) for _ in range(rng.randint(6, 24))))
            part = f'<div class="teasers" aria-hidden="true"><div class="grid">{cards}</div></div>'
            bottom.append(part)
        elif kind == 2:  # inline icon sprite
            symbols = "".join(
                f'<symbol id="icon-{i}" viewBox="0 0 24 24"><path d="M{rng.randint(0, 24)} {rng.randint(0, 24)}'
                + "".join(f"l{rng.uniform(-9, 9):.3f} {rng.uniform(-9, 9):.3f}" for _ in range(12))
                + 'z"/></symbol>' for i in range(rng.randint(10, 30)))
            part = f'<svg xmlns="http://www.w3.org/2000/svg" style="display:none">{symbols}</svg>'
            top.append(part)
        elif kind == 3:  # inline JSON page state
            entries = ",".join(
                f'{{"id":{rng.randint(1000, 99999)},"path":"/{rng.choice(MENU_WORDS).lower().replace(" ", "-")}/",'
                f'"visible":{str(rng.random() < 0.5).lower()},"weight":{rng.random():.4f}}}'
                for _ in range(rng.randint(20, 80)))
            part = f'<script type="application/json" id="state-{made}">{{"nodes":[{entries}]}}</script>'
            bottom.append(part)
        else:  # inline CSS
            rules = "".join(
                f".c{rng.randint(0, 10**6):x}{{margin:{rng.randint(0, 40)}px;color:#{rng.randint(0, 0xFFFFFF):06x}}}"
                for _ in range(rng.randint(30, 90)))
            part = f"<style>{rules}</style>"
            bottom.append(part)
        made += len(part)
    return "\n".join(top), "\n".join(bottom)


@dataclass(frozen=True, slots=True)
class HtmlPage:
    content: bytes
    url: str
    publisher: str
    title: str
    place: Place


def make_page(rng: random.Random, index: int, pool: Pool | None = None) -> HtmlPage:
    """One generated page of 20–150 KB (encoded), deterministic from ``rng``."""
    pool = pool or load_pool()
    place = pick_place(rng)
    template = rng.choice(pool.templates)
    target = int(rng.triangular(20_000, 150_000, 60_000))
    content_target = int(target * rng.uniform(0.2, 0.5))
    order = rng.sample(pool.sections, len(pool.sections))
    sections: list[str] = []
    made = 0
    while made < content_target or len(sections) < 3:
        part = order.pop() if order else _synthetic_section(rng, pool)
        sections.append(part)
        made += len(part.encode())
    title = rng.choice(TITLES).format(county=place.county, municipality_short=place.municipality_short)
    publisher = place.region if template.publisher_is_region else place.municipality
    domain = place.region_domain if template.publisher_is_region else place.municipality_domain
    url = f"https://www.{domain}.se/vard-och-halsa/nara-vard/sida-{index:05d}/"
    text = substitute(template.text, place)
    body = substitute("\n".join(sections), place)
    page = (text.replace("@@TITLE@@", html.escape(f"{title} - {publisher}")).replace("@@H1@@", html.escape(title))
            .replace("@@URL@@", url).replace(MARK_CONTENT, body))
    missing = target - len(page.encode())
    top, bottom = _chrome(rng, place, missing) if missing > 0 else ("", "")
    page = page.replace(MARK_TOP, top).replace(MARK_BOTTOM, bottom)
    return HtmlPage(page.encode("utf-8"), url, publisher, title, place)
