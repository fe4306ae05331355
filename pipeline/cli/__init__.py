"""The ``naravard`` command: a thin layer over :mod:`pipeline.api`.

Each command lives in its own module of this package and is imported only when it runs, so
``naravard --help`` stays fast. Only this package prints or exits: library errors
(:mod:`pipeline.errors`) become one-line messages with a hint, and a traceback only with ``--debug``.
"""

from __future__ import annotations

import importlib

import click

from .common import NaravardGroup

# command name -> "module:attribute" (modules relative to this package)
COMMANDS: dict[str, str] = {
    "ingest": "ingest:ingest",
    "parse": "parse:parse",
    "extract": "extract:extract",
    "query": "query:query",
    "export": "export:export",
    "stats": "stats:stats",
    "summarize": "summarize:summarize",
    "diff": "diff:diff",
    "sources": "sources:sources",
    "serve": "serve:serve",
    "validate": "validate:validate",
}


class LazyGroup(NaravardGroup):
    def list_commands(self, ctx: click.Context) -> list[str]:
        return sorted(COMMANDS)

    def get_command(self, ctx: click.Context, name: str) -> click.Command | None:
        target = COMMANDS.get(name)
        if target is None:
            return None
        module, attr = target.split(":")
        return getattr(importlib.import_module(f"{__name__}.{module}"), attr)


@click.group(cls=LazyGroup, context_settings={"help_option_names": ["-h", "--help"], "max_content_width": 100})
@click.version_option(package_name="naravard", prog_name="naravard")
@click.option("--debug", is_flag=True, help="Show full tracebacks on errors.")
@click.pass_context
def main(ctx: click.Context, debug: bool) -> None:
    """Build and query a knowledge graph of Sweden's 'God och nära vård' reform.

    Typical use: `naravard ingest` reads the catalogue in sources/, parses and extracts every source
    and stores one named graph per source in output/store; then `naravard query`, `naravard export`
    and `naravard stats` work on that store.
    """
    ctx.ensure_object(dict)
    ctx.obj["debug"] = debug
