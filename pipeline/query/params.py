"""Typed query parameters: ``--param region=Halland`` becomes the right RDF term, never query text.

Types a saved query may declare (``# param: NAME TYPE …``):

    iri               an absolute IRI
    concept:TYPE      a concept of TYPE (principle, shift, actor, report, region, goal, …): an IRI, or a
                      label/notation looked up in the thesaurus and gazetteer, else the IRI minted from it
                      ("Halland" -> {base}concept/place/halland)
    concept           a concept: an IRI, or TYPE/KEY ("principle/personcentrering", "region/Halland")
    source            a source id from the catalogue, or its IRI ("gnesta-nara-vard" -> {base}source/gnesta-nara-vard)
    string            a plain string literal
    text              a Swedish (@sv) language-tagged literal
    integer, decimal, boolean, date (YYYY-MM-DD), year (YYYY, xsd:gYear)

A value that does not fit its type raises QueryError naming the query and the parameter.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import pyoxigraph as ox

from .. import iri
from ..errors import NaravardError, QueryError
from ..graph.binding import ABSOLUTE_IRI
from ..settings import Settings
from ..types import CONCEPT_TYPES
from ..vocab import XSD

_SEGMENT_TYPE = {segment: type_ for type_, segment in iri.TYPE_SEGMENT.items()}
PARAM_TYPES = ("iri", "concept", "source", "string", "text", "integer", "decimal", "boolean", "date", "year")

_LITERALS = {
    "integer": (re.compile(r"^[+-]?\d+$"), XSD.integer),
    "decimal": (re.compile(r"^[+-]?(\d+(\.\d*)?|\.\d+)$"), XSD.decimal),
    "boolean": (re.compile(r"^(true|false)$"), XSD.boolean),
    "date": (re.compile(r"^\d{4}-\d{2}-\d{2}$"), XSD.date),
    "year": (re.compile(r"^\d{4}$"), XSD.gYear),
}


@dataclass(frozen=True, slots=True)
class Param:
    name: str
    type: str = "string"
    required: bool = False
    default: str | None = None
    description: str = ""


def convert(param: Param, value: str, settings: Settings, *, query: str = "query") -> ox.NamedNode | ox.Literal:
    """The term for ``value`` of ``param`` (see the module docstring)."""
    kind, _, sub = param.type.partition(":")
    value = value.strip()
    where = f"query {query!r}, parameter {param.name!r}"
    if kind in _LITERALS:
        pattern, datatype = _LITERALS[kind]
        if kind == "boolean":
            value = value.lower()
        if not pattern.match(value):
            raise QueryError(f"{where}: {value!r} is not a valid {kind}", subject=query)
        return ox.Literal(value, datatype=ox.NamedNode(str(datatype)))
    if kind == "string":
        return ox.Literal(value)
    if kind == "text":
        return ox.Literal(value, language="sv")
    if _is_iri(value):
        return _iri(value.strip("<>"), where, query)
    if kind == "source":
        return _iri(iri.source(value, settings.base_iri), where, query)
    if kind == "concept" and sub:
        if sub not in CONCEPT_TYPES:
            raise QueryError(f"{where}: unknown concept type {sub!r}", subject=query,
                             hint=f"types: {', '.join(CONCEPT_TYPES)}")
        return _iri(_concept(sub, value, settings), where, query)
    if kind == "concept" and "/" in value:
        head, _, key = value.partition("/")
        type_ = _SEGMENT_TYPE.get(head, head)
        if type_ in CONCEPT_TYPES and key:
            return _iri(_concept(type_, key, settings), where, query)
    raise QueryError(f"{where}: {value!r} is not an absolute IRI", subject=query,
                     hint="give an IRI such as https://w3id.org/naravard/concept/principle/personcentrering")


def _concept(type_: str, value: str, settings: Settings) -> str:
    from ..graph.ontology import fold, label_index

    try:
        known = label_index(settings).get((type_, fold(value)))
    except NaravardError:  # an unreadable ontology folder must not stop a query; fall back to the minted IRI
        known = None
    return known or iri.concept(type_, value, settings.base_iri)


def _is_iri(value: str) -> bool:
    return (value.startswith("<") and value.endswith(">")) or bool(
        re.match(r"^(https?|urn):", value) and ABSOLUTE_IRI.match(value))


def _iri(value: str, where: str, query: str) -> ox.NamedNode:
    try:
        return ox.NamedNode(value)
    except ValueError as exc:
        raise QueryError(f"{where}: not a valid IRI: {value!r}", subject=query) from exc
