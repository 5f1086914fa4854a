"""The PDF reports, checked as a reader would: text, page furniture, fonts, barcode."""

from __future__ import annotations

import hashlib
import re
import shutil
import subprocess
from pathlib import Path

import pytest
from pypdf import PdfReader

from checkout import CONTENT_DIR
from conftest import meeting_languages
from pdftools import MM, fonts, page_png, pages, text_in_area
from rapporteur import cli
from rapporteur.load.loader import load_library
from rapporteur.model.assemble import assemble_report
from rapporteur.render.report_html import render_report_html
from rapporteur.write.pdf import write_pdf
from seedtext import seed_blocks

FIRST_PAGE_BODY_BOTTOM_MM = 297 - 36  # @page :first margin-bottom
BODY_TOP_MM, BODY_BOTTOM_MM = 22, 297 - 24


@pytest.fixture(scope="session")
def build_dir(full_build: Path) -> Path:
    return full_build


def report(build_dir: Path, lang: str, fmt: str = "pdf") -> Path:
    return build_dir / "reports" / f"cybercrime-2018.{lang}.{fmt}"


def body_text(pdf: Path) -> str:
    """The text column of every page, without headers, footers and page-1 notes."""
    count = len(pages(pdf))
    parts = [text_in_area(pdf, 1, 0, FIRST_PAGE_BODY_BOTTOM_MM)]
    parts += [text_in_area(pdf, n, BODY_TOP_MM, BODY_BOTTOM_MM) for n in range(2, count + 1)]
    return "".join(parts)


def squeeze(text: str) -> str:
    return re.sub(r"\s+", "", text)


def assert_every_seed_block_in_order(pdf: Path) -> None:
    text = squeeze(body_text(pdf))
    position = 0
    for label, block in seed_blocks():
        found = text.find(squeeze(label + block), position)
        assert found >= 0, f"seed block {label} {block[:30]}… is missing or out of order"
        position = found + 1


def test_chinese_pdf_has_every_seed_block_in_order(build_dir: Path) -> None:
    assert_every_seed_block_in_order(report(build_dir, "zh"))


def test_asterisk_note_is_on_page_one_below_the_text(build_dir: Path) -> None:
    for lang, note in (("zh", "E/CN.15/2018/1。"), ("en", "E/CN.15/2018/1.")):
        first, second = pages(report(build_dir, lang))[:2]
        words = first.find(note)
        assert words, f"{lang}: the asterisk note is not on page 1"
        assert words[0].y_min > FIRST_PAGE_BODY_BOTTOM_MM * MM
        assert not second.find(note)
        star = [w for w in first.find("*") if abs(w.y_min - words[0].y_min) < 2]
        assert star and star[0].x_max < words[0].x_min, "the note's mark stands before its text"


def test_the_corner_notations_asterisk_is_superscript(build_dir: Path) -> None:
    """ "Item 8 of the provisional agenda*": the call is typed in superscript, as every
    note's mark is (UN Editorial Manual, footnote indicators), smaller and raised."""
    for pdf in sorted((build_dir / "reports").glob("*.pdf")):
        first = pages(pdf)[0]
        calls = [w for w in first.words if w.text == "*"]
        if not calls:
            continue  # a document without a provisional agenda
        star = min(calls, key=lambda w: w.y_min)  # the call, above its note
        line = [
            w
            for w in first.words
            if w.text != "*" and w.y_min < star.y_max and star.y_min < w.y_max
        ]
        assert line, pdf.name
        assert star.y_max - star.y_min < min(w.y_max - w.y_min for w in line) - 1, pdf.name
        assert star.y_max < max(w.y_max for w in line) - 1, f"{pdf.name}: raised"


def test_running_headers_and_page_numbers(build_dir: Path) -> None:
    for lang in meeting_languages():
        doc = pages(report(build_dir, lang))
        assert not [
            w
            for w in doc[0].words
            if w.y_max < 20 * MM and w.text == "E/CN.15/2018/12" and w.y_min > 15 * MM
        ], "page 1 has no running header"
        even, odd = doc[1], doc[2]
        if language_spec(lang).direction == "rtl":  # the pages mirror: sides swap
            even, odd = odd, even
        symbol_even = [w for w in even.find("E/CN.15/2018/12") if w.y_max < BODY_TOP_MM * MM]
        symbol_odd = [w for w in odd.find("E/CN.15/2018/12") if w.y_max < BODY_TOP_MM * MM]
        assert symbol_even and symbol_even[0].x_min < 25 * MM, f"{lang}: symbol on the left"
        assert symbol_odd and symbol_odd[0].x_max > even.width - 25 * MM, f"{lang}: on the right"
        # "2/10 V.18-02342" on a left page, "V.18-02342 3/10": the page at the outer edge
        total = len(doc)
        left, right = ("2", "3") if even is doc[1] else ("3", "2")
        number_even = [w for w in even.find(f"{left}/{total}") if w.y_min > BODY_BOTTOM_MM * MM]
        number_odd = [w for w in odd.find(f"{right}/{total}") if w.y_min > BODY_BOTTOM_MM * MM]
        assert number_even and number_even[0].x_min < 25 * MM, lang
        assert number_odd and number_odd[0].x_max > odd.width - 25 * MM, lang
        html = report(build_dir, lang, "html").read_text(encoding="utf-8")
        job = re.search(r'data-job-number="([^"]+)"', html).group(1)
        job_even = [w for w in even.find(job) if w.y_min > BODY_BOTTOM_MM * MM]
        job_odd = [w for w in odd.find(job) if w.y_min > BODY_BOTTOM_MM * MM]
        assert job_even and job_even[0].x_min > number_even[0].x_max, lang
        assert job_odd and job_odd[0].x_max < number_odd[0].x_min, lang
        assert not [w for w in doc[0].words if w.text.startswith("1/") and w.y_min > 280 * MM]


def test_masthead_and_corner_notation(build_dir: Path) -> None:
    zh = text_in_area(report(build_dir, "zh"), 1, 0, 120)
    for expected in (
        "Distr.: General",
        "13 April 2018",
        "Chinese",
        "Original: English",
        "经济及社会理事会",
        "预防犯罪和刑事司法委员会",
        "第二十七届会议",
        "2018年5月14日至18日，维也纳",
        "临时议程*项目8",
    ):
        assert expected in zh, expected
    en = text_in_area(report(build_dir, "en"), 1, 0, 120)
    for expected in (
        "United Nations",
        "Economic and Social Council",
        "Original: English",
        "Twenty-seventh session",
        "Vienna, 14–18 May 2018",
        "Item 8 of the provisional agenda*",
        "Unofficial working",
    ):
        assert expected in en, expected
    assert "\nEnglish\n" not in en, "the original language has no language line"


def test_fonts_are_embedded_and_as_specified(build_dir: Path) -> None:
    for lang in meeting_languages():
        rows = fonts(report(build_dir, lang))
        assert rows and all(row["emb"] == "yes" for row in rows), rows
        names = " ".join(row["name"] for row in rows)
        # the language's text face, the first it names after the Latin one ("UN Latin")
        text_face = next(f for f in language_spec(lang).fonts.pdf if f != "UN Latin")
        assert text_face.replace(" ", "-") in names, (lang, names)


def test_no_character_lacks_a_glyph(build_dir: Path) -> None:
    """Every character of the text is in one of the fonts its language names
    (languages.yaml fonts.pdf); invisible format characters (isolates, joiners) aside."""
    import unicodedata

    from fontTools.ttLib import TTCollection, TTFont

    def cmap(family: str) -> set[int]:
        # "UN Latin" is report.css's name for Liberation Serif's Latin letters
        family = "Liberation Serif" if family == "UN Latin" else family
        path = subprocess.run(
            ["fc-match", "-f", "%{file}", family], capture_output=True, text=True, check=True
        ).stdout
        fonts_ = TTCollection(path).fonts if path.endswith(".ttc") else [TTFont(path)]
        return set(fonts_[0].getBestCmap())

    for lang in meeting_languages():
        covered = set().union(*(cmap(family) for family in language_spec(lang).fonts.pdf))
        html = report(build_dir, lang, "html").read_text(encoding="utf-8")
        body = re.sub(r"<style>.*?</style>|<[^>]+>", "", html, flags=re.S)
        missing = {
            ch
            for ch in set(body)
            if not ch.isspace() and unicodedata.category(ch) != "Cf" and ord(ch) not in covered
        }
        assert not missing, f"{lang}: no glyph for {sorted(missing)}"


LETTERS = re.compile(r"[^\W\d_]+")
# isolates, joiners and embeddings (pdftotext adds its own); Arabic vowel marks, which
# poppler may set before their letter
NOT_COMPARED = re.compile("[\u061c\u200b\u2060\u202a-\u202e\u2066-\u2069\u064b-\u065f]")


def test_the_text_layer_gives_back_the_words(build_dir: Path) -> None:
    """Every word pdftotext reads off a PDF is a word of its HTML: a font whose glyphs
    map back to the wrong letters (Amiri gave "الخخبراء" and "فر يق") fails here. A
    token at a line's end may be part of a word (Chinese lines have no spaces); a
    hyphenated compound broken at its hyphen comes back joined. The status edition,
    where struck and inserted words touch, is left out."""
    for pdf in sorted(build_dir.glob("*/*.pdf")):
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        if "<del" in html:
            continue
        text = NOT_COMPARED.sub("", html_text(html))
        words = set(LETTERS.findall(text))
        words |= {"".join(LETTERS.findall(w)) for w in re.findall(r"\w+(?:[-\u2011]\w+)+", text)}
        extracted = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        strange = set()
        for line in NOT_COMPARED.sub("", extracted).splitlines():
            tokens = LETTERS.findall(line)
            for i, token in enumerate(tokens):
                at_an_end = i in (0, len(tokens) - 1)
                if token not in words and not (at_an_end and any(token in w for w in words)):
                    strange.add(token)
        assert not strange, f"{pdf.name}: {sorted(strange)[:12]}"


def html_text(html: str) -> str:
    import html as html_module

    return html_module.unescape(re.sub(r"<style>.*?</style>|<[^>]+>", " ", html, flags=re.S))


def test_symbols_link_to_undocs(build_dir: Path) -> None:
    reader = PdfReader(report(build_dir, "en"))
    uris = {
        annotation.get_object()["/A"]["/URI"]
        for page in reader.pages
        for annotation in page.get("/Annots", [])
        if "/A" in annotation.get_object()
    }
    assert "https://undocs.org/A/C.3/72/12" in uris
    assert "https://undocs.org/UNODC/CCPCJ/EG.4/2018/L.1" in uris


def test_barcode_reads_back_as_the_job_number(build_dir: Path, tmp_path: Path) -> None:
    if not shutil.which("zbarimg"):
        pytest.fail("zbarimg is missing: ./dev installs zbar-tools")
    image = page_png(report(build_dir, "en"), 1, tmp_path, dpi=300)
    decoded = subprocess.run(["zbarimg", "--quiet", str(image)], capture_output=True, text=True)
    assert decoded.stdout.strip() == "CODE-39:1802342"
    assert "V.18-02342 (E)" in text_in_area(report(build_dir, "en"), 1, 260, 297)
    # one job number for every version, with the version's letter
    assert "V.18-02342 (C)" in text_in_area(report(build_dir, "zh"), 1, 260, 297)


def test_two_builds_are_byte_identical(build_dir: Path, tmp_path: Path) -> None:
    again = tmp_path / "build"
    assert cli.build(CONTENT_DIR, again) == 0
    for path in sorted(build_dir.rglob("*.*")):
        twin = again / path.relative_to(build_dir)
        assert (
            hashlib.sha256(twin.read_bytes()).digest() == hashlib.sha256(path.read_bytes()).digest()
        ), path.name
    # and what is reproduced is the report: every block of the seed, in the Chinese one
    assert_every_seed_block_in_order(report(again, "zh"))


def test_numbered_footnotes_follow_their_calls(content: Path, tmp_path: Path) -> None:
    meeting = content / "meetings" / "cybercrime-2018" / "en"
    adoption = meeting / "adoption.yaml"
    adoption.write_text(
        adoption.read_text()
        .replace("adopted the report (", "adopted the report[^draft] ([^draft-symbol]")
        .replace("L.1]]).", "L.1]]).[^draft]"),
        encoding="utf-8",
    )
    (meeting / "footnotes.yaml").write_text(
        "draft: The draft report as orally amended.\ndraft-symbol: Issued in English only.\n",
        encoding="utf-8",
    )
    out = tmp_path / "build"
    assert cli.build(content, out, langs=["en"]) == 0
    html = (out / "reports" / "cybercrime-2018.en.html").read_text(encoding="utf-8")
    assert html.count('class="footnote"') == 2 and html.count('href="#note-draft"') == 1
    pdf = out / "reports" / "cybercrime-2018.en.pdf"
    doc = pages(pdf)
    found = {}
    for number in range(1, len(doc) + 1):
        lines = text_in_area(pdf, number, BODY_TOP_MM, 297).splitlines()
        for note in ("1 The draft report as orally amended.", "2 Issued in English only."):
            if any(" ".join(line.split()) == note for line in lines):
                found[note[0]] = number
    assert set(found) == {"1", "2"}, "both notes are printed as footnotes"
    assert found["1"] <= found["2"] >= len(doc) - 1
    assert "adopted the report" in " ".join(
        text_in_area(pdf, found["1"], BODY_TOP_MM, BODY_BOTTOM_MM).split()
    )


def test_numbered_note_on_page_one_follows_the_asterisk_note(content: Path, tmp_path: Path) -> None:
    """As on UN documents: "* E/CN.15/2018/1." first, then "1 …", under one rule."""
    english = content / "meetings/cybercrime-2018/en"
    (english / "footnotes.yaml").write_text(
        "resolution-65-230: General Assembly resolution 65/230, annex.\n", encoding="utf-8"
    )
    intro = english / "introduction.yaml"
    intro.write_text(
        intro.read_text(encoding="utf-8").replace(
            "In its resolution 65/230,", "In its resolution 65/230,[^resolution-65-230]", 1
        ),
        encoding="utf-8",
    )
    out = tmp_path / "build"
    assert cli.build(content, out, ["cybercrime-2018"], langs=["en"], formats=["pdf"]) == 0
    first, second = pages(out / "reports/cybercrime-2018.en.pdf")[:2]
    asterisk, numbered = first.find("E/CN.15/2018/1."), first.find("annex.")
    job = first.find("V.18-02342")
    assert asterisk and numbered and job
    assert asterisk[0].y_min < numbered[0].y_min < job[0].y_min, "order: *, 1, job number"
    below = {w.text for w in first.words if w.y_min >= asterisk[0].y_min - 1}
    assert below == {"*", "E/CN.15/2018/1.", "1", "General", "Assembly", "resolution"} | {
        "65/230,",
        "annex.",
        "V.18-02342",
        "(E)",
    }, "under the rule: the two notes and the job number, no text of the body"
    assert next(w.text for w in first.words if abs(w.y_min - numbered[0].y_min) < 1) == "1"
    assert not second.find("annex."), "the note is printed once, on page 1"
    # Page 1 keeps the lines it had with the note floated: page 2 starts with the same words.
    floated = tmp_path / "floated.pdf"
    english_report = assemble_report(load_library(content), "cybercrime-2018", "en")
    floated.write_bytes(write_pdf(render_report_html(english_report)).data)
    top = (BODY_TOP_MM, BODY_TOP_MM + 40)
    assert squeeze(text_in_area(out / "reports/cybercrime-2018.en.pdf", 2, *top)) == squeeze(
        text_in_area(floated, 2, *top)
    )
    assert len(pages(floated)) == len(pages(out / "reports/cybercrime-2018.en.pdf"))
    again = tmp_path / "again"
    assert cli.build(content, again, ["cybercrime-2018"], langs=["en"], formats=["pdf"]) == 0
    assert (again / "reports/cybercrime-2018.en.pdf").read_bytes() == (
        out / "reports/cybercrime-2018.en.pdf"
    ).read_bytes(), "not reproducible"


def language_spec(lang: str):
    from checkout import CONTENT_DIR
    from rapporteur.load.loader import load_library

    return load_library(CONTENT_DIR).languages.record.root[lang]


def test_the_text_ends_with_a_centred_rule(build_dir: Path, tmp_path: Path) -> None:
    """The short rule after the text is drawn on the last page, 30 mm wide and centred
    under the column, whatever the direction of the language, and on its own line: not
    over the running header's rule at the top of a page with nothing else."""
    from PIL import Image

    dpi = 72
    for pdf in sorted((build_dir / "reports").glob("*.pdf")):
        image = Image.open(page_png(pdf, len(pages(pdf)), tmp_path, dpi)).convert("L")
        width, height = image.size
        dark = image.load()
        rules = []
        for y in range(height):
            xs = [x for x in range(width) if dark[x, y] < 200]  # a 0.75 pt line is grey at 72 dpi
            if xs and len(xs) == xs[-1] - xs[0] + 1:  # one unbroken run
                rules.append((xs[0] / dpi * 25.4, (xs[-1] + 1) / dpi * 25.4))
        centred = [
            (start, end)
            for start, end in rules
            if abs(end - start - 30) < 2
            and abs((start + end) / 2 - 105) < 12  # the column's centre
        ]
        assert centred, f"{pdf.name}: no 30 mm rule centred on the last page"


def test_the_last_page_carries_text(build_dir: Path) -> None:
    """No PDF ends on a page holding only its running header and the closing rule."""
    for pdf in sorted(build_dir.glob("*/*.pdf")):
        last = len(pages(pdf))
        if last > 1:
            assert text_in_area(pdf, last, BODY_TOP_MM, BODY_BOTTOM_MM).strip(), pdf.name


def test_no_paragraph_leaves_a_single_line_behind(build_dir: Path) -> None:
    """Widows and orphans: a paragraph or item split by a page break keeps at least two
    lines on each page (report.css orphans/widows 2), as WeasyPrint lays it out."""
    from collections import Counter, defaultdict

    from weasyprint import HTML

    def lines(box, page: int, counts) -> None:
        for child in getattr(box, "children", ()):
            if type(child).__name__ == "LineBox":
                counts[child.element][page] += 1
            elif type(child).__name__ not in {"FootnoteAreaBox"}:
                lines(child, page, counts)

    for html in sorted((build_dir / "reports").glob("*.html")):
        counts: defaultdict = defaultdict(Counter)
        for number, page in enumerate(HTML(filename=html).render().pages, start=1):
            lines(page._page_box, number, counts)
        for element, per_page in counts.items():
            if len(per_page) > 1 and element is not None and element.tag.endswith("p"):
                text = "".join(element.itertext())[:40]
                assert min(per_page.values()) >= 2, (html.name, text, per_page)


def test_the_running_header_stands_clear_of_the_text(build_dir: Path) -> None:
    """On pages 2 onward, the first line of text (or a table's first row) starts well
    below the running header and its rule: 1.5 mm to the rule, then 4 mm of space."""
    for pdf in sorted(build_dir.glob("*/*.pdf")):
        for page in pages(pdf)[1:]:
            header = [w for w in page.words if w.y_max < BODY_TOP_MM * MM]
            body = [w for w in page.words if w.y_min >= BODY_TOP_MM * MM]
            if not header or not body:
                continue
            gap = min(w.y_min for w in body) - max(w.y_max for w in header)
            assert gap > 5 * MM, (pdf.name, round(gap / MM, 1))


def test_the_barcode_stands_under_its_job_number(build_dir: Path, tmp_path: Path) -> None:
    """Page 1's job number and its barcode share a side, in either direction of text."""
    from PIL import Image

    dpi = 72
    for pdf in sorted((build_dir / "reports").glob("*.pdf")):
        first = pages(pdf)[0]
        job = [w for w in first.words if re.fullmatch(r"(?:[A-Z]\.)?\d{2}-\d{5}", w.text)]
        if not job:
            continue
        image = Image.open(page_png(pdf, 1, tmp_path, dpi)).convert("L")
        top = round(job[0].y_max / 72 * dpi) + 1
        strip = image.crop((0, top, image.width, top + round(12 * MM / 72 * dpi)))
        dark = [
            x
            for x in range(strip.width)
            if min(strip.getpixel((x, y)) for y in range(strip.height)) < 128
        ]
        assert dark, pdf.name
        bars = (dark[0] * 72 / dpi, dark[-1] * 72 / dpi)
        assert bars[0] < job[0].x_max and job[0].x_min < bars[1], (pdf.name, bars, job[0])


def test_the_outline_reads_as_the_headings(build_dir: Path) -> None:
    """Each PDF bookmark is its heading's label and title, a space apart ("I. Introduction",
    not "I.Introduction": the page shows the space by the label's width)."""
    import html as html_module

    def outline(entries) -> list[str]:
        out = []
        for entry in entries:
            out += outline(entry) if isinstance(entry, list) else [entry.title]
        return out

    for pdf in sorted(build_dir.glob("*/*.pdf")):
        html = pdf.with_suffix(".html").read_text(encoding="utf-8")
        headings = [
            NOT_COMPARED.sub(
                "", html_module.unescape(f"{label} {re.sub(r'<[^>]+>', '', title)}")
            ).replace("\u00a0", " ")
            for label, title in re.findall(
                r'<h[23][^>]*><span class="num">([^<]*)</span>(.*?)</h[23]>', html
            )
        ]
        assert headings, pdf.name
        bookmarks = [
            NOT_COMPARED.sub("", title).replace("\u00a0", " ")
            for title in outline(PdfReader(pdf).outline)
        ]
        assert bookmarks[-len(headings) :] == headings, pdf.name


def test_no_font_is_picked_by_fallback(build_dir: Path) -> None:
    """Every font a PDF embeds is one its language names (languages.yaml fonts.pdf), the
    running headers' and footers' too, and no face twice under two names: a character
    no named font has (Amiri's isolates, Noto Naskh's quotation marks) would bring in
    whatever font the machine has."""
    for pdf in sorted(build_dir.glob("*/*.pdf")):
        named = {
            family.replace(" ", "-") for family in language_spec(pdf.suffixes[-2][1:]).fonts.pdf
        }
        embedded = {
            re.sub(
                r"-(?:Bold|Italic|Oblique|BoldItalic|BoldOblique|Regular)$",
                "",
                row["name"].split("+", 1)[-1],
            )
            for row in fonts(pdf)
        }
        assert embedded <= named, (pdf.name, sorted(embedded - named))


def test_east_asian_lines_are_justified_between_characters(build_dir: Path) -> None:
    """A justified line of East Asian text spreads its extra width between its characters
    (write/cjk_justification.py) as well as its spaces, so a space between words stays
    under 6 pt (the spaces around "George Maria Tyendezwa" took it all, 20 pt), unless the
    characters already take the most a reader's copy of the line allows. Read from
    WeasyPrint's layout of every East Asian report."""
    from weasyprint import HTML

    from rapporteur.write import cjk_justification

    cjk_justification.install()
    space = 0.25  # of the type size: Liberation Serif's and Noto Serif CJK's space
    for html in sorted((build_dir / "reports").glob("*.html")):
        if not language_spec(html.suffixes[-2][1:]).fonts.word.east_asian:
            continue
        spread = []
        for page in HTML(filename=html).render().pages:
            stack = [page._page_box]
            while stack:
                box = stack.pop()
                stack.extend(getattr(box, "children", ()))
                layout = getattr(box, "pango_layout", None)
                between = getattr(layout, "between_characters", None)
                if between is None or " " not in box.text:
                    continue
                size = box.style["font_size"]
                spread.append(between)
                at_most = cjk_justification.MOST_BETWEEN_CHARACTERS * size
                gap = space * size + box.justification_spacing
                assert gap <= 6 or between >= at_most - 1e-6, (html.name, box.text[:30], gap)
        assert spread, f"{html.name}: no justified line with characters and spaces"
