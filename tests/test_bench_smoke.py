"""The benchmark at its smallest sizes, end to end: it keeps working (its figures are
read in ./dev bench, never asserted here)."""

from __future__ import annotations

import json
import shutil
from pathlib import Path

from conftest import FIXTURE_CONTENT
from rapporteur.bench.run import SMOKE, bench
from rapporteur.bench.summary import markdown
from rapporteur.paths import Project


def _numbers(value: object) -> list[float]:
    if isinstance(value, bool):
        return []
    if isinstance(value, int | float):
        return [float(value)]
    if isinstance(value, dict):
        return [n for v in value.values() for n in _numbers(v)]
    if isinstance(value, list):
        return [n for v in value for n in _numbers(v)]
    return []


def test_every_measure_runs_at_the_smallest_size(tmp_path: Path) -> None:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    results = bench(Project(tmp_path), runs=1, sizes=SMOKE)
    written = json.loads((tmp_path / "build" / "bench" / "results.json").read_text())
    assert written == json.loads(json.dumps(results))
    assert (tmp_path / "build" / "bench" / "scaling.png").stat().st_size > 0
    for measure in ("builds", "per_artifact", "scaling", "pandoc", "review", "word_import"):
        assert results[measure], measure
    assert results["preview"]["save_to_html_ms"] > 0
    seconds = _numbers({k: v for k, v in results.items() if k not in {"machine", "sizes"}})
    assert seconds and all(n >= 0 for n in seconds)
    table = markdown(results)
    rows = [line for line in table.splitlines() if line.startswith("| ") and "---" not in line]
    assert len(rows) >= 15
    for row in rows[1:]:  # every row has a figure
        assert any(ch.isdigit() for ch in row.split("|")[2]), row
