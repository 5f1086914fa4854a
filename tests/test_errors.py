"""One case per class of bad input: the exact ``path:line:col: message`` it produces."""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import MEETING, CheckRun, edit

M = f"<root>/{MEETING}"
Edit = Callable[[Path], None]


def meeting(old: str, new: str) -> Edit:
    return lambda root: edit(root / MEETING / "meeting.yaml", old, new)


def fragment(lang: str, name: str, old: str, new: str) -> Edit:
    return lambda root: edit(root / MEETING / lang / f"{name}.yaml", old, new)


def both(*edits: Edit) -> Edit:
    def apply(root: Path) -> None:
        for one in edits:
            one(root)

    return apply


CASES: dict[str, tuple[Edit, list[str]]] = {
    "yaml syntax": (
        meeting("dates: {start: 2018-05-14, end: 2018-05-18}", "dates: {start: 2018-05-14"),
        [f"{M}/meeting.yaml:18:8: YAML syntax error: expected ',' or '}}', but got ':'"],
    ),
    "duplicate key": (
        meeting("organ: ECOSOC\n", "organ: ECOSOC\norgan: ECOSOC\n"),
        [
            f"{M}/meeting.yaml:5:1: duplicate key 'organ' (the mapping starting on line 3 already has it)"
        ],
    ),
    "yaml tag": (
        meeting("symbol: E/CN.15/2018/12", "symbol: !!python/object/apply:os.system [ls]"),
        [
            f"{M}/meeting.yaml:3:9: YAML tag 'tag:yaml.org,2002:python/object/apply:os.system' "
            "is not allowed in content"
        ],
    ),
    "local tag": (
        fragment("zh", "front", "title: 全面", "title: !note 全面"),
        [f"{M}/zh/front.yaml:1:8: YAML tag '!note' is not allowed in content"],
    ),
    "unknown key": (
        meeting("distribution: general", "distribuiton: general"),
        [
            f"{M}/meeting.yaml:3:1: missing required field 'distribution'",
            f"{M}/meeting.yaml:5:1: unknown key 'distribuiton'; did you mean 'distribution'?",
        ],
    ),
    "unknown nested key": (
        fragment("en", "adoption", "    text: |\n      At its 6th", "    txt: |\n      At its 6th"),
        [
            f"<root>/{MEETING}/en/adoption.yaml:2:5: missing required field 'text'",
            f"<root>/{MEETING}/en/adoption.yaml:3:5: unknown key 'txt'; did you mean 'text'?",
        ],
    ),
    "wrong type": (
        meeting("  number: 27", "  number: twenty-seven"),
        [f"{M}/meeting.yaml:16:11: expected a whole number for 'number', got text 'twenty-seven'"],
    ),
    "wrong type (list for text)": (
        fragment(
            "zh", "organization", "    text: 下列国家的专家作了发言：", "    text: [下列国家]"
        ),
        [f"{M}/zh/organization.yaml:6:11: expected text for 'text', got a list"],
    ),
    "missing field": (
        meeting("  venue: VIENNA\nagenda:", "agenda:"),
        [f"{M}/meeting.yaml:22:3: missing required field 'venue'"],
    ),
    "empty text": (
        fragment("zh", "organization", "    text: 下列国家的专家作了发言：", '    text: "  "'),
        [f"{M}/zh/organization.yaml:6:11: text is empty"],
    ),
    "duplicate id": (
        fragment("en", "organization", "  - id: participants-list", "  - id: attendance"),
        [
            f"{M}/en/organization.yaml:22:9: duplicate id 'attendance' "
            f"(first used at {M}/en/organization.yaml:19:9)",
            f"{M}/zh/organization.yaml:21:9: id 'participants-list' is missing in the 'en' version",
        ],
    ),
    "id missing in one language": (
        fragment("en", "recommendations", "- id: crim-copyright", "- id: crim-copyrights"),
        [
            f"{M}/en/recommendations.yaml:174:21: id 'crim-copyrights' is missing in the 'zh' version",
            f"{M}/zh/recommendations.yaml:144:21: id 'crim-copyright' is missing in the 'en' version",
        ],
    ),
    "unknown agenda item": (
        fragment("zh", "deliberations", "agenda_item: work-plan", "agenda_item: workplan"),
        [f"{M}/zh/deliberations.yaml:2:18: unknown agenda item 'workplan'"],
    ),
    "unknown term": (
        meeting("    - MKD\n", "    - XYZ\n"),
        [f"{M}/meeting.yaml:88:7: unknown term 'XYZ' in states (no name in: zh, en)"],
    ),
    "unknown footnote": (
        fragment("en", "adoption", "the report (", "the report[^adoption-note] ("),
        [f"{M}/en/adoption.yaml:3:11: unknown footnote 'adoption-note' (not in footnotes.yaml)"],
    ),
    "invalid date": (
        meeting("date_of_issue: 2018-04-13", "date_of_issue: 2018-02-30"),
        [
            f"{M}/meeting.yaml:6:16: invalid date '2018-02-30' (day value is outside expected range); "
            "write YYYY-MM-DD"
        ],
    ),
    "range ends before it starts": (
        meeting(
            "dates: {start: 2018-04-03, end: 2018-04-05}",
            "dates: {start: 2018-04-05, end: 2018-04-03}",
        ),
        [f"{M}/meeting.yaml:24:35: date range ends (2018-04-03) before it starts (2018-04-05)"],
    ),
    "malformed symbol": (
        meeting("symbol: E/CN.15/2018/12", "symbol: E/CN.15//12"),
        [
            f"{M}/meeting.yaml:3:9: malformed document symbol 'E/CN.15//12' "
            "(expected something like E/CN.15/2018/12)"
        ],
    ),
    "malformed symbol in text": (
        fragment("en", "adoption", "[[UNODC/CCPCJ/EG.4/2018/L.1]]", "[[unodc/ccpcj L.1]]"),
        [f"{M}/en/adoption.yaml:3:11: malformed document symbol 'unodc/ccpcj L.1' in [[…]]"],
    ),
    "unclosed markup": (
        fragment("en", "adoption", "[[UNODC/CCPCJ/EG.4/2018/L.1]]", "[[UNODC/CCPCJ/EG.4/2018/L.1"),
        [f"{M}/en/adoption.yaml:3:11: unclosed '[[' or '[^' (write [[SYMBOL]] or [^note-id])"],
    ),
    "errors in several files at once": (
        both(
            meeting("  number: 27", "  number: -27"),
            fragment("zh", "front", "title: 全面", "titel: 全面"),
        ),
        [
            f"{M}/meeting.yaml:16:11: number -27 is too small: input should be greater than 0",
            f"{M}/zh/front.yaml:1:1: missing required field 'title'",
            f"{M}/zh/front.yaml:1:1: unknown key 'titel'; did you mean 'title'?",
        ],
    ),
}


@pytest.mark.parametrize("case", CASES)
def test_bad_input_is_reported_at_its_place(case: str, content: Path, run_check: CheckRun) -> None:
    apply, expected = CASES[case]
    apply(content)
    status, lines = run_check(content)
    assert status == 2
    assert lines[:-1] == expected
    assert lines[-1].endswith("nothing was built.")


def test_valid_content_passes(content: Path, run_check: CheckRun) -> None:
    status, lines = run_check(content)
    assert status == 0
    assert lines == []


def test_not_utf8(content: Path, run_check: CheckRun) -> None:
    path = content / MEETING / "zh" / "front.yaml"
    path.write_bytes(b"title: ok\nagenda_item_title: \xff\xfe\n")
    status, lines = run_check(content)
    assert status == 2
    assert lines[0] == f"{M}/zh/front.yaml:2:20: file is not valid UTF-8"


def test_missing_fragment_and_stray_file(content: Path, run_check: CheckRun) -> None:
    (content / MEETING / "en" / "adoption.yaml").rename(content / MEETING / "en" / "adoptoin.yaml")
    status, lines = run_check(content)
    assert status == 2
    assert lines[:-1] == [
        f"{M}/en/adoptoin.yaml:1:1: unknown fragment 'adoptoin.yaml'; did you mean 'adoption.yaml'?",
        f"{M}/meeting.yaml:11:3: language 'en' is missing its fragment {M}/en/adoption.yaml",
    ]
