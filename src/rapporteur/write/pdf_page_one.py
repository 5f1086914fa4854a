"""A report's PDF with page 1's numbered notes under the asterisk note, as on UN documents.

Page 1 of a UN document prints its notes under one short rule: the asterisk note of
the provisional agenda first, then any numbered notes. The asterisk note cannot float
with the others (WeasyPrint moves it to a later page, issue 1564), so it stands in the
first-page footer, below the floated notes. When a first layout puts numbered notes on
page 1, the report is laid out again with those notes in the footer too, after the
asterisk note, and the footer made taller by the height their footnote area had, so
page 1 keeps its lines. Should a call then leave page 1, the first layout stands.

The second layout costs a second rendering, paid only by reports with both an
asterisk note and numbered notes on page 1. (Laying out page 1 alone would need the
HTML cut after page 1's last block, and id-less headings make that cut uncertain.)
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from typing import Any

from rapporteur.model.document import Note
from rapporteur.render.stylesheets import FLOATED, PageOne
from rapporteur.write.pdf import RenderedPdf, few_full_collections, render_document

PX_TO_MM = 25.4 / 96  # WeasyPrint lays out in CSS pixels


def write_report_pdf(render: Callable[[PageOne], str], notes: Sequence[Note]) -> RenderedPdf:
    """The PDF of a report whose HTML ``render(page_one)`` gives.

    ``notes``: the numbered notes that may move to page 1's footer (none when page 1
    has no asterisk note: floated notes are then in UN order already).
    """
    with few_full_collections():
        document = render_document(render(FLOATED))
        first_page = document.pages[0]
        on_page_one = [note for note in notes if note.anchor in first_page.anchors]
        if on_page_one:
            margin = _footer_and_notes_height(first_page) * PX_TO_MM
            again = render_document(render(PageOne(tuple(n.id for n in on_page_one), margin)))
            if all(note.call_anchor in again.pages[0].anchors for note in on_page_one):
                document = again
        return RenderedPdf(document.write_pdf(), len(document.pages))


def _footer_and_notes_height(page: Any) -> float:
    """The page's bottom margin and its footnote area together, in CSS pixels."""
    from weasyprint.formatting_structure.boxes import FootnoteAreaBox

    box = page._page_box  # WeasyPrint keeps the laid-out page box here
    area = next(child for child in box.children if isinstance(child, FootnoteAreaBox))
    return box.margin_bottom + area.margin_height()
