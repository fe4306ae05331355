"""``naravard extract FILE...``: run parse and extract on local files, no catalogue needed."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from .common import settings_from


@click.command("extract")
@click.argument("files", nargs=-1, required=True, type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help='Print {"documents": [{"file", "concepts": [{"type", "labels", "iri", "kind", "mentions": '
                   '[{"quote", "start", "end"}]}]}]} — the format ../shared/eval/score.py reads. Offsets '
                   "index the parsed text (see `naravard parse --json`).")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Settings file (default: naravard.toml in the current directory, if present).")
def extract(files: tuple[Path, ...], as_json: bool, config: Path | None) -> None:
    """Find the reform's concepts in HTML pages, PDFs or text files.

    Each file is parsed and matched against the thesaurus in ontology/ (principles, shifts, goals,
    focus areas, success factors, driving forces, initiatives, actors, reports and places, in
    inflected and compound forms), "från X till Y" shifts are read from sentences, lists and
    diagrams, and further actors, reports and places are found by patterns. Every concept is
    listed once per file with all its mentions.

    The readable output is a table per file: type, preferred label, number of mentions and the
    first quote.

    A file that cannot be read or parsed is reported on standard error and skipped; the others are
    still extracted, and the exit status is 1.

    Example: naravard extract tests/data/seeds/html/*.html --json > pred.json
    """
    from ..api import extract_each
    from ..errors import NaravardError
    from ..extract.jsonout import dumps
    from ..extract.render import table

    done, failed = [], 0
    for path, result in extract_each(files, settings_from(None, None, config)):
        if isinstance(result, NaravardError):
            failed += 1
            click.echo(f"Error: {result}" + (f"\nHint: {result.hint}" if result.hint else ""), err=True)
        else:
            done.append((str(path), result))
    if as_json:
        click.echo(dumps(done))
    else:
        width = min(shutil.get_terminal_size((100, 24)).columns, 120)
        click.echo("\n".join(table(x, f, width) for f, x in done), nl=False)
    if failed:
        raise click.exceptions.Exit(1)
