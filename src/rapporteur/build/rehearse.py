"""Every document's model and HTML made in memory, nothing written: what ``check`` runs
so that content it passes cannot fail a build.

Some errors exist only once a document is put together (an agreed item whose amended
text still has [brackets] is an error of the adopted list); the writers after the HTML
take only what the HTML carries, and the loader's limits keep that writable.
"""

from __future__ import annotations

from rapporteur.build.layout import ALL_LANGUAGES
from rapporteur.build.produce import render_html, reported_as_content_error
from rapporteur.build.targets import plan
from rapporteur.diagnostics import ContentError, Diagnostic
from rapporteur.load.content import Library


def rehearse(library: Library) -> list[Diagnostic]:
    """The content errors a full build would meet, all of them."""
    problems: list[Diagnostic] = []
    documents = sorted({(t.kind, t.id, t.lang) for t in plan(library) if t.lang != ALL_LANGUAGES})
    for kind, doc_id, lang in documents:
        try:
            with reported_as_content_error(library, kind, doc_id):
                render_html(library, kind, doc_id, lang)
        except ContentError as exc:
            problems += exc.diagnostics
    return problems
