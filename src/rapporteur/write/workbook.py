"""The tracking workbook (XLSX, openpyxl): a sheet the secretariat hands to facilitators.

Title rows (symbol, title, status time), a frozen header row with filters, one row per
item (model.tracking), a drop-down of the states, and a print setup: landscape A4, the
header repeated on every page, fitted to the width, wrapped and top-aligned.
"""

from __future__ import annotations

import zipfile
from datetime import UTC, date, datetime
from io import BytesIO

from openpyxl import Workbook
from openpyxl.styles import Alignment, Font, PatternFill
from openpyxl.utils import get_column_letter
from openpyxl.worksheet.datavalidation import DataValidation
from openpyxl.writer.excel import ExcelWriter

from rapporteur.i18n import translations
from rapporteur.model.plaintext import plain_text
from rapporteur.model.tracking import (
    BASE_SHEET,
    SHEET_TITLE,
    Column,
    TrackingSheet,
    columns,
    state_names,
)
from rapporteur.render.dates import in_running_text, moment
from rapporteur.write.ziputil import normalized_zip

HEADER_ROW = 5  # below the symbol, the title, the status time and a blank row
EDITABLE_FILL = PatternFill("solid", fgColor="FFF8DC")  # the columns import-status reads


def write_workbook(tracking: TrackingSheet, issued: date) -> bytes:
    sheet_lang = tracking.lang
    base = tracking.by_lang[sheet_lang]
    messages = translations(sheet_lang)
    workbook = Workbook()
    sheet = workbook.active
    sheet.title = messages.gettext(SHEET_TITLE)
    cols = columns(sheet_lang, tracking.languages)
    sheet.append([base.front.masthead.symbol])
    sheet.append([plain_text(base.front.title)])
    if base.as_of is not None:
        time = in_running_text(moment(base.as_of, base.front.language))
        sheet.append([messages.gettext("Status as at %(time)s") % {"time": time}])
    else:
        sheet.append([])
    sheet.append([])
    sheet.append([c.header for c in cols])
    for cell in sheet[1] + sheet[2] + sheet[3]:
        cell.font = Font(bold=True, size=12 if cell.row == 1 else 11)
    for cell in sheet[HEADER_ROW]:
        cell.font = Font(bold=True)
        cell.alignment = Alignment(wrap_text=True, vertical="top")
    for values in tracking.rows:
        sheet.append([values[c.key] for c in cols])
    last = sheet.max_row
    for index, column in enumerate(cols, start=1):
        letter = get_column_letter(index)
        sheet.column_dimensions[letter].width = column.width
        for (cell,) in sheet.iter_rows(HEADER_ROW + 1, last, index, index):
            # openpyxl makes a text that starts with "=" a formula; a recommendation is
            # never one, and a live formula in a shared workbook can fetch and send data.
            if cell.data_type == "f":
                cell.data_type = "s"
            cell.alignment = Alignment(wrap_text=True, vertical="top")
            if column.editable:
                cell.fill = EDITABLE_FILL
    # The other languages' texts are a collapsed group of columns: one click shows them;
    # collapsed, the sheet stays readable on screen and printed on one page's width.
    others = [
        i for i, c in enumerate(cols, 1) if ":" in c.key and c.key.split(":")[1] != sheet_lang
    ]
    if others:
        sheet.column_dimensions.group(
            get_column_letter(others[0]),
            get_column_letter(others[-1]),
            outline_level=1,
            hidden=True,
        )
    status_letter = get_column_letter(next(i for i, c in enumerate(cols, 1) if c.key == "status"))
    choices = DataValidation(
        type="list",
        formula1='"' + ",".join(state_names(sheet_lang).values()) + '"',
        allow_blank=False,
        showErrorMessage=True,
    )
    choices.add(f"{status_letter}{HEADER_ROW + 1}:{status_letter}{max(last, HEADER_ROW + 1)}")
    sheet.add_data_validation(choices)
    sheet.freeze_panes = f"D{HEADER_ROW + 1}"  # the header, and No. and ID, stay in view
    sheet.auto_filter.ref = f"A{HEADER_ROW}:{get_column_letter(len(cols))}{last}"
    sheet.print_title_rows = f"{HEADER_ROW}:{HEADER_ROW}"
    # Every printed page names its document and is numbered, as UN documents are.
    sheet.oddHeader.right.text = base.front.masthead.symbol
    sheet.oddFooter.center.text = "&P / &N"
    sheet.page_setup.orientation = "landscape"
    sheet.page_setup.paperSize = sheet.PAPERSIZE_A4
    sheet.page_setup.fitToWidth = 1
    sheet.page_setup.fitToHeight = 0
    sheet.sheet_properties.pageSetUpPr.fitToPage = True
    _base_sheet(workbook, tracking, cols)
    moment_of_issue = datetime(issued.year, issued.month, issued.day, tzinfo=UTC)
    workbook.properties.creator = workbook.properties.lastModifiedBy = "United Nations"
    workbook.properties.created = workbook.properties.modified = moment_of_issue.replace(
        tzinfo=None
    )
    raw = BytesIO()
    # ExcelWriter directly: Workbook.save() stamps "modified" with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalized_zip(raw.getvalue())


def _base_sheet(workbook: Workbook, tracking: TrackingSheet, cols: list[Column]) -> None:
    """A hidden sheet of the editable values as made: import-status takes from the sheet
    only what a facilitator changed, and sees what status.yaml changed since."""
    base = workbook.create_sheet(BASE_SHEET)
    base.sheet_state = "hidden"
    keys = ["id", *(c.key for c in cols if c.editable)]
    base.append(keys)
    for values in tracking.rows:
        base.append([values[key] for key in keys])
        for cell in base[base.max_row]:
            if cell.data_type == "f":  # never a live formula (see above)
                cell.data_type = "s"
