"""One case per class of bad input: the exact ``path:line:col: message`` it produces."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
from collections.abc import Callable
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT, MEETING, CheckRun, edit
from rapporteur import cli

M = f"<root>/{MEETING}"
Edit = Callable[[Path], None]


def meeting(old: str, new: str) -> Edit:
    return lambda root: edit(root / MEETING / "meeting.yaml", old, new)


def fragment(lang: str, name: str, old: str, new: str) -> Edit:
    return lambda root: edit(root / MEETING / lang / f"{name}.yaml", old, new)


ADOPTION_TEXT = (
    "    text: |\n      At its 6th session, on 5 April 2018, the Expert Group adopted the report "
    "([[UNODC/CCPCJ/EG.4/2018/L.1]]).\n"
)


def adoption_text(quoted: str) -> Edit:
    """The English adoption paragraph as a double-quoted scalar, where escapes work."""
    return fragment("en", "adoption", ADOPTION_TEXT, f'    text: "{quoted}"\n')


# Lines of the fixture's languages.yaml: its length (a language appended starts after
# it) and where English's locale is (its date patterns are five lines below).
FIXTURE_LANGUAGES = (FIXTURE_CONTENT / "languages.yaml").read_text(encoding="utf-8").splitlines()
FIXTURE_LANGUAGES_LINES = len(FIXTURE_LANGUAGES)
ENGLISH_LOCALE_LINE = FIXTURE_LANGUAGES.index("  locale: en_GB") + 1
MONTHS_LINE = FIXTURE_LANGUAGES.index("    month_names:") + 1  # the one language that has them


def copy_language(lang: str, new: str) -> Edit:
    """languages.yaml gains ``new``, the same as ``lang``, at its end."""

    def apply(root: Path) -> None:
        path = root / "languages.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index(f"\n{lang}:\n") + 1
        following = re.search(r"\n[a-z]", text[start:])  # the next language's entry
        block = text[start : start + following.start() + 1] if following else text[start:]
        path.write_text(text + block.replace(f"{lang}:\n", f"{new}:\n", 1), encoding="utf-8")

    return apply


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
    "character XML cannot carry": (
        adoption_text("At its\\u0000 6th session."),
        [
            f"{M}/en/adoption.yaml:3:11: text has U+0000 (a control character): a character that XML, and so HTML and DOCX, cannot carry"
        ],
    ),
    "escape character": (
        adoption_text("At its\\u001b 6th session."),
        [
            f"{M}/en/adoption.yaml:3:11: text has U+001B (a control character): a character that XML, and so HTML and DOCX, cannot carry"
        ],
    ),
    "noncharacter U+FFFE": (
        adoption_text("At its\\ufffe 6th session."),
        [
            f"{M}/en/adoption.yaml:3:11: text has U+FFFE (a noncharacter): a character that XML, and so HTML and DOCX, cannot carry"
        ],
    ),
    "lone surrogate": (
        adoption_text("At its\\ud800 6th session."),
        [
            f"{M}/en/adoption.yaml:3:11: text has U+D800 (half of a UTF-16 surrogate pair, alone): a character that XML, and so HTML and DOCX, cannot carry"
        ],
    ),
    "surrogate pair as escapes": (
        adoption_text("At its \\ud83d\\ude00 6th session."),
        [
            f"{M}/en/adoption.yaml:3:11: text has U+D83D U+DE00 (UTF-16 halves of U+1F600; write the character itself): a character that XML, and so HTML and DOCX, cannot carry"
        ],
    ),
    "bidi override written as itself": (
        fragment("en", "adoption", "the Expert Group adopted", "the Expert Group \u202eadopted"),
        [
            f"{M}/en/adoption.yaml:4:61: text has U+202E (RIGHT-TO-LEFT OVERRIDE): a bidirectional control, which can show text in another order"
        ],
    ),
    "bidi isolate as an escape": (
        fragment(
            "zh",
            "organization",
            "    text: 下列国家的专家作了发言：",
            '    text: "下列国家\\u2066的专家作了发言："',
        ),
        [
            f"{M}/zh/organization.yaml:6:11: text has U+2066 (LEFT-TO-RIGHT ISOLATE): a bidirectional control, which can show text in another order"
        ],
    ),
    "several markup errors in one text": (
        fragment(
            "en", "adoption", "[[UNODC/CCPCJ/EG.4/2018/L.1]]", "[[unodc/ccpcj L.1]] [^Bad Note]"
        ),
        [
            f"{M}/en/adoption.yaml:3:11: malformed document symbol 'unodc/ccpcj L.1' in [[…]]",
            f"{M}/en/adoption.yaml:3:11: malformed footnote reference '[^Bad Note]'",
        ],
    ),
    "same symbol for two documents": (
        lambda root: edit(
            root / "meetings" / "cybercrime-2019" / "meeting.yaml",
            "symbol: UNODC/CCPCJ/EG.4/2019/2",
            "symbol: E/CN.15/2018/12",
        ),
        [
            f"{M}/meeting.yaml:3:9: symbol E/CN.15/2018/12 is also the symbol of <root>/meetings/cybercrime-2019/meeting.yaml",
            "<root>/meetings/cybercrime-2019/meeting.yaml:3:9: symbol E/CN.15/2018/12 is also the symbol of <root>/meetings/cybercrime-2018/meeting.yaml",
        ],
    ),
    "agreed item with brackets left": (
        lambda root: edit(
            root / "compilations" / "2021-stocktaking" / "status.yaml",
            "  leg-sovereignty:\n    state: agreed-ad-referendum",
            "  leg-sovereignty:\n    state: agreed",
        ),
        [
            "<root>/compilations/2021-stocktaking/status.yaml:11:11: item 'leg-sovereignty' (No. 2) is agreed but its en text still has [brackets]",
            "<root>/compilations/2021-stocktaking/status.yaml:13:11: item 'leg-sovereignty' (No. 2) is agreed but its zh text still has [brackets]",
        ],
    ),
    "a merge into a deleted item": (
        lambda root: edit(
            root / "compilations" / "2021-stocktaking" / "status.yaml",
            "    into: crim-child-abuse\n",
            "    into: leg-budapest-convention\n",
        ),
        [
            "<root>/compilations/2021-stocktaking/status.yaml:30:11: 'crim-child-abuse-suicide' is merged into 'leg-budapest-convention', which is deleted"
        ],
    ),
    "a new item after a deleted one, or after a new one": (
        both(
            lambda root: edit(
                root / "compilations" / "2021-stocktaking" / "status.yaml",
                "  - id: leg-technology-neutral-bis\n    after: leg-technology-neutral\n",
                "  - id: leg-technology-neutral-bis\n    after: leg-budapest-convention\n",
            ),
            lambda root: (
                (root / "compilations" / "2021-stocktaking" / "status.yaml")
                .open("a", encoding="utf-8")
                .write(
                    "  - id: after-new\n    after: leg-technology-neutral-ter\n"
                    "    text: {en: Added;, zh: 新增；}\n"
                )
            ),
        ),
        [
            "<root>/compilations/2021-stocktaking/status.yaml:43:12: 'leg-technology-neutral-bis' comes after 'leg-budapest-convention', which is deleted: place it after an item that stays",
            "<root>/compilations/2021-stocktaking/status.yaml:57:12: 'after-new' comes after 'leg-technology-neutral-ter', an item proposed here: new items follow an item of the meetings, in the order listed (numbered bis, ter…)",
        ],
    ),
    "unbalanced brackets in an amended text": (
        lambda root: edit(
            root / "compilations" / "2021-stocktaking" / "status.yaml",
            "  leg-new-instrument:\n    state: proposed\n",
            "  leg-new-instrument:\n    state: proposed\n    text:\n"
            "      en: Member States should [consider national practices;\n"
            "      zh: 会员国应当考虑]国家做法；\n",
        ),
        [
            "<root>/compilations/2021-stocktaking/status.yaml:25:11: an opening '[' has no closing ']'",
            "<root>/compilations/2021-stocktaking/status.yaml:26:11: a closing ']' has no opening '['",
        ],
    ),
    "a recommendation id used in two meetings compiled together": (
        both(
            *(
                lambda root, lang=lang: edit(
                    root / "meetings" / "cybercrime-2019" / lang / "recommendations.yaml",
                    "- id: le-specialized-units\n",
                    "- id: leg-compatible-laws\n",
                )
                for lang in ("en", "zh")
            )
        ),
        [
            f"{M}/zh/recommendations.yaml:37:17: recommendation id 'leg-compatible-laws' is also used in 'cybercrime-2019', compiled together in '2021-stocktaking': its status could not tell them apart",
            "<root>/meetings/cybercrime-2019/zh/recommendations.yaml:14:17: recommendation id 'leg-compatible-laws' is also used in 'cybercrime-2018', compiled together in '2021-stocktaking': its status could not tell them apart",
        ],
    ),
    "anchors and aliases": (
        fragment(
            "en", "adoption", ADOPTION_TEXT, "    text: &t Adopted.\n  - id: again\n    text: *t\n"
        ),
        [
            f"{M}/en/adoption.yaml:3:11: YAML anchors and aliases are not allowed in content; write the value out"
        ],
    ),
    "footnote call in an agenda title": (
        fragment(
            "en",
            "agenda",
            "opening-of-meeting: Opening of the meeting;",
            "opening-of-meeting: Opening[^zz] of the meeting;",
        ),
        [f"{M}/en/agenda.yaml:4:21: unknown footnote 'zz' (not in footnotes.yaml)"],
    ),
    "a date written as a number": (
        meeting("date_of_issue: 2018-04-13", "date_of_issue: 1523577600"),
        [
            f"{M}/meeting.yaml:6:16: invalid date 1523577600 (got the number 1523577600); write YYYY-MM-DD"
        ],
    ),
    "job number in other digits": (
        meeting("job_number: V.18-02342", "job_number: V.١٨-٠٢٣٤٢"),
        [
            f"{M}/meeting.yaml:13:13: malformed job number 'V.١٨-٠٢٣٤٢' (expected something like V.18-02342)"
        ],
    ),
    "'mul' as a language": (
        copy_language("en", "mul"),
        [
            f"<root>/languages.yaml:{FIXTURE_LANGUAGES_LINES + 1}:1: 'mul' cannot be a language here: it names the files made for every language (a compilation's XLSX and CSV)"
        ],
    ),
    "unknown venue of a compilation": (
        lambda root: edit(
            root / "compilations" / "2021-stocktaking" / "compilation.yaml",
            "venue: VIENNA",
            "venue: PARIS",
        ),
        [
            "<root>/compilations/2021-stocktaking/compilation.yaml:11:10: unknown term 'PARIS' in places (no name in: zh, en)"
        ],
    ),
    "footnote call in a compilation title": (
        lambda root: edit(
            root / "compilations" / "2021-stocktaking" / "en" / "text.yaml",
            "title: ",
            "title: Note[^n] ",
        ),
        [
            "<root>/compilations/2021-stocktaking/en/text.yaml:1:8: footnote reference '[^n]': a compilation has no footnotes"
        ],
    ),
    "a footnote calling a footnote": (
        lambda root: (root / MEETING / "en" / "footnotes.yaml").write_text(
            "outer: See[^inner].\ninner: Inner.\n", encoding="utf-8"
        ),
        [
            f"{M}/en/footnotes.yaml:1:8: footnote 'outer' calls footnote 'inner': "
            "a note cannot have notes of its own"
        ],
    ),
    "unknown locale and a broken date pattern": (
        both(
            lambda root: edit(root / "languages.yaml", "locale: en_GB", "locale: xx_YY"),
            lambda root: edit(
                root / "languages.yaml",
                "    date: d MMMM y\n    datetime: d MMMM y, h a\n",
                "    date: d MMMM y QQQQQQ\n    datetime: d MMMM y, h a\n",
            ),
        ),
        [
            f"<root>/languages.yaml:{ENGLISH_LOCALE_LINE}:11: unknown CLDR locale 'xx_YY' (expected something like en_GB)",
            f"<root>/languages.yaml:{ENGLISH_LOCALE_LINE + 5}:5: not a CLDR date pattern: Invalid length for field: 'QQQQQQ'",
        ],
    ),
    "a numbering system without ten digits": (
        lambda root: edit(
            root / "languages.yaml", "  locale: en_GB\n", "  locale: en_GB\n  digits: roman\n"
        ),
        [
            f"<root>/languages.yaml:{ENGLISH_LOCALE_LINE + 1}:11: 'roman' is not a CLDR numbering system of ten digits "
            "(latn, arab, deva, …)"
        ],
    ),
    "a choice misspelt": (
        meeting("distribution: general", "distribution: genral"),
        [
            f"{M}/meeting.yaml:5:15: 'genral' is not one of 'general', 'limited' or "
            "'restricted'; did you mean 'general'?"
        ],
    ),
    "the last choice misspelt": (
        meeting("distribution: general", "distribution: restrcted"),
        [
            f"{M}/meeting.yaml:5:15: 'restrcted' is not one of 'general', 'limited' or "
            "'restricted'; did you mean 'restricted'?"
        ],
    ),
    "a choice like none": (
        meeting("distribution: general", "distribution: secret"),
        [f"{M}/meeting.yaml:5:15: 'secret' is not one of 'general', 'limited' or 'restricted'"],
    ),
    "a list too short": (
        lambda root: edit(root / "languages.yaml", "      - كانون الأول/ديسمبر\n", ""),
        [
            f"<root>/languages.yaml:{MONTHS_LINE + 1}:7: 'month_names' needs at least 12 entries, has 11"
        ],
    ),
    "a list too long": (
        lambda root: edit(
            root / "languages.yaml",
            "      - كانون الأول/ديسمبر\n",
            "      - كانون الأول/ديسمبر\n      - كانون الأول/ديسمبر\n",
        ),
        [
            f"<root>/languages.yaml:{MONTHS_LINE + 1}:7: 'month_names' allows at most 12 entries, has 13"
        ],
    ),
    "an empty list": (
        meeting(
            "agenda:\n  - id: organizational-matters\n",
            "agenda: []\nx:\n  - id: organizational-matters\n",
        ),
        [
            f"{M}/meeting.yaml:26:9: 'agenda' needs at least 1 entry, has none",
            f"{M}/meeting.yaml:27:1: unknown key 'x'",
        ],
    ),
    "an empty text": (
        meeting("distribution: general", "distribution: general\nplaceholders: ['']"),
        [f"{M}/meeting.yaml:6:16: entry 1 of 'placeholders' is empty; write its text"],
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
    assert [line for line in lines if ": warning: " not in line] == []  # specimens are said


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


@pytest.mark.parametrize("depth", [250, 100_000])
def test_nesting_too_deep(depth: int, content: Path, run_check: CheckRun) -> None:
    """Parsers recurse per level: refused before any parser runs (libyaml crashes the
    whole process at 100,000 levels)."""
    path = content / MEETING / "en" / "front.yaml"
    path.write_text(
        path.read_text(encoding="utf-8") + "deep: " + "[" * depth + "]" * depth + "\n",
        encoding="utf-8",
    )
    status, lines = run_check(content)
    assert status == 2
    assert lines[:-1] == [
        f"{M}/en/front.yaml:5:26: YAML nested more than 20 levels deep; content never needs that"
    ]


def test_text_over_the_size_limit(content: Path, run_check: CheckRun) -> None:
    long = "Member States should act. " * 800  # 20,800 characters
    fragment("en", "adoption", ADOPTION_TEXT, f"    text: {long.strip()}\n")(content)
    status, lines = run_check(content)
    assert status == 2
    assert lines[:-1] == [
        f"{M}/en/adoption.yaml:3:11: text of 20,799 characters; the limit is 20,000"
    ]


def test_files_that_are_not_plain_content_files(
    content: Path, tmp_path: Path, run_check: CheckRun
) -> None:
    """Links out of the content, FIFOs and unreadable files: named, never read or echoed."""
    secret = tmp_path / "outside.yaml"
    secret.write_text("title: SECRET-LINE\nagenda_item_title: x\n", encoding="utf-8")
    front = content / MEETING / "en" / "front.yaml"
    front.unlink()
    front.symlink_to(secret)
    adoption = content / MEETING / "zh" / "adoption.yaml"
    adoption.unlink()
    os.mkfifo(adoption)
    footnotes = content / MEETING / "en" / "footnotes.yaml"
    footnotes.symlink_to(content / MEETING / "en" / "no-such-file.yaml")
    status, lines = run_check(content)
    assert status == 2
    assert lines[:-1] == [
        f"{M}/en/footnotes.yaml:1:1: cannot be read (No such file or directory)",
        f"{M}/en/front.yaml:1:1: is a symbolic link to a place outside the content folder",
        f"{M}/zh/adoption.yaml:1:1: is not a regular file (a FIFO, socket or device)",
    ]
    assert "SECRET" not in "\n".join(lines)


def test_a_folder_linked_from_outside(content: Path, tmp_path: Path, run_check: CheckRun) -> None:
    outside = tmp_path / "elsewhere"
    shutil.copytree(content / MEETING, outside)
    (content / "meetings" / "linked-meeting").symlink_to(outside)
    status, lines = run_check(content)
    assert status == 2
    assert lines[:-1] == [
        "<root>/meetings/linked-meeting:1:1: "
        "is a symbolic link to a place outside the content folder"
    ]


@pytest.mark.parametrize(
    "name", ["--force", "Cyber_2022", "a..b", "a" * 65, "x\nfake.yaml:1:1: ok"]
)
def test_folder_names_must_be_ids(
    name: str, content: Path, run_check: CheckRun, tmp_path: Path
) -> None:
    shutil.copytree(content / MEETING, content / "meetings" / name)
    status, lines = run_check(content)
    assert status == 2
    shown = name.replace("\n", "\\n")  # a newline would make two lines of one error
    assert lines[:-1] == [
        f"<root>/meetings/{shown}:1:1: meeting folder name '{shown}' is not an id "
        "(lower-case letters and digits, joined by single dashes, at most 64 characters: "
        "it names files under build/)"
    ]
    assert cli.build(content, tmp_path / "build") == 2
    assert not (tmp_path / "build").exists()


def test_a_fifo_where_nothing_is_loaded_blocks_nothing(content: Path) -> None:
    """check also reads every YAML file for its layout; a FIFO there would block it."""
    os.mkfifo(content / "stray.yaml")
    code = (
        f"from pathlib import Path; from rapporteur import cli; cli.check(Path({str(content)!r}))"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=False
    )
    assert result.returncode == 0 and "Traceback" not in result.stderr, result.stderr


def test_links_in_a_loop(content: Path, run_check: CheckRun) -> None:
    notes = content / MEETING / "en" / "footnotes.yaml"
    notes.symlink_to(notes.with_name("loop.yaml"))
    notes.with_name("loop.yaml").symlink_to(notes)
    status, lines = run_check(content)
    assert status == 2
    assert f"{M}/en/footnotes.yaml:1:1: is a symbolic link in a loop" in lines
    assert not [line for line in lines if "Traceback" in line]


def test_at_most_nine_items_after_one(content: Path, run_check: CheckRun) -> None:
    status_file = content / "compilations" / "2021-stocktaking" / "status.yaml"
    added = "".join(
        f"  - {{id: extra-{n}, after: pr-schools, text: {{en: Extra {n};, zh: 新增{n}；}}}}\n"
        for n in range(1, 11)
    )
    status_file.write_text(status_file.read_text(encoding="utf-8") + added, encoding="utf-8")
    status, lines = run_check(content)
    assert status == 2
    assert len(lines) == 2 and lines[0].startswith(
        "<root>/compilations/2021-stocktaking/status.yaml:"
    )
    assert lines[0].endswith(
        ": more than 9 new items after 'pr-schools' (they are numbered bis to decies)"
    )


def test_a_specimen_is_said(content: Path, run_check: CheckRun) -> None:
    """A specimen flag copied along with a meeting's folder is reported, not silent."""
    edit(
        content / MEETING / "meeting.yaml",
        "distribution: general\n",
        "distribution: general\nspecimen: true\n",
    )
    status, lines = run_check(content)
    assert status == 0
    said = [line for line in lines if "is a specimen" in line]
    assert (
        f"<root>/{MEETING}/meeting.yaml:6:11: warning: E/CN.15/2018/12 is a specimen: its documents carry the SPECIMEN watermark (remove specimen: true for the real report)"
        in said
    )
    others = [
        p
        for p in (content / "meetings").glob("*/meeting.yaml")
        if "specimen: true" in p.read_text(encoding="utf-8")
    ]
    assert len(said) == len(others)
