"""Reading PDFs the way a person checks them: text, word positions, fonts, page images."""

from __future__ import annotations

import re
import subprocess
import xml.etree.ElementTree as ET
from dataclasses import dataclass
from pathlib import Path

MM = 72 / 25.4  # points per millimetre


@dataclass(frozen=True)
class Word:
    text: str
    x_min: float
    y_min: float
    x_max: float
    y_max: float


@dataclass(frozen=True)
class Page:
    width: float
    height: float
    words: list[Word]

    def find(self, text: str) -> list[Word]:
        return [word for word in self.words if word.text == text]


def pages(pdf: Path) -> list[Page]:
    xml = subprocess.run(
        ["pdftotext", "-bbox", str(pdf), "-"], capture_output=True, text=True, check=True
    ).stdout
    root = ET.fromstring(re.sub(r'\sxmlns="[^"]+"', "", xml, count=1))
    out = []
    for page in root.iter("page"):
        words = [
            Word(
                w.text or "",
                float(w.get("xMin")),
                float(w.get("yMin")),
                float(w.get("xMax")),
                float(w.get("yMax")),
            )
            for w in page.iter("word")
        ]
        out.append(Page(float(page.get("width")), float(page.get("height")), words))
    return out


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
