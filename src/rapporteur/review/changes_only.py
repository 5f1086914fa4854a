"""The changes-only view of a redline: the changed blocks, each with its number and the
lead-in it hangs from, and nothing else.

A block is changed when it was added, deleted or moved, or its text (or a note it
calls) was edited. An item is kept with the paragraph it belongs to, so "(c)" is read
under "9. … made by Member States:"; front matter, headings and the cover stay.
"""

from __future__ import annotations

from dataclasses import replace

from rapporteur.model import document as doc
from rapporteur.model.compilation import Compilation, Row

Block = doc.Paragraph | doc.Item


def changed_only(document: doc.Report | Compilation) -> doc.Report | Compilation:
    if isinstance(document, Compilation):
        themes = [
            replace(theme, rows=rows)
            for theme in document.themes
            if (rows := tuple(row for row in theme.rows if _row_changed(row)))
        ]
        return replace(document, introduction=(), themes=tuple(themes))
    notes = {note.id for note in document.notes if _marked(note.content)}
    chapters = []
    for chapter in document.chapters:
        sections = tuple(
            replace(section, paragraphs=kept)
            for section in chapter.sections
            if (kept := _kept(section.paragraphs, notes))
        )
        paragraphs = _kept(chapter.paragraphs, notes)
        if paragraphs or sections:
            chapters.append(replace(chapter, paragraphs=paragraphs, sections=sections))
    return replace(document, chapters=tuple(chapters))


def _kept(blocks: tuple[Block, ...], notes: set[str]) -> tuple:
    """The changed blocks, and those with a changed block under them (as its lead-in)."""
    out = []
    for block in blocks:
        items = _kept(block.items, notes)
        if items or _changed(block, notes):
            out.append(replace(block, items=items))
    return tuple(out)


def _changed(block: Block, notes: set[str]) -> bool:
    """Added, deleted, moved, edited, or calling a note whose text was edited."""
    return (
        block.change is not None
        or block.mark is not None
        or _marked(block.content)
        or any(isinstance(s, doc.NoteCall) and s.note in notes for s in block.content)
    )


def _marked(content: doc.Content) -> bool:
    return any(isinstance(span, doc.Inserted | doc.Deleted) for span in content)


def _row_changed(row: Row) -> bool:
    return (
        row.change is not None
        or row.previous_state is not None
        or row.previous_source is not None
        or _marked(row.content)
    )
