"""The seed report's body as (label, text) pairs, with extraction artefacts removed.

The seed (``tests/fixtures/E-CN.15-2018-12.zh.txt``) is a text extraction of the
printed PDF. This is the one normalization the fidelity tests apply to it, and it
touches only the extraction's artefacts:

1. the masthead and corner notation before chapter 一 are not compared here;
2. the page-1 footnote line ``* E/CN.15/2018/1。`` is removed (it is the asterisk
   note of the corner notation, which the model carries separately);
3. paragraphs cut in two by a page break (4, 10 (a), 29) are joined again: a line
   that starts with no label continues the block before it, with no space, as
   Chinese text runs;
4. ``[SYMBOL](#)`` link markup becomes ``SYMBOL``;
5. the Markdown list dash before the nested items of 9 (n) is dropped; nested labels
   keep their ASCII brackets, ``(一)``, as the seed prints them.
"""

from __future__ import annotations

import re
from pathlib import Path

SEED = Path(__file__).resolve().parent / "fixtures" / "E-CN.15-2018-12.zh.txt"
FOOTNOTE_LINE = "* E/CN.15/2018/1。"
FIRST_HEADING = "一. 引言"

_LABEL = re.compile(
    r"^(?:- )?(?P<label>\d+\.|\([a-z]\)|\([一二三四五六七八九十]+\)|[一二三四五六七八九十]+\.|[A-Z]\.)\s*"
)
_LINK = re.compile(r"\[([^\]]+)\]\(#\)")


def seed_blocks(path: Path = SEED) -> list[tuple[str, str]]:
    text = path.read_text(encoding="utf-8")
    body = text[text.index(FIRST_HEADING) :]
    blocks: list[tuple[str, str]] = []
    for raw in body.splitlines():
        line = _LINK.sub(r"\1", raw.strip())
        if not line or line == FOOTNOTE_LINE:
            continue
        match = _LABEL.match(line)
        if match:
            blocks.append((match.group("label"), line[match.end() :]))
        else:
            label, previous = blocks[-1]
            blocks[-1] = (label, previous + line)
    return blocks


def seed_blocks_missing(html: str) -> list[str]:
    """The labels of the seed's blocks an HTML report does not hold, each with its label,
    in order: blocks found one after the other, whitespace and invisible break controls
    aside (a label and its text stand apart on the page)."""
    import tinyhtml5

    body = tinyhtml5.parse(html).find("{http://www.w3.org/1999/xhtml}body")
    shown = re.sub(r"[\s\u200b\u2060]", "", "".join(body.itertext()))
    missing, position = [], 0
    for label, text in seed_blocks():
        found = shown.find(re.sub(r"\s", "", label + text), position)
        if found < 0:
            missing.append(label)
        else:
            position = found + 1
    return missing
