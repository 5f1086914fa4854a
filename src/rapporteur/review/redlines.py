"""Redlines between two revisions: per document and language, a summary and files."""

from __future__ import annotations

from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, replace
from typing import TypeVar

from rapporteur.build.parallel import in_workers
from rapporteur.build.produce import Product, html_of, pdf_of, write_format
from rapporteur.build.targets import DOCUMENT_FORMATS, Target, check_selection
from rapporteur.load.compilation_checks import compilation_languages
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.compilation import Compilation
from rapporteur.model.compile import assemble_compilation
from rapporteur.model.document import Change, Redline, Report
from rapporteur.review.attribution import last_changes
from rapporteur.review.changes_only import changed_only
from rapporteur.review.compare import redline_report
from rapporteur.review.compare_compilation import redline_compilation
from rapporteur.review.front_matter import without_blocks, without_rows
from rapporteur.review.revisions import Revision

T = TypeVar("T", Report, Compilation)

# (document id, language, a function making its redline document and change summary)
Comparison = tuple[str, str, Callable[[], tuple[Report | Compilation, list[str]]]]


@dataclass(frozen=True)
class RedlineResult:
    meeting_id: str  # or the compilation's id
    lang: str
    summary: list[str]
    products: list[Product]


def redlines(
    base: tuple[Revision, Library],
    head: tuple[Revision, Library],
    meetings: Iterable[str] = (),
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
    compilations: Iterable[str] = (),
    changes_only: bool = False,
    history: list[tuple[Library, Change]] | None = None,
    jobs: int = 1,
) -> list[RedlineResult]:
    """Redlines of every meeting and compilation both revisions have, as asked.

    Naming meetings or compilations compares only those, as for build; a name that
    the head revision does not have raises SelectionError. ``changes_only``: each
    redline shows only its changed blocks, with their lead-ins (review.changes_only).
    ``history``: the content after each commit from base to head (the head's last),
    with its author and date: each change of a report is attributed to its commit.
    ``jobs``: worker processes for the files (each changed document's PDF apart from
    its DOCX and HTML, so even one document's files are made side by side).
    """
    (base_rev, base_lib), (head_rev, head_lib) = base, head
    meetings, langs, compilations = list(meetings), list(langs), list(compilations)
    formats = list(formats)
    check_selection(head_lib, meetings, langs, formats, compilations, DOCUMENT_FORMATS)
    redline = Redline(
        _name(base_rev),
        _name(head_rev),
        head_rev.author,
        head_rev.date,
        base_author=base_rev.author,
        base_date=base_rev.date,
    )
    formats = [f for f in DOCUMENT_FORMATS if not list(formats) or f in formats]
    results = []
    # (result, document, formats): the files to make, the PDF a task of its own
    tasks: list[tuple[RedlineResult, Report | Compilation, list[str]]] = []
    for doc_id, lang, compare in _comparisons(
        base_lib, head_lib, redline, list(meetings), list(compilations), list(langs), history
    ):
        document, summary = compare()
        result = RedlineResult(doc_id, lang, summary, [])
        results.append(result)
        if not summary:
            continue  # a document without changes gets no redline: its summary says so
        if changes_only:
            document = changed_only(document)
        for part in (["pdf"], [f for f in formats if f != "pdf"]):
            if set(part) & set(formats):
                tasks.append((result, document, part))
    for index, made in in_workers(lambda i: _products(*tasks[i]), len(tasks), jobs):
        tasks[index][0].products.extend(made())
    for result in results:
        result.products.sort(key=lambda product: formats.index(product.target.format))
    return results


def _products(
    result: RedlineResult, document: Report | Compilation, formats: list[str]
) -> list[Product]:
    """The redline's files, made by the builds' own writers (the PDF too)."""
    html = html_of(document) if set(formats) - {"pdf"} else ""
    products = []
    for fmt in formats:
        target = Target("redline", result.meeting_id, result.lang, fmt)
        products.append(pdf_of(target, document) if fmt == "pdf" else write_format(target, html))
    return products


def _comparisons(
    base: Library,
    head: Library,
    redline: Redline,
    meetings: list[str],
    compilations: list[str],
    langs: list[str],
    history: list[tuple[Library, Change]] | None = None,
) -> Iterator[Comparison]:
    """Every document and language either revision has, as asked. One that only one
    revision has is compared with itself emptied: all its text added, or all deleted."""
    chosen = bool(meetings or compilations)

    def _sides(where: str, assemble: Callable[[Library], T], emptied: Callable[[T], T]):
        """Base and head of a document; the side that lacks it is the other emptied."""
        if where == "head":
            new = assemble(head)
            return emptied(new), new
        old = assemble(base)
        return old, (assemble(head) if where == "both" else emptied(old))

    def compilation(comp_id: str, lang: str, where: str) -> tuple[Compilation, list[str]]:
        old, new = _sides(where, lambda lib: assemble_compilation(lib, comp_id, lang), without_rows)
        document, summary = redline_compilation(old, new, redline)
        return _only_in(document, summary, where)

    def report(meeting_id: str, lang: str, where: str) -> tuple[Report, list[str]]:
        old, new = _sides(where, lambda lib: assemble_report(lib, meeting_id, lang), without_blocks)
        by = None
        if history is not None:  # the report after each commit that has it
            steps = [(old, None)] + [
                (new if library is head else assemble_report(library, meeting_id, lang), change)
                for library, change in history
                if lang in getattr(library.meetings.get(meeting_id), "languages", {})
            ]
            by = last_changes(steps)
        document, summary = redline_report(old, new, redline, by)
        return _only_in(document, summary, where)

    for make, named, (in_base, in_head) in (
        (
            compilation,
            compilations,
            (
                {c: compilation_languages(base, comp) for c, comp in base.compilations.items()},
                {c: compilation_languages(head, comp) for c, comp in head.compilations.items()},
            ),
        ),
        (
            report,
            meetings,
            (
                {m: list(meeting.languages) for m, meeting in base.meetings.items()},
                {m: list(meeting.languages) for m, meeting in head.meetings.items()},
            ),
        ),
    ):
        for doc_id in [*in_head, *(d for d in in_base if d not in in_head)]:
            if chosen and doc_id not in named:
                continue
            old_langs, new_langs = in_base.get(doc_id, []), in_head.get(doc_id, [])
            for lang in [*new_langs, *(la for la in old_langs if la not in new_langs)]:
                if langs and lang not in langs:
                    continue
                where = (
                    "both"
                    if lang in old_langs and lang in new_langs
                    else ("head" if lang in new_langs else "base")
                )
                yield doc_id, lang, lambda f=make, d=doc_id, la=lang, w=where: f(d, la, w)


def _only_in(document, summary: list[str], where: str):
    """A document only one revision has: its summary says so first (the cover too)."""
    if where == "both":
        return document, summary
    said = "added in the head revision" if where == "head" else "not in the head revision"
    summary = [said, *summary]
    return replace(document, redline=replace(document.redline, changes=tuple(summary))), summary


def _name(revision: Revision) -> str:
    return revision.name if revision.commit is None else f"{revision.name} ({revision.commit[:10]})"
