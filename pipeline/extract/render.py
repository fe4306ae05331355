"""The readable table of ``naravard extract`` (without ``--json``): one block per file."""

from __future__ import annotations

from ..types import Extraction

TYPE_ORDER = ("principle", "shift", "actor", "report", "region", "goal", "focus_area", "success_factor",
              "driving_force", "initiative")


def table(extraction: Extraction, file: str, width: int = 100) -> str:
    """Concepts of one document grouped by type: label, number of mentions, first quote."""
    x = extraction
    lines = [f"{file}: {len(x.concepts)} concepts, {len(x.mentions)} mentions, {len(x.relations)} relations"]
    if not x.concepts:
        return lines[0] + "\n"
    label_w = max(24, min(48, max(len(c.pref_label) for c in x.concepts)))
    quote_w = max(20, width - label_w - 26)
    lines.append(f"  {'type':14}  {'label':{label_w}}  {'n':>3}  first quote")
    order = {t: i for i, t in enumerate(TYPE_ORDER)}
    for c in sorted(x.concepts, key=lambda c: (order.get(c.type, len(order)), c.pref_label.lower(), c.iri)):
        mentions = x.mentions_of(c.iri)
        quote = " ".join(x.document.text[mentions[0].start:mentions[0].end].split()) if mentions else ""
        lines.append(f"  {c.type:14}  {_cut(c.pref_label, label_w):{label_w}}  {len(mentions):3}  "
                     f"\u201c{_cut(quote, quote_w)}\u201d")
    return "\n".join(lines) + "\n"


def _cut(text: str, width: int) -> str:
    return text if len(text) <= width else text[: width - 1] + "\u2026"
