"""git textconv: content fragments as numbered text, for readable git diffs."""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
from pathlib import Path

from checkout import CONTENT_DIR, ROOT
from rapporteur.review.textconv import convert
from seedtext import seed_blocks

MEETING = CONTENT_DIR / "meetings" / "cybercrime-2018"


def entries(text: str) -> list[tuple[str, str]]:
    """(reference, text) of each block: a reference starts a line, sentences follow."""
    out: list[tuple[str, str]] = []
    for line in text.splitlines():
        label, rest = line[:16].strip(), line[16:]
        if label:
            out.append((label, rest))
        else:
            out[-1] = (out[-1][0], out[-1][1] + rest)
    return out


def test_seed_fragments_read_as_numbered_text(tmp_path: Path) -> None:
    seed = {label: text for label, text in seed_blocks()}
    copy = tmp_path / "recommendations.yaml"
    copy.write_bytes((MEETING / "zh" / "recommendations.yaml").read_bytes())
    shown = dict(entries(convert(copy, CONTENT_DIR)))
    assert shown["9 (n)（一）"].startswith("在网络犯罪调查、电子证据处理")
    assert shown["10 (f)（十五）"] == "非法影响关键信息基础设施；"
    assert shown["10 (q)"].startswith("会员国应当考虑采取进一步的预防网络犯罪措施")
    assert list(shown)[:3] == ["8", "9", "9 (a)"]
    organization = tmp_path / "organization.yaml"
    organization.write_bytes((MEETING / "zh" / "organization.yaml").read_bytes())
    shown = dict(entries(convert(organization, CONTENT_DIR)))
    assert shown["33"] == seed["33."]
    assert shown["35"] == seed["35."]  # its agenda items belong to agenda.yaml


def test_broken_yaml_is_shown_as_it_is(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("paragraphs: [\n", encoding="utf-8")
    assert convert(broken, CONTENT_DIR) == "paragraphs: [\n"


def test_git_diff_uses_it(tmp_path: Path) -> None:
    """The command .gitattributes names, run the way git runs it."""
    copy = tmp_path / "adoption.yaml"
    copy.write_bytes((MEETING / "en" / "adoption.yaml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "rapporteur.review.textconv", str(copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.startswith("39              At its 6th session")
    assert "content/**/*.yaml diff=rapporteur" in (ROOT / ".gitattributes").read_text()


def test_a_fifo_among_the_fragments_does_not_block(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    os.mkfifo(content / "meetings" / "cybercrime-2018" / "en" / "notes.yaml")
    copy = tmp_path / "recommendations.yaml"
    copy.write_bytes((MEETING / "en" / "recommendations.yaml").read_bytes())
    code = (
        "from pathlib import Path; from rapporteur.review.textconv import convert; "
        f"print(convert(Path({str(copy)!r}), Path({str(content)!r}))[:40])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip()
