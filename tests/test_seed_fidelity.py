"""The Chinese 2018 report, as the model yields it, against the seed (E/CN.15/2018/12)."""

from __future__ import annotations

import cn2an
import pytest
import roman

from checkout import CONTENT_DIR
from rapporteur.load.loader import load_library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.plaintext import body_lines, plain_text
from seedtext import seed_blocks


@pytest.fixture(scope="module")
def library():
    return load_library(CONTENT_DIR)


def test_every_seed_block_in_order(library) -> None:
    report = assemble_report(library, "cybercrime-2018", "zh")
    mine = list(body_lines(report))
    seed = seed_blocks()
    for index, (ours, theirs) in enumerate(zip(mine, seed, strict=False)):
        assert ours == theirs, f"block {index} (label {theirs[0]}) differs from the seed"
    assert len(mine) == len(seed)


def test_seed_shape(library) -> None:
    """The counts the seed's README states, computed from the model."""
    report = assemble_report(library, "cybercrime-2018", "zh")
    paragraphs = {p.number: p for p in report.paragraphs()}
    assert sorted(paragraphs) == list(range(1, 40))
    assert [i.label for i in paragraphs[9].items] == [f"({c})" for c in "abcdefghijklmnopqrstuv"]
    assert [i.label for i in paragraphs[9].items[13].items] == [
        "(一)",
        "(二)",
        "(三)",
        "(四)",
    ]
    assert len(paragraphs[10].items) == 17
    assert paragraphs[10].items[5].items[-1].label == "(十五)"
    assert [i.label for i in paragraphs[35].items] == ["1.", "2.", "3.", "4.", "5."]
    assert [i.label for i in paragraphs[35].items[0].items] == ["(a)", "(b)", "(c)"]
    states = plain_text(paragraphs[33].content).split("：", 1)[1]
    assert states.count("、") == 54 and "和" in states  # 56 States


def test_corner_notation_and_title(library) -> None:
    report = assemble_report(library, "cybercrime-2018", "zh")
    text = seed_blocks.__globals__["SEED"].read_text(encoding="utf-8")
    assert report.front.corner.body in text and report.front.corner.venue in text
    assert plain_text(report.front.corner.agenda_item_title).startswith(
        "世界犯罪趋势以及在预防犯罪和刑事司法领域"
    )
    assert plain_text(report.front.title).replace(" ", "") in text.replace("\n", "").replace(
        " ", ""
    )
    assert report.front.corner.provisional_agenda == "E/CN.15/2018/1"
    assert "* E/CN.15/2018/1。" in text


def test_english_has_the_same_numbers(library) -> None:
    """Same position, same number: only the numerals of chapters and nested items differ."""
    zh = [label for label, _ in body_lines(assemble_report(library, "cybercrime-2018", "zh"))]
    en = [label for label, _ in body_lines(assemble_report(library, "cybercrime-2018", "en"))]
    assert len(zh) == len(en)
    for z, e in zip(zh, en, strict=True):
        if z.startswith("(") and not z.isascii():
            assert roman.fromRoman(e.strip("()").upper()) == cn2an.cn2an(z.strip("()"), "normal")
        elif z.endswith(".") and not z[:-1].isascii():
            assert roman.fromRoman(e[:-1]) == cn2an.cn2an(z[:-1], "normal")
        else:
            assert z == e
