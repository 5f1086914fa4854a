"""Producing the bytes of each target: model -> HTML -> PDF and DOCX, each step done once."""

from __future__ import annotations

from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from itertools import groupby

from rapporteur.build.targets import ALL_LANGUAGES, Target
from rapporteur.diagnostics import ContentError, Diagnostic, Position
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.compilation import Compilation
from rapporteur.model.compile import assemble_compilation
from rapporteur.model.document import Report
from rapporteur.render.compilation_html import render_compilation_html
from rapporteur.render.report_html import render_report_html
from rapporteur.write.pdf import FetchRefused


@dataclass(frozen=True)
class Product:
    target: Target
    data: bytes
    pages: int | None = None
    inputs: str = ""  # the digest of what it was made from (build.inputs)
    roots: tuple[str, ...] = ()  # those inputs, relative to the repository


# A PDF costs about eight times the DOCX and HTML of the same document together.
PDF_WEIGHT = 8


def groups(
    targets: list[Target], size: Callable[[Target], int] = lambda t: 0
) -> list[list[Target]]:
    """The jobs of a build, the costliest first.

    The DOCX and HTML of a document share one HTML rendering; its PDF, the bulk of the
    work, is a job of its own, so two workers can share a large document. ``size``
    (of a target's inputs) estimates the cost; costliest first keeps the last job short.
    """
    jobs = [
        list(group)
        for _, group in groupby(
            sorted(targets), key=lambda t: (t.kind, t.id, t.lang, t.format == "pdf")
        )
    ]

    def cost(job: list[Target]) -> int:
        return sum(size(t) * (PDF_WEIGHT if t.format == "pdf" else 1) for t in job)

    return sorted(jobs, key=lambda job: (-cost(job), job))


def produce_group(library: Library, group: list[Target]) -> list[Product]:
    with reported_as_content_error(library, group[0].kind, group[0].id):
        return _produce_group(library, group)


@contextmanager
def reported_as_content_error(library: Library, kind: str, doc_id: str) -> Iterator[None]:
    """A failure the checks did not foresee still ends as one ``path:line:col`` line, at
    the document's own file, and never as a traceback; ``check`` meets it the same way.
    The environment's errors (OSError) and refused fetches keep their own reports."""
    try:
        yield
    except (ContentError, OSError, FetchRefused):
        raise
    except Exception as exc:
        source = (
            library.meetings[doc_id].folder / "meeting.yaml"
            if kind == "report"
            else library.compilations[doc_id].folder / "compilation.yaml"
        )
        what = " ".join(f"{type(exc).__name__}: {exc}".split())[:300]
        message = f"the {kind} '{doc_id}' cannot be made ({what}); content the checks let through"
        raise ContentError([Diagnostic(Position(source, 1, 1), message)]) from exc


def _produce_group(library: Library, group: list[Target]) -> list[Product]:
    kind, doc_id, lang = group[0].kind, group[0].id, group[0].lang
    if lang == ALL_LANGUAGES:
        return list(_exports(library, doc_id, group))
    document = assemble(library, kind, doc_id, lang)
    if group[0].format == "pdf":  # a PDF is a job of its own (groups)
        return [pdf_of(group[0], document)]
    html = html_of(document)
    return [write_format(target, html) for target in group]


# The edition (model.compilation.EDITIONS) each kind of a compilation folder is.
EDITION_OF_KIND = {"compilation": "issued", "status": "status", "adopted": "adopted"}


def assemble(library: Library, kind: str, doc_id: str, lang: str) -> Report | Compilation:
    """The document model of a report, or of one edition of a compilation."""
    if kind == "report":
        return assemble_report(library, doc_id, lang)
    return assemble_compilation(library, doc_id, lang, EDITION_OF_KIND[kind])


def render_html(library: Library, kind: str, doc_id: str, lang: str) -> str:
    """A document's HTML, which the DOCX and HTML writers read."""
    return html_of(assemble(library, kind, doc_id, lang))


def html_of(document: Report | Compilation) -> str:
    if isinstance(document, Report):
        return render_report_html(document)
    return render_compilation_html(document)


def pdf_of(target: Target, document: Report | Compilation) -> Product:
    """A document's PDF as a build makes it, whatever the document: a report with its
    page-1 notes in order, a compilation laid out in parts (redlines too)."""
    if isinstance(document, Report):
        return _report_pdf(target, document)
    return _compilation_pdf(target, document)


def _report_pdf(target: Target, report: Report) -> Product:
    """Page 1 laid out again when numbered notes fall under its asterisk note
    (write.pdf_page_one)."""
    from rapporteur.write.pdf_page_one import write_report_pdf

    movable = report.notes if report.front.corner.provisional_agenda else ()
    pdf = write_report_pdf(lambda page_one: render_report_html(report, page_one), movable)
    return Product(target, pdf.data, pdf.pages)


def _compilation_pdf(target: Target, compilation: Compilation) -> Product:
    """Laid out in parts: a compilation may run to thousands of pages (write.pdf_parts)."""
    from rapporteur.write.pdf_parts import write_pdf_parts

    pdf = write_pdf_parts(
        lambda start, stop, part: render_compilation_html(compilation.part(start, stop), part),
        compilation.units(),
    )
    return Product(target, pdf.data, pdf.pages)


def write_format(target: Target, html: str) -> Product:
    # Writers are imported on use: a build with nothing to write never loads them.
    if target.format == "pdf":
        from rapporteur.write.pdf import write_pdf

        pdf = write_pdf(html)
        return Product(target, pdf.data, pdf.pages)
    if target.format == "docx":
        from rapporteur.write.docx import write_docx

        return Product(target, write_docx(html))
    return Product(target, html.encode("utf-8"))


def _exports(library: Library, compilation_id: str, targets: list[Target]) -> Iterator[Product]:
    from rapporteur.model.tracking import tracking_sheet
    from rapporteur.write.exports import write_csv
    from rapporteur.write.workbook import write_workbook

    record = library.compilations[compilation_id].compilation.record
    sheet = tracking_sheet(library, compilation_id)
    for target in targets:
        if target.format == "xlsx":
            yield Product(target, write_workbook(sheet, record.date_of_issue))
        else:
            yield Product(target, write_csv(sheet.by_lang, record.original_language))
