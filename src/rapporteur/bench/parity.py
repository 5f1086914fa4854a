"""DOCX page parity: where each page of a built DOCX starts, as LibreOffice lays it out
with tests/fonts.conf (Word's fonts mapped to the PDF's), against its PDF's pages.

A page's start is measured by how much of the text comes before it: the characters of
the body on earlier pages, without spaces, running headers and footers or the specimen
watermark, so that a line broken elsewhere does not count. A start within one line of
the PDF's (that page's characters per line) is the same start.
"""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from dataclasses import dataclass
from pathlib import Path

from rapporteur.bench.pdf_words import MM, Page, pages

# Running headers stand above this line, footers and page-1 job numbers below the other.
BODY_TOP_MM = 21.5
BODY_BOTTOM_MM = 23
# Characters that say nothing of where a page starts: spaces, invisible controls, and
# what LibreOffice's Arabic justification leaves in the text layer (kashidas, "@").
_UNCOUNTED = re.compile(r"[\s\u00ad\u0640\u200b-\u200f\u202a-\u202e\u2060\u2066-\u2069@]")
WATERMARK_PT = 40  # a specimen watermark's letters stand taller than any text


@dataclass(frozen=True)
class Parity:
    name: str  # the DOCX, as under build/
    pdf_pages: int
    docx_pages: int
    starts: tuple[float, ...]  # pages 2…: the DOCX's start after the PDF's, in lines

    @property
    def matching(self) -> int:
        return sum(abs(start) <= 1 for start in self.starts)


def body(page: Page) -> tuple[str, int]:
    """A page's body text, only what counts, and how many lines it takes."""
    words = [
        w
        for w in page.words
        if w.y_min > BODY_TOP_MM * MM
        and w.y_max < page.height - BODY_BOTTOM_MM * MM
        and w.y_max - w.y_min < WATERMARK_PT
    ]
    text = _UNCOUNTED.sub("", "".join(w.text for w in words))
    return text, len({round(w.y_min / 4) for w in words}) or 1


def compare(name: str, pdf: Path, docx_pdf: Path) -> Parity:
    printed = [body(page) for page in pages(pdf)]
    word = [body(page) for page in pages(docx_pdf)]
    starts = []
    before_printed = before_word = 0
    for (text, lines), (word_text, _) in zip(printed, word, strict=False):
        if before_printed:  # page 2 onwards
            per_line = max(1, len(text) // lines)
            starts.append(round((before_word - before_printed) / per_line, 1))
        before_printed += len(text)
        before_word += len(word_text)
    return Parity(name, len(printed), len(word), tuple(starts))


def measure(build_dir: Path, fonts_conf: Path) -> list[Parity]:
    """Every DOCX under ``build_dir`` that has a PDF beside it."""
    docs = sorted(d for d in build_dir.rglob("*.docx") if d.with_suffix(".pdf").is_file())
    with tempfile.TemporaryDirectory() as scratch_dir:
        scratch = Path(scratch_dir)
        copies = []
        for doc in docs:
            copies.append(scratch / f"{doc.parent.name}-{doc.name}")
            shutil.copyfile(doc, copies[-1])
        subprocess.run(
            [
                "soffice",
                "--headless",
                f"-env:UserInstallation=file://{scratch}/profile",
                "--convert-to",
                "pdf",
                "--outdir",
                str(scratch),
                *map(str, copies),
            ],
            capture_output=True,
            check=True,
            env={"FONTCONFIG_FILE": str(fonts_conf), "HOME": str(scratch), "PATH": "/usr/bin:/bin"},
        )
        rows = []
        for doc, copy in zip(docs, copies, strict=True):
            name = doc.relative_to(build_dir).as_posix()
            rows.append(compare(name, doc.with_suffix(".pdf"), copy.with_suffix(".pdf")))
    return rows


def markdown(rows: list[Parity]) -> str:
    lines = [
        "| DOCX | pages (PDF/DOCX) | page starts within a line | furthest start (lines) |",
        "| --- | --- | --- | --- |",
    ]
    for row in rows:
        furthest = max(row.starts, key=abs, default=0.0)
        lines.append(
            f"| {row.name} | {row.pdf_pages}/{row.docx_pages} "
            f"| {row.matching} of {len(row.starts)} | {furthest:+.1f} |"
        )
    return "\n".join(lines) + "\n"
