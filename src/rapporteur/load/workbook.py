"""``import-status``, reading: the tracking workbook facilitators edited -> the edits it
makes to status.yaml, or every problem at its cell (``FILE.xlsx:Sheet!C12: message``).

The sheet is read through the columns it was written with (model.tracking). Only what a
facilitator changed is taken: each editable cell is compared with the value the sheet
was made with (its hidden base sheet), so a sheet made before someone else's edit of
status.yaml does not undo it; a cell changed on both sides is refused. An id, a number
or a read-only column that was edited is refused, never guessed at.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from rapporteur.diagnostics import display_path
from rapporteur.load.compilation_checks import bracket_problems
from rapporteur.load.content import Library
from rapporteur.model.compile import content
from rapporteur.model.plaintext import plain_text
from rapporteur.model.tracking import (
    BASE_SHEET,
    NAMES_SEPARATOR,
    SHEET_TITLE,
    columns,
    merged_into_id,
    state_names,
    tracking_sheet,
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
    cell: str = ""  # its ID cell, where a problem found later is reported


@dataclass
class SheetRead:
    edits: list[ItemEdit]
    sheet: str  # the sheet's title, for problems found once the edits are made
    missing: list[str]  # items of the compilation with no row in the sheet


def read_workbook(path: Path, library: Library, compilation_id: str) -> SheetRead:
    """The items a facilitator changed, as status.yaml should now have them."""
    from openpyxl import load_workbook

    if not path.is_file():
        raise WorkbookRefused([CellProblem(path, "-", "A1", "no such file")])
    try:
        workbook = load_workbook(path, data_only=True)
    except Exception as exc:  # openpyxl raises many kinds on a damaged or foreign file
        what = " ".join(f"{type(exc).__name__}: {exc}".split())[:160]
        raise WorkbookRefused(
            [CellProblem(path, "-", "A1", f"not a readable XLSX workbook ({what})")]
        ) from None
    reader = _Reader(path, workbook, library, compilation_id)
    read = reader.read()
    if reader.problems:
        raise WorkbookRefused(reader.problems)
    return read


class _Reader:
    """The status sheet, read row by row against its base and today's status.yaml."""

    def __init__(self, path: Path, workbook: Any, library: Library, compilation_id: str) -> None:
        self.path, self.compilation_id = path, compilation_id
        tracking = tracking_sheet(library, compilation_id)
        self.languages = tracking.languages
        self.cols = columns(tracking.lang, tracking.languages)
        title = _translated(tracking.lang, SHEET_TITLE)
        self.sheet = workbook[title] if title in workbook.sheetnames else workbook.worksheets[0]
        self.base_sheet = workbook[BASE_SHEET] if BASE_SHEET in workbook.sheetnames else None
        self.now = {row["id"]: row for row in tracking.rows}  # as status.yaml has it today
        self.by_number = {str(row["no"]): row["id"] for row in tracking.rows}
        self.states = {name: state for state, name in state_names(tracking.lang).items()}
        named = library.terms[tracking.lang].record.states
        self.codes = {name: code for code, name in named.items()} | {c: c for c in named}
        self.problems: list[CellProblem] = []

    def problem(self, cell: Any, message: str) -> None:
        self.problems.append(CellProblem(self.path, self.sheet.title, cell.coordinate, message))

    def read(self) -> SheetRead:
        header = self.header_row()
        if header is None:
            return SheetRead([], self.sheet.title, [])
        base = self.base()
        seen: dict[str, Any] = {}
        edits = []
        for cells in self.sheet.iter_rows(min_row=header + 1, max_col=len(self.cols)):
            if all(_text(c.value) == "" for c in cells):
                continue
            cell = dict(zip((c.key for c in self.cols), cells, strict=True))
            item_id = _text(cell["id"].value)
            if item_id in seen:
                where = seen[item_id].coordinate
                self.problem(cell["id"], f"'{item_id}' has two rows, {where} and this one")
                continue
            seen[item_id] = cell["id"]
            edit = self.row(cell, base.get(item_id))
            if edit is not None and edit.changes:
                edits.append(edit)
        missing = [item_id for item_id in self.now if item_id not in seen]
        return SheetRead(edits, self.sheet.title, missing)

    def header_row(self) -> int | None:
        wanted = [c.header for c in self.cols]
        rows = list(
            self.sheet.iter_rows(max_row=HEADER_SEARCH, max_col=len(wanted) + 1, values_only=True)
        )
        for index, row in enumerate(rows, start=1):
            if [_text(v) for v in row[: len(wanted)]] == wanted:
                return index
        # the row that starts as the header does: say which column is not the one written
        for index, row in enumerate(rows, start=1):
            found = [_text(v) for v in row]
            if found[:2] == wanted[:2]:
                column = next(i for i, w in enumerate(wanted) if found[i] != w)
                self.problems.append(
                    CellProblem(
                        self.path,
                        self.sheet.title,
                        f"{_letter(column)}{index}",
                        f"expected the column '{wanted[column]}' here, found "
                        f"'{found[column]}': columns may not be added, moved or removed",
                    )
                )
                return None
        headers = ", ".join(wanted[:4])
        self.problems.append(
            CellProblem(
                self.path,
                self.sheet.title,
                "A1",
                f"no header row ({headers}, …) in the first {HEADER_SEARCH} rows: not "
                f"the tracking workbook of '{self.compilation_id}' as it was written",
            )
        )
        return None

    def base(self) -> dict[str, dict[str, str]]:
        """The editable values as the sheet was made; without its base sheet (removed,
        or a sheet of an older version), today's status stands for it."""
        if self.base_sheet is None:
            return {}
        rows = list(self.base_sheet.iter_rows(values_only=True))
        if not rows:
            return {}
        keys = [_text(k) for k in rows[0]]
        return {_text(r[0]): dict(zip(keys, map(_text, r), strict=False)) for r in rows[1:]}

    def row(self, cell: dict[str, Any], base: dict[str, str] | None) -> ItemEdit | None:
        item_id = _text(cell["id"].value)
        if item_id not in self.now:
            self.problem(cell["id"], f"unknown item '{item_id}' (the ID column may not be edited)")
            return None
        now = self.now[item_id]
        if _text(cell["no"].value) != str(now["no"]):
            self.problem(
                cell["no"],
                f"the number of '{item_id}' was edited: it is No. {now['no']} "
                "(numbers are computed, never typed)",
            )
            return None
        count = len(self.problems)
        for column in self.cols:
            if column.editable or column.key in ("no", "id"):
                continue
            if _text(cell[column.key].value) != _text(now[column.key]):
                where = "amended:" + column.key.removeprefix("text:")
                instead = next((c.header for c in self.cols if c.key == where), None)
                self.problem(
                    cell[column.key],
                    f"'{column.header}' is not read back (it was '{_short(now[column.key])}')"
                    + (f": put an amendment in {instead}" if instead else ""),
                )
        final = {}
        for column in (c for c in self.cols if c.editable):
            typed, current = _text(cell[column.key].value), _text(now[column.key])
            made = base.get(column.key, current) if base is not None else current
            if typed == made:
                final[column.key] = current  # not edited here: status.yaml's value stands
                continue
            final[column.key] = typed
            if current not in (made, typed):
                self.problem(
                    cell[column.key],
                    f"changed in status.yaml since the sheet was made ('{_short(made)}' → "
                    f"'{_short(current)}'): export the sheet again and redo this edit there",
                )
        edit = self.interpret(item_id, final, cell)
        if edit is None or len(self.problems) > count:
            return None
        before = self.interpret(item_id, {k: _text(now[k]) for k in final}, cell)
        assert before is not None, item_id  # what the sheet was written with reads back
        edit.changes = self.changes(now, final, before, edit)
        edit.cell = cell["id"].coordinate
        return edit

    def interpret(self, item_id: str, values: dict[str, str], cell: dict) -> ItemEdit | None:
        """The structured values of a row's editable cells; every problem at its cell."""
        count = len(self.problems)
        name = values["status"]
        state = self.states.get(name)
        if state is None:
            allowed = ", ".join(self.states)
            said = f"unknown state '{_short(name)}'" if name else "the state is empty"
            self.problem(cell["status"], f"{said} (one of: {allowed})")
        into = self.merged_into(cell["merged_into"], item_id, state, values["merged_into"])
        parties = {k: self.parties(cell[k], values[k]) for k in ("proposed_by", "supported_by")}
        texts = self.amended(item_id, values, cell, state)
        if len(self.problems) > count or state is None or texts is None:
            return None
        return ItemEdit(
            item_id,
            state,
            into,
            texts,
            parties["proposed_by"] or [],
            parties["supported_by"] or [],
            values["comments"] or None,
        )

    def merged_into(self, cell: Any, item_id: str, state: str | None, written: str) -> str | None:
        if state != "merged":
            if written and state is not None:
                self.problem(cell, f"'{item_id}' is not merged: leave this empty")
            return None
        if not written:
            self.problem(cell, f"'{item_id}' is merged but says not into what")
            return None
        target = merged_into_id(written)
        number = written.split("(")[0].strip()
        into = target if target in self.now else self.by_number.get(target)
        if into is None:
            self.problem(cell, f"merged into unknown item '{_short(written)}'")
        elif into == item_id:
            self.problem(cell, f"'{item_id}' is merged into itself")
        elif "(" in written and number and number != str(self.now[into]["no"]):
            self.problem(cell, f"'{into}' is No. {self.now[into]['no']}, not No. {number}")
        else:
            return into
        return None

    def parties(self, cell: Any, written: str) -> list[str] | None:
        # the sheet's separator, or a comma or a line break typed instead
        separator = NAMES_SEPARATOR.strip()
        names = [
            n.strip()
            for n in written.replace(",", separator).replace("\n", separator).split(separator)
        ]
        unknown = [n for n in names if n and n not in self.codes]
        if unknown:
            self.problem(cell, f"unknown State '{_short(unknown[0])}' (name it as terms.yaml does)")
            return None
        return list(dict.fromkeys(self.codes[n] for n in names if n))  # each State once

    def amended(
        self, item_id: str, values: dict[str, str], cell: dict, state: str | None
    ) -> dict[str, str] | None:
        """The amended texts by language. A cell left empty, or holding the report's
        text, amends nothing; once one language is amended, every language needs a
        text (the report's, where its cell repeats it)."""
        reports = {lang: _text(self.now[item_id][f"text:{lang}"]) for lang in self.languages}
        typed = {lang: values[f"amended:{lang}"] for lang in self.languages}
        amended = {lang: t for lang, t in typed.items() if t and t != reports[lang]}
        if not amended:
            texts: dict[str, str] = {}
        else:
            texts = {lang: typed[lang] or "" for lang in self.languages}
            for lang, text in texts.items():
                where = cell[f"amended:{lang}"]
                if not text:
                    header = next(c.header for c in self.cols if c.key == f"amended:{lang}")
                    self.problem(where, f"an amended text needs every language: fill {header}")
                for message in bracket_problems(text):
                    self.problem(where, message)
        if state == "agreed":
            for lang in self.languages:
                shown = plain_text(content(texts.get(lang) or reports[lang]))
                if "[" in shown or "]" in shown:
                    self.problem(
                        cell[f"amended:{lang}"],
                        f"'{item_id}' is agreed but its {lang} text still has [brackets]",
                    )
        return texts

    def changes(
        self, now: dict, final: dict[str, str], before: ItemEdit, after: ItemEdit
    ) -> list[str]:
        """ "No. 7 'id': Status: Proposed → Agreed", for each value that changes."""
        differs = {
            "status": before.state != after.state,
            "merged_into": before.into != after.into,
            "proposed_by": before.proposed_by != after.proposed_by,
            "supported_by": before.supported_by != after.supported_by,
            "comments": before.comments != after.comments,
        }
        for lang in self.languages:
            differs[f"amended:{lang}"] = before.texts.get(lang) != after.texts.get(lang)
        return [
            f"No. {now['no']} '{now['id']}': {column.header}: "
            f"{_short(_text(now[column.key]))} → {_short(final[column.key])}"
            for column in self.cols
            if differs.get(column.key)
        ]


def _translated(lang: str, message: str) -> str:
    from rapporteur.i18n import translations

    return translations(lang).gettext(message)


def _letter(index: int) -> str:
    from openpyxl.utils import get_column_letter

    return get_column_letter(index + 1)


def _short(text: object) -> str:
    """A value as a message quotes it: on one line, and not too long."""
    flat = " ".join(str(text).split())
    return "—" if not flat else flat if len(flat) <= 60 else flat[:59] + "…"


def _text(value: Any) -> str:
    """A cell as text: a number typed or kept as one (7, 7.0) reads "7"."""
    if value is None:
        return ""
    if isinstance(value, float) and value.is_integer():
        return str(int(value))
    return str(value).strip()
