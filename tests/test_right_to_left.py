"""Right-to-left documents (languages.yaml direction: rtl), checked on every such
language the repository has, and Arabic's UN conventions written out."""

from __future__ import annotations

import re
import subprocess
import zipfile
from datetime import date
from functools import cache
from pathlib import Path
from xml.etree import ElementTree

import pytest

from checkout import CONTENT_DIR
from pdftools import MM, pages
from rapporteur.load.loader import load_library
from rapporteur.model.document import DateSpan
from rapporteur.model.numbering import label
from rapporteur.render.dates import date_range, single_date
from rapporteur.render.environment import spelled_ordinal
from rapporteur.render.unbreakable import ZERO_WIDTH_SPACE, unbroken_symbol

FIXTURE = Path(__file__).parent / "fixtures" / "content"
W = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
INVISIBLE = re.compile("[\u061c\u200b\u2060\u202a-\u202e\u2066-\u2069]")


@cache
def content_languages():
    return load_library(CONTENT_DIR).languages.record.root


def rtl_reports(build_dir: Path) -> list[Path]:
    return [
        pdf
        for pdf in sorted((build_dir / "reports").glob("*.pdf"))
        if content_languages()[pdf.suffixes[-2].lstrip(".")].direction == "rtl"
    ]


def test_arabic_conventions() -> None:
    arabic = load_library(FIXTURE).languages.record.root["ar"]
    assert arabic.direction == "rtl"
    assert spelled_ordinal(27, arabic, "ar") == "السابعة والعشرون"
    assert single_date(date(2018, 4, 13), arabic) == "13 نيسان/أبريل 2018"
    assert date_range(DateSpan(date(2018, 5, 14), date(2018, 5, 18)), arabic) == (
        "14-18 أيار/مايو 2018"
    )
    labels = arabic.labels
    assert [label(n, labels.item) for n in (1, 5, 8)] == ["(أ)", "(هـ)", "(ح)"]
    assert label(1, labels.nested) == "’1‘"
    assert label(1, labels.chapter) == "أولا -" and label(1, labels.section) == "ألف -"
    assert label(12, labels.paragraph) == "12 -"


def test_a_right_to_left_report_is_mirrored(full_build: Path) -> None:
    """Page 1: the symbol on the left, the paragraph numbers on the right; the HTML says
    dir="rtl"; Latin runs come out of the PDF whole and in order."""
    reports = rtl_reports(full_build)
    if not any(spec.direction == "rtl" for spec in content_languages().values()):
        pytest.skip("no right-to-left language in the repository's content")
    assert reports
    for pdf in reports:
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        assert re.search(r'<html [^>]*dir="rtl"', html)
        first = pages(pdf)[0]
        document_symbol = re.search(r'data-symbol="([^"]+)"', html).group(1)
        symbol = [
            w
            for w in first.words
            if len(INVISIBLE.sub("", w.text)) > 3
            and document_symbol.endswith(INVISIBLE.sub("", w.text))
            and w.y_max < 40 * MM
        ]
        assert symbol and symbol[0].x_max < first.width / 2, "the symbol on the left"
        # the paragraph numbers, below the title and the first heading
        numbers = [w for w in first.words if w.text in {"1", "2", "3"} and w.y_min > 130 * MM]
        assert numbers and all(w.x_min > first.width - 40 * MM for w in numbers), numbers
        text = INVISIBLE.sub(
            "",
            subprocess.run(
                ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
            ).stdout,
        )
        for symbol_text in re.findall(r"\[\[([^\]]+)\]\]", _content_text(pdf)):
            if ZERO_WIDTH_SPACE in unbroken_symbol(symbol_text):
                continue  # a long symbol may break after a slash, at a line's end
            assert symbol_text in text, (pdf.name, symbol_text)


def _content_text(pdf: Path) -> str:
    meeting, lang = pdf.name.split(".")[0], pdf.suffixes[-2].lstrip(".")
    folder = CONTENT_DIR / "meetings" / meeting / lang
    return "".join(path.read_text(encoding="utf-8") for path in sorted(folder.glob("*.yaml")))


def test_a_right_to_left_docx_reads_right_to_left(full_build: Path) -> None:
    """Paragraphs bidi and runs rtl by default; the symbol, the running headers and an
    English Distr. block left to right; the complex-script font the language names."""
    for pdf in rtl_reports(full_build):
        spec = content_languages()[pdf.suffixes[-2].lstrip(".")]
        with zipfile.ZipFile(pdf.with_suffix(".docx")) as docx:
            styles = ElementTree.fromstring(docx.read("word/styles.xml"))
        by_name = {s.find(f"{W}name").get(f"{W}val"): s for s in styles.iter(f"{W}style")}
        normal = by_name["Normal"]
        assert normal.find(f"{W}pPr/{W}bidi") is not None
        assert normal.find(f"{W}rPr/{W}rtl") is not None
        for name in ("UN Symbol", "UN Header Odd", "UN Header Even"):
            assert by_name[name].find(f"{W}pPr/{W}bidi").get(f"{W}val") == "0", name
        # the symbol at the masthead's far left, as in the PDF
        assert by_name["UN Symbol"].find(f"{W}pPr/{W}jc").get(f"{W}val") == "left"
        # the section and the tables read right to left, as Word writes them
        with zipfile.ZipFile(pdf.with_suffix(".docx")) as docx:
            body = ElementTree.fromstring(docx.read("word/document.xml"))
        section = body.find(f"{W}body/{W}sectPr")
        assert section.find(f"{W}bidi") is not None and section.find(f"{W}rtlGutter") is not None
        tables = body.findall(f".//{W}tbl")
        assert tables and all(t.find(f"{W}tblPr/{W}bidiVisual") is not None for t in tables)
        fonts = styles.find(f"{W}docDefaults/{W}rPrDefault/{W}rPr/{W}rFonts")
        assert fonts.get(f"{W}cs") == spec.fonts.word.complex_script


def test_arabic_lists_states_as_the_un_does() -> None:
    """Each member joined with "، و", in the order of the names without their article."""
    from rapporteur.model.lists import enumerate_in_text

    arabic = load_library(FIXTURE).languages.record.root["ar"]
    joined = enumerate_in_text(["أ", "ب", "ج"], arabic.locale, patterns=arabic.list_patterns)
    assert joined == "أ، وب، وج"
    assert enumerate_in_text(["أ", "ب"], arabic.locale, patterns=arabic.list_patterns) == "أ وب"
    assert enumerate_in_text(["A", "B", "C"], "en_GB") == "A, B and C"  # CLDR's, untouched


def test_a_report_lists_states_in_its_language_s_order() -> None:
    """In every language of the repository's content whose list order is its own: the
    States that made statements, in ICU order of their names, leaving out the prefixes
    the language sorts without."""
    from rapporteur.model.assemble import assemble_report
    from rapporteur.model.collation import sort_key

    library = load_library(CONTENT_DIR)
    for meeting in library.meetings.values():
        codes = meeting.meeting.record.participation.states
        if len(codes) < 3:
            continue
        for lang in meeting.languages:
            spec = library.languages.record.root[lang]
            if spec.list_order != "own":
                continue
            names = library.terms[lang].record.states
            wanted = sorted(
                (names[c] for c in codes),
                key=lambda name: sort_key(spec.locale)(
                    next(
                        (
                            name.removeprefix(p)
                            for p in spec.sort_ignores_prefixes
                            if name.startswith(p)
                        ),
                        name,
                    )
                ),
            )
            report = assemble_report(library, meeting.id, lang)
            texts = [
                "".join(getattr(span, "text", "") for span in paragraph.content)
                for paragraph in report.paragraphs()
            ]
            # the paragraph that lists them all (the statements), the shortest such
            listing = min((t for t in texts if all(name in t for name in wanted)), key=len)
            positions = [listing.find(name) for name in wanted]
            assert positions == sorted(positions), (meeting.id, lang)
