"""A long document's PDF, laid out part by part so that memory stays bounded.

WeasyPrint keeps the layout of every page until the PDF is written: about 2 MB a
page, 2.7 GB for a compilation of 1,500 pages. Here the document is rendered in parts
of at most ``units_per_part`` units (the anchors where a page may start: a
compilation's headings and rows). The last page of a part is dropped and laid out
again as the first page of the next part, so every page breaks where it would in the
whole document; each part goes on with the page number and page side where the last
one stopped. pypdf joins the parts' pages under one outline.
"""

from __future__ import annotations

import gc
import io
from collections.abc import Callable, Sequence
from dataclasses import dataclass, replace
from pathlib import Path
from typing import Any

from rapporteur.paths import TEMPLATES_DIR
from rapporteur.render.stylesheets import Part
from rapporteur.write.pdf import RenderedPdf, few_full_collections, render_document

# About 130 pages of a compilation (some 300 MB of layout) per part.
UNITS_PER_PART = 1_000
PX_TO_PT = 0.75  # WeasyPrint lays out in CSS pixels; PDF coordinates are points


@dataclass(frozen=True)
class Bookmark:
    level: int
    label: str
    page: int  # index in the whole document
    x: float  # points from the left
    y: float  # points from the bottom, as PDF destinations have it


@dataclass(frozen=True)
class _RenderedPart:
    data: bytes
    pages: int
    bookmarks: tuple[Bookmark, ...]
    start: int  # units[start:stop], as laid out in ``part``
    stop: int
    part: Part
    dropped_last: bool  # its last page laid out again as the next part's first


def write_pdf_parts(
    render_part: Callable[[int, int, Part], str],
    units: Sequence[str],
    units_per_part: int = UNITS_PER_PART,
    templates: Path = TEMPLATES_DIR,
) -> RenderedPdf:
    """The PDF of a document whose HTML ``render_part(start, stop, part)`` gives in parts.

    ``units``: the anchors (element ids) of the document in order; a part holds
    ``units[start:stop]``.
    """
    parts: list[_RenderedPart] = []
    start, size = 0, units_per_part
    while True:
        stop = min(start + size, len(units))
        first_page = 1 + sum(p.pages for p in parts)
        part = Part(first_page=first_page, last=stop == len(units))
        with few_full_collections():
            document = render_document(render_part(start, stop, part), templates)
            pages = document.pages
            next_start = None if part.last else _next_start(pages, units, start, stop)
            if not part.last and next_start is None:
                # One page only, or a row running onto the last page: take more units.
                size *= 2
                continue
            if next_start is not None:
                pages = pages[:-1]  # laid out again, as the next part's first page
            # a document in one part is written now; parts, once the total is known
            data = document.write_pdf() if part.last and not parts else b""
            bookmarks = _bookmarks(pages, first_page - 1)
            dropped = next_start is not None
            parts.append(_RenderedPart(data, len(pages), bookmarks, start, stop, part, dropped))
            del document, pages
        gc.collect()  # this part's layout (full of cycles) goes before the next is made
        if next_start is None:
            break
        start, size = next_start, units_per_part
    if len(parts) == 1:
        return RenderedPdf(parts[0].data, parts[0].pages)
    total = sum(p.pages for p in parts)
    # Each part's footers say "3/9" of the whole: laid out again, knowing the total, and
    # only then written (the footers are in the margins: the pages break where they did).
    # A document in parts is laid out twice; one in a single part, once.
    parts = [_with_total(render_part, rendered, total, templates) for rendered in parts]
    return RenderedPdf(_join(parts), total)


def _with_total(
    render_part: Callable[[int, int, Part], str],
    rendered: _RenderedPart,
    total: int,
    templates: Path,
) -> _RenderedPart:
    part = replace(rendered.part, total_pages=total)
    with few_full_collections():
        document = render_document(render_part(rendered.start, rendered.stop, part), templates)
        pages = document.pages[:-1] if rendered.dropped_last else document.pages
        if len(pages) != rendered.pages:
            raise RuntimeError("a part laid out again broke its pages elsewhere")
        data = (document if pages is document.pages else document.copy(pages)).write_pdf()
    gc.collect()
    return replace(rendered, data=data)


def _next_start(pages: list[Any], units: Sequence[str], start: int, stop: int) -> int | None:
    """The first unit on the last page, where the next part starts; None if there is none.

    A part must keep at least one page: with one page, or with only its own first
    unit on the last page, there is nowhere to cut. Nor is there when a unit runs on
    from an earlier page (a row longer than a page has its anchor on every page it
    spans): dropping the last page would lose its end.
    """
    if len(pages) < 2:
        return None
    earlier = set().union(*(page.anchors for page in pages[:-1]))
    last_page = pages[-1].anchors
    if any(units[i] in last_page and units[i] in earlier for i in range(start, stop)):
        return None
    return next((i for i in range(start + 1, stop) if units[i] in last_page), None)


def _bookmarks(pages: list[Any], offset: int) -> tuple[Bookmark, ...]:
    return tuple(
        Bookmark(level, label, offset + index, x * PX_TO_PT, (page.height - y) * PX_TO_PT)
        for index, page in enumerate(pages)
        for level, label, (x, y), _state in page.bookmarks
    )


def _join(parts: list[_RenderedPart]) -> bytes:
    from pypdf import PdfReader, PdfWriter
    from pypdf.generic import Fit

    writer = PdfWriter()
    readers = [PdfReader(io.BytesIO(part.data)) for part in parts]
    for reader in readers:
        writer.append(reader, import_outline=False)
    if readers[0].metadata:
        writer.add_metadata(dict(readers[0].metadata))
    parents: list[tuple[int, Any]] = []
    for mark in (mark for part in parts for mark in part.bookmarks):
        while parents and parents[-1][0] >= mark.level:
            parents.pop()
        item = writer.add_outline_item(
            title=mark.label,
            page_number=mark.page,
            parent=parents[-1][1] if parents else None,
            fit=Fit.xyz(left=mark.x, top=mark.y),
        )
        parents.append((mark.level, item))
    out = io.BytesIO()
    writer.write(out)
    return out.getvalue()
