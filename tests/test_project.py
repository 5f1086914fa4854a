"""A checkout works on its own files, whichever environment runs it."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

from checkout import CONTENT_DIR, ROOT
from conftest import MEETING, edit, languages
from test_diff import git


def invoke(project: Path, *args: str) -> subprocess.CompletedProcess[str]:
    """A task of ``project``'s tasks.py, run by this checkout's environment (as a second
    clone or a git worktree sharing our .venv would run it)."""
    return subprocess.run(
        [sys.executable, "-m", "invoke", *args],
        cwd=project,
        capture_output=True,
        text=True,
        check=False,
    )


def test_a_second_clone_checks_builds_and_diffs_its_own_content(tmp_path: Path) -> None:
    clone = tmp_path / "second-clone"
    clone.mkdir()
    shutil.copy(ROOT / "tasks.py", clone / "tasks.py")
    shutil.copytree(CONTENT_DIR, clone / "content")
    git(clone, "init", "-q")
    git(clone, "add", ".")
    git(clone, "commit", "-qm", "start")
    lang = languages()[0]
    target = clone / "content" / MEETING / lang / "adoption.yaml"
    text = target.read_text(encoding="utf-8")
    first = next(line for line in text.splitlines() if line.startswith("    ") and line.strip())
    marker = "Zqxjv"  # a word no report has
    edit(target, first, first + " " + marker)
    ours = {p: p.stat().st_mtime_ns for p in (ROOT / "build").rglob("*") if p.is_file()}

    languages_file = clone / "content" / "languages.yaml"
    good = languages_file.read_text(encoding="utf-8")
    languages_file.write_text(good + "[broken\n", encoding="utf-8")
    checked = invoke(clone, "check")
    assert checked.returncode == 2
    assert checked.stderr.startswith("content/languages.yaml:"), checked.stderr
    languages_file.write_text(good, encoding="utf-8")
    checked = invoke(clone, "check")
    assert checked.returncode == 0, checked.stderr

    meeting = MEETING.split("/")[-1]
    built = invoke(clone, "build", "--meeting", meeting, "--lang", lang, "--format", "html")
    assert built.returncode == 0, built.stderr
    html = clone / "build" / "reports" / f"{meeting}.{lang}.html"
    assert marker in html.read_text(encoding="utf-8")

    diffed = invoke(clone, "diff", "--base", "HEAD", "--meeting", meeting, "--lang", lang)
    assert diffed.returncode == 0, diffed.stderr
    assert "text changed" in diffed.stdout
    assert (clone / "build" / "redlines" / f"{meeting}.{lang}.docx").is_file()

    # Nothing of this checkout's build was written.
    assert {p: p.stat().st_mtime_ns for p in ours} == ours
