"""A DOCX read back as rapporteur's blocks: the reader half of the Word round trip.

Every tracked change is taken as accepted (what Word shows with "No Markup"): inserted
and moved-to text counts, deleted and moved-from text does not. Each body paragraph
comes back with the id of the bookmark the writer put around it (write/oxml.py
``bookmark_name``), its style, and its text in content markup: a link to a document
symbol as ``[[E/CN.15/2018/1]]``, a note's call as ``[^note-id]``. Labels, typed or
changed, are dropped; the typographic characters the writers put in (no-break spaces
and joiners, isolates) are taken out again.
"""

from __future__ import annotations

import hashlib
import re
import zipfile
import zlib
from dataclasses import dataclass, field
from pathlib import Path

from lxml import etree

from rapporteur.load.patterns import SYMBOL_RE
from rapporteur.text import join_pair

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
PACKAGE_RELS = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}
OLE_MAGIC = b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1"  # an encrypted DOCX is an OLE container
NOTE_BOOKMARK_PREFIX = "note-"  # a note's text has the bookmark of its HTML anchor
# Placeholders in a block's text (private-use characters, never in content): a note's
# call by its footnote's w:id, and a note's mark repeated without a note.
CALL, MARK = "\ue000", "\ue001"

# What render time put in (no-break spaces and joiners, isolates, break points, marks).
_TYPOGRAPHIC = str.maketrans(
    {"\u00a0": " ", "\u202f": " ", "\u2007": " "}
    | dict.fromkeys(map(ord, "\u2060\u200b\u2066\u2067\u2068\u2069\u200e\u200f\u061c\u00ad\ufeff"))
)
# Paragraph styles below the first numbered block that are not text: the end-of-text
# rule (empty); a heading comes back by its bookmark, or is reported.
NOT_BODY_STYLES = {"UNEndRule"}

# Paragraph children that hold no text of the paragraph's own.
_NOT_TEXT = {
    "pPr",
    "rPr",
    "bookmarkStart",
    "bookmarkEnd",
    "commentRangeEnd",
    "proofErr",
    "permStart",
    "permEnd",
    "customXmlInsRangeStart",
    "customXmlInsRangeEnd",
    "customXmlDelRangeStart",
    "customXmlDelRangeEnd",
    "moveFromRangeStart",
    "moveFromRangeEnd",
    "moveToRangeStart",
    "moveToRangeEnd",
    "sdtPr",
    "sdtEndPr",
    "oMath",
    "oMathPara",
    "",
}
_UNDOCS = re.compile(r"^https?://undocs\.org/(?:[a-z]{2}/)?(?P<symbol>.+)$")


class DocxRefused(ValueError):
    """A file that cannot be imported; the message says why, in one line."""


def w(name: str) -> str:
    return f"{{{W}}}{name}"


def normalized(text: str) -> str:
    """Text without the writers' typographic characters, its spaces single."""
    return " ".join(text.translate(_TYPOGRAPHIC).split())


@dataclass
class Block:
    """One body paragraph of the DOCX, changes accepted."""

    bookmark: str | None  # the writer's bookmark name; None for a paragraph typed in Word
    style: str  # its paragraph style id ("UNParagraph", "UNItem", "UNNestedItem")
    markup: str  # its text in content markup, after the label's tab
    comments: list[str] = field(default_factory=list)  # w:comment ids anchored in it
    label: str = ""  # what stands before the first tab: the writer's label, or not


@dataclass
class Note:
    bookmark: str | None
    markup: str


@dataclass
class Comment:
    author: str
    text: str


@dataclass
class WordDocument:
    symbol: str  # docProps/core.xml's subject, as the writer sets it
    language: str  # docProps/core.xml's language (BCP 47), as the writer sets it
    # block id → the fingerprint of its text as the writer wrote it (docProps/custom.xml);
    # empty for a DOCX that does not say
    base: dict[str, str]
    blocks: list[Block]
    notes: dict[str, Note]  # by the footnote's w:id
    comments: dict[str, Comment]
    format_changes: int  # tracked formatting changes, which are not content
    authors: list[str]  # of the tracked changes, in order of first appearance
    latest: dict[str, str]  # author → the date (w:date, ISO 8601) of their latest change


def read_docx(
    path: Path,
    body_styles: set[str],
    note_mark_style: str,
    accept: frozenset[str] | None = None,
) -> WordDocument:
    """``path`` as blocks; ``body_styles``: the paragraph style ids of numbered blocks,
    ``note_mark_style``: the character style of a note's mark repeated without a note;
    ``accept``: the authors whose tracked changes are taken (None: everyone's), the
    others' rejected."""
    package, document = _open(path)
    rels = _relationships(package, "word/_rels/document.xml.rels")
    reader = _Reader(rels, note_mark_style, accept)
    blocks: list[Block] = []
    in_body = False  # after the first numbered block: a pasted paragraph may be "Normal"
    joins_next = False  # the last block's paragraph mark is gone: the next one joins it
    # A tracked move's two halves share a name: the text moved takes the bookmark it
    # left behind (Word keeps the bookmark where the text was).
    moved_from = {
        start.get(w("name")): bookmark
        for paragraph in document.iter(w("p"))
        if (bookmark := _bookmark(paragraph)) is not None
        for start in paragraph.iter(w("moveFromRangeStart"))
    }
    for paragraph in document.iter(w("p")):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        style_id = style.get(w("val")) if style is not None else ""
        in_body = in_body or style_id in body_styles
        # after the first numbered block, a paragraph of any other style pasted among the
        # body's (Normal, List Paragraph, Body Text…, in a content control too) is text
        plain = (
            in_body
            and paragraph.getparent().tag in {w("body"), w("sdtContent")}
            and style_id not in NOT_BODY_STYLES
        )
        if style_id not in body_styles and _bookmark(paragraph) is None and not plain:
            joins_next = False
            continue  # neither a numbered block nor a heading the writer bookmarked
        text, comments = reader.paragraph(paragraph)
        bookmark = _bookmark(paragraph) or next(
            (
                moved_from[start.get(w("name"))]
                for start in paragraph.iter(w("moveToRangeStart"))
                if start.get(w("name")) in moved_from and _unlabelled(text).strip()
            ),
            None,
        )
        if joins_next and blocks:  # two paragraphs merged (or a split rejected)
            last = blocks[-1]
            last.markup = join_pair(last.markup, _unlabelled(text).strip())
            last.comments += comments
        elif text.strip() or bookmark is not None:  # not an empty one typed in Word
            label, tab, rest = text.partition("\t")
            if not tab:
                label, rest = "", text
            blocks.append(Block(bookmark, style_id, rest, comments, label.strip()))
        # a paragraph mark gone joins the next paragraph to this one, unless this one's
        # text went too: then the whole paragraph was deleted
        joins_next = reader.mark_removed(paragraph) and bool(_unlabelled(text).strip())
    notes = _notes(package, reader)
    return WordDocument(
        _core(package, "subject"),
        _core(package, "language"),
        _base(package),
        blocks,
        notes,
        _comments(package),
        reader.format_changes,
        reader.authors,
        reader.latest,
    )


def _open(path: Path) -> tuple[zipfile.ZipFile, etree._Element]:
    """The package and its main part; DocxRefused for what is no readable DOCX."""
    try:
        head = path.read_bytes()[:8]
    except OSError as exc:
        raise DocxRefused(f"cannot be read ({exc.strerror or exc})") from None
    if head == OLE_MAGIC:
        raise DocxRefused(
            "is an encrypted DOCX or a Word 97-2003 document (save it in Word as .docx, "
            "without a password, then import it)"
        )
    try:
        package = zipfile.ZipFile(path)
        return package, _xml(package, "word/document.xml")
    except (zipfile.BadZipFile, KeyError, etree.XMLSyntaxError):
        raise DocxRefused("is not a Word document (.docx)") from None


def _notes(package: zipfile.ZipFile, reader: _Reader) -> dict[str, Note]:
    """Every footnote's text, by its w:id (the separators are not notes)."""
    notes = {}
    if "word/footnotes.xml" in package.namelist():
        reader.rels = _relationships(package, "word/_rels/footnotes.xml.rels")
        for note in _xml(package, "word/footnotes.xml").iter(w("footnote")):
            if note.get(w("type")) in {"separator", "continuationSeparator"}:
                continue
            parts = [reader.paragraph(p, in_note=True)[0] for p in note.iter(w("p"))]
            bookmark = next((b for p in note.iter(w("p")) if (b := _bookmark(p))), None)
            notes[note.get(w("id"))] = Note(bookmark, normalized(" ".join(parts)))
    return notes


# --- a DOCX made elsewhere: every paragraph, as Word shows it -------------------------


@dataclass
class Paragraph:
    """One paragraph of a DOCX rapporteur did not write, changes accepted."""

    text: str  # in content markup, note calls as placeholders, a typed label kept
    style: str  # its style's name, lower case ("heading 1", "normal", "body text")
    # the number format of its Word list level ("decimal", "lowerLetter"…), if it has one
    numbering: str | None


@dataclass
class PlainDocument:
    language: str  # docProps/core.xml's language (BCP 47), or ""
    paragraphs: list[Paragraph]
    notes: dict[str, Note]  # by the footnote's w:id
    margins: list[str]  # the headers' and footers' paragraphs (a job number, a symbol)
    endnotes: int = 0  # how many endnotes it has (not read: UN reports have footnotes)


def read_paragraphs(path: Path, note_mark_style: str) -> PlainDocument:
    """Every paragraph of the body, in order, tables' too, with every change accepted."""
    package, document = _open(path)
    reader = _Reader(_relationships(package, "word/_rels/document.xml.rels"), note_mark_style, None)
    styles = _styles(package)
    formats = _list_formats(package)
    paragraphs: list[Paragraph] = []
    joins_next = False  # the last paragraph's mark was deleted (tracked): this one joins it
    for paragraph in document.iter(w("p")):
        if any(etree.QName(a).localname == "Fallback" for a in paragraph.iterancestors()):
            continue  # a text box's copy for older readers: its mc:Choice has it once
        style_id = paragraph.find("w:pPr/w:pStyle", NS)
        name, style_numbering = styles.get(
            style_id.get(w("val")) if style_id is not None else "", ("normal", None)
        )
        numbering = _numbering(paragraph.find("w:pPr/w:numPr", NS)) or style_numbering
        text, _ = reader.paragraph(paragraph)
        if joins_next and paragraphs:
            paragraphs[-1].text = join_pair(paragraphs[-1].text, text.strip())
        else:
            paragraphs.append(Paragraph(text, name, formats.get(numbering) if numbering else None))
        joins_next = reader.mark_removed(paragraph) and bool(text.strip())
    margins = [
        normalized(reader.paragraph(p)[0])
        for name in sorted(package.namelist())
        if re.fullmatch(r"word/(?:header|footer)\d*\.xml", name)
        for p in _xml(package, name).iter(w("p"))
    ]
    notes = _notes(package, reader)
    endnotes = 0
    if "word/endnotes.xml" in package.namelist():
        endnotes = sum(
            1
            for note in _xml(package, "word/endnotes.xml").iter(w("endnote"))
            if note.get(w("type")) not in {"separator", "continuationSeparator"}
        )
    return PlainDocument(_core(package, "language"), paragraphs, notes, margins, endnotes)


def _numbering(number: etree._Element | None) -> tuple[str, str] | None:
    """A w:numPr's (numId, ilvl); None where it has none, or numId 0 (numbering off)."""
    if number is None:
        return None
    num_id = number.find("w:numId", NS)
    level = number.find("w:ilvl", NS)
    value = num_id.get(w("val")) if num_id is not None else None
    if not value or value == "0":
        return None
    return value, level.get(w("val"), "0") if level is not None else "0"


def _styles(package: zipfile.ZipFile) -> dict[str, tuple[str, tuple[str, str] | None]]:
    """Each paragraph style id → its name, lower case, and its list numbering."""
    if "word/styles.xml" not in package.namelist():
        return {}
    out = {}
    for style in _xml(package, "word/styles.xml").iter(w("style")):
        name = style.find("w:name", NS)
        shown = (name.get(w("val")) if name is not None else "") or style.get(w("styleId"), "")
        out[style.get(w("styleId"), "")] = (
            shown.lower(),
            _numbering(style.find("w:pPr/w:numPr", NS)),
        )
    return out


def _list_formats(package: zipfile.ZipFile) -> dict[tuple[str, str], str]:
    """(numId, ilvl) → the level's number format, from word/numbering.xml."""
    if "word/numbering.xml" not in package.namelist():
        return {}
    root = _xml(package, "word/numbering.xml")
    abstract = {
        (definition.get(w("abstractNumId")), level.get(w("ilvl"))): fmt.get(w("val"), "")
        for definition in root.iter(w("abstractNum"))
        for level in definition.iter(w("lvl"))
        if (fmt := level.find("w:numFmt", NS)) is not None
    }
    out = {}
    for num in root.iter(w("num")):
        ref = num.find("w:abstractNumId", NS)
        if ref is None:
            continue
        for (abstract_id, level), fmt in abstract.items():
            if abstract_id == ref.get(w("val")):
                out[(num.get(w("numId")), level)] = fmt
    return out


class _Reader:
    """Walks a paragraph as Word shows it with every change accepted."""

    def __init__(
        self, rels: dict[str, str], note_mark_style: str, accept: frozenset[str] | None
    ) -> None:
        self.rels = rels
        self.note_mark_style = note_mark_style
        self.accept = accept
        self.format_changes = 0
        self.authors: list[str] = []  # of tracked changes, in the order they come
        self.latest: dict[str, str] = {}  # author → the date of their latest change

    def paragraph(self, paragraph: etree._Element, in_note: bool = False) -> tuple[str, list[str]]:
        out: list[str] = []
        comments: list[str] = []
        self._children(paragraph, out, comments, in_note)
        return "".join(out), comments

    def mark_removed(self, paragraph: etree._Element) -> bool:
        """Whether the paragraph's mark is gone: its deletion tracked and taken (two
        paragraphs merged), or its insertion tracked and not taken (a split undone)."""
        mark = paragraph.find("w:pPr/w:rPr", NS)
        if mark is None:
            return False
        deleted, inserted = mark.find("w:del", NS), mark.find("w:ins", NS)
        if deleted is not None:
            return self._accepted(deleted)
        if inserted is not None:
            return not self._accepted(inserted)
        return False

    def _accepted(self, change: etree._Element) -> bool:
        """Whether a tracked change is taken: all are, unless only some authors' are."""
        author = change.get(w("author")) or ""
        moment = change.get(w("date")) or ""
        if author not in self.authors:
            self.authors.append(author)
        self.latest[author] = max(self.latest.get(author, ""), moment)
        return self.accept is None or author in self.accept

    def _children(
        self,
        parent: etree._Element,
        out: list[str],
        comments: list[str],
        in_note: bool,
        kept_deletion: bool = False,
    ) -> None:
        for node in parent:
            name = etree.QName(node).localname if isinstance(node.tag, str) else ""
            if name in {"ins", "moveTo"} and not self._accepted(node):
                continue  # an insertion rejected
            if name in {"del", "moveFrom"}:
                if not self._accepted(node):  # a deletion rejected: its text stays
                    self._children(node, out, comments, in_note, kept_deletion=True)
                continue
            if name == "pPr":
                if node.find(".//w:pPrChange", NS) is not None:
                    self.format_changes += 1
                continue
            if name == "r":
                self._run(node, out, in_note, kept_deletion)
            elif name == "hyperlink":
                inner: list[str] = []
                self._children(node, inner, comments, in_note)
                target = self.rels.get(node.get(f"{{{R}}}id") or "", "")
                found = _UNDOCS.match(target)
                text = normalized("".join(inner))
                # a reference where the link's text is a symbol ("65/230" linked to
                # A/RES/65/230 stays the text it is)
                symbol = found and SYMBOL_RE.fullmatch(text)
                out.append(f"[[{text}]]" if symbol else "".join(inner))
            elif name == "commentRangeStart":
                comments.append(node.get(w("id")))
            elif name not in _NOT_TEXT:  # ins, moveTo, dir, bdo, customXml, smartTag, sdt…
                self._children(node, out, comments, in_note, kept_deletion)

    def _run(
        self, run: etree._Element, out: list[str], in_note: bool, kept_deletion: bool = False
    ) -> None:
        properties = run.find("w:rPr", NS)
        if properties is not None and properties.find("w:rPrChange", NS) is not None:
            self.format_changes += 1
        style = run.find("w:rPr/w:rStyle", NS)
        mark_run = style is not None and style.get(w("val")) == self.note_mark_style
        reference = run.find("w:footnoteReference", NS)
        if reference is not None:
            out.append(f"{CALL}{reference.get(w('id'))}{CALL}")  # a note's call: merge resolves it
            return
        if run.find("w:footnoteRef", NS) is not None or (mark_run and in_note):
            return  # the note's own mark, at the start of its text
        text = []
        for node in run:
            name = etree.QName(node).localname
            if name == "t" or (name == "delText" and kept_deletion):
                # (the reader's own placeholders cannot come from the text)
                text.append((node.text or "").replace(CALL, "").replace(MARK, ""))
            elif name == "tab":
                text.append("\t")
            elif name in {"br", "cr"}:
                text.append(" ")
            elif name == "noBreakHyphen":
                text.append("-")
            elif name == "sym":  # a symbol font's character, by its code
                code = node.get(w("char")) or ""
                number = int(code, 16) if re.fullmatch(r"[0-9A-Fa-f]{1,6}", code) else 0
                # (Wingdings and the like use the private use area: no character to keep)
                text.append(chr(number) if number and not 0xE000 <= number <= 0xF8FF else "")
        if mark_run:  # a further call of a note given earlier: its mark only
            out.append(f"{MARK}{''.join(text)}{MARK}")
        else:
            out.append("".join(text))


def _unlabelled(text: str) -> str:
    """The text without the label the writer put before its tab ("9.\\t", "(a)\\t")."""
    label, tab, rest = text.partition("\t")
    return rest if tab and len(label) <= 12 else text


def _bookmark(paragraph: etree._Element) -> str | None:
    for start in paragraph.iter(w("bookmarkStart")):
        name = start.get(w("name")) or ""
        if name.startswith("_r_"):
            return name
    return None


def _xml(package: zipfile.ZipFile, name: str) -> etree._Element:
    """A part of the package, parsed; DocxRefused for a damaged one (bad XML, a bad
    checksum), named, rather than a traceback."""
    try:
        return etree.fromstring(package.read(name), etree.XMLParser(resolve_entities=False))
    except (etree.XMLSyntaxError, zipfile.BadZipFile, zlib.error, EOFError, ValueError) as exc:
        if name == "word/document.xml":
            raise DocxRefused("is not a Word document (.docx)") from None
        raise DocxRefused(f"is damaged: its part {name} cannot be read ({exc})") from None


def _relationships(package: zipfile.ZipFile, name: str) -> dict[str, str]:
    if name not in package.namelist():
        return {}
    root = _xml(package, name)
    return {
        rel.get("Id"): rel.get("Target") for rel in root.iter(f"{{{PACKAGE_RELS}}}Relationship")
    }


def _core(package: zipfile.ZipFile, name: str) -> str:
    """A Dublin Core property of docProps/core.xml ("subject": the symbol the writer
    puts there; "language": its BCP 47 tag), or ""."""
    if "docProps/core.xml" not in package.namelist():
        return ""
    found = _xml(package, "docProps/core.xml").find(f"{{http://purl.org/dc/elements/1.1/}}{name}")
    return (found.text or "").strip() if found is not None else ""


_ANY_CALL = re.compile(rf"\[\^[^\]]*\]|{CALL}[^{CALL}]*{CALL}")


def fingerprint(markup: str) -> str:
    """A short digest of a block's text as content markup, every note's call alike
    ("[^]"): Word may number a note anew, but a call added or removed shows."""
    text = normalized(re.sub(_ANY_CALL, "[^]", markup))
    return hashlib.sha1(text.encode("utf-8")).hexdigest()[:12]


BASE_PROPERTY = "rapporteur.base"  # "rapporteur.base.1", ".2", …: "id=fingerprint;…"


def base_properties(fingerprints: dict[str, str], limit: int) -> dict[str, str]:
    """The blocks' fingerprints as text properties of at most ``limit`` characters."""
    chunks: list[str] = [""]
    for block_id, digest in fingerprints.items():
        entry = f"{block_id}={digest};"
        if len(chunks[-1]) + len(entry) > limit:
            chunks.append("")
        chunks[-1] += entry
    return {f"{BASE_PROPERTY}.{n}": chunk for n, chunk in enumerate(chunks, start=1) if chunk}


def _base(package: zipfile.ZipFile) -> dict[str, str]:
    if "docProps/custom.xml" not in package.namelist():
        return {}
    root = _xml(package, "docProps/custom.xml")
    ns = "{http://schemas.openxmlformats.org/officeDocument/2006/custom-properties}"
    chunks = {}
    for prop in root.iter(f"{ns}property"):
        number = (prop.get("name") or "").removeprefix(BASE_PROPERTY + ".")
        if number.isdigit():  # in their order, whatever order a program saved them in
            chunks[int(number)] = "".join(prop.itertext())
    out = {}
    for _, chunk in sorted(chunks.items()):
        if chunk:
            for entry in chunk.split(";"):
                block_id, equals, digest = entry.partition("=")
                if equals:
                    out[block_id] = digest
    return out


def written_fingerprints(
    part: etree._Element, rels: dict[str, str], note_mark_style: str, in_note: bool = False
) -> dict[str, str]:
    """Each bookmarked block (or note, ``in_note``) of a document the writer has just
    made, fingerprinted as the importer will read it back, in reading order."""
    reader = _Reader(rels, note_mark_style, None)
    out = {}
    for paragraph in part.iter(w("p")):
        bookmark = _bookmark(paragraph)
        if bookmark is not None:
            text = reader.paragraph(paragraph, in_note=in_note)[0]
            out[bookmark] = fingerprint(normalized(text) if in_note else _unlabelled(text))
    return out


def _comments(package: zipfile.ZipFile) -> dict[str, Comment]:
    if "word/comments.xml" not in package.namelist():
        return {}
    out = {}
    for comment in _xml(package, "word/comments.xml").iter(w("comment")):
        text = normalized(" ".join("".join(t.itertext()) for t in comment.iter(w("p"))))
        out[comment.get(w("id"))] = Comment(comment.get(w("author")) or "", text)
    return out
