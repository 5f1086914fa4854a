"""The masthead, corner notation and titles of a DOCX made elsewhere, recognised by
writing each candidate as the templates write it (layout.html.j2, the catalogs, the
terms) and looking for what was written. Whatever is not found stays unknown: the
new meeting marks it as a placeholder.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Any

from rapporteur.i18n import translations
from rapporteur.load.content import Library
from rapporteur.load.patterns import SYMBOL_RE
from rapporteur.load.schema import JOB_NUMBER_RE
from rapporteur.model.document import DateSpan
from rapporteur.render.environment import capitalize_first, language_name, spelled_ordinal
from rapporteur.text import join_pair
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

    def terms(self, group: str) -> dict[str, str]:
        """A group's names in the document's language → code."""
        return self._names(self.lang, group)

    def run(self, front: list[str]) -> FrontMatter:
        out = FrontMatter()
        corner_body: str | None = None
        titles: list[str] = []
        # a note typed as a paragraph ("* E/CN.15/2018/1.") where the DOCX has no footnotes
        self.typed_note = next((t.lstrip("*").strip() for t in front if t.startswith("*")), "")
        for text in front:
            if text.startswith("*"):
                continue
            plain = normalized(_CALLED.sub("", text))
            if self.masthead(plain, out.found):
                continue
            if (code := self._body(plain)) is not None:
                # the masthead's organ stands after the symbol, before "Distr.: …"
                if "symbol" in out.found and "distribution" not in out.found:
                    out.found.setdefault("organ", code)
                    continue
                if corner_body is None:
                    corner_body = code
                    # what stood before the corner notation
                    out.unread += [normalized(t) for t in titles]
                    titles = []
                    continue
            if corner_body and (number := self._session(plain)):
                out.found["session.number"] = number
                continue
            if corner_body and (place := self._place(plain)):
                out.found["corner.venue"], out.found["corner.dates"] = place
                continue
            if corner_body and (item := self._agenda_item(text)):
                out.found["session.agenda_item"], note = item
                symbol = SYMBOL_RE.search(notes_text := self._note_text(note))
                if symbol and "/" in symbol[0]:
                    out.found["session.provisional_agenda"] = symbol[0].rstrip(".")
                elif notes_text:
                    out.unread.append(normalized(notes_text))
                out.unread += [normalized(t) for t in titles]
                titles = []  # what follows the agenda item: its title, then the report's
                out.agenda_item_title = ""
                continue
            titles.append(text)
        self._corner(corner_body, out)
        if out.agenda_item_title == "" and len(titles) > 1:
            out.agenda_item_title, titles = titles[0], titles[1:]
        elif out.agenda_item_title == "":
            out.agenda_item_title = None
        if titles:
            title = titles[0]
            for more in titles[1:]:
                title = join_pair(title, more)
            out.title = title
            self._meeting_held(normalized(_CALLED.sub("", title)), out.found)
        return out

    def masthead(self, plain: str, found: dict[str, Any]) -> bool:
        """Whether ``plain`` is a masthead line: recorded in ``found``, or known and not
        data ("United Nations", the version's language)."""
        # (a symbol ending a sentence is a note's text, the provisional agenda's)
        if SYMBOL_RE.fullmatch(plain) and "/" in plain and not plain.endswith("."):
            found.setdefault("symbol", plain)
            return True
        job = _JOB_NUMBER.fullmatch(plain)
        if job is not None:
            found.setdefault("job_number", job[1])
            return True
        if plain == self.gettext("Unofficial working translation"):
            found["unofficial"] = True
            return True
        for code in self.languages:
            gettext = translations(code).gettext
            if plain in {
                gettext("United Nations"),
                capitalize_first(language_name(self.lang, code)),
            }:
                return True
            for value, message in DISTRIBUTIONS.items():
                if plain == gettext(message):
                    found["distribution"] = value
                    return True
            for other in self.library.languages.record.root:
                name = language_name(other, code)
                if plain == gettext("Original: %(language)s") % {"language": name}:
                    found["original_language"] = other
                    return True
                if plain == capitalize_first(name):
                    return True
        if "date_of_issue" not in found:
            for finder in self.masthead_dates:
                if (day := finder.single(plain)) is not None:
                    found["date_of_issue"] = day[0]
                    return True
        return False

    def _body(self, plain: str) -> str | None:
        """The code of the body ``plain`` names, in the document's or masthead's language."""
        for code in self.languages:
            for name, body in self._names(code, "bodies").items():
                if plain == name:
                    return body
        return None

    def _names(self, lang: str, group: str) -> dict[str, str]:
        names = getattr(self.library.terms[lang].record, group)
        return {normalized(name): code for code, name in names.items()}

    def _session(self, plain: str) -> int | None:
        for n in range(1, MOST_SESSIONS + 1):
            ordinal = spelled_ordinal(n, self.spec, self.lang)
            if plain == capitalize_first(
                self.gettext("%(ordinal)s session") % {"ordinal": ordinal}
            ):
                return n
        return None

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

    def _corner(self, body: str | None, out: FrontMatter) -> None:
        """The corner notation names the session the report goes to, or, with no
        session, the meeting itself."""
        if body is None:
            return
        where = "session" if "session.number" in out.found else "meeting"
        out.found[f"{where}.body"] = body
        if "corner.venue" in out.found:
            out.found[f"{where}.venue"] = out.found.pop("corner.venue")
            out.found[f"{where}.dates"] = out.found.pop("corner.dates")

    def _meeting_held(self, title: str, found: dict[str, Any]) -> None:
        """The meeting reported on, as its title names it: the body, where and when."""
        for group, key in (("bodies", "meeting.body"), ("places", "meeting.venue")):
            names = [name for name in self.terms(group) if name and name in title]
            if names and key not in found:
                found[key] = self.terms(group)[max(names, key=len)]
        span = self.dates.span(title)
        if span is not None and "meeting.dates" not in found:
            found["meeting.dates"] = span[0]
