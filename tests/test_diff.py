"""./dev diff: redlines between revisions of a temporary git repository."""

from __future__ import annotations

import json
import re
import shlex
import shutil
import subprocess
import sys
from pathlib import Path
from xml.etree import ElementTree as ET

import pytest
import tinyhtml5

from conftest import FIXTURE_CONTENT, meeting_languages
from docxtools import NS, Docx, R, w
from rapporteur import cli

EN = "content/meetings/cybercrime-2018/en/recommendations.yaml"
ZH_RECS = "content/meetings/cybercrime-2018/zh/recommendations.yaml"
ZH_INTRO = "content/meetings/cybercrime-2018/zh/introduction.yaml"
XHTML = "{http://www.w3.org/1999/xhtml}"


def git(repo: Path, *args: str, author: str = "Base Author") -> str:
    env = {
        "GIT_AUTHOR_NAME": author,
        "GIT_AUTHOR_EMAIL": "a@example.org",
        "GIT_COMMITTER_NAME": author,
        "GIT_COMMITTER_EMAIL": "a@example.org",
        "GIT_AUTHOR_DATE": "2018-04-10T09:00:00+00:00",
        "GIT_COMMITTER_DATE": "2018-04-10T09:00:00+00:00",
        "PATH": "/usr/bin:/bin",
    }
    if author != "Base Author":
        env |= {
            "GIT_AUTHOR_DATE": "2018-04-11T15:30:00+00:00",
            "GIT_COMMITTER_DATE": "2018-04-11T15:30:00+00:00",
        }
    return subprocess.run(
        ["git", "-C", str(repo), *args], capture_output=True, text=True, check=True, env=env
    ).stdout.strip()


def edit(repo: Path, name: str, old: str, new: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, old
    path.write_text(text.replace(old, new), encoding="utf-8")


def remove_item(repo: Path, name: str, item_id: str, next_id: str) -> None:
    path = repo / name
    text = path.read_text(encoding="utf-8")
    start = text.index(f"          - id: {item_id}\n")
    path.write_text(
        text[:start] + text[text.index(f"          - id: {next_id}\n") :], encoding="utf-8"
    )


def init_repo(path: Path) -> Path:
    """A git repository at ``path`` whose first commit is the repository's content."""
    git(path, "init", "-q")
    shutil.copytree(FIXTURE_CONTENT, path / "content")
    git(path, "add", "-A")
    git(path, "commit", "-qm", "base")
    return path


@pytest.fixture(scope="module")
def repo(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Three commits: the base; (c) reworded, an item inserted before it, (k) deleted;
    a few characters of a Chinese paragraph changed."""
    repo = init_repo(tmp_path_factory.mktemp("repo"))
    edit(
        repo,
        EN,
        "To prevent and/or eliminate safe havens for offenders, Member States should",
        "To prevent and eliminate safe havens for offenders, Member States must",
    )
    for name, text in (
        (EN, "Member States should share information on new threats;"),
        (ZH_RECS, "会员国应当分享关于新威胁的信息；"),
    ):
        edit(
            repo,
            name,
            "          - id: leg-safe-havens\n",
            f"          - id: leg-new-threats\n            text: {text}\n"
            "          - id: leg-safe-havens\n",
        )
        remove_item(repo, name, "leg-unodc-education", "leg-capacity-building")
    git(repo, "commit", "-qam", "reword, insert, delete", author="Head Author")
    edit(
        repo,
        ZH_INTRO,
        "专家组第一次会议于 2011 年 1 月 17 日至 21 日在维也纳举行。",
        "专家组首次会议于 2011 年 1 月 17 日至 21 日在维也纳召开。",
    )
    git(repo, "commit", "-qam", "zh wording", author="Head Author")
    return repo


def run_diff(repo: Path, base: str, head: str | None, capsys, **kwargs) -> tuple[int, str, str]:
    status = cli.diff(
        base, head, build_dir=repo / "build", repo=repo, content=repo / "content", **kwargs
    )
    out = capsys.readouterr()
    return status, out.out, out.err


def test_change_summary(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, out, _ = run_diff(repo, "HEAD~2", "HEAD~1", capsys, meetings=["cybercrime-2018"])
    assert status == 0
    lines = out.splitlines()
    en = lines[lines.index("cybercrime-2018 (en):") + 1 :]
    assert en[:4] == [
        "  para. 9 (c): added",
        "  para. 9 (d): text changed",
        "  para. 9 (k) (base numbering): deleted",
        "  para. 9 (e)–(k): relettered only",
    ]
    zh = lines[lines.index("cybercrime-2018 (zh):") + 1 : lines.index("cybercrime-2018 (en):")]
    assert zh == [
        "  para. 9 (c): added",
        "  para. 9 (k) (base numbering): deleted",
        "  para. 9 (d)–(k): relettered only",
    ]
    status, out, _ = run_diff(repo, "HEAD~1", "HEAD", capsys, meetings=["cybercrime-2018"])
    assert "cybercrime-2018 (zh):\n  para. 2: text changed\n" in out
    assert "cybercrime-2018 (en):\n  no changes\n" in out


def tracked(doc: Docx) -> list[tuple[str, str, str, str]]:
    """(kind, text, author, date) of every w:ins and w:del in the body, in document order."""
    out = []
    for node in doc.xml("word/document.xml").iter():
        if node.tag in {w("ins"), w("del")}:
            text = "".join(
                "\t" if t.tag == w("tab") else (t.text or "")
                for t in node.iter()
                if t.tag in {w("t"), w("delText"), w("tab")}
            )
            out.append((node.tag.split("}")[1], text, node.get(w("author")), node.get(w("date"))))
    return out


def test_docx_tracked_changes(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_diff(
        repo, "HEAD~2", "HEAD~1", capsys, meetings=["cybercrime-2018"], formats=["docx", "html"]
    )
    doc = Docx(repo / "build" / "redlines" / "cybercrime-2018.en.docx")
    changes = tracked(doc)
    texts = [(kind, text) for kind, text, _, _ in changes]
    date = "2018-04-11T15:30:00+00:00"
    assert {(a, d) for _, _, a, d in changes} == {("Head Author", date)}
    # run-level changes in the reworded item, word by word
    assert ("del", "/or") in texts and ("del", "should") in texts and ("ins", "must") in texts
    # whole added and deleted items, paragraph marks included
    assert ("ins", "(c)\tMember States should share information on new threats;") in texts
    deleted = [t for k, t in texts if k == "del" and t.startswith("(k)")]
    assert deleted and "UNODC in establishing an educational project" in deleted[0]
    assert len(texts) == 2 + 3 + 2, texts  # the two paragraph marks are empty w:ins/w:del
    marks = doc.xml("word/document.xml").findall(".//w:pPr/w:rPr/w:ins", NS)
    assert (
        len(marks) == 1
        and len(doc.xml("word/document.xml").findall(".//w:pPr/w:rPr/w:del", NS)) == 1
    )
    zh = tracked(Docx(repo / "build" / "redlines" / "cybercrime-2018.zh.docx"))
    assert [(k, t) for k, t, _, _ in zh if t] == [
        ("ins", "(c)\t会员国应当分享关于新威胁的信息；"),
        ("del", next(t for k, t, _, _ in zh if t.startswith("(k)"))),
    ]


def test_html_marks_only_what_changed(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_diff(repo, "HEAD~2", "HEAD~1", capsys, meetings=["cybercrime-2018"], formats=["html"])
    html = (repo / "build" / "redlines" / "cybercrime-2018.en.html").read_text(encoding="utf-8")
    root = tinyhtml5.parse(html)
    marked = [
        (n.tag.removeprefix(XHTML), "".join(n.itertext()))
        for n in root.iter()
        if n.tag in {XHTML + "ins", XHTML + "del"}
    ]
    assert marked[:3] == [
        ("ins", "(c)Member States should share information on new threats;"),
        ("del", "/or"),
        ("del", "should"),
    ]
    assert ("ins", "must") in marked and len(marked) == 5
    changed = {
        n.get("id"): n.get("data-change")
        for n in root.iter()
        if n.get("data-change") and n.get("id")
    }
    assert changed == {"leg-new-threats": "inserted", "leg-unodc-education": "deleted"}
    assert '<meta name="rapporteur.redline.author" content="Head Author" />' in html
    # renumbered items carry their new labels and no marks
    item = next(n for n in root.iter(XHTML + "li") if n.get("id") == "leg-public-private")
    assert "".join(item.itertext()).startswith("(k)") and item.get("data-change") is None


def test_chinese_change_is_character_level(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    run_diff(
        repo, "HEAD~1", "HEAD", capsys, meetings=["cybercrime-2018"], langs=["zh"], formats=["docx"]
    )
    changes = [
        (k, t)
        for k, t, _, _ in tracked(Docx(repo / "build" / "redlines" / "cybercrime-2018.zh.docx"))
    ]
    assert changes == [("del", "第一"), ("ins", "首"), ("del", "举行"), ("ins", "召开")]


def test_errors_name_the_revision(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, _, err = run_diff(repo, "no-such-branch", None, capsys)
    assert status == 2 and err.strip() == "error: revision 'no-such-branch' does not exist"
    broken = repo / "broken"
    subprocess.run(
        ["git", "-C", str(repo), "worktree", "add", "-q", str(broken), "HEAD"],
        check=True,
        capture_output=True,
    )
    meeting = broken / "content/meetings/cybercrime-2018/meeting.yaml"
    meeting.write_text(meeting.read_text().replace("number: 27", "number: many"))
    git(broken, "commit", "-qam", "broken", author="Head Author")
    status, _, err = run_diff(repo, "HEAD", git(broken, "rev-parse", "HEAD"), capsys)
    sha = git(broken, "rev-parse", "HEAD")
    assert status == 2
    assert re.search(
        rf"^{sha}:content/meetings/cybercrime-2018/meeting.yaml:\d+:11: expected "
        "a whole number for 'number', got text 'many'$",
        err,
        re.M,
    ), err


def test_working_tree_is_untouched(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    def tree() -> tuple[str, str]:  # the diff's own output, build/, aside
        status = git(repo, "status", "--porcelain", "--", ".", ":!build")
        return status, git(repo, "stash", "list")

    before = tree()
    status, out, err = run_diff(
        repo, "HEAD~2", None, capsys, meetings=["cybercrime-2018"], formats=["html"]
    )
    assert status == 0, err  # the diff was made: an untouched tree proves nothing otherwise
    assert "cybercrime-2018 (en):" in out
    assert list((repo / "build").rglob("*.html"))
    assert tree() == before


def test_moved_item_is_shown_as_moved(content: Path) -> None:
    from datetime import UTC, datetime

    from rapporteur.load.loader import load_library
    from rapporteur.model.assemble import assemble_report
    from rapporteur.model.document import Redline
    from rapporteur.render.report_html import render_report_html
    from rapporteur.review.compare import redline_report
    from rapporteur.write.docx import write_docx

    base = assemble_report(load_library(content), "cybercrime-2018", "en")
    for lang in ("en", "zh"):
        path = content / "meetings/cybercrime-2018" / lang / "recommendations.yaml"
        text = path.read_text(encoding="utf-8")
        start = text.index("          - id: leg-sovereignty\n")
        end = text.index("          - id: leg-safe-havens\n")
        block = text[start:end]
        text = text[:start] + text[end:]
        anchor = text.index("          - id: leg-domestic-framework\n")
        path.write_text(text[:anchor] + block + text[anchor:], encoding="utf-8")
    head = assemble_report(load_library(content), "cybercrime-2018", "en")
    redline = Redline("base", "head", "Reviewer", datetime(2021, 4, 7, 18, tzinfo=UTC))
    report, summary = redline_report(base, head, redline)
    assert "para. 9 (e): moved from para. 9 (b)" in summary
    assert not any("added" in line or "deleted" in line for line in summary)
    html = render_report_html(report)
    assert 'data-change="moved"' in html and 'data-change="moved-away"' in html
    assert '<ins class="moved" data-move="leg-sovereignty">' in html
    doc = write_docx(html)
    import io
    import zipfile

    body = zipfile.ZipFile(io.BytesIO(doc)).read("word/document.xml").decode()
    # The whole paragraph moves: its runs and its paragraph mark, at both ends, inside
    # ranges paired by name.
    assert body.count("<w:moveTo ") == 2 and body.count("<w:moveFrom ") == 2
    for kind in ("moveFrom", "moveTo"):
        assert body.count(f'<w:{kind}RangeStart w:id="') == 1
        assert re.search(rf'<w:{kind}RangeStart [^>]*w:name="move-leg-sovereignty"', body)
    root = ET.fromstring(body)
    # each range's end names its start's id; every id is a number of its own
    ids = {}
    for kind in ("moveFrom", "moveTo"):
        (start,), (end,) = root.iter(w(f"{kind}RangeStart")), root.iter(w(f"{kind}RangeEnd"))
        assert start.get(w("id")) == end.get(w("id")) and start.get(w("id")).isdigit()
        assert start.get(w("author")) == "Reviewer" and start.get(w("date"))
        ids[kind] = start.get(w("id"))
    wrappers = [m.get(w("id")) for m in root.iter() if m.tag in {w("moveFrom"), w("moveTo")}]
    assert len({*ids.values(), *wrappers}) == len(ids) + len(wrappers)
    moved_to = "".join(t.text or "" for m in root.iter(w("moveTo")) for t in m.iter(w("t")))
    assert "Member States should respect the sovereignty" in moved_to
    # a pure move: nothing inserted or deleted
    assert body.count("<w:ins ") == 0 and body.count("<w:del ") == 0


def test_redlines_between_commits_are_reproducible(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """The same bytes again, and in one process as in worker processes."""
    out = repo / "build" / "redlines"
    run_diff(repo, "HEAD~2", "HEAD", capsys, meetings=["cybercrime-2018"], jobs=2)
    first = {p.name: p.read_bytes() for p in out.iterdir()}
    shutil.rmtree(out)
    run_diff(repo, "HEAD~2", "HEAD", capsys, meetings=["cybercrime-2018"], jobs=1)
    assert {p.name: p.read_bytes() for p in out.iterdir()} == first
    assert set(first) == {
        f"cybercrime-2018.{lang}.{fmt}"
        for lang in meeting_languages(content=repo / "content")
        for fmt in ("pdf", "docx", "html")
    }
    # and what is reproduced is the redline: both commits' changes, tracked
    changes = tracked(Docx(out / "cybercrime-2018.en.docx"))
    assert [(kind, text) for kind, text, *_ in changes[:6]] == [
        ("ins", ""),  # the inserted item's paragraph mark
        ("ins", "(c)\tMember States should share information on new threats;"),
        ("del", "/or"),
        ("del", "should"),
        ("ins", "must"),
        ("del", ""),  # the deleted item's paragraph mark
    ]
    assert changes[6][0] == "del" and changes[6][1].startswith(
        "(k)\tMember States should support UNODC in establishing"
    )
    assert len(changes) == 7
    assert {(author, date[:10]) for *_, author, date in changes} == {("Head Author", "2018-04-11")}
    zh = [(kind, text) for kind, text, *_ in tracked(Docx(out / "cybercrime-2018.zh.docx"))]
    assert zh[:4] == [("del", "第一"), ("ins", "首"), ("del", "举行"), ("ins", "召开")], zh
    assert ("ins", "(c)\t会员国应当分享关于新威胁的信息；") in zh, zh


def test_compilation_redline(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    init_repo(tmp_path)
    edit(
        tmp_path,
        "content/compilations/2021-stocktaking/status.yaml",
        "  pr-schools:\n    state: agreed\n",
        "  pr-schools:\n    state: agreed\n  pr-youth:\n    state: agreed-ad-referendum\n",
    )
    status, out, _ = run_diff(
        tmp_path,
        "HEAD",
        None,
        capsys,
        compilations=["2021-stocktaking"],
        langs=["en"],
        formats=["html", "docx"],
    )
    assert status == 0
    assert out.splitlines()[:2] == [
        "2021-stocktaking (en):",
        "  No. 103: proposed → agreed-ad-referendum",
    ]
    html = (tmp_path / "build/redlines/2021-stocktaking.en.html").read_text(encoding="utf-8")
    assert re.search(
        r'<td class="status"><del>Proposed</del> <ins>Agreed ad referendum</ins>', html
    )
    changes = tracked(Docx(tmp_path / "build/redlines/2021-stocktaking.en.docx"))
    assert [(k, t) for k, t, _, _ in changes] == [
        ("del", "Proposed"),
        ("ins", "Agreed ad referendum"),
    ]


@pytest.mark.parametrize(
    ("option", "value", "known"),
    [
        ("meetings", "nosuch", "cybercrime-2018"),
        ("langs", "xx", "en"),
        ("formats", "odt", "pdf, docx, html"),
        ("compilations", "nosuch", "2021-stocktaking"),
    ],
)
def test_unknown_selection_is_an_error(
    repo: Path, capsys: pytest.CaptureFixture[str], option: str, value: str, known: str
) -> None:
    status, out, err = run_diff(repo, "HEAD~1", "HEAD", capsys, **{option: [value]})
    assert status == 2
    assert err.startswith(f"error: --{option.removesuffix('s')} {value}: no such "), err
    assert known in err and out == ""


def test_working_tree_errors_are_plain_positions(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tmp_path)
    edit(repo, "content/meetings/cybercrime-2018/meeting.yaml", "number: 27", "number: many")
    status, _, err = run_diff(repo, "HEAD", None, capsys)
    assert status == 2
    first = err.splitlines()[0]
    path = repo / "content/meetings/cybercrime-2018/meeting.yaml"
    assert re.fullmatch(
        rf"{re.escape(str(path))}:\d+:11: expected a whole number for 'number', got text 'many'",
        first,
    ), first


def test_a_closed_pipe_ends_quietly(repo: Path) -> None:
    """``./dev diff … | true``: the reader is gone before the first line; no
    BrokenPipeError, and the redlines are written all the same."""
    out = repo / "build" / "redlines"
    shutil.rmtree(out, ignore_errors=True)
    code = (
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"r = Path({str(repo)!r}); "
        "sys.exit(cli.diff('HEAD~2', 'HEAD', repo=r, content=r / 'content', "
        "build_dir=r / 'build', formats=['html']))"
    )
    result = subprocess.run(
        f"set -o pipefail; {sys.executable} -c {shlex.quote(code)} | true",
        shell=True,
        capture_output=True,
        text=True,
        check=False,
        executable="/bin/bash",
    )
    assert result.stderr == "" and result.returncode == 0
    assert sorted(p.suffix for p in out.iterdir()) == [".html"] * len(list(out.iterdir()))
    assert list(out.iterdir())


def test_a_committed_link_to_outside_is_an_error(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tmp_path)
    (repo / "content/meetings/cybercrime-2018/en/footnotes.yaml").symlink_to("/etc/passwd")
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "link out")
    status, out, err = run_diff(repo, "HEAD~1", "HEAD", capsys)
    assert status == 2 and out == ""
    assert err.startswith("error: revision 'HEAD': ") and len(err.splitlines()) == 1, err


def test_an_author_name_with_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    repo = init_repo(tmp_path)
    edit(
        repo,
        EN,
        "To prevent and/or eliminate safe havens for offenders, Member States should",
        "To prevent and/or eliminate safe havens for offenders, Member States must",
    )
    git(repo, "commit", "-qam", "must", author="Ev\x02il Author")
    status, _, err = run_diff(repo, "HEAD~1", "HEAD", capsys, formats=["docx"], langs=["en"])
    assert status == 0, err
    doc = Docx(repo / "build" / "redlines" / "cybercrime-2018.en.docx")
    authors = {e.get(w("author")) for e in doc.xml("word/document.xml").iter(w("ins"))}
    assert authors == {"Evil Author"}


def _redline_of(content: Path, change) -> tuple[str, list[str], bytes]:
    """The English 2018 redline (HTML, summary, DOCX) of ``change`` applied to ``content``."""
    from datetime import UTC, datetime

    from rapporteur.load.loader import load_library
    from rapporteur.model.assemble import assemble_report
    from rapporteur.model.document import Redline
    from rapporteur.render.report_html import render_report_html
    from rapporteur.review.compare import redline_report
    from rapporteur.write.docx import write_docx

    base = assemble_report(load_library(content), "cybercrime-2018", "en")
    change(content / "meetings/cybercrime-2018/en")
    head = assemble_report(load_library(content), "cybercrime-2018", "en")
    redline = Redline("base", "head", "Reviewer", datetime(2021, 4, 7, 18, tzinfo=UTC))
    report, summary = redline_report(base, head, redline)
    html = render_report_html(report)
    return html, summary, write_docx(html)


def _part(docx: bytes, name: str) -> ET.Element:
    import io
    import zipfile

    return ET.fromstring(zipfile.ZipFile(io.BytesIO(docx)).read(name))


def _with_note(folder: Path, text: str = "A note on the adoption.") -> None:
    (folder / "footnotes.yaml").write_text(f"adoption-note: {text}\n", encoding="utf-8")
    path = folder / "adoption.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("the report (", "the report[^adoption-note] ("),
        encoding="utf-8",
    )


def test_an_added_footnote_is_an_inserted_footnote(content: Path) -> None:
    html, summary, docx = _redline_of(content, _with_note)
    assert any(line.endswith(": text changed") for line in summary), summary
    assert re.search(
        r'<ins><span class="footnote"[^>]*>A note on the adoption\.</span></ins>', html
    )
    body = _part(docx, "word/document.xml")
    assert [r for ins in body.iter(w("ins")) for r in ins.iter(w("footnoteReference"))]
    notes = _part(docx, "word/footnotes.xml")
    inserted = "".join(t.text or "" for ins in notes.iter(w("ins")) for t in ins.iter(w("t")))
    assert inserted == "A note on the adoption."


def test_a_changed_footnote_is_tracked_in_the_footnotes(content: Path) -> None:
    _with_note(content / "meetings/cybercrime-2018/en")
    _, summary, docx = _redline_of(
        content, lambda folder: _with_note(folder, "A longer note on the adoption.")
    )
    assert [line for line in summary if line.startswith("footnote ")] == [
        "footnote 1 (para. 39): text changed"
    ], summary
    notes = _part(docx, "word/footnotes.xml")
    inserted = "".join(t.text or "" for i in notes.iter(w("ins")) for t in i.iter(w("t")))
    assert inserted.strip() == "longer"
    assert not list(_part(docx, "word/document.xml").iter(w("ins")))


def test_a_removed_footnote_is_a_deleted_footnote(content: Path) -> None:
    _with_note(content / "meetings/cybercrime-2018/en")

    def remove(folder: Path) -> None:
        (folder / "footnotes.yaml").unlink()
        path = folder / "adoption.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("[^adoption-note]", ""), encoding="utf-8")

    html, _, docx = _redline_of(content, remove)
    body = _part(docx, "word/document.xml")
    assert [r for d in body.iter(w("del")) for r in d.iter(w("footnoteReference"))]
    # the note's own text is deleted too, as Word deletes a note with its reference
    notes = _part(docx, "word/footnotes.xml")
    deleted = "".join(t.text or "" for d in notes.iter(w("del")) for t in d.iter(w("delText")))
    assert deleted == "A note on the adoption."
    assert re.search(
        r'<del><span class="footnote"[^>]*>A note on the adoption\.</span></del>', html
    )


def test_a_rewritten_sentence_is_one_deletion_and_one_insertion() -> None:
    """No crumbs ("InThe theneed ensuingfor …"): small equalities between changes are
    folded into them (diff-match-patch's semantic clean-up); small edits stay small."""
    from rapporteur.model import document as doc
    from rapporteur.review.words import diff_content

    rewritten = diff_content(
        (doc.Text("In the ensuing debate, the following points were made by speakers:"),),
        (doc.Text("The need for a coherent approach was stressed by many speakers:"),),
    )
    assert [type(span).__name__ for span in rewritten] == ["Deleted", "Inserted", "Text"]
    assert rewritten[-1] == doc.Text(" speakers:")
    edited = diff_content(
        (doc.Text("Member States should cooperate swiftly with each other."),),
        (doc.Text("Member States must cooperate with each other."),),
    )
    assert edited == (
        doc.Text("Member States "),
        doc.Deleted((doc.Text("should"),)),
        doc.Inserted((doc.Text("must"),)),
        doc.Text(" cooperate "),
        doc.Deleted((doc.Text("swiftly "),)),
        doc.Text("with each other."),
    )


def test_sub_items_of_a_relettered_item_are_not_relettered(content: Path) -> None:
    def insert_first(folder: Path) -> None:
        for lang, text in (("en", "Member States should act;"), ("zh", "会员国应当行动；")):
            path = folder.parent / lang / "recommendations.yaml"
            old = "          - id: leg-technology-neutral\n"
            body = path.read_text(encoding="utf-8")
            path.write_text(
                body.replace(old, f"          - id: leg-first\n            text: {text}\n" + old),
                encoding="utf-8",
            )

    _, summary, _ = _redline_of(content, insert_first)
    assert "para. 9 (a): added" in summary
    relettered = [line for line in summary if "relettered" in line]
    assert relettered and not [line for line in relettered if re.search(r"\) \(", line)]


def test_a_new_status_time_is_listed_and_marked(tmp_path: Path, capsys) -> None:
    repo = init_repo(tmp_path)
    edit(
        repo,
        "content/compilations/2021-stocktaking/status.yaml",
        "as_of: 2021-04-07 18:00",
        "as_of: 2021-04-08 10:30",
    )
    git(repo, "commit", "-qam", "later", author="Head Author")
    status, out, _ = run_diff(
        repo, "HEAD~1", "HEAD", capsys, compilations=["2021-stocktaking"], formats=["html"]
    )
    assert status == 0
    assert "  status time: 2021-04-07 18:00 → 2021-04-08 10:30" in out.splitlines()
    html = (repo / "build/redlines/2021-stocktaking.en.html").read_text(encoding="utf-8")
    assert re.search(
        r"Status as at <del>7\xa0April 2021, 6 p\.m\.</del><ins>8\xa0April 2021, 10\.30 a\.m\.</ins>",
        html,
    )


def test_redlines_only_of_changed_documents_and_none_left_from_before(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    out = repo / "build" / "redlines"
    status, summary, _ = run_diff(repo, "HEAD~1", "HEAD", capsys, formats=["html"])
    assert status == 0
    assert sorted(p.name for p in out.iterdir()) == ["cybercrime-2018.zh.html"]
    assert "cybercrime-2018 (en):\n  no changes" in summary
    run_diff(repo, "HEAD", "HEAD", capsys, formats=["html"])  # nothing changed at all
    assert list(out.iterdir()) == []
    manifest = json.loads((repo / "build" / "manifest.json").read_text(encoding="utf-8"))
    assert not [e for e in manifest["artifacts"] if e["kind"] == "redline"]


def test_a_redline_pdf_is_made_as_a_build_makes_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A note added on page 1 prints after the asterisk note, as in the built report,
    coloured as inserted."""
    from pdftools import page_png, pages

    repo = init_repo(tmp_path)
    english = repo / "content/meetings/cybercrime-2018/en"
    (english / "footnotes.yaml").write_text(
        "resolution-65-230: General Assembly resolution 65/230, annex.\n", encoding="utf-8"
    )
    edit(
        repo,
        "content/meetings/cybercrime-2018/en/introduction.yaml",
        "In its resolution 65/230,",
        "In its resolution 65/230,[^resolution-65-230]",
    )
    status, _, err = run_diff(
        repo, "HEAD", None, capsys, meetings=["cybercrime-2018"], langs=["en"], formats=["pdf"]
    )
    assert status == 0, err
    pdf = repo / "build/redlines/cybercrime-2018.en.pdf"
    first = pages(pdf)[0]
    asterisk, numbered = first.find("E/CN.15/2018/1."), first.find("annex.")
    assert asterisk and numbered and asterisk[0].y_min < numbered[0].y_min
    # the added note is coloured as inserted in the footer, as its call is in the text
    from PIL import Image

    dpi = 150
    image = Image.open(page_png(pdf, 1, tmp_path, dpi)).convert("RGB")
    word = numbered[0]
    box = [round(v * dpi / 72) for v in (word.x_min, word.y_min, word.x_max, word.y_max)]
    colours = image.crop(tuple(box)).getcolors(maxcolors=1 << 16)
    blue = sum(count for count, (r, g, b) in colours if b > 120 and r < 90 and b - r > 60)
    assert blue > 10, colours


def test_the_redline_names_its_revisions_and_lists_its_changes(
    repo: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    """A cover block in the HTML and PDF; in the DOCX, the first page's header (empty on
    UN documents), outside the text that Accept All and Reject All give."""
    run_diff(repo, "HEAD~2", "HEAD", capsys, meetings=["cybercrime-2018"], langs=["en"])
    html = (repo / "build/redlines/cybercrime-2018.en.html").read_text(encoding="utf-8")
    cover = re.search(r'<section class="redline-cover">(.*?)</section>', html, re.S)
    assert cover and "Base Author" in cover.group(1) and "Head Author" in cover.group(1)
    assert "para. 9 (k) (base numbering): deleted" in cover.group(1)
    doc = Docx(repo / "build/redlines/cybercrime-2018.en.docx")
    sect = doc.xml("word/document.xml").find(".//w:body/w:sectPr", NS)
    first = next(h for h in sect.findall("w:headerReference", NS) if h.get(w("type")) == "first")
    target = doc.rels("word/document.xml")[first.get(f"{{{R}}}id")].get("Target")
    lines = [
        "".join(t.text or "" for t in p.iter(w("t")))
        for p in doc.xml(f"word/{target}").iter(w("p"))
    ]
    assert "para. 9 (k) (base numbering): deleted" in lines
    assert any("Head Author" in line for line in lines)


def test_neighbouring_changes_are_one_line(content: Path) -> None:
    def edit_three_delete_two(folder: Path) -> None:
        path = folder / "recommendations.yaml"
        text = path.read_text(encoding="utf-8")
        for item in ("leg-technology-neutral", "leg-sovereignty", "leg-safe-havens"):
            start = text.index(f"- id: {item}\n")
            line = text.index("text: |\n", start) + len("text: |\n")
            indent = text[line : text.index("M", line)]
            text = text[:line] + f"{indent}Changed.\n" + text[line:]
        path.write_text(text, encoding="utf-8")
        for lang in ("en", "zh"):
            remove_item(
                folder.parent.parent.parent.parent,
                f"content/meetings/cybercrime-2018/{lang}/recommendations.yaml",
                "leg-unodc-education",
                "leg-capacity-building",
            )

    _, summary, _ = _redline_of(content, edit_three_delete_two)
    assert "para. 9 (a)–(c): text changed" in summary, summary
    assert not [line for line in summary if line.startswith(("para. 9 (a):", "para. 9 (b):"))]


def test_changes_only(repo: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Only the changed blocks, with the paragraph they hang from; the rest is left out."""
    run_diff(
        repo,
        "HEAD~2",
        "HEAD~1",
        capsys,
        meetings=["cybercrime-2018"],
        langs=["en"],
        formats=["html"],
        changes_only=True,
    )
    root = tinyhtml5.parse(
        (repo / "build/redlines/cybercrime-2018.en.html").read_text(encoding="utf-8")
    )
    xhtml = "{http://www.w3.org/1999/xhtml}"
    paragraphs = [p for p in root.iter(xhtml + "p") if p.get("class") == "para"]
    items = [p for p in root.iter(xhtml + "p") if p.get("class") == "item-text"]
    assert [p.get("data-number") for p in paragraphs] == ["9"]  # the lead-in of the changes
    assert items and all(
        p.get("data-change")
        or p.find(xhtml + "ins") is not None
        or p.find(xhtml + "del") is not None
        for p in items
    )


def _split_first_meeting(folder: Path) -> None:
    """Para. 2's second sentence becomes a paragraph of its own, in every language."""
    for path in folder.parent.glob("*/introduction.yaml"):
        lines = path.read_text(encoding="utf-8").splitlines(keepends=True)
        at = next(i for i, line in enumerate(lines) if line.strip() == "- id: first-meeting")
        second = lines[at + 3].replace("在这次会议上", "会上").replace("At that meeting", "There")
        lines[at + 3 : at + 4] = ["  - id: first-meeting-outcome\n", "    text: |\n", second]
        path.write_text("".join(lines), encoding="utf-8")


def _tracked_marks(docx: bytes) -> list[str]:
    """The tracked paragraph marks of the body: "ins" or "del" for each."""
    body = _part(docx, "word/document.xml")
    return [
        child.tag.split("}")[1]
        for mark in body.iterfind(".//w:p/w:pPr/w:rPr", NS)
        for child in mark
        if child.tag in {w("ins"), w("del")}
    ]


def _tracked_text(docx: bytes, kind: str) -> str:
    body = _part(docx, "word/document.xml")
    text = w("delText") if kind == "del" else w("t")
    return "".join(t.text or "" for e in body.iter(w(kind)) for t in e.iter(text))


def test_a_split_paragraph_is_one_inserted_paragraph_mark(content: Path) -> None:
    """Not all its text deleted and inserted again: the mark, the new label and the
    words that changed."""
    html, summary, docx = _redline_of(content, _split_first_meeting)
    assert "para. 2: split into paras 2 and 3, text changed" in summary, summary
    assert _tracked_marks(docx) == ["ins"]
    assert _tracked_text(docx, "del").strip() == "At that meeting"
    assert _tracked_text(docx, "ins") == "3.There"  # the new label (tab aside), a word
    assert '<ins class="paragraph-mark">¶</ins>' in html


def test_merged_paragraphs_are_one_deleted_paragraph_mark(content: Path) -> None:
    _split_first_meeting(content / "meetings/cybercrime-2018/en")

    def merge(folder: Path) -> None:
        for path in folder.parent.glob("*/introduction.yaml"):
            text = path.read_text(encoding="utf-8")
            path.write_text(
                text.replace("  - id: first-meeting-outcome\n    text: |\n", ""),
                encoding="utf-8",
            )

    html, summary, docx = _redline_of(content, merge)
    assert "paras 2 and 3 (base numbering): merged into para. 2" in summary, summary
    assert _tracked_marks(docx) == ["del"]
    assert _tracked_text(docx, "del") == "3."  # the old label: the text is kept
    assert _tracked_text(docx, "ins") == " "  # the space that joins the sentences
    assert '<del class="paragraph-mark">¶</del>' in html


def test_changes_by_commit(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    """Each change is attributed to the commit that last made it, as git blame does:
    in the DOCX's tracked changes, the HTML, and one summary line per commit."""
    repo = init_repo(tmp_path)
    intro = "content/meetings/cybercrime-2018/en/introduction.yaml"
    edit(repo, intro, "held in Vienna from 17", "held at Vienna from 17")
    git(repo, "commit", "-qam", "one", author="Ana Ruiz")
    edit(repo, intro, "held from 25 to 28 February 2013", "held from 25 to 29 February 2013")
    remove_item(repo, EN, "leg-unodc-education", "leg-capacity-building")
    remove_item(repo, ZH_RECS, "leg-unodc-education", "leg-capacity-building")
    git(repo, "commit", "-qam", "two", author="Ben Okafor")
    edit(repo, intro, "held at Vienna from 17", "held at Vienna, from 17")
    git(repo, "commit", "-qam", "three", author="Chen Li")
    status, out, err = run_diff(
        repo,
        "HEAD~3",
        "HEAD",
        capsys,
        langs=["en"],
        formats=["docx", "html"],
        meetings=["cybercrime-2018"],
        by_commit=True,
    )
    assert status == 0, err
    lines = [line.strip() for line in out.splitlines()]
    by_line = {line.split(" (")[0][3:]: line for line in lines if line.startswith("by ")}
    assert "Ana Ruiz" not in by_line  # its only change was changed again
    assert by_line["Chen Li"].endswith(": para. 2"), by_line
    assert ": para. 3, para. 9 (" in by_line["Ben Okafor"], by_line
    assert by_line["Ben Okafor"].endswith("(base numbering)")
    doc = Docx(repo / "build" / "redlines" / "cybercrime-2018.en.docx")
    body = doc.xml("word/document.xml")
    authors = {}
    for node in body.iter():
        if node.tag in {w("ins"), w("del")}:
            text = "".join(t.text or "" for t in node.iter() if t.tag in {w("t"), w("delText")})
            authors.setdefault(node.get(w("author")), []).append(text)
    assert set(authors) == {"Ben Okafor", "Chen Li"}, authors
    assert "," in "".join(authors["Chen Li"]) and "29" in "".join(authors["Ben Okafor"])
    html = (repo / "build" / "redlines" / "cybercrime-2018.en.html").read_text(encoding="utf-8")
    assert 'data-author="Chen Li"' in html and 'data-author="Ben Okafor"' in html


def test_a_changed_title_is_listed_and_marked(content: Path) -> None:
    def retitle(folder: Path) -> None:
        path = folder / "front.yaml"
        text = path.read_text(encoding="utf-8")
        path.write_text(text.replace("Report on the meeting", "Report on the fourth meeting", 1))

    html, summary, docx = _redline_of(content, retitle)
    assert summary[0] == "title: text changed", summary
    title = re.search(r'<h1 class="title">(.*?)</h1>', html, re.S).group(1)
    assert re.search(r"<ins>\s*fourth\s*</ins>", title), title
    assert _tracked_text(docx, "ins").strip() == "fourth"


def test_a_meeting_only_one_revision_has(tmp_path: Path, capsys) -> None:
    """A meeting added is a redline with all its text inserted, and said to be added;
    compared the other way, all deleted, and said to be gone."""
    repo = init_repo(tmp_path)
    meetings = repo / "content" / "meetings"
    shutil.copytree(meetings / "cybercrime-2020", meetings / "cybercrime-2021")
    edit(
        repo,
        "content/meetings/cybercrime-2021/meeting.yaml",
        "symbol: UNODC/CCPCJ/EG.4/2020/2",
        "symbol: UNODC/CCPCJ/EG.4/2021/2",
    )
    git(repo, "add", "-A")
    git(repo, "commit", "-qm", "new meeting")
    for base, head, said, tag in (
        ("HEAD~1", "HEAD", "added in the head revision", "ins"),
        ("HEAD", "HEAD~1", "not in the head revision", "del"),
    ):
        status, out, err = run_diff(repo, base, head, capsys, formats=["html"], langs=["en"])
        assert status == 0, err
        block = out.split("cybercrime-2021 (en):\n")[1].splitlines()
        assert block[0].strip() == said and block[1].strip().endswith(
            ": added" if tag == "ins" else ": deleted"
        ), block
        html = (repo / "build" / "redlines" / "cybercrime-2021.en.html").read_text(encoding="utf-8")
        assert '<p class="para" id="' in html and f"<{tag}>" in html


def test_compilation_introduction_and_theme_titles(tmp_path: Path, capsys) -> None:
    repo = init_repo(tmp_path)
    text = "content/compilations/2021-stocktaking/en/text.yaml"
    edit(repo, text, "lists those conclusions", "sets out those conclusions")
    edit(
        repo, text, "criminalization: Criminalization", "criminalization: Criminalization offences"
    )
    git(repo, "commit", "-qam", "intro")
    status, out, err = run_diff(
        repo,
        "HEAD~1",
        "HEAD",
        capsys,
        compilations=["2021-stocktaking"],
        langs=["en"],
        formats=["html"],
    )
    assert status == 0, err
    lines = [line.strip() for line in out.splitlines()]
    assert any(re.fullmatch(r"introduction, para\. \S+: text changed", line) for line in lines), out
    assert any(line.startswith("theme ") and "title changed" in line for line in lines), out
    html = (repo / "build" / "redlines" / "2021-stocktaking.en.html").read_text(encoding="utf-8")
    heading = re.search(r'<h2 [^>]*id="theme-criminalization">(.*?)</h2>', html).group(1)
    assert re.search(r"<ins>\s*offences\s*</ins>", heading), heading
    assert re.search(r"<del>\s*lists\s*</del>", html) and re.search(
        r"<ins>\s*sets out\s*</ins>", html
    )


def test_diff_help_and_a_missing_base() -> None:
    from checkout import ROOT

    def invoke(*args: str) -> subprocess.CompletedProcess[str]:
        command = [sys.executable, "-m", "invoke", "--search-root", str(ROOT), "diff", *args]
        return subprocess.run(command, capture_output=True, text=True, check=False)

    shown = invoke("--help")
    assert shown.returncode == 0 and "--by-commit" in shown.stdout, shown.stderr
    missing = invoke()
    assert missing.returncode == 2
    assert missing.stderr == "error: name the revision to compare with: --base REF\n"


def test_page_one_changes_from_meeting_yaml_and_terms_are_said(content: Path) -> None:
    """A new date of issue, or a venue's name in the terms: no redline hides them."""

    def elsewhere(folder: Path) -> None:
        meeting = folder.parent / "meeting.yaml"
        text = meeting.read_text(encoding="utf-8")
        meeting.write_text(text.replace("date_of_issue: 2018-04-13", "date_of_issue: 2018-04-14"))
        terms = folder.parent.parent.parent / "terms" / "en.yaml"
        text = terms.read_text(encoding="utf-8")
        terms.write_text(text.replace("VIENNA: Vienna", "VIENNA: Vienna City", 1))

    _, summary, _ = _redline_of(content, elsewhere)
    assert "page 1, date of issue: 2018-04-13 → 2018-04-14" in summary, summary
    assert "page 1, venue: Vienna → Vienna City" in summary, summary


def test_a_redlined_paragraph_is_said_whole() -> None:
    """The whole paragraph, not only what is inserted or deleted: the unchanged text
    around the changes is part of what a redline must show."""
    from rapporteur.model import document as doc
    from rapporteur.review.words import diff_content

    assert diff_content(
        (doc.Text("To prevent and/or eliminate safe havens, Member States should act."),),
        (doc.Text("To prevent and eliminate safe havens, Member States must act."),),
    ) == (
        doc.Text("To prevent and"),
        doc.Deleted((doc.Text("/or"),)),
        doc.Text(" eliminate safe havens, Member States "),
        doc.Deleted((doc.Text("should"),)),
        doc.Inserted((doc.Text("must"),)),
        doc.Text(" act."),
    )


def test_a_changed_symbol_link_is_one_deletion_and_one_insertion() -> None:
    from rapporteur.model import document as doc
    from rapporteur.review.words import diff_content

    assert diff_content(
        (doc.Text("See "), doc.SymbolLink("E/CN.15/2018/1"), doc.Text(", annex.")),
        (doc.Text("See "), doc.SymbolLink("E/CN.15/2018/2"), doc.Text(", annex.")),
    ) == (
        doc.Text("See "),
        doc.Deleted((doc.SymbolLink("E/CN.15/2018/1"),)),
        doc.Inserted((doc.SymbolLink("E/CN.15/2018/2"),)),
        doc.Text(", annex."),
    )


def test_a_removed_note_call_is_a_visible_deletion() -> None:
    from rapporteur.model import document as doc
    from rapporteur.review.words import diff_content

    call = doc.NoteCall("venue-note", "1", True)
    assert diff_content((doc.Text("Held in Vienna."), call), (doc.Text("Held in Vienna."),)) == (
        doc.Text("Held in Vienna."),
        doc.Deleted((call,)),  # the call itself, its mark shown struck through
    )
    assert diff_content((doc.Text("Held in Vienna."),), (doc.Text("Held in Vienna."), call)) == (
        doc.Text("Held in Vienna."),
        doc.Inserted((call,)),
    )


def test_revision_marks_are_well_formed(content: Path) -> None:
    """Each revision, in the body and the notes, has its own positive id, an author and a
    date; deleted text keeps its spaces (xml:space="preserve"), as Word needs."""

    def change(folder: Path) -> None:
        _with_note(folder)  # a note added: revisions in footnotes.xml too
        path = folder / "recommendations.yaml"
        text = path.read_text(encoding="utf-8")
        assert text.count("should cooperate with each other") == 1
        path.write_text(
            text.replace("should cooperate with each other", "must cooperate"), encoding="utf-8"
        )

    _, _, docx = _redline_of(content, change)
    marks = [
        mark
        for part in ("word/document.xml", "word/footnotes.xml")
        for mark in _part(docx, part).iter()
        if mark.tag in {w("ins"), w("del"), w("moveFrom"), w("moveTo")}
    ]
    ids = [mark.get(w("id")) for mark in marks]
    assert len(marks) >= 3 and all(i is not None and i.isdigit() and int(i) > 0 for i in ids)
    assert len(set(ids)) == len(ids), ids
    assert all(mark.get(w("author")) == "Reviewer" and mark.get(w("date")) for mark in marks)
    deleted = [t for t in _part(docx, "word/document.xml").iter(w("delText"))]
    assert "with each other " in [t.text for t in deleted]  # its space, deleted with it
    space = "{http://www.w3.org/XML/1998/namespace}space"
    assert all(t.get(space) == "preserve" for t in deleted)
