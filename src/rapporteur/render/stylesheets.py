"""The stylesheets a document inlines, and which part of a long document is rendered.

A long compilation's PDF is laid out part by part (rapporteur.write.pdf_parts); each
part is a document of its own that goes on from a given page. Only the first part has
a first page; the others set their page counter and the side of their first page.
"""

from __future__ import annotations

from dataclasses import dataclass

from markupsafe import Markup

from rapporteur.paths import TEMPLATES_DIR

REPORT_CSS = TEMPLATES_DIR / "report.css"
FIRST_PAGE_CSS = TEMPLATES_DIR / "first-page.css"


@dataclass(frozen=True)
class Part:
    """The stretch of a document one rendering holds: from ``first_page``, to the end or not."""

    first_page: int = 1
    last: bool = True

    @property
    def first(self) -> bool:
        return self.first_page == 1


WHOLE = Part()


def stylesheets(part: Part = WHOLE) -> dict[str, object]:
    """Template variables: the stylesheet (inlined, so the HTML stands alone) and the part."""
    css = REPORT_CSS.read_text(encoding="utf-8")
    if part.first:
        css += "\n" + FIRST_PAGE_CSS.read_text(encoding="utf-8")
    return {"stylesheet": Markup(css), "part": part}
