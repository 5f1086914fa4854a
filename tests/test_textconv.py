"""git textconv: content fragments as numbered text, for readable git diffs."""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tempfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import test_redline_invariant as invariant
from checkout import CONTENT_DIR, ROOT
from conftest import FIXTURE_CONTENT
from rapporteur.review.textconv import convert
from seedtext import seed_blocks

MEETING = CONTENT_DIR / "meetings" / "cybercrime-2018"


def numbered(text: str) -> str:
    """The numbered blocks' lines alone: without the lines of other values, whose keys
    ("sections/1/agenda_item", "33/insert") are not references."""
    return "".join(
        f"{line}\n"
        for line in text.splitlines()
        if not line[:1].strip() or (line[0].isdigit() and "/" not in line.split("  ")[0])
    )


def entries(text: str) -> list[tuple[str, str]]:
    """(reference, text) of each block: a reference starts a line, sentences follow."""
    out: list[tuple[str, str]] = []
    for line in numbered(text).splitlines():
        label, rest = line[:16].strip(), line[16:]
        if label:
            out.append((label, rest))
        else:
            out[-1] = (out[-1][0], out[-1][1] + rest)
    return out


def test_seed_fragments_read_as_numbered_text(tmp_path: Path) -> None:
    seed = {label: text for label, text in seed_blocks()}
    copy = tmp_path / "recommendations.yaml"
    copy.write_bytes((MEETING / "zh" / "recommendations.yaml").read_bytes())
    shown = dict(entries(convert(copy, CONTENT_DIR)))
    assert shown["9 (n) (一)"].startswith("在网络犯罪调查、电子证据处理")
    assert shown["10 (f) (十五)"] == "非法影响关键信息基础设施；"
    assert shown["10 (q)"].startswith("会员国应当考虑采取进一步的预防网络犯罪措施")
    assert list(shown)[:3] == ["8", "9", "9 (a)"]
    organization = tmp_path / "organization.yaml"
    organization.write_bytes((MEETING / "zh" / "organization.yaml").read_bytes())
    shown = dict(entries(convert(organization, CONTENT_DIR)))
    assert shown["33"] == seed["33."]
    assert shown["35"] == seed["35."]  # its agenda items belong to agenda.yaml


def test_broken_yaml_is_shown_as_it_is(tmp_path: Path) -> None:
    broken = tmp_path / "x.yaml"
    broken.write_text("paragraphs: [\n", encoding="utf-8")
    assert convert(broken, CONTENT_DIR) == "paragraphs: [\n"


def test_git_diff_uses_it(tmp_path: Path) -> None:
    """The command .gitattributes names, run the way git runs it."""
    copy = tmp_path / "adoption.yaml"
    copy.write_bytes((MEETING / "en" / "adoption.yaml").read_bytes())
    result = subprocess.run(
        [sys.executable, "-m", "rapporteur.review.textconv", str(copy)],
        capture_output=True,
        text=True,
        cwd=ROOT,
        check=True,
    )
    assert result.stdout.startswith("39              At its 6th session")
    assert "content/**/*.yaml diff=rapporteur" in (ROOT / ".gitattributes").read_text()


def test_a_fifo_among_the_fragments_does_not_block(tmp_path: Path) -> None:
    content = tmp_path / "content"
    shutil.copytree(CONTENT_DIR, content)
    os.mkfifo(content / "meetings" / "cybercrime-2018" / "en" / "notes.yaml")
    copy = tmp_path / "recommendations.yaml"
    copy.write_bytes((MEETING / "en" / "recommendations.yaml").read_bytes())
    code = (
        "from pathlib import Path; from rapporteur.review.textconv import convert; "
        f"print(convert(Path({str(copy)!r}), Path({str(content)!r}))[:40])"
    )
    result = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=120, check=True
    )
    assert result.stdout.strip()


def shown_by_the_pipeline(content: Path, meeting: str, lang: str, fragment: Path) -> str:
    """What the full pipeline numbers for the blocks of one fragment: the loader and
    the assembler over the whole content, as the report has them."""
    from rapporteur.load.canonical import sentences
    from rapporteur.load.crossrefs import blocks
    from rapporteur.load.loader import load_library
    from rapporteur.model.assemble import assemble_report
    from rapporteur.model.plaintext import plain_text
    from rapporteur.review.references import numbered_blocks, reference

    library = load_library(content)
    language = library.meetings[meeting].languages[lang]
    mine = {b.id for b in blocks(language) if b.source.file.path == fragment}
    lines = []
    for parts, block in numbered_blocks(assemble_report(library, meeting, lang)):
        if block.id in mine:
            for index, sentence in enumerate(sentences(plain_text(block.content)) or [""]):
                lines.append(f"{reference(parts) if index == 0 else '':<16}{sentence}".rstrip())
    return "".join(f"{line}\n" for line in lines)


def test_every_fragment_is_numbered_as_its_report_numbers_it(tmp_path: Path) -> None:
    """Over every meeting, language and fragment of the content: the light converter's
    numbers and texts are the report's."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    checked = 0
    fragments = sorted(content.glob("meetings/*/*/*.yaml"))
    texts = [fragment.read_bytes() for fragment in fragments]
    for fragment in fragments:
        if texts.count(fragment.read_bytes()) > 1:
            continue  # git gives no path: a file the same as another's is either's
        meeting, lang = fragment.parent.parent.name, fragment.parent.name
        expected = shown_by_the_pipeline(content, meeting, lang, fragment)
        if not expected:
            continue  # no numbered blocks: shown as its values
        copy = tmp_path / fragment.name
        copy.write_bytes(fragment.read_bytes())
        assert numbered(convert(copy, content, tmp_path / "build")) == expected, fragment
        checked += 1
    assert checked >= 3


EDITS = st.lists(
    st.one_of(
        invariant.word_edit,
        invariant.insert_item,
        invariant.delete_item,
        invariant.move_item,
        invariant.lift_item,
        invariant.split_block,
        invariant.merge_blocks,
    ),
    min_size=1,
    max_size=4,
)


@settings(max_examples=15, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(edits=EDITS)
def test_an_older_version_is_numbered_as_its_own_report_would_be(edits: list[tuple]) -> None:
    """A version with items added, deleted, moved, split or merged, converted against
    the working tree it differs from: the numbers its own report has."""
    with tempfile.TemporaryDirectory() as tmp:
        work = Path(tmp)
        tree, version = work / "tree" / "content", work / "version" / "content"
        shutil.copytree(FIXTURE_CONTENT, tree)
        shutil.copytree(FIXTURE_CONTENT, version)
        shutil.rmtree(version / "compilations")  # their rows name items the edits delete
        meeting = invariant.Meeting(version)
        for edit in edits:
            meeting.apply(edit)
        meeting.save()
        fragment = version / invariant.MEETING / "en" / "recommendations.yaml"
        expected = shown_by_the_pipeline(version, fragment.parent.parent.name, "en", fragment)
        text = convert(fragment, tree, work / "build")
        assert not text.startswith("(numbers approximate")
        assert numbered(text) == expected


def test_a_version_without_a_place_is_numbered_on_its_own(tmp_path: Path) -> None:
    """Never raw YAML for valid YAML: a fragment the working tree does not have is
    numbered from its own order, and says the numbers are approximate."""
    alone = tmp_path / "recommendations.yaml"
    alone.write_text(
        "paragraphs:\n  - id: lone\n    text: First. Second.\n    items:\n"
        "      - id: lone-a\n        text: An item;\n",
        encoding="utf-8",
    )
    assert convert(alone, CONTENT_DIR).splitlines() == [
        "(numbers approximate: this version's place in the report is not known)",
        "1               First.",
        "                Second.",
        "1 (a)           An item;",
    ]


def test_other_files_are_shown_as_their_values(tmp_path: Path) -> None:
    meeting = tmp_path / "meeting.yaml"
    meeting.write_bytes((MEETING / "meeting.yaml").read_bytes())
    lines = convert(meeting, CONTENT_DIR).splitlines()
    assert not any(line.lstrip().startswith(("#", "- ")) for line in lines)
    symbol = next(line for line in lines if line.startswith("symbol"))
    assert symbol.split() == ["symbol", "E/CN.15/2018/12"]
    assert any(line.startswith("session/venue ") for line in lines)


def test_git_diff_in_a_worktree(tmp_path: Path) -> None:
    """``setup-git`` run from a linked worktree: git diff there shows numbered text,
    and a second diff reads the converted text from git's cache."""
    repo = tmp_path / "repo"
    shutil.copytree(FIXTURE_CONTENT, repo / "content")
    shutil.copy(ROOT / ".gitattributes", repo / ".gitattributes")
    env = {**os.environ, "GIT_AUTHOR_NAME": "A", "GIT_AUTHOR_EMAIL": "a@example.org"}
    env |= {"GIT_COMMITTER_NAME": "A", "GIT_COMMITTER_EMAIL": "a@example.org"}

    def run(*args: str, cwd: Path = repo) -> str:
        return subprocess.run(
            args, cwd=cwd, env=env, capture_output=True, text=True, check=True
        ).stdout

    run("git", "init", "-q")
    run("git", "add", "-A")
    run("git", "commit", "-qm", "base")
    worktree = tmp_path / "worktree"
    run("git", "worktree", "add", "-q", str(worktree))
    run(sys.executable, "-m", "invoke", "--search-root", str(ROOT), "setup-git", cwd=worktree)
    fragment = worktree / "content" / invariant.MEETING / "en" / "recommendations.yaml"
    text = fragment.read_text(encoding="utf-8")
    fragment.write_text(text.replace("should", "shall", 1), encoding="utf-8")
    diff = run("git", "diff", cwd=worktree / "content")
    changed = [line for line in diff.splitlines() if line.startswith(("+", "-"))][2:]
    assert len(changed) == 2 and "shall" in changed[1], diff
    assert re.match(r"[-+]\d+( \(\w+\))?\s", changed[0]), changed  # a number, not YAML
    assert run("git", "diff", cwd=worktree) == diff
    assert "refs/notes/textconv/rapporteur" in run("git", "for-each-ref")


def test_every_value_is_shown(tmp_path: Path) -> None:
    """What a fragment says besides its blocks' texts is in the text too, so that no
    edit gives an empty git diff: a section's agenda item, a block's other keys, a
    compilation's title and theme titles."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    recommendations = convert(content / invariant.MEETING / "en" / "recommendations.yaml", content)
    assert any(
        re.match(r"sections/\d+/agenda_item +\S", line) for line in recommendations.splitlines()
    )
    organization = convert(content / invariant.MEETING / "en" / "organization.yaml", content)
    assert re.search(r"^\d+/insert +states$", organization, re.M), organization
    text = content / "compilations" / "2021-stocktaking" / "en" / "text.yaml"
    shown = convert(text, content, tmp_path / "build")
    assert not shown.startswith("(numbers approximate")
    assert shown.startswith("title ") and "themes/criminalization" in shown
    assert re.search(r"^1 +\S", shown, re.M)  # the introduction, numbered as compiled


def test_a_working_tree_with_errors_keeps_the_last_good_numbers(tmp_path: Path) -> None:
    """git keeps what the converter prints: a moment's error in the working tree must
    not turn every version it converts then into approximate numbers."""
    content = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, content)
    fragment = tmp_path / "recommendations.yaml"
    fragment.write_bytes((content / invariant.MEETING / "en" / "recommendations.yaml").read_bytes())
    good = convert(fragment, content, tmp_path / "build")
    meeting = content / "meetings" / "cybercrime-2019" / "meeting.yaml"
    meeting.write_text(meeting.read_text(encoding="utf-8") + "symbol: [\n", encoding="utf-8")
    assert convert(fragment, content, tmp_path / "build") == good
