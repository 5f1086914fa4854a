"""The stylesheets a document inlines, and what a layout told about its pages.

A long compilation's PDF is laid out part by part (rapporteur.write.pdf_parts); each
part is a document of its own that goes on from a given page. Only the first part has
a first page; the others set their page counter and the side of their first page.

A report whose numbered notes fall on page 1 is laid out again with those notes in
the first-page footer, after the asterisk note (rapporteur.write.pdf_page_one).
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path

from markupsafe import Markup

from rapporteur.paths import TEMPLATES_DIR

REPORT_CSS = TEMPLATES_DIR / "report.css"
FIRST_PAGE_CSS = TEMPLATES_DIR / "first-page.css"


@dataclass(frozen=True)
class Part:
    """The stretch of a document one rendering holds: from ``first_page``, to the end or not."""

    first_page: int = 1
    last: bool = True
    # the whole document's pages, for "3/9" in a part's footers (a part knows its own only)
    total_pages: int | None = None

    @property
    def first(self) -> bool:
        return self.first_page == 1


WHOLE = Part()


@dataclass(frozen=True)
class PageOne:
    """Numbered notes called on page 1, to print in its footer, and the footer's height."""

    notes: tuple[str, ...] = ()  # note ids
    margin_bottom_mm: float = 0.0


FLOATED = PageOne()  # every numbered note floats to the foot of its page


def stylesheets(part: Part = WHOLE, page_one: PageOne = FLOATED) -> dict[str, object]:
    """Template variables: the stylesheet (inlined, so the HTML stands alone), the part
    and the page-1 notes."""
    css = _read(REPORT_CSS)
    if part.first:
        css += "\n" + _read(FIRST_PAGE_CSS)
    return {"stylesheet": Markup(css), "part": part, "page_one": page_one}


@cache
def _read(path: Path) -> str:
    # Once per process: a long compilation renders its HTML once per part.
    return path.read_text(encoding="utf-8")
