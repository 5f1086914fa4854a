"""Checks across files: ids, references, languages, terms, date ranges.

Runs only on content whose every file matched its schema, so it can trust types.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import suppress
from dataclasses import dataclass

from rapporteur.build.layout import ALL_LANGUAGES
from rapporteur.diagnostics import Diagnostic, Position, display_path
from rapporteur.load.content import LanguageContent, Library, MeetingContent, Sourced
from rapporteur.load.inline import MarkupError, NoteRef, parse_inline
from rapporteur.load.schema import (
    ORGANIZATION_SECTIONS,
    AgendaChapterFile,
    DateRange,
    Item,
    NestedItem,
    OrganizationFile,
    Paragraph,
    PlainChapterFile,
)
from rapporteur.load.yamlfile import LocPath

SORT_LANGUAGE = "en"  # the English names: the order of lists where list_order is "english"


@dataclass(frozen=True)
class Block:
    """A numbered paragraph, lettered item or nested item, where it stands."""

    record: Paragraph | Item | NestedItem
    parent: str | None
    source: Sourced
    loc: LocPath

    @property
    def id(self) -> str:
        return self.record.id


def paragraph_lists(record: object) -> Iterator[tuple[LocPath, list[Paragraph]]]:
    """Every list of paragraphs in a chapter fragment, in reading order."""
    if isinstance(record, PlainChapterFile):
        yield ("paragraphs",), record.paragraphs
    elif isinstance(record, AgendaChapterFile):
        yield ("paragraphs",), record.paragraphs
        for index, section in enumerate(record.sections):
            yield ("sections", index, "paragraphs"), section.paragraphs
    elif isinstance(record, OrganizationFile):
        for name in ORGANIZATION_SECTIONS:
            paragraphs = getattr(record, name)
            if paragraphs:
                yield (name,), paragraphs


def chapter_fragments(content: LanguageContent) -> list[Sourced]:
    return [
        content.introduction,
        content.recommendations,
        content.deliberations,
        content.organization,
        content.adoption,
    ]


def blocks(content: LanguageContent) -> Iterator[Block]:
    for source in chapter_fragments(content):
        for prefix, paragraphs in paragraph_lists(source.record):
            for p_index, paragraph in enumerate(paragraphs):
                p_loc = (*prefix, p_index)
                yield Block(paragraph, None, source, p_loc)
                for i_index, item in enumerate(paragraph.items):
                    i_loc = (*p_loc, "items", i_index)
                    yield Block(item, paragraph.id, source, i_loc)
                    for n_index, nested in enumerate(item.items):
                        n_loc = (*i_loc, "items", n_index)
                        yield Block(nested, item.id, source, n_loc)


def check(library: Library) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    languages = library.languages
    if ALL_LANGUAGES in languages.record.root:
        out.append(
            Diagnostic(
                languages.at(ALL_LANGUAGES, key=True),
                f"'{ALL_LANGUAGES}' cannot be a language here: it names the files made for "
                "every language (a compilation's XLSX and CSV)",
            )
        )
    for lang, spec in languages.record.root.items():
        if spec.masthead_language not in languages.record.root:
            out.append(
                Diagnostic(
                    languages.at(lang, "masthead_language"),
                    f"unknown language '{spec.masthead_language}'",
                )
            )
    if library.terms_loaded:
        out += _check_terms_alike(library)
    for meeting in library.meetings.values():
        out += _check_meeting(library, meeting)
    out += _check_symbols_unique(library)
    for comp_id, comp in library.compilations.items():
        if comp_id in library.meetings:
            out.append(
                Diagnostic(
                    Position(comp.folder, 1, 1),
                    f"compilation '{comp_id}' has the id of a meeting; their redlines "
                    "would be one file",
                )
            )
    return out


def _check_symbols_unique(library: Library) -> list[Diagnostic]:
    """A symbol names one document: two meetings or compilations, or a compilation and
    its adopted list, may not share one."""
    places: list[tuple[Sourced, tuple[str, ...], str]] = [
        (m.meeting, ("symbol",), m.meeting.record.symbol) for m in library.meetings.values()
    ]
    for c in library.compilations.values():
        record = c.compilation.record
        places.append((c.compilation, ("symbol",), record.symbol))
        if record.adopted:
            places.append((c.compilation, ("adopted", "symbol"), record.adopted.symbol))
    by_symbol: dict[str, list[tuple[Sourced, tuple[str, ...], str]]] = {}
    for place in places:
        by_symbol.setdefault(place[2], []).append(place)
    out = []
    for symbol, shared in by_symbol.items():
        for place in shared:
            source, key, _ = place
            others = ", ".join(
                display_path(other[0].file.path)
                + (f" ({': '.join(other[1])}:)" if other[0] is source else "")
                for other in shared
                if other is not place
            )
            if others:
                out.append(
                    Diagnostic(source.at(*key), f"symbol {symbol} is also the symbol of {others}")
                )
    return out


def _check_terms_alike(library: Library) -> list[Diagnostic]:
    out = []
    for lang, terms in library.terms.items():
        for other_lang, other in library.terms.items():
            if other_lang == lang:
                continue
            for group in ("states", "organizations", "bodies", "places"):
                mine, theirs = getattr(terms.record, group), getattr(other.record, group)
                for code in mine.keys() - theirs.keys():
                    out.append(
                        Diagnostic(
                            terms.at(group, code, key=True),
                            f"term '{code}' has no {other_lang} name in {other.file.path}",
                        )
                    )
    return out


def _check_meeting(library: Library, meeting: MeetingContent) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    m = meeting.meeting
    record = m.record
    known_languages = library.languages.record.root
    for lang in record.languages:
        if lang not in known_languages:
            out.append(
                Diagnostic(
                    m.at("languages", lang, key=True),
                    f"unknown language '{lang}' (not in content/languages.yaml)",
                )
            )
        if library.terms_loaded and lang not in library.terms:
            out.append(
                Diagnostic(
                    m.at("languages", lang, key=True),
                    f"language '{lang}' has no terms file content/terms/{lang}.yaml",
                )
            )
    if record.original_language not in known_languages:
        out.append(
            Diagnostic(m.at("original_language"), f"unknown language '{record.original_language}'")
        )
    for lang in record.job_numbers:
        if lang not in record.languages:
            out.append(
                Diagnostic(
                    m.at("job_numbers", lang, key=True),
                    f"job number for '{lang}', which is not one of the meeting's languages",
                )
            )
    if record.session:
        out += _check_range(m, ("session", "dates"), record.session.dates)
    out += _check_range(m, ("meeting", "dates"), record.meeting.dates)
    if library.terms_loaded:
        out += _check_terms_used(library, meeting)
    if not meeting.complete:
        return out  # ids and references need every language's fragments
    agenda_ids = _agenda_ids(m)
    out += _check_ids(meeting, agenda_ids)
    for content in meeting.languages.values():
        out += _check_language(meeting, content, agenda_ids)
    return out


def _check_range(source: Sourced, loc: LocPath, dates: DateRange) -> list[Diagnostic]:
    if dates.end < dates.start:
        return [
            Diagnostic(
                source.at_loc((*loc, "end")),
                f"date range ends ({dates.end}) before it starts ({dates.start})",
            )
        ]
    return []


def _check_terms_used(library: Library, meeting: MeetingContent) -> list[Diagnostic]:
    m = meeting.meeting
    r = m.record
    uses: list[tuple[LocPath, str, str]] = [
        (("meeting", "body"), "bodies", r.meeting.body),
        (("meeting", "venue"), "places", r.meeting.venue),
    ]
    if r.session:
        uses += [
            (("session", "body"), "bodies", r.session.body),
            (("session", "venue"), "places", r.session.venue),
        ]
    if r.organ:
        uses.append((("organ",), "bodies", r.organ))
    uses += [
        (("participation", "states", i), "states", c) for i, c in enumerate(r.participation.states)
    ]
    uses += [
        (("participation", "organizations", i), "organizations", c)
        for i, c in enumerate(r.participation.organizations)
    ]
    out = unknown_terms(library, m, uses, list(r.languages))
    seen: dict[tuple[str, str], LocPath] = {}
    for loc, group, code in uses:
        if group in {"states", "organizations"}:
            if (group, code) in seen:
                out.append(Diagnostic(m.at_loc(loc), f"'{code}' is listed twice in {group}"))
            seen[(group, code)] = loc
    return out


def unknown_terms(
    library: Library, source: Sourced, uses: list[tuple[LocPath, str, str]], langs: list[str]
) -> list[Diagnostic]:
    """Each (place, group, code) whose code has no name in one of ``langs``'s terms, or
    in English, whose order lists follow."""
    langs = [lang for lang in langs if lang in library.terms]
    if SORT_LANGUAGE in library.terms and SORT_LANGUAGE not in langs:
        langs.append(SORT_LANGUAGE)
    out = []
    for loc, group, code in uses:
        missing = [lang for lang in langs if code not in getattr(library.terms[lang].record, group)]
        if missing:
            out.append(
                Diagnostic(
                    source.at_loc(loc),
                    f"unknown term '{code}' in {group} (no name in: {', '.join(missing)})",
                )
            )
    return out


def _agenda_ids(m: Sourced) -> dict[str, LocPath]:
    ids: dict[str, LocPath] = {}
    for i, item in enumerate(m.record.agenda):
        ids.setdefault(item.id, ("agenda", i, "id"))
        for j, sub in enumerate(item.items):
            ids.setdefault(sub.id, ("agenda", i, "items", j, "id"))
    return ids


def _check_ids(meeting: MeetingContent, agenda_ids: dict[str, LocPath]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    m = meeting.meeting
    seen_agenda: set[str] = set()
    for i, item in enumerate(m.record.agenda):
        for loc, id_ in [(("agenda", i, "id"), item.id)] + [
            (("agenda", i, "items", j, "id"), sub.id) for j, sub in enumerate(item.items)
        ]:
            if id_ in seen_agenda:
                out.append(Diagnostic(m.at_loc(loc), f"duplicate id '{id_}' in the agenda"))
            seen_agenda.add(id_)
    per_language: dict[str, list[Block]] = {}
    for lang, content in meeting.languages.items():
        found: dict[str, Block] = {}
        for block in blocks(content):
            if block.id in found or block.id in agenda_ids:
                first = found.get(block.id)
                where = (
                    f"{first.source.at_loc((*first.loc, 'id'))}"
                    if first
                    else f"{m.at_loc(agenda_ids[block.id])} (agenda)"
                )
                out.append(
                    Diagnostic(
                        block.source.at_loc((*block.loc, "id")),
                        f"duplicate id '{block.id}' (first used at {where})",
                    )
                )
            else:
                found[block.id] = block
        per_language[lang] = list(found.values())
    out += _check_alignment(per_language)
    return out


def _check_alignment(per_language: dict[str, list[Block]]) -> list[Diagnostic]:
    """Every language has the same ids, under the same parents, in the same order."""
    out: list[Diagnostic] = []
    langs = list(per_language)
    for lang in langs:
        mine = {b.id: b for b in per_language[lang]}
        for other in langs:
            if other == lang:
                continue
            theirs = {b.id: b for b in per_language[other]}
            for block in per_language[lang]:
                if block.id not in theirs:
                    out.append(
                        Diagnostic(
                            block.source.at_loc((*block.loc, "id")),
                            f"id '{block.id}' is missing in the '{other}' version",
                        )
                    )
                elif theirs[block.id].parent != block.parent:
                    out.append(
                        Diagnostic(
                            block.source.at_loc((*block.loc, "id")),
                            f"id '{block.id}' stands under '{block.parent}' here "
                            f"but under '{theirs[block.id].parent}' in '{other}'",
                        )
                    )
            if lang == langs[0]:
                shared_mine = [b for b in per_language[lang] if b.id in theirs]
                shared_theirs = [b for b in per_language[other] if b.id in mine]
                for a, b in zip(shared_mine, shared_theirs, strict=True):
                    if a.id != b.id:
                        out.append(
                            Diagnostic(
                                b.source.at_loc((*b.loc, "id")),
                                f"id '{b.id}' is out of order: the '{lang}' version "
                                f"has '{a.id}' at this place",
                            )
                        )
                        break
    return out


def _check_language(
    meeting: MeetingContent, content: LanguageContent, agenda_ids: dict[str, LocPath]
) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    notes = content.footnotes.record.root if content.footnotes else {}
    referenced: set[str] = set()

    def check_text(source: Sourced, loc: LocPath, text: str) -> None:
        try:
            spans = parse_inline(text)
        except MarkupError as exc:
            out.extend(Diagnostic(source.at_loc(loc), problem) for problem in exc.problems)
            return
        for span in spans:
            if isinstance(span, NoteRef):
                referenced.add(span.note)
                if span.note not in notes:
                    out.append(
                        Diagnostic(
                            source.at_loc(loc),
                            f"unknown footnote '{span.note}' (not in footnotes.yaml)",
                        )
                    )

    front = content.front
    check_text(front, ("title",), front.record.title)
    has_session = meeting.meeting.record.session is not None
    if front.record.agenda_item_title:
        check_text(front, ("agenda_item_title",), front.record.agenda_item_title)
        if not has_session:
            out.append(
                Diagnostic(
                    front.at("agenda_item_title", key=True),
                    "agenda_item_title, but meeting.yaml has no session",
                )
            )
    elif has_session:
        out.append(
            Diagnostic(
                front.at(),
                "missing required field 'agenda_item_title' (meeting.yaml has a session)",
            )
        )
    for item_id, title in content.agenda.record.root.items():
        check_text(content.agenda, (item_id,), title)
    for block in blocks(content):
        check_text(block.source, (*block.loc, "text"), block.record.text)
    if content.footnotes:
        for note_id, text in notes.items():
            check_text(content.footnotes, (note_id,), text)
            with suppress(MarkupError):
                out.extend(
                    Diagnostic(
                        content.footnotes.at(note_id),
                        f"footnote '{note_id}' calls footnote '{span.note}': a note "
                        "cannot have notes of its own",
                    )
                    for span in parse_inline(text)
                    if isinstance(span, NoteRef)
                )
    out += _check_agenda_titles(meeting, content, agenda_ids)
    out += _check_sections(content, agenda_ids)
    out += _check_inserts(meeting, content)
    if content.footnotes:
        for note_id in notes.keys() - referenced:
            out.append(
                Diagnostic(
                    content.footnotes.at(note_id, key=True),
                    f"footnote '{note_id}' is never referenced",
                    "warning",
                )
            )
    return out


def _check_agenda_titles(
    meeting: MeetingContent, content: LanguageContent, agenda_ids: dict[str, LocPath]
) -> list[Diagnostic]:
    out = []
    titles = content.agenda.record.root
    for id_ in titles.keys() - agenda_ids.keys():
        out.append(
            Diagnostic(
                content.agenda.at(id_, key=True),
                f"unknown agenda item '{id_}' (not in meeting.yaml's agenda)",
            )
        )
    for id_, loc in agenda_ids.items():
        if id_ not in titles:
            out.append(
                Diagnostic(
                    meeting.meeting.at_loc(loc),
                    f"agenda item '{id_}' has no title in {content.agenda.file.path}",
                )
            )
    return out


def _check_sections(content: LanguageContent, agenda_ids: dict[str, LocPath]) -> list[Diagnostic]:
    out = []
    for source in (content.recommendations, content.deliberations):
        used: set[str] = set()
        for index, section in enumerate(source.record.sections):
            loc = ("sections", index, "agenda_item")
            if section.agenda_item not in agenda_ids:
                out.append(
                    Diagnostic(source.at_loc(loc), f"unknown agenda item '{section.agenda_item}'")
                )
            elif section.agenda_item in used:
                out.append(
                    Diagnostic(
                        source.at_loc(loc), f"agenda item '{section.agenda_item}' has two sections"
                    )
                )
            used.add(section.agenda_item)
    return out


def _check_inserts(meeting: MeetingContent, content: LanguageContent) -> list[Diagnostic]:
    participation = meeting.meeting.record.participation
    available = {
        "states": bool(participation.states),
        "organizations": bool(participation.organizations),
        "attendance": any(participation.attendance.model_dump().values()),
        "agenda": True,
    }
    out = []
    for block in blocks(content):
        paragraph = block.record
        if not isinstance(paragraph, Paragraph):
            continue
        if paragraph.insert and not available[paragraph.insert]:
            out.append(
                Diagnostic(
                    block.source.at_loc((*block.loc, "insert")),
                    f"insert: {paragraph.insert}, but meeting.yaml's participation "
                    f"lists no {paragraph.insert}",
                )
            )
        if paragraph.insert and paragraph.items:
            out.append(
                Diagnostic(
                    block.source.at_loc((*block.loc, "items")),
                    "a paragraph with insert: cannot also have items",
                )
            )
    return out
