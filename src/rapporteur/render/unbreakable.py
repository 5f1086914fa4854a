"""Where a line may break inside a unit of text, decided at render time (never typed in
content) with characters the PDF and the DOCX both honour.

A document symbol of a line's ordinary length ("E/CN.15/2018/12") never breaks; a long
one ("UNODC/CCPCJ/EG.4/2018/L.1") breaks only after a "/", where it must. Pango would
otherwise break "UNODC/CCPCJ/EG." from "4/2019/2", and LibreOffice "E/CN.15/" from
"2011/19". The characters are invisible and are left out of the text a PDF reader
extracts.
"""

from __future__ import annotations

WORD_JOINER = "\u2060"  # no break here
ZERO_WIDTH_SPACE = "\u200b"  # a break may come here, with no space drawn
# After these a line breaker may end a line inside a symbol ("EG." / "4", "CRP-" / "1").
_BREAKABLE_AFTER = "/.-"
# The longest symbol kept whole: "E/CN.15/2018/12", "A/RES/70/174" and their like;
# a longer one is a fifth of a line or more, and may leave a gap if it cannot break.
LONGEST_UNBROKEN = 16


def unbroken_symbol(symbol: str) -> str:
    """``symbol`` with no break inside, or, when it is long, one allowed after each "/"."""
    breakable = len(symbol) > LONGEST_UNBROKEN
    out = []
    for index, char in enumerate(symbol):
        out.append(char)
        if index == len(symbol) - 1:
            break
        if char == "/" and breakable:
            out.append(ZERO_WIDTH_SPACE)
        elif char in _BREAKABLE_AFTER:
            out.append(WORD_JOINER)
    return "".join(out)
