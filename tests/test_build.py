"""./dev build: selection, manifest, atomic writes, and what content can never do."""

from __future__ import annotations

import json
import os
import stat
from pathlib import Path

import pytest

from conftest import MEETING, edit, languages
from pdftools import pages
from rapporteur import cli
from rapporteur.paths import TEMPLATES_DIR
from rapporteur.write import pdf as pdf_writer
from rapporteur.write.pdf import FetchRefused, allowed, write_pdf

INJECTION = '<img src="file:///etc/passwd"> </p><script>alert(1)</script> {{ 7*7 }}'


def test_selection_narrows_and_manifest_keeps_the_rest(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    meeting = ["cybercrime-2018"]
    assert cli.build(content, out, meeting, langs=["en"], formats=["html"]) == 0
    assert sorted(p.name for p in (out / "reports").iterdir()) == ["cybercrime-2018.en.html"]
    assert cli.build(content, out, meeting, langs=["zh"], formats=["html"]) == 0
    manifest = json.loads((out / "manifest.json").read_text())["artifacts"]
    assert [(e["lang"], e["format"], e["path"]) for e in manifest] == [
        ("en", "html", "build/reports/cybercrime-2018.en.html"),
        ("zh", "html", "build/reports/cybercrime-2018.zh.html"),
    ]
    assert all(e["kind"] == "report" and e["id"] == "cybercrime-2018" for e in manifest)
    # Written through private temporary files, but readable like any file the user makes.
    umask = os.umask(0)
    os.umask(umask)
    for path in [out / "manifest.json", *(out / "reports").iterdir()]:
        assert stat.S_IMODE(path.stat().st_mode) == 0o666 & ~umask, path


def test_unknown_selection_is_an_error(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    known = ", ".join(languages(content))
    assert cli.build(content, tmp_path / "build", langs=["xx"]) == 2
    assert capsys.readouterr().err.strip() == f"error: --lang xx: no such lang (known: {known})"
    assert not (tmp_path / "build").exists()


def test_content_errors_touch_nothing(content: Path, tmp_path: Path) -> None:
    out = tmp_path / "build"
    assert cli.build(content, out, formats=["html"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(content / MEETING / "meeting.yaml", "number: 27", "number: many")
    assert cli.build(content, out) == 2
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_failed_render_leaves_earlier_artifacts(
    content: Path,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    out = tmp_path / "build"
    assert cli.build(content, out, formats=["html"]) == 0
    before = {p: p.read_bytes() for p in out.rglob("*") if p.is_file()}
    edit(content / MEETING / "en" / "adoption.yaml", "adopted the report", "adopted it")

    # The fetcher refuses everything, so every PDF fails the way a forbidden URL would.
    monkeypatch.setattr(pdf_writer, "allowed", lambda url, templates: False)
    capsys.readouterr()
    assert cli.build(content, out) == 1
    assert "refused to fetch" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in out.rglob("*") if p.is_file()} == before


def test_markup_in_content_is_printed_literally(content: Path, tmp_path: Path) -> None:
    edit(content / MEETING / "en" / "adoption.yaml", "adopted the report", INJECTION)
    out = tmp_path / "build"
    assert cli.build(content, out, langs=["en"]) == 0
    html = (out / "reports" / "cybercrime-2018.en.html").read_text(encoding="utf-8")
    assert "&lt;img src=&#34;file:///etc/passwd&#34;&gt;" in html
    assert "&lt;/p&gt;&lt;script&gt;" in html and "<script>" not in html
    assert "{{ 7*7 }}" in html and ">49<" not in html
    pdf = out / "reports" / "cybercrime-2018.en.pdf"
    texts = [" ".join(w.text for w in page.words) for page in pages(pdf)]
    assert any('<img src="file:///etc/passwd">' in t for t in texts)
    assert not any("root:x:0:0" in t for t in texts)


@pytest.mark.parametrize(
    "url",
    [
        "file:///etc/passwd",
        "http://127.0.0.1:9/x.css",
        "https://undocs.org/E/CN.15/2018/12",
        "file:///work/../etc/hostname",
    ],
)
def test_fetcher_refuses_anything_outside_templates(url: str) -> None:
    assert not allowed(url, TEMPLATES_DIR)
    with pytest.raises(FetchRefused, match="refused to fetch"):
        write_pdf(f'<p>x</p><img src="{url}">')


def test_fetcher_serves_templates_and_data() -> None:
    templates = TEMPLATES_DIR
    assert allowed((templates / "report.css").as_uri(), templates)
    assert allowed("data:image/svg+xml,%3Csvg/%3E", templates)
    assert not allowed((templates / "missing.png").as_uri(), templates)
