"""The model as plain text: label and text of every heading, paragraph and item.

Used to compare with the seed, to count words, and by reviewers' text diffs.
"""

from __future__ import annotations

from collections.abc import Iterator

from rapporteur.model import document as doc


def plain_text(content: doc.Content) -> str:
    parts = []
    for span in content:
        if isinstance(span, doc.Text):
            parts.append(span.text)
        elif isinstance(span, doc.SymbolLink):
            parts.append(span.symbol)
        else:
            parts.append(span.mark)
    return "".join(parts)


def body_lines(report: doc.Report) -> Iterator[tuple[str, str]]:
    """(label, text) for every chapter, section, paragraph and item, in reading order."""
    for chapter in report.chapters:
        yield chapter.label, chapter.title
        yield from _paragraph_lines(chapter.paragraphs)
        for section in chapter.sections:
            yield section.label, section.title
            yield from _paragraph_lines(section.paragraphs)


def _paragraph_lines(paragraphs: tuple[doc.Paragraph, ...]) -> Iterator[tuple[str, str]]:
    for paragraph in paragraphs:
        yield paragraph.label, plain_text(paragraph.content)
        yield from _item_lines(paragraph.items)


def _item_lines(items: tuple[doc.Item, ...]) -> Iterator[tuple[str, str]]:
    for item in items:
        yield item.label, plain_text(item.content)
        yield from _item_lines(item.items)


def all_text(report: doc.Report) -> Iterator[str]:
    """Every piece of text a reader sees, for word counts: headings and notes included."""
    yield plain_text(report.front.title)
    if report.front.corner.agenda_item_title:
        yield plain_text(report.front.corner.agenda_item_title)
    for label, text in body_lines(report):
        yield f"{label} {text}"
    for note in report.notes:
        yield plain_text(note.content)
