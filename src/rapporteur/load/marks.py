"""Page 1's images: content/marks/marks.yaml names them, and each named file must be a
PNG or JPEG that every writer can place (WeasyPrint takes both, and so does Word).

The repository ships none: the UN emblem's use is restricted. A project that may use
it puts the file beside marks.yaml; without it the page keeps the image's room empty.
"""

from __future__ import annotations

import warnings
from collections.abc import Iterable
from pathlib import Path

from rapporteur.diagnostics import Diagnostic
from rapporteur.load.content import Sourced
from rapporteur.load.limits import file_problem
from rapporteur.load.schema import MarksFile

# What Pillow calls the formats every writer places.
PLACEABLE_FORMATS = {"PNG", "JPEG"}
LANG_PLACEHOLDER = "{lang}"


def mark_path(folder: Path, name: str, lang: str) -> Path:
    """The file ``name`` stands for in ``lang`` ("recycle.{lang}.png" → recycle.zh.png)."""
    return folder / name.replace(LANG_PLACEHOLDER, lang)


def check(marks: Sourced[MarksFile], languages: Iterable[str], root: Path) -> list[Diagnostic]:
    """Every file marks.yaml names, in every language, is there and is a placeable image."""
    folder = marks.file.path.parent
    diagnostics = []
    langs = sorted(languages)
    for slot in MarksFile.model_fields:
        name = getattr(marks.record, slot)
        if name is None:
            continue
        for path in sorted({mark_path(folder, name, lang) for lang in langs}):
            problem = image_problem(path, root)
            if problem is not None:
                message = f"{slot}: {path.name} {problem}"
                diagnostics.append(Diagnostic(marks.at(slot), message))
    return diagnostics


def image_problem(path: Path, root: Path) -> str | None:
    """Why ``path`` cannot be placed on page 1, or None."""
    if not path.exists():
        return f"is missing (put it beside {path.parent.name}/marks.yaml)"
    problem = file_problem(path, root)
    if problem is not None:
        return problem
    from PIL import Image

    try:
        with warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            with Image.open(path) as image:
                kind = image.format
                image.verify()
    except (
        OSError,
        SyntaxError,
        ValueError,
        Image.DecompressionBombWarning,
        Image.DecompressionBombError,
    ):
        return "is not an image that can be read (a PNG or JPEG is needed)"
    if kind not in PLACEABLE_FORMATS:
        return f"is a {kind} image: a PNG or JPEG is needed"
    return None
