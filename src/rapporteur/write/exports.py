"""A compilation as rows for the secretariat's tracking: XLSX (openpyxl) and CSV.

One row per item, whatever the language: its id, number, theme, provenance and
status, then its text in each language.
"""

from __future__ import annotations

import csv
import zipfile
from datetime import UTC, date, datetime
from io import BytesIO, StringIO

from rapporteur.model.compilation import Compilation
from rapporteur.model.plaintext import plain_text
from rapporteur.write.ziputil import normalized_zip

FIXED_COLUMNS = (
    "id",
    "number",
    "theme",
    "source_symbol",
    "paragraph",
    "label",
    "status",
    "merged_into",
)


def columns(langs: list[str]) -> list[str]:
    return [*FIXED_COLUMNS, *(f"text_{lang}" for lang in langs)]


def export_rows(by_lang: dict[str, Compilation], original: str) -> list[list[str]]:
    """Rows in the compilation's order; labels and numbers as the original language has them."""
    base = by_lang.get(original) or next(iter(by_lang.values()))
    texts = {
        lang: {row.id: plain_text(row.content) for row in c.rows()} for lang, c in by_lang.items()
    }
    rows = []
    for theme in base.themes:
        for row in theme.rows:
            source = row.source
            rows.append(
                [
                    row.id,
                    row.number,
                    theme.id,
                    source.symbol if source else "",
                    str(source.paragraph) if source else "",
                    " ".join(source.labels) if source else "",
                    row.state,
                    row.merged_into or "",
                    *(texts[lang][row.id] for lang in by_lang),
                ]
            )
    return rows


def write_csv(by_lang: dict[str, Compilation], original: str) -> bytes:
    out = StringIO()
    writer = csv.writer(out, lineterminator="\r\n")
    writer.writerow(columns(list(by_lang)))
    writer.writerows(export_rows(by_lang, original))
    return out.getvalue().encode("utf-8-sig")  # the BOM tells Excel the text is UTF-8


def write_xlsx(by_lang: dict[str, Compilation], original: str, issued: date) -> bytes:
    from openpyxl import Workbook
    from openpyxl.styles import Alignment, Font
    from openpyxl.writer.excel import ExcelWriter

    workbook = Workbook()
    sheet = workbook.active
    sheet.title = "Compilation"
    sheet.append(columns(list(by_lang)))
    for row in export_rows(by_lang, original):
        sheet.append(row)
        for cell in sheet[sheet.max_row]:
            # openpyxl makes a text that starts with "=" a formula; a recommendation is
            # never one, and a live formula in a shared workbook can fetch and send data.
            if cell.data_type == "f":
                cell.data_type = "s"
    for cell in sheet[1]:
        cell.font = Font(bold=True)
    sheet.freeze_panes = "C2"
    for index, name in enumerate(columns(list(by_lang)), start=1):
        letter = sheet.cell(row=1, column=index).column_letter
        sheet.column_dimensions[letter].width = 60 if name.startswith("text_") else 16
        if name.startswith("text_"):
            for cell in sheet[letter][1:]:
                cell.alignment = Alignment(wrap_text=True, vertical="top")
    moment = datetime(issued.year, issued.month, issued.day, tzinfo=UTC).replace(tzinfo=None)
    workbook.properties.creator = workbook.properties.lastModifiedBy = "United Nations"
    workbook.properties.created = workbook.properties.modified = moment
    raw = BytesIO()
    # ExcelWriter directly: Workbook.save() stamps "modified" with the clock.
    with zipfile.ZipFile(raw, "w", zipfile.ZIP_DEFLATED) as archive:
        ExcelWriter(workbook, archive).save()
    return normalized_zip(raw.getvalue())
