"""Alphabetical order as each language has it: ICU's collation for the language's CLDR
locale (through PyICU), so "Algérie" follows "Albanie" in French and "ñ" follows "n"
in Spanish, where sorting code points would not."""

from __future__ import annotations

from collections.abc import Callable
from functools import cache


@cache
def sort_key(locale: str) -> Callable[[str], bytes]:
    import icu  # loaded on use: only lists of States need it

    return icu.Collator.createInstance(icu.Locale(locale)).getSortKey
