"""``naravard parse FILE``: show what the parse stage reads from one local file."""

from __future__ import annotations

import shutil
from pathlib import Path

import click

from .common import settings_from


@click.command("parse")
@click.argument("file", type=click.Path(dir_okay=False, path_type=Path))
@click.option("--json", "as_json", is_flag=True,
              help="Print the whole Document record as JSON: canonical text, metadata, sections, blocks "
                   "and links with character offsets into the text.")
@click.option("--media-type", default=None, metavar="TYPE",
              help="Parse as this media type (text/html, application/pdf, text/plain) instead of "
                   "deciding from the bytes and the file name.")
@click.option("--config", type=click.Path(dir_okay=False, path_type=Path), default=None,
              help="Settings file (default: naravard.toml in the current directory, if present).")
def parse(file: Path, as_json: bool, media_type: str | None, config: Path | None) -> None:
    """Parse one HTML page, PDF or text file and show the result.

    The readable output gives the title and metadata (canonical URL, language, site, publisher,
    published and modified dates), then the main content block by block under its headings
    (list items, table rows, captions, quotes, asides), then the outgoing links, with links to
    documents (PDF, Office files) marked. Menus, cookie banners, feedback widgets and footers of
    web pages are left out, as they are everywhere in the pipeline.

    Example: naravard parse tests/data/seeds/html/004_d90b2f1525f3968f.html
    """
    from ..api import parse_file
    from ..parse.render import to_json, to_text

    document = parse_file(file, settings_from(None, None, config), media_type=media_type)
    width = min(shutil.get_terminal_size((100, 24)).columns, 100)
    click.echo(to_json(document) if as_json else to_text(document, width=width), nl=False)
