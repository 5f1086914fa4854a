"""The tracking workbook: a sheet laid out for facilitators, and ``import-status``
reading their edits back into status.yaml, or refusing them cell by cell."""

from __future__ import annotations

import shutil
import subprocess
from pathlib import Path

import openpyxl
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from openpyxl.utils import get_column_letter

from rapporteur import cli
from rapporteur.i18n import translations
from rapporteur.load.compilation_checks import compilation_languages
from rapporteur.load.loader import load_library
from rapporteur.model.compile import assemble_compilation
from rapporteur.model.plaintext import plain_text
from rapporteur.model.tracking import columns, state_names
from rapporteur.render.dates import in_running_text, moment
from rapporteur.render.environment import capitalize_first, language_name

STOCKTAKING = "2021-stocktaking"


def build_workbook(content: Path, out: Path) -> Path:
    assert cli.build(content, out, compilations=[STOCKTAKING], formats=["xlsx"], quiet=True) == 0
    return out / "compilations" / f"{STOCKTAKING}.xlsx"


class Sheet:
    """The workbook's first sheet, its cells found by header and item id."""

    def __init__(self, path: Path) -> None:
        self.book = openpyxl.load_workbook(path)
        self.sheet = self.book.worksheets[0]
        self.header = next(
            row[0].row
            for row in self.sheet.iter_rows(max_row=20)
            if row[1].value is not None and row[2].value is not None
        )
        self.columns = {c.value: c.column for c in self.sheet[self.header] if c.value}
        self.rows = {
            self.sheet.cell(row, self.columns["ID"]).value: row
            for row in range(self.header + 1, self.sheet.max_row + 1)
        }

    def cell(self, item_id: str, header: str):
        return self.sheet.cell(self.rows[item_id], self.columns[header])

    def where(self, item_id: str, header: str) -> str:
        return f"{self.sheet.title}!{self.cell(item_id, header).coordinate}"

    def save(self, path: Path) -> Path:
        self.book.save(path)
        return path


def original_language(content: Path) -> str:
    library = load_library(content)
    return library.compilations[STOCKTAKING].compilation.record.original_language


def test_the_sheet_is_laid_out_for_people(content: Path, tmp_path: Path) -> None:
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    text = status.read_text(encoding="utf-8")
    status.write_text(
        text.replace(
            "  leg-new-instrument:\n    state: proposed\n",
            "  leg-new-instrument:\n    state: proposed\n    proposed_by: [CHN, BRA]\n"
            "    comments: Consultations continue.\n",
        ),
        encoding="utf-8",
    )
    library = load_library(content)
    comp = library.compilations[STOCKTAKING]
    lang = comp.compilation.record.original_language
    langs = compilation_languages(library, comp)
    langs.sort(key=lambda other: other != lang)
    model = assemble_compilation(library, STOCKTAKING, lang)
    sheet = Sheet(build_workbook(content, tmp_path / "build"))
    ws = sheet.sheet
    # title rows: the symbol, the title, the status time
    assert ws["A1"].value == comp.compilation.record.symbol
    assert ws["A2"].value == plain_text(model.front.title)
    spec = library.languages.record.root[lang]
    time = in_running_text(moment(model.as_of, spec))
    assert ws["A3"].value == translations(lang).gettext("Status as at %(time)s") % {"time": time}
    # readable headers, in the sheet's language, frozen and filtered
    assert [c.value for c in ws[sheet.header]] == [c.header for c in columns(lang, langs)]
    assert all(c.font.bold for c in ws[sheet.header])
    assert ws.freeze_panes.endswith(str(sheet.header + 1))
    assert ws.auto_filter.ref.startswith(f"A{sheet.header}:")
    assert ws.auto_filter.ref.endswith(str(ws.max_row))
    # printing: landscape A4, the header on every page, fitted to the width
    assert ws.print_title_rows == f"${sheet.header}:${sheet.header}"
    assert ws.page_setup.orientation == "landscape"
    assert str(ws.page_setup.paperSize) == ws.PAPERSIZE_A4 == "9"
    assert ws.sheet_properties.pageSetUpPr.fitToPage and int(ws.page_setup.fitToWidth) == 1
    # the other languages' texts: a collapsed group of columns, hidden until opened
    hidden = {
        get_column_letter(col)
        for dim in ws.column_dimensions.values()
        if dim.hidden and dim.outline_level == 1
        for col in range(dim.min, dim.max + 1)
    }
    for header, column in sheet.columns.items():
        own = header.endswith(f"({capitalize_first(language_name(lang, lang))})")
        if header.startswith(("Text (", "Amended text (")):
            assert (get_column_letter(column) in hidden) == (not own), header
        else:
            assert get_column_letter(column) not in hidden, header
    assert ws.oddHeader.right.text == comp.compilation.record.symbol  # on every page
    assert ws.oddFooter.center.text == "&P / &N"
    # one row per item, in order; numbers are numbers, and the sort key keeps the order
    rows = model.rows()
    assert list(sheet.rows) == [r.id for r in rows]
    keys = [sheet.cell(r.id, "Sort key").value for r in rows]
    assert keys == sorted(keys) and len(set(keys)) == len(keys)
    names = state_names(lang)
    validation = ws.data_validations.dataValidation[0]
    assert validation.formula1 == '"' + ",".join(names.values()) + '"'
    status_letter = get_column_letter(sheet.columns["Status"])
    assert str(validation.sqref) == f"{status_letter}{sheet.header + 1}:{status_letter}{ws.max_row}"
    for row in rows:
        number = sheet.cell(row.id, "No.").value
        assert number == (int(row.number) if row.number.isdigit() else row.number)
        assert sheet.cell(row.id, "Status").value == names[row.state]
        merged = sheet.cell(row.id, "Merged into").value
        assert merged == (f"{row.merged_into} ({row.merged_into_id})" if row.merged_into else None)
        original = row.original if row.original is not None else row.content
        texts = [sheet.cell(row.id, h) for h in sheet.columns if h.startswith("Text (")]
        assert texts[0].value == plain_text(original)
        amended = sheet.cell(row.id, next(h for h in sheet.columns if h.startswith("Amended")))
        assert amended.value == (plain_text(row.content) if row.original is not None else None)
        assert texts[0].alignment.wrap_text and texts[0].alignment.vertical == "top"
    assert any(r.merged_into for r in rows) and any(r.original is not None for r in rows)
    states = library.terms[lang].record.states
    assert sheet.cell("leg-new-instrument", "Proposed by").value == "; ".join(
        states[c] for c in ("CHN", "BRA")
    )
    assert sheet.cell("leg-new-instrument", "Comments").value == "Consultations continue."


def test_importing_the_sheet_unchanged_changes_nothing(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    before = status.read_bytes()
    workbook = build_workbook(content, tmp_path / "build")
    assert cli.import_status(content, workbook) == 0
    assert "no changes" in capsys.readouterr().out
    assert status.read_bytes() == before


def test_import_refuses_every_problem_at_its_cell(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    before = status.read_bytes()
    sheet = Sheet(build_workbook(content, tmp_path / "build"))
    names = state_names(original_language(content))
    amended = [h for h in sheet.columns if h.startswith("Amended")]
    sheet.cell("leg-new-instrument", "Status").value = "Agred"
    number = sheet.cell("crim-core-offences", "No.").value
    sheet.cell("crim-core-offences", "No.").value = 99
    sheet.cell("ev-preservation", "Status").value = names["merged"]
    sheet.cell("leg-sovereignty", "Status").value = names["agreed"]  # its text has [brackets]
    sheet.cell("pr-schools", "Proposed by").value = "Atlantis"
    sheet.cell("ic-mla-timeliness", amended[0]).value = "Member States should act faster;"
    edited_id = sheet.cell("le-24-7-networks", "ID")
    where_id = f"{sheet.sheet.title}!{edited_id.coordinate}"
    edited_id.value = "le-24-7"
    path = sheet.save(tmp_path / "edited.xlsx")
    assert cli.import_status(content, path, STOCKTAKING) == 2
    err = capsys.readouterr().err.splitlines()
    allowed = ", ".join(names.values())
    library = load_library(content)
    comp = library.compilations[STOCKTAKING]
    langs = compilation_languages(library, comp)
    langs.sort(key=lambda other: other != comp.compilation.record.original_language)
    assert sorted(err[:-1]) == sorted(
        f"{path}:{where}: {message}"
        for where, message in (
            (
                sheet.where("leg-new-instrument", "Status"),
                f"unknown state 'Agred' (one of: {allowed})",
            ),
            (
                sheet.where("crim-core-offences", "No."),
                f"the number of 'crim-core-offences' was edited: it is No. {number}"
                " (numbers are computed, never typed)",
            ),
            (
                sheet.where("ev-preservation", "Merged into"),
                "'ev-preservation' is merged but says not into what",
            ),
            *(
                (
                    sheet.where("leg-sovereignty", header),
                    f"'leg-sovereignty' is agreed but its {lang} text still has [brackets]",
                )
                for lang, header in zip(langs, amended, strict=True)
            ),
            (
                sheet.where("pr-schools", "Proposed by"),
                "unknown State 'Atlantis' (name it as terms.yaml does)",
            ),
            (
                sheet.where("ic-mla-timeliness", amended[1]),
                f"an amended text needs every language: fill {amended[1]}",
            ),
            (where_id, "unknown item 'le-24-7' (the ID column may not be edited)"),
        )
    )
    assert err[-1] == f"{len(err) - 1} errors; nothing was written."
    assert status.read_bytes() == before


@st.composite
def sheet_edits(draw: st.DrawFn, ids: list[str], codes: list[str]) -> dict[str, dict]:
    chosen = draw(st.lists(st.sampled_from(ids), min_size=1, max_size=4, unique=True))
    return {
        item_id: {
            "state": draw(
                st.sampled_from(["proposed", "agreed-ad-referendum", "agreed", "deleted"])
            ),
            "comments": draw(
                st.sampled_from([None, "Consultations continue.", "Agreed in informals."])
            ),
            "proposed_by": draw(st.lists(st.sampled_from(codes), max_size=2, unique=True)),
        }
        for item_id in chosen
    }


def test_what_is_imported_is_what_the_next_sheet_shows(
    content: Path, tmp_path_factory: pytest.TempPathFactory
) -> None:
    """Edit a sheet, import it, export again: the new sheet says what was typed, and
    importing it unchanged changes nothing."""
    library = load_library(content)
    lang = original_language(content)
    every = assemble_compilation(library, STOCKTAKING, lang).rows()
    status = library.compilations[STOCKTAKING].status
    assert status is not None
    targets = {r.merged_into_id for r in every} | {n.after for n in status.record.new}
    # items any state may be given: not merged, merged into or followed by a new item
    # (which may not follow a deleted one), no [brackets] to agree
    rows = [
        r
        for r in every
        if r.state != "merged" and r.id not in targets and "[" not in plain_text(r.content)
    ]
    codes = sorted(library.terms[lang].record.states)[:6]
    names = state_names(lang)
    state_of = library.terms[lang].record.states

    @settings(
        max_examples=6, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
    )
    @given(sheet_edits([r.id for r in rows], codes))
    def run(edits: dict[str, dict]) -> None:
        tmp = tmp_path_factory.mktemp("edit")
        root = tmp / "content"
        shutil.copytree(content, root)
        sheet = Sheet(build_workbook(root, tmp / "build"))
        for item_id, edit in edits.items():
            sheet.cell(item_id, "Status").value = names[edit["state"]]
            sheet.cell(item_id, "Comments").value = edit["comments"]
            sheet.cell(item_id, "Proposed by").value = (
                "; ".join(state_of[c] for c in edit["proposed_by"]) or None
            )
        assert cli.import_status(root, sheet.save(tmp / "edited.xlsx")) == 0
        again = Sheet(build_workbook(root, tmp / "again"))
        for item_id, edit in edits.items():
            assert again.cell(item_id, "Status").value == names[edit["state"]]
            assert again.cell(item_id, "Comments").value == edit["comments"]
            shown = again.cell(item_id, "Proposed by").value
            assert shown == ("; ".join(state_of[c] for c in edit["proposed_by"]) or None)
        status = root / "compilations" / STOCKTAKING / "status.yaml"
        before = status.read_bytes()
        assert cli.import_status(root, tmp / "again" / "compilations" / f"{STOCKTAKING}.xlsx") == 0
        assert status.read_bytes() == before
        assert cli.check(root) == 0

    run()


def test_a_sheet_made_before_another_edit_does_not_undo_it(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """Two facilitators edit copies of one sheet: each import takes only what its
    facilitator changed; a cell both changed, differently, is refused."""
    names = state_names(original_language(content))
    made = build_workbook(content, tmp_path / "build")
    first, second = Sheet(made), Sheet(made)
    first.cell("leg-new-instrument", "Status").value = names["agreed"]
    second.cell("le-24-7-networks", "Comments").value = "Text settled."
    assert cli.import_status(content, first.save(tmp_path / "first.xlsx")) == 0
    assert cli.import_status(content, second.save(tmp_path / "second.xlsx")) == 0
    capsys.readouterr()
    again = Sheet(build_workbook(content, tmp_path / "again"))
    assert again.cell("leg-new-instrument", "Status").value == names["agreed"]
    assert again.cell("le-24-7-networks", "Comments").value == "Text settled."
    # a third copy of the old sheet changes what the first import changed: refused
    third = Sheet(made)
    third.cell("leg-new-instrument", "Status").value = names["deleted"]
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    before = status.read_bytes()
    assert cli.import_status(content, third.save(tmp_path / "third.xlsx")) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(
        f"{tmp_path / 'third.xlsx'}:{third.where('leg-new-instrument', 'Status')}: changed in status.yaml since the sheet was made"
    )
    assert status.read_bytes() == before


def test_import_refuses_what_a_sheet_cannot_say(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A row twice, an edit of a column that is not read back, every problem of a row,
    a damaged file, and what check would refuse once written (at the item's row)."""
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    before = status.read_bytes()
    made = build_workbook(content, tmp_path / "build")
    names = state_names(original_language(content))
    sheet = Sheet(made)
    texts = [h for h in sheet.columns if h.startswith("Text (")]
    sheet.cell("pr-schools", texts[0]).value = "A new wording typed in the wrong column"
    sheet.cell("ic-mla-timeliness", "Status").value = "Agred"
    sheet.cell("ic-mla-timeliness", "Proposed by").value = "Atlantis"
    row = sheet.rows["le-24-7-networks"]
    extra = sheet.sheet.max_row + 1
    for column in range(1, sheet.sheet.max_column + 1):
        sheet.sheet.cell(extra, column).value = sheet.sheet.cell(row, column).value
    path = sheet.save(tmp_path / "bad.xlsx")
    assert cli.import_status(content, path) == 2
    err = capsys.readouterr().err.splitlines()
    where = f"{path}:{sheet.sheet.title}!"
    assert any(
        line.startswith(
            f"{where}{sheet.cell('pr-schools', texts[0]).coordinate}: '{texts[0]}' is not read back"
        )
        for line in err
    )
    assert any(
        line.startswith(
            f"{where}{sheet.cell('ic-mla-timeliness', 'Status').coordinate}: unknown state 'Agred'"
        )
        for line in err
    )
    assert any(
        line.startswith(
            f"{where}{sheet.cell('ic-mla-timeliness', 'Proposed by').coordinate}: unknown State 'Atlantis'"
        )
        for line in err
    )
    first_id = sheet.cell("le-24-7-networks", "ID").coordinate
    assert f"{where}C{extra}: 'le-24-7-networks' has two rows, {first_id} and this one" in err
    # merged into a deleted item: only check knows, and says it at the item's row
    merged = Sheet(made)
    deleted = next(i for i in merged.rows if merged.cell(i, "Status").value == names["deleted"])
    merged.cell("pr-schools", "Status").value = names["merged"]
    merged.cell("pr-schools", "Merged into").value = deleted
    path = merged.save(tmp_path / "merged.xlsx")
    assert cli.import_status(content, path) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(
        f"{path}:{merged.where('pr-schools', 'ID')}: 'pr-schools' is merged into '{deleted}', which is deleted"
    ), err
    damaged = tmp_path / "damaged.xlsx"
    damaged.write_bytes(made.read_bytes()[: len(made.read_bytes()) // 2])
    assert cli.import_status(content, damaged) == 2
    err = capsys.readouterr().err.splitlines()
    assert err[0].startswith(f"{damaged}:-!A1: not a readable XLSX workbook")
    assert status.read_bytes() == before


def test_a_workbook_path_is_taken_from_where_the_command_is_typed(tmp_path: Path) -> None:
    """./dev changes into the checkout; a relative path is still the caller's."""
    from checkout import ROOT

    shutil.copytree(Path(__file__).parent / "fixtures" / "content", tmp_path / "content")
    build_workbook(tmp_path / "content", tmp_path / "build")
    done = subprocess.run(
        [
            str(ROOT / "dev"),
            "import-status",
            f"build/compilations/{STOCKTAKING}.xlsx",
            "--content",
            "content",
        ],
        cwd=tmp_path,
        capture_output=True,
        text=True,
        check=False,
    )
    assert done.returncode == 0, done.stderr
    assert "no changes" in done.stdout
