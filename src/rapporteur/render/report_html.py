"""A meeting report's document model -> its HTML, the form every writer reads."""

from __future__ import annotations

from markupsafe import Markup

from rapporteur.model.document import Report
from rapporteur.paths import TEMPLATES_DIR
from rapporteur.render.environment import environment

STYLESHEET = TEMPLATES_DIR / "report.css"


def render_report_html(report: Report) -> str:
    template = environment(report.lang).get_template("report.html.j2")
    return template.render(
        document=report,
        notes={note.id: note for note in report.notes},
        # Inlined, so the HTML preview stands alone and the PDF engine fetches nothing.
        stylesheet=Markup(STYLESHEET.read_text(encoding="utf-8")),
    )
