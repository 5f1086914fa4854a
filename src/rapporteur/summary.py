"""What ``./dev check`` prints once content is valid: one line per meeting and language."""

from __future__ import annotations

from dataclasses import dataclass

from rapporteur.diagnostics import Diagnostic
from rapporteur.load.content import Library
from rapporteur.model import document as doc
from rapporteur.model.assemble import assemble_report
from rapporteur.model.plaintext import all_text
from rapporteur.text import word_count

# DGACM word limits; footnotes and headings count. They bind the original language.
SECRETARIAT_LIMIT = 8_500
OTHER_LIMIT = 10_700


@dataclass(frozen=True)
class ReportSummary:
    meeting_id: str
    lang: str
    symbol: str
    paragraphs: int
    recommendations: int
    nested: int
    words: int
    is_original: bool


def recommendation_items(report: doc.Report) -> list[doc.Item]:
    """The lettered items under the recommendations chapter, without nested items."""
    return [
        item
        for chapter in report.chapters
        if chapter.kind == "recommendations"
        for section in chapter.sections
        for paragraph in section.paragraphs
        for item in paragraph.items
    ]


def summarize(library: Library) -> tuple[list[ReportSummary], list[Diagnostic]]:
    rows: list[ReportSummary] = []
    warnings: list[Diagnostic] = []
    for meeting in library.meetings.values():
        record = meeting.meeting.record
        if record.specimen:  # a flag easily copied along with a meeting's folder
            warnings.append(
                Diagnostic(
                    meeting.meeting.at("specimen"),
                    f"{record.symbol} is a specimen: its documents carry the SPECIMEN "
                    "watermark (remove specimen: true for the real report)",
                    "warning",
                )
            )
        for lang in meeting.languages:
            report = assemble_report(library, meeting.id, lang)
            items = recommendation_items(report)
            row = ReportSummary(
                meeting_id=meeting.id,
                lang=lang,
                symbol=record.symbol,
                paragraphs=len(report.paragraphs()),
                recommendations=len(items),
                nested=sum(len(item.items) for item in items),
                words=sum(word_count(text) for text in all_text(report)),
                is_original=lang == record.original_language,
            )
            rows.append(row)
            if row.is_original and row.words > SECRETARIAT_LIMIT:
                limit = (
                    "the 10,700-word limit"
                    if row.words > OTHER_LIMIT
                    else ("the 8,500-word limit for Secretariat reports")
                )
                warnings.append(
                    Diagnostic(
                        meeting.meeting.at("symbol"),
                        f"{record.symbol} ({lang}) has {row.words:,} words, over {limit}; "
                        "a waiver is needed",
                        "warning",
                    )
                )
    return rows, warnings
