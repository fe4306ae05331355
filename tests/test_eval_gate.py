"""Quality gate: extraction F1 on the dev gold set must not fall below the floors in eval_floor.json.

Runs ``naravard extract --json`` on the seed HTML and PDF renditions (tests/data/seeds) and scores
it with ``../shared/eval/score.py`` against ``../shared/eval/dev-gold.json``; the same scorer checks
the project's own fixtures (tests/data/extract, gold in gold.json: text, HTML pages in other sites'
markup and PDFs built by ``make_pdfs.py``), written in the style of other regions, municipalities and
agencies. Floors only go up: raise them when extraction improves.
"""

import json
import subprocess
import sys
from pathlib import Path

import pytest
from click.testing import CliRunner

from pipeline.cli import main

ROOT = Path(__file__).resolve().parent.parent
SHARED = ROOT.parent / "shared"
SCORER = SHARED / "eval" / "score.py"
FLOORS = json.loads((Path(__file__).parent / "eval_floor.json").read_text(encoding="utf-8"))
SEEDS = Path(__file__).parent / "data" / "seeds"
FIXTURES = Path(__file__).parent / "data" / "extract"

needs_scorer = pytest.mark.skipif(not SCORER.is_file(), reason=f"{SCORER} not found: the shared evaluation "
                                  "material is not next to this checkout, so the gate cannot run")


def score(files: list[Path], gold: Path, tmp_path: Path) -> dict:
    out = CliRunner().invoke(main, ["extract", *map(str, files), "--json"])
    assert out.exit_code == 0, out.output
    pred = tmp_path / "pred.json"
    pred.write_text(out.output, encoding="utf-8")
    run = subprocess.run([sys.executable, str(SCORER), "--gold", str(gold), "--pred", str(pred), "--json"],
                         capture_output=True, text=True, check=True)
    return json.loads(run.stdout)


def check(report: dict, floors: dict) -> list[str]:
    failures = []
    if report["micro"]["f1"] < floors["micro_f1"]:
        failures.append(f"micro F1 {report['micro']['f1']:.3f} < floor {floors['micro_f1']:.3f}")
    for t, floor in floors.get("types", {}).items():
        got = report["types"][t]["f1"]
        if got < floor:
            v = report["types"][t]
            failures.append(f"{t} F1 {got:.3f} < floor {floor:.3f} (tp {v['tp']}, fp {v['fp']}, fn {v['fn']})")
    return failures


@needs_scorer
def test_dev_set_f1_stays_above_the_floor(tmp_path):
    gold = SHARED / "eval" / "dev-gold.json"
    files = sorted((SEEDS / "html").glob("*.html")) + sorted((SEEDS / "pdf").glob("*.pdf"))
    assert len(files) == 5
    report = score(files, gold, tmp_path)
    assert all(d["found"] for d in report["documents"].values())
    failures = check(report, FLOORS["dev"])
    assert not failures, "; ".join(failures)


def own_fixtures() -> list[Path]:
    """Every fixture with gold: text files, HTML pages (other sites' markup) and PDFs, parsed end to end."""
    gold = json.loads((FIXTURES / "gold.json").read_text(encoding="utf-8"))
    files = [FIXTURES / d["file"] for d in gold["documents"]]
    assert all(f.is_file() for f in files), [f.name for f in files if not f.is_file()]
    return sorted(files)


@needs_scorer
def test_own_fixtures_f1_stays_above_the_floor(tmp_path):
    files = own_fixtures()
    assert {f.suffix for f in files} >= {".txt", ".html", ".pdf"}
    report = score(files, FIXTURES / "gold.json", tmp_path)
    assert all(d["found"] for d in report["documents"].values())
    failures = check(report, FLOORS["fixtures"])
    assert not failures, "; ".join(failures)
