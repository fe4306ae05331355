"""README keeps up with the code: every command, every setting (with its true default) and every
error class is documented; every setting a hint tells users to raise exists.

Sections are found by their headings, so other sections may be added or moved freely.
"""

from __future__ import annotations

import inspect
import re
import tomllib
from dataclasses import fields
from pathlib import Path

import click
import pytest

from pipeline import errors
from pipeline.cli import COMMANDS, main
from pipeline.settings import PROJECT_ROOT, Settings

README = (PROJECT_ROOT / "README.md").read_text(encoding="utf-8")
PROSE = re.sub(r"^```.*?^```", "", README, flags=re.M | re.S)  # without code blocks, whose '# ' is no heading
SETTINGS = {f.name for f in fields(Settings)}
ERROR_CLASSES = sorted(name for name, obj in vars(errors).items()
                       if inspect.isclass(obj) and issubclass(obj, errors.NaravardError))


def section(title: str, level: int = 2) -> str:
    """The text under the heading ``title`` up to the next heading of the same or a higher level."""
    marks = "#" * level
    match = re.search(rf"^{marks} {re.escape(title)}\s*$(.*?)(?=^#{{1,{level}}} |\Z)", PROSE, re.M | re.S)
    assert match, f"README has no section {marks} {title}"
    return match.group(1)


def table_rows(text: str) -> list[list[str]]:
    rows = [[cell.strip() for cell in line.strip().strip("|").split("|")]
            for line in text.splitlines() if line.startswith("|")]
    return [r for r in rows if not set("".join(r)) <= set("-: ")]


def documented_settings() -> dict[str, str]:
    """setting name -> its default cell, from every table of the section 'Limits and errors'."""
    out = {}
    for row in table_rows(section("Limits and errors")):
        name = re.fullmatch(r"`(\w+)`", row[0])
        if name and name.group(1) in SETTINGS:
            out[name.group(1)] = row[1]
    return out


LIMITS = section("Limits and errors")


@pytest.mark.parametrize("name", sorted(COMMANDS))
def test_every_command_is_documented(name):
    assert f"naravard {name}" in README, f"README never mentions `naravard {name}`"


def test_every_subcommand_is_documented():
    ctx = click.Context(main)
    for name in COMMANDS:
        command = main.get_command(ctx, name)
        if isinstance(command, click.Group):
            lines = [ln for ln in README.splitlines() if f"naravard {name}" in ln]
            for sub in command.list_commands(ctx):
                assert any(re.search(rf"\b{re.escape(sub)}\b", ln.split(f"naravard {name}", 1)[1]) for ln in lines), \
                    f"README never mentions `naravard {name} {sub}`"


@pytest.mark.parametrize("name", ERROR_CLASSES)
def test_every_error_class_is_documented(name):
    assert f"`{name}`" in LIMITS, f"{name} is missing from README, section 'Limits and errors'"


def test_every_setting_is_in_a_table():
    missing = SETTINGS - set(documented_settings())
    assert not missing, f"settings missing from the tables of README 'Limits and errors': {sorted(missing)}"


@pytest.mark.parametrize("name", sorted(SETTINGS))
def test_documented_defaults_are_the_real_ones(name):
    cell = documented_settings().get(name)
    default = getattr(Settings(), name)
    literal = re.fullmatch(r"`([^`]+)`", cell or "")
    if literal is None:  # described in words (a path in the installation, no value)
        assert default is None or isinstance(default, Path) or name == "user_agent", (name, cell)
        return
    value = tomllib.loads(f"v = {literal.group(1)}")["v"]
    if isinstance(default, Path):
        value = Path(value)
    elif isinstance(default, tuple):
        value = tuple(value)
    assert value == default and type(value) is type(default), f"README says {name} = {value!r}, it is {default!r}"


def test_every_setting_a_hint_names_exists():
    """Hints like 'raise max_bytes in naravard.toml' must name real settings."""
    named = set()
    for path in (PROJECT_ROOT / "pipeline").rglob("*.py"):
        text = path.read_text(encoding="utf-8")
        named |= set(re.findall(r"(?:raise|set|lower|add the host to) `?(\w+)`?(?: = \w+)? in naravard\.toml", text))
        named |= set(re.findall(r"set `(\w+)` in naravard\.toml", text))
    assert named, "no hint names a setting: the pattern is out of date"
    assert named <= SETTINGS, sorted(named - SETTINGS)


def test_every_cap_a_message_tells_users_to_raise_is_in_the_caps_table():
    raised = set()
    for path in (PROJECT_ROOT / "pipeline").rglob("*.py"):
        raised |= set(re.findall(r"raise (\w+) in naravard\.toml", path.read_text(encoding="utf-8")))
    caps = {row[0].strip("`") for row in table_rows(section("Caps", 3))}
    assert {"max_bytes", "max_pdf_pages", "max_inflated_bytes", "parse_timeout"} <= raised
    assert raised <= caps, sorted(raised - caps)
