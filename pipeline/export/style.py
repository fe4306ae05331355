"""Colours, display names and sizes of node types, shared by every drawing and styled format.

One palette for GEXF (Gephi), Cytoscape JSON, DOT, the SVG/PNG drawings and the interactive page,
so a principle is the same blue everywhere. Based on the Okabe–Ito palette, readable by people with
the common forms of colour blindness for the first seven types.
"""

from __future__ import annotations

import math

TYPE_COLOURS: dict[str, str] = {
    "principle": "#0072B2",
    "shift": "#E69F00",
    "actor": "#009E73",
    "report": "#CC79A7",
    "region": "#D55E00",
    "goal": "#56B4E9",
    "focus_area": "#B8A000",
    "success_factor": "#8C564B",
    "driving_force": "#9467BD",
    "initiative": "#17BECF",
    "document": "#555555",
}
OTHER_COLOUR = "#999999"

# Swedish names for legends (the users of the drawings and the page read Swedish).
TYPE_NAMES: dict[str, str] = {
    "principle": "Princip",
    "shift": "Förflyttning",
    "actor": "Aktör",
    "report": "Rapport",
    "region": "Plats",
    "goal": "Mål",
    "focus_area": "Fokusområde",
    "success_factor": "Framgångsfaktor",
    "driving_force": "Drivkraft",
    "initiative": "Initiativ",
    "document": "Dokument",
}


def colour(node_type: str) -> str:
    return TYPE_COLOURS.get(node_type, OTHER_COLOUR)


def rgb(node_type: str) -> tuple[int, int, int]:
    h = colour(node_type).lstrip("#")
    return int(h[0:2], 16), int(h[2:4], 16), int(h[4:6], 16)


def type_name(node_type: str) -> str:
    return TYPE_NAMES.get(node_type, node_type.replace("_", " ").capitalize())


def node_size(mentions: int, minimum: float = 6.0, scale: float = 4.0) -> float:
    """A node size that grows with the square root of its mentions (area ~ mentions)."""
    return round(minimum + scale * math.sqrt(max(mentions, 0)), 3)


def type_order(types) -> list[str]:
    """Types in legend order: the known ones as in the palette, then the others alphabetically."""
    known = [t for t in TYPE_COLOURS if t in types]
    return known + sorted(set(types) - set(known))
