"""Dates found in text by writing them as the language writes them (render/dates.py)
and looking for what was written: a date reads back exactly as it prints, in any
language's patterns and digits, with no parser of our own."""

from __future__ import annotations

import re
from datetime import date, timedelta
from functools import cached_property

from rapporteur.load.schema import WESTERN_DIGITS, LanguageSpec
from rapporteur.model.document import DateSpan
from rapporteur.render.dates import date_range, in_pattern


class DateFinder:
    def __init__(self, spec: LanguageSpec) -> None:
        self.spec = spec
        self._tables: dict[tuple[str, int], dict[str, date]] = {}

    @cached_property
    def _to_western(self) -> dict[int, str]:
        return str.maketrans(self.spec.digit_symbols, WESTERN_DIGITS)

    def _years(self, text: str) -> list[int]:
        found = {
            int(y) for y in re.findall(r"(?<!\d)\d{4}(?!\d)", text.translate(self._to_western))
        }
        return sorted(found | {y - 1 for y in found})  # a range may start the year before

    def _table(self, pattern: str, year: int) -> dict[str, date]:
        """Every day of ``year`` in ``pattern`` → the day (a pattern without the year
        repeats: the first day of that year that prints so is kept)."""
        key = (pattern, year)
        if key not in self._tables:
            day, table = date(year, 1, 1), {}
            while day.year == year:
                table.setdefault(in_pattern(day, pattern, self.spec), day)
                day += timedelta(days=1)
            self._tables[key] = table
        return self._tables[key]

    def single(self, text: str) -> tuple[date, str] | None:
        """The date ``text`` is, written whole, and how it was written."""
        for year in self._years(text):
            found = self._table(self.spec.dates.date, year).get(text.strip())
            if found:
                return found, text.strip()
        return None

    def span(self, text: str) -> tuple[DateSpan, str] | None:
        """The longest date range (or single date) written in ``text``, and its writing.
        A candidate counts only if it prints back exactly as it was read."""
        patterns = self.spec.dates
        separator = patterns.separator
        found: list[tuple[DateSpan, str]] = []
        years = self._years(text)
        for at in (m.start() for m in re.finditer(re.escape(separator), text)):
            left, right = text[:at], text[at + len(separator) :]
            for first, last in (patterns.same_month, patterns.same_year, patterns.other):
                for year in years:
                    starts = self._ending(self._table(first, year), left)
                    if starts is None:
                        continue
                    for end_year in years:
                        ends = self._starting(self._table(last, end_year), right)
                        if ends is None:
                            continue
                        span = DateSpan(*_completed(starts[1], first, ends[1], last))
                        written = starts[0] + separator + ends[0]
                        if span.start < span.end and date_range(span, self.spec) == written:
                            found.append((span, written))
        for year in years:
            found += [
                (DateSpan(day, day), written)
                for written, day in self._table(patterns.date, year).items()
                if written in text
            ]
        return max(found, key=lambda f: len(f[1])) if found else None

    @staticmethod
    def _ending(table: dict[str, date], text: str) -> tuple[str, date] | None:
        found = [(w, d) for w, d in table.items() if text.endswith(w)]
        return max(found, key=lambda f: len(f[0])) if found else None

    @staticmethod
    def _starting(table: dict[str, date], text: str) -> tuple[str, date] | None:
        found = [(w, d) for w, d in table.items() if text.startswith(w)]
        return max(found, key=lambda f: len(f[0])) if found else None


def _completed(start: date, first: str, end: date, last: str) -> tuple[date, date]:
    """A range's two dates whole: what one side's pattern leaves out (the year, the
    month) the other side's gives."""
    given_first, given_last = _fields(first), _fields(last)
    try:
        for field in ("year", "month"):
            if field not in given_first and field in given_last:
                start = start.replace(**{field: getattr(end, field)})
            elif field not in given_last and field in given_first:
                end = end.replace(**{field: getattr(start, field)})
    except ValueError:  # "31" in a month without one
        pass
    return start, end


def _fields(pattern: str) -> set[str]:
    """Which of the year and month a CLDR pattern prints (quoted literals left out)."""
    bare = re.sub(r"'[^']*'", "", pattern)
    return {
        name for letter, name in (("y", "year"), ("M", "month"), ("L", "month")) if letter in bare
    }
