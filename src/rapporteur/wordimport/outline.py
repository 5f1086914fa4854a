"""A DOCX made elsewhere read as a report's outline: the paragraphs before the first
chapter (masthead, corner notation, titles), then chapters, sections, numbered
paragraphs, items and nested items, from typed labels or Word's list numbering.

This is the reader half of a new meeting's import (Pandoc's reader → AST): it knows
labels and sequence, nothing of the content files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapporteur.load.schema import LanguageSpec
from rapporteur.text import join_pair
from rapporteur.wordimport.docx_reader import Paragraph
from rapporteur.wordimport.labels import LabelReader

# A Word list level's number format → the levels it can number.
# (one level each: Word numbers every paragraph of a list alike, and a number of its own
# would fit any level; an agenda list numbered by Word reads as items)
LIST_FORMATS = {
    "decimal": ("paragraph",),
    "decimalZero": ("paragraph",),
    "lowerLetter": ("item",),
    "lowerRoman": ("nested",),
    "upperRoman": ("chapter",),
    "upperLetter": ("section",),
    "chineseCounting": ("nested",),
    "chineseCountingThousand": ("nested",),
    "ideographTraditional": ("nested",),
}
# Where each level stands: what it continues, deepest last.
DEPTH = {"paragraph": 0, "agenda_item": 1, "item": 1, "agenda_subitem": 2, "nested": 2}


@dataclass
class Entry:
    """A numbered paragraph, an item or a nested item; an agenda list's entries are
    ``agenda_item`` and ``agenda_subitem``."""

    level: str
    text: str  # in content markup, the label taken off
    children: list[Entry] = field(default_factory=list)


@dataclass
class Section:
    title: str
    entries: list[Entry] = field(default_factory=list)


@dataclass
class Chapter:
    title: str
    number: int  # as its label says; 0 where a Heading style made it a chapter
    opening: list[Entry] = field(default_factory=list)
    sections: list[Section] = field(default_factory=list)

    @property
    def entries(self) -> list[Entry]:
        return self.opening + [e for s in self.sections for e in s.entries]


@dataclass
class Outline:
    front: list[str]  # the paragraphs before the first chapter, in markup
    chapters: list[Chapter]
    warnings: list[str]


def read_outline(paragraphs: list[Paragraph], spec: LanguageSpec) -> Outline:
    return _Builder(LabelReader(spec)).run(paragraphs)


class _Builder:
    def __init__(self, labels: LabelReader) -> None:
        self.labels = labels
        self.front: list[str] = []
        self.chapters: list[Chapter] = []
        self.warnings: list[str] = []
        self.paragraphs = 0  # numbered so far, through the whole report
        self.open: list[Entry] = []  # the entries the next one may continue, outermost first

    def run(self, paragraphs: list[Paragraph]) -> Outline:
        # a table of contents lists the headings again: not the report's text
        paragraphs = [p for p in paragraphs if not p.style.startswith("toc") and p.text.strip()]
        read = [self._read(p) for p in paragraphs]
        # Typed chapter labels ("I.", "一.") make headings by their labels; without them,
        # by their styles (Heading 1 a chapter, Heading 2 and below a section).
        typed = any(readings.get("chapter") == 1 for readings, _ in read)
        for index, (paragraph, (readings, rest)) in enumerate(zip(paragraphs, read, strict=True)):
            text = normalized_label_text(paragraph.text)
            style = _heading_level(paragraph.style)
            # styles sort out labels only where no chapter label is typed; after the first
            # chapter, a heading style still makes an unlabelled paragraph a heading
            hint = None if typed else style
            following = read[index + 1][0] if index + 1 < len(read) else {}
            level = self._level(readings, hint, following)
            if level is None and readings and paragraph.numbering in LIST_FORMATS:
                readings, rest = self._listed(paragraph), text  # a typed "M." is text
                level = self._level(readings, hint, following)
            number = readings.get(level or "", 0)
            if (
                level is None
                and style in {"chapter", "section"}
                and (self.chapters or (style == "chapter" and not typed))
            ):
                level, rest = style, text  # a heading by its style alone
            if level is None and not self.chapters:
                self.front.append(text)
            elif level == "chapter":
                self.chapters.append(Chapter(rest, number))
                self.open = []
            elif level == "section":
                self.chapters[-1].sections.append(Section(rest))
                self.open = []
            elif not (rest if level else text).strip():
                self.warnings.append(f"an empty numbered paragraph is left out ({text})")
                if level == "paragraph":
                    self.paragraphs += 1  # its number is taken: the next one follows it
            elif level is None and not readings and self.open:
                # no number: the numbered paragraph (or item) before it goes on
                self.warnings.append(
                    f"a paragraph without a number joins the one before it: {_short(text)}"
                )
                self.open[-1].text = join_pair(self.open[-1].text, text)
            elif level is None:
                if readings:
                    shown = ", ".join(sorted(readings))
                    self.warnings.append(
                        f"a label out of sequence ({shown}) is kept as text: {_short(text)}"
                    )
                else:
                    self.warnings.append(
                        f"a paragraph without a number is made one: {_short(text)}"
                    )
                self._add(Entry("paragraph", text))
            else:
                self._add(Entry(level, rest))
        return Outline(self.front, self.chapters, self.warnings)

    def _read(self, paragraph: Paragraph) -> tuple[dict[str, int], str]:
        """A paragraph's readings: its typed label's, or its Word list level's."""
        text = normalized_label_text(paragraph.text)
        readings, rest = self.labels.read(text)
        if readings:
            # a heading is a title: "A. Smith chaired the meeting." is a sentence
            if not _heading_shaped(rest):
                readings = {k: n for k, n in readings.items() if k not in {"chapter", "section"}}
            if readings:
                return readings, rest
        if paragraph.numbering in LIST_FORMATS:
            return self._listed(paragraph), text
        return {}, text

    @staticmethod
    def _listed(paragraph: Paragraph) -> dict[str, int]:
        return {level: 0 for level in LIST_FORMATS.get(paragraph.numbering or "", ())}

    def _expected(self, level: str) -> int | None:
        """The number ``level`` would have next here; None where it cannot stand."""
        if level == "chapter":
            return len(self.chapters) + 1
        if level == "section":
            return len(self.chapters[-1].sections) + 1 if self.chapters else None
        if level == "paragraph":
            return self.paragraphs + 1 if self.chapters else None
        parent = next((e for e in reversed(self.open) if DEPTH[e.level] == DEPTH[level] - 1), None)
        if parent is None:
            return None
        kinds = {e.level for e in parent.children}
        agenda = level.startswith("agenda")
        if kinds and (("agenda_item" in kinds or "agenda_subitem" in kinds) != agenda):
            return None  # an agenda list and items do not mix
        if agenda and level == "agenda_subitem" and parent.level != "agenda_item":
            return None
        if level == "nested" and parent.level != "item":
            return None
        return len(parent.children) + 1

    def _level(
        self, readings: dict[str, int], heading: str | None, following: dict[str, int]
    ) -> str | None:
        """The reading that continues the sequence: a continuation before a new start
        (unless the next label continues the new start: "(i)" then "(ii)" under "(h)"),
        a deeper level before a shallower one, a heading where the style says so."""
        fitting = [
            (level, n)
            for level, n in readings.items()
            if (expected := self._expected(level)) is not None
            # chapters a report leaves out are skipped ("I." then "V."), after the first
            and (n in (0, expected) or (level == "chapter" and n > expected > 1))
        ]
        if heading:
            fitting = [f for f in fitting if f[0] == heading] or fitting
        if not fitting:
            return None
        order = [
            "chapter",
            "section",
            "paragraph",
            "agenda_item",
            "item",
            "agenda_subitem",
            "nested",
        ]
        started = {level for level, n in fitting if n == 1 and following.get(level) == 2}
        fitting.sort(key=lambda f: (f[0] not in started, f[1] == 1, -order.index(f[0])))
        return fitting[0][0]

    def _add(self, entry: Entry) -> None:
        if entry.level == "paragraph":
            self.paragraphs += 1
            chapter = self.chapters[-1]
            (chapter.sections[-1].entries if chapter.sections else chapter.opening).append(entry)
            self.open = [entry]
            return
        depth = DEPTH[entry.level]
        self.open = self.open[:depth]
        self.open[-1].children.append(entry)
        self.open.append(entry)


def _heading_shaped(title: str) -> bool:
    """Whether text after a chapter's or section's label reads as a title: it does not
    end a sentence."""
    return bool(title.strip()) and title.rstrip()[-1] not in ".。!?！？"


def normalized_label_text(text: str) -> str:
    """A paragraph's text without the invisible characters that may stand before its
    label (a byte-order mark, direction marks)."""
    return text.strip().lstrip("\ufeff\u200e\u200f\u061c\u2066\u2067\u2068\u2069").strip()


def _heading_level(style: str) -> str | None:
    """What a paragraph style says of a heading: "heading 1" a chapter's, "heading 2"
    and below a section's. ("title" is the document's title, on page 1.)"""
    if style == "heading 1":
        return "chapter"
    if style.startswith("heading "):
        return "section"
    return None


def _short(text: str) -> str:
    return text if len(text) <= 40 else text[:39] + "…"
