"""Finding the main content of a pruned page, whatever its markup.

The search starts from the page's ``<main>`` (or ``role="main"``) when there is one that holds a
fair share of the text, else from ``<body>``, and walks down while one child clearly holds the
content: it descends into the child with the most text outside links when every sibling left
over is insignificant (little text, no heading), or when that child holds the page's ``h1`` and
most of the text. It never leaves the ``h1`` behind. This works the same for ``<article>``,
ARIA roles, ``<section>`` per heading and class-only ``div`` soup, because it measures text, not
tag names. Class names matter only in pruning (:mod:`.html_clean`).

Asides (``<aside>``, ``role="complementary"``) inside the search area are set apart first. Those
that carry information about the page — a responsible person, a contact panel, a fact box: mostly
text, not links — are returned to be written after the main content; link lists (sub-menus,
"Relaterat") are dropped, their document links kept for discovery.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from .html_clean import drop, has_title_heading, text_length

HEADINGS = frozenset({"h1", "h2", "h3", "h4", "h5", "h6"})
_SIGNIFICANT_TEXT = 150  # characters outside links that make a sibling part of the content
# Elements that are one piece of text, not a container: the search never descends into one, or a short
# page of two paragraphs would lose the shorter one.
_TEXT_BLOCKS = frozenset({"p", "li", "dt", "dd", "td", "th", "blockquote", "pre", "figcaption", "caption",
                          "address", "h1", "h2", "h3", "h4", "h5", "h6"})
_MIN_ASIDE_TEXT = 15


@dataclass(slots=True)
class Stat:
    """Text measured over an element's subtree (white space excluded)."""

    text: int = 0
    linked: int = 0
    heading: int = 0  # text of headings outside links
    h1: bool = False

    @property
    def weight(self) -> int:
        return self.text - self.linked


@dataclass(slots=True)
class Selection:
    container: object  # lxml element
    asides: list = field(default_factory=list)  # informative asides, in document order
    dropped_asides: list = field(default_factory=list)  # link-list asides (for document links)
    title_heading: object | None = None  # the page's h1 when it lies outside the container


def find_main_area(body):
    """The ``<main>``/``role=main`` element holding the most text, or ``body``."""
    candidates = [el for el in body.iter("main")] + [
        el for el in body.xpath(".//*[@role='main']") if el.tag != "main"]
    if not candidates:
        return body
    body_text = text_length(body) or 1
    best = max(candidates, key=text_length)
    return best if text_length(best) >= 0.2 * body_text else body


def select_content(body) -> Selection:
    area = find_main_area(body)
    informative, dropped = _detach_asides(area)
    stats: dict = {}
    measure(area, stats)
    container = _descend(area, stats)
    selection = Selection(container, informative, dropped)
    if not stats[container].h1:
        selection.title_heading = _title_outside(body, container)
    return selection


def measure(el, stats: dict, in_link: bool = False) -> Stat:
    """Fill ``stats`` for ``el`` and its descendants in one pass; returns ``el``'s Stat."""
    st = Stat()
    tag = el.tag
    in_link = in_link or tag == "a"
    own = len(el.text.strip()) if el.text else 0
    for child in el:
        if not isinstance(child.tag, str):
            if child.tail:
                own += len(child.tail.strip())
            continue
        cs = measure(child, stats, in_link)
        st.text += cs.text
        st.linked += cs.linked
        st.heading += cs.heading
        st.h1 = st.h1 or cs.h1
        if child.tail:
            own += len(child.tail.strip())
    st.text += own
    if in_link:
        st.linked += own
    if tag in HEADINGS:
        st.heading = st.text - st.linked
        st.h1 = st.h1 or (tag == "h1" and st.heading > 0)
    stats[el] = st
    return st


def _descend(node, stats: dict):
    while True:
        kids = [c for c in node if isinstance(c.tag, str) and stats[c].text > 0]
        total = stats[node].weight
        if not kids or total <= 0:
            return node
        own = total - sum(stats[c].weight for c in kids)  # text directly in node
        best = max(kids, key=lambda c: stats[c].weight)
        bs = stats[best]
        others = [stats[c] for c in kids if c is not best]
        if own > 30 or bs.weight < 0.5 * total or best.tag in _TEXT_BLOCKS:
            return node  # the content is spread over several children, or the best child is one block
        if any(o.h1 for o in others) and not bs.h1:
            return node  # never leave the title behind
        significant = [o for o in others if o.weight >= _SIGNIFICANT_TEXT or o.heading > 0]
        if significant and not (bs.h1 and bs.weight >= 0.6 * total):
            return node
        node = best


def _detach_asides(area) -> tuple[list, list]:
    informative, dropped = [], []
    for el in _outermost_asides(area):
        if el.getparent() is None or has_title_heading(el):
            continue  # an aside holding the page title is the content, not an aside
        st = measure(el, {})
        if st.weight - st.heading >= _MIN_ASIDE_TEXT and st.linked < 0.5 * st.text:
            informative.append(el)
        else:
            dropped.append(el)
        drop(el)
    return informative, dropped


def _outermost_asides(area) -> list:
    """Asides in document order, leaving out those nested in another aside."""
    out: list = []
    found: set = set()
    for el in area.iter():
        if not isinstance(el.tag, str):
            continue
        if el.tag == "aside" or (el.get("role") or "").strip().lower() == "complementary":
            if not any(anc in found for anc in el.iterancestors()):
                out.append(el)
                found.add(el)
    return out


def _title_outside(body, container):
    """The page's ``h1`` when it precedes the chosen container (a hero band above ``<main>``)."""
    for h in body.iter("h1"):
        if not has_title_heading(h):
            continue
        if any(a is container for a in h.iterancestors()):
            return None
        return h
    return None
