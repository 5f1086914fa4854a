"""The redline invariant: Accept All gives the head, Reject All gives the base.

Hypothesis makes random edits to a fixture meeting (words, items inserted, deleted and
moved, nested items lifted out of their item, paragraphs and items split and merged,
footnotes added, changed and removed); for each, the redline DOCX and HTML are
resolved both ways (tests/redlinetools.py) and compared with the head's and the base's
own documents, paragraph by paragraph, footnotes in place.
"""

from __future__ import annotations

import os
import re
import shutil
import tempfile
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from ruamel.yaml import YAML

from conftest import FIXTURE_CONTENT, MEETING
from rapporteur.load.loader import load_library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.document import Redline
from rapporteur.render.report_html import render_report_html
from rapporteur.review.compare import redline_report
from rapporteur.write.docx import write_docx
from redlinetools import resolved_docx, resolved_html

LANG = "en"
REDLINE = Redline("base", "head", "Reviewer", datetime(2021, 4, 7, 18, tzinfo=UTC))
WORDS = st.sampled_from(["cyber", "States", "shall", "swiftly", "evidence", "data", "and"])

word_edit = st.tuples(
    st.just("word"), st.integers(0, 10**6), st.integers(0, 10**6), st.one_of(WORDS, st.none())
)
insert_item = st.tuples(st.just("insert"), st.integers(0, 10**6), st.integers(0, 10**6))
delete_item = st.tuples(st.just("delete"), st.integers(0, 10**6))
move_item = st.tuples(st.just("move"), st.integers(0, 10**6), st.integers(0, 10**6))
lift_item = st.tuples(st.just("lift"), st.integers(0, 10**6), st.integers(0, 10**6))
add_note = st.tuples(st.just("add-note"), st.integers(0, 10**6))
change_note = st.tuples(st.just("change-note"), st.integers(0, 10**6), WORDS)
remove_note = st.tuples(st.just("remove-note"), st.integers(0, 10**6))
split_block = st.tuples(st.just("split"), st.integers(0, 10**6), st.integers(0, 10**6))
merge_blocks = st.tuples(st.just("merge"), st.integers(0, 10**6))
EDITS = st.lists(
    st.one_of(
        word_edit,
        insert_item,
        delete_item,
        move_item,
        lift_item,
        add_note,
        change_note,
        remove_note,
        split_block,
        merge_blocks,
    ),
    min_size=1,
    max_size=4,
)


class Meeting:
    """The fixture meeting's recommendations and footnotes, as data to edit in place."""

    def __init__(self, content: Path) -> None:
        self.folder = content / MEETING
        self.yaml = YAML(typ="safe")
        self.yaml.default_flow_style = False
        self.yaml.width = 4096
        self.recs = {
            lang: self.yaml.load(self.folder / lang / "recommendations.yaml")
            for lang in ("en", "zh")
        }
        notes = self.folder / LANG / "footnotes.yaml"
        self.notes: dict[str, str] = self.yaml.load(notes) if notes.exists() else {}
        self.made = 0

    def save(self) -> None:
        for lang, data in self.recs.items():
            with (self.folder / lang / "recommendations.yaml").open("w", encoding="utf-8") as f:
                self.yaml.dump(data, f)
        if self.notes:
            with (self.folder / LANG / "footnotes.yaml").open("w", encoding="utf-8") as f:
                self.yaml.dump(self.notes, f)
        else:
            (self.folder / LANG / "footnotes.yaml").unlink(missing_ok=True)

    def item_lists(self, lang: str) -> list[list[dict[str, Any]]]:
        """Every list of lettered items, in reading order."""
        return [
            p["items"]
            for section in self.recs[lang]["sections"]
            for p in section["paragraphs"]
            if p.get("items")
        ]

    def blocks(self) -> list[dict[str, Any]]:
        """Every text of the edited language, paragraphs and items at any level."""
        out = []

        def walk(blocks: list[dict[str, Any]]) -> None:
            for block in blocks:
                out.append(block)
                walk(block.get("items", []))

        walk(self.recs[LANG].get("paragraphs", []))
        for section in self.recs[LANG]["sections"]:
            walk(section["paragraphs"])
        return out

    def sibling_lists(self, lang: str) -> list[list[dict[str, Any]]]:
        """Every list of blocks side by side (paragraphs, items, nested items), in the
        same order in every language."""
        out = []

        def walk(blocks: list[dict[str, Any]]) -> None:
            out.append(blocks)
            for block in blocks:
                if block.get("items"):
                    walk(block["items"])

        if self.recs[lang].get("paragraphs"):
            walk(self.recs[lang]["paragraphs"])
        for section in self.recs[lang]["sections"]:
            walk(section["paragraphs"])
        return out

    def split(self, which: int, at: int) -> None:
        """A block's text cut at a word: the rest, and its items, go to a new block."""
        places = [
            (i, j) for i, blocks in enumerate(self.sibling_lists(LANG)) for j in range(len(blocks))
        ]
        i, j = places[which % len(places)]
        words = self.sibling_lists(LANG)[i][j]["text"].split(" ")
        if len(words) < 2:
            return
        self.made += 1
        cut = 1 + at % (len(words) - 1)
        for lang in ("en", "zh"):
            blocks = self.sibling_lists(lang)[i]
            block = blocks[j]
            new = {"id": f"gen-{self.made}", "text": "生成；"}
            if lang == LANG:
                block["text"], new["text"] = " ".join(words[:cut]), " ".join(words[cut:])
            if "items" in block:
                new["items"] = block.pop("items")
            blocks.insert(j + 1, new)

    def merge(self, which: int) -> None:
        """A block without items takes in the text and items of the one after it."""
        places = [
            (i, j)
            for i, blocks in enumerate(self.sibling_lists(LANG))
            for j in range(len(blocks) - 1)
            if not blocks[j].get("items")
        ]
        if not places:
            return
        i, j = places[which % len(places)]
        for lang in ("en", "zh"):
            blocks = self.sibling_lists(lang)[i]
            second = blocks.pop(j + 1)
            if lang == LANG:
                blocks[j]["text"] = blocks[j]["text"].rstrip() + " " + second["text"]
            if "items" in second:
                blocks[j]["items"] = second["items"]

    def apply(self, edit: tuple) -> None:
        kind = edit[0]
        if kind == "split":
            self.split(edit[1], edit[2])
        elif kind == "merge":
            self.merge(edit[1])
        if kind == "word":
            blocks = self.blocks()
            block = blocks[edit[1] % len(blocks)]
            words = block["text"].split(" ")
            at = edit[2] % len(words)
            if edit[3] is None and len(words) > 1 and "[^" not in words[at]:
                del words[at]
            elif edit[3] is not None:
                words.insert(at, edit[3])
            block["text"] = " ".join(words)
        elif kind == "insert":
            self.made += 1
            lists = [self.item_lists(lang) for lang in ("en", "zh")]
            index = edit[1] % len(lists[0])
            for lang, text in (("en", f"Generated text {self.made};"), ("zh", "生成；")):
                target = self.item_lists(lang)[index]
                target.insert(edit[2] % (len(target) + 1), {"id": f"gen-{self.made}", "text": text})
        elif kind == "delete":
            flat = [
                (i, j) for i, items in enumerate(self.item_lists(LANG)) for j in range(len(items))
            ]
            i, j = flat[edit[1] % len(flat)]
            if len(self.item_lists(LANG)[i]) > 1:
                for lang in ("en", "zh"):
                    del self.item_lists(lang)[i][j]
        elif kind == "move":
            flat = [
                (i, j) for i, items in enumerate(self.item_lists(LANG)) for j in range(len(items))
            ]
            i, j = flat[edit[1] % len(flat)]
            if len(self.item_lists(LANG)[i]) > 1:
                k = edit[2] % len(self.item_lists(LANG))
                for lang in ("en", "zh"):
                    moved = self.item_lists(lang)[i].pop(j)
                    target = self.item_lists(lang)[k]
                    target.insert(edit[2] % (len(target) + 1), moved)
        elif kind == "lift":  # a nested item becomes a lettered item of its own
            nested = [
                (i, j, k)
                for i, items in enumerate(self.item_lists(LANG))
                for j, item in enumerate(items)
                for k in range(len(item.get("items", [])))
            ]
            if nested:
                i, j, k = nested[edit[1] % len(nested)]
                for lang in ("en", "zh"):
                    parent = self.item_lists(lang)[i][j]
                    lifted = parent["items"].pop(k)
                    if not parent["items"]:
                        del parent["items"]
                    target = self.item_lists(lang)[i]
                    target.insert(edit[2] % (len(target) + 1), lifted)
        elif kind == "add-note":
            self.made += 1
            note = f"gen-note-{self.made}"
            self.notes[note] = f"Generated note {self.made}."
            blocks = self.blocks()
            block = blocks[edit[1] % len(blocks)]
            block["text"] = block["text"].rstrip() + f"[^{note}]"
        elif kind == "change-note" and self.notes:
            note = sorted(self.notes)[edit[1] % len(self.notes)]
            self.notes[note] = f"{self.notes[note]} {edit[2]}"
        elif kind == "remove-note" and self.notes:
            note = sorted(self.notes)[edit[1] % len(self.notes)]
            del self.notes[note]
            for block in self.blocks():
                block["text"] = block["text"].replace(f"[^{note}]", "")


def documents(content: Path, out: Path, name: str) -> tuple[Path, Path, Any]:
    report = assemble_report(load_library(content), MEETING.split("/")[-1], LANG)
    html = render_report_html(report)
    (out / f"{name}.html").write_text(html, encoding="utf-8")
    (out / f"{name}.docx").write_bytes(write_docx(html))
    return out / f"{name}.html", out / f"{name}.docx", report


def assert_accept_gives_head_and_reject_base(base: Path, head: Path, work: Path) -> list[str]:
    """The English redline of the two content trees, resolved both ways; its summary."""
    base_html, base_docx, base_report = documents(base, work, "base")
    head_html, head_docx, head_report = documents(head, work, "head")
    report, summary = redline_report(base_report, head_report, REDLINE)
    html = render_report_html(report)
    (work / "redline.html").write_text(html, encoding="utf-8")
    (work / "redline.docx").write_bytes(write_docx(html))
    assert resolved_docx(work / "redline.docx", True) == resolved_docx(head_docx, True)
    assert resolved_docx(work / "redline.docx", False) == resolved_docx(base_docx, True)
    assert resolved_html(work / "redline.html", True) == resolved_html(head_html, True)
    assert resolved_html(work / "redline.html", False) == resolved_html(base_html, True)
    return summary


# 25 examples in the default profile (about 15 s); HYPOTHESIS_PROFILE=thorough runs 500.
THOROUGH = os.environ.get("HYPOTHESIS_PROFILE") == "thorough"
EXAMPLES = 500 if THOROUGH else 25
COMPILATION_EXAMPLES = 500 if THOROUGH else 12  # each example builds three compilations


@settings(
    max_examples=EXAMPLES,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(base_edits=EDITS, head_edits=EDITS)
def test_accept_all_gives_the_head_and_reject_all_the_base(
    base_edits: list[tuple], head_edits: list[tuple]
) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base, head = work / "base" / "content", work / "head" / "content"
        shutil.copytree(FIXTURE_CONTENT, base)
        shutil.rmtree(base / "compilations")  # their rows name items this test deletes
        for other in (base / "meetings").iterdir():
            if other != base / MEETING:
                shutil.rmtree(other)
        meeting = Meeting(base)
        for edit in base_edits:  # a base of its own, with notes to change or remove
            meeting.apply(edit)
        meeting.save()
        shutil.copytree(base, head)
        meeting = Meeting(head)
        meeting.made = 100
        for edit in head_edits:
            meeting.apply(edit)
        meeting.save()
        assert_accept_gives_head_and_reject_base(base, head, work)


def test_compilation_rows_added_deleted_and_moved(tmp_path: Path) -> None:
    """Rows are tracked as rows (``w:trPr/w:ins``, ``w:del``); a moved row is reported
    and stands at both places; Accept All and Reject All give head and base."""
    from rapporteur.model.compile import assemble_compilation
    from rapporteur.render.compilation_html import render_compilation_html
    from rapporteur.review.compare_compilation import redline_compilation

    base = tmp_path / "base" / "content"
    shutil.copytree(FIXTURE_CONTENT, base)
    head = tmp_path / "head" / "content"
    shutil.copytree(base, head)
    meeting = Meeting(head)
    status = head / "compilations" / "2021-stocktaking" / "status.yaml"
    named = status.read_text(encoding="utf-8")
    first = meeting.item_lists("en")[0]
    # the status names some rows; the one deleted here is not among them
    deleted = next(i for i, item in enumerate(first) if item["id"] not in named and i > 0)
    for lang in ("en", "zh"):
        items = meeting.item_lists(lang)[0]
        del items[deleted]
        items.insert(3, items.pop(0))
    meeting.save()
    status.write_text(
        named
        + f"  - {{id: row-added, after: {first[2]['id']}, text: {{en: Added;, zh: 新增；}}}}\n",
        encoding="utf-8",
    )
    files = {}
    for name, content in (("base", base), ("head", head)):
        compilation = assemble_compilation(load_library(content), "2021-stocktaking", LANG)
        files[name] = (compilation, tmp_path / f"{name}.docx")
        files[name][1].write_bytes(write_docx(render_compilation_html(compilation)))
    redline, summary = redline_compilation(files["base"][0], files["head"][0], REDLINE)
    path = tmp_path / "redline.docx"
    path.write_bytes(write_docx(render_compilation_html(redline)))

    assert any(": moved from No. " in line for line in summary), summary
    # the items moved in their report: the rows' sources changed, and are said to
    assert any(
        re.search(r"^No\. \S+: source \S+, para\. .+ → \S+, para\. ", line) for line in summary
    )
    assert any(line.endswith("(base numbering): deleted") for line in summary), summary
    assert any(line.endswith(": added") for line in summary), summary
    assert resolved_docx(path, True) == resolved_docx(files["head"][1], True)
    assert resolved_docx(path, False) == resolved_docx(files["base"][1], True)
    from docxtools import NS, Docx, w

    rows = Docx(path).xml("word/document.xml").findall(".//w:tr/w:trPr", NS)
    marks = [child.tag.split("}")[1] for props in rows for child in props]
    # one row added, one deleted, and each moved row both inserted and deleted
    assert marks.count("ins") == marks.count("del") >= 2
    # a tracked row is a row of the table, not a header repeated on every page
    for table in Docx(path).xml("word/document.xml").iter(w("tbl")):
        headers = [tr.find("w:trPr/w:tblHeader", NS) is not None for tr in table.iter(w("tr"))]
        assert not any(headers[1:])  # the compilation's tables have their first; others none


def test_an_item_moved_out_of_a_deleted_item(tmp_path: Path) -> None:
    """The deleted item's old place keeps the old place of the sub-item that left it."""
    base, head = tmp_path / "base" / "content", tmp_path / "head" / "content"
    shutil.copytree(FIXTURE_CONTENT, base)
    shutil.rmtree(base / "compilations")
    shutil.copytree(base, head)
    meeting = Meeting(head)
    i, j = next(
        (i, j)
        for i, items in enumerate(meeting.item_lists(LANG))
        for j, item in enumerate(items)
        if item.get("items")
    )
    for lang in ("en", "zh"):
        items = meeting.item_lists(lang)[i]
        items.insert(0, items[j]["items"].pop(0))
        del items[j + 1]
    meeting.save()
    summary = assert_accept_gives_head_and_reject_base(base, head, tmp_path)
    assert any(" moved from " in line for line in summary)
    assert any(line.endswith("(base numbering): deleted") for line in summary)


STATES = st.sampled_from(["proposed", "agreed", "agreed-ad-referendum", "deleted"])
ROW_EDITS = st.lists(
    st.one_of(
        st.tuples(st.just("state"), st.integers(0, 10**6), STATES),
        st.tuples(st.just("add-row"), st.integers(0, 10**6)),
        st.tuples(st.just("delete"), st.integers(0, 10**6)),
        st.tuples(st.just("move"), st.integers(0, 10**6), st.integers(0, 10**6)),
        st.tuples(st.just("word"), st.integers(0, 10**6), st.integers(0, 10**6), WORDS),
        st.tuples(st.just("as-of"), st.integers(0, 23)),
    ),
    min_size=1,
    max_size=4,
)


class Status:
    """The compilation's status.yaml, as data to edit in place."""

    def __init__(self, content: Path) -> None:
        self.path = content / "compilations" / "2021-stocktaking" / "status.yaml"
        self.yaml = YAML(typ="safe")
        self.yaml.width = 4096
        self.data = self.yaml.load(self.path)
        self.made = 0

    def named(self) -> set[str]:
        """Ids the status names: a row's own, what it follows, what it merged into."""
        found = set(self.data.get("items") or {})
        for entry in [*(self.data.get("items") or {}).values(), *(self.data.get("new") or [])]:
            found |= {entry.get("into"), entry.get("after"), entry.get("id")} - {None}
        return found

    def save(self) -> None:
        with self.path.open("w", encoding="utf-8") as f:
            self.yaml.dump(self.data, f)


def _ids(block: dict[str, Any]) -> set[str]:
    """A block's id and its sub-items', at any depth."""
    return {block["id"]}.union(*(_ids(item) for item in block.get("items", [])))


def edit_compilation(content: Path, edits: list[tuple], made: int) -> None:
    meeting, status = Meeting(content), Status(content)
    meeting.made = status.made = made
    rows = [item["id"] for items in meeting.item_lists(LANG) for item in items]
    for edit in edits:
        kind = edit[0]
        followed = {n.get("after") for n in status.data.get("new") or []}
        followed |= {e.get("into") for e in (status.data.get("items") or {}).values()}
        if kind == "state":
            row = rows[edit[1] % len(rows)]
            entry = status.data.setdefault("items", {}).setdefault(row, {})
            # an item that new items follow, or others merge into, cannot be deleted
            if entry.get("state") != "merged" and not (edit[2] == "deleted" and row in followed):
                entry["state"] = edit[2]
        elif kind == "add-row":
            after = rows[edit[1] % len(rows)]
            if (status.data.get("items") or {}).get(after, {}).get("state") == "deleted":
                continue  # new items follow an item that stays
            status.made += 1
            text = {"en": f"Added row {status.made};", "zh": "新增；"}
            status.data.setdefault("new", []).append(
                {"id": f"row-added-{status.made}", "after": after, "text": text}
            )
        elif kind in {"delete", "move"}:
            # only items the status does not name: rows it refers to must stay
            free = [
                (i, j)
                for i, items in enumerate(meeting.item_lists(LANG))
                for j, item in enumerate(items)
                if not _ids(item) & status.named() and len(items) > 1
            ]
            if free:
                edit_kind = "delete" if kind == "delete" else "move"
                i, j = free[edit[1] % len(free)]
                flat = sum(len(items) for items in meeting.item_lists(LANG)[:i]) + j
                meeting.apply((edit_kind, flat, *edit[2:]))
                rows = [item["id"] for items in meeting.item_lists(LANG) for item in items]
        elif kind == "word":
            meeting.apply(("word", *edit[1:]))
        elif kind == "as-of":
            status.data["as_of"] = f"2021-04-08 {edit[1]:02d}:00"
    meeting.save()
    status.save()


@settings(
    max_examples=COMPILATION_EXAMPLES,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.data_too_large],
)
@given(base_edits=ROW_EDITS, head_edits=ROW_EDITS)
def test_compilation_redlines_resolve_to_head_and_base(
    base_edits: list[tuple], head_edits: list[tuple]
) -> None:
    """Rows added, deleted (with their items), moved and edited, states and the status
    time changed: Accept All gives the head compilation, Reject All the base."""
    from rapporteur.model.compile import assemble_compilation
    from rapporteur.render.compilation_html import render_compilation_html
    from rapporteur.review.compare_compilation import redline_compilation

    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        base, head = work / "base" / "content", work / "head" / "content"
        shutil.copytree(FIXTURE_CONTENT, base)
        edit_compilation(base, base_edits, 0)
        shutil.copytree(base, head)
        edit_compilation(head, head_edits, 100)
        files = {}
        for name, content in (("base", base), ("head", head)):
            compilation = assemble_compilation(load_library(content), "2021-stocktaking", LANG)
            html = render_compilation_html(compilation)
            (work / f"{name}.html").write_text(html, encoding="utf-8")
            (work / f"{name}.docx").write_bytes(write_docx(html))
            files[name] = compilation
        redline, _ = redline_compilation(files["base"], files["head"], REDLINE)
        html = render_compilation_html(redline)
        (work / "redline.html").write_text(html, encoding="utf-8")
        (work / "redline.docx").write_bytes(write_docx(html))
        for accept, side in ((True, "head"), (False, "base")):
            assert resolved_docx(work / "redline.docx", accept) == resolved_docx(
                work / f"{side}.docx", True
            ), side
            assert resolved_html(work / "redline.html", accept) == resolved_html(
                work / f"{side}.html", True
            ), side


def _deliberations(content: Path, change) -> None:
    for lang in ("en", "zh"):
        path = content / MEETING / lang / "deliberations.yaml"
        path.write_text(change(path.read_text(encoding="utf-8")), encoding="utf-8")


def _first_section_removed(text: str) -> str:
    start = text.index("  - agenda_item: ")
    end = text.index("  - agenda_item: ", start + 1)
    return text[:start] + text[end:]


def _first_section_under_another_item(text: str) -> str:
    return text.replace("  - agenda_item: work-plan\n", "  - agenda_item: other-matters\n", 1)


def _heading_reworded(content: Path) -> None:
    path = content / MEETING / "en" / "agenda.yaml"
    text = path.read_text(encoding="utf-8")
    path.write_text(
        text.replace("Legislation and frameworks.", "Legislation and legal frameworks.")
    )


@pytest.mark.parametrize(
    "change, said",
    [
        (lambda c: _deliberations(c, _first_section_removed), "heading (base numbering): deleted"),
        (lambda c: _deliberations(c, _first_section_under_another_item), "heading: added"),
        (_heading_reworded, "heading: text changed"),
    ],
    ids=["section removed", "section under another agenda item", "heading reworded"],
)
def test_sections_and_their_headings(tmp_path: Path, change, said: str) -> None:
    """A section removed, moved to another agenda item, or retitled: its heading and its
    paragraphs' old places are in the redline, marked, and said."""
    base, head = tmp_path / "base" / "content", tmp_path / "head" / "content"
    shutil.copytree(FIXTURE_CONTENT, base)
    shutil.copytree(base, head)
    change(head)
    summary = assert_accept_gives_head_and_reject_base(base, head, tmp_path)
    assert any(line.endswith(said) for line in summary), summary
    from docxtools import NS, Docx

    body = Docx(tmp_path / "redline.docx").xml("word/document.xml")
    headings = [
        p
        for p in body.iterfind(".//w:p", NS)
        if (p.find("w:pPr/w:pStyle", NS) is not None)
        and p.find("w:pPr/w:pStyle", NS).get(f"{{{NS['w']}}}val", "").startswith("Heading")
    ]
    marked = [
        p
        for p in headings
        if p.find(".//w:ins", NS) is not None or p.find(".//w:del", NS) is not None
    ]
    assert marked, "the heading's change is tracked"


def test_a_note_call_added_in_a_report_is_no_change_of_its_row(tmp_path: Path) -> None:
    """Rows leave out their report's note calls: adding one changes nothing in the
    compilation, and its redline says so."""
    from rapporteur.model.compile import assemble_compilation
    from rapporteur.review.compare_compilation import redline_compilation

    base, head = tmp_path / "base" / "content", tmp_path / "head" / "content"
    shutil.copytree(FIXTURE_CONTENT, base)
    shutil.copytree(base, head)
    meeting = Meeting(head)
    meeting.notes["gen-note"] = "A note."
    item = meeting.item_lists(LANG)[0][1]
    item["text"] = item["text"].rstrip().rstrip(";") + "[^gen-note];"
    meeting.save()
    compilations = [
        assemble_compilation(load_library(content), "2021-stocktaking", LANG)
        for content in (base, head)
    ]
    _, summary = redline_compilation(*compilations, REDLINE)
    assert summary == [], summary


def _themes_merged(content: Path) -> None:
    """The criminalization theme folded into the one before it: its rows move there."""
    compilation = content / "compilations" / "2021-stocktaking"
    path = compilation / "compilation.yaml"
    text = path.read_text(encoding="utf-8")
    theme = (
        "  - id: criminalization\n    sources:\n"
        "      - {meeting: cybercrime-2018, agenda_item: criminalization}\n"
    )
    assert text.count(theme) == 1
    path.write_text(
        text.replace(theme, "").replace(
            "agenda_item: legislation-and-frameworks}\n",
            "agenda_item: legislation-and-frameworks}\n"
            "      - {meeting: cybercrime-2018, agenda_item: criminalization}\n",
        ),
        encoding="utf-8",
    )
    for lang in ("en", "zh"):
        titles = compilation / lang / "text.yaml"
        lines = titles.read_text(encoding="utf-8").splitlines(keepends=True)
        titles.write_text(
            "".join(line for line in lines if not line.startswith("  criminalization: ")),
            encoding="utf-8",
        )


@pytest.mark.parametrize("merged_side", ["head", "base"])
def test_compilation_themes_deleted_and_added(tmp_path: Path, merged_side: str) -> None:
    """A theme gone (its rows moved to another) or a theme new (rows moved into it): the
    theme's heading is struck through or inserted, the rows tracked as moved, and Accept
    All and Reject All give the head and the base."""
    from rapporteur.model.compile import assemble_compilation
    from rapporteur.render.compilation_html import render_compilation_html
    from rapporteur.review.compare_compilation import redline_compilation

    files = {}
    for side in ("base", "head"):
        content = tmp_path / side / "content"
        shutil.copytree(FIXTURE_CONTENT, content)
        if side == merged_side:
            _themes_merged(content)
        compilation = assemble_compilation(load_library(content), "2021-stocktaking", LANG)
        files[side] = (compilation, tmp_path / f"{side}.docx")
        files[side][1].write_bytes(write_docx(render_compilation_html(compilation)))
    redline, summary = redline_compilation(files["base"][0], files["head"][0], REDLINE)
    path = tmp_path / "redline.docx"
    html = render_compilation_html(redline)
    path.write_bytes(write_docx(html))

    change = "deleted" if merged_side == "head" else "inserted"
    said = "deleted" if merged_side == "head" else "added"
    assert any(re.fullmatch(rf"theme B.*: {said}", line) for line in summary), summary
    assert sum(": moved from No. " in line for line in summary) >= 2, summary
    # its rows are moved, not deleted with it: Word shows them as moves
    assert not any("deleted with its theme" in line for line in summary), summary
    from docxtools import Docx, w

    body = Docx(path).xml("word/document.xml")
    moved = {e.tag for e in body.iter() if e.tag in {w("moveFrom"), w("moveTo")}}
    assert moved == {w("moveFrom"), w("moveTo")}
    # the heading and the table's header row go (or come) with the theme
    section = re.search(r'<section [^>]*data-theme="criminalization".*?</section>', html, re.S)
    assert section is not None
    assert re.search(rf'<h2 [^>]*data-change="{change}"', section.group(0)), section.group(0)
    assert f'<tr data-change="{change}">' in section.group(0)
    assert resolved_docx(path, True) == resolved_docx(files["head"][1], True)
    assert resolved_docx(path, False) == resolved_docx(files["base"][1], True)
