"""The fast reader (libyaml) and the round-trip reader must read every file alike."""

from __future__ import annotations

import io
from pathlib import Path
from typing import Any

import pytest
from hypothesis import given
from hypothesis import strategies as st
from ruamel.yaml import YAML
from ruamel.yaml.error import YAMLError

from checkout import CONTENT_DIR
from rapporteur.diagnostics import Position
from rapporteur.load.yamlfile import read_yaml, round_trip_yaml

FILES = sorted(CONTENT_DIR.rglob("*.yaml"))


def plain(value: Any) -> Any:
    """The round-trip tree as plain Python values (str subclasses, CommentedMap...)."""
    if isinstance(value, dict):
        return {plain(k): plain(v) for k, v in value.items()}
    if isinstance(value, list):
        return [plain(v) for v in value]
    if isinstance(value, str):
        return str(value)
    return value


def careful(text: str) -> Any:
    return plain(round_trip_yaml().load(text))


@pytest.mark.parametrize("path", FILES, ids=lambda p: str(p.relative_to(CONTENT_DIR)))
def test_every_content_file_reads_alike(path: Path) -> None:
    parsed, problems = read_yaml(path)
    assert parsed is not None and not problems
    assert parsed.text is not None, "a clean content file should take the fast reader"
    assert parsed.data == careful(path.read_text(encoding="utf-8"))


scalars = st.one_of(
    st.text(min_size=0, max_size=30),
    st.integers(),
    st.booleans(),
    st.none(),
    st.sampled_from(["2018-05-14", "2018-02-30", "yes", "on", "0o17", "1_000", "12:30", "~"]),
)
trees = st.recursive(
    scalars,
    lambda children: st.one_of(
        st.lists(children, max_size=4),
        st.dictionaries(st.text(min_size=1, max_size=10), children, max_size=4),
    ),
    max_leaves=20,
)


@given(trees, st.sampled_from([None, True, False]))
def test_generated_documents_read_alike(tmp_path_factory: Any, tree: Any, flow: Any) -> None:
    yaml = YAML(typ="rt")
    yaml.default_flow_style = flow
    buffer = io.StringIO()
    yaml.dump({"root": tree}, buffer)
    path = tmp_path_factory.mktemp("yaml") / "doc.yaml"
    path.write_text(buffer.getvalue(), encoding="utf-8")
    parsed, problems = read_yaml(path)
    try:
        expected = careful(buffer.getvalue())
    except (YAMLError, TypeError):  # ruamel cannot always read back what it wrote
        # ({':0': null} in flow; "{?&: {'0': []}}" gives a list as a key)
        assert parsed is None and problems, "the fast reader took what the other refuses"
        return
    assert parsed is not None
    # Generated texts may hold characters content may not (load.limits): those are
    # problems of the texts, and the data is read all the same.
    assert all(p.message.startswith("text ") for p in problems), problems
    assert plain(parsed.data) == expected


def test_positions_of_a_fast_read_file(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a:\n  - x: 1\n    y: [2, 3]\n  - z\n", encoding="utf-8")
    parsed, _ = read_yaml(path)
    assert parsed is not None and parsed.text is not None
    assert parsed.position(("a", 0, "y", 1)) == Position(path, 3, 12)
    assert parsed.position(("a", 1)) == Position(path, 4, 5)
    assert parsed.position(("a", 0, "y"), key=True) == Position(path, 3, 5)


def test_tags_take_the_round_trip_reader(tmp_path: Path) -> None:
    path = tmp_path / "f.yaml"
    path.write_text("a: !!python/name:os.system x\n", encoding="utf-8")
    parsed, problems = read_yaml(path)
    assert parsed is None
    assert [str(p) for p in problems] == [
        f"{path}:1:4: YAML tag 'tag:yaml.org,2002:python/name:os.system' is not allowed in content"
    ]
