"""The document model of a compilation: themes, each a table of numbered items.

Every item keeps its provenance: the symbol of the meeting's report and the paragraph
number and item labels it has there, in this language.
"""

from __future__ import annotations

import functools
from dataclasses import dataclass, replace
from datetime import datetime

from rapporteur.model.document import Content, Front, Paragraph, Redline
from rapporteur.text import join_pair

# The compilation as issued before the meeting (its texts, no status); the status edition
# of the meeting day (every item proposed since, the state of each, amendments marked);
# the list of adopted items, a document of its own.
EDITIONS = ("issued", "status", "adopted")


@dataclass(frozen=True)
class Provenance:
    symbol: str
    paragraph: int
    labels: tuple[str, ...]  # ("(n)", "(一)"): the item's labels in its report

    @property
    def reference(self) -> str:
        """ "9 (n) (i)", "9 (n) (一)": paragraph and labels, spaced as the script wants."""
        return functools.reduce(join_pair, self.labels, str(self.paragraph))


@dataclass(frozen=True)
class Row:
    id: str
    number: str  # "7", or "7 bis" for an item proposed during the meeting
    content: Content  # the text as it stands: amended during the meeting, or the report's
    state: str  # proposed, agreed-ad-referendum, agreed, deleted, merged
    source: Provenance | None  # None: proposed during the stocktaking meeting
    merged_into: str | None = None  # the number of the item it was merged into
    amended: bool = False
    original: Content | None = None  # an amended item's text in its report
    lead_in: str | None = None  # a nested item: the id of the item whose list it is in
    merged_into_id: str | None = None  # the id of the item it was merged into
    # In the adopted list: an item under its lead-in is labelled, not numbered; a lead-in
    # that was not adopted stands for context, unnumbered, before its adopted items.
    label: str | None = None
    context: bool = False
    # What the secretariat notes during the meeting (status.yaml), for the workbook.
    proposed_by: tuple[str, ...] = ()  # States, by code
    supported_by: tuple[str, ...] = ()
    comments: str | None = None
    change: str | None = None  # in a redline: inserted, deleted, moved, moved-away
    previous_state: str | None = None  # in a redline: the state at the base revision,
    previous_merged_into: str | None = None  # what it was merged into there (base numbering)
    previous_amended: bool = False  # and whether it was amended there
    previous_source: Provenance | None = None  # in a redline: the source it had there

    @property
    def anchor(self) -> str:
        return f"item-{self.id}"

    @property
    def amendment(self) -> Content:
        """The report's text with the meeting's amendment marked in it, word by word."""
        if self.original is None:
            return self.content
        from rapporteur.review.words import diff_content

        return diff_content(self.original, self.content)


@dataclass(frozen=True)
class ThemeTable:
    id: str
    label: str
    title: str
    rows: tuple[Row, ...]
    continued: bool = False  # in a part of the document: the heading stood in an earlier part
    change: str | None = None  # in a redline: the whole theme inserted or deleted
    title_change: Content | None = None  # in a redline: its heading's text, changes marked

    @property
    def anchor(self) -> str:
        return f"theme-{self.id}"


@dataclass(frozen=True)
class Compilation:
    compilation_id: str
    front: Front
    introduction: tuple[Paragraph, ...]
    themes: tuple[ThemeTable, ...]
    as_of: datetime | None
    edition: str  # one of EDITIONS
    notes: tuple = ()
    redline: Redline | None = None
    previous_as_of: datetime | None = None  # in a redline: the status time at the base
    sources: bool = True  # a column with each item's report and paragraph

    @property
    def lang(self) -> str:
        return self.front.lang

    @property
    def adopted(self) -> bool:
        return self.edition == "adopted"

    @property
    def with_status(self) -> bool:
        """The status edition, and the adopted list: the status time is printed."""
        return self.edition != "issued"

    def rows(self) -> list[Row]:
        return [row for theme in self.themes for row in theme.rows]

    def units(self) -> list[str]:
        """The anchors where a page of the tables may start: headings and rows, in order."""
        return [
            anchor
            for theme in self.themes
            for anchor in (theme.anchor, *(row.anchor for row in theme.rows))
        ]

    def part(self, start: int, stop: int) -> Compilation:
        """The same compilation with only ``units()[start:stop]`` in its tables.

        A theme whose heading falls before ``start`` is marked ``continued``; the
        introduction stays, and templates show it only in the first part.
        """
        themes = []
        index = 0
        for theme in self.themes:
            heading, first_row = index, index + 1
            index = first_row + len(theme.rows)
            if index <= start or heading >= stop:
                continue
            rows = theme.rows[max(start - first_row, 0) : max(stop - first_row, 0)]
            # a heading without its rows waits for the next part; a theme with no rows at
            # all (nothing adopted in it) stands with its heading
            if rows or (not theme.rows and start <= heading < stop):
                themes.append(replace(theme, rows=rows, continued=heading < start))
        return replace(self, themes=tuple(themes))
