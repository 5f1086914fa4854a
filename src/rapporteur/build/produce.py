"""Producing the bytes of each target: model -> HTML -> PDF, each step done once."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass
from itertools import groupby

from rapporteur.build.targets import Target
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.render.report_html import render_report_html


@dataclass(frozen=True)
class Product:
    target: Target
    data: bytes
    pages: int | None = None


def produce(library: Library, targets: list[Target]) -> Iterator[Product]:
    """The products of ``targets``; a meeting and language's HTML is rendered once."""
    for (meeting_id, lang), group in groupby(sorted(targets), key=lambda t: (t.id, t.lang)):
        html = render_report_html(assemble_report(library, meeting_id, lang))
        for target in group:
            if target.format == "html":
                yield Product(target, html.encode("utf-8"))
            elif target.format == "pdf":
                from rapporteur.write.pdf import write_pdf

                pdf = write_pdf(html)
                yield Product(target, pdf.data, pdf.pages)
            elif target.format == "docx":
                from rapporteur.write.docx import write_docx

                yield Product(target, write_docx(html))
