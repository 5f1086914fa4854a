"""``./dev import``: a report's DOCX, edited in Word, read back into its fragments."""

from __future__ import annotations

import shutil
import zipfile
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from conftest import FIXTURE_CONTENT, MEETING, meeting_languages
from rapporteur import cli
from rapporteur.load.loader import load_library
from rapporteur.text import join_lines, join_pair
from rapporteur.wordimport.docx_reader import normalized, read_docx
from rapporteur.write.docx import BODY_STYLE_IDS, NOTE_MARK_STYLE_ID
from rapporteur.write.oxml import bookmark_name

MEETING_ID = MEETING.rsplit("/", 1)[1]
W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
NS = {"w": W}
LANGS = meeting_languages(MEETING, FIXTURE_CONTENT)


def q(name: str) -> str:
    return f"{{{W}}}{name}"


def snapshot(content: Path) -> dict[str, bytes]:
    return {
        p.relative_to(content).as_posix(): p.read_bytes()
        for p in sorted(content.rglob("*"))
        if p.is_file()
    }


def built_docx(content: Path, lang: str) -> Path:
    out = content.parent / "build"
    assert cli.build(content, out, meetings=[MEETING_ID], formats=["docx"], quiet=True) == 0
    return out / "reports" / f"{MEETING_ID}.{lang}.docx"


def edit_document(docx: Path, change: Callable[[etree._Element], None]) -> Path:
    """A copy of ``docx`` with its document.xml changed by ``change`` (as Word would save it)."""
    edited = docx.with_name(f"edited-{docx.name}")
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":
                root = etree.fromstring(data)
                change(root)
                data = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
            target.writestr(info, data)
    return edited


def typed_paragraph(text: str, style: str = "UNItem") -> etree._Element:
    """A paragraph typed in Word: a style, a run of text, no bookmark."""
    paragraph = etree.fromstring(
        f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="{style}"/></w:pPr><w:r><w:t/></w:r></w:p>'
    )
    paragraph.find(".//w:t", NS).text = text
    return paragraph


def block(root: etree._Element, block_id: str) -> etree._Element:
    name = bookmark_name(block_id)
    return next(
        p
        for p in root.iter(q("p"))
        if any(b.get(q("name")) == name for b in p.iter(q("bookmarkStart")))
    )


def entries(content: Path, lang: str) -> list[dict]:
    """Every entry with an id in the report's fragments in ``lang``, as written."""
    from ruamel.yaml import YAML

    found = []
    for path in sorted((content / MEETING / lang).glob("*.yaml")):
        stack = [YAML(typ="safe").load(path)]
        while stack:
            node = stack.pop(0)
            if isinstance(node, dict):
                if "id" in node and "text" in node:
                    found.append(node)
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    return found


def first_item(content: Path, lang: str) -> tuple[str, str]:
    """The first lettered item of the fixture report, and its text as written."""
    item = next(i for e in entries(content, lang) for i in e.get("items") or [])
    return item["id"], join_lines(item["text"])


def text_of(content: Path, lang: str, block_id: str) -> str:
    for entry in entries(content, lang):
        if entry["id"] == block_id:
            return join_lines(entry["text"])
    raise KeyError(block_id)


def item_order(content: Path, lang: str, paragraph_id: str) -> list[str]:
    for entry in entries(content, lang):
        if entry["id"] == paragraph_id:
            return [item["id"] for item in entry.get("items") or []]
    raise KeyError(paragraph_id)


def listing_paragraph(content: Path, lang: str, items: int):
    """A paragraph of the report's first agenda section with at least ``items`` items."""
    library = load_library(content)
    sections = library.meetings[MEETING_ID].languages[lang].recommendations.record.sections
    return next(p for p in sections[0].paragraphs if len(p.items) >= items)


@pytest.mark.parametrize("lang", LANGS)
def test_an_unedited_docx_changes_nothing(content: Path, lang: str, capsys) -> None:
    docx = built_docx(content, lang)
    before = snapshot(content)
    assert cli.import_docx(content, docx, MEETING_ID, lang) == 0
    assert snapshot(content) == before
    assert "no changes" in capsys.readouterr().out


@pytest.mark.parametrize("lang", LANGS)
def test_tracked_and_plain_edits_come_back_as_exactly_those_words(
    content: Path, lang: str, capsys
) -> None:
    """A word typed in, and a tracked deletion and insertion: the item's text gains
    exactly those, no other file changes, and the DOCX built again says the same."""
    item_id, written = first_item(content, lang)
    docx = built_docx(content, lang)
    replaced: dict[str, str] = {}

    def change(root: etree._Element) -> None:
        paragraph = block(root, item_id)
        runs = [r for r in paragraph.findall("w:r", NS) if r.find("w:t", NS) is not None]
        text_node = runs[1].find("w:t", NS)  # runs[0] is the label
        old = text_node.text
        half = len(old) // 2
        keep, gone = old[:half], old[half:]
        text_node.text = "Yak " + keep  # typed without tracking
        text_node.set("{http://www.w3.org/XML/1998/namespace}space", "preserve")
        deleted = etree.fromstring(
            f'<w:del xmlns:w="{W}" w:id="901" w:author="Reviewer" w:date="2026-12-01T10:00:00Z">'
            f'<w:r><w:delText xml:space="preserve">{gone}</w:delText></w:r></w:del>'
        )
        inserted = etree.fromstring(
            f'<w:ins xmlns:w="{W}" w:id="902" w:author="Reviewer" w:date="2026-12-01T10:00:00Z">'
            "<w:r><w:t>Zebra</w:t></w:r></w:ins>"
        )
        runs[1].addnext(deleted)
        deleted.addnext(inserted)
        replaced[normalized(old)] = normalized("Yak " + keep + "Zebra")

    edited = edit_document(docx, change)
    before = snapshot(content)
    assert cli.import_docx(content, edited, MEETING_ID, lang) == 0
    assert f"changed: {item_id}" in capsys.readouterr().out
    ((old, new),) = replaced.items()
    expected = normalized(written).replace(old, new, 1)
    assert expected != normalized(written)
    assert normalized(text_of(content, lang, item_id)) == expected
    after = snapshot(content)
    changed = [name for name in after if after[name] != before.get(name)]
    assert len(changed) == 1 and changed[0].startswith(f"{MEETING}/{lang}/"), changed
    rebuilt = read_docx(built_docx(content, lang), BODY_STYLE_IDS, NOTE_MARK_STYLE_ID)
    texts = [b.markup for b in rebuilt.blocks if b.bookmark == bookmark_name(item_id)]
    assert [normalized(t) for t in texts] == [expected]


def test_a_paragraph_typed_in_word_is_added_in_every_language(content: Path, capsys) -> None:
    lang = LANGS[0]
    item_id, _ = first_item(content, lang)
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        paragraph = block(root, item_id)
        new = typed_paragraph("Member States should share threat data promptly;", "UNItem")
        paragraph.addnext(new)

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    out = capsys.readouterr().out
    new_id = "member-states-should-share-threat"
    assert f"added (marked for translation in the other languages): {new_id}" in out
    assert text_of(content, lang, new_id) == "Member States should share threat data promptly;"
    for other in LANGS[1:]:
        assert text_of(content, other, new_id).startswith("[to be translated] ")
    assert cli.check(content) == 0
    assert cli.build(content, content.parent / "build", meetings=[MEETING_ID], quiet=True) == 0


def test_a_paragraph_deleted_in_word_goes_in_every_language(content: Path, capsys) -> None:
    lang = LANGS[-1]
    item_id, _ = first_item(content, lang)
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        paragraph = block(root, item_id)
        paragraph.getparent().remove(paragraph)

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    assert f"deleted (in every language): {item_id}" in capsys.readouterr().out
    for other in LANGS:
        with pytest.raises(KeyError):
            text_of(content, other, item_id)
    assert cli.check(content) == 0


def test_comments_are_listed_with_the_blocks_reference(content: Path, capsys) -> None:
    import docx as python_docx

    lang = LANGS[0]
    item_id, _ = first_item(content, lang)
    path = built_docx(content, lang)
    document = python_docx.Document(path)
    name = bookmark_name(item_id)
    paragraph = next(
        p
        for p in document.paragraphs
        if any(b.get(q("name")) == name for b in p._p.iter(q("bookmarkStart")))
    )
    document.add_comment(
        paragraph.runs[1], text="Please check this wording.", author="Delegate of X"
    )
    commented = path.with_name("commented.docx")
    document.save(commented)
    before = snapshot(content)
    assert cli.import_docx(content, commented, MEETING_ID, lang) == 0
    lines = capsys.readouterr().out.splitlines()
    comment = [line for line in lines if line.startswith("comment: ")]
    assert len(comment) == 1 and comment[0].endswith("Delegate of X: Please check this wording.")
    assert comment[0].startswith("comment: para. "), comment  # "para. 9 (a), …"
    assert snapshot(content) == before, "a comment is not content"


def test_bookmarks_survive_a_save_in_libreoffice(content: Path, tmp_path: Path, capsys) -> None:
    """LibreOffice opens the DOCX and saves it again as DOCX: nothing to import."""
    import subprocess

    lang = LANGS[0]
    docx = built_docx(content, lang)
    copy = tmp_path / "saved" / docx.name
    copy.parent.mkdir()
    shutil.copyfile(docx, copy)
    out = tmp_path / "resaved"
    out.mkdir()
    result = subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            "docx:MS Word 2007 XML",
            "--outdir",
            str(out),
            str(copy),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"HOME": str(out), "PATH": "/usr/bin:/bin"},
    )
    assert result.returncode == 0, result.stderr
    before = snapshot(content)
    assert cli.import_docx(content, out / docx.name, MEETING_ID, lang) == 0
    assert snapshot(content) == before
    assert "no changes" in capsys.readouterr().out


def test_import_refuses_what_it_cannot_read(content: Path, tmp_path: Path, capsys) -> None:
    """One line each, exit 2, nothing written."""
    lang = LANGS[0]
    docx = built_docx(content, lang)
    text = tmp_path / "notes.docx"
    text.write_text("not a document", encoding="utf-8")
    encrypted = tmp_path / "locked.docx"
    encrypted.write_bytes(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + bytes(504))

    def twice(root: etree._Element) -> None:
        paragraph = block(root, first_item(content, lang)[0])
        paragraph.addnext(etree.fromstring(etree.tostring(paragraph)))

    def override(root: etree._Element) -> None:
        paragraph = block(root, first_item(content, lang)[0])
        paragraph.findall("w:r", NS)[1].find("w:t", NS).text += "\u202e"

    other = cli.build(
        content, tmp_path / "b", meetings=["cybercrime-2019"], formats=["docx"], quiet=True
    )
    assert other == 0
    cases = {
        text: "is not a Word document (.docx)",
        encrypted: "is an encrypted DOCX or a Word 97-2003 document",
        edit_document(docx, twice): "twice",
        tmp_path / "b" / "reports" / f"cybercrime-2019.{lang}.docx": "not of cybercrime-2018",
        edit_document(docx, override): "(as the import would write it)",
    }
    before = snapshot(content)
    for path, message in cases.items():
        assert cli.import_docx(content, path, MEETING_ID, lang) == 2, path.name
        err = capsys.readouterr().err.strip().splitlines()
        assert message in err[0], (path.name, err)
        assert "Traceback" not in "\n".join(err)
    assert snapshot(content) == before


@pytest.mark.parametrize("lang", LANGS)
def test_the_title_and_an_agenda_heading_come_back_to_their_files(
    content: Path, lang: str, capsys
) -> None:
    """The title goes to front.yaml; a section's heading to the agenda item's title in
    agenda.yaml, which keeps its punctuation (the heading shows it without)."""
    from ruamel.yaml import YAML

    from rapporteur.model.assemble import agenda_heading
    from rapporteur.write.docx import TITLE_BOOKMARK, heading_bookmark

    library = load_library(content)
    language = library.meetings[MEETING_ID].languages[lang]
    agenda_item = language.recommendations.record.sections[0].agenda_item
    agenda_file = language.folder / "agenda.yaml"
    old_title = join_lines(language.front.record.title)
    old_agenda = join_lines(language.agenda.record.root[agenda_item])
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        for name in (
            TITLE_BOOKMARK,
            heading_bookmark("chapter-recommendations", agenda_item),
        ):
            paragraph = block(root, name)
            runs = [r.find("w:t", NS) for r in paragraph.iter(q("r"))]
            last = [t for t in runs if t is not None][-1]
            last.text += " Zeta"

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    assert "title" in capsys.readouterr().out
    front = YAML(typ="safe").load(language.folder / "front.yaml")
    assert normalized(join_lines(front["title"])) == normalized(old_title + " Zeta")
    agenda = YAML(typ="safe").load(agenda_file)
    heading = agenda_heading(old_agenda)
    assert join_lines(agenda[agenda_item]) == heading + " Zeta" + old_agenda[len(heading) :]
    assert cli.check(content) == 0


def test_as_commit_makes_one_commit_per_author_on_a_branch(
    tmp_path: Path, capsys, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Edits made without tracking first, then each author's tracked changes, dated as
    they are; the checkout is left as it was, and the branch ends where a plain import
    ends."""
    import subprocess

    for variable in ("NAME", "EMAIL"):  # whoever runs the import, on any machine
        monkeypatch.setenv(
            f"GIT_AUTHOR_{variable}", "Rapporteur" if variable == "NAME" else "r@example.org"
        )
        monkeypatch.setenv(
            f"GIT_COMMITTER_{variable}", "Rapporteur" if variable == "NAME" else "r@example.org"
        )

    root = tmp_path / "project"
    content = root / "content"
    shutil.copytree(FIXTURE_CONTENT, content)

    def git(*args: str) -> str:
        return subprocess.run(
            ["git", "-C", str(root), *args], capture_output=True, text=True, check=True
        ).stdout.strip()

    git("init", "--quiet", "-b", "main")
    git("-c", "user.name=Secretariat", "-c", "user.email=s@example.org", "add", "content")
    git(
        "-c",
        "user.name=Secretariat",
        "-c",
        "user.email=s@example.org",
        "commit",
        "--quiet",
        "-m",
        "content",
    )
    lang = LANGS[0]
    docx = built_docx(content, lang)
    library = load_library(content)
    items = [
        i.id
        for p in library.meetings[MEETING_ID]
        .languages[lang]
        .recommendations.record.sections[0]
        .paragraphs
        for i in p.items
    ][:3]

    def tracked(kind: str, author: str, moment: str, text: str) -> etree._Element:
        tag = "w:delText" if kind == "del" else "w:t"
        return etree.fromstring(
            f'<w:{kind} xmlns:w="{W}" w:id="9{len(text)}" w:author="{author}" w:date="{moment}">'
            f'<w:r><{tag} xml:space="preserve">{text}</{tag}></w:r></w:{kind}>'
        )

    def change(root_element: etree._Element) -> None:
        plain, alice, bob = (block(root_element, i) for i in items)
        plain.findall("w:r", NS)[1].find("w:t", NS).text += " Yak"
        plain.addnext(  # a paragraph typed without tracking
            typed_paragraph("Member States should share threat data promptly;", "UNItem")
        )
        alice.append(tracked("ins", "Alice", "2026-12-01T10:00:00Z", " Zebra"))
        run = bob.findall("w:r", NS)[1]
        words = run.find("w:t", NS).text
        run.find("w:t", NS).text = words[: len(words) // 2]
        run.addnext(tracked("del", "Bob", "2026-12-02T09:00:00Z", words[len(words) // 2 :]))

    edited = edit_document(docx, change)
    before = snapshot(content)
    status = cli.import_docx(content, edited, MEETING_ID, lang, as_commit=True)
    out = capsys.readouterr().out
    assert status == 0, out
    assert snapshot(content) == before, "the checkout's files are not touched"
    assert git("rev-parse", "--abbrev-ref", "HEAD") == "main"
    branch = next(line.split()[1] for line in out.splitlines() if line.startswith("branch "))
    log = git("log", "--format=%an|%aI|%s", f"main..{branch}").splitlines()[::-1]
    assert [entry.split("|")[0] for entry in log[1:]] == ["Alice", "Bob"]
    assert log[0].startswith("Rapporteur|") and "without tracking" in log[0]
    assert log[1].split("|")[1].startswith("2026-12-01T10:00:00")
    assert log[2].split("|")[1].startswith("2026-12-02T09:00:00")
    # the branch ends where a plain import ends
    plain_copy = tmp_path / "plain" / "content"
    shutil.copytree(FIXTURE_CONTENT, plain_copy)
    assert cli.import_docx(plain_copy, edited, MEETING_ID, lang) == 0
    for path in sorted(plain_copy.rglob("*.yaml")):
        relative = path.relative_to(plain_copy.parent).as_posix()
        assert git("show", f"{branch}:{relative}") == path.read_text(encoding="utf-8").rstrip("\n")


def edit_part(docx: Path, part: str, change: Callable[[etree._Element], None]) -> None:
    """``docx`` rewritten in place with one of its XML parts changed."""
    data = {}
    with zipfile.ZipFile(docx) as source:
        infos = source.infolist()
        for info in infos:
            data[info.filename] = source.read(info.filename)
    root = etree.fromstring(data[part])
    change(root)
    data[part] = etree.tostring(root, xml_declaration=True, encoding="UTF-8", standalone=True)
    with zipfile.ZipFile(docx, "w") as target:
        for info in infos:
            target.writestr(info, data[info.filename])


def test_a_link_a_new_note_and_formatting(content: Path, capsys) -> None:
    """A symbol link's text edited comes back as the new symbol; a note added in Word
    becomes a note of its own (footnotes.yaml, its call where it stands); a tracked
    formatting change is reported and ignored."""
    lang = "en" if "en" in LANGS else LANGS[0]
    docx = built_docx(content, lang)
    library = load_library(content)
    linked = next(
        p.id
        for p in library.meetings[MEETING_ID].languages[lang].adoption.record.paragraphs
        if "[[" in p.text
    )
    item_id, _ = first_item(content, lang)

    def change(root: etree._Element) -> None:
        link = block(root, linked).find(".//w:hyperlink", NS)
        texts = link.findall(".//w:t", NS)
        texts[0].text, *_ = ("UNODC/CCPCJ/EG.4/2018/L.2",)
        for extra in texts[1:]:
            extra.text = ""
        paragraph = block(root, item_id)
        paragraph.append(
            etree.fromstring(
                f'<w:r xmlns:w="{W}"><w:rPr><w:rStyle w:val="FootnoteReference"/></w:rPr>'
                '<w:footnoteReference w:id="50"/></w:r>'
            )
        )
        run = paragraph.findall("w:r", NS)[1]
        run.insert(
            0,
            etree.fromstring(
                f'<w:rPr xmlns:w="{W}"><w:b/><w:rPrChange w:id="77" w:author="X" '
                'w:date="2026-12-01T10:00:00Z"><w:rPr/></w:rPrChange></w:rPr>'
            ),
        )

    edited = edit_document(docx, change)
    edit_part(
        edited,
        "word/footnotes.xml",
        lambda notes: notes.append(
            etree.fromstring(
                f'<w:footnote xmlns:w="{W}" w:id="50"><w:p><w:r><w:footnoteRef/></w:r>'
                "<w:r><w:t>See the annex to the present report.</w:t></w:r></w:p></w:footnote>"
            )
        ),
    )
    assert cli.import_docx(content, edited, MEETING_ID, lang) == 0
    out = capsys.readouterr().out
    assert "1 tracked formatting changes ignored" in out
    assert "[[UNODC/CCPCJ/EG.4/2018/L.2]]" in text_of(content, lang, linked)
    assert text_of(content, lang, item_id).endswith("[^see-the-annex-to-the]")
    from ruamel.yaml import YAML

    notes = YAML(typ="safe").load(content / MEETING / lang / "footnotes.yaml")
    assert notes == {"see-the-annex-to-the": "See the annex to the present report."}
    assert cli.check(content) == 0


def test_a_paragraph_typed_under_a_heading_opens_its_section(content: Path, capsys) -> None:
    from ruamel.yaml import YAML

    from rapporteur.write.docx import heading_bookmark

    lang = LANGS[0]
    library = load_library(content)
    agenda_item = (
        library.meetings[MEETING_ID].languages[lang].recommendations.record.sections[0].agenda_item
    )
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        heading = block(root, heading_bookmark("chapter-recommendations", agenda_item))
        heading.addnext(
            typed_paragraph("The Expert Group opened the item with a video message.", "UNParagraph")
        )

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    capsys.readouterr()
    for language in LANGS:
        data = YAML(typ="safe").load(content / MEETING / language / "recommendations.yaml")
        section = next(s for s in data["sections"] if s["agenda_item"] == agenda_item)
        assert section["paragraphs"][0]["id"] == "the-expert-group-opened-the", language
    assert cli.check(content) == 0


def test_a_chapter_heading_edited_is_reported_not_imported(content: Path, capsys) -> None:
    """Chapter headings come from the catalogs: an edit is said, and nothing changes."""
    lang = LANGS[0]
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        heading = block(root, "_chapter-introduction")
        [t for t in heading.iter(q("t"))][-1].text += " Zeta"

    before = snapshot(content)
    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    assert "the heading of chapter introduction was edited" in capsys.readouterr().out
    assert snapshot(content) == before


def set_text(content: Path, lang: str, block_id: str, text: str) -> None:
    """A block's text rewritten in its fragment, as a rapporteur would edit the YAML."""
    from ruamel.yaml import YAML

    from rapporteur.load.canonical import canonical_text

    yaml = YAML(typ="rt")
    for path in sorted((content / MEETING / lang).glob("*.yaml")):
        data = yaml.load(path.read_text(encoding="utf-8"))
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if node.get("id") == block_id:
                    node["text"] = text
                    import io

                    out = io.StringIO()
                    yaml.dump(data, out)
                    path.write_text(canonical_text(out.getvalue()), encoding="utf-8")
                    return
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
    raise KeyError(block_id)


def test_an_older_docx_does_not_undo_later_edits(content: Path, capsys) -> None:
    """The DOCX says what each block said when it was built: a block edited in the
    content since, and not in Word, keeps its new text; one edited in both is refused."""
    lang = LANGS[0]
    item_id, written = first_item(content, lang)
    docx = built_docx(content, lang)
    set_text(content, lang, item_id, written + " Later.")
    after_edit = snapshot(content)
    assert cli.import_docx(content, docx, MEETING_ID, lang) == 0
    assert snapshot(content) == after_edit
    assert "no changes" in capsys.readouterr().out

    def change(root: etree._Element) -> None:
        block(root, item_id).findall("w:r", NS)[1].find("w:t", NS).text += " Zebra"

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 2
    assert "changed too since the DOCX was built" in capsys.readouterr().err
    assert snapshot(content) == after_edit


def test_importing_the_same_docx_twice_changes_nothing_more(content: Path, capsys) -> None:
    lang = LANGS[0]
    item_id, _ = first_item(content, lang)
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        paragraph = block(root, item_id)
        paragraph.findall("w:r", NS)[1].find("w:t", NS).text += " Zebra"
        paragraph.addnext(
            typed_paragraph("Member States should share threat data promptly;", "UNItem")
        )

    edited = edit_document(docx, change)
    assert cli.import_docx(content, edited, MEETING_ID, lang) == 0
    once = snapshot(content)
    capsys.readouterr()
    assert cli.import_docx(content, edited, MEETING_ID, lang) == 0
    assert snapshot(content) == once
    assert "no changes" in capsys.readouterr().out


def test_a_docx_in_another_language_is_refused(content: Path, capsys) -> None:
    first, other = LANGS[0], LANGS[1]
    docx = built_docx(content, first)
    before = snapshot(content)
    assert cli.import_docx(content, docx, MEETING_ID, other) == 2
    assert f"not in {other}" in capsys.readouterr().err
    assert snapshot(content) == before


@pytest.mark.parametrize("tracked", [False, True], ids=["cut and paste", "tracked move"])
def test_a_block_moved_in_word_moves_with_its_translations(
    content: Path, tracked: bool, capsys
) -> None:
    """Moved, a block keeps its id and every language's text: it is not deleted and
    added again (which would leave the other languages "[to be translated]")."""
    lang = LANGS[0]
    paragraph = listing_paragraph(content, lang, 3)
    first, _, third = (item.id for item in paragraph.items[:3])
    texts = {other: text_of(content, other, first) for other in LANGS}
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        moving, target = block(root, first), block(root, third)
        if not tracked:  # Word keeps the bookmark with the text it cuts and pastes
            target.addnext(moving)
            return
        copy = etree.fromstring(etree.tostring(moving))
        for mark in copy.findall(".//w:bookmarkStart", NS) + copy.findall(".//w:bookmarkEnd", NS):
            mark.getparent().remove(mark)
        for kind, paragraph_element in (("moveFrom", moving), ("moveTo", copy)):
            runs = [r for r in paragraph_element if r.tag == q("r")]
            wrapper = etree.SubElement(paragraph_element, q(kind))
            wrapper.set(q("id"), "70" if kind == "moveFrom" else "71")
            wrapper.set(q("author"), "Reviewer")
            wrapper.set(q("date"), "2026-12-01T10:00:00Z")
            for run in runs:
                if kind == "moveFrom":
                    for t in run.findall("w:t", NS):
                        t.tag = q("delText")
                wrapper.append(run)
        target.addnext(copy)

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    out = capsys.readouterr().out
    assert f"moved (in every language): {first}" in out
    assert "added" not in out and "deleted" not in out
    for other in LANGS:
        order = item_order(content, other, paragraph.id)
        assert order.index(first) == order.index(third) + 1, (other, order)
        assert text_of(content, other, first) == texts[other]
    assert cli.check(content) == 0


@pytest.mark.parametrize("tracked", [False, True], ids=["typed", "tracked"])
def test_two_blocks_merged_in_word_merge_in_every_language(
    content: Path, tracked: bool, capsys
) -> None:
    """Merged, the second block's text joins the first in every language and its entry
    goes (deleted alone, the other languages would lose its translation)."""
    shutil.rmtree(content / "compilations")  # which may track the block that goes
    lang = LANGS[0]
    paragraph = listing_paragraph(content, lang, 2)
    first, second = (item.id for item in paragraph.items[:2])
    texts = {
        other: (text_of(content, other, first), text_of(content, other, second)) for other in LANGS
    }
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        one, two = block(root, first), block(root, second)
        if tracked:  # the first paragraph's mark deleted, as Word tracks a merge
            properties = one.find("w:pPr", NS)
            properties.append(
                etree.fromstring(
                    f'<w:rPr xmlns:w="{W}"><w:del w:id="80" w:author="Reviewer" '
                    'w:date="2026-12-01T10:00:00Z"/></w:rPr>'
                )
            )
            return
        runs = [r for r in two if r.tag == q("r")][1:]  # its label goes
        for run in runs:
            one.append(run)
        two.getparent().remove(two)

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    out = capsys.readouterr().out
    assert f"merged (in every language): {second} into {first}" in out
    for other in LANGS:
        with pytest.raises(KeyError):
            text_of(content, other, second)
        one, two = texts[other]
        assert normalized(text_of(content, other, first)) == normalized(join_pair(one, two))
    assert cli.check(content) == 0


def paragraph_deleted_with_tracking(paragraph: etree._Element) -> None:
    """As Word tracks a whole paragraph deleted: its runs and its mark in w:del."""
    for run in [r for r in paragraph if r.tag == q("r")]:
        wrapper = etree.Element(q("del"))
        wrapper.set(q("id"), "60")
        wrapper.set(q("author"), "Reviewer")
        wrapper.set(q("date"), "2026-12-01T10:00:00Z")
        run.addprevious(wrapper)
        wrapper.append(run)
        for t in run.findall("w:t", NS):
            t.tag = q("delText")
    properties = paragraph.find("w:pPr", NS)
    properties.append(
        etree.fromstring(
            f'<w:rPr xmlns:w="{W}"><w:del w:id="61" w:author="Reviewer" '
            'w:date="2026-12-01T10:00:00Z"/></w:rPr>'
        )
    )


def test_a_paragraph_deleted_with_tracking_leaves_the_next_one_whole(content: Path, capsys) -> None:
    shutil.rmtree(content / "compilations")  # which may track the block that goes
    lang = LANGS[0]
    paragraph = listing_paragraph(content, lang, 2)
    first, second = (item.id for item in paragraph.items[:2])
    texts = {other: text_of(content, other, second) for other in LANGS}
    docx = built_docx(content, lang)
    edited = edit_document(docx, lambda root: paragraph_deleted_with_tracking(block(root, first)))
    assert cli.import_docx(content, edited, MEETING_ID, lang) == 0
    assert f"deleted (in every language): {first}" in capsys.readouterr().out
    for other in LANGS:
        with pytest.raises(KeyError):
            text_of(content, other, first)
        assert text_of(content, other, second) == texts[other]


def test_an_item_moved_with_its_nested_items_keeps_them(content: Path, capsys) -> None:
    """Its nested items move inside it; an item typed after a nested item is an item."""
    lang = LANGS[0]
    entry = next(
        e for e in entries(content, lang) if any(i.get("items") for i in e.get("items") or [])
    )
    items = entry["items"]
    owner = next(i for i in items if i.get("items"))
    nested = [n["id"] for n in owner["items"]]
    target = items[0]["id"] if items[0]["id"] != owner["id"] else items[1]["id"]
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        moving = [block(root, owner["id"])] + [block(root, n) for n in nested]
        anchor = block(root, target)
        for element in reversed(moving):
            anchor.addnext(element)
        block(root, nested[-1]).addnext(
            typed_paragraph("Member States should share threat data promptly;", "UNItem")
        )

    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    capsys.readouterr()
    for other in LANGS:
        order = item_order(content, other, entry["id"])
        assert order.index(owner["id"]) == order.index(target) + 1, (other, order)
        assert item_order(content, other, owner["id"]) == nested, other
        assert order[order.index(owner["id"]) + 1] == "member-states-should-share-threat", order
    assert cli.check(content) == 0


def test_an_older_docx_does_not_undo_a_later_move_or_title(content: Path, capsys) -> None:
    from ruamel.yaml import YAML

    lang = LANGS[0]
    paragraph = listing_paragraph(content, lang, 2)
    docx = built_docx(content, lang)
    # since the build: the first two items swapped, the title edited, in the content
    for other in LANGS:
        path = next(
            p
            for p in (content / MEETING / other).glob("*.yaml")
            if paragraph.items[0].id in p.read_text(encoding="utf-8")
        )
        text = path.read_text(encoding="utf-8")
        yaml = YAML(typ="rt")
        data = yaml.load(text)
        stack = [data]
        while stack:
            node = stack.pop()
            if isinstance(node, dict):
                if node.get("id") == paragraph.id:
                    node["items"][0], node["items"][1] = node["items"][1], node["items"][0]
                stack += list(node.values())
            elif isinstance(node, list):
                stack += node
        import io

        from rapporteur.load.canonical import canonical_text

        out = io.StringIO()
        yaml.dump(data, out)
        path.write_text(canonical_text(out.getvalue()), encoding="utf-8")
    front = content / MEETING / lang / "front.yaml"
    front.write_text(
        front.read_text(encoding="utf-8").replace("title: ", "title: Revised ", 1), encoding="utf-8"
    )
    after = snapshot(content)
    assert cli.import_docx(content, docx, MEETING_ID, lang) == 0
    assert snapshot(content) == after
    assert "no changes" in capsys.readouterr().out


def test_a_docx_without_its_properties_in_another_script_is_refused(
    content: Path, tmp_path: Path, capsys
) -> None:
    """With its language and symbol properties gone, a DOCX in another script is known
    by its text."""
    scripts = {
        lang: next(iter(text_of(content, lang, first_item(content, lang)[0]))) for lang in LANGS
    }
    first, other = LANGS[0], LANGS[1]
    assert scripts[first].isascii() != scripts[other].isascii(), "the fixture's languages differ"
    docx = built_docx(content, first)
    stripped = tmp_path / "stripped.docx"
    with zipfile.ZipFile(docx) as source, zipfile.ZipFile(stripped, "w") as target:
        for info in source.infolist():
            if info.filename not in {"docProps/core.xml", "docProps/custom.xml"}:
                target.writestr(info, source.read(info.filename))
    before = snapshot(content)
    assert cli.import_docx(content, stripped, MEETING_ID, other) == 2
    assert "script" in capsys.readouterr().err
    assert snapshot(content) == before


@pytest.fixture(scope="module")
def built_once(tmp_path_factory: pytest.TempPathFactory) -> tuple[Path, Path]:
    """The fixture content and its first language's DOCX, built once for the module."""
    root = tmp_path_factory.mktemp("imported")
    shutil.copytree(FIXTURE_CONTENT, root / "content")
    return root / "content", built_docx(root / "content", LANGS[0])


WORDS = st.text(alphabet="abcdefghijklmnopqrstuvwxyz", min_size=2, max_size=8)


@settings(
    max_examples=20, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(
    edits=st.lists(
        st.tuples(st.integers(0, 10_000), st.sampled_from(["typed", "tracked"]), WORDS),
        min_size=1,
        max_size=4,
        unique_by=lambda edit: edit[0] % 40,
    )
)
def test_any_word_edits_come_back_exactly(
    built_once: tuple[Path, Path], tmp_path_factory: pytest.TempPathFactory, edits
) -> None:
    """Words typed or inserted with tracking into any blocks: each block's text in the
    content becomes exactly what Word shows, and no other block changes."""
    source, docx = built_once
    content = tmp_path_factory.mktemp("edit") / "content"
    shutil.copytree(source, content)
    lang = LANGS[0]
    written = entries(content, lang)
    ids = [e["id"] for e in written]
    generated = {e["id"] for e in written if "insert" in e}  # a list made from meeting.yaml
    chosen = {ids[index % len(ids)]: (kind, word) for index, kind, word in edits}
    expected = {}

    def change(root: etree._Element) -> None:
        for block_id, (kind, word) in chosen.items():
            paragraph = block(root, block_id)
            last = [r for r in paragraph if r.tag == q("r") and r.find("w:t", NS) is not None][-1]
            if kind == "typed":
                last.find("w:t", NS).text += f" {word}"
            else:
                last.addnext(
                    etree.fromstring(
                        f'<w:ins xmlns:w="{W}" w:id="5" w:author="R" w:date="2026-12-01T10:00:00Z">'
                        f'<w:r><w:t xml:space="preserve"> {word}</w:t></w:r></w:ins>'
                    )
                )
            if block_id not in generated:  # a word after a generated list is ignored
                expected[block_id] = normalized(text_of(content, lang, block_id) + f" {word}")

    edited = edit_document(docx, change)
    before = {i: text_of(content, lang, i) for i in ids}
    status = cli.import_docx(content, edited, MEETING_ID, lang)
    if status:  # text check refuses (a word glued to a symbol link, say): nothing written
        assert {i: text_of(content, lang, i) for i in ids} == before
        return
    for block_id in ids:
        now = normalized(text_of(content, lang, block_id))
        assert now == expected.get(block_id, normalized(before[block_id])), block_id


def test_words_around_a_label_are_text_and_the_label_is_not(content: Path, capsys) -> None:
    """Words typed before a label stay; a label whose tab was deleted still goes; a
    paragraph typed in Word keeps "Note:" before its tab."""
    lang = "en" if "en" in LANGS else LANGS[0]
    item_id, written = first_item(content, lang)
    paragraph = listing_paragraph(content, lang, 1)
    docx = built_docx(content, lang)

    def change(root: etree._Element) -> None:
        runs = [r for r in block(root, item_id) if r.tag == q("r")]
        label = runs[0].find("w:t", NS)
        label.text = "Also, " + label.text  # before the label, in its run
        other = [r for r in block(root, paragraph.id) if r.tag == q("r")]
        for tab in other[0].findall("w:tab", NS):  # the label's tab deleted
            other[0].remove(tab)
        block(root, item_id).addnext(
            etree.fromstring(
                f'<w:p xmlns:w="{W}"><w:pPr><w:pStyle w:val="UNItem"/></w:pPr>'
                "<w:r><w:t>Note:</w:t></w:r><w:r><w:tab/></w:r>"
                "<w:r><w:t>Member States should share threat data promptly;</w:t></w:r></w:p>"
            )
        )

    before = text_of(content, lang, paragraph.id)
    assert cli.import_docx(content, edit_document(docx, change), MEETING_ID, lang) == 0
    capsys.readouterr()
    assert normalized(text_of(content, lang, item_id)) == normalized("Also, " + written)
    assert text_of(content, lang, paragraph.id) == before
    assert text_of(content, lang, "note-member-states-should-share").startswith("Note: Member")


def test_a_similar_paragraph_typed_later_is_not_taken_for_one_imported(
    content: Path, capsys
) -> None:
    lang = LANGS[0]
    item_id, _ = first_item(content, lang)
    docx = built_docx(content, lang)

    def typed(words: str) -> Callable[[etree._Element], None]:
        def change(root: etree._Element) -> None:
            block(root, item_id).addnext(typed_paragraph(f"{words}", "UNItem"))

        return change

    first = edit_document(docx, typed("Technical assistance should be demand-driven;"))
    assert cli.import_docx(content, first, MEETING_ID, lang) == 0
    second = edit_document(docx, typed("Technical assistance should be sustainable;"))
    second = second.rename(second.with_name("second.docx"))
    assert cli.import_docx(content, second, MEETING_ID, lang) == 0
    added = [
        e["text"] for e in entries(content, lang) if e["id"].startswith("technical-assistance")
    ]
    assert sorted(join_lines(t) for t in added) == [
        "Technical assistance should be demand-driven;",
        "Technical assistance should be sustainable;",
    ]
