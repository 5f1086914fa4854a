"""Incremental and parallel builds: what is rebuilt, and that parallelism changes nothing."""

from __future__ import annotations

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

from checkout import ROOT
from conftest import FIXTURE_CONTENT, MEETING, languages
from rapporteur import cli
from rapporteur.build.layout import ALL_LANGUAGES
from rapporteur.build.output import read_manifest
from rapporteur.build.targets import plan
from rapporteur.load.loader import load_library
from seedtext import seed_blocks_missing


def build(content: Path, out: Path, capsys: pytest.CaptureFixture[str], **options) -> list[str]:
    """Run a build; return the artifacts it wrote."""
    assert cli.build(content, out, **options) == 0
    return [line for line in capsys.readouterr().out.splitlines() if line.startswith("build/")]


def depending_on(content: Path, meeting: str, lang: str) -> list[str]:
    """What an edit of one meeting's text in one language must rebuild: its reports in
    that language, and every compilation and adopted list drawing on it in that language,
    with the compilations' exports."""
    library = load_library(content)
    return [
        f"build/{t.relative_path().as_posix()}"
        for t in plan(library)
        if (t.kind == "report" and t.id == meeting and t.lang == lang)
        or (
            t.kind != "report"
            and meeting in library.compilations[t.id].compilation.record.meetings
            and t.lang in (lang, ALL_LANGUAGES)
        )
    ]


def snapshot(out: Path) -> dict[str, bytes]:
    return {
        p.relative_to(out).as_posix(): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()
    }


@pytest.fixture(scope="module")
def first_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A content copy and its full build, made once; each test works on a copy of both."""
    root = tmp_path_factory.mktemp("incremental")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    assert cli.build(root / "content", root / "build", quiet=True) == 0
    return root


@pytest.fixture
def built(first_build: Path, content: Path) -> Path:
    shutil.rmtree(content)
    shutil.copytree(first_build / "content", content)
    out = content.parent / "build"
    shutil.copytree(first_build / "build", out)
    return out


def test_unchanged_tree_rebuilds_nothing(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    before = snapshot(built)
    assert cli.build(content, built) == 0
    assert capsys.readouterr().out == "nothing to do: every document is up to date\n"
    assert snapshot(built) == before


def test_a_status_edit_leaves_the_edition_as_issued(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The compilation as issued does not read status.yaml: a status edit rebuilds the
    status edition, the adopted list and the workbook, in every language, and no more."""
    library = load_library(content)
    for compilation in library.compilations.values():
        if compilation.status is None:
            continue
        path = compilation.status.file.path
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("as_of: ", "# edited\nas_of: ", 1), encoding="utf-8")
    rebuilt = build(content, built, capsys)
    with_status = {c.id for c in library.compilations.values() if c.status is not None}
    assert with_status, "the fixture has a status.yaml"
    assert sorted(rebuilt) == sorted(
        f"build/{t.relative_path().as_posix()}"
        for t in plan(library)
        if t.id in with_status and (t.kind != "compilation" or t.lang == ALL_LANGUAGES)
    )


def test_one_edit_rebuilds_its_language_and_the_compilations_using_it(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    path = content / "meetings" / "cybercrime-2019" / "zh" / "adoption.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("通过了报告", "通过了本报告"), encoding="utf-8"
    )
    rebuilt = build(content, built, capsys)
    assert sorted(rebuilt) == sorted(depending_on(content, "cybercrime-2019", "zh"))
    assert "build/compilations/2021-stocktaking.status.zh.pdf" in rebuilt
    assert "build/compilations/2021-stocktaking.xlsx" in rebuilt
    path = content / MEETING / "en" / "adoption.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("adopted the report", "adopted this report"),
        encoding="utf-8",
    )
    rebuilt = build(content, built, capsys)
    assert sorted(rebuilt) == sorted(depending_on(content, "cybercrime-2018", "en"))
    assert not [p for p in rebuilt if "cybercrime-2019" in p or "cybercrime-2020" in p]


def test_damaged_or_deleted_artifacts_are_rebuilt(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    good = snapshot(built)
    (built / "reports" / "cybercrime-2018.zh.pdf").write_bytes(b"%PDF-1.7 damaged")
    (built / "compilations" / "2021-stocktaking.xlsx").unlink()
    assert sorted(build(content, built, capsys)) == [
        "build/compilations/2021-stocktaking.xlsx",
        "build/reports/cybercrime-2018.zh.pdf",
    ]
    assert snapshot(built) == good


def test_force_rebuilds_everything(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    every = plan(load_library(content))
    assert sorted(build(content, built, capsys, force=True)) == sorted(
        f"build/{t.relative_path().as_posix()}" for t in every
    )


def test_jobs_do_not_change_bytes_or_manifest(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    one, two = tmp_path / "one" / "build", tmp_path / "two" / "build"
    build(content, one, capsys, jobs=1, quiet=True)
    build(content, two, capsys, jobs=2, quiet=True)
    assert snapshot(one) == snapshot(two)
    # and what both wrote is the report: every block of the seed, in the Chinese one
    seed_report = two / "reports" / "cybercrime-2018.zh.html"
    assert seed_blocks_missing(seed_report.read_text(encoding="utf-8")) == []


def test_nothing_to_do_imports_no_writer(built: Path, content: Path) -> None:
    probe = (
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"status = cli.build(Path({str(content)!r}), Path({str(built)!r}), quiet=True); "
        "heavy = [m for m in ('weasyprint', 'docx', 'jinja2', 'pydantic', 'rapporteur.load.loader')"
        " if m in sys.modules]; print(status, heavy)"
    )
    result = subprocess.run(
        [sys.executable, "-c", probe], capture_output=True, text=True, cwd=ROOT, check=True
    )
    assert result.stdout.strip() == "0 []"


def test_every_task_keeps_the_manifest_entries_it_did_not_make(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """build, compile, compile --adopted, then build: the last one has nothing to do."""
    before = read_manifest(built)
    assert cli.build(content, built, kinds=["compilation"]) == 0
    assert cli.build(content, built, kinds=["adopted"]) == 0
    assert cli.build(content, built, langs=[sorted(languages(content))[0]]) == 0
    assert read_manifest(built) == before
    capsys.readouterr()
    assert cli.build(content, built) == 0
    assert capsys.readouterr().out == "nothing to do: every document is up to date\n"


def test_a_build_killed_while_writing_is_repaired(
    content: Path, built: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Killed between renames: a stray temporary file, one format of a document new and
    the others old, the manifest old. The next build cleans up and makes all agree."""
    good = snapshot(built)
    pdf = next((built / "reports").glob("*.pdf"))
    stray = pdf.with_name(f".{pdf.name}.k1ll3d.tmp")
    stray.write_bytes(b"%PDF-1.7 half")
    pdf.write_bytes(b"%PDF-1.7 from a newer build")
    assert build(content, built, capsys) == [f"build/reports/{pdf.name}"]
    assert not stray.exists()
    assert snapshot(built) == good
