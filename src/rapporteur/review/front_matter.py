"""What a redline compares besides the blocks: the title and agenda-item title on page 1,
and documents or languages one revision has and the other not."""

from __future__ import annotations

from dataclasses import fields, replace

from rapporteur.model import document as doc
from rapporteur.model.compilation import Compilation
from rapporteur.review.words import diff_content


def redline_front(base: doc.Front, head: doc.Front) -> tuple[doc.Front, list[str]]:
    """The head's page-1 texts, each change marked, and a summary line for each."""
    lines = []
    front = head
    if base.title != head.title:
        front = replace(front, title=diff_content(base.title, head.title))
        lines.append("title: text changed")
    old, new = base.corner.agenda_item_title, head.corner.agenda_item_title
    if old != new and old and new:
        corner = replace(head.corner, agenda_item_title=diff_content(old, new))
        front = replace(front, corner=corner)
        lines.append("agenda item title: text changed")
    # What meeting.yaml and the terms put on page 1 (symbol, date of issue, venue,
    # dates, session…): said, field by field; not tracked in the page's text.
    for part in ("masthead", "corner"):
        before, after = getattr(base, part), getattr(head, part)
        for field in fields(before):
            if field.name == "agenda_item_title":
                continue
            was, now = getattr(before, field.name), getattr(after, field.name)
            if was != now:
                name = field.name.replace("_", " ")
                lines.append(f"page 1, {name}: {_shown(was)} → {_shown(now)}")
    return front, lines


def _shown(value: object) -> str:
    if isinstance(value, doc.DateSpan):
        return f"{value.start:%Y-%m-%d} to {value.end:%Y-%m-%d}"
    return "none" if value is None else str(value)


def without_blocks(report: doc.Report) -> doc.Report:
    """A report with its page 1 and chapter headings but no paragraph: what a meeting or
    language one revision lacks is compared with, so all its text is added or deleted."""
    chapters = tuple(
        replace(
            chapter,
            paragraphs=(),
            sections=tuple(replace(s, paragraphs=()) for s in chapter.sections),
        )
        for chapter in report.chapters
    )
    return replace(report, chapters=chapters, notes=())


def without_rows(compilation: Compilation) -> Compilation:
    """A compilation with its themes but no row and no introduction (as above)."""
    themes = tuple(replace(theme, rows=()) for theme in compilation.themes)
    return replace(compilation, themes=themes, introduction=())
