"""A compilation small enough to write out whole: every row of each edition, the adopted
list and the CSV as a secretariat officer would read them, with nothing computed by the
code under test. Its one meeting's recommendations are replaced by seven short ones:
two themes, a lead-in with two nested items, an amendment, a deletion, a merger and
two items proposed at the meeting."""

from __future__ import annotations

import base64
import re
import shutil
from pathlib import Path

import openpyxl
import pytest
import tinyhtml5

from conftest import FIXTURE_CONTENT
from rapporteur import cli
from rapporteur.load.loader import load_library
from rapporteur.model.compile import assemble_compilation

XHTML = "{http://www.w3.org/1999/xhtml}"
SYMBOL = "E/CN.15/2018/12"

RECOMMENDATIONS = {
    "en": (
        "The list follows.",
        "Suggestions under item 2:",
        ("States should act;", "States should train:", "Judges;", "Police;"),
        "States should report.",
        "Suggestions under item 3:",
        ("States should define offences;", "States should cooperate."),
    ),
    "zh": (
        "清单如下。",
        "议程项目 2 下的建议：",
        ("各国应当行动；", "各国应当培训：", "法官；", "警察；"),
        "各国应当报告。",
        "议程项目 3 下的建议：",
        ("各国应当界定罪行；", "各国应当合作。"),
    ),
}


def _recommendations(lang: str) -> str:
    mandate, lead2, (act, train, judges, police), report, lead3, (define, coop) = RECOMMENDATIONS[
        lang
    ]
    return f"""paragraphs:
  - id: compilation-mandate
    text: "{mandate}"
sections:
  - agenda_item: legislation-and-frameworks
    paragraphs:
      - id: recommendations-legislation
        text: "{lead2}"
        items:
          - id: leg-act
            text: "{act}"
          - id: leg-train
            text: "{train}"
            items:
              - id: leg-train-judges
                text: "{judges}"
              - id: leg-train-police
                text: "{police}"
          - id: leg-report
            text: "{report}"
  - agenda_item: criminalization
    paragraphs:
      - id: recommendations-criminalization
        text: "{lead3}"
        items:
          - id: crim-define
            text: "{define}"
          - id: crim-cooperate
            text: "{coop}"
"""


COMPILATION = """symbol: UNODC/CCPCJ/EG.4/2021/CRP.9
distribution: limited
date_of_issue: 2021-03-01
original_language: en
meeting: {body: EG-CYBERCRIME, number: 7, dates: {start: 2021-04-06, end: 2021-04-08}, venue: VIENNA}
meetings: [cybercrime-2018]
adopted: {symbol: UNODC/CCPCJ/EG.4/2021/L.9, distribution: limited, date_of_issue: 2021-04-08}
themes:
  - id: laws
    sources:
      - {meeting: cybercrime-2018, agenda_item: legislation-and-frameworks}
  - id: crimes
    sources:
      - {meeting: cybercrime-2018, agenda_item: criminalization}
"""

STATUS = """as_of: 2021-04-07 18:00
items:
  leg-act:
    state: agreed
    text: {en: States should act now;, zh: 各国应当立即行动；}
    proposed_by: [ALB]
    supported_by: [DZA, ARG]
    comments: |
      Agreed after informal consultations.
      Wording from the Chair.
  leg-train:
    state: agreed
  leg-train-judges:
    state: deleted
  leg-train-police:
    state: agreed
  leg-report:
    state: agreed-ad-referendum
  crim-define:
    state: merged
    into: crim-cooperate
  crim-cooperate:
    state: agreed
new:
  - id: crim-share
    after: crim-cooperate
    state: agreed
    text: {en: States should share data., zh: 各国应当共享数据。}
  - id: crim-train
    after: crim-cooperate
    proposed_by: [AUS]
    text: {en: "States should [train];", zh: "各国应当[培训]；"}
"""


@pytest.fixture(scope="module")
def tiny(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The content: the fixture's meetings, this module's recommendations and compilation."""
    content = tmp_path_factory.mktemp("tiny") / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    for lang in RECOMMENDATIONS:
        path = content / "meetings" / "cybercrime-2018" / lang / "recommendations.yaml"
        path.write_text(_recommendations(lang), encoding="utf-8")
    shutil.rmtree(content / "compilations")
    tiny = content / "compilations" / "tiny"
    for lang, (title, intro, laws, crimes) in {
        "en": ("Tiny", "The list, by theme.", "Laws", "Crimes"),
        "zh": ("小表", "按专题排列的清单。", "法律", "犯罪"),
    }.items():
        (tiny / lang).mkdir(parents=True)
        (tiny / lang / "text.yaml").write_text(
            f"title: {title}\nintroduction:\n  - id: intro\n    text: {intro}\n"
            f"themes:\n  laws: {laws}\n  crimes: {crimes}\n",
            encoding="utf-8",
        )
    (tiny / "compilation.yaml").write_text(COMPILATION, encoding="utf-8")
    (tiny / "status.yaml").write_text(STATUS, encoding="utf-8")
    return content


@pytest.fixture
def built(tiny: Path, tmp_path: Path) -> Path:
    """Built for each test, in the test's own process (jobs=1): mutmut runs, for a
    mutant, only the tests it saw reach the mutated code, and a module-wide build would
    be seen by the first test alone."""
    out = tmp_path / "build"
    assert cli.build(tiny, out, compilations=["tiny"], formats=["html", "csv", "xlsx"], jobs=1) == 0
    return out


def _cells(td) -> str:
    text = "".join(td.itertext())
    return " ".join(re.sub("[\u200b\u2060]", "", text).replace("\u00a0", " ").split())


def rows(path: Path) -> list[tuple[str, ...]]:
    """Each table row as its cells read, in order, after the row's id."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    return [
        (tr.get("id", "").removeprefix("item-"), *(_cells(td) for td in tr.iter(XHTML + "td")))
        for tr in root.iter(XHTML + "tr")
        if tr.find(XHTML + "td") is not None
    ]


def line_of_class(path: Path, name: str) -> str:
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    (element,) = [e for e in root.iter() if e.get("class") == name]
    return _cells(element)


def test_the_compilation_as_issued(built: Path) -> None:
    source = f"{SYMBOL}, para."
    assert rows(built / "compilations" / "tiny.en.html") == [
        ("leg-act", "1", "States should act;", f"{source} 9 (a)"),
        ("leg-train", "2", "States should train:", f"{source} 9 (b)"),
        ("leg-train-judges", "3", "Judges;", f"{source} 9 (b) (i)"),
        ("leg-train-police", "4", "Police;", f"{source} 9 (b) (ii)"),
        ("leg-report", "5", "States should report.", f"{source} 9 (c)"),
        ("crim-define", "6", "States should define offences;", f"{source} 10 (a)"),
        ("crim-cooperate", "7", "States should cooperate.", f"{source} 10 (b)"),
    ]


def test_the_status_edition(built: Path) -> None:
    page = built / "compilations" / "tiny.status.en.html"
    source, new = f"{SYMBOL}, para.", "Proposed at the meeting"
    assert line_of_class(page, "status-time") == "Status as at 7 April 2021, 6 p.m."
    assert rows(page) == [
        ("leg-act", "1", "States should act now;", f"{source} 9 (a)", "Agreed (as amended)"),
        ("leg-train", "2", "States should train:", f"{source} 9 (b)", "Agreed"),
        ("leg-train-judges", "3", "Judges;", f"{source} 9 (b) (i)", "Deleted"),
        ("leg-train-police", "4", "Police;", f"{source} 9 (b) (ii)", "Agreed"),
        ("leg-report", "5", "States should report.", f"{source} 9 (c)", "Agreed ad referendum"),
        (
            "crim-define",
            "6",
            "States should define offences;",
            f"{source} 10 (a)",
            "Merged into No. 7",
        ),
        ("crim-cooperate", "7", "States should cooperate.", f"{source} 10 (b)", "Agreed"),
        ("crim-share", "7 bis", "States should share data.", new, "Agreed"),
        ("crim-train", "7 ter", "States should [train];", new, "Proposed"),
    ]


def test_the_status_edition_marks_the_amendment(built: Path) -> None:
    root = tinyhtml5.parse(
        (built / "compilations" / "tiny.status.en.html").read_text(encoding="utf-8")
    )
    (row,) = [tr for tr in root.iter(XHTML + "tr") if tr.get("id") == "item-leg-act"]
    assert [_cells(e) for e in row.iter(XHTML + "ins")] == ["now"]
    assert list(row.iter(XHTML + "del")) == []


@pytest.mark.parametrize(
    ("lang", "time", "items"),
    [
        (
            "en",
            "Agreed as at 7 April 2021, 6 p.m.",
            [
                "1 States should act now;",
                "2 States should train:",
                "(a) Police.",
                "3 States should cooperate;",
                "4 States should share data.",
            ],
        ),
        (
            "zh",
            "截至 2021 年 4 月 7 日下午 6 时已商定",
            [
                "1 各国应当立即行动；",
                "2 各国应当培训：",
                "(a) 警察。",
                "3 各国应当合作；",
                "4 各国应当共享数据。",
            ],
        ),
    ],
)
def test_the_adopted_list(built: Path, lang: str, time: str, items: list[str]) -> None:
    """Agreed items only, renumbered; the nested item under its lead-in, lettered anew
    (the deleted first is gone); each theme one list: ";" between items, "." at its end."""
    page = built / "adopted" / f"tiny.{lang}.html"
    assert line_of_class(page, "status-time") == time
    assert [" ".join(filter(None, cells)) for _, *cells in rows(page)] == items


def test_the_csv(built: Path) -> None:
    assert (built / "compilations" / "tiny.csv").read_text(encoding="utf-8-sig").splitlines() == [
        "id,number,theme,source_symbol,paragraph,label,status,merged_into,text_en,text_zh",
        f"leg-act,1,laws,{SYMBOL},9,(a),agreed,,States should act now;,各国应当立即行动；",
        f"leg-train,2,laws,{SYMBOL},9,(b),agreed,,States should train:,各国应当培训：",
        f"leg-train-judges,3,laws,{SYMBOL},9,(b) (i),deleted,,Judges;,法官；",
        f"leg-train-police,4,laws,{SYMBOL},9,(b) (ii),agreed,,Police;,警察；",
        f"leg-report,5,laws,{SYMBOL},9,(c),agreed-ad-referendum,,States should report.,各国应当报告。",
        f"crim-define,6,crimes,{SYMBOL},10,(a),merged,7,States should define offences;,各国应当界定罪行；",
        f"crim-cooperate,7,crimes,{SYMBOL},10,(b),agreed,,States should cooperate.,各国应当合作。",
        "crim-share,7 bis,crimes,,,,agreed,,States should share data.,各国应当共享数据。",
        "crim-train,7 ter,crimes,,,,proposed,,States should [train];,各国应当[培训]；",
    ]


def test_where_a_part_of_the_tables_may_start(tiny: Path) -> None:
    """Pages of the tables start at a theme's heading or a row; a part that starts inside
    a theme continues it, and a heading never ends a part without its rows."""
    compilation = assemble_compilation(load_library(tiny), "tiny", "en")
    assert compilation.edition == "status"  # by default, the edition negotiators work on
    assert compilation.units() == [
        "theme-laws",
        *(f"item-{i}" for i in ("leg-act", "leg-train", "leg-train-judges", "leg-train-police")),
        "item-leg-report",
        "theme-crimes",
        *(f"item-{i}" for i in ("crim-define", "crim-cooperate", "crim-share", "crim-train")),
    ]

    def shown(start: int, stop: int) -> list[tuple[str, bool, list[str]]]:
        part = compilation.part(start, stop)
        return [(t.id, t.continued, [r.id for r in t.rows]) for t in part.themes]

    assert shown(0, 3) == [("laws", False, ["leg-act", "leg-train"])]
    assert shown(3, 7) == [("laws", True, ["leg-train-judges", "leg-train-police", "leg-report"])]
    assert shown(6, 11) == [
        ("crimes", False, ["crim-define", "crim-cooperate", "crim-share", "crim-train"])
    ]
    assert shown(5, 8) == [("laws", True, ["leg-report"]), ("crimes", False, ["crim-define"])]


FRONT = ("doc-symbol", "distr", "issue-date", "original-language", "unofficial", "body")
FRONT += ("session-place", "title", "status-time", "para")


def front_and_headings(path: Path) -> list[str]:
    """Page 1 as a reader reads it, down to the introduction, then the theme headings; a
    label and its text (apart on the page) with a space between them."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))

    def labelled(element) -> str:
        return " ".join(piece.strip() for piece in element.itertext() if piece.strip())

    return [
        (labelled if e.get("class") == "para" else _cells)(e)
        for e in root.iter()
        if e.get("class") in FRONT
    ] + [labelled(h) for h in root.iter(XHTML + "h2")]


COMMON = [
    "Distr.: Limited",
    "Original: English",
    "Unofficial working translation",  # its English texts are our working translations
    "Expert Group to Conduct a Comprehensive Study on Cybercrime",
    "Vienna, 6–8 April 2021",
]


@pytest.mark.parametrize(
    ("page", "expected"),
    [
        (
            "compilations/tiny.en.html",
            ["UNODC/CCPCJ/EG.4/2021/CRP.9", "1 March 2021", "Tiny", "1. The list, by theme."],
        ),
        (
            "compilations/tiny.status.en.html",
            [
                "UNODC/CCPCJ/EG.4/2021/CRP.9",
                "1 March 2021",
                "Tiny",
                "Status as at 7 April 2021, 6 p.m.",
                "1. The list, by theme.",
            ],
        ),
        (
            "adopted/tiny.en.html",
            [
                "UNODC/CCPCJ/EG.4/2021/L.9",
                "8 April 2021",
                "Conclusions and recommendations adopted by the Expert Group at its stocktaking "
                "meeting",
                "Agreed as at 7 April 2021, 6 p.m.",
            ],
        ),
    ],
)
def test_page_one_of_each_edition(built: Path, page: str, expected: list[str]) -> None:
    """The symbol and date of issue are the edition's (the adopted list has its own); only
    the status edition and the adopted list say when; the adopted list has no introduction."""
    symbol, issued, title, *rest = expected
    root = tinyhtml5.parse((built / page).read_text(encoding="utf-8"))
    meta = {m.get("name"): m.get("content") for m in root.iter(XHTML + "meta")}
    edition = "adopted" if page.startswith("adopted") else page.split(".")[1]
    assert meta["rapporteur.compilation"] == "tiny"
    assert meta["rapporteur.edition"] == {"en": "issued"}.get(edition, edition)
    numbers = [p.get("data-number") for p in root.iter(XHTML + "p") if p.get("class") == "para"]
    assert numbers == ([] if edition == "adopted" else ["1"])
    assert front_and_headings(built / page) == [
        symbol,
        *COMMON[:1],
        issued,
        *COMMON[1:],
        title,
        *rest,
        "A. Laws",
        "B. Crimes",
    ]


def test_the_chinese_compilation_has_its_own_headings(built: Path) -> None:
    headings = front_and_headings(built / "compilations" / "tiny.zh.html")
    assert headings[-4:] == ["小表", "1. 按专题排列的清单。", "A. 法律", "B. 犯罪"]
    assert "Unofficial working translation" not in headings  # the report's Chinese is official


def test_the_tracking_workbook(built: Path) -> None:
    """What the secretariat edits on the meeting day: every row, who proposed and who
    supported it, comments, each language's text and amendment."""
    sheet = openpyxl.load_workbook(built / "compilations" / "tiny.xlsx")["Status"]
    rows = list(sheet.iter_rows(values_only=True))
    assert [r[0] for r in rows[:4]] == [
        "UNODC/CCPCJ/EG.4/2021/CRP.9",
        "Tiny",
        "Status as at 7 April 2021, 6 p.m.",
        None,
    ]
    assert rows[4] == (
        "Sort key",
        "No.",
        "ID",
        "Theme",
        "Source",
        "Status",
        "Merged into",
        "Proposed by",
        "Supported by",
        "Comments",
        "Text (English)",
        "Amended text (English)",
        "Text (Chinese)",
        "Amended text (Chinese)",
    )
    para = f"{SYMBOL}, para."
    new = "Proposed at the meeting"
    assert rows[5:] == [
        sheet_row(
            1,
            1,
            "leg-act",
            "A. Laws",
            f"{para} 9 (a)",
            "Agreed",
            proposed="Albania",
            supported="Algeria; Argentina",
            comments="Agreed after informal consultations. Wording from the Chair.",
            en=("States should act;", "States should act now;"),
            zh=("各国应当行动；", "各国应当立即行动；"),
        ),
        sheet_row(
            2,
            2,
            "leg-train",
            "A. Laws",
            f"{para} 9 (b)",
            "Agreed",
            en=("States should train:", None),
            zh=("各国应当培训：", None),
        ),
        sheet_row(
            3,
            3,
            "leg-train-judges",
            "A. Laws",
            f"{para} 9 (b) (i)",
            "Deleted",
            en=("Judges;", None),
            zh=("法官；", None),
        ),
        sheet_row(
            4,
            4,
            "leg-train-police",
            "A. Laws",
            f"{para} 9 (b) (ii)",
            "Agreed",
            en=("Police;", None),
            zh=("警察；", None),
        ),
        sheet_row(
            5,
            5,
            "leg-report",
            "A. Laws",
            f"{para} 9 (c)",
            "Agreed ad referendum",
            en=("States should report.", None),
            zh=("各国应当报告。", None),
        ),
        sheet_row(
            6,
            6,
            "crim-define",
            "B. Crimes",
            f"{para} 10 (a)",
            "Merged",
            merged="7 (crim-cooperate)",
            en=("States should define offences;", None),
            zh=("各国应当界定罪行；", None),
        ),
        sheet_row(
            7,
            7,
            "crim-cooperate",
            "B. Crimes",
            f"{para} 10 (b)",
            "Agreed",
            en=("States should cooperate.", None),
            zh=("各国应当合作。", None),
        ),
        sheet_row(
            7.1,
            "7 bis",
            "crim-share",
            "B. Crimes",
            new,
            "Agreed",
            en=("States should share data.", None),
            zh=("各国应当共享数据。", None),
        ),
        sheet_row(
            7.2,
            "7 ter",
            "crim-train",
            "B. Crimes",
            new,
            "Proposed",
            proposed="Australia",
            en=("States should [train];", None),
            zh=("各国应当[培训]；", None),
        ),
    ]


def sheet_row(
    *fixed: object, merged=None, proposed=None, supported=None, comments=None, en: tuple, zh: tuple
) -> tuple:
    """A row of the sheet: sort key, number, id, theme, source, status, then the cells a
    facilitator edits, then each language's text and amended text."""
    return (*fixed, merged, proposed, supported, comments, *en, *zh)


def variant(tiny: Path, tmp_path: Path, old: str, new: str, name: str = "status.yaml") -> Path:
    """A copy of the tiny content with one exact edit of the compilation's status, or of
    a file named from the content folder."""
    content = tmp_path / "content"
    shutil.copytree(tiny, content)
    path = content / ("compilations/tiny/" + name if "/" not in name else name)
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")
    return content


def test_a_lead_in_not_agreed_stands_for_context(tiny: Path, tmp_path: Path) -> None:
    """Its nested item agreed, the lead-in not: it stands before the item, numbered, and
    said to be there for context only."""
    content = variant(tiny, tmp_path, "  leg-train:\n    state: agreed\n", "")
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], kinds=["adopted"], jobs=1) == 0
    adopted = rows(out / "adopted" / "tiny.en.html")
    assert [(i, " ".join(filter(None, cells))) for i, *cells in adopted][:3] == [
        ("leg-act", "1 States should act now;"),
        (
            "leg-train",
            "2 States should train: (introductory text, not adopted; shown for context)",
        ),
        ("leg-train-police", "(a) Police."),
    ]


@pytest.mark.parametrize(
    ("old", "new", "name", "expected"),
    [
        (  # an amended text: at its language's line
            "{en: States should act now;,",
            '{en: "States should act [now];",',
            "status.yaml",
            "status.yaml:5:16: item 'leg-act' (No. 1) is agreed but its en text still has "
            "[brackets]",
        ),
        (  # an item proposed at the meeting: at its text's line
            "{en: States should share data.,",
            '{en: "States should [share] data.",',
            "status.yaml",
            "status.yaml:28:16: item 'crim-share' (No. 7 bis) is agreed but its en text "
            "still has [brackets]",
        ),
        (  # the report's own text: at the item's entry in the status
            '            text: "States should report."',
            '            text: "States should report [annually]."',
            "meetings/cybercrime-2018/en/recommendations.yaml",
            "status.yaml:18:5: item 'leg-report' (No. 5) is agreed but its en text still "
            "has [brackets]",
        ),
        (  # one bracket is enough
            '            text: "States should report."',
            '            text: "States should report [annually."',
            "meetings/cybercrime-2018/en/recommendations.yaml",
            "status.yaml:18:5: item 'leg-report' (No. 5) is agreed but its en text still "
            "has [brackets]",
        ),
        (
            '            text: "States should report."',
            '            text: "States should report annually]."',
            "meetings/cybercrime-2018/en/recommendations.yaml",
            "status.yaml:18:5: item 'leg-report' (No. 5) is agreed but its en text still "
            "has [brackets]",
        ),
    ],
)
def test_an_agreed_item_with_a_bracket_left(
    tiny: Path, tmp_path: Path, capsys, old: str, new: str, name: str, expected: str
) -> None:
    """One bracket is enough: an agreed text has none, opening or closing."""
    content = variant(tiny, tmp_path, old, new, name)
    if name != "status.yaml":  # the report's item agreed, not only ad referendum
        status = content / "compilations" / "tiny" / "status.yaml"
        text = status.read_text(encoding="utf-8")
        status.write_text(
            text.replace("state: agreed-ad-referendum", "state: agreed"), encoding="utf-8"
        )
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], kinds=["adopted"], jobs=1) == 2
    err = capsys.readouterr().err.replace(str(content) + "/compilations/tiny/", "")
    assert err.splitlines() == [expected, "1 error; nothing was built."]


def test_an_item_proposed_at_the_meeting_and_merged(tiny: Path, tmp_path: Path) -> None:
    """Merged into another item proposed there: its status names that item's number."""
    content = variant(
        tiny,
        tmp_path,
        "    proposed_by: [AUS]\n",
        "    proposed_by: [AUS]\n    state: merged\n    into: crim-share\n",
    )
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], formats=["html"], jobs=1) == 0
    status = {i: cells[-1] for i, *cells in rows(out / "compilations" / "tiny.status.en.html")}
    assert status["crim-train"] == "Merged into No. 7 bis"
    assert status["crim-define"] == "Merged into No. 7"


def test_the_adopted_list_may_give_its_sources(tiny: Path, tmp_path: Path) -> None:
    content = variant(
        tiny,
        tmp_path,
        "date_of_issue: 2021-04-08}",
        "date_of_issue: 2021-04-08, sources: true}",
        "compilation.yaml",
    )
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], kinds=["adopted"], jobs=1) == 0
    adopted = rows(out / "adopted" / "tiny.en.html")
    assert adopted[0] == ("leg-act", "1", "States should act now;", f"{SYMBOL}, para. 9 (a)")
    assert adopted[-1] == (
        "crim-share",
        "4",
        "States should share data.",
        "Proposed at the meeting",
    )


def test_a_compilation_of_a_specimen_is_a_specimen(tiny: Path, tmp_path: Path) -> None:
    """Drawn from a specimen report, each edition carries the watermark too."""
    content = variant(
        tiny,
        tmp_path,
        "distribution: general\n",
        "distribution: general\nspecimen: true\n",
        "meetings/cybercrime-2018/meeting.yaml",
    )
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], formats=["html"], jobs=1) == 0
    plain = tmp_path / "plain"
    assert cli.build(tiny, plain, compilations=["tiny"], formats=["html"], jobs=1) == 0
    for page, word in (
        ("compilations/tiny.en.html", "SPECIMEN"),
        ("compilations/tiny.status.zh.html", "样本 SPECIMEN"),
        ("adopted/tiny.en.html", "SPECIMEN"),
    ):
        assert watermark(out / page) == ["specimen", word], page
        assert watermark(plain / page) == [], page


def watermark(path: Path) -> list[str]:
    """The document's specimen class and the watermark's text, if any."""
    root = tinyhtml5.parse(path.read_text(encoding="utf-8"))
    marks = [_cells(e) for e in root.iter() if e.get("class") == "watermark"]
    return [c for c in (root.get("class") or "").split() if c == "specimen"] + marks


def test_the_adopted_rows_in_the_model(tiny: Path, tmp_path: Path) -> None:
    """What the writers read for the adopted list: every row agreed, amended as agreed,
    with its source; a lead-in not agreed there for context, with its own state."""
    from rapporteur.model.compilation import Provenance

    def adopted(content: Path) -> list[tuple]:
        compilation = assemble_compilation(load_library(content), "tiny", "en", "adopted")
        return [
            (r.id, r.number, r.label, r.state, r.amended, r.context, r.lead_in, r.source)
            for r in compilation.rows()
        ]

    def source(paragraph: int, *labels: str) -> Provenance:
        return Provenance(SYMBOL, paragraph, labels)

    assert adopted(tiny) == [
        ("leg-act", "1", None, "agreed", True, False, None, source(9, "(a)")),
        ("leg-train", "2", None, "agreed", False, False, None, source(9, "(b)")),
        (
            "leg-train-police",
            "",
            "(a)",
            "agreed",
            False,
            False,
            "leg-train",
            source(9, "(b)", "(ii)"),
        ),
        ("crim-cooperate", "3", None, "agreed", False, False, None, source(10, "(b)")),
        ("crim-share", "4", None, "agreed", False, False, None, None),
    ]
    content = variant(tiny, tmp_path, "  leg-train:\n    state: agreed\n", "")
    assert adopted(content)[1] == (
        "leg-train",
        "2",
        None,
        "proposed",
        False,
        True,
        None,
        source(9, "(b)"),
    )


def test_page_one_marks_in_each_language(tiny: Path, tmp_path: Path) -> None:
    """The recycle mark is worded in the document's language: each edition in each
    language carries that language's picture."""
    from PIL import Image

    from rapporteur.paths import MARKS_DIR, MARKS_FILE

    content = tmp_path / "content"
    shutil.copytree(tiny, content)
    folder = content / MARKS_DIR
    folder.mkdir(parents=True, exist_ok=True)
    (folder / MARKS_FILE).write_text("recycle: recycle.{lang}.png\n", encoding="utf-8")
    pictures = {}
    for lang, colour in (("en", "red"), ("zh", "blue")):
        path = folder / f"recycle.{lang}.png"
        Image.new("RGB", (40, 20), colour).save(path)
        pictures[lang] = path.read_bytes()
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], formats=["html"], jobs=1) == 0
    for page, lang in (
        ("compilations/tiny.en.html", "en"),
        ("compilations/tiny.status.zh.html", "zh"),
        ("adopted/tiny.zh.html", "zh"),
    ):
        root = tinyhtml5.parse((out / page).read_text(encoding="utf-8"))
        (image,) = [i for i in root.iter(XHTML + "img") if "recycle" in _slot(root, i)]
        assert base64.b64decode(image.get("src").split(",", 1)[1]) == pictures[lang], page


def _slot(root, image) -> str:
    """The class of the mark's box an image stands in."""
    parents = {child: parent for parent in root.iter() for child in parent}
    return parents[image].get("class") or ""


def test_list_punctuation_around_symbols(tiny: Path, tmp_path: Path) -> None:
    """The adopted list's ";" and "." replace only an item's own final punctuation: an
    item ending in a symbol is left as it is, and the text after a symbol keeps its
    space."""
    content = variant(
        tiny,
        tmp_path,
        "{en: States should act now;,",
        '{en: "States should act now, see [[E/CN.15/2018/1]]",',
    )
    edit_status = content / "compilations" / "tiny" / "status.yaml"
    text = edit_status.read_text(encoding="utf-8")
    edit_status.write_text(
        text.replace(
            "{en: States should share data.,",
            '{en: "States should share data under [[E/CN.15/2018/1]] and act;",',
        ),
        encoding="utf-8",
    )
    out = tmp_path / "build"
    assert cli.build(content, out, compilations=["tiny"], kinds=["adopted"], jobs=1) == 0
    adopted = {i: cells[-1] for i, *cells in rows(out / "adopted" / "tiny.en.html")}
    assert adopted["leg-act"] == "States should act now, see E/CN.15/2018/1"
    assert adopted["crim-share"] == "States should share data under E/CN.15/2018/1 and act."
