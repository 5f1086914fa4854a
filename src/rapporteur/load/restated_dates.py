"""``check``'s warnings for dates typed twice: a text that restates the meeting's dates
(a report's title, its organizational and adoption paragraphs; a compilation's title and
introduction) and no longer agrees with meeting.yaml, as when a meeting's folder is
copied to start the next one.

Dates are found with the language's own date pattern (languages.yaml, CLDR syntax) and
month names (CLDR, through Babel): no language is special-cased here.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import date
from functools import cache

from babel.core import Locale

from rapporteur.diagnostics import Diagnostic, Position
from rapporteur.load.content import Library, Sourced
from rapporteur.load.schema import LanguageSpec, Paragraph
from rapporteur.text import join_lines

_PATTERN_FIELD = re.compile(r"'[^']*'|d+|M+|y+|\s+|.")
# A year on its own: not part of a range ("2018–2021"), a symbol or a longer number.
_YEAR = re.compile(r"(?<![\d/–-])(1[89]\d\d|2\d\d\d)(?![\d/–-])")


@cache
def date_finder(
    pattern: str, locale: str, first_day: str | None = None, month_names: tuple[str, ...] = ()
) -> re.Pattern[str]:
    """A regular expression for the dates ``pattern`` writes ("d MMMM y": "3 April
    2018"; "y年M月d日": "2018年4月3日"; "1er avril 2018" with French's ``first_day``),
    spaces between its parts optional."""
    months = Locale.parse(locale).months["format"]
    first = re.escape(first_day.removeprefix("1")) if first_day else ""
    parts = []
    for field in _PATTERN_FIELD.findall(pattern):
        if field.startswith("'"):
            parts.append(re.escape(field.strip("'") or "'"))
        elif field[0] == "d":
            parts.append(r"(?P<d>\d{1,2})" + (f"(?:{first})?" if first else ""))
        elif field[0] == "y":
            parts.append(r"(?P<y>\d{4})")
        elif field[0] == "M" and len(field) >= 3:
            width = "wide" if len(field) == 4 else "abbreviated"
            names = sorted(month_names or months[width].values(), key=len, reverse=True)
            parts.append("(?P<MMMM>" + "|".join(map(re.escape, names)) + ")")
        elif field[0] == "M":
            parts.append(r"(?P<M>\d{1,2})")
        elif not field.isspace():
            parts.append(re.escape(field))
    return re.compile(r"\s*".join(parts))


def dates_in(text: str, spec: LanguageSpec) -> Iterator[date]:
    names = tuple(spec.dates.month_names or ())
    finder = date_finder(spec.dates.date, spec.locale, spec.dates.first_day, names)
    months = Locale.parse(spec.locale).months["format"]
    by_name = {name: number for width in months.values() for number, name in width.items()}
    by_name |= {name: number for number, name in enumerate(names, start=1)}
    for found in finder.finditer(text):
        fields = found.groupdict()
        month = int(fields["M"]) if fields.get("M") else by_name[fields["MMMM"]]
        try:
            yield date(int(fields["y"]), month, int(fields["d"]))
        except ValueError:
            continue  # "31 April": not a date, and not this check's business


def restated_dates(library: Library) -> list[Diagnostic]:
    return _reports(library) + _compilations(library)


def _reports(library: Library) -> list[Diagnostic]:
    out = []
    for meeting in library.meetings.values():
        held = meeting.meeting.record.meeting.dates
        for lang, texts in meeting.languages.items():
            spec = library.languages.record.root[lang]
            places: list[tuple[Sourced, tuple, str]] = [
                (texts.front, ("title",), texts.front.record.title)
            ]
            organization = texts.organization.record
            for part in type(organization).model_fields:
                places += _paragraphs(texts.organization, (part,), getattr(organization, part))
            places += _paragraphs(texts.adoption, ("paragraphs",), texts.adoption.record.paragraphs)
            for source, loc, text in places:
                for said in dates_in(join_lines(text), spec):
                    if not held.start <= said <= held.end:
                        out.append(
                            _warning(
                                source.at(*loc),
                                f"says {said.isoformat()}, not a day of the meeting in "
                                f"meeting.yaml ({held.start.isoformat()} to "
                                f"{held.end.isoformat()}): typed for another meeting?",
                            )
                        )
    return out


def _paragraphs(
    source: Sourced, loc: tuple, paragraphs: list[Paragraph] | None
) -> list[tuple[Sourced, tuple, str]]:
    return [(source, (*loc, i, "text"), p.text) for i, p in enumerate(paragraphs or [])]


def _compilations(library: Library) -> list[Diagnostic]:
    out = []
    for compilation in library.compilations.values():
        record = compilation.compilation.record
        held = {
            library.meetings[m].meeting.record.meeting.dates.start.year
            for m in record.meetings
            if m in library.meetings
        }
        for texts in compilation.texts.values():
            places = [(("title",), texts.record.title)]
            places += [
                (("introduction", i, "text"), p.text)
                for i, p in enumerate(texts.record.introduction)
            ]
            for loc, text in places:
                said = {int(year) for year in _YEAR.findall(join_lines(text))}
                if said and said != held:
                    out.append(
                        _warning(
                            texts.at(*loc),
                            f"names the years {_years(said)}; the meetings compiled "
                            f"(compilation.yaml) were held in {_years(held)}",
                        )
                    )
    return out


def _years(years: set[int]) -> str:
    return ", ".join(map(str, sorted(years)))


def _warning(position: Position, message: str) -> Diagnostic:
    return Diagnostic(position, message, "warning")
