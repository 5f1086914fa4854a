"""The tracking workbook's sheet as values: its columns, headers and rows.

One sheet, one row per item, headed in the compilation's original language, with the
texts of every language side by side: a state, a merger or a comment is then said once,
and cannot disagree between two sheets. The XLSX writer (write.workbook) lays it out;
``import-status`` (load.workbook) reads it back through the same columns.
"""

from __future__ import annotations

import gettext
import re
from dataclasses import dataclass

from rapporteur.i18n import translations
from rapporteur.load.compilation_checks import compilation_languages
from rapporteur.load.content import Library
from rapporteur.model.compilation import Compilation, Row
from rapporteur.model.compile import ADDED_SUFFIXES, assemble_compilation
from rapporteur.model.plaintext import plain_text
from rapporteur.render.environment import capitalize_first, language_name

_ = gettext.gettext  # marks source strings; translated into the sheet's language below


@dataclass(frozen=True)
class Column:
    key: str  # "status", or "text:en" and "amended:en" for a language's texts
    header: str  # in the sheet's language
    width: int  # in characters
    editable: bool = False  # read back by import-status


FIXED_COLUMNS = (
    ("sort", _("Sort key"), 7, False),
    ("no", _("No."), 7, False),
    ("id", _("ID"), 24, False),
    ("theme", _("Theme"), 18, False),
    ("source", _("Source"), 20, False),
    ("status", _("Status"), 18, True),
    ("merged_into", _("Merged into"), 16, True),
    ("proposed_by", _("Proposed by"), 18, True),
    ("supported_by", _("Supported by"), 18, True),
    ("comments", _("Comments"), 30, True),
)
TEXT_HEADER = _("Text (%(language)s)")
AMENDED_HEADER = _("Amended text (%(language)s)")
# The state names, as the compilation's Status column shows them.
STATE_NAMES = {
    "proposed": _("Proposed"),
    "agreed-ad-referendum": _("Agreed ad referendum"),
    "agreed": _("Agreed"),
    "deleted": _("Deleted"),
    "merged": _("Merged"),
}
NAMES_SEPARATOR = "; "  # between the States of a Proposed by or Supported by cell


SHEET_TITLE = _("Status")  # the sheet facilitators edit, named in its language
BASE_SHEET = "rapporteur-base"  # hidden: the editable values as the sheet was made


@dataclass(frozen=True)
class TrackingSheet:
    """A compilation's sheet: its language, its languages (its own first), the status
    edition in each, and its rows."""

    lang: str
    languages: list[str]
    by_lang: dict[str, Compilation]
    rows: list[dict[str, object]]


def tracking_sheet(library: Library, compilation_id: str) -> TrackingSheet:
    compilation = library.compilations[compilation_id]
    record = compilation.compilation.record
    languages = compilation_languages(library, compilation)
    # the sheet is in the original language, whose texts come first
    lang = record.original_language if record.original_language in languages else languages[0]
    ordered = sorted(languages, key=lambda other: other != lang)
    by_lang = {other: assemble_compilation(library, compilation_id, other) for other in ordered}
    rows = sheet_rows(by_lang, lang, library.terms[lang].record.states)
    return TrackingSheet(lang, ordered, by_lang, rows)


def columns(sheet_lang: str, langs: list[str]) -> list[Column]:
    messages = translations(sheet_lang)
    out = [Column(key, messages.gettext(h), w, e) for key, h, w, e in FIXED_COLUMNS]
    for lang in langs:
        language = capitalize_first(language_name(lang, sheet_lang))
        out.append(
            Column(f"text:{lang}", messages.gettext(TEXT_HEADER) % {"language": language}, 50)
        )
        header = messages.gettext(AMENDED_HEADER) % {"language": language}
        out.append(Column(f"amended:{lang}", header, 50, True))
    return out


def state_names(sheet_lang: str) -> dict[str, str]:
    messages = translations(sheet_lang)
    return {state: messages.gettext(name) for state, name in STATE_NAMES.items()}


def sort_key(number: str, sheet_lang: str) -> float:
    """7 for "7", 7.1 for "7 bis", 7.2 for "7 ter": sorting by it restores the order."""
    base, _space, suffix = number.partition(" ")
    if not suffix:
        return int(base)
    messages = translations(sheet_lang)
    suffixes = [messages.gettext(s) for s in ADDED_SUFFIXES]
    return int(base) + (suffixes.index(suffix) + 1) / 10


def number_value(number: str) -> int | str:
    """A number stays a number in the sheet; "7 bis" stays text."""
    return int(number) if number.isdigit() else number


def merged_into_text(row: Row) -> str:
    return f"{row.merged_into} ({row.merged_into_id})" if row.merged_into_id else ""


def merged_into_id(cell: str) -> str:
    """The id in "27 (crim-x)", or the cell itself (an id, or a number) when it has none."""
    found = re.search(r"\(([^()]+)\)\s*$", cell)
    return (found.group(1) if found else cell).strip()


def sheet_rows(
    by_lang: dict[str, Compilation], sheet_lang: str, state_of: dict[str, str]
) -> list[dict[str, object]]:
    """One dict per item, by column key, in the compilation's order. ``state_of`` gives
    each State's name by code in the sheet's language."""
    base = by_lang[sheet_lang]
    names = state_names(sheet_lang)
    by_id = {lang: {row.id: row for row in c.rows()} for lang, c in by_lang.items()}
    out = []
    for theme in base.themes:
        for row in theme.rows:
            values: dict[str, object] = {
                "sort": sort_key(row.number, sheet_lang),
                "no": number_value(row.number),
                "id": row.id,
                "theme": f"{theme.label} {theme.title}",
                "source": source_text(row, sheet_lang),
                "status": names[row.state],
                "merged_into": merged_into_text(row),
                "proposed_by": NAMES_SEPARATOR.join(state_of[c] for c in row.proposed_by),
                "supported_by": NAMES_SEPARATOR.join(state_of[c] for c in row.supported_by),
                "comments": row.comments or "",
            }
            for lang in by_lang:
                shown = by_id[lang][row.id]
                first = shown.original if shown.original is not None else shown.content
                values[f"text:{lang}"] = plain_text(first)
                values[f"amended:{lang}"] = (
                    plain_text(shown.content) if shown.original is not None else ""
                )
            out.append(values)
    return out


def source_text(row: Row, sheet_lang: str) -> str:
    if row.source is None:
        return translations(sheet_lang).gettext("Proposed at the meeting")
    message = translations(sheet_lang).gettext("%(symbol)s, para.\u00a0%(ref)s")
    # a sheet is searched and filtered: plain spaces
    return (message % {"symbol": row.source.symbol, "ref": row.source.reference}).replace(
        "\u00a0", " "
    )
