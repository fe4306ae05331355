"""The library of saved queries (``ontology/queries/*.rq``) and their documented header.

Each ``.rq`` file begins with a comment block::

    # title: Shifts and the sources that describe them
    # description: Every shift (förflyttning) found in the sources, with its from and to states,
    #   the sources that describe it and the regions those sources are about.
    # param: region concept:region — only sources about this region, e.g. Halland
    # param: min integer default=1 — at least this many sources

A line starting ``#`` followed by two or more spaces continues the previous field. A parameter is
``NAME TYPE [required] [default=VALUE] — description``; the types are listed in
:mod:`pipeline.query.params`. The query is referred to by its file name without ``.rq``.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from pathlib import Path

from ..errors import QueryError
from .params import PARAM_TYPES, Param

FIELD_RE = re.compile(r"^#\s?(title|description|param|example)\s*:\s*(.*)$", re.IGNORECASE)
CONT_RE = re.compile(r"^#\s{2,}(\S.*)$")
PARAM_RE = re.compile(r"^(?P<name>[A-Za-z_][A-Za-z0-9_]*)\s+(?P<type>\S+)(?P<flags>(\s+(required|default=\S+))*)"
                      r"\s*(?:(?:—|--|-)\s*(?P<desc>.*))?$")


@dataclass(frozen=True, slots=True)
class SavedQuery:
    name: str
    text: str
    title: str = ""
    description: str = ""
    params: tuple[Param, ...] = ()
    examples: tuple[str, ...] = ()
    path: Path | None = None

    def param(self, name: str) -> Param | None:
        return next((p for p in self.params if p.name == name), None)


def parse_query_file(text: str, name: str, path: Path | None = None) -> SavedQuery:
    """Read the header comment block of a query; raise QueryError naming ``name`` if it is malformed."""
    fields: dict[str, list[str]] = {"title": [], "description": [], "param": [], "example": []}
    last: list[str] | None = None
    for line in text.splitlines():
        stripped = line.strip()
        if not stripped:
            continue
        if not stripped.startswith("#"):
            break
        if m := FIELD_RE.match(stripped):
            last = fields[m.group(1).lower()]
            last.append(m.group(2).strip())
        elif (m := CONT_RE.match(stripped)) and last is not None:
            last[-1] = f"{last[-1]} {m.group(1).strip()}".strip()
        else:
            last = None
    params = tuple(_param(spec, name) for spec in fields["param"])
    return SavedQuery(name=name, text=text, title=" ".join(fields["title"]), description=" ".join(fields["description"]),
                      params=params, examples=tuple(fields["example"]), path=path)


def _param(spec: str, query: str) -> Param:
    m = PARAM_RE.match(spec)
    if not m:
        raise QueryError(f"query {query!r}: cannot read parameter line {spec!r}", subject=query,
                         hint="write `# param: NAME TYPE [required] [default=VALUE] — description`")
    type_ = m.group("type")
    if type_.split(":")[0] not in PARAM_TYPES:
        raise QueryError(f"query {query!r}: parameter {m.group('name')!r} has unknown type {type_!r}", subject=query,
                         hint=f"types: {', '.join(PARAM_TYPES)}")
    flags = (m.group("flags") or "").split()
    default = next((f.split("=", 1)[1] for f in flags if f.startswith("default=")), None)
    return Param(name=m.group("name"), type=type_, required="required" in flags, default=default,
                 description=(m.group("desc") or "").strip())


def query_dir(ontology: Path) -> Path:
    return Path(ontology) / "queries"


def saved_queries(directory: Path) -> list[SavedQuery]:
    """Every saved query in ``directory``, sorted by name."""
    if not directory.is_dir():
        return []
    return [load_file(p) for p in sorted(directory.glob("*.rq"))]


def load_file(path: Path) -> SavedQuery:
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise QueryError(f"{path}: cannot read query file: {exc}", subject=str(path)) from exc
    return parse_query_file(text, path.stem, path)


def load_saved(name: str, directory: Path) -> SavedQuery:
    """The saved query called ``name``; QueryError listing the known names if there is none."""
    path = directory / f"{name}.rq"
    if path.is_file():
        return load_file(path)
    known = [p.stem for p in sorted(directory.glob("*.rq"))] if directory.is_dir() else []
    close = [k for k in known if name.lower() in k.lower()]
    raise QueryError(f"unknown saved query {name!r}", subject=name,
                     hint=(f"did you mean {', '.join(close)}? " if close else "")
                     + "run `naravard query --list` to see the saved queries")
