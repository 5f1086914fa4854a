"""Producing the bytes of each target: model -> HTML -> PDF and DOCX, each step done once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from rapporteur.build.targets import ALL_LANGUAGES, Target
from rapporteur.diagnostics import ContentError, Diagnostic
from rapporteur.load.compilation_checks import compilation_languages
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.compile import assemble_compilation
from rapporteur.render.compilation_html import render_compilation_html
from rapporteur.render.report_html import render_report_html


@dataclass(frozen=True)
class Product:
    target: Target
    data: bytes
    pages: int | None = None


def produce(library: Library, targets: list[Target]) -> Iterator[Product]:
    """The products of ``targets``; a document's HTML is rendered once for all formats.

    Content errors found while compiling (brackets left in an agreed item) are gathered
    over every document and raised together at the end.
    """
    problems: list[Diagnostic] = []
    for (kind, doc_id, lang), group in groupby(
        sorted(targets), key=lambda t: (t.kind, t.id, t.lang)
    ):
        if lang == ALL_LANGUAGES:
            yield from _exports(library, doc_id, list(group))
            continue
        try:
            if kind == "report":
                html = render_report_html(assemble_report(library, doc_id, lang))
            else:
                html = render_compilation_html(
                    assemble_compilation(library, doc_id, lang, adopted=kind == "adopted")
                )
        except ContentError as exc:
            problems += exc.diagnostics
            continue
        for target in group:
            yield write_format(target, html)
    if problems:
        raise ContentError(problems)


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
    from rapporteur.write.exports import write_csv, write_xlsx

    compilation = library.compilations[compilation_id]
    record = compilation.compilation.record
    by_lang = {
        lang: assemble_compilation(library, compilation_id, lang)
        for lang in compilation_languages(library, compilation)
    }
    for target in targets:
        if target.format == "xlsx":
            yield Product(
                target, write_xlsx(by_lang, record.original_language, record.date_of_issue)
            )
        else:
            yield Product(target, write_csv(by_lang, record.original_language))
