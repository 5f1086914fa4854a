"""The document model of a meeting report in one language.

Plain frozen dataclasses: what the report says and how it is numbered, with no
knowledge of HTML, PDF or Word. Labels ("9.", "(a)", "(一)") are computed here.
"""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date, datetime

from rapporteur.load.inline import SymbolLink, Text
from rapporteur.load.schema import LanguageSpec

__all__ = ["SymbolLink", "Text"]  # inline spans are shared with the loader


@dataclass(frozen=True)
class NoteCall:
    note: str
    mark: str
    first: bool  # the first call carries the note; later ones only repeat its mark


@dataclass(frozen=True)
class Inserted:
    """What a redline shows as added since the base revision: text, links, note calls."""

    spans: tuple[Text | SymbolLink | NoteCall, ...]


@dataclass(frozen=True)
class Deleted:
    """What a redline shows as removed since the base revision: text, links, note calls."""

    spans: tuple[Text | SymbolLink | NoteCall, ...]


Inline = Text | SymbolLink | NoteCall | Inserted | Deleted
Content = tuple[Inline, ...]


@dataclass(frozen=True)
class Change:
    """Who made a change, and when: a commit's author and date (as git blame gives)."""

    author: str
    date: datetime
    commit: str = ""


@dataclass(frozen=True)
class Item:
    """A lettered subparagraph, or a nested item under one."""

    id: str
    label: str
    content: Content
    items: tuple[Item, ...] = ()
    change: str | None = None  # in a redline: inserted, deleted, moved, moved-away,
    # split-off (the second part of a split) or merged (the part a merge joined on)
    mark: str | None = None  # in a redline: its paragraph mark alone inserted or deleted
    by: Change | None = None  # in a redline by commit: the commit that last changed it


@dataclass(frozen=True)
class Paragraph:
    id: str
    number: int
    label: str
    content: Content
    items: tuple[Item, ...] = ()
    change: str | None = None  # in a redline: inserted, deleted, moved, moved-away,
    # split-off (the second part of a split) or merged (the part a merge joined on)
    mark: str | None = None  # in a redline: its paragraph mark alone inserted or deleted
    by: Change | None = None  # in a redline by commit: the commit that last changed it


@dataclass(frozen=True)
class Section:
    label: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    agenda_item: str | None = None
    change: str | None = None  # in a redline: the whole section inserted or deleted
    title_change: Content | None = None  # in a redline: its heading's text, changes marked


@dataclass(frozen=True)
class Chapter:
    kind: str  # introduction, recommendations, deliberations, organization, adoption
    label: str
    title: str
    paragraphs: tuple[Paragraph, ...]
    sections: tuple[Section, ...] = ()


@dataclass(frozen=True)
class Note:
    id: str
    mark: str
    content: Content
    change: str | None = None  # in a redline: inserted (only the head has it) or deleted

    @property
    def anchor(self) -> str:
        return f"note-{self.id}"

    @property
    def call_anchor(self) -> str:
        """The id of its call, where the call is not the note itself (page-1 notes)."""
        return f"note-call-{self.id}"


@dataclass(frozen=True)
class DateSpan:
    start: date
    end: date


@dataclass(frozen=True)
class Masthead:
    symbol: str
    organ: str | None
    distribution: str  # general, limited, restricted
    date_of_issue: date
    language: str  # language code of this version
    original_language: str  # language code of the original
    job_number: str | None
    language_letter: str


@dataclass(frozen=True)
class CornerNotation:
    """Upper left of page 1: the body the document goes to, and where and when it meets.

    For a parent body's session the session, its agenda item and the provisional
    agenda (the asterisk note) are given; documents for the expert group itself have
    only the body, place and dates.
    """

    body: str
    dates: DateSpan
    venue: str
    session_number: int | None = None
    agenda_item: int | None = None
    agenda_item_title: Content | None = None
    provisional_agenda: str | None = None


@dataclass(frozen=True)
class Picture:
    """An image's bytes, as content/marks/ holds it: a PNG or a JPEG (load/marks.py)."""

    data: bytes

    @property
    def media_type(self) -> str:
        return "image/png" if self.data.startswith(b"\x89PNG") else "image/jpeg"


@dataclass(frozen=True)
class Marks:
    """Page 1's images, where the project has them; None keeps the image's room empty."""

    emblem: Picture | None = None  # the UN emblem, beside "United Nations"
    recycle: Picture | None = None  # the "Please recycle" mark, at the foot of page 1


@dataclass(frozen=True)
class Front:
    """What every document's first page carries, and the language it is written in."""

    lang: str
    language: LanguageSpec  # numbering, dates, masthead language: the language as data
    masthead_language: LanguageSpec  # the language of the masthead's Distr. block
    specimen: bool
    unofficial: bool
    masthead: Masthead
    corner: CornerNotation
    title: Content
    marks: Marks = Marks()


@dataclass(frozen=True)
class Redline:
    """What a redline compares: two revisions, and who and when the changes are by."""

    base: str
    head: str
    author: str  # the head's: the changes are by them
    date: datetime
    base_author: str = ""
    base_date: datetime | None = None
    changes: tuple[str, ...] = ()  # the change summary, for the redline's cover block


@dataclass(frozen=True)
class Report:
    meeting_id: str
    front: Front
    chapters: tuple[Chapter, ...]
    notes: tuple[Note, ...]
    redline: Redline | None = None

    @property
    def lang(self) -> str:
        return self.front.lang

    def paragraphs(self) -> list[Paragraph]:
        return [
            paragraph
            for chapter in self.chapters
            for paragraph in (
                *chapter.paragraphs,
                *(p for s in chapter.sections for p in s.paragraphs),
            )
        ]
