"""A compilation laid out in parts must be the very document laid out whole."""

from __future__ import annotations

import subprocess
from dataclasses import replace
from pathlib import Path

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st
from PIL import Image, ImageChops
from pypdf import PdfReader

from conftest import FIXTURE_CONTENT
from pdftools import pages
from rapporteur.load.loader import load_library
from rapporteur.model.compilation import Compilation
from rapporteur.model.compile import assemble_compilation
from rapporteur.render.compilation_html import render_compilation_html
from rapporteur.render.stylesheets import Part
from rapporteur.write.pdf import write_pdf
from rapporteur.write.pdf_parts import write_pdf_parts


def in_parts(compilation: Compilation, units_per_part: int) -> tuple[bytes, int]:
    """The PDF, and how many parts were laid out for it."""
    laid_out = []

    def render_part(start: int, stop: int, part: Part) -> str:
        laid_out.append(part)
        return render_compilation_html(compilation.part(start, stop), part)

    pdf = write_pdf_parts(render_part, compilation.units(), units_per_part)
    return pdf.data, len(laid_out)


def outline(pdf: Path) -> list[tuple[int, str, int]]:
    reader = PdfReader(pdf)

    def walk(items: list, level: int) -> list[tuple[int, str, int]]:
        out = []
        for item in items:
            if isinstance(item, list):
                out += walk(item, level + 1)
            else:
                out.append((level, item.title, reader.get_destination_page_number(item)))
        return out

    return walk(reader.outline, 0)


def page_images(pdf: Path, out: Path) -> list[Image.Image]:
    subprocess.run(["pdftoppm", "-r", "40", "-png", str(pdf), str(out / pdf.stem)], check=True)
    return [Image.open(p).convert("L") for p in sorted(out.glob(f"{pdf.stem}-*.png"))]


def with_a_row_longer_than_a_page(compilation: Compilation) -> Compilation:
    first, *others = compilation.themes
    rows = list(first.rows)
    rows[2] = replace(rows[2], content=rows[2].content * 40)
    return replace(compilation, themes=(replace(first, rows=tuple(rows)), *others))


@pytest.mark.parametrize(
    ("lang", "units_per_part", "long_row"), [("zh", 9, False), ("en", 2, False), ("en", 4, True)]
)
def test_parts_make_the_same_pages_as_the_whole(
    tmp_path: Path, lang: str, units_per_part: int, long_row: bool
) -> None:
    compilation = assemble_compilation(load_library(FIXTURE_CONTENT), "2021-stocktaking", lang)
    if long_row:  # split over pages whatever break-inside says; no part may cut it
        compilation = with_a_row_longer_than_a_page(compilation)
    whole, parted = tmp_path / "whole.pdf", tmp_path / "parted.pdf"
    whole.write_bytes(write_pdf(render_compilation_html(compilation)).data)
    data, laid_out = in_parts(compilation, units_per_part)
    parted.write_bytes(data)

    whole_pages, parted_pages = pages(whole), pages(parted)
    assert len(parted_pages) == len(whole_pages) > 5
    for number, (a, b) in enumerate(zip(whole_pages, parted_pages, strict=True), start=1):
        assert b.words == a.words, f"page {number} differs"
    images = zip(page_images(whole, tmp_path), page_images(parted, tmp_path), strict=True)
    for number, (a, b) in enumerate(images, start=1):
        assert ImageChops.difference(a, b).getbbox() is None, f"page {number} looks different"
    assert outline(parted) == outline(whole)
    assert PdfReader(parted).metadata == PdfReader(whole).metadata
    assert laid_out >= 3
    assert in_parts(compilation, units_per_part)[0] == data, "not reproducible"


@pytest.fixture(scope="module")
def compilation_en() -> Compilation:
    return assemble_compilation(load_library(FIXTURE_CONTENT), "2021-stocktaking", "en")


@settings(max_examples=200)
@given(data=st.data())
def test_a_part_holds_exactly_its_units(compilation_en: Compilation, data: st.DataObject) -> None:
    units = compilation_en.units()
    start = data.draw(st.integers(0, len(units) - 1))
    stop = data.draw(st.integers(start + 1, len(units)))
    part = compilation_en.part(start, stop)
    shown = [
        anchor
        for theme in part.themes
        for anchor in ([] if theme.continued else [theme.anchor]) + [r.anchor for r in theme.rows]
    ]
    expected = units[start:stop]
    if expected[-1].startswith("theme-"):  # a heading without its rows waits for the next part
        expected = expected[:-1]
    assert shown == expected
    # A theme is continued exactly when its heading stood before the part.
    for theme in part.themes:
        assert theme.continued == (units.index(theme.anchor) < start)
