"""Meetings and a compilation folder -> the compilation model in one language.

The rows are read off each meeting's own document model, so the provenance is the
numbering the meeting's report shows. Status comes from status.yaml only.
"""

from __future__ import annotations

import gettext
import itertools
from collections.abc import Iterator
from dataclasses import replace

from rapporteur.diagnostics import ContentError, Diagnostic
from rapporteur.i18n import translations
from rapporteur.load.content import CompilationContent, Library
from rapporteur.load.inline import NoteRef, parse_inline
from rapporteur.load.schema import (
    ItemStatus,
    LanguageSpec,
    Negotiation,
    NewItem,
    Paragraph,
    StatusFile,
)
from rapporteur.model import document as doc
from rapporteur.model.assemble import assemble_report
from rapporteur.model.compilation import Compilation, Provenance, Row, ThemeTable
from rapporteur.model.marks import page_one_marks
from rapporteur.model.numbering import label
from rapporteur.model.plaintext import plain_text
from rapporteur.text import join_lines

_ = gettext.gettext  # marks source strings; translated per language below
# Items added during negotiations take the number they follow plus a Latin adverb.
ADDED_SUFFIXES = (
    _("bis"),
    _("ter"),
    _("quater"),
    _("quinquies"),
    _("sexies"),
    _("septies"),
    _("octies"),
    _("novies"),
    _("decies"),
)
ADOPTED_TITLE = _(
    "Conclusions and recommendations adopted by the Expert Group at its stocktaking meeting"
)


def content(raw: str) -> doc.Content:
    """Inline content of a compilation text (compilations carry no footnotes)."""
    return tuple(span for span in parse_inline(join_lines(raw)) if not isinstance(span, NoteRef))


def _without_notes(spans: doc.Content) -> doc.Content:
    """A report's item as a row: the table, like its amended texts, has no footnotes,
    so the calls of the report's notes are left out (the report keeps them)."""
    return tuple(span for span in spans if not isinstance(span, doc.NoteCall))


def assemble_compilation(
    library: Library, compilation_id: str, lang: str, edition: str = "status"
) -> Compilation:
    """One edition (model.compilation.EDITIONS) of a compilation in one language."""
    comp = library.compilations[compilation_id]
    record = comp.compilation.record
    spec = library.languages.record.root[lang]
    messages = translations(lang)
    text = comp.texts[lang].record
    meetings = [library.meetings[m] for m in record.meetings]
    terms = library.terms[lang].record
    adopted = edition == "adopted"
    issue = record.adopted if adopted and record.adopted else record
    if adopted:
        title = content(text.adopted_title or messages.gettext(ADOPTED_TITLE))
    else:
        title = content(text.title)
    front = doc.Front(
        lang=lang,
        language=spec,
        masthead_language=library.languages.record.root[spec.masthead_language],
        specimen=any(m.meeting.record.specimen for m in meetings),
        unofficial=any(m.meeting.record.languages[lang] == "unofficial" for m in meetings),
        masthead=doc.Masthead(
            symbol=issue.symbol,
            organ=None,
            distribution=issue.distribution,
            date_of_issue=issue.date_of_issue,
            language=lang,
            original_language=record.original_language,
            job_number=None,
            language_letter=spec.letter,
        ),
        corner=doc.CornerNotation(
            body=terms.bodies[record.meeting.body],
            dates=doc.DateSpan(record.meeting.dates.start, record.meeting.dates.end),
            venue=terms.places[record.meeting.venue],
        ),
        title=title,
        marks=page_one_marks(library, lang),
    )
    introduction = () if adopted else tuple(_introduction(text.introduction, spec))
    # The edition as issued is the document of its date of issue: no status, no item
    # proposed since, every text as its report has it.
    status = comp.status.record if comp.status and edition != "issued" else None
    themes = _themes(library, comp, lang, messages, status)
    if adopted:
        themes = _adopted(comp, themes, lang, spec)
    return Compilation(
        compilation_id,
        front,
        introduction,
        tuple(themes),
        status.as_of if status else None,
        edition,
        sources=not adopted or bool(record.adopted and record.adopted.sources),
    )


def _introduction(paragraphs: list[Paragraph], spec) -> Iterator[doc.Paragraph]:
    for number, paragraph in enumerate(paragraphs, start=1):
        yield doc.Paragraph(
            paragraph.id,
            number,
            spec.in_own_digits(label(number, spec.labels.paragraph)),
            content(paragraph.text),
        )


def _themes(
    library: Library,
    comp: CompilationContent,
    lang: str,
    messages: gettext.NullTranslations,
    status: StatusFile | None,
) -> list[ThemeTable]:
    record = comp.compilation.record
    spec = library.languages.record.root[lang]
    reports = {m: assemble_report(library, m, lang) for m in record.meetings}
    entries: dict[str, ItemStatus] = status.items if status else {}
    added: dict[str, list[NewItem]] = {}
    for new in status.new if status else []:
        added.setdefault(new.after, []).append(new)
    counter = itertools.count(1)
    tables: list[tuple[str, str, list[Row]]] = []
    for theme in record.themes:
        rows: list[Row] = []
        for source in theme.sources:
            report = reports[source.meeting]
            symbol = report.front.masthead.symbol
            for paragraph, labels, item, lead_in in _recommendations(report, source.agenda_item):
                number = str(next(counter))
                entry = entries.get(item.id, ItemStatus())
                amended = entry.text.get(lang)
                reported = _without_notes(item.content)
                rows.append(
                    Row(
                        item.id,
                        number,
                        content(amended) if amended else reported,
                        entry.state,
                        Provenance(symbol, paragraph.number, labels),
                        amended=bool(amended),
                        original=reported if amended else None,
                        lead_in=lead_in,
                        **_negotiation(entry),
                    )
                )
                for suffix, new in zip(ADDED_SUFFIXES, added.get(item.id, []), strict=False):
                    rows.append(
                        Row(
                            new.id,
                            f"{number} {messages.gettext(suffix)}",
                            content(new.text[lang]),
                            new.state,
                            None,
                            **_negotiation(new),
                        )
                    )
        tables.append((theme.id, comp.texts[lang].record.themes[theme.id], rows))
    numbers = {row.id: row.number for _, _, rows in tables for row in rows}
    merges = {k: v.into for k, v in entries.items() if v.into}
    merges |= {n.id: n.into for n in (status.new if status else []) if n.into}
    return [
        ThemeTable(
            theme_id,
            spec.in_own_digits(label(index, spec.labels.section)),
            title,
            tuple(
                replace(r, merged_into=numbers.get(merges[r.id]), merged_into_id=merges[r.id])
                if r.id in merges
                else r
                for r in rows
            ),
        )
        for index, (theme_id, title, rows) in enumerate(tables, start=1)
    ]


def _negotiation(entry: Negotiation) -> dict:
    return {
        "proposed_by": tuple(entry.proposed_by),
        "supported_by": tuple(entry.supported_by),
        "comments": join_lines(entry.comments) if entry.comments else None,
    }


def _recommendations(
    report: doc.Report, agenda_item: str
) -> Iterator[tuple[doc.Paragraph, tuple[str, ...], doc.Item, str | None]]:
    """Each item of the agenda item's recommendations, with its labels and, for a nested
    item, the id of the item that leads in to it."""
    for chapter in report.chapters:
        if chapter.kind != "recommendations":
            continue
        for section in chapter.sections:
            if section.agenda_item != agenda_item:
                continue
            for paragraph in section.paragraphs:
                for item in paragraph.items:
                    yield paragraph, (item.label,), item, None
                    for nested in item.items:
                        yield paragraph, (item.label, nested.label), nested, item.id


def _adopted(
    comp: CompilationContent, themes: list[ThemeTable], lang: str, spec: LanguageSpec
) -> list[ThemeTable]:
    """Only agreed items, renumbered; every theme keeps its letter (one with nothing
    agreed says so); any [bracket] left in them is an error.

    A nested item keeps its lead-in: the item it completes stands before it, numbered,
    and shown for context when it was not agreed itself; the nested items agreed are
    labelled under it as the language labels a paragraph's items.
    """
    problems: list[Diagnostic] = []
    counter = itertools.count(1)
    kept: list[ThemeTable] = []
    for theme in themes:
        by_id = {row.id: row for row in theme.rows}
        rows: list[Row] = []
        under: dict[str, Iterator[int]] = {}  # lead-in id -> its adopted items' ordinals
        for row in theme.rows:
            if row.state != "agreed":
                continue
            shown = plain_text(row.content)
            if "[" in shown or "]" in shown:
                problems.append(
                    Diagnostic(
                        _status_position(comp, row.id, lang),
                        f"item '{row.id}' (No. {row.number}) is agreed but its "
                        f"{lang} text still has [brackets]",
                    )
                )
            adopted = Row(row.id, "", row.content, row.state, row.source, amended=row.amended)
            lead = by_id.get(row.lead_in)  # None for an item with no lead-in
            if lead is None:
                rows.append(replace(adopted, number=str(next(counter))))
                continue
            if lead.id not in under:
                under[lead.id] = itertools.count(1)
                if lead.state != "agreed":
                    rows.append(_as_context(lead, str(next(counter))))
            ordinal = next(under[lead.id])
            rows.append(
                replace(
                    adopted,
                    lead_in=lead.id,
                    label=spec.in_own_digits(label(ordinal, spec.labels.item)),
                )
            )
        # every theme, with its letter as in the workplan, agreed rows or none
        rows = _punctuated(rows, spec.list_punctuation.between, spec.list_punctuation.end)
        kept.append(ThemeTable(theme.id, theme.label, theme.title, tuple(rows)))
    if problems:
        raise ContentError(problems)
    return kept


def _as_context(lead: Row, number: str) -> Row:
    return Row(lead.id, number, lead.content, lead.state, lead.source, context=True)


def _punctuated(rows: list[Row], between: str, end: str) -> list[Row]:
    """The adopted items read as one list: each ends as an item between others does
    (";"), the last with the list's full stop. A lead-in (":") keeps its own ending."""
    out = []
    for index, row in enumerate(rows):
        last = index == len(rows) - 1
        wanted, unwanted = (end, between) if last else (between, end)
        out.append(replace(row, content=with_final(row.content, unwanted, wanted)))
    return out


def with_final(spans: doc.Content, unwanted: str, wanted: str) -> doc.Content:
    """``spans`` ending in ``wanted`` where they ended in ``unwanted``."""
    if not spans or not isinstance(spans[-1], doc.Text):
        return spans
    text = spans[-1].text.rstrip()
    if not text.endswith(unwanted):
        return spans
    return (*spans[:-1], doc.Text(text.removesuffix(unwanted) + wanted))


def _status_position(comp: CompilationContent, item_id: str, lang: str):
    """Where an item's text in ``lang`` is in status.yaml: its amended text there, or
    (it has none) the nearest part of its entry that exists, where one would add it."""
    assert comp.status is not None
    status = comp.status
    if item_id in status.record.items:
        return status.at("items", item_id, "text", lang)
    index = next(i for i, n in enumerate(status.record.new) if n.id == item_id)
    return status.at("new", index, "text", lang)
