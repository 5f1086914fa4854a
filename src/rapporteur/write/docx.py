"""Report HTML -> DOCX: one walk over the same HTML the PDF is made from.

Each element of the vocabulary (templates/README.md) becomes a paragraph in a named
style from ``docx_styles``; notes become real Word footnotes; the header, footer and
PAGE field come from the document symbol. Labels are copied from the HTML, never
recounted, so Word shows the numbers the PDF shows.
"""

from __future__ import annotations

import re
from base64 import b64decode
from collections.abc import Iterator
from datetime import UTC, date, datetime
from functools import cache
from io import BytesIO
from xml.etree import ElementTree
from xml.etree.ElementTree import Element

import docx
import tinyhtml5
from babel.core import Locale
from docx.document import Document
from docx.enum.table import WD_CELL_VERTICAL_ALIGNMENT, WD_ROW_HEIGHT_RULE
from docx.enum.text import WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.part import Part
from docx.oxml import OxmlElement
from docx.oxml.xmlchemy import BaseOxmlElement
from docx.shared import Length, Mm, Twips
from docx.table import _Cell
from docx.text.paragraph import Paragraph

from rapporteur.load.patterns import ID_RE
from rapporteur.write import oxml
from rapporteur.write.barcode_png import code39_png
from rapporteur.write.docx_styles import (
    BUILT_IN_STYLE_IDS,
    TABLE_STYLE,
    TEXT_WIDTH,
    WordLanguage,
    install_styles,
)
from rapporteur.write.line_pitch import pitch_ratio
from rapporteur.write.revisions import DELETED, PARAGRAPH_MARKS, TRACKED, Revisions, deleted_run
from rapporteur.write.ziputil import normalized_zip

XHTML = "{http://www.w3.org/1999/xhtml}"
# Every note's mark, a number or the corner notation's "*": superscript, "typed in
# superscript in the text" (UN Editorial Manual, footnote indicators), as in the PDF.
NOTE_MARK_STYLE = "footnote reference"
NOTE_MARK_STYLE_ID = BUILT_IN_STYLE_IDS[NOTE_MARK_STYLE]
# The title's and the agenda headings' bookmarks (./dev import reads their text back).
TITLE_BOOKMARK = "_title"


def heading_bookmark(chapter: str, agenda_item: str) -> str:
    """An agenda item's heading in one chapter ("chapter-recommendations"): the same item
    heads a section in two chapters, and bookmark names are unique."""
    return f"_{chapter}-{agenda_item}"


# The numbered blocks, each with its id as a bookmark (what ./dev import reads back).
PARAGRAPH_STYLE, ITEM_STYLE, NESTED_ITEM_STYLE = "UN Paragraph", "UN Item", "UN Nested Item"
BODY_STYLE_IDS = {  # python-docx's ids for the names
    name.replace(" ", "") for name in (PARAGRAPH_STYLE, ITEM_STYLE, NESTED_ITEM_STYLE)
}
PARAGRAPH_STYLE_ID = PARAGRAPH_STYLE.replace(" ", "")
# each numbered style's level: a paragraph, an item, a nested item (any other style: 0)
BODY_LEVELS = {
    name.replace(" ", ""): level
    for level, name in enumerate((PARAGRAPH_STYLE, ITEM_STYLE, NESTED_ITEM_STYLE))
}
# Compilation table columns, by the class of their heading cell; the text takes the rest.
# report.css gives the widths of the cells' text; a Word column also holds the cells'
# margins, the CSS's padding.
CELL_MARGIN = Twips(oxml.CELL_MARGIN_TWIPS)
COLUMN_WIDTHS = {
    name: Mm(width) + 2 * CELL_MARGIN
    for name, width in {"no": 14, "source": 36, "status": 24}.items()
}
TEXT_COLUMN_WIDTH = Mm(165)


def _local(tag_name: str) -> str:
    return tag_name.rsplit("}", 1)[-1]


def classes(node: Element) -> set[str]:
    return set((node.get("class") or "").split())


def tag(node: Element) -> str:
    return node.tag.removeprefix(XHTML)


def text_of(node: Element) -> str:
    return "".join(node.itertext())


def find(root: Element, name: str, cls: str | None = None) -> Element | None:
    return next(iter_elements(root, name, cls), None)


def iter_elements(root: Element, name: str, cls: str | None = None) -> Iterator[Element]:
    for node in root.iter(XHTML + name):
        if cls is None or cls in classes(node):
            yield node


@cache
def styled_template(language: WordLanguage) -> bytes:
    """python-docx's default document with our styles, made once per process and language."""
    document = docx.Document()
    install_styles(document, language)
    # Word 2010's copy of styles.xml, which python-docx's template still carries: Word
    # would read its 160-odd styles back in.
    for rel_id, rel in list(document.part.rels.items()):
        if rel.reltype.endswith("/stylesWithEffects"):
            document.part.drop_rel(rel_id)
    out = BytesIO()
    document.save(out)
    return out.getvalue()


def _distribution_direction(root: Element) -> str:
    distribution = find(root, "div", "distribution")
    return (distribution.get("dir") if distribution is not None else None) or "ltr"


def word_language_tag(html_lang: str) -> str:
    """Word's language tag from the HTML's BCP 47 one: "zh-Hans-CN" -> "zh-CN"."""
    locale = Locale.parse(html_lang, sep="-")
    return f"{locale.language}-{locale.territory}" if locale.territory else locale.language


def data_uri_bytes(uri: str) -> bytes:
    """The bytes of a base64 ``data:`` URI, as render/marks.py writes page 1's images."""
    return b64decode(uri.partition(";base64,")[2])


def parse_html(html: str) -> Element:
    """The report HTML as an element tree.

    The templates write well-formed XHTML-compatible HTML, which the XML parser reads
    about ten times faster; any other HTML goes through the HTML5 parser.
    """
    try:
        return ElementTree.fromstring(html)
    except ElementTree.ParseError:
        return tinyhtml5.parse(html)


def write_docx(html: str) -> bytes:
    return DocxWriter(parse_html(html)).write()


# python-docx refuses a core property longer than this (Word shows no more of it).
CORE_PROPERTY_CHARS = 255


def property_text(text: str) -> str:
    """A document property: the text, shortened with "…" at a word when it is too long
    (the title on the page is never shortened)."""
    if len(text) <= CORE_PROPERTY_CHARS:
        return text
    cut = text[: CORE_PROPERTY_CHARS - 1]
    space = cut.rfind(" ")
    return (cut[:space] if space > CORE_PROPERTY_CHARS // 2 else cut).rstrip() + "…"


def background(node: Element) -> str | None:
    """The "RRGGBB" of a ``background-color: #rrggbb`` in an element's style: a state's
    shading, chosen where the HTML is made, so that the PDF and the DOCX agree."""
    found = re.search(r"background-color:\s*#([0-9a-fA-F]{6})", node.get("style") or "")
    return found.group(1).upper() if found else None


def cell_style(tr: Element, td: Element) -> str:
    """A compilation cell's paragraph style: the text of a deleted item is struck
    through; in the adopted list, an item under its lead-in is indented, a lead-in shown
    for context is in italics."""
    if "text" not in classes(td):
        return "UN Table Text"
    if tr.get("data-state") == "deleted":
        return "UN Table Text Deleted"
    row = classes(tr)
    return (
        "UN Table Subitem"
        if "sub-item" in row
        else "UN Table Text Context"
        if "context" in row
        else "UN Table Text"
    )


class DocxWriter:
    def __init__(self, root: Element) -> None:
        self.root = root
        self.meta = {node.get("name"): node.get("content") for node in iter_elements(root, "meta")}
        meta = self.meta
        measures = {  # the language's, as the HTML's meta give them; WordLanguage's if none
            "line_height": meta.get("rapporteur.fonts.line-height"),
            "nested_gutter_mm": meta.get("rapporteur.nested-gutter"),
        }
        self.language = WordLanguage(
            word_language_tag(root.get("lang") or "en"),
            meta.get("rapporteur.fonts.word") or "Times New Roman",
            meta.get("rapporteur.fonts.word-east-asian"),
            meta.get("rapporteur.fonts.word-complex-script"),
            **{name: float(value) for name, value in measures.items() if value},
            rtl=root.get("dir") == "rtl",
            masthead_rtl=_distribution_direction(root) == "rtl",
            line_spread=self.line_spread(),
        )
        self.symbol = root.get("data-symbol") or ""
        self.document: Document = docx.Document(BytesIO(styled_template(self.language)))
        self.next_note_id = 1
        self.next_bookmark_id = 1
        self.bookmarked: list[str] = []  # the blocks' ids, in order
        self.style_ids: dict[str, str] = {}
        # Redlines only: who made the changes, and when (the head commit's author and date).
        self.revisions = Revisions(
            meta.get("rapporteur.redline.author") or "", meta.get("rapporteur.redline.date") or ""
        )
        self.notes_by_html_id: dict[str, Element] = {
            node.get("id", ""): node for node in iter_elements(root, "p", "note")
        }
        # Each item's text and the level of its list, found in one pass over the lists.
        self.item_levels: dict[Element, int] = {
            text: 2 if "level-2" in classes(ol) else 1
            for ol in iter_elements(root, "ol", "items")
            for li in ol
            for text in li
        }

    # --- the document -------------------------------------------------------------------

    def line_spread(self) -> float:
        """What the PDF's body lines take beyond the language's line height."""
        line_height = self.meta.get("rapporteur.fonts.line-height")
        style, body = find(self.root, "style"), find(self.root, "body")
        if not line_height or style is None or body is None:
            return 0
        lang, direction = self.root.get("lang") or "", self.root.get("dir") or "ltr"
        key = (lang, direction, self.meta.get("rapporteur.fonts.word") or "", line_height)

        def middle() -> str:  # the body's own text, past the front matter
            words = " ".join(text_of(body).split())
            return words[len(words) // 3 :]

        ratio = pitch_ratio(key, lang, direction, style.text or "", middle)
        return max(0.0, round(ratio - float(line_height), 3)) if ratio else 0

    def write(self) -> bytes:
        body = find(self.root, "body")
        assert body is not None
        self.page_setup()
        self.headers_and_footers()
        for node in body:
            cls = classes(node)
            if "masthead" in cls:
                self.masthead(node)
            elif "corner-notation" in cls:
                self.corner_notation(node)
            elif tag(node) == "h1":
                self.bookmark(self.paragraph("UN Title", node)._p, TITLE_BOOKMARK, heading=True)
            elif "redline-cover" in cls:
                self.redline_cover(node)
            elif tag(node) == "main":
                self.main(node)
            elif "end-of-text" in cls:
                self.set_style(self.document.add_paragraph(), "UN End Rule")
        self.core_properties()
        self.base_fingerprints()
        return self.package()

    def base_fingerprints(self) -> None:
        """What each bookmarked block said when written, for ``./dev import`` to tell an
        edit made in Word from one made in the content since (docProps/custom.xml)."""
        from rapporteur.wordimport.docx_reader import base_properties, written_fingerprints

        found: dict[str, str] = {}
        notes = [
            r.target_part for r in self.document.part.rels.values() if r.reltype == RT.FOOTNOTES
        ]
        for part, element, in_note in (
            (self.document.part, self.document.element.body, False),
            *((note_part, note_part.element, True) for note_part in notes),
        ):
            rels = {r_id: rel.target_ref for r_id, rel in part.rels.items() if rel.is_external}
            found |= written_fingerprints(element, rels, NOTE_MARK_STYLE_ID, in_note)
        names = {oxml.bookmark_name(i): i for i in self.bookmarked}
        fingerprints = {names[b]: digest for b, digest in found.items() if b in names}
        if fingerprints:
            properties = base_properties(fingerprints, oxml.PROPERTY_VALUE_LIMIT)
            oxml.custom_properties(self.document, properties)

    def page_setup(self) -> None:
        section = self.document.sections[0]
        section.page_width, section.page_height = Mm(210), Mm(297)
        section.top_margin, section.bottom_margin = Mm(22), Mm(24)
        # Mirrored margins: Word's left one is the inside margin of odd pages. Right-to-left
        # pages progress leftwards, page 1 a left-hand page bound on its right, as the PDF
        # lays them out: its wider margin is on its right.
        inside, outside = Mm(25), Mm(20)
        section.left_margin, section.right_margin = (
            (outside, inside) if self.language.rtl else (inside, outside)
        )
        section.header_distance = section.footer_distance = Mm(12)
        section.different_first_page_header_footer = True
        self.document.settings.odd_and_even_pages_header_footer = True
        oxml.mirror_margins(self.document)
        if self.language.rtl:
            oxml.right_to_left_section(section._sectPr)

    def headers_and_footers(self) -> None:
        section = self.document.sections[0]
        for header, style in (
            (section.header, "UN Header Odd"),
            (section.even_page_header, "UN Header Even"),
        ):
            paragraph = header.paragraphs[0]
            self.set_style(paragraph, style)
            paragraph.add_run(self.symbol)
        # The page number at the outer edge, as in the PDF: "V.18-02342 3/9" on right-hand
        # pages, "2/9 V.18-02342" on left-hand ones (odd pages are left-hand right to left)
        job = self.root.get("data-job-number")
        rtl = self.language.rtl
        for footer, style, job_first in (
            (section.footer, "UN Footer Odd", not rtl),
            (section.even_page_footer, "UN Footer Even", rtl),
        ):
            paragraph = footer.paragraphs[0]
            self.set_style(paragraph, style)
            if job and job_first:
                paragraph.add_run(f"{job} ")
            oxml.add_field(paragraph._p, "PAGE", "2")
            paragraph.add_run("/")
            oxml.add_field(paragraph._p, "NUMPAGES", "2")
            if job and not job_first:
                paragraph.add_run(f" {job}")
        section.first_page_header.paragraphs[0].text = ""
        watermark = find(self.root, "div", "watermark")
        if watermark is not None:  # specimen content: on every page, whatever its header
            for header in (section.header, section.even_page_header, section.first_page_header):
                header.paragraphs[0]._p.append(oxml.watermark_run(text_of(watermark)))
        # Page 1's foot: the job number, then its barcode with the recycle mark at the
        # right (not mirrored, as in the PDF).
        first_footer = section.first_page_footer
        job = find(self.root, "p", "job-number")
        paragraph = first_footer.paragraphs[0]
        self.set_style(paragraph, "UN Job Number")
        if job is not None:
            paragraph.add_run(text_of(job))
        pictures = first_footer.add_paragraph(style="UN Job Number")
        barcode = find(self.root, "div", "barcode")
        if barcode is not None:
            pictures.add_run().add_picture(
                BytesIO(code39_png(barcode.get("data-code", ""))), width=Mm(42), height=Mm(7)
            )
        pictures.paragraph_format.tab_stops.add_tab_stop(TEXT_WIDTH, WD_TAB_ALIGNMENT.RIGHT)
        self.mark(pictures, find(self.root, "div", "recycle"), before="\t")

    def core_properties(self) -> None:
        issued = date.fromisoformat(self.meta["dcterms.created"] or "")
        moment = datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
        title = find(self.root, "h1", "title")
        props = self.document.core_properties
        whole = " ".join(text_of(title).split()) if title is not None else self.symbol
        props.title = property_text(whole)
        props.subject = props.keywords = property_text(self.symbol)
        props.language = self.language.tag
        props.author = props.last_modified_by = "United Nations"
        props.created = props.modified = moment
        props.revision = 1

    def package(self) -> bytes:
        main = self.document.part.package
        for r_id, rel in list(main.rels.items()):
            if rel.reltype == RT.THUMBNAIL:  # the default template's placeholder picture
                del main.rels[r_id]
        raw = BytesIO()
        self.document.save(raw)
        return normalized_zip(raw.getvalue())

    # --- front matter -------------------------------------------------------------------

    def masthead(self, node: Element) -> None:
        # Three grid columns, merged two by two: "United Nations" and the emblem after it
        # get 85 mm on the top row (the Russian name is 54 mm long, the emblem 13), a long
        # symbol (UNODC/CCPCJ/EG.4/2019/2, some 65 mm) 80 mm; the organ 120 mm below.
        table = self.document.add_table(rows=2, cols=3)
        table.autofit = False
        if self.language.rtl:
            oxml.right_to_left_table(table._tbl.tblPr)
        widths = (Mm(85), Mm(35), Mm(45))
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width  # the grid: Word keeps cell widths only when it agrees
        for row, rule in zip(table.rows, (4, 24), strict=True):
            for cell, width in zip(row.cells, widths, strict=True):
                cell.width = width
                oxml.cell_borders(cell._tc.get_or_add_tcPr(), bottom=rule)
        top, main = table.rows
        symbol_cell = top.cells[1].merge(top.cells[2])
        organ_cell = main.cells[0].merge(main.cells[1])
        self.cell_paragraph(top.cells[0], "UN Masthead", find(node, "p", "un-name"))
        # two no-break spaces, 2 mm (LibreOffice breaks a line at an em space)
        emblem = self.mark(top.cells[0].paragraphs[0], find(node, "div", "emblem"), "\u00a0" * 2)
        if emblem is not None:
            # Taller than the line under the emblem (the font's descent below it, 2 mm in
            # an Arabic face), so the row is as tall with the picture as without
            top.height, top.height_rule = emblem + Mm(2.5), WD_ROW_HEIGHT_RULE.AT_LEAST
        for cell in (top.cells[0], symbol_cell):  # their feet on the rule, as in the PDF
            cell.vertical_alignment = WD_CELL_VERTICAL_ALIGNMENT.BOTTOM
        self.cell_paragraph(symbol_cell, "UN Symbol", find(node, "p", "doc-symbol"))
        self.cell_paragraph(organ_cell, "UN Organ", find(node, "p", "organ"))
        distribution = find(node, "div", "distribution")
        for index, line in enumerate(list(distribution) if distribution is not None else []):
            style = "UN Unofficial" if "unofficial" in classes(line) else "UN Distribution"
            if index == 0:
                self.cell_paragraph(main.cells[2], style, line)
            else:
                self.inline(main.cells[2].add_paragraph(style=style)._p, line, self.document.part)

    def mark(self, paragraph: Paragraph, slot: Element | None, before: str) -> Length | None:
        """One of page 1's images after ``before`` at the end of ``paragraph``, or its room
        kept: the line is at least the slot's height either way (at least, not exactly:
        Word cuts a picture down to an exact line height)."""
        if slot is None:
            return None
        height = Mm(float(slot.get("data-height-mm", "0")))
        line = paragraph.paragraph_format
        line.line_spacing = height
        line.line_spacing_rule = WD_LINE_SPACING.AT_LEAST
        image = find(slot, "img")
        if image is not None:
            paragraph.add_run(before)
            paragraph.add_run().add_picture(
                BytesIO(data_uri_bytes(image.get("src", ""))), height=height
            )
        return height

    def cell_paragraph(self, cell: _Cell, style: str, node: Element | None) -> None:
        paragraph = cell.paragraphs[0]
        self.set_style(paragraph, style)
        if node is not None:
            self.inline(paragraph._p, node, self.document.part)

    def corner_notation(self, node: Element) -> None:
        for line in node:
            style = "UN Corner Title" if "agenda-item-title" in classes(line) else "UN Corner"
            self.paragraph(style, line)

    # --- body ---------------------------------------------------------------------------

    def main(self, node: Element) -> None:
        parents = {child: parent for parent in node.iter() for child in parent}
        for child in node.iter():
            name, cls = tag(child), classes(child)
            if name == "h2":
                heading = self.paragraph("Heading 1", child)
                self.bookmark(heading._p, "_" + (parents[child].get("id") or ""), heading=True)
            elif name == "h3":
                heading = self.paragraph("Heading 2", child)
                section = parents[child]
                agenda_item = section.get("data-agenda-item")
                if agenda_item:  # the agenda item's title, in the chapter it heads
                    chapter = parents[section].get("id") or ""
                    self.bookmark(heading._p, heading_bookmark(chapter, agenda_item), heading=True)
            elif name == "p" and "para" in cls:
                self.bookmark(self.paragraph(PARAGRAPH_STYLE, child)._p, child.get("id"))
            elif name == "p" and "item-text" in cls:
                level = self.item_level(child)
                paragraph = self.paragraph(ITEM_STYLE if level == 1 else NESTED_ITEM_STYLE, child)
                self.bookmark(paragraph._p, parents[child].get("id"))  # the item's <li>
            elif name == "p" and "status-time" in cls:
                self.paragraph("UN Status Time", child)
            elif name == "p" and "legend" in cls:
                self.paragraph("UN Legend", child)
            elif name == "table":
                self.table(child)

    def table(self, node: Element) -> None:
        """A compilation table: header row repeated on every page, rows never split."""
        head = [text_of(th) for th in iter_elements(node, "th")]
        body = [tr for tbody in iter_elements(node, "tbody") for tr in tbody.iter(XHTML + "tr")]
        widths = [
            COLUMN_WIDTHS.get(next(iter(classes(th)), ""), Mm(20))
            for th in iter_elements(node, "th")
        ]
        widths[1] = TEXT_COLUMN_WIDTH - sum(w for i, w in enumerate(widths) if i != 1)
        table = self.document.add_table(rows=1 + len(body), cols=len(head))
        self.set_style(table, TABLE_STYLE)
        table.autofit = False
        if self.language.rtl:
            oxml.right_to_left_table(table._tbl.tblPr)
        # Word (compatibility mode 14) sets a table's text, not its border, at the margin;
        # the PDF's border stands there.
        oxml.table_indent(table._tbl.tblPr, oxml.CELL_MARGIN_TWIPS)
        for column, width in zip(table.columns, widths, strict=True):
            column.width = width
        for index, row in enumerate(table.rows):
            oxml.row_properties(row._tr, header=index == 0)
            cells = row.cells
            for cell, width in zip(cells, widths, strict=True):
                cell.width = width
            if index == 0:
                header = find(node, "tr")
                change = header.get("data-change") if header is not None else None
                self.revisions.row(row._tr, change or "")
                for cell, text in zip(cells, head, strict=True):
                    self.set_style(cell.paragraphs[0], "UN Table Header")
                    self.run(cell.paragraphs[0]._p, text)
                continue
            tr = body[index - 1]
            self.revisions.row(row._tr, tr.get("data-change") or "")
            fill = background(tr)
            for cell, td in zip(cells, iter_elements(tr, "td"), strict=True):
                if fill:
                    oxml.shade(cell._tc.get_or_add_tcPr(), fill)
                paragraph = cell.paragraphs[0]
                self.set_style(paragraph, cell_style(tr, td))
                self.inline(paragraph._p, td, self.document.part)

    def item_level(self, item_text: Element) -> int:
        if item_text not in self.item_levels:
            raise ValueError("an item outside any list")
        return self.item_levels[item_text]

    def style_id(self, name: str) -> str:
        # python-docx looks a style up by scanning every style; once per name is enough.
        if name not in self.style_ids:
            self.style_ids[name] = self.document.styles[name].style_id
        return self.style_ids[name]

    def set_style(self, block, name: str) -> None:
        """Name the style of a paragraph (or table) by its cached id."""
        element = getattr(block, "_p", None)
        if element is None:
            block.style = self.document.styles[name]
        else:
            element.style = self.style_id(name)

    def paragraph(self, style: str, node: Element) -> Paragraph:
        paragraph = self.document.add_paragraph()
        paragraph._p.style = self.style_id(style)
        with self.revisions.by(node):
            self.inline(paragraph._p, node, self.document.part)
            kind = PARAGRAPH_MARKS.get(node.get("data-change") or "") or next(
                (tag(c) for c in node if "paragraph-mark" in classes(c)), None
            )  # a split's or merge's ¶: Word tracks the mark itself, it has no text
            if kind is not None:  # the paragraph mark goes (or comes) with its text
                self.revisions.paragraph_mark(paragraph._p, kind)
        return paragraph

    def bookmark(
        self, paragraph: BaseOxmlElement, html_id: str | None, heading: bool = False
    ) -> None:
        """The block's id, as a bookmark Word and LibreOffice keep through editing: what
        ``./dev import`` matches the text back to its fragment by. A heading's name starts
        with "_", which no id does."""
        if html_id and (heading or ID_RE.fullmatch(html_id)):  # not a moved-away copy
            oxml.bookmark(paragraph, self.next_bookmark_id, oxml.bookmark_name(html_id))
            self.next_bookmark_id += 1
            self.bookmarked.append(html_id)

    def redline_cover(self, node: Element) -> None:
        """The revisions compared and the change summary, in the first page's header
        (empty on UN documents): what a reviewer reads first, and outside the text, so
        that Accept All and Reject All give the head and the base. (A Word comment on the
        title was tried: LibreOffice then shows the wrong text for numbered notes.)"""
        header = self.document.sections[0].first_page_header
        for index, line in enumerate(node):
            paragraph = header.paragraphs[0] if index == 0 else header.add_paragraph()
            self.set_style(paragraph, "UN Redline Cover")
            self.inline(paragraph._p, line, header.part)

    # --- inline content -------------------------------------------------------------------

    def inline(self, target: BaseOxmlElement, node: Element, part: Part) -> None:
        """Append ``node``'s content as runs to the paragraph (or hyperlink) ``target``."""
        if node.text:
            self.run(target, node.text)
        for child in node:
            name, cls = tag(child), classes(child)
            if "paragraph-mark" in cls:
                pass  # the paragraph's own mark, tracked by paragraph()
            elif name in {"ins", "del"}:
                self.revisions.text(
                    target,
                    name == "ins",
                    child.get("data-move", "") if "moved" in cls else None,
                    lambda wrapper, child=child: self.inline(wrapper, child, part),
                )
            elif name == "span" and "num" in cls:
                self.run(target, text_of(child) + "\t")
            elif name == "span" and "symbol-lead" in cls:
                self.run(target, text_of(child), "UN Symbol Lead")
            elif name == "span" and "swatch" in cls:
                self.run(target, text_of(child))
                properties = target[-1].get_or_add_rPr()
                oxml.run_border(properties, 4)
                oxml.shade(properties, background(child) or "auto")
            elif name == "a" and "symbol" in cls and _local(target.tag) not in TRACKED:
                link = oxml.add_hyperlink(target, part, child.get("href", ""))
                self.run(link, text_of(child))
            elif name == "span" and "footnote" in cls:
                self.footnote(target, child, child.get("data-mark", ""))
            elif name == "a" and "note-ref" in cls:
                self.note_ref(target, child)
            else:
                self.inline(target, child, part)
            if child.tail:
                self.run(target, child.tail)

    def run(self, target: BaseOxmlElement, text: str, style: str | None = None) -> None:
        if _local(target.tag) in DELETED:
            target.append(deleted_run(text))
            return
        run = OxmlElement("w:r")
        if style:
            run.style = self.style_id(style)
        if "\t" in text or "\n" in text or "\r" in text:
            run.text = text  # python-docx turns these into w:tab and w:br
        else:
            run.add_t(text)  # the same w:t, without python-docx's walk over every character
        target.append(run)

    def note_ref(self, target: BaseOxmlElement, node: Element) -> None:
        note = self.notes_by_html_id.get((node.get("href") or "").removeprefix("#"))
        mark = node.get("data-mark", "")
        if note is not None:  # a page-1 note: its text stands in the first-page footer
            self.footnote(target, note, mark)
        else:  # a further call of a note given earlier: its mark only
            self.run(target, mark, NOTE_MARK_STYLE)

    def footnote(self, target: BaseOxmlElement, content: Element, mark: str) -> None:
        note_id = self.next_note_id
        self.next_note_id += 1
        custom = None if mark.isdigit() else mark  # Word numbers the others itself
        reference = self.style_id(NOTE_MARK_STYLE)
        oxml.footnote_reference(target, note_id, reference, custom)
        part = oxml.footnotes_part(self.document)
        paragraph = oxml.add_footnote(
            part, note_id, self.style_id("footnote text"), reference, custom
        )
        paragraph = self.revisions.note(paragraph, _local(target.tag))
        self.inline(paragraph, content, part)
        self.bookmark(paragraph, content.get("id"))
