"""Enumerations in running text, joined by the language's CLDR list patterns (Babel)."""

from __future__ import annotations

from collections.abc import Sequence

from babel.core import Locale
from babel.lists import format_list


def enumerate_in_text(members: Sequence[str], locale: str, *, conjunction: bool = True) -> str:
    """ "A, B and C" (CLDR's standard list), or "A, B, C" with ``conjunction=False``.

    Without a conjunction every join uses the pattern CLDR gives for the middle of a
    list, so the separator is still the language's own ("、" in Chinese).
    """
    if conjunction or len(members) < 2:
        return format_list(list(members), style="standard", locale=locale)
    middle = Locale.parse(locale).list_patterns["standard"]["middle"]
    joined = members[0]
    for member in members[1:]:
        joined = middle.format(joined, member)
    return joined
