"""Rules for joining pieces of running text, shared by every language.

Chinese UN style puts a half-width space between Chinese characters and Latin
letters or digits ("第 65/230 号决议"), none between two Chinese characters and
none next to full-width punctuation ("来自 98 个会员国、1 个观察员国"). Latin
scripts join words with one space. One rule covers both.
"""

from __future__ import annotations

import re
import unicodedata

_OPENING_PUNCTUATION = "([{“‘"
_CLOSING_PUNCTUATION = ")]},.;:!?”’"


def is_cjk(char: str) -> bool:
    return unicodedata.east_asian_width(char) in {"W", "F"}


def _is_cjk_punctuation(char: str) -> bool:
    return is_cjk(char) and unicodedata.category(char).startswith("P")


def join_pair(left: str, right: str) -> str:
    """Join two pieces of text with a space, or without one where the script wants none."""
    if not left or not right:
        return left + right
    a, b = left[-1], right[0]
    if a.isspace() or b.isspace():
        return left + right
    glued = (
        _is_cjk_punctuation(a)
        or _is_cjk_punctuation(b)
        or (is_cjk(a) and is_cjk(b))
        or a in _OPENING_PUNCTUATION
        or b in _CLOSING_PUNCTUATION
    )
    return left + right if glued else f"{left} {right}"


def join_lines(text: str) -> str:
    """A text written one sentence per line, read back as one paragraph."""
    lines = [line.strip() for line in text.strip().splitlines()]
    out = ""
    for line in lines:
        if line:
            out = join_pair(out, line)
    return out


_WORD = re.compile(r"[^\s]+")


def word_count(text: str) -> int:
    """Words as Microsoft Word counts them, the count UN word limits use.

    Each East Asian character counts as one word; any other run of characters
    between spaces counts as one. Punctuation alone is not a word.
    """
    count = 0
    for token in _WORD.findall(text):
        latin_run = False
        for char in token:
            if is_cjk(char):
                count += 0 if _is_cjk_punctuation(char) else 1
                latin_run = False
            elif unicodedata.category(char)[0] in "LN" and not latin_run:
                count += 1
                latin_run = True
    return count
