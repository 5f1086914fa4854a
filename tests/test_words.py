"""The word and character diff under redlines (review/words.py), with expectations
written out: what changed, what is kept, and the share of words a split or merged
paragraph keeps (what tells a split from a rewrite)."""

from __future__ import annotations

import sys
import unicodedata
from itertools import count

import pytest
from diff_match_patch import diff_match_patch

from rapporteur.model import document as doc
from rapporteur.review import words
from rapporteur.review.words import diff_content, diff_paragraphs


def texts(*paragraphs: str) -> list[doc.Content]:
    return [(doc.Text(p),) for p in paragraphs]


def test_a_note_call_replaced_by_another_is_shown() -> None:
    old, new = doc.NoteCall("first", "1", True), doc.NoteCall("second", "1", True)
    assert diff_content((doc.Text("Held in Vienna."), old), (doc.Text("Held in Vienna."), new)) == (
        doc.Text("Held in Vienna."),
        doc.Deleted((old,)),
        doc.Inserted((new,)),
    )


def test_a_note_call_is_not_the_word_that_names_it() -> None:
    """A note whose id is a word of the text: the word deleted and the call inserted
    are two changes, not nothing."""
    call = doc.NoteCall("venue", "1", True)
    assert diff_content((doc.Text("Held in venue"),), (doc.Text("Held in "), call)) == (
        doc.Text("Held in "),
        doc.Deleted((doc.Text("venue"),)),
        doc.Inserted((call,)),
    )


def test_a_split_paragraph_keeps_a_share_of_each_part() -> None:
    """Split: the pieces are the head's paragraphs, and each counts its own words (spaces
    aside): "Member States must act now." keeps 4 of its 6 (Member, States, act, now;
    must and "." are new); "They cooperate" keeps 1 of 2."""
    split = diff_paragraphs(
        texts("Member States should act now and cooperate"),
        texts("Member States must act now.", "They cooperate"),
    )
    assert split.pieces == (
        (
            doc.Text("Member States "),
            doc.Deleted((doc.Text("should"),)),
            doc.Inserted((doc.Text("must"),)),
            doc.Text(" act now"),
            doc.Deleted((doc.Text(" and"),)),
            doc.Inserted((doc.Text("."),)),
        ),
        (doc.Inserted((doc.Text("They"),)), doc.Text(" cooperate")),
    )
    assert split.kept == (4 / 6, 1 / 2)


def test_merged_paragraphs_keep_a_share_of_each_part() -> None:
    """Merge: the pieces are the base's paragraphs, each counting its own words."""
    merged = diff_paragraphs(
        texts("Member States should act now.", "They cooperate"),
        texts("Member States must act now and cooperate"),
    )
    assert merged.pieces == (
        (
            doc.Text("Member States "),
            doc.Deleted((doc.Text("should"),)),
            doc.Inserted((doc.Text("must"),)),
            doc.Text(" act now"),
            doc.Deleted((doc.Text("."),)),
        ),
        (
            doc.Deleted((doc.Text("They"),)),
            doc.Inserted((doc.Text(" and"),)),
            doc.Text(" cooperate"),
        ),
    )
    assert merged.kept == (4 / 6, 1 / 2)


def test_a_part_without_words_keeps_everything_it_has() -> None:
    assert diff_paragraphs(texts("one two"), texts("one two", "")).kept == (1.0, 1.0)
    assert diff_paragraphs(texts("one two", " "), texts("one two")).kept == (1.0, 1.0)


def test_a_new_part_keeps_nothing() -> None:
    split = diff_paragraphs(texts("one two"), texts("one two", "three four"))
    assert split.pieces == ((doc.Text("one two"),), (doc.Inserted((doc.Text("three four"),)),))
    assert split.kept == (1.0, 0.0)


def test_the_diff_does_not_depend_on_the_machine_s_speed(monkeypatch: pytest.MonkeyPatch) -> None:
    """A slow machine gives the same redline: no deadline cuts the comparison short. The
    clock here jumps a thousand seconds at each reading."""
    ticks = count(step=1000)

    class SlowClock:
        @staticmethod
        def time() -> float:
            return float(next(ticks))

    # No common run is half as long as the changed middle: the full search must run.
    base, head = texts("a b c d e f g h i"), texts("a x c y e z g w i")
    expected = (doc.Text("a "),)
    for old, new, kept in (
        ("b", "x", " c "),
        ("d", "y", " e "),
        ("f", "z", " g "),
        ("h", "w", " i"),
    ):
        expected += (doc.Deleted((doc.Text(old),)), doc.Inserted((doc.Text(new),)), doc.Text(kept))
    assert diff_content(base[0], head[0]) == expected
    monkeypatch.setattr(sys.modules[diff_match_patch.__module__], "time", SlowClock)
    assert diff_content(base[0], head[0]) == expected


def test_more_distinct_words_than_the_basic_private_use_area_holds() -> None:
    """Each distinct token is one private-use character; past the 6,400 of the BMP's
    area they come from planes 15 and 16, and the diff is as exact."""
    many = " ".join(f"w{i}" for i in range(7000))
    assert diff_content((doc.Text(many + " end"),), (doc.Text(many + " last"),)) == (
        doc.Text(many + " "),
        doc.Deleted((doc.Text("end"),)),
        doc.Inserted((doc.Text("last"),)),
    )


def test_token_characters_are_distinct_and_private_use() -> None:
    """Private use: characters no text can give a meaning to (nor a normalisation fold)."""
    codes = [words._code_point(i) for i in range(0x1900 + 300)]
    assert len(set(codes)) == len(codes)
    assert {unicodedata.category(c) for c in codes} == {"Co"}
