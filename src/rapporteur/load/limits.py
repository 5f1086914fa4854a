"""What a content file may hold at all, checked before and after it is parsed.

Every limit is here, once: how big a file and a text may be, how deep YAML may nest,
and which characters a text may carry. Content that passes goes through every writer:
XML 1.0 (HTML, DOCX) cannot carry control characters, lone surrogates or U+FFFE/FFFF,
and bidirectional override and isolate controls would let a text display in another
order than it reads ("evil" shown as "live"); right-to-left layout is the stylesheet's
business, never the text's.
"""

from __future__ import annotations

import re
import stat
import unicodedata
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from rapporteur.diagnostics import Position

MAX_FILE_BYTES = 4 * 2**20  # a meeting of 1,000 recommendations is about 0.4 MB
MAX_TEXT_CHARS = 20_000  # the longest seed paragraph is under 1,000
MAX_FOLDER_ID = 64  # a meeting's id names its files: "<id>.<lang>.docx" and temporaries
MAX_DEPTH = 20  # the schema's deepest value (a nested item's text) is 8 levels down

# Characters XML 1.0 refuses (its Char production), and bidi overrides and isolates.
# A pair of surrogates first: YAML escapes "\\ud83d\\ude00" give two code points, not one.
_NOT_XML = re.compile(
    "[\ud800-\udbff][\udc00-\udfff]|[\x00-\x08\x0b\x0c\x0e-\x1f\ud800-\udfff\ufffe\uffff]"
)
_BIDI_CONTROLS = re.compile("[\u202a-\u202e\u2066-\u2069]")


def file_problem(path: Path, root: Path) -> str | None:
    """Why the content file or folder ``path`` may not be read, or None.

    Nothing is opened to find out: a link is judged by where it points, a FIFO would
    block and a device never ends.
    """
    try:
        if not path.resolve().is_relative_to(root.resolve()):
            return "is a symbolic link to a place outside the content folder"
        status = path.stat()
    except OSError as exc:
        return f"cannot be read ({exc.strerror or exc})"
    except RuntimeError:  # Path.resolve on a loop of links
        return "is a symbolic link in a loop"
    mode = status.st_mode
    if stat.S_ISDIR(mode):
        return None
    if not stat.S_ISREG(mode):
        return "is not a regular file (a FIFO, socket or device)"
    if status.st_size > MAX_FILE_BYTES:
        return f"is larger than {MAX_FILE_BYTES // 2**20} MB, the limit for a content file"
    return None


def readable_file(path: Path, root: Path) -> bool:
    """A plain file inside ``root`` that may be opened (see ``file_problem``)."""
    return file_problem(path, root) is None and path.is_file()


def nesting_problem(text: str) -> tuple[int, int] | None:
    """Where YAML nests deeper than MAX_DEPTH (0-based line, column), or None.

    Parsers recurse per level (the round-trip reader fails at about 250 levels, libyaml
    crashes the process at 100,000), so this is settled before any parser runs: first a
    bound from the brackets and indentation, which every ordinary file is well within,
    and only past it the scanner's tokens, stopped as soon as the limit is crossed.
    """
    if _rough_depth(text) <= MAX_DEPTH:
        return None
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    depth = 0
    try:
        for token in YAML(typ="rt").scan(text):
            name = type(token).__name__
            if name in _OPENING_TOKENS:
                depth += 1
            elif name in _CLOSING_TOKENS:
                depth -= 1
            if depth > MAX_DEPTH:
                return token.start_mark.line, token.start_mark.column
    except YAMLError:
        return None  # a syntax error: the reader reports it, with its place
    return None


def alias_problem(text: str) -> tuple[int, int] | None:
    """Where the first YAML anchor or alias stands (0-based line, column), or None.

    Content never needs them, and aliases multiply: 1.7 KB of nested aliases expand
    to more nodes than memory holds. A cheap look for "&name" or "*name" where a value
    can start comes first; only then do the scanner's tokens say whether it is one.
    """
    if not _MAYBE_ALIAS.search(text):
        return None
    from ruamel.yaml import YAML
    from ruamel.yaml.error import YAMLError

    try:
        for token in YAML(typ="rt").scan(text):
            if type(token).__name__ in {"AliasToken", "AnchorToken"}:
                return token.start_mark.line, token.start_mark.column
    except YAMLError:
        return None  # a syntax error: the reader reports it, with its place
    return None


_MAYBE_ALIAS = re.compile(r"(?:^|[\s\[{,])[&*][^\s,\[\]{}]")

_OPENING_TOKENS = {
    "BlockMappingStartToken",
    "BlockSequenceStartToken",
    "FlowMappingStartToken",
    "FlowSequenceStartToken",
}
_CLOSING_TOKENS = {"BlockEndToken", "FlowMappingEndToken", "FlowSequenceEndToken"}


def _rough_depth(text: str) -> int:
    """An upper bound of the nesting, give or take brackets inside texts."""
    flow = deepest = 0
    for char in re.findall(r"[\[\]{}]", text):
        flow = flow + 1 if char in "[{" else max(flow - 1, 0)
        deepest = max(deepest, flow)
    indent = max((len(line) - len(line.lstrip(" ")) for line in text.splitlines()), default=0)
    return deepest + indent // 2 + 1


def text_problems(
    data: Any, text: str, position: Any, path: Path
) -> Iterator[tuple[Position, str]]:
    """Each text of a parsed file that is too long or has a character it may not have.

    ``position(loc)`` gives a value's place; a character written as itself is found in
    the file's ``text`` from there, one written as a YAML escape is reported at its value.
    """
    if (
        len(text) <= MAX_TEXT_CHARS
        and "\\" not in text  # no escape: every character stands in the file as itself
        and not _NOT_XML.search(text)
        and not _BIDI_CONTROLS.search(text)
    ):
        return  # no text can be too long or hold a refused character: the usual case
    lines = text.splitlines(keepends=True)
    for loc, value in _strings(data):
        if len(value) > MAX_TEXT_CHARS:
            yield (
                position(loc),
                f"text of {len(value):,} characters; the limit is {MAX_TEXT_CHARS:,}",
            )
        for pattern, why in (
            (_NOT_XML, "a character that XML, and so HTML and DOCX, cannot carry"),
            (_BIDI_CONTROLS, "a bidirectional control, which can show text in another order"),
        ):
            for match in pattern.finditer(value):
                char = match.group()
                start = position(loc)
                yield (
                    _find(char, lines, start, path),
                    f"text has {_describe(char)}: {why}",
                )


def _strings(data: Any) -> Iterator[tuple[tuple[str | int, ...], str]]:
    """Every text of the data, keys included, with its path; shared nodes once."""
    stack: list[tuple[tuple[str | int, ...], Any]] = [((), data)]
    seen: set[int] = set()
    while stack:
        loc, node = stack.pop()
        if isinstance(node, str):
            yield loc, node
        elif isinstance(node, dict | list) and id(node) not in seen:
            seen.add(id(node))
            if isinstance(node, dict):
                for key, value in node.items():
                    if isinstance(key, str):
                        yield (*loc, key), key
                    stack.append(((*loc, key), value))
            else:
                stack.extend(((*loc, index), value) for index, value in enumerate(node))


def _find(char: str, lines: list[str], start: Position, path: Path) -> Position:
    """The character's own place, searched from its value's; else the value's."""
    for number in range(start.line - 1, len(lines)):
        offset = start.column - 1 if number == start.line - 1 else 0
        column = lines[number].find(char, offset)
        if column >= 0:
            return Position(path, number + 1, column + 1)
    return start


def _describe(chars: str) -> str:
    code = " ".join(f"U+{ord(char):04X}" for char in chars)
    if len(chars) == 2:
        joined = chr(0x10000 + (ord(chars[0]) - 0xD800) * 0x400 + ord(chars[1]) - 0xDC00)
        return f"{code} (UTF-16 halves of U+{ord(joined):05X}; write the character itself)"
    if 0xD800 <= ord(chars) <= 0xDFFF:
        return f"{code} (half of a UTF-16 surrogate pair, alone)"
    if unicodedata.category(chars) == "Cc":
        return f"{code} (a control character)"
    return f"{code} ({unicodedata.name(chars, 'a noncharacter')})"
