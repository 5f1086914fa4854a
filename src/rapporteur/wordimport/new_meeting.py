"""A new meeting's content from a DOCX made elsewhere: meeting.yaml and the imported
language's fragments, written from the outline (outline.py) and page 1 (front_matter.py).

Whatever the DOCX does not say gets a stand-in value named in meeting.yaml's
``placeholders:``, which ``check`` reports as warnings: the import always yields
content that checks and builds. Lists of States and organizations, and the adopted
agenda, become generated lists where the terms and the agenda match them; the import
then builds the report and keeps each generated list only where it reads back exactly
as the DOCX had it.
"""

from __future__ import annotations

import difflib
import io
import re
from dataclasses import dataclass, field
from datetime import date
from functools import cached_property
from pathlib import Path
from typing import Any

from babel import Locale
from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rapporteur.i18n import translations
from rapporteur.load.canonical import canonical_text
from rapporteur.load.content import Library
from rapporteur.load.loader import FRAGMENTS
from rapporteur.load.patterns import SYMBOL_RE
from rapporteur.load.schema import ATTENDANCE_CATEGORIES, ORGANIZATION_SECTIONS, WESTERN_DIGITS
from rapporteur.model.assemble import (
    ATTENDANCE_PHRASES,
    CHAPTER_TITLES,
    ORGANIZATION_TITLES,
    agenda_heading,
)
from rapporteur.wordimport.docx_reader import CALL, Note, normalized
from rapporteur.wordimport.front_matter import FrontMatter
from rapporteur.wordimport.merge import new_id
from rapporteur.wordimport.outline import Chapter, Entry, Outline

PLACEHOLDER_DAY = date(2000, 1, 1)  # a date the DOCX did not give (never today: same bytes)
ALIKE_TITLE = 0.8  # how alike a heading is to a catalog's title to be that chapter or section
GENERATED = ("states", "organizations")  # the lists made from participation codes
_CALLED = re.compile(f"{CALL}([^{CALL}]*){CALL}")
_MARKUP = re.compile(r"\[\[[^\]]*\]\]|\[\^[^\]]*\]")


@dataclass
class NewMeeting:
    """The files a new meeting's import writes, and what it says of them."""

    files: dict[Path, str]
    placeholders: list[str]
    warnings: list[str] = field(default_factory=list)
    # each block's id → its text as the DOCX has it, what the built report is to read; a
    # generated list's paragraph → its text and its list's, joined by " | "
    expected: dict[str, str] = field(default_factory=dict)
    generated: set[str] = field(default_factory=set)  # the paragraphs of generated lists
    same: int = 0  # the blocks the built report reads as the DOCX does (steps.new)


@dataclass
class _Draft:
    """What the import decided, before it is written as YAML."""

    meeting: CommentedMap
    fragments: dict[str, CommentedMap]
    notes: dict[str, str]
    generated: list[tuple[CommentedMap, Entry]]  # paragraphs made generated lists


def new_meeting(
    library: Library,
    meeting_id: str,
    lang: str,
    outline: Outline,
    front: FrontMatter,
    notes: dict[str, Note],
    source: str,
    as_typed: frozenset[str] = frozenset(),
) -> NewMeeting:
    """The files of meeting ``meeting_id`` in ``lang``; the paragraphs of ``as_typed``
    keep their lists as typed, not generated."""
    unread = [f"not read: {line}" for line in front.unread]
    builder = _Builder(library, meeting_id, lang, notes, outline.warnings + unread)
    draft = builder.draft(outline, front)
    generated = set()
    for paragraph, entry in draft.generated:
        if paragraph["id"] not in as_typed:
            generated.add(paragraph["id"])
            builder.expected[paragraph["id"]] = " | ".join(_texts(entry))
            continue
        agenda = paragraph.get("insert") == "agenda"
        builder.warnings.append(
            "a list that reads otherwise when generated stays as typed"
            + (", its entries lettered items (labels are computed)" if agenda else "")
            + f": {_short(entry.text)}"
        )
        paragraph["text"] = builder.markup(entry.text)
        for key in ("insert", "conjunction"):
            paragraph.pop(key, None)
        if entry.children:  # an agenda list: its entries become the paragraph's items
            paragraph["items"] = CommentedSeq(builder.items(entry.children))
    folder = library.root / "meetings" / meeting_id
    header = (
        f"Imported from {source} by ./dev import. Values listed under placeholders: are "
        "stand-ins\nfor what the DOCX did not say: write them, then take them out of the list.\n"
    )
    files = {folder / "meeting.yaml": _dumped(draft.meeting, header)}
    for name, data in draft.fragments.items():
        files[folder / lang / f"{name}.yaml"] = _dumped(data)
    if draft.notes:
        files[folder / lang / "footnotes.yaml"] = _dumped(CommentedMap(draft.notes))
    placeholders = list(draft.meeting.get("placeholders", []))
    return NewMeeting(files, placeholders, builder.warnings, builder.expected, generated)


class _Builder:
    def __init__(
        self,
        library: Library,
        meeting_id: str,
        lang: str,
        notes: dict[str, Note],
        warnings: list[str],
    ) -> None:
        self.library, self.meeting_id, self.lang = library, meeting_id, lang
        self.spec = library.languages.record.root[lang]
        self.gettext = translations(lang).gettext
        self.word_notes = notes
        self.warnings = warnings
        self.taken: set[str] = set()
        self.note_ids: dict[str, str] = {}  # footnote w:id → note id
        self.notes: dict[str, str] = {}  # note id → markup
        self.expected: dict[str, str] = {}
        self.generated: list[tuple[CommentedMap, Entry]] = []
        # participation's States and organizations (codes), and attendance (figures)
        self.participation: dict[str, list[str] | CommentedMap] = {}
        self.agenda: list[tuple[str, str, list[tuple[str, str]]]] = []  # (id, title, subitems)

    # --- meeting.yaml ---------------------------------------------------------------

    def draft(self, outline: Outline, front: FrontMatter) -> _Draft:
        found = dict(front.found)
        placeholders: list[str] = []

        def value(key: str, stand_in: Any) -> Any:
            if key in found:
                return found[key]
            placeholders.append(key)
            return stand_in

        chapters = self._chapters(outline)
        fragments = self._fragments(chapters)  # before meeting.yaml: it finds the agenda
        meeting = CommentedMap()
        meeting["symbol"] = value("symbol", f"DRAFT/{self.meeting_id.upper()}")
        if "organ" in found:
            meeting["organ"] = found["organ"]
        meeting["distribution"] = value("distribution", "general")
        held_dates = found.get("meeting.dates")
        fallback_day = held_dates.end if held_dates else PLACEHOLDER_DAY
        meeting["date_of_issue"] = _day(value("date_of_issue", fallback_day))
        meeting["original_language"] = value("original_language", self.lang)
        version = "unofficial" if found.get("unofficial") else "official"
        meeting["languages"] = CommentedMap({self.lang: version})
        if "job_number" in found:
            meeting["job_number"] = found["job_number"]
        if "session.body" in found:
            session = CommentedMap()
            session["body"] = found["session.body"]
            session["number"] = value("session.number", 1)
            session["dates"] = _span(value("session.dates", None), fallback_day)
            session["venue"] = value("session.venue", self._first("places"))
            session["agenda_item"] = value("session.agenda_item", 1)
            session["provisional_agenda"] = value("session.provisional_agenda", "DRAFT/AGENDA")
            meeting["session"] = session
        held = CommentedMap()
        held["body"] = value("meeting.body", found.get("session.body") or self._first("bodies"))
        held["number"] = value("meeting.number", 1)
        if held_dates is not None and held_dates.start == held_dates.end:
            placeholders.append("meeting.dates")  # one day found: the title may say more
        held["dates"] = _span(value("meeting.dates", None), fallback_day)
        held["venue"] = value("meeting.venue", found.get("session.venue") or self._first("places"))
        meeting["meeting"] = held
        meeting["agenda"] = self._agenda_list(placeholders)
        participation = {k: v for k, v in self.participation.items() if v}
        if participation:
            meeting["participation"] = CommentedMap(
                (group, CommentedSeq(found) if isinstance(found, list) else found)
                for group, found in participation.items()
            )
        front_file = CommentedMap()
        front_file["title"] = self.markup(front.title) if front.title else "[title]"
        if front.title is None:
            placeholders.append(f"{self.lang}/front.yaml")
        if "session" in meeting:  # its agenda item's title stands in the corner notation
            front_file["agenda_item_title"] = (
                self.markup(front.agenda_item_title)
                if front.agenda_item_title
                else "[agenda item title]"
            )
            if not front.agenda_item_title and f"{self.lang}/front.yaml" not in placeholders:
                placeholders.append(f"{self.lang}/front.yaml")
        fragments["front"] = front_file
        fragments["agenda"] = CommentedMap((i, t) for i, t in self._titles())
        for name in ("introduction", "adoption"):
            if not fragments[name]["paragraphs"]:
                fragments[name]["paragraphs"].append(self._stand_in())
                placeholders.append(f"{self.lang}/{name}.yaml")
        # ("title": the front.yaml's, where it was guessed among several lines)
        uncertain = [f"{self.lang}/front.yaml" if k == "title" else k for k in front.uncertain]
        placeholders += [key for key in uncertain if key not in placeholders]
        if placeholders:
            meeting.insert(0, "placeholders", CommentedSeq(placeholders))
        ordered = {name: fragments[name] for name in FRAGMENTS}
        return _Draft(meeting, ordered, self.notes, self.generated)

    def _first(self, group: str) -> str:
        return sorted(getattr(self.library.terms[self.lang].record, group))[0]

    # --- chapters -------------------------------------------------------------------

    def _chapters(self, outline: Outline) -> dict[str, list[Chapter]]:
        """The outline's chapters by kind: by the catalog's title where one matches, else
        by their numbers (or places) among the kinds not yet taken."""
        kinds = list(CHAPTER_TITLES)
        titles = {
            kind: normalized(self.gettext(message)) for kind, message in CHAPTER_TITLES.items()
        }
        out: dict[str, list[Chapter]] = {kind: [] for kind in kinds}
        free = list(kinds)
        for position, chapter in enumerate(outline.chapters):
            if _CALLED.search(chapter.title):
                self.warnings.append(
                    f"a footnote on the heading '{_plain(chapter.title)}' is left out"
                )
                chapter.title = _CALLED.sub("", chapter.title)
            kind = _closest(normalized(chapter.title), titles)
            if kind is None:  # by its number, or its place
                index = (chapter.number or position + 1) - 1
                fits = index < len(kinds) and kinds[index] in free
                kind = kinds[index] if fits else (free[0] if free else kinds[-1])
            if normalized(chapter.title) != titles[kind] or kind not in free:
                self.warnings.append(
                    f"chapter '{chapter.title}' is taken as the {kind} chapter ('{titles[kind]}')"
                )
            if kind in free:
                free.remove(kind)
            out[kind].append(chapter)
        return out

    def _fragments(self, chapters: dict[str, list[Chapter]]) -> dict[str, CommentedMap]:
        out: dict[str, CommentedMap] = {}
        # the agenda list first: the chapters' sections name its items
        for chapter in chapters["organization"]:
            for entry in chapter.entries:
                if entry.children and entry.children[0].level == "agenda_item":
                    self._take_agenda(entry)
        for kind in ("introduction", "adoption"):
            entries = [e for c in chapters[kind] for e in c.entries]
            if any(c.sections for c in chapters[kind]):
                self.warnings.append(
                    f"the {kind} chapter has no sections: their headings are left out"
                )
            out[kind] = CommentedMap(paragraphs=CommentedSeq(self._paragraphs(entries)))
        for kind in ("recommendations", "deliberations"):
            data = CommentedMap()
            opening = [e for c in chapters[kind] for e in c.opening]
            if opening:
                data["paragraphs"] = CommentedSeq(self._paragraphs(opening))
            sections = CommentedSeq()
            for chapter in chapters[kind]:
                for section in chapter.sections:
                    if not section.entries:
                        self.warnings.append(
                            f"section '{section.title}' has no paragraph: left out"
                        )
                        continue
                    entry = CommentedMap(agenda_item=self._agenda_id(section.title))
                    entry["paragraphs"] = CommentedSeq(self._paragraphs(section.entries))
                    sections.append(entry)
            if sections:
                data["sections"] = sections
            out[kind] = data
        out["organization"] = self._organization(chapters["organization"])
        return out

    def _organization(self, chapters: list[Chapter]) -> CommentedMap:
        titles = {
            name: normalized(self.gettext(ORGANIZATION_TITLES[name]))
            for name in ORGANIZATION_SECTIONS
        }
        out = CommentedMap()
        for chapter in chapters:
            if chapter.opening:
                self.warnings.append(
                    "paragraphs before the organization chapter's first section join its opening"
                )
                out.setdefault("opening", CommentedSeq()).extend(self._paragraphs(chapter.opening))
            for position, section in enumerate(chapter.sections):
                name = _closest(normalized(section.title), titles)
                if name is None:
                    name = ORGANIZATION_SECTIONS[min(position, len(ORGANIZATION_SECTIONS) - 1)]
                if normalized(section.title) != titles[name]:
                    self.warnings.append(
                        f"section '{section.title}' is taken as the {name} section "
                        f"('{titles[name]}')"
                    )
                if not section.entries:
                    self.warnings.append(f"section '{section.title}' has no paragraph: left out")
                out.setdefault(name, CommentedSeq()).extend(
                    self._paragraphs(section.entries, lists=name in {"statements", "attendance"})
                )
        return CommentedMap((name, out[name]) for name in ORGANIZATION_SECTIONS if out.get(name))

    # --- blocks ---------------------------------------------------------------------

    def _paragraphs(self, entries: list[Entry], lists: bool = False) -> list[CommentedMap]:
        out = []
        for entry in entries:
            paragraph = self._block(entry)
            if entry.children and entry.children[0].level == "agenda_item":
                paragraph["insert"] = "agenda"
                self.generated.append((paragraph, entry))
            elif entry.children:
                paragraph["items"] = CommentedSeq(self.items(entry.children))
            elif lists:
                self._listed(paragraph, entry)
            out.append(paragraph)
        return out

    def items(self, entries: list[Entry]) -> list[CommentedMap]:
        out = []
        for entry in entries:
            block = self._block(entry)
            if entry.children:
                block["items"] = CommentedSeq(self.items(entry.children))
            out.append(block)
        return out

    def _block(self, entry: Entry) -> CommentedMap:
        """A block with an id from its first words; its text is what the report is to
        read (``expected``)."""
        text = self.markup(entry.text)
        block = CommentedMap()
        block["id"] = self._id(text)
        self.expected[block["id"]] = (
            f"{_LEVEL_NAMES[entry.level]}: {normalized(_plain(entry.text))}"
        )
        block["text"] = text
        return block

    def _stand_in(self) -> CommentedMap:
        return CommentedMap(id=self._id("placeholder"), text="[placeholder]")

    def _id(self, text: str) -> str:
        found = new_id(text, self.taken)
        self.taken.add(found)
        return found

    def markup(self, text: str) -> str:
        """The DOCX's text as content markup: a note's call as ``[^id]`` (its text into
        footnotes.yaml), a document symbol in plain text as a reference."""
        text = _CALLED.sub(lambda m: self._call(m[1]), text)
        parts = re.split(f"({_MARKUP.pattern})", text)
        return normalized("".join(p if _MARKUP.fullmatch(p) else _referenced(p) for p in parts))

    def _call(self, footnote_id: str) -> str:
        note = self.word_notes.get(footnote_id)
        if note is None or not note.markup.strip():
            return ""
        if footnote_id not in self.note_ids:
            note_id = self._id(note.markup)
            self.note_ids[footnote_id] = note_id
            self.notes[note_id] = self.markup(note.markup)
        return f"[^{self.note_ids[footnote_id]}]"

    # --- generated lists ------------------------------------------------------------

    def _listed(self, paragraph: CommentedMap, entry: Entry) -> None:
        """A paragraph that ends in a list of States (or organizations) the terms name
        becomes its lead-in and a generated list, the codes going to participation."""
        plain = normalized(_plain(entry.text))
        for group in GENERATED:
            if self.participation.get(group):
                continue  # one generated list of each
            found = self._members(plain, group)
            if found is not None:
                lead, codes, conjunction = found
                paragraph["text"] = self.markup(lead)
                paragraph["insert"] = group
                if not conjunction:
                    paragraph["conjunction"] = False
                self.participation[group] = codes
                self.generated.append((paragraph, entry))
                return
        if "attendance" not in self.participation and (found := self._attendance(plain)):
            lead, figures, conjunction = found
            paragraph["text"] = self.markup(lead)
            paragraph["insert"] = "attendance"
            if not conjunction:
                paragraph["conjunction"] = False
            self.participation["attendance"] = figures
            self.generated.append((paragraph, entry))
            return
        if any(word in plain for word in self._names("states")):
            self.warnings.append(
                f"a list of States the terms do not all name stays text: {plain[:40]}…"
            )

    def _attendance(self, text: str) -> tuple[str, CommentedMap, bool] | None:
        """The attendance figures a paragraph lists, as the catalog words each one
        ("98 Member States"): its lead-in, the figures, and whether "and" joins the last."""
        messages = translations(self.lang)
        numbers = {int(n) for n in re.findall(r"\d+", text.translate(self._western))}
        found: list[tuple[int, str, int, str]] = []  # (where, category, figure, phrase)
        for category in ATTENDANCE_CATEGORIES:
            for figure in sorted(numbers, reverse=True):
                phrase = messages.ngettext(*ATTENDANCE_PHRASES[category], figure) % {"num": figure}
                for form in (phrase, self.spec.in_own_digits(phrase)):
                    if (at := text.find(form)) >= 0:
                        found.append((at, category, figure, form))
                        break
                else:
                    continue
                break
        if not found:
            return None
        found.sort()
        figures = CommentedMap((category, figure) for _, category, figure, _ in found)
        middle = self._joins()["middle"]
        between = text[found[-2][0] + len(found[-2][3]) : found[-1][0]] if len(found) > 1 else ""
        return text[: found[0][0]].rstrip(), figures, between != middle

    @cached_property
    def _western(self) -> dict[int, str]:
        return str.maketrans(self.spec.digit_symbols, WESTERN_DIGITS)

    def _joins(self) -> dict[str, str]:
        """What joins a list's members, by CLDR's pattern keys (the language's own first)."""
        patterns = {
            **Locale.parse(self.spec.locale).list_patterns["standard"],
            **self.spec.list_patterns,
        }
        return {key: p.replace("{0}", "").replace("{1}", "") for key, p in patterns.items()}

    def _names(self, group: str) -> dict[str, str]:
        names = getattr(self.library.terms[self.lang].record, group)
        return {normalized(name): code for code, name in names.items()}

    def _members(self, text: str, group: str) -> tuple[str, list[str], bool] | None:
        names = self._names(group)
        if not names:
            return None
        joins = self._joins()
        name = "|".join(re.escape(n) for n in sorted(names, key=len, reverse=True))
        join = "|".join(re.escape(j) for j in sorted(set(joins.values()), key=len, reverse=True))
        listed = re.compile(f"(?:{name})(?:(?:{join})(?:{name}))+")
        end = translations(self.lang).pgettext("sentence end", ".")  # as the writer ends it
        if not text.endswith(end):
            return None
        for start in range(len(text)):
            match = listed.fullmatch(text, start, len(text) - len(end))
            if match is not None:
                members = re.findall(name, match[0])
                if len(set(members)) != len(members):
                    return None
                middle = joins["middle"]
                last_join = match[0][: match[0].rindex(members[-1])].rstrip()
                conjunction = not last_join.endswith(middle.strip() or middle)
                return text[:start].rstrip(), [names[m] for m in members], conjunction
        return None

    # --- the agenda -----------------------------------------------------------------

    def _take_agenda(self, entry: Entry) -> None:
        for item in entry.children:
            item_id = self._id(agenda_heading(item.text))
            subitems = [(self._id(agenda_heading(sub.text)), sub.text) for sub in item.children]
            self.agenda.append((item_id, item.text, subitems))

    def _agenda_id(self, heading: str) -> str:
        """The agenda item a section's heading names; a new one where none does. (A
        heading carries no note: its call is dropped, with a word.)"""
        if _CALLED.search(heading):
            self.warnings.append(f"a footnote on the heading '{_plain(heading)}' is left out")
            heading = _CALLED.sub("", heading)
        wanted = normalized(heading)
        for item_id, title, subitems in self.agenda:
            for found_id, found_title in [(item_id, title), *subitems]:
                if normalized(agenda_heading(found_title)) == wanted:
                    return found_id
        item_id = self._id(heading)
        self.agenda.append((item_id, heading, []))
        return item_id

    def _agenda_list(self, placeholders: list[str]) -> CommentedSeq:
        if not self.agenda:
            placeholders.append("agenda")
            self.agenda.append((self._id("agenda item"), "[agenda item]", []))
        out = CommentedSeq()
        for item_id, _, subitems in self.agenda:
            entry = CommentedMap(id=item_id)
            if subitems:
                entry["items"] = CommentedSeq(CommentedMap(id=s) for s, _ in subitems)
            out.append(entry)
        return out

    def _titles(self) -> list[tuple[str, str]]:
        return [
            pair
            for item_id, title, subitems in self.agenda
            for pair in [(item_id, self.markup(title)), *((s, self.markup(t)) for s, t in subitems)]
        ]


def _closest(title: str, candidates: dict[str, str]) -> str | None:
    """The key whose catalog title ``title`` is, or is most like."""
    best, score = None, ALIKE_TITLE
    for key, candidate in candidates.items():
        ratio = difflib.SequenceMatcher(None, title.casefold(), candidate.casefold()).ratio()
        if ratio > score or title == candidate:
            best, score = key, ratio
    return best


# The level a block is built at, as the import compares them ("item: States should…").
_LEVEL_NAMES = {
    "paragraph": "paragraph",
    "item": "item",
    "agenda_item": "item",
    "nested": "nested",
    "agenda_subitem": "nested",
}


def _texts(entry: Entry) -> list[str]:
    """An entry's text, then its children's and theirs, as the report reads them."""
    out = [f"{_LEVEL_NAMES[entry.level]}: {normalized(_plain(entry.text))}"]
    for child in entry.children:
        out += _texts(child)
    return out


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"


def _plain(text: str) -> str:
    """Markup as it reads: a reference's symbol, no note calls."""
    text = _CALLED.sub("", text)
    return re.sub(r"\[\[([^\]]*)\]\]", r"\1", re.sub(r"\[\^[^\]]*\]", "", text))


def _referenced(text: str) -> str:
    """Document symbols in plain text as references ("E/CN.15/2018/1" has a slash and a
    digit; "and/or" has neither a capital start nor a digit)."""
    return SYMBOL_RE.sub(
        lambda m: (
            f"[[{m[0].rstrip('.')}]]{'.' if m[0].endswith('.') else ''}"
            if any(c.isdigit() for c in m[0]) and "/" in m[0]
            else m[0]
        ),
        text,
    )


def _day(value: Any) -> str:
    return value.isoformat() if isinstance(value, date) else str(value)


def _span(span: Any, fallback: date) -> CommentedMap:
    start, end = (span.start, span.end) if span is not None else (fallback, fallback)
    out = CommentedMap()
    out["start"], out["end"] = _day(start), _day(end)
    out.fa.set_flow_style()
    return out


def _dumped(data: CommentedMap, header: str = "") -> str:
    yaml = YAML()
    yaml.width = 4096
    raw = io.StringIO()
    yaml.dump(data, raw)
    comment = "".join(f"# {line}\n" if line else "#\n" for line in header.splitlines())
    return comment + canonical_text(raw.getvalue())
