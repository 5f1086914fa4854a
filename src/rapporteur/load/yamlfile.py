"""Reading one YAML file, with a way back from every value to its line and column.

A clean file is read by libyaml (ruamel.yaml.clib), several times faster than the
round-trip reader; the round-trip tree, which knows every position, is made only when
a diagnostic needs one. A file the fast reader refuses, or one with tags, is read in
round-trip mode at once, so problems that stop the file from being read at all (bad
encoding, syntax, duplicate keys, tags) become the same diagnostics either way;
everything else is the schema's business.
"""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq, TaggedScalar
from ruamel.yaml.constructor import DuplicateKeyError, RoundTripConstructor, SafeConstructor
from ruamel.yaml.error import MarkedYAMLError, YAMLError
from ruamel.yaml.reader import ReaderError

from rapporteur.diagnostics import Diagnostic, Position
from rapporteur.load.limits import MAX_DEPTH, alias_problem, nesting_problem, text_problems

LocPath = tuple[str | int, ...]


class _Constructor(RoundTripConstructor):
    """Round-trip constructor that leaves timestamps as text.

    ruamel turns ``2018-02-30`` into a ValueError with no position; as text it reaches
    the schema, which reports an invalid date at the value's own line and column.
    """


class _FastConstructor(SafeConstructor):
    """The fast reader's constructor, with timestamps left as text like the other."""


for _constructor in (_Constructor, _FastConstructor):
    _constructor.add_constructor(
        "tag:yaml.org,2002:timestamp", lambda self, node: self.construct_scalar(node)
    )


def round_trip_yaml() -> YAML:
    yaml = YAML(typ="rt")
    yaml.Constructor = _Constructor
    yaml.allow_duplicate_keys = False
    return yaml


def _fast_yaml() -> YAML:
    yaml = YAML(typ="safe", pure=False)  # pure Python only where the C parser is missing
    yaml.Constructor = _FastConstructor
    yaml.allow_duplicate_keys = False
    return yaml


@dataclass
class YamlFile:
    """A parsed file: its data and a way back from a value to its place.

    ``data`` is plain (fast reader) or the round-trip tree itself; ``text`` is kept to
    make the round-trip tree when a position is first asked for.
    """

    path: Path
    data: Any
    text: str | None = None
    _tree: Any = field(default=None, repr=False, compare=False)

    def tree(self) -> Any:
        """The round-trip tree of the file, which carries every line and column."""
        if self._tree is None:
            if self.text is None:
                self._tree = self.data
            else:
                self._tree = _positions_tree(self.text)
        return self._tree

    def position(self, loc: LocPath, *, key: bool = False) -> Position:
        """Where the value at ``loc`` stands (or its key, with ``key=True``).

        A path that runs past the tree (a missing field) resolves to the deepest
        node that exists, which is where a reader would add the field.
        """
        node: Any = self.tree()
        line, col = 0, 0
        if isinstance(node, CommentedMap | CommentedSeq):
            line, col = node.lc.line, node.lc.col
        for index, step in enumerate(loc):
            last = index == len(loc) - 1
            if isinstance(node, CommentedMap) and step in node:
                kline, kcol = node.lc.key(step)
                vline, vcol = node.lc.value(step)
                line, col = (kline, kcol) if (key and last) else (vline, vcol)
                node = node[step]
            elif isinstance(node, CommentedSeq) and isinstance(step, int) and step < len(node):
                line, col = node.lc.item(step)
                node = node[step]
            else:
                break
            if isinstance(node, CommentedMap | CommentedSeq) and not (last and key):
                line, col = _start_of(node, line, col)
        return Position(self.path, line + 1, col + 1)


def _start_of(node: CommentedMap | CommentedSeq, line: int, col: int) -> tuple[int, int]:
    # A block mapping that is a sequence item starts where its first key does.
    if isinstance(node, CommentedMap) and node and node.lc.line is not None:
        return node.lc.line, node.lc.col
    return line, col


def read_yaml(path: Path) -> tuple[YamlFile | None, list[Diagnostic]]:
    """The file and its problems. Without a file, it could not be read at all; with one,
    the problems are of its texts (limits), and its data is still there to validate."""
    raw = path.read_bytes()
    try:
        text = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return None, [_at_offset(path, raw, exc.start, "file is not valid UTF-8")]
    too_deep = nesting_problem(text)
    if too_deep is not None:
        line, column = too_deep
        message = f"YAML nested more than {MAX_DEPTH} levels deep; content never needs that"
        return None, [Diagnostic(Position(path, line + 1, column + 1), message)]
    alias = alias_problem(text)
    if alias is not None:
        line, column = alias
        message = "YAML anchors and aliases are not allowed in content; write the value out"
        return None, [Diagnostic(Position(path, line + 1, column + 1), message)]
    fast = _read_fast(text)
    if fast is not None:
        yaml_file = YamlFile(path, fast[0], text)
        return yaml_file, _text_problems(yaml_file, text)
    try:
        data = round_trip_yaml().load(text)
    except DuplicateKeyError as exc:
        return None, [_marked(path, exc, _duplicate_message(exc))]
    except ReaderError as exc:
        return None, [
            _at_offset(path, raw, len(text[: exc.position].encode()), _reader_message(exc))
        ]
    except MarkedYAMLError as exc:
        return None, [_marked(path, exc, f"YAML syntax error: {exc.problem or exc.context}")]
    except YAMLError as exc:  # unmarked errors are rare; still one line, never a traceback
        return None, [Diagnostic(Position(path, 1, 1), f"YAML error: {exc}")]
    except Exception as exc:  # ruamel's own failures, e.g. a list as a key of a mapping
        message = f"YAML the reader cannot take ({type(exc).__name__}: {exc})"
        return None, [Diagnostic(Position(path, 1, 1), message)]
    yaml_file = YamlFile(path, data)
    tags = [
        Diagnostic(yaml_file.position(loc), f"YAML tag {tag!r} is not allowed in content")
        for loc, tag in _tagged(data, ())
    ]
    return (None, tags) if tags else (yaml_file, _text_problems(yaml_file, text))


def _text_problems(yaml_file: YamlFile, text: str) -> list[Diagnostic]:
    return [
        Diagnostic(position, message)
        for position, message in text_problems(
            yaml_file.data, text, yaml_file.position, yaml_file.path
        )
    ]


_MAYBE_TAG = re.compile(r"(?:^|[\s\[{,])!", re.MULTILINE)


@lru_cache(maxsize=512)
def _positions_tree(text: str) -> Any:
    """A text's round-trip tree, only ever read for positions: kept per text, so a warm
    process (the preview) parses again only the files that changed."""
    try:
        return round_trip_yaml().load(text)
    except YAMLError:  # read cleanly once; a position at 1:1 beats a traceback
        return {}


@lru_cache(maxsize=512)
def _read_fast(text: str) -> tuple[Any] | None:
    """The file's plain data, or None when it must be read in round-trip mode. Kept per
    text: a process that loads the content twice (an importer's trial of what it would
    write) parses only what changed; nothing changes the data once read.

    A "!" that may start a tag (at a line's start, after a space or "[", "{", ",")
    sends the file that way, since only the round-trip reader reports tags; so do files
    the fast reader refuses, to get the same diagnostics. A "!" inside a word or a
    pattern ("(?<!") cannot be a tag.
    """
    if _MAYBE_TAG.search(text):
        return None
    try:
        return (_fast_yaml().load(text),)
    except Exception:  # whatever it was, the round-trip reader reports it properly
        return None


def _tagged(node: Any, loc: LocPath) -> Iterator[tuple[LocPath, str]]:
    tag = getattr(node, "tag", None)
    value = getattr(tag, "value", None) if tag is not None else None
    if isinstance(node, TaggedScalar) or value:
        yield loc, str(value)
    if isinstance(node, CommentedMap):
        for key, child in node.items():
            yield from _tagged(child, (*loc, key))
    elif isinstance(node, CommentedSeq):
        for index, child in enumerate(node):
            yield from _tagged(child, (*loc, index))


def _marked(path: Path, exc: MarkedYAMLError, message: str) -> Diagnostic:
    mark = exc.problem_mark or exc.context_mark
    if mark is None:
        return Diagnostic(Position(path, 1, 1), message)
    return Diagnostic(Position(path, mark.line + 1, mark.column + 1), message)


def _duplicate_message(exc: DuplicateKeyError) -> str:
    problem = str(exc.problem or "")
    # ruamel says: found duplicate key "a" with value "2" (original value: "1")
    key = problem.split('"')[1] if problem.count('"') >= 2 else "?"
    first = exc.context_mark.line + 1 if exc.context_mark else "?"
    return f"duplicate key {key!r} (the mapping starting on line {first} already has it)"


def _reader_message(exc: ReaderError) -> str:
    return f"character {exc.character!r} is not allowed in YAML"


def _at_offset(path: Path, raw: bytes, offset: int, message: str) -> Diagnostic:
    before = raw[:offset]
    line = before.count(b"\n") + 1
    column = len(before.rsplit(b"\n", 1)[-1].decode("utf-8", errors="replace")) + 1
    return Diagnostic(Position(path, line, column), message)
