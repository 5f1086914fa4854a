"""Reading PDFs the way a person checks them: text, word positions, fonts, page images."""

from __future__ import annotations

import subprocess
from pathlib import Path

# The words of a page, as the package's own measurements read them.
from rapporteur.bench.pdf_words import MM, Page, Word, pages  # noqa: F401


def text_in_area(pdf: Path, page: int, top_mm: float, bottom_mm: float) -> str:
    """The text of one page between two heights (mm from the top edge), page 1-based."""
    height_pt = (bottom_mm - top_mm) * MM
    result = subprocess.run(
        [
            "pdftotext",
            "-layout",
            "-f",
            str(page),
            "-l",
            str(page),
            "-r",
            "72",
            "-x",
            "0",
            "-y",
            str(round(top_mm * MM)),
            "-W",
            "600",
            "-H",
            str(round(height_pt)),
            str(pdf),
            "-",
        ],
        capture_output=True,
        text=True,
        check=True,
    )
    return result.stdout


def fonts(pdf: Path) -> list[dict[str, str]]:
    lines = subprocess.run(
        ["pdffonts", str(pdf)], capture_output=True, text=True, check=True
    ).stdout.splitlines()[2:]
    rows = []
    for line in lines:
        parts = line.split()
        # name type… encoding emb sub uni object ID: the flags are the 5th–3rd from the end
        rows.append({"name": parts[0], "emb": parts[-5], "sub": parts[-4], "uni": parts[-3]})
    return rows


def page_png(pdf: Path, page: int, out: Path, dpi: int = 150) -> Path:
    stem = out / f"page{page}"
    subprocess.run(
        [
            "pdftoppm",
            "-r",
            str(dpi),
            "-png",
            "-singlefile",
            "-f",
            str(page),
            "-l",
            str(page),
            str(pdf),
            str(stem),
        ],
        check=True,
    )
    return stem.with_suffix(".png")
