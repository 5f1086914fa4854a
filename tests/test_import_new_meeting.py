"""``./dev import`` of a DOCX rapporteur did not make: a new meeting, from the masthead
to the last paragraph, that checks and builds."""

from __future__ import annotations

import functools
import re
import shutil
import subprocess
import zipfile
from datetime import date, timedelta
from pathlib import Path

import docx as python_docx
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from checkout import CONTENT_DIR
from conftest import FIXTURE_CONTENT, languages
from docxtools import Docx, styled_paragraphs
from foreigndocx import MASTHEAD, pandoc_available, seed_docx
from rapporteur import cli
from rapporteur.i18n import translations
from rapporteur.load.loader import load_library
from rapporteur.model.assemble import CHAPTER_TITLES, assemble_report
from rapporteur.model.document import DateSpan
from rapporteur.model.numbering import label
from rapporteur.model.plaintext import body_lines, plain_text
from rapporteur.render.dates import date_range
from rapporteur.wordimport.dates_found import DateFinder
from rapporteur.wordimport.labels import LEVELS, LabelReader
from seedtext import seed_blocks

needs_pandoc = pytest.mark.skipif(not pandoc_available(), reason="pandoc is not installed")
NEW = "imported"
SCORE = re.compile(r"(\d+) of (\d+) numbered blocks read as the DOCX has them")


def empty_project(tmp_path: Path, source: Path = FIXTURE_CONTENT) -> Path:
    """Content with ``source``'s languages and terms, and no meeting yet."""
    content = tmp_path / "content"
    content.mkdir(parents=True)
    shutil.copy(source / "languages.yaml", content)
    shutil.copytree(source / "terms", content / "terms")
    (content / "meetings").mkdir()
    return content


def files_of(content: Path) -> dict[str, bytes]:
    return {
        p.relative_to(content).as_posix(): p.read_bytes()
        for p in sorted(content.rglob("*"))
        if p.is_file()
    }


def imported(content: Path, docx: Path, lang: str, capsys) -> tuple[int, str, str]:
    status = cli.import_docx(content, docx, NEW, lang)
    out = capsys.readouterr()
    return status, out.out, out.err


def meeting_yaml(content: Path) -> dict:
    return YAML(typ="safe").load(content / "meetings" / NEW / "meeting.yaml")


# --- the seed, made a DOCX by Pandoc ------------------------------------------------------


@needs_pandoc
def test_the_seed_becomes_a_meeting_that_checks_and_builds(tmp_path, capsys) -> None:
    content = empty_project(tmp_path)
    status, out, err = imported(content, seed_docx(tmp_path), "zh", capsys)
    assert status == 0, err
    same, total = map(int, SCORE.search(out).groups())
    print(f"seed: {same} of {total} blocks read back as the DOCX has them")
    assert same == total > 0

    # paragraph by paragraph, the report says what the seed says: headings, labels, text
    library = load_library(content)
    report = assemble_report(library, NEW, "zh")
    seed = seed_blocks()
    ours = list(body_lines(report))
    score = sum(a == b for a, b in zip(ours, seed, strict=False))
    print(f"seed: {score} of {len(seed)} blocks equal the seed's")
    assert ours == seed

    # page 1, as the seed's README gives it
    record = meeting_yaml(content)
    assert record["symbol"] == MASTHEAD[1]
    assert (record["organ"], record["distribution"]) == ("ECOSOC", "general")
    assert str(record["date_of_issue"]) == "2018-04-13"
    assert record["original_language"] == "en"
    session = record["session"]
    assert (session["body"], session["number"], session["venue"]) == ("CCPCJ", 27, "VIENNA")
    assert [str(d) for d in session["dates"].values()] == ["2018-05-14", "2018-05-18"]
    assert (session["agenda_item"], session["provisional_agenda"]) == (8, "E/CN.15/2018/1")
    held = record["meeting"]
    assert [str(d) for d in held["dates"].values()] == ["2018-04-03", "2018-04-05"]
    assert len(record["participation"]["states"]) == len(set(record["participation"]["states"]))
    # the one thing page 1 does not say: which meeting of the group it was
    assert record["placeholders"] == ["meeting.number"]
    front = YAML(typ="safe").load(content / "meetings" / NEW / "zh" / "front.yaml")
    assert front["agenda_item_title"].startswith("世界犯罪趋势")
    assert report.front.corner.provisional_agenda == "E/CN.15/2018/1"

    # check passes and says what is a placeholder, where it stands
    assert cli.check(content) == 0
    warnings = [line for line in capsys.readouterr().err.splitlines() if "placeholder" in line]
    number_line = next(
        n
        for n, line in enumerate(
            (content / "meetings" / NEW / "meeting.yaml").read_text().splitlines(), 1
        )
        if line.strip().startswith("number:") and n > 15
    )
    assert len(warnings) == 1
    assert re.fullmatch(
        rf".*meeting\.yaml:{number_line}:\d+: warning: placeholder: .*", warnings[0]
    )

    # and it builds: the DOCX carries every seed block
    build = tmp_path / "build"
    assert cli.build(content, build, meetings=[NEW], formats=["pdf", "docx"], quiet=True) == 0
    paragraphs = styled_paragraphs(Docx(build / "reports" / f"{NEW}.zh.docx"))
    text = "\n".join(re.sub("[\u200b\u2060]", "", t).replace("\u00a0", " ") for _, t in paragraphs)
    for block_label, block_text in seed:
        assert f"{block_label}\t{block_text}" in text or block_text in text


@needs_pandoc
def test_a_docx_without_a_masthead_gets_placeholders_that_check_reports(
    tmp_path, capsys, run_check
) -> None:
    content = empty_project(tmp_path)
    status, _, err = imported(content, seed_docx(tmp_path, masthead=False), "zh", capsys)
    assert status == 0, err
    record = meeting_yaml(content)
    assert {"symbol", "distribution", "date_of_issue", "original_language"} <= set(
        record["placeholders"]
    )
    assert record["symbol"] == f"DRAFT/{NEW.upper()}"
    assert "organ" not in record
    # what the corner notation says is still read
    assert record["session"]["number"] == 27
    status, lines = run_check(content)
    assert status == 0
    placeholder_lines = [line for line in lines if "placeholder" in line]
    assert len(placeholder_lines) == len(record["placeholders"])
    symbol_line = next(
        n
        for n, line in enumerate(
            (content / "meetings" / NEW / "meeting.yaml").read_text().splitlines(), 1
        )
        if line.startswith("symbol:")
    )
    assert any(
        line.startswith(
            f"<root>/meetings/{NEW}/meeting.yaml:{symbol_line}:9: warning: placeholder: symbol"
        )
        for line in placeholder_lines
    )
    assert cli.build(content, tmp_path / "build", meetings=[NEW], formats=["pdf"], quiet=True) == 0


@needs_pandoc
def test_importing_twice_gives_the_same_bytes(tmp_path, capsys) -> None:
    docx = seed_docx(tmp_path)
    first = empty_project(tmp_path / "one")
    second = empty_project(tmp_path / "two")
    assert imported(first, docx, "zh", capsys)[0] == 0
    assert imported(second, docx, "zh", capsys)[0] == 0
    assert files_of(first) == files_of(second)


# --- every language: a report's HTML, made a DOCX by Pandoc -------------------------------


def _meeting_in(lang: str) -> str:
    """A meeting of the project written in ``lang`` (the first, by id)."""
    for folder in sorted((CONTENT_DIR / "meetings").iterdir()):
        record = YAML(typ="safe").load(folder / "meeting.yaml")
        if lang in record["languages"]:
            return folder.name
    pytest.skip(f"no meeting of the project is written in {lang}")


@needs_pandoc
@pytest.mark.parametrize("lang", languages())
def test_a_report_made_elsewhere_reads_back_in_every_language(tmp_path, capsys, lang) -> None:
    """Our own HTML, made a DOCX by Pandoc (labels typed, glued to the text, lists in
    Word's numbering, page 1 as paragraphs), imported as a new meeting: the same report."""
    meeting = _meeting_in(lang)
    build = tmp_path / "build"
    assert cli.build(CONTENT_DIR, build, meetings=[meeting], formats=["html"], quiet=True) == 0
    docx = tmp_path / f"{lang}.docx"
    subprocess.run(
        [
            "pandoc",
            "-f",
            "html",
            "-t",
            "docx",
            "-o",
            docx,
            build / "reports" / f"{meeting}.{lang}.html",
        ],
        check=True,
        capture_output=True,
    )
    content = empty_project(tmp_path, CONTENT_DIR)
    status, out, err = imported(content, docx, lang, capsys)
    assert status == 0, err
    same, total = map(int, SCORE.search(out).groups())
    assert same == total > 0
    original = assemble_report(load_library(CONTENT_DIR), meeting, lang)
    report = assemble_report(load_library(content), NEW, lang)
    assert list(body_lines(report)) == list(body_lines(original))
    theirs = load_library(CONTENT_DIR).meetings[meeting].meeting.record
    ours = meeting_yaml(content)
    assert ours["symbol"] == theirs.symbol
    if theirs.session is not None:
        assert ours["session"]["number"] == theirs.session.number
        assert [str(d) for d in ours["session"]["dates"].values()] == [
            theirs.session.dates.start.isoformat(),
            theirs.session.dates.end.isoformat(),
        ]
    assert ours["languages"] == {lang: theirs.languages[lang]}
    assert cli.check(content) == 0


# --- Word's own numbering and headings, footnotes, symbols in plain text ----------------


def _word_document(path: Path, paragraphs: list[tuple[str, str]]) -> Path:
    """A DOCX made with python-docx from (style, text) pairs."""
    document = python_docx.Document()
    for style, text in paragraphs:
        document.add_paragraph(text, style=style)
    document.save(path)
    return path


def test_headings_and_list_numbering_made_in_word(tmp_path, capsys) -> None:
    """No label typed: chapters and sections by their Heading styles, paragraphs and
    items by Word's list numbering (List Number: decimal; List Number 2: its level)."""
    content = empty_project(tmp_path)
    docx = _word_document(
        tmp_path / "word.docx",
        [
            ("Title", "Report of the meeting"),
            ("Heading 1", "Introduction"),
            ("List Number", "The meeting opened."),
            ("Heading 1", "Compilation of preliminary recommendations and conclusions"),
            ("Heading 2", "Legislation"),
            ("List Number", "Member States made these recommendations:"),
            ("Normal", "(a) States should act;"),
            ("Normal", "(b) States should cooperate, in particular:"),
            ("Normal", "(i) by sharing data;"),
            ("Normal", "(ii) by training staff."),
            ("Heading 1", "Adoption of the report"),
            ("List Number", "The report was adopted."),
        ],
    )
    status, _, err = imported(content, docx, "en", capsys)
    assert status == 0, err
    report = assemble_report(load_library(content), NEW, "en")
    assert list(body_lines(report)) == [
        ("I.", "Introduction"),
        ("1.", "The meeting opened."),
        ("II.", "Compilation of preliminary recommendations and conclusions"),
        ("A.", "Legislation"),
        ("2.", "Member States made these recommendations:"),
        ("(a)", "States should act;"),
        ("(b)", "States should cooperate, in particular:"),
        ("(i)", "by sharing data;"),
        ("(ii)", "by training staff."),
        ("III.", "Summary of deliberations"),
        ("IV.", "Organization of the meeting"),
        ("V.", "Adoption of the report"),
        ("3.", "The report was adopted."),
    ]
    assert "List Number" in {p.style.name for p in python_docx.Document(docx).paragraphs}
    assert cli.check(content) == 0


def test_footnotes_and_symbols_in_plain_text_become_markup(tmp_path, capsys) -> None:
    content = empty_project(tmp_path)
    docx = _word_document(
        tmp_path / "plain.docx",
        [
            ("Title", "Report of the meeting"),
            ("Normal", "I. Introduction"),
            (
                "Normal",
                "1. In its resolution A/RES/65/230, the Assembly acted (see E/CN.15/2018/1).",
            ),
            ("Normal", "V. Adoption of the report"),
            ("Normal", "2. The report was adopted, and/or noted."),
        ],
    )
    status, _, err = imported(content, docx, "en", capsys)
    assert status == 0, err
    intro = YAML(typ="safe").load(content / "meetings" / NEW / "en" / "introduction.yaml")
    assert intro["paragraphs"][0]["text"].strip() == (
        "In its resolution [[A/RES/65/230]], the Assembly acted (see [[E/CN.15/2018/1]])."
    )
    adoption = YAML(typ="safe").load(content / "meetings" / NEW / "en" / "adoption.yaml")
    assert adoption["paragraphs"][0]["text"].strip() == "The report was adopted, and/or noted."


@needs_pandoc
def test_a_footnote_becomes_a_note_of_the_meeting(tmp_path, capsys) -> None:
    content = empty_project(tmp_path)
    source = tmp_path / "notes.md"
    source.write_text(
        "Report of the meeting\n\nI\\. Introduction\n\n"
        "1\\. The Group met in Vienna.[^n]\n\nV\\. Adoption of the report\n\n"
        "2\\. The report was adopted.\n\n[^n]: Held at the Vienna International Centre.\n",
        encoding="utf-8",
    )
    docx = tmp_path / "notes.docx"
    subprocess.run(["pandoc", "-o", docx, source], check=True)
    status, _, err = imported(content, docx, "en", capsys)
    assert status == 0, err
    folder = content / "meetings" / NEW / "en"
    notes = YAML(typ="safe").load(folder / "footnotes.yaml")
    [(note_id, note_text)] = notes.items()
    assert note_text == "Held at the Vienna International Centre."
    intro = YAML(typ="safe").load(folder / "introduction.yaml")
    assert intro["paragraphs"][0]["text"].strip() == f"The Group met in Vienna.[^{note_id}]"
    report = assemble_report(load_library(content), NEW, "en")
    assert [n.id for n in report.notes] == [note_id]


# --- refusals: exit 2, one line, nothing written ----------------------------------------


def _refused(
    content: Path, docx: Path, capsys, *, lang: str = "en", meeting: str = NEW, as_commit=False
) -> str:
    before = files_of(content)
    status = cli.import_docx(content, docx, meeting, lang, as_commit)
    err = capsys.readouterr().err
    assert status == 2
    assert files_of(content) == before
    assert not list((content / "meetings").iterdir())
    assert "Traceback" not in err
    return err


def test_refusals(tmp_path, capsys) -> None:
    content = empty_project(tmp_path)
    text = tmp_path / "notes.docx"
    text.write_text("not a document")
    assert "is not a Word document" in _refused(content, text, capsys)
    prose = _word_document(
        tmp_path / "prose.docx", [("Normal", "Just a letter."), ("Normal", "Yours.")]
    )
    assert "has no chapter heading" in _refused(content, prose, capsys)
    report = _word_document(
        tmp_path / "report.docx",
        [
            ("Normal", "I. Introduction"),
            ("Normal", "1. Text."),
            ("Normal", "V. Adoption of the report"),
            ("Normal", "2. Adopted."),
        ],
    )
    assert "not an id" in _refused(content, report, capsys, meeting="Not An Id")
    assert "--as-commit" in _refused(content, report, capsys, as_commit=True)
    assert "not a language" in _refused(content, report, capsys, lang="xx")
    assert "script" in _refused(content, report, capsys, lang="zh")


def test_a_docx_of_an_existing_meeting_is_refused(tmp_path, capsys) -> None:
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    symbol = load_library(content).meetings["cybercrime-2018"].meeting.record.symbol
    docx = _word_document(
        tmp_path / "again.docx",
        [
            ("Normal", symbol),
            ("Normal", "I. Introduction"),
            ("Normal", "1. Text."),
            ("Normal", "V. Adoption of the report"),
            ("Normal", "2. Adopted."),
        ],
    )
    before = files_of(content)
    assert cli.import_docx(content, docx, NEW, "en") == 2
    err = capsys.readouterr().err
    assert "the report of meeting cybercrime-2018: import it with --meeting cybercrime-2018" in err
    assert files_of(content) == before


def test_text_that_check_refuses_is_refused(tmp_path, capsys) -> None:
    content = empty_project(tmp_path)
    docx = _word_document(
        tmp_path / "bad.docx",
        [
            ("Normal", "I. Introduction"),
            ("Normal", "1. A text shown backwards by a \u202e bidi override."),
            ("Normal", "V. Adoption of the report"),
            ("Normal", "2. Adopted."),
        ],
    )
    err = _refused(content, docx, capsys)
    assert "(as the import would write it)" in err and "nothing was written" in err


# --- the readers, over generated input ----------------------------------------------------


@pytest.mark.parametrize("lang", languages())
@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(start=st.dates(date(1990, 1, 1), date(2060, 12, 31)), days=st.integers(0, 70))
def test_a_date_range_reads_back_as_written(lang, start, days) -> None:
    spec = _project_library().languages.record.root[lang]
    span = DateSpan(start, start + timedelta(days=days))
    written = date_range(span, spec)
    assert DateFinder(spec).span(f"x {written} y") == (span, written)


@functools.cache
def _project_library():
    return load_library(CONTENT_DIR)


@pytest.mark.parametrize("lang", languages())
def test_every_label_reads_back_as_its_level_and_number(lang) -> None:
    spec = _project_library().languages.record.root[lang]
    reader = LabelReader(spec)
    for level, most in LEVELS.items():
        fmt = getattr(spec.labels, level)
        for n in range(1, most + 1):
            shown = spec.in_own_digits(label(n, fmt))
            readings, rest = reader.read(f"{shown}\ttext")
            assert readings.get(level) == n and rest == "text", (level, n, shown)


# --- any report's outline, typed in Word, reads back ------------------------------------

WORDS = {
    "en": st.lists(
        st.sampled_from(["States", "should", "act", "law", "data", "crime"]), min_size=1, max_size=8
    ),
    "zh": st.lists(
        st.sampled_from(["会员国", "应当", "合作", "法律", "数据", "犯罪"]), min_size=1, max_size=8
    ),
}


@functools.cache
def _fixture_library():
    return load_library(FIXTURE_CONTENT)


def _outline(lang: str):
    """Chapters (the five kinds, in order) of paragraphs with items and nested items;
    recommendations and deliberations in sections."""
    words = WORDS[lang].map(lambda w: (" " if lang == "en" else "").join(w))
    nested = st.lists(words, max_size=3)
    items = st.lists(st.tuples(words, nested), max_size=3)
    paragraphs = st.lists(st.tuples(words, items), min_size=1, max_size=3)
    sections = st.lists(st.tuples(words, paragraphs), max_size=2, unique_by=lambda s: s[0])
    return st.tuples(paragraphs, sections, sections, paragraphs)


@pytest.mark.parametrize("lang", ["en", "zh"])
@settings(
    max_examples=15, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(data=st.data())
def test_any_outline_typed_in_word_reads_back(tmp_path_factory, lang, data) -> None:
    """Whatever chapters, sections, paragraphs, items and nested items a DOCX types
    (labels as the language prints them), the new meeting's report reads the same."""
    introduction, recommendations, deliberations, adoption = data.draw(_outline(lang))
    spec = _fixture_library().languages.record.root[lang]
    messages = translations(lang)

    typed: list[tuple[str, str]] = [("Title", "Report")]
    expected: list[tuple[str, str]] = []
    counter = iter(range(1, 1000))

    def block(text: str, level: str, n: int) -> None:
        shown = spec.in_own_digits(label(n, getattr(spec.labels, level)))
        typed.append(("Normal", f"{shown}\t{text}"))
        expected.append((shown, text))

    def paragraphs(found) -> None:
        for text, items in found:
            block(text, "paragraph", next(counter))
            for i, (item_text, nested) in enumerate(items, 1):
                block(item_text, "item", i)
                for k, nested_text in enumerate(nested, 1):
                    block(nested_text, "nested", k)

    chapters = [
        ("introduction", introduction, []),
        ("recommendations", [], recommendations),
        ("deliberations", [], deliberations),
        ("organization", [], []),
        ("adoption", adoption, []),
    ]
    for n, (kind, opening, sections) in enumerate(chapters, 1):
        block(messages.gettext(CHAPTER_TITLES[kind]), "chapter", n)
        paragraphs(opening)
        # (a title in both chapters is one agenda item, discussed in both)
        for s, (title, found) in enumerate(sections, 1):
            block(title, "section", s)
            paragraphs(found)
    folder = tmp_path_factory.mktemp("outline")
    content = empty_project(folder)
    docx = _word_document(folder / "typed.docx", typed)
    assert cli.import_docx(content, docx, NEW, lang) == 0
    report = assemble_report(load_library(content), NEW, lang)
    assert list(body_lines(report)) == expected


def test_the_ninth_item_and_a_first_nested_item_are_told_apart(tmp_path, capsys) -> None:
    """English "(i)" is the ninth item after "(h)", and the first nested item under it."""
    letters = "abcdefghij"
    typed = [("Normal", "I.\tIntroduction"), ("Normal", "1.\tStates should:")]
    typed += [("Normal", f"({c})\tact {c};") for c in letters]
    typed += [("Normal", "(i)\tfirst;"), ("Normal", "(ii)\tsecond.")]
    typed += [("Normal", "V.\tAdoption of the report"), ("Normal", "2.\tAdopted.")]
    content = empty_project(tmp_path)
    docx = _word_document(tmp_path / "items.docx", typed)
    assert cli.import_docx(content, docx, NEW, "en") == 0, capsys.readouterr().err
    report = assemble_report(load_library(content), NEW, "en")
    [first, *_] = report.paragraphs()
    assert [item.label for item in first.items] == [f"({c})" for c in letters]
    assert [n.label for n in first.items[-1].items] == ["(i)", "(ii)"]
    assert first.items[8].items == ()


# --- what a reviewer found (each read wrongly before) -------------------------------------


def _imported_en(tmp_path, capsys, typed, name="case.docx"):
    content = empty_project(tmp_path)
    docx = _word_document(tmp_path / name, typed)
    status = cli.import_docx(content, docx, NEW, "en")
    out = capsys.readouterr()
    assert status == 0, out.err
    return content, out.out


def test_paragraphs_numbered_by_word_stay_paragraphs(tmp_path, capsys) -> None:
    typed = [("Heading 1", "Introduction")]
    typed += [("List Number", f"Paragraph {n}.") for n in range(1, 4)]
    typed += [("Heading 1", "Adoption of the report"), ("List Number", "Adopted.")]
    content, out = _imported_en(tmp_path, capsys, typed)
    report = assemble_report(load_library(content), NEW, "en")
    assert [(p.label, plain_text(p.content)) for p in report.paragraphs()] == [
        ("1.", "Paragraph 1."),
        ("2.", "Paragraph 2."),
        ("3.", "Paragraph 3."),
        ("4.", "Adopted."),
    ]
    assert all(not p.items for p in report.paragraphs())
    same, total = map(int, SCORE.search(out).groups())
    assert same == total == 4


def test_a_sentence_is_no_heading_and_keeps_its_initial(tmp_path, capsys) -> None:
    typed = [
        ("Normal", "I.\tIntroduction"),
        ("Normal", "1.\tThe meeting opened."),
        ("Normal", "A. Smith chaired the meeting."),
        ("Normal", "I.e. nothing else happened."),
        ("Normal", "V.\tAdoption of the report"),
        ("Normal", "2.\tAdopted."),
    ]
    content, _ = _imported_en(tmp_path, capsys, typed)
    texts = [
        plain_text(p.content)
        for p in assemble_report(load_library(content), NEW, "en").paragraphs()
    ]
    # no heading, no label eaten: the unnumbered paragraphs go on the numbered one
    assert texts == [
        "The meeting opened. A. Smith chaired the meeting. I.e. nothing else happened.",
        "Adopted.",
    ]


def test_a_nested_i_is_told_by_the_ii_after_it(tmp_path, capsys) -> None:
    typed = [("Normal", "I.\tIntroduction"), ("Normal", "1.\tStates should:")]
    typed += [("Normal", f"({c})\tact {c};") for c in "abcdefgh"]
    typed += [("Normal", "(i)\tfirst;"), ("Normal", "(ii)\tsecond;")]
    typed += [("Normal", "V.\tAdoption of the report"), ("Normal", "2.\tAdopted.")]
    content, _ = _imported_en(tmp_path, capsys, typed)
    [first, _] = assemble_report(load_library(content), NEW, "en").paragraphs()
    assert [item.label for item in first.items] == [f"({c})" for c in "abcdefgh"]
    assert [n.label for n in first.items[-1].items] == ["(i)", "(ii)"]


def test_a_table_of_contents_and_a_summary_are_not_the_report(tmp_path, capsys) -> None:
    typed = [
        ("Normal", "Report on the meeting of the Expert Group"),
        ("Normal", "Summary"),
        ("Normal", "The present report contains the conclusions."),
        ("TOC Heading", "Contents"),
        ("toc 1", "I.\tIntroduction\t3"),
        ("toc 1", "V.\tAdoption of the report\t5"),
        ("Normal", "I.\tIntroduction"),
        ("Normal", "1.\tOpened."),
        ("Normal", "V.\tAdoption of the report"),
        ("Normal", "2.\tAdopted."),
    ]
    document = python_docx.Document()
    names = {style.name for style in document.styles}
    for style in ("TOC Heading", "toc 1"):
        if style not in names:
            document.styles.add_style(style, 1)
    for style, text in typed:
        document.add_paragraph(text, style=style)
    docx = tmp_path / "toc.docx"
    document.save(docx)
    content = empty_project(tmp_path)
    assert cli.import_docx(content, docx, NEW, "en") == 0, capsys.readouterr().err
    out = capsys.readouterr().out
    report = assemble_report(load_library(content), NEW, "en")
    assert plain_text(report.front.title) == "Report on the meeting of the Expert Group"
    assert [plain_text(p.content) for p in report.paragraphs()] == ["Opened.", "Adopted."]
    assert "not read: The present report contains the conclusions." in out


def test_a_corner_line_not_understood_marks_what_it_gave(tmp_path, capsys) -> None:
    """ "30th session" is not how the catalog words it: the corner is not taken for the
    meeting's own without a placeholder, and the title is the title."""
    typed = [
        ("Normal", "Commission on Crime Prevention and Criminal Justice"),
        ("Normal", "30th session"),
        ("Normal", "Vienna, 17–21 May 2021"),
        ("Normal", "Items 7 and 8 of the provisional agenda"),
        ("Normal", "World crime trends"),
        ("Normal", "Report on the meeting of the Expert Group held in Vienna on 6 April 2021"),
        ("Normal", "I.\tIntroduction"),
        ("Normal", "1.\tOpened."),
        ("Normal", "V.\tAdoption of the report"),
        ("Normal", "2.\tAdopted."),
    ]
    content, out = _imported_en(tmp_path, capsys, typed)
    record = meeting_yaml(content)
    assert {"meeting.body", "meeting.number"} <= set(record["placeholders"])
    assert str(record["meeting"]["dates"]["start"]) == "2021-04-06"  # the title's, not the corner's
    front = YAML(typ="safe").load(content / "meetings" / NEW / "en" / "front.yaml")
    assert front["title"].startswith("Report on the meeting")
    assert "not read: 30th session" in out
    assert cli.check(content) == 0


def test_a_link_to_a_resolution_keeps_its_text(tmp_path, capsys) -> None:
    content = empty_project(tmp_path)
    source = tmp_path / "links.md"
    source.write_text(
        "Report of the meeting\n\nI\\. Introduction\n\n"
        "1\\. In its resolution [65/230](https://undocs.org/A/RES/65/230), the Assembly "
        "(see [E/CN.15/2018/1](https://undocs.org/E/CN.15/2018/1)) acted.\n\n"
        "V\\. Adoption of the report\n\n2\\. Adopted.\n",
        encoding="utf-8",
    )
    docx = tmp_path / "links.docx"
    subprocess.run(["pandoc", "-o", docx, source], check=True)
    assert cli.import_docx(content, docx, NEW, "en") == 0, capsys.readouterr().err
    intro = YAML(typ="safe").load(content / "meetings" / NEW / "en" / "introduction.yaml")
    assert intro["paragraphs"][0]["text"].strip() == (
        "In its resolution 65/230, the Assembly (see [[E/CN.15/2018/1]]) acted."
    )


@pytest.mark.parametrize("part", ["word/styles.xml", "word/numbering.xml", "docProps/core.xml"])
def test_a_damaged_part_is_one_line(tmp_path, capsys, part) -> None:
    content = empty_project(tmp_path)
    good = _word_document(
        tmp_path / "good.docx",
        [("List Number", "x"), ("Normal", "I.\tIntroduction"), ("Normal", "1.\tText.")],
    )
    damaged = tmp_path / "damaged.docx"
    with zipfile.ZipFile(good) as source, zipfile.ZipFile(damaged, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            target.writestr(info, b"<not xml" if info.filename == part else data)
    err = _refused(content, damaged, capsys)
    assert f"is damaged: its part {part} cannot be read" in err
    assert len(err.strip().splitlines()) == 1


def test_invisible_marks_before_labels_and_a_marked_arabic_label(tmp_path, capsys) -> None:
    typed = [
        ("Normal", "\ufeffReport of the meeting"),
        ("Normal", "\u200fI.\tIntroduction"),
        ("Normal", "\u200f1.\tOpened."),
        ("Normal", "V.\tAdoption of the report"),
        ("Normal", "2.\t"),  # a label alone: nothing to import
        ("Normal", "3.\tAdopted."),
    ]
    content, out = _imported_en(tmp_path, capsys, typed)
    report = assemble_report(load_library(content), NEW, "en")
    assert [plain_text(p.content) for p in report.paragraphs()] == ["Opened.", "Adopted."]
    assert "an empty numbered paragraph is left out" in out
    spec = _project_library().languages.record.root.get("ar")
    if spec is not None:  # "أولاً", typed with its tanween, is chapter one
        reader = LabelReader(spec)
        first = spec.in_own_digits(label(1, spec.labels.chapter))
        marked = first.replace("ا", "اً", 1) if "ا" in first else first
        assert reader.read(f"{marked}\tمقدمة")[0].get("chapter") == 1
