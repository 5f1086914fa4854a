"""A DOCX of the seed report that rapporteur did not make: its text as Pandoc Markdown,
made into a DOCX by Pandoc. Labels are typed (escaped, so Pandoc makes no lists of
them), document symbols are links to undocs.org, and the corner notation's asterisk
is a footnote."""

from __future__ import annotations

import re
import shutil
import subprocess
from pathlib import Path

from seedtext import SEED, seed_blocks

# The masthead the seed's extraction lost (its README gives these facts).
MASTHEAD = [
    "United Nations",
    "E/CN.15/2018/12",
    "Economic and Social Council",
    "Distr.: General",
    "13 April 2018",
    "Chinese",
    "Original: English",
]
# The extraction ran the agenda item's title into the report's title; they are two
# paragraphs of the printed page, split where the agenda item's title ends.
AGENDA_TITLE_END = "应对措施"
_SYMBOL = re.compile(r"\b[A-Z]+(?:/[A-Z0-9][A-Za-z0-9.\-]*)+")


def pandoc_available() -> bool:
    return shutil.which("pandoc") is not None


def _escaped(text: str) -> str:
    """Markdown that Pandoc reads as this very text (no list, no emphasis)."""
    text = re.sub(r"([\\*_`#<>\[\]|~^])", r"\\\1", text)
    return re.sub(r"^(\S*?)([.)])", lambda m: m[1].replace("(", "\\(") + "\\" + m[2], text)


def _linked(text: str) -> str:
    return _SYMBOL.sub(lambda m: f"[{m[0]}](https://undocs.org/{m[0]})", text)


def seed_markdown(masthead: bool = True) -> str:
    raw = SEED.read_text(encoding="utf-8")
    front = [line.strip() for line in raw[: raw.index("一. 引言")].splitlines() if line.strip()]
    corner, title_lines = front[:4], front[4:]
    joined = "".join(title_lines)
    split = joined.index(AGENDA_TITLE_END) + len(AGENDA_TITLE_END)
    paragraphs = (MASTHEAD if masthead else []) + [_escaped(line) for line in corner[:3]]
    before, after = corner[3].split("*")
    paragraphs.append(f"{_escaped(before)}[^ast]{_escaped(after)}")
    paragraphs += [_escaped(joined[:split]), _escaped(joined[split:])]
    for label, text in seed_blocks():
        paragraphs.append(f"{_escaped(label)} {_linked(_escaped(text))}")
    return "\n\n".join(paragraphs) + "\n\n[^ast]: E/CN.15/2018/1。\n"


def seed_docx(folder: Path, masthead: bool = True) -> Path:
    source = folder / "seed.md"
    source.write_text(seed_markdown(masthead), encoding="utf-8")
    target = folder / "seed.docx"
    subprocess.run(
        ["pandoc", "-f", "markdown", "-t", "docx", "-o", str(target), str(source)], check=True
    )
    return target
