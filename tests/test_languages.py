"""Languages as data: each UN language's ordinals, dates, collation and typography come
from languages.yaml, checked here against UN usage written out for French, Spanish and
Russian, and as invariants over every language the file has."""

from __future__ import annotations

import re
from datetime import date
from functools import cache
from pathlib import Path

import pytest
from hypothesis import given
from hypothesis import strategies as st

from rapporteur.load.loader import load_library
from rapporteur.model.collation import sort_key
from rapporteur.model.document import DateSpan
from rapporteur.render.dates import date_range, single_date
from rapporteur.render.environment import capitalize_first, language_name, spelled_ordinal
from rapporteur.render.typography import typeset

FIXTURE = Path(__file__).parent / "fixtures" / "content"


@cache
def languages():
    return load_library(FIXTURE).languages.record.root


def test_french_typography() -> None:
    rules = languages()["fr"].typography
    assert typeset("<p>Ceci : cela ; « texte » ? Oui !</p>", rules) == (
        "<p>Ceci\u00a0: cela\u202f; «\u202ftexte\u202f»\u202f? Oui\u202f!</p>"
    )
    # only text: markup and stylesheets keep their spaces
    page = '<style>@page :first { margin: 0 }</style><a title="a : b">x : y</a>'
    assert (
        typeset(page, rules)
        == '<style>@page :first { margin: 0 }</style><a title="a : b">x\u00a0: y</a>'
    )


def test_the_first_of_a_month_in_french() -> None:
    french = languages()["fr"]
    assert single_date(date(2018, 4, 1), french) == "1er avril 2018"
    assert date_range(DateSpan(date(2018, 5, 1), date(2018, 5, 3)), french) == "1er-3 mai 2018"
    assert single_date(date(2018, 4, 11), french) == "11 avril 2018"


def test_russian_typography() -> None:
    rules = languages()["ru"].typography
    assert typeset("<p>14–18 мая 2018 года</p>", rules) == "<p>14–18 мая 2018\u00a0года</p>"


@given(st.text(alphabet=" :;?!«»abc1года", max_size=40), st.data())
def test_typography_is_done_once(text: str, data: st.DataObject) -> None:
    """Every language's rules: typesetting typeset text changes nothing more."""
    lang = data.draw(st.sampled_from(sorted(languages())))
    rules = languages()[lang].typography
    once = typeset(f"<p>{text}</p>", rules)
    assert typeset(once, rules) == once


def test_session_dates_and_masthead_in_each_language() -> None:
    spans = DateSpan(date(2018, 5, 14), date(2018, 5, 18))
    expected = {
        "fr": ("vingt-septième", "14-18 mai 2018", "13 avril 2018", "Français", "anglais"),
        "es": ("27º", "14 a 18 de mayo de 2018", "13 de abril de 2018", "Español", "inglés"),
        "ru": (
            "двадцать седьмая",
            "14–18 мая 2018 года",
            "13 April 2018",  # the Distr. block of a Russian document is in English
            "Russian",
            "English",
        ),
    }
    for lang, (ordinal, dates, issued, name, original) in expected.items():
        spec = languages()[lang]
        masthead = languages()[spec.masthead_language]
        assert spelled_ordinal(27, spec, lang) == ordinal
        assert date_range(spans, spec) == dates
        assert single_date(date(2018, 4, 13), masthead) == issued
        assert capitalize_first(language_name(lang, spec.masthead_language)) == name
        assert language_name("en", spec.masthead_language) == original


def test_each_language_orders_states_alphabetically_its_own_way() -> None:
    french = ["Argentine", "Allemagne", "Algérie", "Albanie", "Afrique du Sud"]
    assert sorted(french, key=sort_key(languages()["fr"].locale)) == [
        "Afrique du Sud",
        "Albanie",
        "Algérie",
        "Allemagne",
        "Argentine",
    ]
    spanish = ["Omán", "Ñandú", "Nueva Zelandia", "Noruega"]
    assert sorted(spanish, key=sort_key(languages()["es"].locale)) == [
        "Noruega",
        "Nueva Zelandia",
        "Ñandú",
        "Omán",
    ]


# The UN Editorial Manual's first- and second-degree subparagraph labels.
ITEM_LABELS = {
    "en": ("(a)", "(i)"),
    "zh": ("(a)", "（一）"),
    "fr": ("a)", "i)"),
    "es": ("a)", "i)"),
    "ru": ("a)", "i)"),
}


@pytest.mark.parametrize("lang", sorted(ITEM_LABELS))
def test_item_labels_follow_the_editorial_manual(lang: str) -> None:
    from rapporteur.model.numbering import label

    labels = languages()[lang].labels
    assert (label(1, labels.item), label(1, labels.nested)) == ITEM_LABELS[lang]


def test_the_docx_carries_the_typography_the_pdf_has(full_build: Path) -> None:
    """The no-break spaces a language's rules put in are the same characters, as many,
    in the DOCX's text (body and footnotes) as in the HTML the PDF is made from. For
    every built report in a language that has such rules."""
    import zipfile

    from checkout import CONTENT_DIR

    specs = load_library(CONTENT_DIR).languages.record.root
    checked = 0
    for html in sorted((full_build / "reports").glob("*.html")):
        lang = html.suffixes[-2].lstrip(".")
        if not specs[lang].typography:
            continue
        page = html.read_text(encoding="utf-8")
        body = re.sub(r"<style\b.*?</style>", "", page[page.index("<body") :], flags=re.S)
        shown = re.sub(r"<[^>]+>", "", body)
        with zipfile.ZipFile(html.with_suffix(".docx")) as docx:
            xml = "".join(
                docx.read(name).decode("utf-8")
                for name in ("word/document.xml", "word/footnotes.xml")
                if name in docx.namelist()
            )
        words = "".join(re.findall(r"<w:t(?: [^>]*)?>([^<]*)</w:t>", xml))
        for space in ("\u00a0", "\u202f"):
            assert words.count(space) == shown.count(space), (html.name, repr(space))
        checked += 1
    assert checked or not any(spec.typography for spec in specs.values())


def test_each_language_s_fonts_come_from_its_data(full_build: Path) -> None:
    """The PDF's font families and the DOCX's Word fonts are the ones languages.yaml
    names for the language (nothing in the code or the stylesheet picks them)."""
    import zipfile

    from checkout import CONTENT_DIR

    specs = load_library(CONTENT_DIR).languages.record.root
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    for html in sorted((full_build / "reports").glob("*.html")):
        fonts = specs[html.suffixes[-2].lstrip(".")].fonts
        families = ", ".join(f'"{family}"' for family in fonts.pdf)
        assert f"html {{ font-family: {families}, serif; line-height: {fonts.line_height}; }}" in (
            html.read_text(encoding="utf-8")
        )
        with zipfile.ZipFile(html.with_suffix(".docx")) as docx:
            from xml.etree import ElementTree

            styles = ElementTree.fromstring(docx.read("word/styles.xml"))
        default = styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}rFonts")
        assert default.get(f"{w}ascii") == fonts.word.latin, html.name
        assert default.get(f"{w}eastAsia") == fonts.word.east_asian, html.name


def test_an_agenda_title_as_a_heading_keeps_no_french_space() -> None:
    """An agenda title as a heading loses its list punctuation, and with it the space
    French sets before a colon."""
    from rapporteur.model.assemble import _heading

    assert _heading("Questions d’organisation :") == "Questions d’organisation"
    assert _heading("组织事项：") == "组织事项"
    assert _heading("Organizational matters:") == "Organizational matters"
