"""A compilation's model -> its HTML, through the same frame and writers as reports."""

from __future__ import annotations

from markupsafe import Markup

from rapporteur.model.compilation import Compilation
from rapporteur.render.environment import environment
from rapporteur.render.report_html import STYLESHEET


def render_compilation_html(compilation: Compilation) -> str:
    template = environment(compilation.lang).get_template("compilation.html.j2")
    return template.render(
        document=compilation,
        notes={},
        stylesheet=Markup(STYLESHEET.read_text(encoding="utf-8")),
    )
