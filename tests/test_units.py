"""Small pieces: numbering styles, list patterns, text joining, word counts, markup."""

from __future__ import annotations

from datetime import datetime
from itertools import pairwise

import pytest
from hypothesis import given
from hypothesis import strategies as st

from checkout import CONTENT_DIR
from conftest import languages
from rapporteur.build.produce import groups
from rapporteur.build.targets import DOCUMENT_FORMATS, Target
from rapporteur.load.inline import MarkupError, NoteRef, SymbolLink, Text, parse_inline
from rapporteur.load.loader import load_library
from rapporteur.model.lists import enumerate_in_text
from rapporteur.model.numbering import counter
from rapporteur.render.dates import moment
from rapporteur.text import join_lines, join_pair, word_count


@pytest.mark.parametrize(
    ("n", "style", "expected"),
    [
        (1, "lower-latin", "a"),
        (22, "lower-latin", "v"),
        (27, "lower-latin", "aa"),
        (4, "lower-roman", "iv"),
        (15, "lower-roman", "xv"),
        (5, "upper-roman", "V"),
        (1, "simp-chinese-informal", "一"),
        (10, "simp-chinese-informal", "十"),
        (15, "simp-chinese-informal", "十五"),
        (21, "simp-chinese-informal", "二十一"),
        (3, "upper-latin", "C"),
        (39, "decimal", "39"),
    ],
)
def test_counters(n: int, style: str, expected: str) -> None:
    assert counter(n, style) == expected


def test_lists_follow_cldr() -> None:
    assert enumerate_in_text(["A", "B", "C"], "en_GB") == "A, B and C"
    assert enumerate_in_text(["甲", "乙", "丙"], "zh_Hans_CN") == "甲、乙和丙"
    assert enumerate_in_text(["甲", "乙", "丙"], "zh_Hans_CN", conjunction=False) == "甲、乙、丙"
    assert enumerate_in_text(["A"], "en_GB", conjunction=False) == "A"


@pytest.mark.parametrize(
    ("left", "right", "joined"),
    [
        ("来自", "98 个会员国", "来自 98 个会员国"),
        ("发言：", "阿尔巴尼亚", "发言：阿尔巴尼亚"),
        ("第一句。", "第二句", "第一句。第二句"),
        ("States:", "Albania", "States: Albania"),
        ("report", ".", "report."),
        # a space already there is the space (either side)
        ("States: ", "Albania", "States: Albania"),
        ("States:", " Albania", "States: Albania"),
        # two Chinese characters touch; Chinese punctuation touches whatever is beside it
        ("专家组", "会议", "专家组会议"),
        ("report", "。", "report。"),
        ("发言：", "Albania", "发言：Albania"),
        ("第一句。", "Albania", "第一句。Albania"),
    ],
)
def test_join_pair(left: str, right: str, joined: str) -> None:
    assert join_pair(left, right) == joined


def test_one_sentence_per_line_reads_as_one_paragraph() -> None:
    assert join_lines("First sentence.\nSecond one.\n") == "First sentence. Second one."
    assert join_lines("第一句。\n第二句。\n") == "第一句。第二句。"


def test_word_count_counts_each_cjk_character() -> None:
    assert word_count("The Expert Group met.") == 4
    assert word_count("专家组开会。") == 5
    assert word_count("第 65/230 号决议") == 5
    assert word_count("第65号决议") == 5  # the number between characters is one word
    assert word_count("one\ntwo") == 2  # a line break separates words


def test_inline_markup() -> None:
    assert parse_inline("see [[E/CN.15/2018/1]] and[^n1].") == [
        Text("see "),
        SymbolLink("E/CN.15/2018/1"),
        Text(" and"),
        NoteRef("n1"),
        Text("."),
    ]
    assert parse_inline("[bracketed, not agreed]") == [Text("[bracketed, not agreed]")]
    with pytest.raises(MarkupError, match="unclosed"):
        parse_inline("see [[E/CN.15")
    with pytest.raises(MarkupError, match="malformed document symbol"):
        parse_inline("see [[e/cn.15]]")


def _markup(spans) -> str:
    """Spans written back as content markup."""
    return "".join(
        s.text
        if isinstance(s, Text)
        else f"[[{s.symbol}]]"
        if isinstance(s, SymbolLink)
        else f"[^{s.note}]"
        for s in spans
    )


@given(st.text())
def test_inline_markup_is_read_whole_or_refused_with_reasons(text: str) -> None:
    """Any text: either every character is kept (written back it is the same text), or
    it is refused with a reason for each malformed construct, never a crash."""
    try:
        spans = parse_inline(text)
    except MarkupError as exc:
        assert exc.problems and all(problem.strip() for problem in exc.problems)
        assert "[" in text or "]" in text  # only brackets make markup
        return
    assert _markup(spans) == text
    assert not any(isinstance(a, Text) and isinstance(b, Text) for a, b in pairwise(spans))


_PLAIN = st.text(st.characters(blacklist_characters="[]", blacklist_categories=["Cs"]), min_size=1)
_SYMBOLS = st.from_regex(r"[A-Z]{1,4}(/[A-Z0-9][A-Za-z0-9.\-]{0,6}){1,4}", fullmatch=True)
_NOTES = st.from_regex(r"[a-z0-9]{1,6}(-[a-z0-9]{1,6}){0,2}", fullmatch=True)


@given(
    st.lists(
        st.one_of(_PLAIN.map(Text), _SYMBOLS.map(SymbolLink), _NOTES.map(NoteRef)),
        max_size=8,
    )
)
def test_written_markup_reads_back_as_its_spans(spans) -> None:
    merged = []  # (two texts side by side read back as one)
    for span in spans:
        if merged and isinstance(span, Text) and isinstance(merged[-1], Text):
            merged[-1] = Text(merged[-1].text + span.text)
        else:
            merged.append(span)
    assert parse_inline(_markup(merged)) == merged


def test_build_jobs_split_pdf_and_come_costliest_first() -> None:
    targets = [
        Target("report", doc, "en", fmt) for doc in ("small", "large") for fmt in DOCUMENT_FORMATS
    ]
    sizes = {"small": 1, "large": 10}
    jobs = groups(targets, lambda t: sizes[t.id])
    assert [[(t.id, t.format) for t in job] for job in jobs] == [
        [("large", "pdf")],  # 80
        [("large", "docx"), ("large", "html")],  # 20
        [("small", "pdf")],  # 8
        [("small", "docx"), ("small", "html")],  # 2
    ]


def test_moments_in_un_style() -> None:
    languages = load_library(CONTENT_DIR).languages.record.root
    evening, morning = datetime(2021, 4, 7, 18), datetime(2021, 4, 7, 9, 30)
    assert moment(evening, languages["en"]) == "7 April 2021, 6 p.m."  # CLDR says "6 pm"
    assert moment(morning, languages["en"]) == "7 April 2021, 9.30 a.m."
    assert moment(evening, languages["zh"]) == "2021年4月7日下午6时"  # CLDR's own
    assert moment(morning, languages["zh"]) == "2021年4月7日上午9时30分"


def test_dates_in_running_text_space_digits_only_next_to_chinese() -> None:
    from rapporteur.render.dates import in_running_text

    assert in_running_text("8 April 2021, 10.30 a.m.") == "8 April 2021, 10.30 a.m."
    assert in_running_text("2021年4月8日上午10时30分") == "2021 年 4 月 8 日上午 10 时 30 分"


@pytest.mark.parametrize("lang", languages())
@pytest.mark.parametrize("minute", [0, 5, 30])
def test_status_times_with_minutes_in_every_language(lang: str, minute: int) -> None:
    """Minutes are printed, whole, with no space inside the time ("11. 30 a.m."), as
    the compilation's status line prints them in running text."""
    import re

    from rapporteur.render.dates import in_running_text

    spec = load_library(CONTENT_DIR).languages.record.root[lang]
    shown = in_running_text(moment(datetime(2021, 4, 8, 11, minute), spec))
    digits = re.findall(r"\d+", shown)
    assert "11" in digits or "11" in shown, shown
    if minute:
        assert f"{minute:02d}" in digits or str(minute) in digits, shown
    assert not re.search(r"\d[.:]\s+\d", shown), shown


def test_a_counter_of_words_and_past_them() -> None:
    """A style given as words (UN Arabic chapters): the n-th word, then the number past
    the last; nothing before the first."""
    words = ["أولا", "ثانيا", "ثالثا"]
    assert [counter(n, words) for n in (1, 2, 3, 4, 5)] == ["أولا", "ثانيا", "ثالثا", "4", "5"]
    with pytest.raises(ValueError, match=r"^counters start at 1, got 0$"):
        counter(0, "decimal")


def test_every_markup_problem_of_a_text_is_said_each_on_its_line() -> None:
    """An unclosed opener before a good reference and a bad note id: both said, in the
    error's text one per line."""
    with pytest.raises(MarkupError) as raised:
        parse_inline("see [^ and [[E/CN.15/2018/1]], then [^Bad Id].")
    assert raised.value.problems == [
        "unclosed '[[' or '[^' (write [[SYMBOL]] or [^note-id])",
        "malformed footnote reference '[^Bad Id]'",
    ]
    assert str(raised.value) == "\n".join(raised.value.problems)
