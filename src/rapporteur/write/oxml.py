"""Raw OOXML that python-docx has no API for, kept in one place (as python-docx's oxml).

Footnotes part and notes, complex fields, hyperlinks, borders, East Asian fonts,
settings, and inserting children in the order the schema requires (Word rejects
out-of-order children; LibreOffice forgives them).
"""

from __future__ import annotations

import hashlib

from docx.document import Document
from docx.opc.constants import CONTENT_TYPE as CT
from docx.opc.constants import RELATIONSHIP_TYPE as RT
from docx.opc.packuri import PackURI
from docx.opc.part import Part, XmlPart
from docx.oxml import OxmlElement, parse_xml
from docx.oxml.ns import nsdecls, qn
from docx.oxml.xmlchemy import BaseOxmlElement

# Child order of the elements we add to (ECMA-376 part 1, the w: sequences).
PPR_ORDER = (
    "w:pStyle",
    "w:keepNext",
    "w:keepLines",
    "w:pageBreakBefore",
    "w:framePr",
    "w:widowControl",
    "w:numPr",
    "w:suppressLineNumbers",
    "w:pBdr",
    "w:shd",
    "w:tabs",
    "w:suppressAutoHyphens",
    "w:kinsoku",
    "w:wordWrap",
    "w:overflowPunct",
    "w:topLinePunct",
    "w:autoSpaceDE",
    "w:autoSpaceDN",
    "w:bidi",
    "w:adjustRightInd",
    "w:snapToGrid",
    "w:spacing",
    "w:ind",
    "w:contextualSpacing",
    "w:mirrorIndents",
    "w:suppressOverlap",
    "w:jc",
    "w:textDirection",
    "w:textAlignment",
    "w:textboxTightWrap",
    "w:outlineLvl",
    "w:divId",
    "w:cnfStyle",
    "w:rPr",
    "w:sectPr",
    "w:pPrChange",
)
RPR_ORDER = (
    "w:rStyle",
    "w:rFonts",
    "w:b",
    "w:bCs",
    "w:i",
    "w:iCs",
    "w:caps",
    "w:smallCaps",
    "w:strike",
    "w:dstrike",
    "w:outline",
    "w:shadow",
    "w:emboss",
    "w:imprint",
    "w:noProof",
    "w:snapToGrid",
    "w:vanish",
    "w:webHidden",
    "w:color",
    "w:spacing",
    "w:w",
    "w:kern",
    "w:position",
    "w:sz",
    "w:szCs",
    "w:highlight",
    "w:u",
    "w:effect",
    "w:bdr",
    "w:shd",
    "w:fitText",
    "w:vertAlign",
    "w:rtl",
    "w:cs",
    "w:em",
    "w:lang",
    "w:eastAsianLayout",
    "w:specVanish",
    "w:oMath",
)
# A table cell's margin at each side, the CSS's padding (1.5 mm).
CELL_MARGIN_TWIPS = 85
TCPR_ORDER = (
    "w:cnfStyle",
    "w:tcW",
    "w:gridSpan",
    "w:hMerge",
    "w:vMerge",
    "w:tcBorders",
    "w:shd",
    "w:noWrap",
    "w:tcMar",
    "w:textDirection",
    "w:tcFitText",
    "w:vAlign",
    "w:hideMark",
)
SETTINGS_ORDER = (  # CT_Settings' whole sequence, as python-docx's oxml/settings.py has it
    "w:writeProtection",
    "w:view",
    "w:zoom",
    "w:removePersonalInformation",
    "w:removeDateAndTime",
    "w:doNotDisplayPageBoundaries",
    "w:displayBackgroundShape",
    "w:printPostScriptOverText",
    "w:printFractionalCharacterWidth",
    "w:printFormsData",
    "w:embedTrueTypeFonts",
    "w:embedSystemFonts",
    "w:saveSubsetFonts",
    "w:saveFormsData",
    "w:mirrorMargins",
    "w:alignBordersAndEdges",
    "w:bordersDoNotSurroundHeader",
    "w:bordersDoNotSurroundFooter",
    "w:gutterAtTop",
    "w:hideSpellingErrors",
    "w:hideGrammaticalErrors",
    "w:activeWritingStyle",
    "w:proofState",
    "w:formsDesign",
    "w:attachedTemplate",
    "w:linkStyles",
    "w:stylePaneFormatFilter",
    "w:stylePaneSortMethod",
    "w:documentType",
    "w:mailMerge",
    "w:revisionView",
    "w:trackRevisions",
    "w:doNotTrackMoves",
    "w:doNotTrackFormatting",
    "w:documentProtection",
    "w:autoFormatOverride",
    "w:styleLockTheme",
    "w:styleLockQFSet",
    "w:defaultTabStop",
    "w:autoHyphenation",
    "w:consecutiveHyphenLimit",
    "w:hyphenationZone",
    "w:doNotHyphenateCaps",
    "w:showEnvelope",
    "w:summaryLength",
    "w:clickAndTypeStyle",
    "w:defaultTableStyle",
    "w:evenAndOddHeaders",
    "w:bookFoldRevPrinting",
    "w:bookFoldPrinting",
    "w:bookFoldPrintingSheets",
    "w:drawingGridHorizontalSpacing",
    "w:drawingGridVerticalSpacing",
    "w:displayHorizontalDrawingGridEvery",
    "w:displayVerticalDrawingGridEvery",
    "w:doNotUseMarginsForDrawingGridOrigin",
    "w:drawingGridHorizontalOrigin",
    "w:drawingGridVerticalOrigin",
    "w:doNotShadeFormData",
    "w:noPunctuationKerning",
    "w:characterSpacingControl",
    "w:printTwoOnOne",
    "w:strictFirstAndLastChars",
    "w:noLineBreaksAfter",
    "w:noLineBreaksBefore",
    "w:savePreviewPicture",
    "w:doNotValidateAgainstSchema",
    "w:saveInvalidXml",
    "w:ignoreMixedContent",
    "w:alwaysShowPlaceholderText",
    "w:doNotDemarcateInvalidXml",
    "w:saveXmlDataOnly",
    "w:useXSLTWhenSaving",
    "w:saveThroughXslt",
    "w:showXMLTags",
    "w:alwaysMergeEmptyNamespace",
    "w:updateFields",
    "w:hdrShapeDefaults",
    "w:footnotePr",
    "w:endnotePr",
    "w:compat",
    "w:docVars",
    "w:rsids",
    "w:attachedSchema",
    "w:themeFontLang",
    "w:clrSchemeMapping",
    "w:doNotIncludeSubdocsInStats",
    "w:doNotAutoCompressPictures",
    "w:forceUpgrade",
    "w:captions",
    "w:readModeInkLockDown",
    "w:smartTagType",
    "w:shapeDefaults",
    "w:doNotEmbedSmartTags",
    "w:decimalSymbol",
    "w:listSeparator",
)
TRPR_ORDER = (
    "w:cnfStyle",
    "w:divId",
    "w:gridBefore",
    "w:gridAfter",
    "w:wBefore",
    "w:wAfter",
    "w:cantSplit",
    "w:trHeight",
    "w:tblHeader",
    "w:tblCellSpacing",
    "w:jc",
    "w:hidden",
    "w:ins",
    "w:del",
    "w:trPrChange",
)
SECTPR_ORDER = (
    "w:headerReference",
    "w:footerReference",
    "w:footnotePr",
    "w:endnotePr",
    "w:type",
    "w:pgSz",
    "w:pgMar",
    "w:paperSrc",
    "w:pgBorders",
    "w:lnNumType",
    "w:pgNumType",
    "w:cols",
    "w:formProt",
    "w:vAlign",
    "w:noEndnote",
    "w:titlePg",
    "w:textDirection",
    "w:bidi",
    "w:rtlGutter",
    "w:docGrid",
    "w:printerSettings",
    "w:sectPrChange",
)
TBLPR_ORDER = (
    "w:tblStyle",
    "w:tblpPr",
    "w:tblOverlap",
    "w:bidiVisual",
    "w:tblStyleRowBandSize",
    "w:tblStyleColBandSize",
    "w:tblW",
    "w:jc",
    "w:tblCellSpacing",
    "w:tblInd",
    "w:tblBorders",
    "w:shd",
    "w:tblLayout",
    "w:tblCellMar",
    "w:tblLook",
    "w:tblCaption",
    "w:tblDescription",
    "w:tblPrChange",
)
BORDER_ORDER = ("w:top", "w:left", "w:bottom", "w:right", "w:between", "w:bar")
_ORDERS = {
    "w:sectPr": SECTPR_ORDER,
    "w:tblPr": TBLPR_ORDER,
    "w:pPr": PPR_ORDER,
    "w:rPr": RPR_ORDER,
    "w:tcPr": TCPR_ORDER,
    "w:trPr": TRPR_ORDER,
    "w:settings": SETTINGS_ORDER,
    "w:pBdr": BORDER_ORDER,
    "w:tcBorders": BORDER_ORDER,
}


def _prefixed(element: BaseOxmlElement) -> str:
    return element.tag.replace(qn("w:"), "w:") if element.tag.startswith(qn("w:")) else element.tag


def set_child(parent: BaseOxmlElement, child: BaseOxmlElement) -> BaseOxmlElement:
    """Put ``child`` in ``parent`` at its schema position, replacing one of the same tag."""
    for old in parent.findall(child.tag):
        parent.remove(old)
    order = _ORDERS[_prefixed(parent)]
    successors = {qn(t) for t in order[order.index(_prefixed(child)) + 1 :]}
    following = next((node for node in parent if node.tag in successors), None)
    if following is None:
        parent.append(child)
    else:
        following.addprevious(child)
    return child


def element(tag: str, **attributes: str) -> BaseOxmlElement:
    made = OxmlElement(tag)
    for name, value in attributes.items():
        made.set(qn(f"w:{name}"), value)
    return made


# --- fonts, borders, settings ----------------------------------------------------------


def set_fonts(
    rpr: BaseOxmlElement, latin: str, east_asian: str | None, complex_script: str | None = None
) -> None:
    fonts = element("w:rFonts", ascii=latin, hAnsi=latin, cs=complex_script or latin)
    if east_asian:
        fonts.set(qn("w:eastAsia"), east_asian)
    set_child(rpr, fonts)


def right_to_left(ppr: BaseOxmlElement, rpr: BaseOxmlElement) -> None:
    """Paragraphs read right to left (``w:bidi``) and runs are right-to-left text
    (``w:rtl``): the defaults of a document in Arabic."""
    set_child(ppr, element("w:bidi"))
    set_child(rpr, element("w:rtl"))


def right_to_left_section(sect_pr: BaseOxmlElement) -> None:
    """A section of a right-to-left document, as Word writes one: its columns and page
    numbers read right to left (``w:bidi``) and its gutter on the right (``w:rtlGutter``)."""
    set_child(sect_pr, element("w:bidi"))
    set_child(sect_pr, element("w:rtlGutter"))


def table_indent(tbl_pr: BaseOxmlElement, twips: int) -> None:
    """How far the table's edge stands in from the text's start side (``w:tblInd``)."""
    set_child(tbl_pr, element("w:tblInd", w=str(twips), type="dxa"))


def right_to_left_table(tbl_pr: BaseOxmlElement) -> None:
    """A table whose first column is on the right (``w:bidiVisual``)."""
    set_child(tbl_pr, element("w:bidiVisual"))


def left_to_right(ppr: BaseOxmlElement, rpr: BaseOxmlElement) -> None:
    """A left-to-right style in a right-to-left document (the symbol, the running
    headers, an English Distr. block): not bidi, its runs not rtl."""
    set_child(ppr, element("w:bidi", val="0"))
    set_child(rpr, element("w:rtl", val="0"))


def complex_script_size(rpr: BaseOxmlElement, half_points: int, bold: bool) -> None:
    """Arabic text takes the complex-script size and weight: the same as the Latin."""
    set_child(rpr, element("w:szCs", val=str(half_points)))
    if bold:
        set_child(rpr, element("w:bCs"))


def first_child(parent: BaseOxmlElement, tag: str) -> BaseOxmlElement:
    """The child ``tag`` of ``parent``, made as its first child if missing (for elements
    whose schema puts them first: docDefaults, rPrDefault, pPr)."""
    child = parent.find(qn(tag))
    if child is None:
        child = OxmlElement(tag)
        parent.insert(0, child)
    return child


def default_run_properties(styles: BaseOxmlElement) -> BaseOxmlElement:
    """``w:docDefaults/w:rPrDefault/w:rPr`` of a styles part, made if missing."""
    run_default = first_child(first_child(styles, "w:docDefaults"), "w:rPrDefault")
    rpr = run_default.find(qn("w:rPr"))
    if rpr is None:
        rpr = OxmlElement("w:rPr")
        run_default.append(rpr)
    return rpr


def set_language(
    rpr: BaseOxmlElement, latin: str, east_asian: str, complex_script: str | None
) -> None:
    """The languages Word assumes for Latin, East Asian and complex-script text."""
    set_child(rpr, _languages("w:lang", latin, east_asian, complex_script))


def theme_font_languages(
    settings: BaseOxmlElement, latin: str, east_asian: str, complex_script: str | None
) -> None:
    """``w:themeFontLang``, the same three: python-docx's template says en-US and ja-JP."""
    set_child(settings, _languages("w:themeFontLang", latin, east_asian, complex_script))


def _languages(
    tag: str, latin: str, east_asian: str, complex_script: str | None
) -> BaseOxmlElement:
    made = element(tag, val=latin, eastAsia=east_asian)
    if complex_script:
        made.set(qn("w:bidi"), complex_script)
    return made


def paragraph_border(ppr: BaseOxmlElement, side: str, size_eighths: int) -> None:
    borders = ppr.find(qn("w:pBdr"))
    if borders is None:
        borders = set_child(ppr, element("w:pBdr"))
    set_child(
        borders, element(f"w:{side}", val="single", sz=str(size_eighths), space="1", color="000000")
    )


def cell_borders(cell_pr: BaseOxmlElement, **sides: int) -> None:
    """Borders of a table cell; ``top=0`` removes one, ``bottom=24`` draws 3 pt."""
    borders = set_child(cell_pr, element("w:tcBorders"))
    for side in BORDER_ORDER[:4]:
        size = sides.get(side.removeprefix("w:"), 0)
        attrs = (
            {"val": "single", "sz": str(size), "space": "0", "color": "000000"}
            if size
            else {"val": "nil"}
        )
        borders.append(element(side, **attrs))


def no_hanging_punctuation(ppr: BaseOxmlElement) -> None:
    set_child(ppr, element("w:overflowPunct", val="0"))


def no_auto_spacing(ppr: BaseOxmlElement) -> None:
    set_child(ppr, element("w:autoSpaceDE", val="0"))
    set_child(ppr, element("w:autoSpaceDN", val="0"))


def row_properties(row: BaseOxmlElement, *, header: bool) -> None:
    """A table row that never splits across pages; a header row repeats on each page."""
    properties = row.find(qn("w:trPr"))
    if properties is None:
        properties = element("w:trPr")
        row.insert(1 if row.find(qn("w:tblPrEx")) is not None else 0, properties)
    set_child(properties, element("w:cantSplit"))
    if header:
        set_child(properties, element("w:tblHeader"))


def shade(properties: BaseOxmlElement, fill: str) -> None:
    """A cell's or a run's background (``w:tcPr``/``w:rPr`` ``w:shd``), as "RRGGBB"."""
    set_child(properties, element("w:shd", val="clear", color="auto", fill=fill))


def run_border(properties: BaseOxmlElement, size_eighths: int) -> None:
    """A box drawn round a run (``w:rPr/w:bdr``): the key's swatches."""
    set_child(
        properties,
        element("w:bdr", val="single", sz=str(size_eighths), space="0", color="000000"),
    )


def mirror_margins(document: Document) -> None:
    set_child(document.settings.element, element("w:mirrorMargins"))


# --- complex fields and hyperlinks ------------------------------------------------------


def add_field(paragraph_element: BaseOxmlElement, instruction: str, shown: str) -> None:
    """A complex field (PAGE, …): begin, instruction, separate, last result, end."""

    def run(*children: BaseOxmlElement) -> None:
        r = OxmlElement("w:r")
        for child in children:
            r.append(child)
        paragraph_element.append(r)

    run(element("w:fldChar", fldCharType="begin"))
    text = OxmlElement("w:instrText")
    text.set(qn("xml:space"), "preserve")
    text.text = f" {instruction} "
    run(text)
    run(element("w:fldChar", fldCharType="separate"))
    result = OxmlElement("w:t")
    result.text = shown
    run(result)
    run(element("w:fldChar", fldCharType="end"))


def add_hyperlink(paragraph_element: BaseOxmlElement, part: Part, url: str) -> BaseOxmlElement:
    """An external hyperlink; its runs are added by the caller. Related from ``part``."""
    r_id = part.relate_to(url, RT.HYPERLINK, is_external=True)
    link = OxmlElement("w:hyperlink")
    link.set(qn("r:id"), r_id)
    link.set(qn("w:history"), "1")
    paragraph_element.append(link)
    return link


# --- bookmarks: each block's id, kept through editing in Word --------------------------------

BOOKMARK_PREFIX = "_r_"  # hidden in Word's bookmark list, as its own "_Toc…" ones are
BOOKMARK_LENGTH = 40  # Word's limit


def bookmark_name(html_id: str) -> str:
    """A block's bookmark: letters, digits and "_" only, at most 40 characters; a longer
    id keeps a digest of the whole so that two never share a name."""
    name = BOOKMARK_PREFIX + html_id.replace("-", "_")
    if len(name) <= BOOKMARK_LENGTH:
        return name
    digest = hashlib.sha1(html_id.encode()).hexdigest()[:8]
    return name[: BOOKMARK_LENGTH - 9] + "_" + digest


def bookmark(paragraph_element: BaseOxmlElement, bookmark_id: int, name: str) -> None:
    """A bookmark around the paragraph's whole content."""
    start = element("w:bookmarkStart", id=str(bookmark_id), name=name)
    ppr = paragraph_element.find(qn("w:pPr"))
    paragraph_element.insert(0 if ppr is None else 1, start)
    paragraph_element.append(element("w:bookmarkEnd", id=str(bookmark_id)))


# --- custom document properties -----------------------------------------------------------

CUSTOM_PROPERTIES_CT = "application/vnd.openxmlformats-officedocument.custom-properties+xml"
PROPERTY_VALUE_LIMIT = 255  # Word's, for a text property


def custom_properties(document: Document, properties: dict[str, str]) -> None:
    """docProps/custom.xml with ``properties`` as text properties (Word and LibreOffice
    keep them through a save)."""
    from xml.sax.saxutils import escape, quoteattr

    entries = "".join(
        f'<property fmtid="{{D5CDD505-2E9C-101B-9397-08002B2CF9AE}}" pid="{pid}" '
        f"name={quoteattr(name)}><vt:lpwstr>{escape(value)}</vt:lpwstr></property>"
        for pid, (name, value) in enumerate(properties.items(), start=2)
    )
    blob = (
        '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n'
        '<Properties xmlns="http://schemas.openxmlformats.org/officeDocument/2006/custom-properties"'
        ' xmlns:vt="http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes">'
        f"{entries}</Properties>"
    ).encode()
    package = document.part.package
    part = Part(PackURI("/docProps/custom.xml"), CUSTOM_PROPERTIES_CT, blob, package)
    package.relate_to(part, RT.CUSTOM_PROPERTIES)


# --- footnotes ----------------------------------------------------------------------------

_FOOTNOTES_XML = (
    f"<w:footnotes {nsdecls('w', 'r')}>"
    '<w:footnote w:type="separator" w:id="-1"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:separator/></w:r></w:p></w:footnote>'
    '<w:footnote w:type="continuationSeparator" w:id="0"><w:p><w:pPr><w:spacing w:after="0" '
    'w:line="240" w:lineRule="auto"/></w:pPr><w:r><w:continuationSeparator/></w:r></w:p>'
    "</w:footnote></w:footnotes>"
)


def footnotes_part(document: Document) -> XmlPart:
    """The document's footnotes part, made (with its two separator notes) on first use."""
    main = document.part
    for rel in main.rels.values():
        if rel.reltype == RT.FOOTNOTES:
            return rel.target_part
    part = XmlPart(
        PackURI("/word/footnotes.xml"), CT.WML_FOOTNOTES, parse_xml(_FOOTNOTES_XML), main.package
    )
    main.relate_to(part, RT.FOOTNOTES)
    return part


def add_footnote(
    part: XmlPart,
    note_id: int,
    paragraph_style_id: str,
    reference_style_id: str,
    custom_mark: str | None,
) -> BaseOxmlElement:
    """A note's first paragraph, its mark already in place; the caller adds the text runs."""
    note = element("w:footnote", id=str(note_id))
    paragraph = OxmlElement("w:p")
    ppr = OxmlElement("w:pPr")
    set_child(ppr, element("w:pStyle", val=paragraph_style_id))
    paragraph.append(ppr)
    mark = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    set_child(rpr, element("w:rStyle", val=reference_style_id))
    mark.append(rpr)
    if custom_mark:
        text = OxmlElement("w:t")
        text.text = custom_mark
        mark.append(text)
    else:
        mark.append(OxmlElement("w:footnoteRef"))
    paragraph.append(mark)
    tab = OxmlElement("w:r")
    tab.append(OxmlElement("w:tab"))
    paragraph.append(tab)
    note.append(paragraph)
    part.element.append(note)
    return paragraph


def footnote_reference(
    paragraph_element: BaseOxmlElement,
    note_id: int,
    reference_style_id: str,
    custom_mark: str | None,
) -> None:
    """The call in the text: a footnoteReference run, with a literal custom mark if any."""
    run = OxmlElement("w:r")
    rpr = OxmlElement("w:rPr")
    set_child(rpr, element("w:rStyle", val=reference_style_id))
    run.append(rpr)
    reference = element("w:footnoteReference", id=str(note_id))
    if custom_mark:
        reference.set(qn("w:customMarkFollows"), "1")
    run.append(reference)
    if custom_mark:
        text = OxmlElement("w:t")
        text.text = custom_mark
        run.append(text)
    paragraph_element.append(run)


# --- watermark -----------------------------------------------------------------------------

_VML = 'xmlns:v="urn:schemas-microsoft-com:vml" xmlns:o="urn:schemas-microsoft-com:office:office"'


def watermark_run(text: str) -> BaseOxmlElement:
    """A header run holding Word's own kind of text watermark (a VML text path)."""
    from xml.sax.saxutils import quoteattr

    return parse_xml(
        f"<w:r {nsdecls('w')} {_VML}><w:pict>"
        '<v:shapetype id="_x0000_t136" coordsize="21600,21600" o:spt="136" adj="10800" '
        'path="m@7,l@8,m@5,21600l@6,21600e"><v:path textpathok="t" o:connecttype="custom"/>'
        '<v:textpath on="t" fitshape="t"/></v:shapetype>'
        '<v:shape id="RapporteurWatermark" type="#_x0000_t136" style="position:absolute;'
        "margin-left:0;margin-top:0;width:440pt;height:110pt;rotation:315;z-index:-251657216;"
        "mso-position-horizontal:center;mso-position-horizontal-relative:margin;"
        'mso-position-vertical:center;mso-position-vertical-relative:margin" '
        'fillcolor="#c80000" stroked="f"><v:fill opacity=".2"/>'
        f'<v:textpath style="font-family:&quot;Times New Roman&quot;;font-size:1pt" '
        f"string={quoteattr(text)}/></v:shape></w:pict></w:r>"
    )


def table_style_borders(style: BaseOxmlElement, size_eighths: int) -> None:
    """Single rules on every edge of a table style; the header row is not shaded (the
    status edition's shades are the rows' states)."""
    for old in style.findall(qn("w:tblPr")) + style.findall(qn("w:tblStylePr")):
        style.remove(old)
    sides = "".join(
        f'<w:{side} w:val="single" w:sz="{size_eighths}" w:space="0" w:color="000000"/>'
        for side in ("top", "left", "bottom", "right", "insideH", "insideV")
    )
    style.append(
        parse_xml(
            f"<w:tblPr {nsdecls('w')}><w:tblBorders>{sides}</w:tblBorders>"
            f'<w:tblCellMar><w:top w:w="57" w:type="dxa"/>'
            f'<w:left w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/><w:bottom w:w="57" w:type="dxa"/>'
            f'<w:right w:w="{CELL_MARGIN_TWIPS}" w:type="dxa"/></w:tblCellMar>'
            "</w:tblPr>"
        )
    )
