"""A compilation's model -> its HTML, through the same frame and writers as reports."""

from __future__ import annotations

from rapporteur.model.compilation import Compilation
from rapporteur.render.environment import environment
from rapporteur.render.stylesheets import WHOLE, Part, stylesheets
from rapporteur.render.typography import typeset

# The status edition's shading of a row by its state, written into the HTML's style
# attributes so that the PDF and the DOCX (write.docx.background) show the same greys;
# both are light enough to read black text on, and distinct when printed in black (the
# header row is not shaded, so that neither is taken for it).
STATE_SHADES = {"agreed": "#bfbfbf", "agreed-ad-referendum": "#e3e3e3"}


def render_compilation_html(compilation: Compilation, part: Part = WHOLE) -> str:
    """The whole compilation, or one part of it (``compilation.part(...)``) for pdf_parts."""
    template = environment(compilation.lang).get_template("compilation.html.j2")
    html = template.render(document=compilation, notes={}, shades=STATE_SHADES, **stylesheets(part))
    return typeset(html, compilation.front.language)
