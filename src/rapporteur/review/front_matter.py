"""What a redline compares besides the blocks: the title and agenda-item title on page 1,
and documents or languages one revision has and the other not."""

from __future__ import annotations

from dataclasses import replace

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
    return front, lines


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
