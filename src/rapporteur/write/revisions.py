"""A redline's marks as Word tracked changes: text inserted and deleted (``w:ins``,
``w:del``), text moved (``w:moveFrom``/``w:moveTo`` inside named move ranges), whole
paragraphs and table rows (their marks tracked), and notes added or removed.

Every revision carries the change's author and date, and a document-wide id: Word
refuses a file where two revisions share one. Accept All must give the head's text
and Reject All the base's (tests/test_redline_invariant.py).
"""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from xml.etree.ElementTree import Element

from docx.oxml import OxmlElement
from docx.oxml.ns import qn
from docx.oxml.xmlchemy import BaseOxmlElement

from rapporteur.write.oxml import element, first_child, row_properties, set_child

# The wrappers runs are tracked in.
TRACKED = {"ins", "del", "moveTo", "moveFrom"}
# Where text is deleted, runs hold w:delText instead of w:t.
DELETED = {"del", "moveFrom"}

# How a redline block's paragraph mark is tracked, by its data-change.
PARAGRAPH_MARKS = {
    "inserted": "ins",
    "deleted": "del",
    "moved": "moveTo",
    "moved-away": "moveFrom",
}

# A table row's own mark: a moved row is removed at its old place and inserted at its new.
ROW_MARKS = {"inserted": "ins", "moved": "ins", "deleted": "del", "moved-away": "del"}


class Revisions:
    """The revisions of one document: who made them, when, and their next id."""

    def __init__(self, author: str, date: str) -> None:
        self.author = author
        self.date = date
        self.next_id = 1

    def new_id(self) -> int:
        self.next_id += 1
        return self.next_id - 1

    def wrapper(self, kind: str) -> BaseOxmlElement:
        """A ``w:ins``, ``w:del``, ``w:moveTo`` or ``w:moveFrom`` to put runs in."""
        return element(f"w:{kind}", id=str(self.new_id()), author=self.author, date=self.date)

    @contextmanager
    def by(self, node: Element) -> Iterator[None]:
        """A redline by commit: the block's changes are by its commit's author, then."""
        kept = self.author, self.date
        if node.get("data-author"):
            self.author, self.date = node.get("data-author") or "", node.get("data-date") or ""
        try:
            yield
        finally:
            self.author, self.date = kept

    def text(
        self,
        target: BaseOxmlElement,
        inserted: bool,
        move: str | None,
        fill: Callable[[BaseOxmlElement], None],
    ) -> None:
        """Text inserted or deleted, ``fill`` writing its runs into the wrapper; moved
        text (``move`` names the move) inside the range Word pairs its two ends by."""
        if move is None:
            wrapper = self.wrapper("ins" if inserted else "del")
            target.append(wrapper)
            fill(wrapper)
            return
        kind = "moveTo" if inserted else "moveFrom"
        name = f"move-{move}"
        range_id = self.new_id()
        target.append(
            element(
                f"w:{kind}RangeStart",
                id=str(range_id),
                name=name,
                author=self.author,
                date=self.date,
            )
        )
        wrapper = self.wrapper(kind)
        target.append(wrapper)
        fill(wrapper)
        target.append(element(f"w:{kind}RangeEnd", id=str(range_id)))

    def paragraph_mark(self, paragraph: BaseOxmlElement, kind: str) -> None:
        """Track the paragraph mark itself: a whole paragraph inserted, deleted or moved,
        or the mark a split adds or a merge removes."""
        ppr = first_child(paragraph, "w:pPr")
        rpr = ppr.find(qn("w:rPr"))
        if rpr is None:
            rpr = set_child(ppr, OxmlElement("w:rPr"))
        rpr.insert(0, self.wrapper(kind))  # ins/del come first in a mark's rPr

    def row(self, row: BaseOxmlElement, change: str) -> None:
        """Track a whole table row as inserted or deleted (``w:trPr/w:ins``, ``w:del``):
        accepting or rejecting takes the row itself, not only its text."""
        kind = ROW_MARKS.get(change)
        if kind is None:
            return
        row_properties(row, header=False)
        set_child(row.find(qn("w:trPr")), self.wrapper(kind))

    def note(self, paragraph: BaseOxmlElement, call_kind: str) -> BaseOxmlElement:
        """Where a note's text goes: tracked as its call is (a note added or removed has
        its text inserted or deleted, as Word does), else the note's paragraph."""
        if call_kind not in {"ins", "del"}:
            return paragraph
        wrapper = self.wrapper(call_kind)
        paragraph.append(wrapper)
        return wrapper


def deleted_run(text: str) -> BaseOxmlElement:
    """A run of deleted text: ``w:delText`` in place of ``w:t``, tabs kept as ``w:tab``."""
    run = OxmlElement("w:r")
    for index, piece in enumerate(text.split("\t")):
        if index:
            run.append(OxmlElement("w:tab"))
        if piece:
            deleted = OxmlElement("w:delText")
            deleted.set(qn("xml:space"), "preserve")
            deleted.text = piece
            run.append(deleted)
    return run
