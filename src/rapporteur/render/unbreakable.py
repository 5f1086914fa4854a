"""Where a line may break inside a unit of text, decided at render time (never typed in
content) with characters the PDF and the DOCX both honour.

A document symbol breaks only after a "/": Pango would otherwise break
"UNODC/CCPCJ/EG." from "4/2019/2", and LibreOffice "65/" from "230". The characters
are invisible and are left out of the text a PDF reader extracts.
"""

from __future__ import annotations

WORD_JOINER = "\u2060"  # no break here
ZERO_WIDTH_SPACE = "\u200b"  # a break may come here, with no space drawn
# After these a line breaker may end a line inside a symbol ("EG." / "4", "CRP-" / "1").
_BREAKABLE_AFTER = ".-"


def unbroken_symbol(symbol: str) -> str:
    """``symbol`` with a break allowed after each "/" and nowhere else."""
    out = []
    for index, char in enumerate(symbol):
        out.append(char)
        if index == len(symbol) - 1:
            break
        if char == "/":
            out.append(ZERO_WIDTH_SPACE)
        elif char in _BREAKABLE_AFTER:
            out.append(WORD_JOINER)
    return "".join(out)
