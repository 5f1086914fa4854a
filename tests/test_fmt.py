"""./dev fmt: one canonical layout, idempotent, comments kept, meaning unchanged."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from checkout import CONTENT_DIR
from conftest import MEETING, CheckRun
from rapporteur import cli
from rapporteur.load.canonical import canonical_text, content_files, sentences
from rapporteur.load.loader import load_library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.plaintext import body_lines
from rapporteur.text import join_lines


def test_repository_content_is_canonical_and_fmt_is_idempotent() -> None:
    for path in content_files(CONTENT_DIR):
        source = path.read_text(encoding="utf-8")
        assert canonical_text(source) == source, f"{path} is not canonical: run ./dev fmt"


def models(root: Path) -> dict[tuple[str, str], list[tuple[str, str]]]:
    library = load_library(root)
    return {
        (m, lang): list(body_lines(assemble_report(library, m, lang)))
        for m, meeting in library.meetings.items()
        for lang in meeting.languages
    }


def test_fmt_changes_layout_not_meaning(content: Path, capsys: pytest.CaptureFixture[str]) -> None:
    path = content / MEETING / "en" / "recommendations.yaml"
    source = path.read_text(encoding="utf-8")
    messy = source.replace(
        "          - id: leg-sovereignty\n            text: |\n",
        "          - id: leg-sovereignty  # keep this comment\n            text: >\n",
    )
    path.write_text(messy, encoding="utf-8")
    path.chmod(0o640)  # a mode of the author's choosing, which fmt must keep
    before = models(content)
    assert cli.fmt(content, check_only=True) == 1
    assert "en/recommendations.yaml:1:1: not in the canonical layout" in capsys.readouterr().err
    assert cli.fmt(content) == 0
    after = path.read_text(encoding="utf-8")
    assert "# keep this comment" in after
    assert after == source.replace(
        "- id: leg-sovereignty\n", "- id: leg-sovereignty  # keep this comment\n"
    )
    assert models(content) == before
    assert stat.S_IMODE(path.stat().st_mode) == 0o640
    assert cli.fmt(content, check_only=True) == 0


def test_check_warns_about_layout(content: Path, run_check: CheckRun) -> None:
    path = content / MEETING / "zh" / "front.yaml"
    path.write_text(
        path.read_text(encoding="utf-8").replace("title: ", "title:   "), encoding="utf-8"
    )
    status, lines = run_check(content)
    assert status == 0
    assert [line for line in lines if "is a specimen" not in line] == [
        f"<root>/{MEETING}/zh/front.yaml:1:1: warning: not in the canonical layout; run ./dev fmt"
    ]


def test_fmt_refuses_invalid_content(content: Path) -> None:
    path = content / MEETING / "meeting.yaml"
    path.write_text(path.read_text(encoding="utf-8") + "extra: [\n", encoding="utf-8")
    before = {p: p.read_bytes() for p in content_files(content)}
    assert cli.fmt(content) == 2
    assert {p: p.read_bytes() for p in content_files(content)} == before


@pytest.mark.parametrize(
    "text",
    [
        "First sentence. Second one; third: Fourth (a) item.",
        "专家组第一次会议于 2011 年 1 月 17 日举行。在这次会议上，专家组审议了方法。",
        "Member States should (a) act; (b) report.",
    ],
)
def test_sentence_lines_join_back(text: str) -> None:
    assert join_lines("\n".join(sentences(text))) == text


def test_a_long_pattern_stays_a_pattern() -> None:
    """A long ASCII string without spaces (a regular expression in languages.yaml) is
    code: the canonical layout never makes it a block of text with a final newline."""
    from rapporteur.load.canonical import canonical_text

    pattern = "(?a)(?<![\\\\w./-])(?=[\\\\w./-]*[A-Za-z/])(\\\\w(?:[\\\\w./-]*\\\\w)?)" * 2
    source = f"rules:\n  - {{find: '{pattern}', replace: x}}\n"
    assert canonical_text(source) == source


@pytest.mark.parametrize("pattern", ["第 (?=\\d)", "(\\d) ([;?!])", "a ?b", "?"])
def test_a_flow_mapping_stays_readable_by_libyaml(pattern: str) -> None:
    """fmt writes a "?" in a flow mapping quoted: ruamel would write it plain, and
    libyaml (the C reader PyYAML and ruamel's safe loader use) refuses that."""
    from ruamel.yaml import YAML

    quoted = pattern.replace("'", "''")
    text = canonical_text(f"rules:\n  - {{find: '{quoted}', replace: x}}\n")
    assert YAML(typ="safe").load(text) == {"rules": [{"find": pattern, "replace": "x"}]}


def test_the_layout_of_texts_at_its_edges() -> None:
    """A sentence broken over lines is one line again; a text of exactly the line limit
    stays on its line, one longer becomes a block; a "?" in a flow list is quoted (libyaml
    refuses it plain)."""
    from rapporteur.load.canonical import LINE_LIMIT

    assert canonical_text("text: |\n  One sentence\n  continued here.\n") == (
        "text: |-\n  One sentence continued here.\n"
    )
    at_limit = ("word " * LINE_LIMIT)[: LINE_LIMIT - 1] + "."
    assert len(at_limit) == LINE_LIMIT
    assert canonical_text(f"text: {at_limit}\n") == f"text: {at_limit}\n"
    longer = at_limit[:-1] + "s."
    assert canonical_text(f"text: {longer}\n") == f"text: |\n  {longer}\n"
    assert canonical_text("rules: [a, 'x?y']\n") == "rules: [a, 'x?y']\n"
    assert canonical_text("rules: {find: 'x?y'}\n") == "rules: {find: 'x?y'}\n"


def test_files_the_layout_cannot_take_are_left_as_they_are(tmp_path: Path) -> None:
    from rapporteur.load.canonical import non_canonical

    (tmp_path / "latin1.yaml").write_bytes("text: caf\xe9\n".encode("latin-1"))
    (tmp_path / "deep.yaml").write_text("a: " + "[" * 30 + "]" * 30 + "\n", encoding="utf-8")
    (tmp_path / "broken.yaml").write_text("a: [\n", encoding="utf-8")
    (tmp_path / "canonical.yaml").write_text("text: |\n  One.\n  Two.\n", encoding="utf-8")
    (tmp_path / "two-on-a-line.yaml").write_text("text: |\n  One. Two.\n", encoding="utf-8")
    assert [p.name for p in non_canonical(tmp_path)] == ["two-on-a-line.yaml"]


@pytest.mark.parametrize("value", ["' – '", "' '", "' in the '", "'Note: '", '" et al. "'])
def test_spaces_at_the_ends_of_a_value_are_kept(value: str) -> None:
    """A value written with spaces at its ends (a separator, a lead-in to a name) is kept
    whole: only a text of several lines is joined, and joining strips its lines."""
    from ruamel.yaml import YAML

    source = f"separator: {value}\n"
    text = canonical_text(source)
    assert YAML(typ="safe").load(text) == YAML(typ="safe").load(source)
