"""Checks of compilations against the meetings they draw from, and of negotiation status."""

from __future__ import annotations

from collections.abc import Iterator

from rapporteur.diagnostics import Diagnostic, Position
from rapporteur.load.content import CompilationContent, Library, MeetingContent, Sourced
from rapporteur.load.crossrefs import unknown_terms
from rapporteur.load.inline import MarkupError, NoteRef, parse_inline
from rapporteur.load.schema import Item, Negotiation, NestedItem
from rapporteur.load.yamlfile import LocPath


def compilation_languages(library: Library, compilation: CompilationContent) -> list[str]:
    """The languages every one of its meetings has, in the first meeting's order."""
    meetings = [
        library.meetings[m]
        for m in compilation.compilation.record.meetings
        if m in library.meetings
    ]
    if not meetings:
        return []
    first, *rest = (list(m.meeting.record.languages) for m in meetings)
    return [lang for lang in first if all(lang in other for other in rest)]


def recommendation_items(
    meeting: MeetingContent, agenda_item: str | None = None
) -> Iterator[Item | NestedItem]:
    """The items and nested items of a meeting's recommendations, in its first language."""
    for _, _, item in located_items(meeting, agenda_item):
        yield item


def located_items(
    meeting: MeetingContent, agenda_item: str | None = None
) -> Iterator[tuple[Sourced, LocPath, Item | NestedItem]]:
    """The same, each with its file and its place there."""
    recommendations = next(iter(meeting.languages.values())).recommendations
    for s, section in enumerate(recommendations.record.sections):
        if agenda_item is None or section.agenda_item == agenda_item:
            for p, paragraph in enumerate(section.paragraphs):
                for i, item in enumerate(paragraph.items):
                    here = ("sections", s, "paragraphs", p, "items", i)
                    yield recommendations, here, item
                    for n, nested in enumerate(item.items):
                        yield recommendations, (*here, "items", n), nested


def check(library: Library) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    for compilation in library.compilations.values():
        out += _check_compilation(library, compilation)
    return out


def _check_compilation(library: Library, comp: CompilationContent) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    c = comp.compilation
    record = c.record
    if record.meeting.dates.end < record.meeting.dates.start:
        out.append(Diagnostic(c.at("meeting", "dates", "end"), "date range ends before it starts"))
    if record.original_language not in library.languages.record.root:
        message = f"unknown language '{record.original_language}' (not in languages.yaml)"
        out.append(Diagnostic(c.at("original_language"), message))
    if library.terms_loaded:
        uses = [
            (("meeting", "body"), "bodies", record.meeting.body),
            (("meeting", "venue"), "places", record.meeting.venue),
        ]
        out += unknown_terms(library, c, uses, list(library.languages.record.root))
    known: dict[str, MeetingContent] = {}
    for index, meeting_id in enumerate(record.meetings):
        if meeting_id in library.unloaded_meetings:
            return out  # its own errors are reported; nothing here can be checked
        if meeting_id not in library.meetings:
            out.append(Diagnostic(c.at("meetings", index), f"unknown meeting '{meeting_id}'"))
        elif meeting_id in known:
            out.append(
                Diagnostic(c.at("meetings", index), f"meeting '{meeting_id}' is listed twice")
            )
        elif not library.meetings[meeting_id].complete:
            return out  # its own errors are reported; nothing here can be checked
        else:
            known[meeting_id] = library.meetings[meeting_id]
    if len(known) < len(record.meetings):
        return out
    languages = compilation_languages(library, comp)
    for lang in languages:
        if lang not in comp.texts:
            out.append(
                Diagnostic(
                    c.at("meetings", key=True),
                    f"the compilation needs {comp.folder}/{lang}/text.yaml: "
                    f"all its meetings have '{lang}'",
                )
            )
    for lang, text in comp.texts.items():
        if lang not in languages:
            out.append(
                Diagnostic(
                    Position(text.file.path, 1, 1),
                    f"'{lang}' is not a language of every meeting compiled",
                )
            )
    out += _check_themes(comp, known)
    out += _check_texts(comp)
    out += _check_recommendation_ids(comp, known)
    if comp.status is not None:
        out += _check_status(comp, known, languages)
        out += _check_states_named(comp, library)
    return out


def _check_states_named(comp: CompilationContent, library: Library) -> list[Diagnostic]:
    """proposed_by and supported_by name States by their codes in terms.yaml."""
    assert comp.status is not None
    status = comp.status
    codes = {code for terms in library.terms.values() for code in terms.record.states}
    entries: list[tuple[tuple, Negotiation]] = [
        (("items", item_id), entry) for item_id, entry in status.record.items.items()
    ]
    entries += [(("new", index), new) for index, new in enumerate(status.record.new)]
    out = []
    for loc, entry in entries:
        for key in ("proposed_by", "supported_by"):
            for index, code in enumerate(getattr(entry, key)):
                if code not in codes:
                    out.append(
                        Diagnostic(
                            status.at(*loc, key, index),
                            f"{key}: unknown State '{code}' (not in terms.yaml's states)",
                        )
                    )
    return out


def _check_themes(comp: CompilationContent, known: dict[str, MeetingContent]) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    c = comp.compilation
    mapped: dict[tuple[str, str], tuple[int, int]] = {}
    theme_ids: set[str] = set()
    for t, theme in enumerate(c.record.themes):
        if theme.id in theme_ids:
            out.append(Diagnostic(c.at("themes", t, "id"), f"duplicate theme '{theme.id}'"))
        theme_ids.add(theme.id)
        for s, source in enumerate(theme.sources):
            here = ("themes", t, "sources", s)
            meeting = known.get(source.meeting)
            if meeting is None:
                out.append(
                    Diagnostic(
                        c.at(*here, "meeting"),
                        f"meeting '{source.meeting}' is not in this compilation's meetings",
                    )
                )
                continue
            agenda = {a.id for a in meeting.meeting.record.agenda} | {
                sub.id for a in meeting.meeting.record.agenda for sub in a.items
            }
            if source.agenda_item not in agenda:
                out.append(
                    Diagnostic(
                        c.at(*here, "agenda_item"),
                        f"meeting '{source.meeting}' has no agenda item '{source.agenda_item}'",
                    )
                )
            key = (source.meeting, source.agenda_item)
            if key in mapped:
                out.append(
                    Diagnostic(
                        c.at(*here),
                        f"agenda item '{source.agenda_item}' of "
                        f"'{source.meeting}' feeds two themes",
                    )
                )
            mapped[key] = (t, s)
    for index, meeting_id in enumerate(c.record.meetings):
        content = next(iter(known[meeting_id].languages.values()))
        for section in content.recommendations.record.sections:
            if (meeting_id, section.agenda_item) not in mapped:
                out.append(
                    Diagnostic(
                        c.at("meetings", index),
                        f"agenda item '{section.agenda_item}' of '{meeting_id}' "
                        "has recommendations but feeds no theme",
                    )
                )
    return out


def compilation_markup(source: Sourced, loc: LocPath, text: str) -> list[Diagnostic]:
    """Markup errors of a compilation's text, which can have no footnotes: a call would
    otherwise vanish from the table without a word."""
    try:
        spans = parse_inline(text)
    except MarkupError as exc:
        return [Diagnostic(source.at_loc(loc), problem) for problem in exc.problems]
    return [
        Diagnostic(
            source.at_loc(loc),
            f"footnote reference '[^{span.note}]': a compilation has no footnotes",
        )
        for span in spans
        if isinstance(span, NoteRef)
    ]


def _check_texts(comp: CompilationContent) -> list[Diagnostic]:
    out: list[Diagnostic] = []
    theme_ids = [t.id for t in comp.compilation.record.themes]
    for text in comp.texts.values():
        for theme_id in theme_ids:
            if theme_id not in text.record.themes:
                out.append(Diagnostic(text.at("themes"), f"theme '{theme_id}' has no title"))
        for theme_id in text.record.themes:
            if theme_id not in theme_ids:
                out.append(
                    Diagnostic(text.at("themes", theme_id, key=True), f"unknown theme '{theme_id}'")
                )
        out += compilation_markup(text, ("title",), text.record.title)
        for theme_id, title in text.record.themes.items():
            out += compilation_markup(text, ("themes", theme_id), title)
        for index, paragraph in enumerate(text.record.introduction):
            out += compilation_markup(text, ("introduction", index, "text"), paragraph.text)
    return out


def _check_recommendation_ids(
    comp: CompilationContent, known: dict[str, MeetingContent]
) -> list[Diagnostic]:
    """An id used in two meetings compiled together, at each place it is used: the
    status could not tell them apart."""
    # (positions are found only for an id used twice: finding one parses its file's
    # round-trip tree, which a check that passes never needs)
    places: dict[str, list[tuple[str, Sourced, tuple]]] = {}
    for meeting_id in comp.compilation.record.meetings:
        for source, loc, item in located_items(known[meeting_id]):
            places.setdefault(item.id, []).append((meeting_id, source, (*loc, "id")))
    out = []
    for item_id, where in places.items():
        meetings = sorted({meeting_id for meeting_id, _, _ in where})
        if len(meetings) > 1:
            out += [
                Diagnostic(
                    source.at(*loc),
                    f"recommendation id '{item_id}' is also used in "
                    f"{', '.join(repr(m) for m in meetings if m != meeting_id)}, compiled "
                    f"together in '{comp.folder.name}': its status could not tell them apart",
                )
                for meeting_id, source, loc in where
            ]
    return out


def _check_status(
    comp: CompilationContent, known: dict[str, MeetingContent], languages: list[str]
) -> list[Diagnostic]:
    assert comp.status is not None
    status = comp.status
    out: list[Diagnostic] = []
    existing = {
        item.id for m in comp.compilation.record.meetings for item in recommendation_items(known[m])
    }
    new_ids = [n.id for n in status.record.new]
    everything = existing | set(new_ids)
    states = {k: v.state for k, v in status.record.items.items()}
    states |= {n.id: n.state for n in status.record.new}

    def check_entry(
        loc: tuple, entry_id: str, state: str, into: str | None, text: dict[str, str]
    ) -> None:
        if state == "merged" and into is None:
            out.append(
                Diagnostic(
                    status.at(*loc), f"'{entry_id}' is merged but says not into what (add into: ID)"
                )
            )
        if into is not None:
            if state != "merged":
                out.append(
                    Diagnostic(
                        status.at(*loc, "into"), f"into: is only for state merged, not {state}"
                    )
                )
            elif into == entry_id:
                out.append(
                    Diagnostic(status.at(*loc, "into"), f"'{entry_id}' is merged into itself")
                )
            elif into not in everything:
                out.append(
                    Diagnostic(status.at(*loc, "into"), f"merged into unknown item '{into}'")
                )
            elif states.get(into) == "deleted":
                out.append(
                    Diagnostic(
                        status.at(*loc, "into"),
                        f"'{entry_id}' is merged into '{into}', which is deleted",
                    )
                )
        for lang in text:
            if lang not in languages:
                out.append(
                    Diagnostic(
                        status.at(*loc, "text", lang, key=True),
                        f"'{lang}' is not a language of this compilation",
                    )
                )
        if text:
            for lang in languages:
                if lang not in text:
                    out.append(
                        Diagnostic(
                            status.at(*loc, "text"),
                            f"amended text of '{entry_id}' has no '{lang}' version",
                        )
                    )
        for lang, value in text.items():
            out.extend(compilation_markup(status, (*loc, "text", lang), value))
            out.extend(
                Diagnostic(status.at(*loc, "text", lang), problem)
                for problem in bracket_problems(value)
            )

    for item_id, entry in status.record.items.items():
        if item_id not in existing:
            out.append(
                Diagnostic(
                    status.at("items", item_id, key=True),
                    f"unknown recommendation '{item_id}' (not in the meetings compiled)",
                )
            )
            continue
        check_entry(("items", item_id), item_id, entry.state, entry.into, entry.text)
    from rapporteur.model.compile import ADDED_SUFFIXES  # the numbers there are: bis… decies

    seen: set[str] = set()
    following: dict[str, int] = {}
    for index, new in enumerate(status.record.new):
        if new.id in existing or new.id in seen:
            out.append(Diagnostic(status.at("new", index, "id"), f"id '{new.id}' is already used"))
        seen.add(new.id)
        following[new.after] = following.get(new.after, 0) + 1
        if following[new.after] > len(ADDED_SUFFIXES):
            out.append(
                Diagnostic(
                    status.at("new", index, "after"),
                    f"more than {len(ADDED_SUFFIXES)} new items after '{new.after}' "
                    f"(they are numbered bis to {ADDED_SUFFIXES[-1]})",
                )
            )
        if new.after in new_ids:
            out.append(
                Diagnostic(
                    status.at("new", index, "after"),
                    f"'{new.id}' comes after '{new.after}', an item proposed here: new items "
                    "follow an item of the meetings, in the order listed (numbered bis, ter…)",
                )
            )
        elif new.after not in existing:
            out.append(
                Diagnostic(
                    status.at("new", index, "after"),
                    f"'{new.id}' comes after unknown item '{new.after}'",
                )
            )
        elif states.get(new.after) == "deleted":
            out.append(
                Diagnostic(
                    status.at("new", index, "after"),
                    f"'{new.id}' comes after '{new.after}', which is deleted: "
                    "place it after an item that stays",
                )
            )
        check_entry(("new", index), new.id, new.state, new.into, new.text)
    out += _check_merge_cycles(comp)
    return out


def bracket_problems(text: str) -> list[str]:
    """Square brackets of a negotiated text that do not pair up (markup aside: [[symbol]]
    and [^note] are not brackets)."""
    try:
        spans = parse_inline(text)
    except MarkupError:
        return []  # said by the markup check
    depth = 0
    problems = []
    for span in spans:
        for char in getattr(span, "text", ""):
            if char == "[":
                depth += 1
            elif char == "]":
                if depth == 0:
                    problems.append("a closing ']' has no opening '['")
                depth = max(depth - 1, 0)
    if depth:
        many = f"{depth} opening '[' have" if depth > 1 else "an opening '[' has"
        problems.append(f"{many} no closing ']'")
    return problems


def _check_merge_cycles(comp: CompilationContent) -> list[Diagnostic]:
    assert comp.status is not None
    status = comp.status
    into = {k: v.into for k, v in status.record.items.items() if v.into}
    into |= {n.id: n.into for n in status.record.new if n.into}
    where = {k: ("items", k) for k in status.record.items} | {
        n.id: ("new", i) for i, n in enumerate(status.record.new)
    }
    out = []
    reported: set[str] = set()
    for start in into:
        chain = [start]
        while chain[-1] in into and into[chain[-1]] not in chain:
            chain.append(into[chain[-1]])
        last = chain[-1]
        if last in into and into[last] in chain and into[last] != last and start not in reported:
            cycle = chain[chain.index(into[last]) :]
            reported.update(cycle)
            out.append(
                Diagnostic(
                    status.at(*where[cycle[0]], "into"),
                    "items merged into each other in a cycle: " + " → ".join([*cycle, cycle[0]]),
                )
            )
    return out
