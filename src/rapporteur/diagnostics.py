"""Problems found in content, each tied to a place in a file.

Every error the user sees is one line, ``path:line:col: message`` (1-based), and
all of them are reported together; a traceback is never the user's error report.
"""

from __future__ import annotations

import os
import re
from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path


@dataclass(frozen=True, order=True)
class Position:
    path: Path
    line: int  # 1-based
    column: int  # 1-based

    def __str__(self) -> str:
        return f"{one_line(display_path(self.path))}:{self.line}:{self.column}"


@dataclass(frozen=True, order=True)
class Diagnostic:
    position: Position
    message: str
    severity: str = "error"

    def __str__(self) -> str:
        prefix = "" if self.severity == "error" else f"{self.severity}: "
        return f"{self.position}: {prefix}{one_line(self.message)}"


class ContentError(Exception):
    """Raised with every diagnostic at once when content cannot be used."""

    def __init__(self, diagnostics: Iterable[Diagnostic]):
        self.diagnostics = sorted(set(diagnostics))
        super().__init__("\n".join(str(d) for d in self.diagnostics))

    def __reduce__(self):  # crosses process boundaries with its diagnostics intact
        return (ContentError, (self.diagnostics,))


def display_path(path: Path) -> str:
    """Paths relative to the working directory when possible, as compilers print them;
    a link is named as itself, not by what it points to."""
    try:
        return str(Path(os.path.abspath(path)).relative_to(Path.cwd().resolve()))
    except ValueError:
        return str(path)


def one_line(text: str) -> str:
    """Control characters (a newline in a file name, an escape sequence) shown escaped:
    a diagnostic stays one line, and no line can be forged or the terminal driven."""
    return _CONTROLS.sub(lambda m: m.group().encode("unicode_escape").decode("ascii"), text)


_CONTROLS = re.compile("[\x00-\x1f\x7f-\x9f]")
