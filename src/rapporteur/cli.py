"""Entry points that tasks.py calls: exit codes and what reaches the terminal.

Content errors are printed one per line as ``path:line:col: message`` and end the
run with status 2, never with a traceback.
"""

from __future__ import annotations

import sys
from pathlib import Path

from rich.console import Console
from rich.table import Table

from rapporteur.diagnostics import ContentError
from rapporteur.load.content import Library
from rapporteur.load.loader import load_library
from rapporteur.paths import CONTENT_DIR
from rapporteur.summary import OTHER_LIMIT, SECRETARIAT_LIMIT, summarize

EXIT_CONTENT_ERROR = 2


def load_or_report(content: Path = CONTENT_DIR) -> Library | None:
    try:
        return load_library(content)
    except ContentError as exc:
        for diagnostic in exc.diagnostics:
            print(diagnostic, file=sys.stderr)
        count = len(exc.diagnostics)
        print(f"{count} error{'s' if count != 1 else ''}; nothing was built.", file=sys.stderr)
        return None


def check(content: Path = CONTENT_DIR) -> int:
    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    rows, warnings = summarize(library)
    for warning in warnings:
        print(warning, file=sys.stderr)
    table = Table(title=f"Content in {content}: valid", title_justify="left")
    for column in ("meeting", "lang", "symbol", "paras", "recs", "nested", "words"):
        table.add_column(
            column, justify="right" if column in {"paras", "recs", "nested", "words"} else "left"
        )
    for row in rows:
        words = f"{row.words:,}" + (" (original)" if row.is_original else "")
        table.add_row(
            row.meeting_id,
            row.lang,
            row.symbol,
            str(row.paragraphs),
            str(row.recommendations),
            str(row.nested),
            words,
        )
    console = Console(width=100)
    console.print(table)
    console.print(
        f"Word limits bind the original language: {SECRETARIAT_LIMIT:,} words for "
        f"Secretariat reports, {OTHER_LIMIT:,} for other documents "
        "(headings and footnotes count; each Chinese character counts as a word)."
    )
    return 0


def build(content: Path = CONTENT_DIR) -> int:
    """Validate, then build every document (writers arrive with the rendering stage)."""
    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    print(f"{len(library.meetings)} meeting(s) valid; no writer is configured yet.")
    return 0
