"""Pruning an lxml HTML tree of everything that is never main content, in two passes.

1. :func:`prune_invisible` removes what a reader never sees or cannot read as text: scripts,
   styles, form controls, embedded objects, and hidden elements (``hidden``, ``aria-hidden``,
   ``display:none``, visually-hidden classes). Collapsible panels (an element some button names in
   ``aria-controls``) are kept although hidden: accordion answers are content.
2. :func:`prune_chrome` removes site chrome: ``nav``, page ``header``/``footer``, landmark roles
   (banner, navigation, contentinfo, search, dialog, form), and elements whose class, id or
   ``aria-label`` names a cookie banner, breadcrumbs, skip links, a feedback widget, share buttons
   or related links. Layout words (header, footer, menu, sidebar, …) remove an element only when
   it is mostly links or nearly empty. Nothing that holds the page's ``h1`` is removed.

The word lists below are the vocabulary of Swedish public-sector sites (Sitevision, EPiServer,
Drupal, WordPress themes) in English and Swedish; extend them, not the code.
"""

from __future__ import annotations

import re
from functools import lru_cache

from lxml import etree

from .links import is_document_link

NEVER_CONTENT = frozenset({
    "script", "style", "noscript", "template", "svg", "math", "canvas", "iframe", "object", "embed",
    "applet", "audio", "video", "map", "button", "input", "select", "textarea", "option", "optgroup",
    "datalist", "output", "progress", "meter", "dialog", "label", "link", "meta", "base", "title",
    "head", "img", "picture", "source", "track", "area", "param", "wbr",
})
HIDDEN_CLASSES = frozenset({
    "hidden", "is-hidden", "visually-hidden", "visuallyhidden", "sr-only", "screen-reader-text",
    "screen-reader-only", "screenreader-only", "u-hidden", "u-visually-hidden", "hide", "d-none",
    "invisible", "element-invisible", "offscreen", "show-for-sr", "hidden-text", "sv-visuallyhidden",
    "env-assistive-text", "assistive-text", "a11y-hidden", "js-hidden",
})
CHROME_ROLES = frozenset({
    "navigation", "banner", "contentinfo", "search", "dialog", "alertdialog", "menu", "menubar",
    "toolbar", "form", "tooltip",
})
# Class/id words that always mean chrome.
CHROME_WORDS = frozenset({
    "cookie", "cookies", "cookiebar", "cookiebanner", "cookieconsent", "consent", "gdpr", "kakor",
    "breadcrumb", "breadcrumbs", "crumbs", "brodsmulor", "brödsmulor", "brodsmula", "skip", "skiplink",
    "skiplinks", "skipnav", "skiptocontent", "feedback", "pagefeedback", "share", "sharing", "dela",
    "delasidan", "related", "relaterat", "relaterade", "newsletter", "popup", "modal", "advert",
    "advertisement", "ads", "readspeaker", "rsbtn", "rs_skip", "tipsa", "survey",
})
# Class/id words that mean chrome when the element is mostly links or nearly empty.
LAYOUT_WORDS = frozenset({
    "header", "footer", "nav", "navbar", "navigation", "menu", "menus", "submenu", "subnav", "megamenu",
    "sidebar", "sidenav", "toolbar", "topbar", "masthead", "pagination", "pager", "sitemap", "search",
    "searchbar", "social", "some", "tags", "taglist", "banner", "shortcuts", "tools", "languages",
    "login", "toc", "quicklinks", "widget", "sidfot", "sidhuvud", "meny", "undermeny", "genvagar",
    "genvägar", "verktyg", "snabblankar", "snabblänkar", "localnav", "listen", "lyssna",
})
CHROME_LABELS = re.compile(
    r"kakor|cookie|brödsmul|breadcrumb|du är här|återkoppling|feedback|dela sidan|share|huvudmeny|"
    r"undermeny|sidfot|relaterade?|snabblänkar",
    re.IGNORECASE,
)
_DISPLAY_NONE = re.compile(r"display\s*:\s*none|visibility\s*:\s*hidden", re.IGNORECASE)
_BUTTON_WORDS = frozenset({"button", "btn", "cta"})
_TEXT = etree.XPath("normalize-space(.)")
_TEXT_LENGTH = etree.XPath("string-length(normalize-space(.))")
_ARIA_CONTROLS = etree.XPath("descendant-or-self::*/@aria-controls")  # collected by libxml2, not element by element


@lru_cache(maxsize=4096)
def _words(value: str) -> frozenset[str]:
    words = set()
    for token in value.lower().split():
        words.add(token.replace("-", "").replace("_", ""))  # "skip-link" -> "skiplink"
        words.update(w for w in re.split(r"[-_]+", token) if w)
    return frozenset(words)


def class_words(el) -> frozenset[str]:
    """Words of an element's class and id ("site-header__inner" -> site, header, inner, …)."""
    value = (el.get("class") or "") + " " + (el.get("id") or "")
    return _words(value) if value.strip() else frozenset()


def is_hidden(el) -> bool:
    if el.get("hidden") is not None or el.get("aria-hidden", "").strip().lower() == "true":
        return True
    style = el.get("style")
    if style and _DISPLAY_NONE.search(style):
        return True
    cls = el.get("class")
    return bool(cls) and any(c in HIDDEN_CLASSES for c in cls.lower().split())


def prune_invisible(root) -> None:
    """Remove scripts, styles, form controls, hidden elements and button-styled links."""
    controlled = {v for value in _ARIA_CONTROLS(root) for v in value.split()}
    doomed = []
    stack = [root]
    while stack:
        el = stack.pop()
        for child in el:
            tag = child.tag
            if not isinstance(tag, str):  # comments, processing instructions
                doomed.append(child)
            elif tag in NEVER_CONTENT or (tag == "form" and not _holds_page(child)):
                doomed.append(child)
            elif is_hidden(child) and child.get("id") not in controlled and tag not in ("html", "body"):
                doomed.append(child)
            elif tag == "a" and _is_button_link(child):
                doomed.append(child)
            else:
                stack.append(child)
    for el in doomed:
        drop(el)


def prune_chrome(root) -> None:
    """Remove navigation, page header/footer, banners, breadcrumbs, feedback and related-link panels."""
    doomed = []
    stack = [(root, False)]
    while stack:
        el, in_content = stack.pop()
        for child in el:
            if not isinstance(child.tag, str):
                continue
            if _is_chrome(child, in_content):
                doomed.append(child)
            else:
                stack.append((child, in_content or child.tag in ("main", "article")
                              or child.get("role") == "main"))
    for el in doomed:
        drop(el)


def _is_chrome(el, in_content: bool) -> bool:
    tag = el.tag
    role = (el.get("role") or "").strip().lower()
    words = class_words(el)
    label = el.get("aria-label")
    strong = (
        tag == "nav"
        or (tag in ("header", "footer") and not in_content)
        or role in CHROME_ROLES
        or not words.isdisjoint(CHROME_WORDS)
        or (label is not None and CHROME_LABELS.search(label) is not None)
    )
    if strong:
        return not has_title_heading(el)
    if not words.isdisjoint(LAYOUT_WORDS) or tag == "footer":
        if has_title_heading(el):
            return False
        total, linked = text_and_link_length(el)
        return total - linked < 100 or linked >= 0.35 * total
    return False


def has_title_heading(el) -> bool:
    """Whether ``el`` holds an ``h1`` with text of its own (not just a logo link)."""
    for h in el.iter("h1"):
        total, linked = text_and_link_length(h)
        if total - linked > 0:
            return True
    return False


def text_and_link_length(el) -> tuple[int, int]:
    """(length of all text, length of text inside links), white space folded."""
    total = text_length(el)
    linked = sum(text_length(a) for a in el.iter("a"))
    return total, min(linked, total)


def text_of(el) -> str:
    """All text of ``el`` with white space folded to single spaces (computed in libxml2)."""
    return _TEXT(el)


def text_length(el) -> int:
    return int(_TEXT_LENGTH(el))


def drop(el) -> None:
    """Remove ``el`` and its subtree, keeping the text that follows it (its tail)."""
    parent = el.getparent()
    if parent is None:
        return
    if el.tail:
        prev = el.getprevious()
        if prev is not None:
            prev.tail = (prev.tail or "") + el.tail
        else:
            parent.text = (parent.text or "") + el.tail
    parent.remove(el)


def _holds_page(form) -> bool:
    """A form that wraps the whole page (ASP.NET WebForms) is a container, not a widget."""
    if next(form.iter("main", "article", "h1"), None) is not None:
        return True
    return any(el.get("role") == "main" for el in form.iter())


def _is_button_link(a) -> bool:
    cls = a.get("class")
    if not cls or _words(cls).isdisjoint(_BUTTON_WORDS) or a.get("role") == "link":
        return False
    return not is_document_link(a.get("href"), text_of(a), a.get("type"))
