"""The line pitch the PDF gives a language's body text, for the DOCX's exact spacing.

A CSS line box holds each font on the line with its half-leading around its own
ascent and descent. Fonts whose ascent and descent stand in other proportions (Noto
Serif CJK or Noto Naskh Arabic beside Liberation Serif) stack their boxes higher than
the line height: Chinese body lines are 15.5 pt apart in the PDF, not 10 pt × 1.45.
Word's exact spacing is the pitch itself, so the DOCX takes the PDF's: a few lines of
the document's own text laid out by WeasyPrint with the document's own stylesheet,
once per language and process.
"""

from __future__ import annotations

from collections.abc import Callable
from html import escape
from itertools import pairwise
from statistics import median

PROBE_SIZE_PT = 10
PROBE_CHARS = 400
_pitches: dict[tuple[str, ...], float] = {}


def pitch_ratio(
    key: tuple[str, ...], lang: str, direction: str, style: str, sample: Callable[[], str]
) -> float:
    """The distance between body lines over the type size, as WeasyPrint lays them out
    in ``style`` (the document's stylesheet); ``key`` says what it depends on (the
    language's fonts and line height); ``sample`` gives text to lay out, asked for only
    the first time."""
    if key not in _pitches:
        from weasyprint.formatting_structure.boxes import LineBox

        from rapporteur.write.pdf import few_full_collections, render_document

        html = (
            f'<html lang="{escape(lang)}" dir="{escape(direction)}"><head><style>{style}'
            f'</style></head><body><p style="width: 50mm; font-size: {PROBE_SIZE_PT}pt">'
            f"{escape(sample()[:PROBE_CHARS])}</p></body></html>"
        )
        with few_full_collections():
            page = render_document(html).pages[0]._page_box
        tops = [box.position_y for box in page.descendants() if isinstance(box, LineBox)]
        pitches = [b - a for a, b in pairwise(tops) if b > a]
        # CSS px to pt; one line only (a short sample): no more than the nominal height
        _pitches[key] = median(pitches) * 0.75 / PROBE_SIZE_PT if pitches else 0.0
    return _pitches[key]
