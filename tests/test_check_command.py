"""``./dev check`` as a user runs it: exit status, summary, and errors without traceback."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checkout import ROOT
from conftest import MEETING, edit
from rapporteur import cli

INVOKE = [sys.executable, "-m", "invoke", "--search-root", str(ROOT)]


def run(*args: str) -> subprocess.CompletedProcess[str]:
    return subprocess.run([*INVOKE, *args], capture_output=True, text=True, cwd=ROOT, check=False)


def test_check_passes_and_summarizes(content: Path) -> None:
    result = run("check", "--content", str(content))
    assert result.returncode == 0, result.stderr
    symbol = YAML(typ="safe").load(content / MEETING / "meeting.yaml")["symbol"]
    assert any(
        line.startswith(f"│ {Path(MEETING).name} ") and "│ zh" in line and symbol in line
        for line in result.stdout.splitlines()
    ), result.stdout


def summary_rows(content: Path, capsys: pytest.CaptureFixture[str]) -> dict[tuple, list[str]]:
    """check's summary table: (meeting, language) → its cells after the symbol."""
    assert cli.check(content) == 0, capsys.readouterr().err
    rows = {}
    for line in capsys.readouterr().out.splitlines():
        cells = [cell.strip() for cell in line.strip("│ ").split("│")]
        if len(cells) == 7 and cells[1].isalpha() and cells[1].islower():
            rows[cells[0], cells[1]] = cells[3:]
    return rows


def words(cell: str) -> int:
    return int(cell.split()[0].replace(",", ""))


def test_the_summary_counts_words_as_the_un_counts_them(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Words in English; every Chinese character a word, a run of digits one, punctuation
    none: a sentence added to a paragraph adds exactly its words, and a paragraph its
    words and its number."""
    meeting = Path(MEETING).name
    before = summary_rows(content, capsys)
    edit(
        content / MEETING / "en" / "introduction.yaml",
        "held in Vienna from 17 to 21 January 2011.\n",
        "held in Vienna from 17 to 21 January 2011. Member States met – see resolution "
        "65/230.\n",  # a dash alone is no word; "65/230." is one
    )
    edit(
        content / MEETING / "zh" / "introduction.yaml",
        "在维也纳举行。\n",
        "在维也纳举行。各国开会，见第65号决议。\n",  # 各国开会 见第 65 号决议: 4 + 2 + 1 + 3
    )
    after = summary_rows(content, capsys)
    assert words(after[meeting, "en"][3]) - words(before[meeting, "en"][3]) == 6
    assert words(after[meeting, "zh"][3]) - words(before[meeting, "zh"][3]) == 10
    assert after[meeting, "en"][:3] == before[meeting, "en"][:3]
    original = YAML(typ="safe").load(content / MEETING / "meeting.yaml")["original_language"]
    other = "zh" if original == "en" else "en"  # the fixture's meeting has these two
    assert after[meeting, original][3].endswith(" (original)")
    assert not after[meeting, other][3].endswith("(original)")
    # the title counts, and a footnote's words
    edit(content / MEETING / "en" / "front.yaml", "title: |\n  Report", "title: |\n  Final report")
    (content / MEETING / "en" / "footnotes.yaml").write_text(
        "venue-note: A note on the venue.\n", encoding="utf-8"
    )
    edit(
        content / MEETING / "en" / "introduction.yaml",
        "held in Vienna from 17 to 21",
        "held in Vienna[^venue-note] from 17 to 21",
    )
    noted = summary_rows(content, capsys)
    assert words(noted[meeting, "en"][3]) - words(after[meeting, "en"][3]) == 1 + 5
    after = noted
    for lang, text in (("en", "Member States met."), ("zh", "各国开会。")):
        edit(
            content / MEETING / lang / "introduction.yaml",
            "  - id: first-meeting\n",
            f"  - id: added-meeting\n    text: {text}\n  - id: first-meeting\n",
        )
    added = summary_rows(content, capsys)
    for lang, more in (("en", 3 + 1), ("zh", 4 + 1)):  # its words and its number
        assert int(added[meeting, lang][0]) == int(after[meeting, lang][0]) + 1
        assert words(added[meeting, lang][3]) - words(after[meeting, lang][3]) == more


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
