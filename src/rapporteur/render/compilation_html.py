"""A compilation's model -> its HTML, through the same frame and writers as reports."""

from __future__ import annotations

from rapporteur.model.compilation import Compilation
from rapporteur.render.environment import environment
from rapporteur.render.stylesheets import WHOLE, Part, stylesheets


def render_compilation_html(compilation: Compilation, part: Part = WHOLE) -> str:
    """The whole compilation, or one part of it (``compilation.part(...)``) for pdf_parts."""
    template = environment(compilation.lang).get_template("compilation.html.j2")
    return template.render(document=compilation, notes={}, **stylesheets(part))
