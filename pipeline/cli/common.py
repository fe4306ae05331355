"""Options shared by the commands, and the translation of library errors into CLI errors."""

from __future__ import annotations

import sys
import traceback
from pathlib import Path

import click

from ..errors import NaravardError
from ..settings import Settings, load_settings


class NaravardGroup(click.Group):
    """A click group that turns NaravardError into a one-line message and exit status 1.

    Any other exception is a bug: it too becomes one line (with a hint to report it), and the
    traceback is shown only with ``--debug``."""

    def invoke(self, ctx: click.Context):
        try:
            return super().invoke(ctx)
        except NaravardError as exc:
            if _debug(ctx):
                traceback.print_exc()
            click.echo(f"Error: {_one_line(exc)}", err=True)
            if exc.hint:
                click.echo(f"Hint: {_one_line(exc.hint)}", err=True)
            ctx.exit(1)
        except (click.exceptions.ClickException, click.exceptions.Exit, click.exceptions.Abort):
            raise
        except Exception as exc:  # noqa: BLE001 - the last line of defence: no traceback unless asked
            if _debug(ctx):
                raise
            click.echo(f"Error: internal error {type(exc).__name__}: {_one_line(exc)}", err=True)
            click.echo("Hint: this is a bug in naravard; run again with --debug and report the traceback", err=True)
            ctx.exit(1)


def _debug(ctx: click.Context) -> bool:
    return bool((ctx.obj or {}).get("debug")) or "--debug" in sys.argv


def _one_line(value: object, limit: int = 500) -> str:
    text = " ".join(str(value).split())
    return text if len(text) <= limit else text[:limit - 1] + "…"


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
