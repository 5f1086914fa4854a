"""Redlines between two revisions: per meeting and language, a summary and documents."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass

from rapporteur.build.produce import Product, write_format
from rapporteur.build.targets import DOCUMENT_FORMATS, Target
from rapporteur.load.compilation_checks import compilation_languages
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.compile import assemble_compilation
from rapporteur.model.document import Redline
from rapporteur.render.compilation_html import render_compilation_html
from rapporteur.render.report_html import render_report_html
from rapporteur.review.compare import redline_report
from rapporteur.review.compare_compilation import redline_compilation
from rapporteur.review.revisions import Revision


@dataclass(frozen=True)
class RedlineResult:
    meeting_id: str  # or the compilation's id
    lang: str
    summary: list[str]
    products: list[Product]


def redlines(
    base: tuple[Revision, Library],
    head: tuple[Revision, Library],
    meetings: Iterable[str] = (),
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
    compilations: Iterable[str] = (),
) -> list[RedlineResult]:
    """Redlines of every meeting (and compilation) both revisions have, as asked.

    Naming meetings or compilations compares only those, as for build.
    """
    (base_rev, base_lib), (head_rev, head_lib) = base, head
    meetings, langs, compilations = list(meetings), list(langs), list(compilations)
    chosen = bool(meetings or compilations)
    formats = [f for f in DOCUMENT_FORMATS if not list(formats) or f in formats]
    redline = Redline(_name(base_rev), _name(head_rev), head_rev.author, head_rev.date)
    results = []
    for comp_id in head_lib.compilations:
        if (chosen and comp_id not in compilations) or comp_id not in base_lib.compilations:
            continue
        for lang in compilation_languages(head_lib, head_lib.compilations[comp_id]):
            if (langs and lang not in langs) or lang not in compilation_languages(
                base_lib, base_lib.compilations[comp_id]
            ):
                continue
            document, summary = redline_compilation(
                assemble_compilation(base_lib, comp_id, lang),
                assemble_compilation(head_lib, comp_id, lang),
                redline,
            )
            html = render_compilation_html(document)
            products = [
                write_format(Target("redline", comp_id, lang, fmt), html) for fmt in formats
            ]
            results.append(RedlineResult(comp_id, lang, summary, products))
    for meeting_id, meeting in head_lib.meetings.items():
        if (chosen and meeting_id not in meetings) or meeting_id not in base_lib.meetings:
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
