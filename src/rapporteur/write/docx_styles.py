"""The reference styles of the DOCX reports, one named Word style per HTML element.

This is the reference document, built in code: the look comes from these styles, and
the writer only names them. Measures mirror templates/report.css, so the DOCX and the
PDF have the same text column, gutters and hanging numbers.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from docx.document import Document
from docx.enum.style import WD_STYLE_TYPE
from docx.enum.text import WD_ALIGN_PARAGRAPH, WD_LINE_SPACING, WD_TAB_ALIGNMENT
from docx.oxml.ns import qn
from docx.shared import Length, Mm, Pt, RGBColor
from docx.styles import BabelFish

from rapporteur.write import oxml


@dataclass(frozen=True)
class WordLanguage:
    """What a DOCX's styles need of its language (languages.yaml, through the HTML)."""

    tag: str  # "fr-FR", "zh-CN": w:lang
    latin_font: str  # "Times New Roman"
    east_asian_font: str | None = None  # "SimSun": the text is East Asian
    complex_script_font: str | None = None  # "Simplified Arabic"
    # the body's line height, in multiples of the type size, as in the PDF: Word's own
    # "single" is the font's, and Arabic fonts' is far taller
    line_height: float = 1
    # what the PDF's lines take beyond it, in the same unit: fonts of other proportions on
    # one line (write/line_pitch.py); 0 where the text is in one font
    line_spread: float = 0
    nested_gutter_mm: float = 10  # what nested labels hang in (labels.nested_gutter)
    rtl: bool = False  # written right to left
    masthead_rtl: bool = False  # and its Distr. block too (not on UN Arabic documents)

    def left_to_right(self, style: str) -> bool:
        """Whether ``style`` is set left to right in this document: always in a
        left-to-right one; in a right-to-left one, the styles of Latin text."""
        if not self.rtl:
            return False
        return style in LATIN_STYLES or (style == "UN Distribution" and not self.masthead_rtl)

    def line_pitch(self, spec: ParagraphStyle) -> float:
        """The distance between lines of ``spec``, in points, as the PDF has it: Latin
        styles are in one font, the others spread as the body does."""
        spread = (
            0 if spec.name in LATIN_STYLES or spec.name == "UN Distribution" else self.line_spread
        )
        return spec.size * ((spec.line_height or self.line_height) + spread)

    @property
    def east_asian(self) -> bool:
        return self.east_asian_font is not None


# The styles of symbols, job numbers and page numbers: Latin, whatever the language.
LATIN_STYLES = {
    "UN Symbol",
    "UN Header Odd",
    "UN Header Even",
    "UN Footer Odd",
    "UN Footer Even",
    "UN Job Number",
}


# w:lang/@w:eastAsia: the East Asian language Word assumes for East Asian characters.
EAST_ASIAN_TAG = "zh-CN"

NUMBER_GUTTER = Mm(12)  # paragraph numbers and headings hang in it
ITEM_GUTTER = Mm(10)  # (a), (i)
TEXT_WIDTH = Mm(210 - 25 - 20)
ZERO = Length(0)


@dataclass(frozen=True)
class ParagraphStyle:
    name: str
    size: float = 10
    bold: bool = False
    italic: bool = False
    strike: bool = False
    align: WD_ALIGN_PARAGRAPH | None = None
    left: Length = ZERO
    hanging: Length = ZERO
    right: Length = ZERO
    before: Length = ZERO
    after: Length = ZERO
    keep_with_next: bool = False
    # no space between two paragraphs of this style (Word's contextualSpacing): "before"
    # then sets a block off from what precedes it, not its lines from each other
    contextual: bool = False
    borders: dict[str, int] = field(default_factory=dict)  # side -> eighths of a point
    line_height: float | None = None  # report.css's own; None: the language's


def paragraph_styles(language: WordLanguage) -> list[ParagraphStyle]:
    nested = Mm(language.nested_gutter_mm)
    outer_odd, outer_even = WD_ALIGN_PARAGRAPH.RIGHT, WD_ALIGN_PARAGRAPH.LEFT
    if language.rtl:
        outer_odd, outer_even = outer_even, outer_odd
    far_side = outer_odd  # the symbol's: right, or left in a right-to-left masthead
    body = NUMBER_GUTTER
    justify = WD_ALIGN_PARAGRAPH.JUSTIFY
    return [
        ParagraphStyle("UN Masthead"),
        ParagraphStyle("UN Symbol", size=14, align=far_side),
        ParagraphStyle("UN Organ", size=17, bold=True, line_height=1.15),
        ParagraphStyle("UN Distribution", line_height=1.25),
        # page 1, as in the PDF: the unofficial mark and the corner notation clear of the
        # thick rule, the job number clear of the note above it
        ParagraphStyle("UN Unofficial", italic=True, before=Pt(6), after=Pt(4)),
        ParagraphStyle(
            "UN Corner", right=TEXT_WIDTH - Mm(95), line_height=1.25, before=Mm(3), contextual=True
        ),
        ParagraphStyle("UN Corner Title", bold=True, right=TEXT_WIDTH - Mm(95), line_height=1.25),
        ParagraphStyle(
            "UN Title",
            size=14,
            bold=True,
            left=body,
            right=Mm(15),
            before=Mm(8),
            after=Mm(6),
            keep_with_next=True,
            line_height=1.25,
        ),
        ParagraphStyle(
            "Heading 1",
            size=14,
            bold=True,
            left=body,
            hanging=body,
            before=Mm(5),
            after=Mm(3),
            keep_with_next=True,
        ),
        ParagraphStyle(
            "Heading 2",
            size=12,
            bold=True,
            left=body,
            hanging=body,
            before=Mm(4),
            after=Mm(2.5),
            keep_with_next=True,
        ),
        ParagraphStyle("UN Paragraph", align=justify, left=body, hanging=body, after=Pt(6)),
        ParagraphStyle(
            "UN Item", align=justify, left=body + ITEM_GUTTER, hanging=ITEM_GUTTER, after=Pt(6)
        ),
        ParagraphStyle(
            "UN Nested Item",
            align=justify,
            left=body + ITEM_GUTTER + nested,
            hanging=nested,
            after=Pt(6),
        ),
        ParagraphStyle("footnote text", size=9, left=Mm(6), hanging=Mm(6), line_height=1.2),
        # the outer side: right on odd pages, left on even ones; mirrored right to left
        ParagraphStyle("UN Header Odd", bold=True, align=outer_odd, borders={"bottom": 4}),
        ParagraphStyle("UN Header Even", bold=True, align=outer_even, borders={"bottom": 4}),
        ParagraphStyle("UN Footer Odd", size=9, bold=True, align=outer_odd),
        ParagraphStyle("UN Footer Even", size=9, bold=True, align=outer_even),
        ParagraphStyle("UN Job Number", size=9, bold=True, before=Mm(4)),
        ParagraphStyle("UN Status Time", bold=True, left=body, after=Pt(6)),
        ParagraphStyle("UN Redline Cover", size=8),
        ParagraphStyle("UN Table Header", size=9.5, bold=True),
        ParagraphStyle("UN Table Text", size=9.5),
        ParagraphStyle("UN Table Text Deleted", size=9.5, strike=True),
        # the adopted list: an item under its lead-in, and a lead-in shown for context
        ParagraphStyle("UN Table Subitem", size=9.5, left=Mm(7), hanging=Mm(7)),
        ParagraphStyle("UN Table Text Context", size=9.5, italic=True),
        ParagraphStyle("UN Legend", size=9, left=body, after=Pt(6)),
        ParagraphStyle(
            "UN End Rule",
            align=WD_ALIGN_PARAGRAPH.CENTER,
            left=(TEXT_WIDTH - Mm(30)) // 2,
            right=(TEXT_WIDTH - Mm(30)) // 2,
            before=Mm(8),
            borders={"top": 6},
        ),
    ]


CHARACTER_STYLES = {
    "UN Symbol Lead": {"size": 20},
    "footnote reference": {"superscript": True},
}
TABLE_STYLE = "UN Compilation Table"

# Word's own ids for styles it has built in: a note an editor inserts in Word takes
# these, and custom ids ("footnotetext") would make Word add a second pair.
BUILT_IN_STYLE_IDS = {"footnote text": "FootnoteText", "footnote reference": "FootnoteReference"}


def install_styles(document: Document, language: WordLanguage) -> None:
    """Give ``document`` every style the writer names, for ``language``."""
    styles = document.styles
    defaults = oxml.default_run_properties(styles.element)
    oxml.set_fonts(
        defaults, language.latin_font, language.east_asian_font, language.complex_script_font
    )
    complex_script = language.tag if language.complex_script_font else None
    oxml.set_language(defaults, language.tag, EAST_ASIAN_TAG, complex_script)
    oxml.theme_font_languages(
        document.settings.element, language.tag, EAST_ASIAN_TAG, complex_script
    )
    normal = styles["Normal"]
    normal.font.size = Pt(10)
    if language.rtl:
        oxml.right_to_left(normal.element.get_or_add_pPr(), normal.element.get_or_add_rPr())
    normal.paragraph_format.space_after = Pt(0)
    if language.east_asian:
        # The text carries its own half-width spaces (UN Chinese style); Word's automatic
        # gap between Chinese and Latin text would double them. Punctuation stays inside
        # the line, as the PDF sets it: hanging into the margin, it fits other lines.
        oxml.no_auto_spacing(normal.element.get_or_add_pPr())
        oxml.no_hanging_punctuation(normal.element.get_or_add_pPr())
    for spec in paragraph_styles(language):
        _paragraph_style(document, spec, language)
    _table_style(document)
    for name, props in CHARACTER_STYLES.items():
        style = _get_or_add(document, name, WD_STYLE_TYPE.CHARACTER)
        if "size" in props:
            style.font.size = Pt(props["size"])
        if props.get("superscript"):
            style.font.superscript = True
    kept = {spec.name for spec in paragraph_styles(language)} | set(CHARACTER_STYLES)
    _keep_only(document, kept | {"Normal", TABLE_STYLE})


def _keep_only(document: Document, names: set[str]) -> None:
    """Only the styles the writer names, and Word's defaults (Normal, Default Paragraph
    Font, Normal Table, No List): python-docx's template brings some 160 others."""
    root = document.styles.element
    names = {BabelFish.ui2internal(name) for name in names}  # "Heading 1" is "heading 1"
    for style in root.findall(qn("w:style")):
        name = style.find(qn("w:name"))
        if style.get(qn("w:default")) != "1" and (
            name is None or name.get(qn("w:val")) not in names
        ):
            root.remove(style)
    kept_ids = {style.get(qn("w:styleId")) for style in root.findall(qn("w:style"))}
    for link in root.findall(f"{qn('w:style')}/{qn('w:link')}"):  # "Heading1Char", gone
        if link.get(qn("w:val")) not in kept_ids:
            link.getparent().remove(link)


def _get_or_add(document: Document, name: str, kind: WD_STYLE_TYPE):
    try:
        return document.styles[name]
    except KeyError:
        style = document.styles.add_style(name, kind)
        if name in BUILT_IN_STYLE_IDS:
            style.style_id = BUILT_IN_STYLE_IDS[name]
        return style


def _paragraph_style(document: Document, spec: ParagraphStyle, language: WordLanguage) -> None:
    style = _get_or_add(document, spec.name, WD_STYLE_TYPE.PARAGRAPH)
    style.base_style = document.styles["Normal"]
    style.quick_style = True
    # Replaces the theme fonts the built-in headings come with.
    oxml.set_fonts(
        style.element.get_or_add_rPr(),
        language.latin_font,
        language.east_asian_font,
        language.complex_script_font,
    )
    font = style.font
    font.size = Pt(spec.size)
    font.bold = spec.bold
    font.italic = spec.italic
    font.strike = spec.strike
    font.color.rgb = RGBColor(0, 0, 0)
    if language.complex_script_font:
        oxml.complex_script_size(style.element.get_or_add_rPr(), round(spec.size * 2), spec.bold)
    if language.left_to_right(spec.name):
        oxml.left_to_right(style.element.get_or_add_pPr(), style.element.get_or_add_rPr())
    fmt = style.paragraph_format
    fmt.alignment = spec.align
    fmt.left_indent = spec.left
    fmt.first_line_indent = -spec.hanging if spec.hanging else Mm(0)
    fmt.right_indent = spec.right
    fmt.space_before = spec.before
    fmt.space_after = spec.after
    fmt.keep_with_next = spec.keep_with_next
    fmt.line_spacing = Pt(language.line_pitch(spec))
    fmt.line_spacing_rule = WD_LINE_SPACING.EXACTLY
    if spec.hanging:
        fmt.tab_stops.add_tab_stop(spec.left, WD_TAB_ALIGNMENT.LEFT)
    ppr = style.element.get_or_add_pPr()
    if spec.contextual:
        oxml.set_child(ppr, oxml.element("w:contextualSpacing"))
    for side, size in spec.borders.items():
        oxml.paragraph_border(ppr, side, size)


def _table_style(document: Document) -> None:
    """``UN Compilation Table``: thin rules around every cell, shaded header row."""
    style = _get_or_add(document, TABLE_STYLE, WD_STYLE_TYPE.TABLE)
    style.base_style = document.styles["Normal Table"]
    oxml.table_style_borders(style.element, size_eighths=4)
