"""``./dev check`` as a user runs it: exit status, summary, and errors without traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

from checkout import ROOT
from conftest import MEETING, edit

INVOKE = [sys.executable, "-m", "invoke", "--search-root", str(ROOT)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INVOKE, *args], capture_output=True, text=True, cwd=ROOT, check=False)


def test_check_passes_and_summarizes() -> None:
    result = run("check")
    assert result.returncode == 0, result.stderr
    assert "cybercrime-2018" in result.stdout
    row_zh = next(line for line in result.stdout.splitlines() if "│ zh" in line)
    assert "E/CN.15/2018/12" in row_zh and "39" in row_zh


def test_errors_exit_2_one_line_each_no_traceback(content: Path) -> None:
    edit(content / MEETING / "meeting.yaml", "organ: ECOSOC", "organ: ECOSCO")
    edit(content / MEETING / "en" / "front.yaml", "title: |\n  Report", "title: [Report")
    build = ROOT / "build"
    before = sorted(build.rglob("*")) if build.exists() else []
    result = run("check", "--content", str(content))
    assert result.returncode == 2
    assert "Traceback" not in result.stderr
    lines = result.stderr.splitlines()
    assert lines[-1] == "2 errors; nothing was built."
    assert all(line.startswith(str(content)) for line in lines[:-1]), lines
    assert any("meeting.yaml:4:8: unknown term 'ECOSCO' in bodies" in line for line in lines)
    assert (sorted(build.rglob("*")) if build.exists() else []) == before


def test_a_note_no_text_calls_is_a_warning_at_its_line(content: Path, run_check) -> None:
    """Loading's own warnings reach the user: check passes and says where the note is."""
    folder = content / MEETING
    for lang in ("en", "zh"):
        (folder / lang / "footnotes.yaml").write_text("orphan: A note nothing calls.\n")
    status, lines = run_check(content)
    assert status == 0
    for lang in ("en", "zh"):
        assert (
            f"<root>/{MEETING}/{lang}/footnotes.yaml:1:1: warning: footnote 'orphan' is never "
            "referenced" in lines
        )
