"""Word's Accept All and Reject All, simulated on a redline's OOXML and HTML.

Each gives the document's paragraphs as text, labels stripped (labels follow the head's
numbering and are never marked) and each footnote's text in place of its reference, so
a footnote's changes are compared where it is called. Accept All must give the head
document, Reject All the base.
"""

from __future__ import annotations

import re
from pathlib import Path
from xml.etree import ElementTree as ET

import tinyhtml5

from docxtools import NS, Docx, w

XHTML = "{http://www.w3.org/1999/xhtml}"
# What each choice removes, with all it holds; the other kind is kept.
REMOVED = {True: {w("del"), w("moveFrom")}, False: {w("ins"), w("moveTo")}}
_LABEL = re.compile(r"^[^\t]*\t")


def resolved_docx(path: Path, accept: bool) -> list[str]:
    """The body's paragraphs after Accept All (``accept``) or Reject All."""
    doc = Docx(path)
    notes = {}
    if "word/footnotes.xml" in doc.names:
        for note in doc.xml("word/footnotes.xml").findall("w:footnote", NS):
            notes[note.get(w("id"))] = " ".join(
                _text(p, accept, {}) for p in note.iter(w("p"))
            ).strip()
    body = doc.xml("word/document.xml").find("w:body", NS)
    status_cells = [
        p
        for row in body.iter(w("tr"))
        for p in row.findall("w:tc", NS)[3:4]
        for p in p.iter(w("p"))
    ]
    out: list[str] = []
    pending = ""
    for paragraph in _paragraphs(body, accept):
        text = pending + _text(paragraph, accept, notes)
        if paragraph in status_cells:  # "Merged into No. 7": numbering, never marked
            text = re.sub(r"\d+", "#", text)
        mark = paragraph.find("w:pPr/w:rPr", NS)
        if mark is not None and any(child.tag in REMOVED[accept] for child in mark):
            pending = text  # its mark is gone: it runs on into the next paragraph
            continue
        pending = ""
        out.append(_LABEL.sub("", text).strip())
    if pending:
        out.append(_LABEL.sub("", pending).strip())
    return out


def _paragraphs(body: ET.Element, accept: bool) -> list[ET.Element]:
    """Paragraphs in order, less those of table rows the choice removes, and less each
    row's first cell: its number, which like a label follows the head's numbering."""
    removed_rows = {
        id(row)
        for row in body.iter(w("tr"))
        if any(
            child.tag in REMOVED[accept] for props in row.findall("w:trPr", NS) for child in props
        )
    }
    out = []

    def walk(node: ET.Element) -> None:
        for child in node:
            if child.tag == w("tr") and id(child) in removed_rows:
                continue
            if child.tag == w("tc") and child is node.find("w:tc", NS):
                continue
            if child.tag == w("p"):
                out.append(child)
            else:
                walk(child)

    walk(body)
    return out


def _text(node: ET.Element, accept: bool, notes: dict[str, str]) -> str:
    out = []
    for child in node:
        if child.tag in REMOVED[accept]:
            continue
        if child.tag in {w("t"), w("delText")}:
            out.append(child.text or "")
        elif child.tag == w("tab"):
            out.append("\t")
        elif child.tag == w("footnoteReference"):
            out.append(f"[{notes.get(child.get(w('id')), '?')}]")
        elif child.tag != w("pPr"):
            out.append(_text(child, accept, notes))
    return "".join(out)


def resolved_html(path: Path, accept: bool) -> list[str]:
    """The body's paragraphs and items after dropping ``del`` (``accept``) or ``ins``."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    main = next(root.iter(XHTML + "main"))
    gone_tag = XHTML + ("del" if accept else "ins")
    gone_change = {"deleted", "moved-away"} if accept else {"inserted", "moved"}
    out = []
    pending = ""
    for block in main.iter():
        if block.tag == XHTML + "tr" and block.find(XHTML + "td") is not None:
            if block.get("data-change") not in gone_change:
                out += _html_row(block, gone_tag)
            continue
        if block.tag != XHTML + "p" or block.get("class") not in {"para", "item-text"}:
            continue
        if block.get("data-change") in gone_change:
            continue
        text = pending + _html_text(block, gone_tag)
        if any(c.tag == gone_tag and "paragraph-mark" in (c.get("class") or "") for c in block):
            pending = text  # a split undone or a merge made: it runs on into the next
            continue
        pending = ""
        out.append(text.strip())
    if pending:
        out.append(pending.strip())
    return out


def _html_row(row: ET.Element, gone_tag: str) -> list[str]:
    """A table row's cells but its number (numbering, like a label); in the status
    cell, numbers too ("Merged into No. 7")."""
    out = []
    for cell in row.findall(XHTML + "td")[1:]:
        text = " ".join(_html_text(cell, gone_tag).split())
        out.append(re.sub(r"\d+", "#", text) if cell.get("class") == "status" else text)
    return out


def _html_text(node: ET.Element, gone_tag: str) -> str:
    out = [node.text or ""]
    for child in node:
        classes = (child.get("class") or "").split()
        if child.tag == gone_tag or "paragraph-mark" in classes:
            pass  # removed; or a paragraph mark, which has no text
        elif "num" in classes:
            pass  # the label: the head's numbering, never marked
        elif "note-ref" in classes:
            pass  # a repeated call's mark: numbering too
        elif "footnote" in classes:
            out.append(f"[{_html_text(child, gone_tag).strip()}]")
        else:
            out.append(_html_text(child, gone_tag))
        out.append(child.tail or "")
    return "".join(out)


def plain_docx(path: Path) -> list[str]:
    """A built document's paragraphs, compared the same way (nothing is tracked)."""
    return resolved_docx(path, accept=True)


def plain_html(path: Path) -> list[str]:
    return resolved_html(path, accept=True)
