"""``import-status``, reading: the tracking workbook facilitators edited -> the edits it
makes to status.yaml, or every problem at its cell (``FILE.xlsx:Sheet!C12: message``).

The sheet is read through the columns it was written with (model.tracking); only the
editable ones are taken: status, merged into, proposed by, supported by, comments, and
the amended texts. An id or a number that was edited is refused, never guessed at.
"""

from __future__ import annotations

import zipfile
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapporteur.diagnostics import display_path
from rapporteur.load.compilation_checks import bracket_problems, compilation_languages
from rapporteur.load.content import Library
from rapporteur.model.compile import assemble_compilation
from rapporteur.model.tracking import (
    Column,
    columns,
    merged_into_id,
    sheet_rows,
    state_names,
)

HEADER_SEARCH = 20  # the header row is looked for among the first rows


@dataclass(frozen=True)
class CellProblem:
    file: Path
    sheet: str
    cell: str  # "C12"
    message: str

    def __str__(self) -> str:
        return f"{display_path(self.file)}:{self.sheet}!{self.cell}: {self.message}"


class WorkbookRefused(Exception):
    def __init__(self, problems: list[CellProblem]) -> None:
        super().__init__("\n".join(map(str, problems)))
        self.problems = problems


@dataclass
class ItemEdit:
    """An item's negotiation as the sheet now has it, for status.yaml."""

    id: str
    state: str
    into: str | None
    texts: dict[str, str]  # amended text by language; {} when the item is not amended
    proposed_by: list[str] = field(default_factory=list)
    supported_by: list[str] = field(default_factory=list)
    comments: str | None = None
    changes: list[str] = field(default_factory=list)  # what differs, for the summary


def sheet_of(library: Library, compilation_id: str) -> tuple[str, list[str], list[dict]]:
    """The sheet's language, its languages (its own first) and its rows, as written."""
    compilation = library.compilations[compilation_id]
    record = compilation.compilation.record
    languages = compilation_languages(library, compilation)
    sheet_lang = record.original_language if record.original_language in languages else languages[0]
    ordered = sorted(languages, key=lambda lang: lang != sheet_lang)
    by_lang = {lang: assemble_compilation(library, compilation_id, lang) for lang in ordered}
    state_of = library.terms[sheet_lang].record.states
    return sheet_lang, ordered, sheet_rows(by_lang, sheet_lang, state_of)


def read_workbook(path: Path, library: Library, compilation_id: str) -> list[ItemEdit]:
    """The items whose editable cells differ from what the sheet was written with."""
    from openpyxl import load_workbook
    from openpyxl.utils.exceptions import InvalidFileException

    try:
        workbook = load_workbook(path, data_only=True)
    except (InvalidFileException, zipfile.BadZipFile, KeyError, ValueError, OSError) as exc:
        raise WorkbookRefused(
            [CellProblem(path, "-", "A1", f"not an XLSX workbook ({type(exc).__name__})")]
        ) from None
    reader = _Reader(path, workbook.worksheets[0], library, compilation_id)
    edits = reader.edits()
    if reader.problems:
        raise WorkbookRefused(reader.problems)
    return edits


class _Reader:
    """One sheet, read row by row against the rows it was written with."""

    def __init__(self, path: Path, sheet: Any, library: Library, compilation_id: str) -> None:
        self.path, self.sheet, self.compilation_id = path, sheet, compilation_id
        sheet_lang, self.languages, written = sheet_of(library, compilation_id)
        self.cols = columns(sheet_lang, self.languages)
        self.written = {row["id"]: row for row in written}
        self.by_number = {str(row["no"]): row["id"] for row in written}
        self.states = {name: state for state, name in state_names(sheet_lang).items()}
        states_named = library.terms[sheet_lang].record.states
        self.codes = {name: code for code, name in states_named.items()}
        self.codes |= {code: code for code in states_named}  # a code typed is a code
        self.problems: list[CellProblem] = []

    def problem(self, cell: Any, message: str) -> None:
        self.problems.append(CellProblem(self.path, self.sheet.title, cell.coordinate, message))

    def edits(self) -> list[ItemEdit]:
        header = _header_row(self.sheet, self.cols)
        if header is None:
            headers = ", ".join(c.header for c in self.cols[:4])
            self.problems.append(
                CellProblem(
                    self.path,
                    self.sheet.title,
                    "A1",
                    f"no header row ({headers}, …) in the first {HEADER_SEARCH} rows: not "
                    f"the tracking workbook of '{self.compilation_id}' as it was written",
                )
            )
            return []
        edits = []
        for cells in self.sheet.iter_rows(min_row=header + 1, max_col=len(self.cols)):
            if all(_text(c.value) == "" for c in cells):
                continue
            cell = dict(zip((c.key for c in self.cols), cells, strict=True))
            edit = self.row(cell)
            if edit is not None and edit.changes:
                edits.append(edit)
        return edits

    def row(self, cell: dict[str, Any]) -> ItemEdit | None:
        item_id = _text(cell["id"].value)
        if item_id not in self.written:
            self.problem(cell["id"], f"unknown item '{item_id}' (the ID column may not be edited)")
            return None
        was = self.written[item_id]
        if _text(cell["no"].value) != str(was["no"]):
            self.problem(
                cell["no"],
                f"the number of '{item_id}' was edited: it is No. {was['no']} "
                "(numbers are computed, never typed)",
            )
            return None
        state_name = _text(cell["status"].value)
        if state_name not in self.states:
            allowed = ", ".join(self.states)
            self.problem(cell["status"], f"unknown state '{state_name}' (one of: {allowed})")
            return None
        state = self.states[state_name]
        into = self.merged_into(cell, item_id, state, state_name)
        parties = {key: self.parties(cell[key]) for key in ("proposed_by", "supported_by")}
        texts = self.amended(cell, was)
        if into is False or None in parties.values() or texts is None:
            return None
        if state == "agreed":
            for lang in self.languages:
                shown = texts.get(lang) or was[f"amended:{lang}"] or was[f"text:{lang}"]
                if "[" in shown or "]" in shown:
                    self.problem(
                        cell[f"amended:{lang}"],
                        f"'{item_id}' is agreed but its {lang} text still has [brackets]",
                    )
                    return None
        edit = ItemEdit(
            item_id,
            state,
            into or None,
            texts,
            parties["proposed_by"] or [],
            parties["supported_by"] or [],
            _text(cell["comments"].value) or None,
        )
        edit.changes = self.changes(cell, was)
        return edit

    def merged_into(self, cell: dict, item_id: str, state: str, state_name: str) -> str | bool:
        """The id merged into ("" when not merged), or False after a problem."""
        written = _text(cell["merged_into"].value)
        if state != "merged":
            if written:
                self.problem(cell["merged_into"], f"'{item_id}' is {state_name}: leave this empty")
                return False
            return ""
        if not written:
            self.problem(cell["merged_into"], f"'{item_id}' is merged but says not into what")
            return False
        target = merged_into_id(written)
        into = target if target in self.written else self.by_number.get(target)
        if into is None or into == item_id:
            self.problem(cell["merged_into"], f"merged into unknown item '{written}'")
            return False
        return into

    def parties(self, cell: Any) -> list[str] | None:
        names = [n.strip() for n in _text(cell.value).replace(",", ";").split(";")]
        unknown = [n for n in names if n and n not in self.codes]
        if unknown:
            self.problem(cell, f"unknown State '{unknown[0]}' (name it as terms.yaml does)")
            return None
        return [self.codes[n] for n in names if n]

    def amended(self, cell: dict, was: dict) -> dict[str, str] | None:
        """The amended texts by language: a cell left empty, or holding the report's
        text again, amends nothing; one language amended needs them all."""
        texts = {}
        for lang in self.languages:
            amended = _text(cell[f"amended:{lang}"].value)
            if amended and amended != was[f"text:{lang}"]:
                texts[lang] = amended
        for lang in self.languages:
            where = cell[f"amended:{lang}"]
            if texts and lang not in texts:
                header = next(c.header for c in self.cols if c.key == f"amended:{lang}")
                self.problem(where, f"an amended text needs every language: fill {header}")
                return None
            for message in bracket_problems(texts.get(lang, "")):
                self.problem(where, message)
                return None
        return texts

    def changes(self, cell: dict, was: dict) -> list[str]:
        """ "No. 7 'id': Status: Proposed → Agreed", for each editable cell changed."""
        out = []
        for column in (c for c in self.cols if c.editable):
            before, now = _text(was[column.key]), _text(cell[column.key].value)
            if column.key.startswith("amended:"):
                report = _text(was["text:" + column.key.removeprefix("amended:")])
                now = "" if now == report else now
            if now != before:
                out.append(
                    f"No. {was['no']} '{was['id']}': {column.header}: "
                    f"{_short(before)} → {_short(now)}"
                )
        return out


def _short(text: str) -> str:
    return "—" if not text else text if len(text) <= 60 else text[:59] + "…"


def _header_row(sheet: Any, cols: list[Column]) -> int | None:
    wanted = [c.header for c in cols]
    for index, row in enumerate(
        sheet.iter_rows(max_row=HEADER_SEARCH, max_col=len(cols), values_only=True), start=1
    ):
        if [_text(v) for v in row] == wanted:
            return index
    return None


def _text(value: Any) -> str:
    """A cell as text: a number typed or kept as one (7, 7.0) reads "7"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
