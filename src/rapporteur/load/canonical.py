"""The canonical layout of content files, written back with comments kept.

Texts longer than a line, or of more than one sentence, become literal block scalars
with one sentence per line, so that a one-word edit is a one-line diff. Reading the
lines back (``text.join_lines``) gives the same text: English sentences are split at
the space after their full stop, Chinese ones right after 。, where the join adds
nothing. Everything else is ruamel.yaml's round-trip output, indented one way.
"""

from __future__ import annotations

import io
import re
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import YAMLError
from ruamel.yaml.scalarstring import LiteralScalarString, SingleQuotedScalarString

from rapporteur.load.limits import nesting_problem, readable_file
from rapporteur.text import join_lines

LINE_LIMIT = 80  # longer single-sentence texts also become blocks: long lines diff badly
FLOW_LIMIT = 8  # longer lists are written one entry per line: adding one is a one-line diff
_SENTENCE_END = re.compile(r"(?<=[。！？])(?=\S)|(?<=[.!?;:])\s+(?=[A-Z“\"(\[])")


def sentences(text: str) -> list[str]:
    return [part.strip() for part in _SENTENCE_END.split(text) if part.strip()]


def canonical_value(value: Any, in_flow: bool = False) -> Any:
    if isinstance(value, CommentedMap):
        for key in list(value):
            value[key] = canonical_value(value[key], value.fa.flow_style())
        return value
    if isinstance(value, CommentedSeq):
        if len(value) > FLOW_LIMIT:
            value.fa.set_block_style()
        for index, item in enumerate(value):
            value[index] = canonical_value(item, value.fa.flow_style())
        return value
    if isinstance(value, str) and not _is_code(value):
        text = join_lines(value) if "\n" in value else value
        parts = sentences(text)
        if len(parts) > 1 or len(text) > LINE_LIMIT:
            return LiteralScalarString("\n".join(parts) + "\n")
        value = text
    if isinstance(value, str) and in_flow and "?" in value:
        # ruamel writes '第 (?=\d)' plain in a flow mapping, where libyaml (PyYAML's C
        # reader) refuses a "?": quoted, the file reads the same everywhere
        return SingleQuotedScalarString(value)
    return value


def _is_code(value: str) -> bool:
    """Ids, codes, dates, symbols and patterns are never laid out as text: no space in
    them, and short or all ASCII (a long Chinese sentence has no space either)."""
    return " " not in value.strip() and (len(value) <= LINE_LIMIT or value.isascii())


def canonical_text(source: str) -> str:
    """The canonical layout of a valid content file (validate first: dates are parsed)."""
    yaml = YAML(typ="rt")  # ruamel's own dates, which it writes back unquoted
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    data = yaml.load(source)
    if data is None:
        return source
    out = io.StringIO()
    yaml.dump(canonical_value(data), out)
    return out.getvalue()


def content_files(root: Path) -> list[Path]:
    """The YAML files under ``root`` that may be read: plain files inside it (a FIFO
    would block, a link out would be someone else's file)."""
    return [path for path in sorted(root.rglob("*.yaml")) if readable_file(path, root)]


def non_canonical(root: Path) -> list[Path]:
    """Content files whose layout is not the canonical one. A file the round-trip
    writer cannot lay out (a tab it will not read back, a stray file the loader never
    reads) is left as it is: the layout is a convenience, never a reason to fail."""
    return [path for path in content_files(root) if _differs(path)]


def _differs(path: Path) -> bool:
    try:
        source = path.read_text(encoding="utf-8")
        if nesting_problem(source) is not None:
            return False
        return canonical_text(source) != source
    except (UnicodeDecodeError, YAMLError, ValueError, RecursionError):
        return False
