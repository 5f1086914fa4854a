"""A compilation as rows for machines: CSV, with code names for headers.

One row per item, whatever the language: its id, number, theme, provenance and
status, then its text in each language. (The workbook for people is write.workbook.)
"""

from __future__ import annotations

import csv
from io import StringIO

from rapporteur.model.compilation import Compilation
from rapporteur.model.plaintext import plain_text

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
