"""Page 1's images: the UN emblem and the "Please recycle" mark, placed where
content/marks/marks.yaml names them, their room kept where a project has none."""

from __future__ import annotations

import shutil
from pathlib import Path

import pytest
from PIL import Image, ImageChops, ImageDraw
from ruamel.yaml import YAML

from checkout import CONTENT_DIR
from conftest import FIXTURE_CONTENT, MEETING, CheckRun, meeting_languages
from docxtools import Docx, libreoffice_pdfs
from pdftools import MM, page_png, pages
from rapporteur import cli

MEETING_ID = MEETING.rsplit("/", 1)[1]
EMBLEM_RGB = (0, 90, 170)
RECYCLE_RGB = (0, 140, 60)


def add_marks(content: Path) -> None:
    """An emblem and a recycle mark per language, in colours nothing else on page 1 has."""
    folder = content / "marks"
    folder.mkdir()
    emblem = Image.new("RGB", (240, 200), "white")
    ImageDraw.Draw(emblem).ellipse((0, 0, 239, 199), fill=EMBLEM_RGB)  # edge to edge
    emblem.save(folder / "un-emblem.png")
    for lang in meeting_languages(MEETING, content):
        recycle = Image.new("RGB", (300, 150), RECYCLE_RGB)
        ImageDraw.Draw(recycle).text((20, 60), lang, fill="white")
        recycle.save(folder / f"recycle.{lang}.png")
    (folder / "marks.yaml").write_text(
        "emblem: un-emblem.png\nrecycle: recycle.{lang}.png\n", encoding="utf-8"
    )


@pytest.fixture(scope="module")
def builds(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    """The project's 2018 report in every language it is written in (the longest names
    of "United Nations" among them), built without page 1's images ("plain") and with
    them ("marked")."""
    out = {}
    for name in ("plain", "marked"):
        root = tmp_path_factory.mktemp(name)
        shutil.copytree(CONTENT_DIR, root / "content")
        if name == "marked":
            add_marks(root / "content")
        build = cli.build(root / "content", root / "build", meetings=[MEETING_ID], quiet=True)
        assert build == 0
        out[name] = root
    return out


def report(root: Path, lang: str, suffix: str = "pdf") -> Path:
    return root / "build" / "reports" / f"{MEETING_ID}.{lang}.{suffix}"


def painted(png: Path, rgb: tuple[int, int, int]) -> tuple[float, float, float, float]:
    """The box (points: x0, y0, x1, y1) of the pixels of colour ``rgb`` on a page image."""
    image = Image.open(png).convert("RGB")
    distance = ImageChops.difference(image, Image.new("RGB", image.size, rgb)).convert("L")
    box = distance.point(lambda value: 255 if value < 25 else 0).getbbox()
    assert box is not None, f"no pixel of {rgb} on {png.name}"
    scale = 72 / 100  # page_png at 100 dpi
    return (box[0] * scale, box[1] * scale, box[2] * scale, box[3] * scale)


@pytest.mark.parametrize("lang", meeting_languages(MEETING, CONTENT_DIR))
def test_the_marks_stand_where_un_documents_put_them(
    builds: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    """The emblem between "United Nations" and the symbol, on the masthead's top line; the
    recycle mark at the right of page 1's foot, beside the barcode."""
    pdf = report(builds["marked"], lang)
    first = pages(pdf)[0]
    png = page_png(pdf, 1, tmp_path, dpi=100)
    written = YAML(typ="safe").load(CONTENT_DIR / MEETING / "meeting.yaml")["symbol"]
    longest = max((w for w in first.words if w.text in written), key=lambda w: len(w.text))
    middle = (longest.y_min + longest.y_max) / 2
    top_line = [w for w in first.words if w.y_min < middle < w.y_max]
    symbol = [w for w in top_line if w.text in written]
    un_name = [w for w in top_line if w not in symbol]
    assert un_name, "United Nations is on the top line"
    x0, y0, x1, y1 = painted(png, EMBLEM_RGB)
    names = (min(w.x_min for w in un_name), max(w.x_max for w in un_name))
    marks = (min(w.x_min for w in symbol), max(w.x_max for w in symbol))
    left, right = sorted([names, marks])
    assert left[1] < x0 and x1 < right[0], "the emblem stands between the name and the symbol"
    name_top, name_foot = min(w.y_min for w in un_name), max(w.y_max for w in un_name)
    assert (name_top + name_foot) / 2 < y1 <= name_foot + 1.5, "its foot at the name's foot"
    assert abs((y1 - y0) - 11 * MM) < 1.5, "11 mm tall"
    job = [w for w in first.words if w.text.startswith("V.18-02342")]
    x0, y0, x1, y1 = painted(png, RECYCLE_RGB)
    assert x1 > first.width - 30 * MM and x0 > first.width / 2, "at the right of the foot"
    assert y0 > job[0].y_min, "level with the barcode, under the job number"


@pytest.mark.parametrize("lang", meeting_languages(MEETING, CONTENT_DIR))
def test_without_the_images_the_page_keeps_their_room(
    builds: dict[str, Path], lang: str, tmp_path: Path
) -> None:
    """Every word of the report stands where it stands with the images, in the PDF and
    in the DOCX as LibreOffice lays it out; only the images differ."""

    def layout(pdf: Path) -> list[list[tuple[str, int, int]]]:
        return [[(w.text, round(w.x_min), round(w.y_min)) for w in p.words] for p in pages(pdf)]

    plain, marked = report(builds["plain"], lang), report(builds["marked"], lang)
    assert layout(plain) == layout(marked)
    docs = []
    for name, root in builds.items():
        docs.append(tmp_path / f"{name}.docx")
        shutil.copyfile(report(root, lang, "docx"), docs[-1])
    assert libreoffice_pdfs(docs, tmp_path).returncode == 0
    assert layout(tmp_path / "plain.pdf") == layout(tmp_path / "marked.pdf")


def test_the_docx_carries_the_images_as_they_are(builds: dict[str, Path]) -> None:
    """The files' own bytes, in the masthead's first cell and in page 1's footer."""
    folder = builds["marked"] / "content" / "marks"
    for lang in meeting_languages(MEETING, CONTENT_DIR):
        docx = Docx(report(builds["marked"], lang, "docx"))
        media = {docx.zip.read(name) for name in docx.names if name.startswith("word/media/")}
        assert (folder / "un-emblem.png").read_bytes() in media
        assert (folder / f"recycle.{lang}.png").read_bytes() in media
        plain = Docx(report(builds["plain"], lang, "docx"))
        assert len([n for n in plain.names if n.startswith("word/media/")]) == len(media) - 2


BAD_MARKS = {
    "missing": ("emblem: un-emblem.png\n", {}, "emblem: un-emblem.png is missing"),
    "not an image": (
        "emblem: un-emblem.png\n",
        {"un-emblem.png": b"not a picture"},
        "emblem: un-emblem.png is not an image that can be read",
    ),
    "a GIF": ("recycle: mark.png\n", {"mark.png": "GIF"}, "recycle: mark.png is a GIF image"),
    "one language short": (
        "recycle: recycle.{lang}.png\n",
        {"recycle.en.png": "PNG"},
        "recycle: recycle.zh.png is missing",
    ),
    "a path": ("emblem: ../un-emblem.png\n", {}, "malformed image file name"),
}


@pytest.mark.parametrize("case", BAD_MARKS)
def test_check_refuses_marks_it_cannot_place(content: Path, run_check: CheckRun, case: str) -> None:
    """A named file that is missing or no PNG/JPEG fails check, at the name's line and
    column, so that build never meets it."""
    text, files, message = BAD_MARKS[case]
    folder = content / "marks"
    folder.mkdir()
    (folder / "marks.yaml").write_text(text, encoding="utf-8")
    for name, kind in files.items():
        if isinstance(kind, bytes):
            (folder / name).write_bytes(kind)
        else:
            Image.new("RGB", (20, 20), "white").save(folder / name, format=kind)
    status, lines = run_check(content)
    assert status == 2
    column = text.index(":") + 3  # the file's name
    errors = [line for line in lines if line.startswith("<root>")]
    assert len(errors) == 1, lines
    assert errors[0].startswith(f"<root>/marks/marks.yaml:1:{column}: {message}"), lines


def test_a_new_image_rebuilds_the_documents(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """marks/ is an input of every document: replacing the emblem rebuilds them."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    add_marks(content)
    assert cli.build(content, tmp_path / "build", meetings=[MEETING_ID], formats=["html"]) == 0
    capsys.readouterr()
    Image.new("RGB", (100, 100), EMBLEM_RGB).save(content / "marks" / "un-emblem.png")
    assert cli.build(content, tmp_path / "build", meetings=[MEETING_ID], formats=["html"]) == 0
    rebuilt = capsys.readouterr().out.split()
    assert sorted(rebuilt) == sorted(
        f"build/reports/{MEETING_ID}.{lang}.html"
        for lang in meeting_languages(MEETING, FIXTURE_CONTENT)
    )
