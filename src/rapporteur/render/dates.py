"""UN date forms through Babel/CLDR, with the patterns each language declares."""

from __future__ import annotations

import re
from datetime import date, datetime

from babel.dates import DateTimeFormat, format_date, format_datetime, parse_pattern

from rapporteur.load.schema import DayPeriods, LanguageSpec
from rapporteur.model.document import DateSpan
from rapporteur.text import is_cjk, join_pair


def single_date(day: date, language: LanguageSpec) -> str:
    """ "13 April 2018", "2018年4月13日", "1er avril 2018"."""
    return in_pattern(day, language.dates.date, language)


def in_pattern(day: date, pattern: str, language: LanguageSpec) -> str:
    """``day`` in ``pattern``, with the language's own words where CLDR's are not the
    UN's (``_own_words``)."""
    formatted = format_date(day, _own_words(day, pattern, language), locale=language.locale)
    return language.in_own_digits(formatted)


def _own_words(day: date, pattern: str, language: LanguageSpec) -> str:
    """``pattern`` with the first of a month as the language writes it (French "1er":
    ``first_day``) and its months' names (UN Arabic pairs them, "نيسان/أبريل":
    ``month_names``) as literals."""
    dates = language.dates
    fields = {}
    if dates.first_day and day.day == 1:
        fields["d"] = dates.first_day
    if dates.month_names:
        fields["MMMM"] = dates.month_names[day.month - 1]
    if not fields:
        return pattern
    return "".join(
        "'" + fields[field].replace("'", "''") + "'" if field in fields else field
        for field in (match.group(0) for match in _PATTERN_FIELD.finditer(pattern))
    )


# A CLDR pattern's pieces: quoted literals, runs of one field letter, anything else.
_PATTERN_FIELD = re.compile(r"'(?:[^']|'')*'|([A-Za-z])\1*|.", re.S)


class _NamedDayPeriods(DateTimeFormat):
    """Babel's formatter with the language's own names for a.m. and p.m."""

    def __init__(self, when: datetime, locale: str, periods: DayPeriods) -> None:
        super().__init__(when, locale)
        self.periods = periods

    def format_period(self, char: str, num: int) -> str:
        return self.periods.pm if self.value.hour >= 12 else self.periods.am


def moment(when: datetime, language: LanguageSpec) -> str:
    """ "7 April 2021, 6 p.m.", "2021年4月7日下午6时"; "9.30 a.m.", "上午9时30分"."""
    dates = language.dates
    pattern = dates.datetime if when.minute == 0 else dates.datetime_minutes
    pattern = _own_words(when.date(), pattern, language)
    if dates.day_periods is None:
        formatted = format_datetime(when, pattern, locale=language.locale)
    else:
        formatted = parse_pattern(pattern) % _NamedDayPeriods(
            when, language.locale, dates.day_periods
        )
    return language.in_own_digits(formatted)


def date_range(span: DateSpan, language: LanguageSpec) -> str:
    """ "14–18 May 2018", "2018年5月14日至18日"; one date when start and end agree."""
    if span.start == span.end:
        return single_date(span.start, language)
    patterns = language.dates
    if (span.start.year, span.start.month) == (span.end.year, span.end.month):
        first, last = patterns.same_month
    elif span.start.year == span.end.year:
        first, last = patterns.same_year
    else:
        first, last = patterns.other
    return (
        in_pattern(span.start, first, language)
        + patterns.separator
        + in_pattern(span.end, last, language)
    )


def in_running_text(formatted: str) -> str:
    """A date as it stands in running text: "2018 年 4 月 3 日" in Chinese UN style.

    The same spacing rule as for joined text: a half-width space between Chinese
    characters and digits, nothing changed in Latin scripts.
    """
    out = ""
    run = ""
    for char in formatted:
        if run and char.isdigit() != run[-1].isdigit():
            out = _spaced(out, run)
            run = ""
        run += char
    return _spaced(out, run)


def _spaced(left: str, right: str) -> str:
    """Digits next to Chinese take a space; digits next to Latin text stay as written
    ("10.30 a.m.", not "10. 30 a.m.")."""
    if left and right and (is_cjk(left[-1]) or is_cjk(right[0])):
        return join_pair(left, right)
    return left + right
