"""Enumerations in running text, joined by the language's CLDR list patterns (Babel)."""

from __future__ import annotations

from collections.abc import Mapping, Sequence

from babel.core import Locale
from babel.lists import format_list


def enumerate_in_text(
    members: Sequence[str],
    locale: str,
    *,
    conjunction: bool = True,
    patterns: Mapping[str, str] | None = None,
) -> str:
    """ "A, B and C" (CLDR's standard list), or "A, B, C" with ``conjunction=False``.

    Without a conjunction every join uses the pattern CLDR gives for the middle of a
    list, so the separator is still the language's own ("、" in Chinese). ``patterns``
    (CLDR's keys: start, middle, end, 2) stand for CLDR's where the UN's differ: UN
    Arabic joins every member with "، و".
    """
    members = list(members)
    cldr = Locale.parse(locale).list_patterns["standard"]
    chosen = {**cldr, **(patterns or {})}
    if len(members) < 2:
        return members[0] if members else ""
    if not conjunction:
        joined = members[0]
        for member in members[1:]:
            joined = chosen["middle"].format(joined, member)
        return joined
    if not patterns:
        return format_list(members, style="standard", locale=locale)
    if len(members) == 2:
        return chosen["2"].format(*members)
    joined = chosen["end"].format(members[-2], members[-1])
    for member in reversed(members[1:-2]):
        joined = chosen["middle"].format(member, joined)
    return chosen["start"].format(members[0], joined)
