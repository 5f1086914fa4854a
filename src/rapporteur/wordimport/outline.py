"""A DOCX made elsewhere read as a report's outline: the paragraphs before the first
chapter (masthead, corner notation, titles), then chapters, sections, numbered
paragraphs, items and nested items, from typed labels or Word's list numbering.

This is the reader half of a new meeting's import (Pandoc's reader → AST): it knows
labels and sequence, nothing of the content files.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from rapporteur.load.schema import LanguageSpec
from rapporteur.wordimport.docx_reader import Paragraph
from rapporteur.wordimport.labels import LabelReader

# A Word list level's number format → the levels it can number.
LIST_FORMATS = {
    "decimal": ("paragraph", "agenda_item"),
    "decimalZero": ("paragraph", "agenda_item"),
    "lowerLetter": ("item", "agenda_subitem"),
    "lowerRoman": ("nested",),
    "upperRoman": ("chapter",),
    "upperLetter": ("section",),
    "chineseCounting": ("chapter", "nested"),
    "chineseCountingThousand": ("chapter", "nested"),
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
        # Typed chapter labels ("I.", "一.") make headings by their labels; without them,
        # by their styles (Heading 1 a chapter, Heading 2 and below a section).
        typed = any(self.labels.read(p.text)[0].get("chapter") == 1 for p in paragraphs)
        for paragraph in paragraphs:
            text = paragraph.text.strip()
            if not text:
                continue
            readings, rest = self.labels.read(text)
            if not readings and paragraph.numbering in LIST_FORMATS:  # Word numbers it
                readings = {level: 0 for level in LIST_FORMATS[paragraph.numbering]}
            heading = None if typed else _heading_level(paragraph.style)
            level = self._level(readings, heading)
            number = readings.get(level or "", 0)
            if (
                level is None
                and heading in {"chapter", "section"}
                and (self.chapters or heading == "chapter")
            ):
                level, rest = heading, text  # a heading by its style alone
            if level is None and not self.chapters:
                self.front.append(text)
            elif level == "chapter":
                self.chapters.append(Chapter(rest, number))
                self.open = []
            elif level == "section":
                self.chapters[-1].sections.append(Section(rest))
                self.open = []
            elif level is None:
                self.warnings.append(f"a paragraph without a number is made one: {_short(text)}")
                self._add(Entry("paragraph", text))
            else:
                self._add(Entry(level, rest))
        return Outline(self.front, self.chapters, self.warnings)

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

    def _level(self, readings: dict[str, int], heading: str | None) -> str | None:
        """The reading that continues the sequence: a continuation before a new start,
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
            if readings and self.chapters:
                shown = ", ".join(sorted(readings))
                self.warnings.append(f"a label out of sequence ({shown}) is taken as a paragraph")
                return "paragraph"
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
        fitting.sort(key=lambda f: (f[1] == 1, -order.index(f[0])))
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
