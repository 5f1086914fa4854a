"""The DOCX reports: structure a Word user relies on, text equal to the HTML's, and
LibreOffice opening them."""

from __future__ import annotations

import re
import shutil
import subprocess
from itertools import pairwise
from pathlib import Path

import pytest
import tinyhtml5
from hypothesis import given
from hypothesis import strategies as st

from conftest import meeting_languages
from docxtools import NS, Docx, libreoffice_pdfs, paragraph_text, styled_paragraphs, w
from rapporteur import cli
from rapporteur.write.docx import CORE_PROPERTY_CHARS, property_text
from rapporteur.write.oxml import PPR_ORDER, RPR_ORDER, TCPR_ORDER, TRPR_ORDER
from seedtext import seed_blocks

XHTML = "{http://www.w3.org/1999/xhtml}"
NUMBERED_STYLES = {"Heading1", "Heading2", "UNParagraph", "UNItem", "UNNestedItem"}


@pytest.fixture(scope="module")
def build_dir(full_build: Path) -> Path:
    return full_build


def docx_of(build_dir: Path, lang: str) -> Docx:
    return Docx(build_dir / "reports" / f"cybercrime-2018.{lang}.docx")


def html_blocks(path: Path) -> list[tuple[str, str]]:
    """(label, text) of every heading, paragraph and item of the report HTML's body."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    main = next(root.iter(XHTML + "main"))
    out = []
    for node in main.iter():
        cls = set((node.get("class") or "").split())
        if node.tag in {XHTML + "h2", XHTML + "h3"} or cls & {"para", "item-text"}:
            label = "".join(next(n for n in node if "num" in (n.get("class") or "")).itertext())
            text = "".join(_visible(node))[len(label) :]
            out.append((label, text))
    return out


def _visible(node):
    if node.text:
        yield node.text
    for child in node:
        if "footnote" not in (child.get("class") or "").split():
            yield from _visible(child)
        if child.tail:
            yield child.tail


def docx_blocks(doc: Docx) -> list[tuple[str, str]]:
    return [
        tuple(text.split("\t", 1))
        for style, text in styled_paragraphs(doc)
        if style in NUMBERED_STYLES
    ]


@pytest.mark.parametrize("lang", meeting_languages())
def test_docx_text_equals_html_text(build_dir: Path, lang: str) -> None:
    html = html_blocks(build_dir / "reports" / f"cybercrime-2018.{lang}.html")
    ours = docx_blocks(docx_of(build_dir, lang))
    assert len(html) > 100
    for index, (a, b) in enumerate(zip(ours, html, strict=True)):
        assert a == b, f"block {index} differs"


def test_chinese_docx_has_every_seed_block(build_dir: Path) -> None:
    """The seed's text, less the invisible break controls of units (render/unbreakable)."""
    blocks = docx_blocks(docx_of(build_dir, "zh"))
    visible = [(label, re.sub("[\u200b\u2060]", "", text)) for label, text in blocks]
    assert [(label, text.replace("\u00a0", " ")) for label, text in visible] == (seed_blocks())


def test_footnotes_part_and_asterisk_note(build_dir: Path) -> None:
    for lang, text in (("zh", "E/CN.15/2018/1。"), ("en", "E/CN.15/2018/1.")):
        doc = docx_of(build_dir, lang)
        assert doc.related("word/document.xml", "footnotes") == ["word/footnotes.xml"]
        notes = doc.xml("word/footnotes.xml").findall("w:footnote", NS)
        assert [n.get(w("id")) for n in notes[:2]] == ["-1", "0"]
        assert [n.get(w("type")) for n in notes[:2]] == ["separator", "continuationSeparator"]
        asterisk = notes[2]
        assert asterisk.find(".//w:footnoteRef", NS) is None, "a custom mark replaces the number"
        assert paragraph_text(asterisk.find("w:p", NS)).replace("\u2060", "") == f"*\t{text}"
        body = doc.xml("word/document.xml")
        reference = body.find(".//w:footnoteReference", NS)
        assert reference.get(w("id")) == asterisk.get(w("id"))
        assert reference.get(w("customMarkFollows")) == "1"
        # the asterisk is superscript, as the UN Editorial Manual has every note's mark
        run = next(r for r in body.iter(w("r")) if reference in list(r))
        style_id = run.find("w:rPr/w:rStyle", NS).get(w("val"))
        style = next(
            s
            for s in doc.xml("word/styles.xml").findall("w:style", NS)
            if s.get(w("styleId")) == style_id
        )
        assert style.find("w:rPr/w:vertAlign", NS).get(w("val")) == "superscript", style_id
        corner = [
            p
            for p in body.iter(w("p"))
            if "\0" not in paragraph_text(p) and reference in list(p.iter())
        ]
        assert corner, "the reference stands in the corner notation's agenda line"


def test_numbered_notes_start_at_one_after_the_asterisk(content: Path, tmp_path: Path) -> None:
    en = content / "meetings" / "cybercrime-2018" / "en"
    (en / "adoption.yaml").write_text(
        (en / "adoption.yaml")
        .read_text()
        .replace("adopted the report", "adopted the report[^oral]"),
        encoding="utf-8",
    )
    (en / "footnotes.yaml").write_text("oral: As orally amended.\n", encoding="utf-8")
    out = tmp_path / "build"
    assert cli.build(content, out, langs=["en"], formats=["docx"]) == 0
    doc = Docx(out / "reports" / "cybercrime-2018.en.docx")
    notes = doc.xml("word/footnotes.xml").findall("w:footnote", NS)[2:]
    assert len(notes) == 2
    numbered = notes[1]
    assert numbered.find(".//w:footnoteRef", NS) is not None, "Word numbers it: 1"
    assert paragraph_text(numbered.find("w:p", NS)) == "\tAs orally amended."
    references = doc.xml("word/document.xml").findall(".//w:footnoteReference", NS)
    assert [r.get(w("customMarkFollows")) for r in references] == ["1", None]


def test_headers_footers_and_page_field(build_dir: Path) -> None:
    doc = docx_of(build_dir, "en")
    sect = doc.xml("word/document.xml").find(".//w:body/w:sectPr", NS)
    kinds = {}
    for kind in ("headerReference", "footerReference"):
        for ref in sect.findall(f"w:{kind}", NS):
            target = doc.rels("word/document.xml")[ref.get(f"{{{NS['r']}}}id")].get("Target")
            kinds[(kind, ref.get(w("type")))] = doc.xml(f"word/{target}")
    assert set(kinds) == {
        (k, t) for k in ("headerReference", "footerReference") for t in ("default", "even", "first")
    }
    odd, even = kinds[("headerReference", "default")], kinds[("headerReference", "even")]
    for header, align in ((odd, "right"), (even, "left")):
        paragraph = header.find("w:p", NS)
        assert paragraph_text(paragraph) == "E/CN.15/2018/12"
        style = paragraph.find("w:pPr/w:pStyle", NS).get(w("val"))
        styles = doc.xml("word/styles.xml")
        defined = next(s for s in styles.findall("w:style", NS) if s.get(w("styleId")) == style)
        assert defined.find("w:pPr/w:jc", NS).get(w("val")) == align
        assert defined.find("w:pPr/w:pBdr/w:bottom", NS) is not None, "the rule under it"
    # "V.18-02342 3/10" on odd pages, "2/10 V.18-02342" on even ones, as in the PDF
    for kind, shown in (("default", "V.18-02342 2/2"), ("even", "2/2 V.18-02342")):
        footer = kinds[("footerReference", kind)]
        assert [t.text.strip() for t in footer.iter(w("instrText"))] == ["PAGE", "NUMPAGES"]
        assert paragraph_text(footer.find("w:p", NS)) == shown
    assert paragraph_text(kinds[("headerReference", "first")]) == ""
    first_footer = kinds[("footerReference", "first")]
    assert "V.18-02342 (E)" in "".join(paragraph_text(p) for p in first_footer.iter(w("p")))
    assert sect.find("w:titlePg", NS) is not None
    size = sect.find("w:pgSz", NS)
    assert (size.get(w("w")), size.get(w("h"))) == ("11906", "16838"), "A4"
    settings = doc.xml("word/settings.xml")
    assert settings.find("w:evenAndOddHeaders", NS) is not None
    assert settings.find("w:mirrorMargins", NS) is not None


def test_styles_in_use_are_defined_and_named(build_dir: Path) -> None:
    for lang in meeting_languages():
        doc = docx_of(build_dir, lang)
        styles = doc.xml("word/styles.xml")
        defined = {
            s.get(w("styleId")): s.find("w:name", NS).get(w("val"))
            for s in styles.findall("w:style", NS)
        }
        used = {p.get(w("val")) for p in doc.xml("word/document.xml").iter(w("pStyle"))}
        assert used <= set(defined), used - set(defined)
        assert {defined[s] for s in used} >= {
            "UN Paragraph",
            "UN Item",
            "UN Nested Item",
            "heading 1",
            "heading 2",
            "UN Title",
            "UN Corner",
            "UN End Rule",
        }
        direct = [
            r
            for r in doc.xml("word/document.xml").iter(w("rPr"))
            if [c.tag for c in r] != [w("rStyle")]
        ]
        assert not direct, "no run is formatted by hand: the look comes from styles"


def test_fonts(build_dir: Path) -> None:
    for lang, east_asian in (("zh", "SimSun"), ("en", None)):
        styles = docx_of(build_dir, lang).xml("word/styles.xml")
        fonts = styles.find("w:docDefaults/w:rPrDefault/w:rPr/w:rFonts", NS)
        assert fonts.get(w("ascii")) == fonts.get(w("hAnsi")) == "Times New Roman"
        assert fonts.get(w("eastAsia")) == east_asian


def test_core_properties(build_dir: Path) -> None:
    core = docx_of(build_dir, "zh").xml("docProps/core.xml")
    values = {re.sub(r"\{.*\}", "", el.tag): (el.text or "") for el in core}
    assert values["subject"] == "E/CN.15/2018/12"
    assert values["title"].startswith("全面研究网络犯罪问题专家组")
    assert values["language"] == "zh-CN"
    assert values["created"] == values["modified"] == "2018-04-13T00:00:00Z"


def test_schema_order_ids_and_relationships(build_dir: Path) -> None:
    orders = {
        w("pPr"): PPR_ORDER,
        w("rPr"): RPR_ORDER,
        w("tcPr"): TCPR_ORDER,
        w("trPr"): TRPR_ORDER,
    }
    for path in sorted(build_dir.rglob("*.docx")):
        doc = Docx(path)
        assert "docProps/thumbnail.jpeg" not in doc.names
        for name in doc.names:
            if not name.endswith(".xml") or name.startswith("customXml"):
                continue
            root = doc.xml(name)
            for parent in root.iter():
                order = orders.get(parent.tag)
                if order is None:
                    continue
                positions = [
                    order.index("w:" + c.tag.split("}")[1])
                    for c in parent
                    if c.tag.startswith(f"{{{NS['w']}}}")
                ]
                assert positions == sorted(positions), f"{name}: {parent.tag} children out of order"
            rels = doc.rels(name)
            for node in root.iter():
                for attr, value in node.attrib.items():
                    if attr.startswith(f"{{{NS['r']}}}"):
                        assert value in rels, f"{name}: dangling {value}"
            folder = name.rsplit("/", 1)[0] if "/" in name else ""
            for rel in rels.values():
                if rel.get("TargetMode") != "External":
                    target = (folder + "/" + rel.get("Target")).lstrip("/")
                    assert re.sub(r"[^/]+/\.\./", "", target) in doc.names, target
        if "word/footnotes.xml" in doc.names:
            notes = doc.xml("word/footnotes.xml").findall("w:footnote", NS)
            ids = [n.get(w("id")) for n in notes]
            assert len(ids) == len(set(ids))
        drawings = [
            d.get("id")
            for name in doc.names
            if name.endswith(".xml")
            for d in doc.xml(name).iter(
                "{http://schemas.openxmlformats.org/drawingml/2006/wordprocessingDrawing}docPr"
            )
        ]
        assert len(drawings) == len(set(drawings))


def test_libreoffice_opens_and_exports_every_docx(build_dir: Path, tmp_path: Path) -> None:
    docs = []
    htmls = {}
    for original in sorted(build_dir.rglob("*.docx")):  # reports/x.zh.docx -> reports-x.zh.docx
        docs.append(tmp_path / f"{original.parent.name}-{original.name}")
        shutil.copyfile(original, docs[-1])
        htmls[docs[-1]] = original.with_suffix(".html")
    result = libreoffice_pdfs(docs, tmp_path)
    assert result.returncode == 0, result.stderr
    assert "Error" not in result.stdout + result.stderr
    for doc in docs:
        symbol = (
            Docx(doc)
            .xml("docProps/core.xml")
            .find("{http://purl.org/dc/elements/1.1/}subject")
            .text
        )
        pdf = tmp_path / doc.with_suffix(".pdf").name
        text = subprocess.run(
            ["pdftotext", "-f", "2", "-l", "2", str(pdf), "-"],
            capture_output=True,
            text=True,
            check=True,
        ).stdout
        # (LibreOffice marks a Latin line beside Arabic text, the watermark's, with
        # invisible embeddings: a reader sees the symbol alone)
        header = re.sub("[\u202a-\u202e\u2066-\u2069]", "", text.splitlines()[0])
        assert header == symbol, f"{doc.name}: page 2 starts with its header"
        first = subprocess.run(
            ["pdftotext", "-l", "1", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        # the masthead's "Original: English", in the masthead's language, as the HTML has it
        masthead = re.search(
            r'<p class="original-language">([^<]*)</p>', htmls[doc].read_text(encoding="utf-8")
        )

        def spaced(text: str) -> str:
            # pdftotext gives a no-break space as one or the other; isolates and
            # embeddings (around Latin runs in Arabic) are invisible
            return re.sub("[\u00a0\u202f ]", " ", re.sub("[\u202a-\u202e\u2066-\u2069]", "", text))

        assert masthead and spaced(masthead.group(1)) in spaced(first), doc.name
        if "<table" in htmls[doc].read_text(encoding="utf-8"):
            word = column_edges(pdf, htmls[doc])
            printed = column_edges(htmls[doc].with_suffix(".pdf"), htmls[doc])
            assert len(word) == len(printed), doc.name
            assert all(abs(a - b) <= 1.5 for a, b in zip(word, printed, strict=True)), (
                f"{doc.name}: the table's columns stand where the PDF's do: {word} {printed}"
            )


def column_edges(pdf: Path, html: Path) -> list[float]:
    """Where each heading of a table's first heading row starts on the first page that
    shows it, in millimetres from the page's start side (its first word's)."""
    from pdftools import MM, pages

    root = tinyhtml5.parse(html.read_text(encoding="utf-8"))
    xhtml = "{http://www.w3.org/1999/xhtml}"
    row = next(tr for tr in root.iter(f"{xhtml}tr") if tr.find(f"{xhtml}th") is not None)
    headings = ["".join(th.itertext()).split()[0] for th in row.iter(f"{xhtml}th")]
    rtl = root.get("dir") == "rtl"
    # (poppler gives right-to-left words in the order their letters stand on the page)
    spellings = {spelling: h for h in headings for spelling in (h, h[::-1])}
    for page in pages(pdf):
        line = [w for w in page.words if w.text in spellings]
        if {spellings[w.text] for w in line} == set(headings):
            top = min(w.y_min for w in line)
            line = [w for w in line if abs(w.y_min - top) < 3]
            edges = [page.width - w.x_max if rtl else w.x_min for w in line]
            return sorted(edge / MM for edge in edges)
    raise AssertionError(f"{pdf.name}: no page shows the headings {headings}")


@given(st.text(st.characters(codec="utf-8", exclude_categories=("Cs",)), max_size=600))
def test_document_properties_fit_and_keep_their_start(text: str) -> None:
    shown = property_text(text)
    assert len(shown) <= CORE_PROPERTY_CHARS
    if len(text) <= CORE_PROPERTY_CHARS:
        assert shown == text
    else:
        assert shown.endswith("…") and text.startswith(shown[:-1].rstrip())


def test_a_title_too_long_for_the_properties(content: Path, tmp_path: Path) -> None:
    """The page keeps the whole title; the title property is shortened at a word."""
    front = content / "meetings" / "cybercrime-2018" / "en" / "front.yaml"
    text = front.read_text(encoding="utf-8")
    title = text.split("\n")[1].strip()
    front.write_text(text.replace(title, f"{title} {title} {title}"), encoding="utf-8")
    out = tmp_path / "build"
    assert cli.build(content, out, ["cybercrime-2018"], langs=["en"], formats=["docx"]) == 0
    doc = Docx(out / "reports" / "cybercrime-2018.en.docx")
    core = doc.xml("docProps/core.xml")
    values = {re.sub(r"\{.*\}", "", el.tag): (el.text or "") for el in core}
    assert len(values["title"]) <= CORE_PROPERTY_CHARS and values["title"].endswith("…")
    body = " ".join(paragraph_text(p) for p in doc.xml("word/document.xml").iter(w("p")))
    assert " ".join(f"{title} {title} {title}".split()) in " ".join(body.split())


def test_lines_are_as_far_apart_as_in_the_pdf(build_dir: Path) -> None:
    """The body's line spacing is exact, and as far apart as the PDF's lines: the
    language's line height (Word's "single" is the font's own, and an Arabic font's is
    half as tall again), and what a second font on the line adds (Noto Serif CJK beside
    Liberation Serif: 15.5 pt, not 14.5). The PDF's pitch is read from its page images'
    text: the commonest distance between one line and the next."""
    from collections import Counter

    from pdftools import MM, pages

    for lang in meeting_languages():
        styles = docx_of(build_dir, lang).xml("word/styles.xml")
        paragraph = next(
            s for s in styles.findall("w:style", NS) if s.get(w("styleId")) == "UNParagraph"
        )
        spacing = paragraph.find("w:pPr/w:spacing", NS)
        assert spacing.get(w("lineRule")) == "exact"
        distances: Counter[float] = Counter()
        for page in pages(build_dir / "reports" / f"cybercrime-2018.{lang}.pdf")[1:-1]:
            feet = sorted(
                {
                    round(word.y_max, 1)
                    for word in page.words
                    if 25 * MM < word.y_min < page.height - 30 * MM
                }
            )
            # (a word in another font stands a little higher or lower on its line)
            distances.update(round(b - a, 1) for a, b in pairwise(feet) if b - a > 8)
        pitch = distances.most_common(1)[0][0]
        assert abs(int(spacing.get(w("line"))) / 20 - pitch) <= 0.3, (lang, distances)


def test_the_docx_carries_only_its_own_styles(build_dir: Path) -> None:
    """Every style defined is one in use, a style some other style builds on, or one of
    Word's defaults; notes use Word's built-in ids; no Word 2010 copy of the styles
    (stylesWithEffects); the theme's languages are the document's."""
    import zipfile

    for docx in sorted(build_dir.glob("*/*.docx")):
        doc = Docx(docx)
        styles = doc.xml("word/styles.xml").findall("w:style", NS)
        ids = {s.get(w("styleId")) for s in styles}
        assert {"FootnoteText", "FootnoteReference"} <= ids, docx.name
        assert not ids & {"footnotetext", "footnotereference", "LightShading", "Title"}
        defaults = {s.get(w("styleId")) for s in styles if s.get(w("default")) == "1"}
        assert defaults == {"Normal", "DefaultParagraphFont", "TableNormal", "NoList"}
        ours = {"heading 1", "heading 2", "footnote text", "footnote reference"}
        names = {s.find("w:name", NS).get(w("val")) for s in styles if s.get(w("default")) != "1"}
        assert {n for n in names if not n.startswith("UN ")} <= ours, (docx.name, names)
        with zipfile.ZipFile(docx) as package:
            assert not [n for n in package.namelist() if "stylesWithEffects" in n]
        html = docx.with_suffix(".html").read_text(encoding="utf-8")
        tag = re.search(r'<html [^>]*lang="([^"]+)"', html).group(1)
        theme = doc.xml("word/settings.xml").find("w:themeFontLang", NS)
        assert theme.get(w("val")).split("-")[0] == tag.split("-")[0], docx.name


def test_page_one_keeps_its_blocks_apart(build_dir: Path) -> None:
    """As in the PDF: the corner notation stands clear of the masthead's thick rule (its
    lines close together), and the job number clear of the note above it."""

    def spacing(styles, name: str):
        style = next(
            s for s in styles.findall("w:style", NS) if s.find("w:name", NS).get(w("val")) == name
        )
        return style.find("w:pPr/w:spacing", NS), style.find("w:pPr/w:contextualSpacing", NS)

    two_mm = round(2 / 25.4 * 1440)
    for lang in meeting_languages():
        styles = docx_of(build_dir, lang).xml("word/styles.xml")
        corner, contextual = spacing(styles, "UN Corner")
        assert int(corner.get(w("before"))) >= two_mm and contextual is not None, lang
        job, _ = spacing(styles, "UN Job Number")
        assert int(job.get(w("before"))) >= two_mm, lang
