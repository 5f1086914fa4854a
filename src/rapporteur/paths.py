"""Where things live: the engine's own files, and a project's.

The engine (this package) ships its templates, stylesheet and message catalogs as
package data. A project is the checkout a command runs in: its ``content/`` and its
``build/`` are always found from the project's root, never from where the package is
installed, so two clones sharing one environment each work on their own files.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

ENGINE_DIR = Path(__file__).resolve().parent
TEMPLATES_DIR = ENGINE_DIR / "templates"
LOCALE_DIR = ENGINE_DIR / "locale"
# content/<MARKS_DIR>/: page 1's images (the UN emblem, the "Please recycle" mark) and
# the marks.yaml that names them; the repository ships none (load/marks.py).
MARKS_DIR = "marks"
MARKS_FILE = "marks.yaml"


@dataclass(frozen=True)
class Project:
    """A checkout: content goes in, documents come out."""

    root: Path

    @property
    def content(self) -> Path:
        return self.root / "content"

    @property
    def build(self) -> Path:
        return self.root / "build"

    @classmethod
    def around(cls, start: Path) -> Project:
        """The project that ``start`` lies in: the nearest folder with a ``content/``
        of its own (``start`` itself when there is none)."""
        start = start.resolve()
        for folder in (start, *start.parents):
            if (folder / "content").is_dir():
                return cls(folder)
        return cls(start)
