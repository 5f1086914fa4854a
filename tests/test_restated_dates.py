"""check warns when a text restates a meeting's dates, or a compilation's years, and no
longer agrees with meeting.yaml (a folder copied to start the next meeting)."""

from __future__ import annotations

from datetime import date
from functools import cache
from pathlib import Path

from hypothesis import given
from hypothesis import strategies as st

from conftest import CheckRun
from rapporteur.load.loader import load_library
from rapporteur.load.restated_dates import dates_in
from rapporteur.render.dates import in_running_text, single_date

MEETING = "cybercrime-2018"
STOCKTAKING = "2021-stocktaking"


@cache
def fixture_library():
    return load_library(Path(__file__).parent / "fixtures" / "content")


@given(st.dates(min_value=date(1946, 1, 1), max_value=date(2099, 12, 31)), st.data())
def test_a_date_as_the_documents_write_it_is_found(day: date, data: st.DataObject) -> None:
    """In every language: the date the documents print (and a rapporteur would type)
    is found in a sentence, and only it."""
    library = fixture_library()
    lang = data.draw(st.sampled_from(list(library.languages.record.root)))
    spec = library.languages.record.root[lang]
    for written in (single_date(day, spec), in_running_text(single_date(day, spec))):
        sentence = f"x {written}, 65/230 (2018–2021) y"
        assert list(dates_in(sentence, spec)) == [day], (lang, sentence)


def dated_warnings(lines: list[str]) -> list[str]:
    return [
        line for line in lines if "not a day of the meeting" in line or "names the years" in line
    ]


def test_dates_typed_for_another_meeting_are_warned_of(content: Path, run_check: CheckRun) -> None:
    status, lines = run_check(content)
    assert status == 0 and dated_warnings(lines) == []
    meeting = content / "meetings" / MEETING / "meeting.yaml"
    library = load_library(content)
    held = library.meetings[MEETING].meeting.record.meeting.dates
    moved = (held.start.replace(year=held.start.year + 1), held.end.replace(year=held.end.year + 1))
    text = meeting.read_text(encoding="utf-8")
    old = f"dates: {{start: {held.start.isoformat()}, end: {held.end.isoformat()}}}"
    assert text.count(old) == 1
    meeting.write_text(
        text.replace(old, f"dates: {{start: {moved[0].isoformat()}, end: {moved[1].isoformat()}}}"),
        encoding="utf-8",
    )
    status, lines = run_check(content)
    assert status == 0
    warned = dated_warnings(lines)
    for lang in library.meetings[MEETING].languages:
        title = library.meetings[MEETING].languages[lang].front.at("title")
        where = str(title).replace(str(content), "<root>")
        assert any(line.startswith(f"{where}: warning: says ") for line in warned), (lang, warned)


def test_a_compilations_years_must_be_its_meetings(content: Path, run_check: CheckRun) -> None:
    library = load_library(content)
    compilation = library.compilations[STOCKTAKING]
    last = max(
        library.meetings[m].meeting.record.meeting.dates.start.year
        for m in compilation.compilation.record.meetings
    )
    for lang, texts in compilation.texts.items():
        path = texts.file.path
        text = path.read_text(encoding="utf-8")
        assert str(last) in text, lang
        path.write_text(text.replace(str(last), str(last + 1)), encoding="utf-8")
    status, lines = run_check(content)
    assert status == 0
    warned = dated_warnings(lines)
    for texts in compilation.texts.values():
        where = str(texts.at("title")).replace(str(content), "<root>")
        assert any(line.startswith(f"{where}: warning: names the years") for line in warned)
