"""Options shared by the commands, and the translation of library errors into CLI errors."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from ..errors import NaravardError
from ..settings import Settings, load_settings


class NaravardGroup(click.Group):
    """A click group that turns NaravardError into a one-line message and exit status 1."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NaravardError as exc:
            if (ctx.obj or {}).get("debug") or "--debug" in sys.argv:
                traceback.print_exc()
            click.echo(f"Error: {exc}", err=True)
            if exc.hint:
                click.echo(f"Hint: {exc.hint}", err=True)
            ctx.exit(1)


def store_options(func):
    """--sources, --output and --config, common to every command that touches a catalogue or store."""
    func = click.option(
        "--config",
        type=click.Path(dir_okay=False, path_type=Path),
        default=None,
        help="Settings file (default: naravard.toml in the current directory, if present).",
    )(func)
    func = click.option(
        "--output",
        type=click.Path(file_okay=False, path_type=Path),
        default=None,
        help="Directory for the store and generated files.  [default: output]",
    )(func)
    func = click.option(
        "--sources",
        type=click.Path(path_type=Path),
        default=None,
        help="Catalogue: a directory of source .toml files, or one .toml file.  [default: sources]",
    )(func)
    return func


def settings_from(sources: Path | None, output: Path | None, config: Path | None, **extra) -> Settings:
    return load_settings(config, sources=sources, output=output, **extra)
