"""Redlines between two revisions: per meeting and language, a summary and documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapporteur.build.produce import Product, write_format
from rapporteur.build.targets import DOCUMENT_FORMATS, Target
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.document import Redline
from rapporteur.render.report_html import render_report_html
from rapporteur.review.compare import redline_report
from rapporteur.review.revisions import Revision


@dataclass(frozen=True)
class RedlineResult:
    meeting_id: str
    lang: str
    summary: list[str]
    products: list[Product]


def redlines(
    base: tuple[Revision, Library],
    head: tuple[Revision, Library],
    meetings: Iterable[str] = (),
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
) -> list[RedlineResult]:
    (base_rev, base_lib), (head_rev, head_lib) = base, head
    meetings, langs = list(meetings), list(langs)
    formats = [f for f in DOCUMENT_FORMATS if not list(formats) or f in formats]
    redline = Redline(_name(base_rev), _name(head_rev), head_rev.author, head_rev.date)
    results = []
    for meeting_id, meeting in head_lib.meetings.items():
        if (meetings and meeting_id not in meetings) or meeting_id not in base_lib.meetings:
            continue
        for lang in meeting.languages:
            if (langs and lang not in langs) or lang not in base_lib.meetings[meeting_id].languages:
                continue
            report, summary = redline_report(
                assemble_report(base_lib, meeting_id, lang),
                assemble_report(head_lib, meeting_id, lang),
                redline,
            )
            html = render_report_html(report)
            products = [
                write_format(Target("redline", meeting_id, lang, fmt), html) for fmt in formats
            ]
            results.append(RedlineResult(meeting_id, lang, summary, products))
    return results


def _name(revision: Revision) -> str:
    return revision.name if revision.commit is None else f"{revision.name} ({revision.commit[:10]})"
