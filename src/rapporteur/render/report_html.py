"""A meeting report's document model -> its HTML, the form every writer reads."""

from __future__ import annotations

from rapporteur.model.document import Report
from rapporteur.render.environment import environment
from rapporteur.render.stylesheets import FLOATED, WHOLE, PageOne, stylesheets
from rapporteur.render.typography import typeset


def render_report_html(report: Report, page_one: PageOne = FLOATED) -> str:
    template = environment(report.lang).get_template("report.html.j2")
    html = template.render(
        document=report,
        notes={note.id: note for note in report.notes},
        **stylesheets(WHOLE, page_one),
    )
    return typeset(html, report.front.language)
