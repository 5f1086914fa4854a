"""What ``./dev check`` prints once content is valid: one line per meeting and language,
and what each compilation's adopted list leaves out."""

from __future__ import annotations

from dataclasses import dataclass

from rapporteur.catalogs import catalog_warnings
from rapporteur.diagnostics import Diagnostic
from rapporteur.load.content import Library
from rapporteur.load.placeholders import placeholder_warnings
from rapporteur.load.restated_dates import restated_dates
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
    warnings += list(library.warnings)
    warnings += placeholder_warnings(library)
    warnings += restated_dates(library)
    warnings += catalog_warnings(library.languages.record)
    return rows, warnings


def adopted_lists(library: Library) -> list[str]:
    """For each compilation, in its original language: whether its adopted list is made,
    how many items it adopts, and the items under a lead-in that are left out because
    they were not agreed while others of the same list were."""
    from rapporteur.model.compile import assemble_compilation

    lines = []
    for compilation in library.compilations.values():
        record = compilation.compilation.record
        if record.adopted is None:
            lines.append(
                f"{compilation.id}: no adopted list is made (compilation.yaml has no adopted: "
                "block with its symbol and date)"
            )
            continue
        rows = assemble_compilation(library, compilation.id, record.original_language).rows()
        agreed = [row for row in rows if row.state == "agreed"]
        lines.append(
            f"{compilation.id}: adopted list {record.adopted.symbol}: "
            f"{len(agreed)} of {len(rows)} items agreed"
        )
        taken = {row.lead_in for row in agreed if row.lead_in}
        for row in rows:
            if row.lead_in in taken and row.state != "agreed":
                where = f"{row.source.symbol}, para. {row.source.reference}" if row.source else ""
                lines.append(
                    f"  left out from under its lead-in: No. {row.number} '{row.id}' "
                    f"({where}), {row.state}"
                )
    return lines
