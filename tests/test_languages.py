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
    rules = languages()["fr"]
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
    rules = languages()["ru"]
    assert typeset("<p>14–18 мая 2018 года</p>", rules) == "<p>14–18\u00a0мая 2018\u00a0года</p>"


def test_chinese_typography() -> None:
    """A number keeps to the character after it and to 第 or 项目 before it."""
    rules = languages()["zh"]
    nbsp, wj = "\u00a0", "\u2060"
    assert typeset("<p>依据第 65/230 号决议，9 个代表和议程项目 2。</p>", rules) == (
        f"<p>依据第{nbsp}65/{wj}230{nbsp}号决议，9{nbsp}个代表和议程项{wj}目{nbsp}2。</p>"
    )


def test_arabic_typography() -> None:
    """Latin runs isolated; a range of numbers unbroken at its hyphen,
    wherever it stands; a symbol's numbers are the symbol's."""
    rules = languages()["ar"]
    wj, lri, pdi = "\u2060", "\u2066", "\u2069"
    assert typeset("<p>2018-2021: للفترة 2018-2021، انظر E/CN.15/2011/19</p>", rules) == (
        f"<p>2018-{wj}2021: للفترة 2018-{wj}2021، انظر {lri}E/CN.15/{wj}2011/{wj}19{pdi}</p>"
    )
    assert typeset("<p>إيران (جمهورية - الإسلامية)</p>", rules) == (
        "<p>إيران (جمهورية\u00a0- الإسلامية)</p>"
    )
    assert typeset("<p>A/RES/65-230 و2018-2019/1</p>", rules) == (
        f"<p>{lri}A/RES/65-230{pdi} و{lri}2018-2019/{wj}1{pdi}</p>"
    )


@given(st.text(alphabet=" :;?!«»abc1-/года للفترة", max_size=40), st.data())
def test_typography_is_done_once(text: str, data: st.DataObject) -> None:
    """Every language's rules: typesetting typeset text changes nothing more."""
    lang = data.draw(st.sampled_from(sorted(languages())))
    rules = languages()[lang]
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
    "zh": ("(a)", "(一)"),
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
    from rapporteur.model.assemble import agenda_heading

    assert agenda_heading("Questions d’organisation :") == "Questions d’organisation"
    assert agenda_heading("组织事项：") == "组织事项"
    assert agenda_heading("Organizational matters:") == "Organizational matters"
    assert agenda_heading("المسائل التنظيمية؛") == "المسائل التنظيمية"


def test_arabic_subparagraph_letters_follow_the_abjad_order() -> None:
    from rapporteur.model.numbering import counter

    letters = [counter(n, "arabic-abjad") for n in range(1, 23)]
    assert " ".join(letters) == "أ ب ج د هـ و ز ح ط ي ك ل م ن س ع ف ص ق ر ش ت"


def test_ordinals_spelled_from_words_in_data() -> None:
    """UN Arabic session ordinals are feminine ordinals, not num2words' cardinals."""
    from rapporteur.load.schema import OrdinalWords

    # the forms a unit takes before "عشرة" and in compounds (الحادية for الأولى)
    compound_units = "الحادية الثانية الثالثة الرابعة الخامسة السادسة السابعة الثامنة التاسعة"
    words = OrdinalWords(
        units=[
            "الأولى",
            "الثانية",
            "الثالثة",
            "الرابعة",
            "الخامسة",
            "السادسة",
            "السابعة",
            "الثامنة",
            "التاسعة",
        ],
        ten="العاشرة",
        teens=[f"{unit} عشرة" for unit in compound_units.split()],
        tens=[
            "العشرون",
            "الثلاثون",
            "الأربعون",
            "الخمسون",
            "الستون",
            "السبعون",
            "الثمانون",
            "التسعون",
        ],
        compound="{unit} و{tens}",
        compound_units=compound_units.split(),
    )
    assert words.spelled(27) == "السابعة والعشرون"
    assert words.spelled(21) == "الحادية والعشرون"
    assert words.spelled(1) == "الأولى"
    assert words.spelled(10) == "العاشرة"
    assert words.spelled(13) == "الثالثة عشرة"
    assert words.spelled(30) == "الثلاثون"


def test_month_names_from_data_replace_cldr_s() -> None:
    """UN Arabic pairs the months' names ("نيسان/أبريل"); a language's month_names
    stand in the date patterns for CLDR's, in dates and ranges alike."""
    english = languages()["en"]
    names = [f"M{n}" for n in range(1, 13)]
    paired = english.model_copy(
        update={"dates": english.dates.model_copy(update={"month_names": names})}
    )
    assert single_date(date(2018, 4, 13), paired) == "13 M4 2018"
    assert date_range(DateSpan(date(2018, 5, 14), date(2018, 5, 18)), paired) == "14–18 M5 2018"


def test_right_to_left_isolates_are_named_spaces() -> None:
    from rapporteur.load.schema import TypographyRule

    rule = TypographyRule(find="(E/CN[\\w./]+)", replace="{lri}\\1{pdi}")
    arabic = languages()["ar"].model_copy(update={"typography": [rule]})
    assert typeset("<p>الوثيقة E/CN.15/2011/19.</p>", arabic) == (
        "<p>الوثيقة \u2066E/CN.15/2011/19.\u2069</p>"
    )


def test_a_right_to_left_document_s_docx_reads_right_to_left(full_build: Path) -> None:
    """The HTML's dir="rtl" makes the DOCX's paragraphs bidi and its runs rtl, with the
    complex-script font the language names and sizes for it."""
    import zipfile
    from io import BytesIO
    from xml.etree import ElementTree

    from rapporteur.write.docx import write_docx

    html = next(iter(sorted((full_build / "reports").glob("*.html")))).read_text(encoding="utf-8")
    html = re.sub(r'dir="ltr"', 'dir="rtl"', html, count=1).replace(
        "<head>",
        '<head><meta name="rapporteur.fonts.word-complex-script" content="Simplified Arabic" />',
        1,
    )
    with zipfile.ZipFile(BytesIO(write_docx(html))) as docx:
        styles = ElementTree.fromstring(docx.read("word/styles.xml"))
    w = "{http://schemas.openxmlformats.org/wordprocessingml/2006/main}"
    normal = next(s for s in styles.iter(f"{w}style") if s.get(f"{w}styleId") == "Normal")
    assert normal.find(f"{w}pPr/{w}bidi") is not None
    assert normal.find(f"{w}rPr/{w}rtl") is not None
    fonts = styles.find(f"{w}docDefaults/{w}rPrDefault/{w}rPr/{w}rFonts")
    assert fonts.get(f"{w}cs") == "Simplified Arabic"
    title = next(s for s in styles.iter(f"{w}style") if s.get(f"{w}styleId") == "UNTitle")
    assert title.find(f"{w}rPr/{w}szCs").get(f"{w}val") == title.find(f"{w}rPr/{w}sz").get(
        f"{w}val"
    )
    assert title.find(f"{w}rPr/{w}bCs") is not None


def test_a_status_time_takes_the_month_names_from_data() -> None:
    from datetime import datetime

    from rapporteur.render.dates import moment

    english = languages()["en"]
    names = [f"M{n}" for n in range(1, 13)]
    paired = english.model_copy(
        update={"dates": english.dates.model_copy(update={"month_names": names})}
    )
    assert moment(datetime(2021, 4, 7, 18, 0), paired) == "7 M4 2021, 6 p.m."


def test_a_language_writes_its_own_digits(content: Path, tmp_path: Path) -> None:
    """languages.yaml digits: every number rapporteur writes (labels, note marks, dates,
    the session's ordinal when it is a number, page numbers) in the language's digits;
    the numbers typed in content as they are. UN languages all write "latn"; here the
    fixture's English is given Arabic-Indic digits to see each of them change."""
    from pdftools import pages
    from rapporteur import cli
    from rapporteur.load.schema import numbering_system_digits

    path = content / "languages.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("\nen:\n", "\nen:\n  digits: arab\n", 1), encoding="utf-8")
    out = tmp_path / "build"
    assert cli.build(content, out, ["cybercrime-2018"], langs=["en"], formats=["pdf", "html"]) == 0
    html = (out / "reports/cybercrime-2018.en.html").read_text(encoding="utf-8")
    own = numbering_system_digits("arab")
    labels = re.findall(r'<span class="num">([^<]*)</span>', html)
    assert labels and not any(re.search(r"[0-9]", label) for label in labels), labels
    assert f'<span class="num">{own[1]}.</span>' in html
    issued = re.search(r'<p class="issue-date">([^<]*)</p>', html).group(1)
    assert re.fullmatch(f"[{own}]+\u00a0April [{own}]+", issued), issued
    assert "resolution 65/\u2060230" in html, "content keeps its digits"
    page_two = pages(out / "reports/cybercrime-2018.en.pdf")[1]
    footer = [word.text for word in page_two.words if word.y_min > 270 * 72 / 25.4]
    assert any(text.startswith(f"{own[2]}/") for text in footer), footer


@pytest.mark.parametrize("lang", sorted(languages()))
def test_units_a_line_never_splits(lang: str) -> None:
    """In every language: a day and its month, as the language writes a date, and a
    number with a slash ("65/230") are joined by no-break characters as the text is
    rendered; what content typed is unchanged."""
    language = languages()[lang]
    day = single_date(date(2018, 4, 5), language)
    days = date_range(DateSpan(date(2018, 4, 3), date(2018, 4, 5)), language)
    typeset_text = typeset(f"<p>le {day} et {days}, résolution 65/230</p>", language)
    month = re.escape(language.months[3])
    assert not re.search(rf"\d[ ]+(?:de )?{month}", typeset_text), typeset_text
    assert "65/\u2060230" in typeset_text
    plain = re.sub(
        "[\u00a0\u2060\u061c\u2066\u2069]", lambda m: " " if m[0] == "\u00a0" else "", typeset_text
    )
    assert plain == f"<p>le {day} et {days}, résolution 65/230</p>".replace("\u00a0", " ")


@pytest.mark.parametrize("lang", sorted(languages()))
def test_a_nested_item_s_reference_keeps_its_labels_apart(lang: str) -> None:
    """ "9 (n) (i)", "9 (n) (一)", "4 (ط) ’1‘": a paragraph's number and the labels of an
    item and a nested item, each standing apart (an Arabic nested label opens with ’,
    which running text would glue to what precedes it)."""
    from rapporteur.model.numbering import label
    from rapporteur.review.references import reference

    labels = languages()[lang].labels
    parts = ("9", label(14, labels.item), label(1, labels.nested))
    assert reference(parts) == " ".join(parts)


def test_date_ranges_within_a_month_across_months_and_years_and_of_one_day() -> None:
    """The UN forms, written out (the audit: ranges crossing a month or a year, and
    single-day meetings, were untested)."""
    english, chinese = languages()["en"], languages()["zh"]
    cases = [
        ((date(2018, 5, 14), date(2018, 5, 18)), "14–18 May 2018", "2018年5月14日至18日"),
        ((date(2019, 3, 27), date(2019, 4, 2)), "27 March–2 April 2019", "2019年3月27日至4月2日"),
        (
            (date(2020, 12, 30), date(2021, 1, 2)),
            "30 December 2020–2 January 2021",
            "2020年12月30日至2021年1月2日",
        ),
        ((date(2021, 4, 6), date(2021, 4, 6)), "6 April 2021", "2021年4月6日"),
    ]
    for (start, end), in_english, in_chinese in cases:
        span = DateSpan(start, end)
        assert date_range(span, english) == in_english
        assert date_range(span, chinese) == in_chinese
