"""Labels computed from a position: 3 -> "c", "iii", "三", "C", "III".

Style names are CSS counter-style names, so the stylesheet and the model speak of
the same thing, except "arabic-abjad", which CSS does not have. Numerals come from
libraries (roman, cn2an), not from tables here.
"""

from __future__ import annotations

import string
from collections.abc import Sequence
from typing import TYPE_CHECKING

import roman

if TYPE_CHECKING:  # textconv numbers without importing the schema
    from rapporteur.load.schema import LabelFormat


# The letters of UN Arabic subparagraphs, in the abjad order UN Arabic texts use:
# (أ) (ب) (ج) (د) (هـ) (و)… — not a CSS counter style, so named here.
ARABIC_ABJAD = (
    "أ",
    "ب",
    "ج",
    "د",
    "هـ",
    "و",
    "ز",
    "ح",
    "ط",
    "ي",
    "ك",
    "ل",
    "م",
    "ن",
    "س",
    "ع",
    "ف",
    "ص",
    "ق",
    "ر",
    "ش",
    "ت",
    "ث",
    "خ",
    "ذ",
    "ض",
    "ظ",
    "غ",
)


def _alphabetic(n: int, letters: Sequence[str]) -> str:
    # CSS "alphabetic" system: a..z, aa, ab, … (bijective base 26).
    out = ""
    while n > 0:
        n, rest = divmod(n - 1, len(letters))
        out = letters[rest] + out
    return out


def _chinese(n: int) -> str:
    import cn2an  # on first use: its import compiles regular expressions for 0.2 s

    return cn2an.an2cn(n, "low")


_STYLES = {
    "decimal": str,
    "lower-latin": lambda n: _alphabetic(n, string.ascii_lowercase),
    "upper-latin": lambda n: _alphabetic(n, string.ascii_uppercase),
    "lower-roman": lambda n: roman.toRoman(n).lower(),
    "upper-roman": roman.toRoman,
    "simp-chinese-informal": _chinese,
    "arabic-abjad": lambda n: _alphabetic(n, ARABIC_ABJAD),
}


def counter(n: int, style: str | Sequence[str]) -> str:
    """The counter value alone, without the pattern's brackets or dot. A style may be
    the words themselves, from data (UN Arabic chapters: أولا، ثانيا…); past them, the
    number."""
    if n < 1:
        raise ValueError(f"counters start at 1, got {n}")
    if not isinstance(style, str):
        return style[n - 1] if n <= len(style) else str(n)
    return _STYLES[style](n)


def label(n: int, fmt: LabelFormat) -> str:
    return labelled(n, fmt.pattern, fmt.style)


def labelled(n: int, pattern: str, style: str | Sequence[str]) -> str:
    """The label of the n-th block: ``pattern``'s "{}" replaced by the counter."""
    return pattern.replace("{}", counter(n, style))
