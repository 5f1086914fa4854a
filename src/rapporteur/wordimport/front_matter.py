"""The masthead, corner notation and titles of a DOCX made elsewhere, recognised by
writing each candidate as the templates write it (layout.html.j2, the catalogs, the
terms) and looking for what was written. Whatever is not found stays unknown: the
new meeting marks it as a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any

from rapporteur.i18n import translations
from rapporteur.load.content import Library
from rapporteur.load.patterns import SYMBOL_RE
from rapporteur.load.schema import JOB_NUMBER_RE
from rapporteur.model.document import DateSpan
from rapporteur.render.environment import capitalize_first, language_name, spelled_ordinal
from rapporteur.wordimport.dates_found import DateFinder
from rapporteur.wordimport.docx_reader import CALL, Note, normalized

MOST_SESSIONS = 150  # session numbers looked for
DISTRIBUTIONS = {
    "general": "Distr.: General",
    "limited": "Distr.: Limited",
    "restricted": "Distr.: Restricted",
}
_CALLED = re.compile(f"{CALL}([^{CALL}]*){CALL}")
# page 1's job number, with its language letter: "V.18-02342 (C)"
_JOB_NUMBER = re.compile(rf"({JOB_NUMBER_RE.pattern})(?: \([A-Z]\))?")


@dataclass
class FrontMatter:
    """What page 1 said, by meeting.yaml's dotted keys ("symbol", "session.number")."""

    found: dict[str, Any] = field(default_factory=dict)
    agenda_item_title: str | None = None
    title: str | None = None
    unread: list[str] = field(default_factory=list)  # lines neither recognised nor titles
    # keys read, but from lines that may not say what was taken from them: the corner
    # notation read as the meeting's own when a line of it was not understood
    uncertain: list[str] = field(default_factory=list)


def read_front(
    front: list[str], margins: list[str], notes: dict[str, Note], library: Library, lang: str
) -> FrontMatter:
    """Page 1 from the paragraphs before the first chapter; the headers' and footers'
    (``margins``) may give the masthead's facts too, a job number above all."""
    recogniser = _Recogniser(library, lang, notes)
    out = recogniser.run(front)
    for line in margins:
        recogniser.masthead(line, out.found)
    return out


class _Recogniser:
    def __init__(self, library: Library, lang: str, notes: dict[str, Note]) -> None:
        languages = library.languages.record.root
        self.lang, self.spec = lang, languages[lang]
        self.masthead_lang = self.spec.masthead_language
        self.notes = notes
        self.library = library
        self.gettext = translations(lang).gettext
        self.languages = [lang] + ([self.masthead_lang] if self.masthead_lang != lang else [])
        self.dates = DateFinder(self.spec)
        self.masthead_dates = [DateFinder(languages[code]) for code in self.languages]
        self.typed_note = ""
        self._name_tables: dict[tuple[str, str], dict[str, str]] = {}

    def terms(self, group: str) -> dict[str, str]:
        """A group's names in the document's language → code."""
        return self._names(self.lang, group)

    def run(self, front: list[str]) -> FrontMatter:
        """Each line classified, then placed: the organ is the body named in the
        masthead (before "Distr.", the date or "Original"), the corner notation starts at
        the next body, and the titles follow it: the agenda item's after its line, then
        the report's. Anything else is reported as not read."""
        out = FrontMatter()
        # a note typed as a paragraph ("* E/CN.15/2018/1.") where the DOCX has no footnotes
        self.typed_note = next((t.lstrip("*").strip() for t in front if t.startswith("*")), "")
        lines = [t for t in front if not t.startswith("*")]
        kinds: list[tuple[str, Any]] = [self._classify(t, out.found) for t in lines]
        masthead_end = max(
            (i for i, (kind, _) in enumerate(kinds) if kind == "masthead-block"), default=-1
        )
        bodies = [i for i, (kind, _) in enumerate(kinds) if kind == "body"]
        organ = max((i for i in bodies if i < masthead_end), default=None)
        if organ is not None:
            out.found["organ"] = kinds[organ][1]
        corner = next((i for i in bodies if i != organ and i > (organ or -1)), None)
        if corner is None:  # no corner notation: the titles follow the masthead
            texts = [t for i, t in enumerate(lines) if kinds[i][0] == "text" and i > masthead_end]
            out.unread += [
                normalized(t)
                for i, t in enumerate(lines)
                if kinds[i][0] == "text" and i <= masthead_end
            ]
            self._guessed_title(texts, out)
            return out
        out.unread += [normalized(t) for i, t in enumerate(lines[:corner]) if kinds[i][0] == "text"]
        item_line, last_corner, not_understood = None, corner, False
        for i in range(corner + 1, len(lines)):
            kind, value = kinds[i]
            if kind == "session":
                out.found["session.number"] = value
            elif kind == "place":
                out.found["corner.venue"], out.found["corner.dates"] = value
            elif kind == "agenda_item":
                item_line = i
                out.found["session.agenda_item"], note = value
                self._provisional_agenda(note, out)
            else:
                continue
            not_understood = not_understood or any(
                kinds[k][0] == "text" for k in range(last_corner + 1, i)
            )
            last_corner = i
        between = [
            normalized(lines[k]) for k in range(corner + 1, last_corner) if kinds[k][0] == "text"
        ]
        out.unread += between
        texts = [t for i, t in enumerate(lines) if kinds[i][0] == "text" and i > last_corner]
        self._corner(kinds[corner][1], out, not_understood or bool(between))
        if item_line is not None:
            out.agenda_item_title = texts[0] if len(texts) > 1 else None
            texts = texts[1:] if len(texts) > 1 else texts
            self._titles(texts[:1], texts[1:], out)
        else:
            self._guessed_title(texts, out)
        return out

    def _guessed_title(self, texts: list[str], out: FrontMatter) -> None:
        """The title among lines nothing else told apart (an agenda item's line worded
        otherwise, its title, a summary): the longest that reads as a title, marked."""
        shaped = [t for t in texts if _title_shaped(t)]
        if len(texts) <= 1 or not shaped:
            self._titles(texts[:1], texts[1:], out)
            return
        title = max(shaped, key=len)
        self._titles([title], [t for t in texts if t is not title], out)
        out.uncertain.append("title")

    def _classify(self, text: str, found: dict[str, Any]) -> tuple[str, Any]:
        plain = normalized(_CALLED.sub("", text))
        masthead = self.masthead(plain, found)
        if masthead:
            return masthead, None
        if (code := self._body(plain)) is not None:
            return "body", code
        if (number := self._session(plain)) is not None:
            return "session", number
        if (place := self._place(plain)) is not None:
            return "place", place
        if (item := self._agenda_item(text)) is not None:
            return "agenda_item", item
        return "text", text

    def _provisional_agenda(self, note: str, out: FrontMatter) -> None:
        notes_text = self._note_text(note)
        symbol = SYMBOL_RE.search(notes_text)
        if symbol and "/" in symbol[0]:
            out.found["session.provisional_agenda"] = symbol[0].rstrip(".")
        elif notes_text:
            out.unread.append(normalized(notes_text))

    def _titles(self, title: list[str], rest: list[str], out: FrontMatter) -> None:
        """The report's title, and the meeting held as it names it; what follows the
        title before chapter I (a summary, a table of contents) is not read."""
        out.unread += [normalized(t) for t in rest]
        if not title:
            return
        out.title = title[0]
        held = self._meeting_held(normalized(_CALLED.sub("", title[0])))
        if "meeting.body" in held and held["meeting.body"] == out.found.get("session.body"):
            del held["meeting.body"]  # the body the report goes to is not the one that met
        for key, value in held.items():
            if key in out.uncertain:
                out.uncertain.remove(key)  # the title says it
            out.found[key] = value

    def masthead(self, plain: str, found: dict[str, Any]) -> str:
        """What masthead line ``plain`` is: "masthead-block" for the Distr./date/Original
        block (recorded in ``found``), "masthead" for another (the symbol, the job number,
        "United Nations", the version's language); "" if none."""
        # (a symbol ending a sentence is a note's text, the provisional agenda's)
        if SYMBOL_RE.fullmatch(plain) and "/" in plain and not plain.endswith("."):
            found.setdefault("symbol", plain)
            return "masthead"
        job = _JOB_NUMBER.fullmatch(plain)
        if job is not None:
            found.setdefault("job_number", job[1])
            return "masthead"
        if plain == self.gettext("Unofficial working translation"):
            found["unofficial"] = True
            return "masthead-block"
        for code in self.languages:
            gettext = translations(code).gettext
            if plain in {
                gettext("United Nations"),
                capitalize_first(language_name(self.lang, code)),
            }:
                return "masthead"
            for value, message in DISTRIBUTIONS.items():
                if plain == gettext(message):
                    found["distribution"] = value
                    return "masthead-block"
            for other in self.library.languages.record.root:
                name = language_name(other, code)
                if plain == gettext("Original: %(language)s") % {"language": name}:
                    found["original_language"] = other
                    return "masthead-block"
                if plain == capitalize_first(name):
                    return "masthead-block"
        if "date_of_issue" not in found:
            for finder in self.masthead_dates:
                if (day := finder.single(plain)) is not None:
                    found["date_of_issue"] = day[0]
                    return "masthead-block"
        return ""

    def _body(self, plain: str) -> str | None:
        """The code of the body ``plain`` names, in the document's or masthead's language."""
        for code in self.languages:
            for name, body in self._names(code, "bodies").items():
                if plain == name:
                    return body
        return None

    def _names(self, lang: str, group: str) -> dict[str, str]:
        """A group's names in ``lang`` → code (made once per recogniser: every line of
        page 1 is looked up in them)."""
        if (lang, group) not in self._name_tables:
            names = getattr(self.library.terms[lang].record, group)
            table = {normalized(name): code for code, name in names.items()}
            self._name_tables[(lang, group)] = table
        return self._name_tables[(lang, group)]

    @cached_property
    def _sessions(self) -> dict[str, int]:
        """Every session line the catalog writes ("Twenty-seventh session") → its number,
        written once rather than for every line of page 1."""
        template = self.gettext("%(ordinal)s session")
        return {
            capitalize_first(template % {"ordinal": spelled_ordinal(n, self.spec, self.lang)}): n
            for n in range(MOST_SESSIONS, 0, -1)
        }

    def _session(self, plain: str) -> int | None:
        return self._sessions.get(plain)

    def _place(self, plain: str) -> tuple[str, DateSpan] | None:
        found = self.dates.span(plain)
        if found is None:
            return None
        span, written = found
        for name, code in self.terms("places").items():
            if plain == normalized(
                self.gettext("%(venue)s, %(dates)s") % {"venue": name, "dates": written}
            ):
                return code, span
        return None

    def _agenda_item(self, text: str) -> tuple[int, str] | None:
        """The agenda item's number and the call of its note (the provisional agenda),
        from "Item 8 of the provisional agenda*" as the catalog words it."""
        template = self.gettext("Item %(num)s of the provisional agenda%(note)s")
        pattern = re.escape(normalized(template % {"num": "\0", "note": "\1"}))
        pattern = pattern.replace("\0", r"(?P<num>\d+)").replace(
            "\1", r"(?P<note>\*|" + CALL + f"[^{CALL}]*{CALL})?"
        )
        match = re.fullmatch(pattern, normalized(text))
        if match is None:
            return None
        return int(match["num"]), match["note"] or ""

    def _note_text(self, call: str) -> str:
        if call == "*":
            return normalized(self.typed_note)
        found = _CALLED.fullmatch(call)
        note = self.notes.get(found[1]) if found else None
        return normalized(_CALLED.sub("", note.markup)) if note else ""

    def _corner(self, body: str, out: FrontMatter, doubtful: bool) -> None:
        """The corner notation names the session the report goes to, or, with no
        session, the meeting itself; ``doubtful``: a line of it was not understood (a
        session line worded otherwise), so what it gave the meeting may be the session's."""
        session = "session.number" in out.found or "session.agenda_item" in out.found
        where = "session" if session else "meeting"
        keys = [f"{where}.body"]
        out.found[f"{where}.body"] = body
        if "corner.venue" in out.found:
            out.found[f"{where}.venue"] = out.found.pop("corner.venue")
            out.found[f"{where}.dates"] = out.found.pop("corner.dates")
            keys += [f"{where}.venue", f"{where}.dates"]
        if doubtful:
            out.uncertain += keys

    def _meeting_held(self, title: str) -> dict[str, Any]:
        """The meeting reported on, as its title names it: the body, where and when."""
        held: dict[str, Any] = {}
        for group, key in (("bodies", "meeting.body"), ("places", "meeting.venue")):
            names = [name for name in self.terms(group) if name and name in title]
            if names:
                held[key] = self.terms(group)[max(names, key=len)]
        span = self.dates.span(title)
        if span is not None:
            held["meeting.dates"] = span[0]
        return held


def _title_shaped(text: str) -> bool:
    """A title does not end a sentence ("The present report contains…." does)."""
    plain = normalized(_CALLED.sub("", text))
    return bool(plain) and plain[-1] not in ".。!?！？"
