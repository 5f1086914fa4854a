"""git textconv for content YAML: the text with its computed numbers, not raw YAML.

git hands over the file's content at some revision in a temporary file, without its
path. A fragment is recognised by its ids among the working tree's fragments and
numbered from its own ids and order, in the place the working tree gives it in its
report (``textconv_context``: made once per state of the working tree and kept in
``build/``). Where that place cannot be known (a fragment the working tree no longer
has, a list it no longer has), the numbers are counted from the fragment alone and a
first line says they are approximate. Every other value (a section's agenda item, a
block's ``insert:``; all of ``meeting.yaml``, terms, compilation files) is shown on a
line under its key, so no edit gives an empty diff. Only a file that is not YAML, or
that ``check`` refuses, is printed as it is, so a diff is never lost.

Set up once per clone: ``./dev setup-git``. Kept light: no schema, no loader (git runs
it once per file version).
"""

from __future__ import annotations

import sys
from collections import Counter
from pathlib import Path
from typing import Any

from rapporteur.load.canonical import sentences
from rapporteur.load.limits import readable_file
from rapporteur.load.yamlfile import read_yaml
from rapporteur.model.numbering import labelled
from rapporteur.paths import Project
from rapporteur.review.references import reference
from rapporteur.review.textconv_context import (
    Context,
    FragmentPlace,
    is_block_list,
    load_context,
    plain,
    top_lists,
)
from rapporteur.text import join_lines

LABEL_WIDTH = 16
APPROXIMATE = "(numbers approximate: this version's place in the report is not known)"
# Item labels when the language is not known either: the UN's English ones.
FALLBACK_ITEM_FORMATS = [("({})", "lower-latin"), ("({})", "lower-roman")]


def convert(text_file: Path, content: Path, build_dir: Path | None = None) -> str:
    """The text of ``text_file`` (a version of some file of ``content``); the working
    tree's context is kept in ``build_dir`` when one is given."""
    raw = text_file.read_text(encoding="utf-8", errors="replace")
    parsed, problems = read_yaml(text_file)
    if parsed is None or problems:
        return raw
    data = parsed.data
    if not any(True for _ in top_lists(data)):
        return "".join(f"{line}\n" for line in _values(data))
    context = load_context(content, build_dir)
    place = locate(raw, data, context, content)
    return "".join(f"{line}\n" for line in _numbered(data, place, context))


def ids_in(blocks: list[dict[str, Any]]) -> set[str]:
    found: set[str] = set()
    for block in blocks:
        found.add(str(block["id"]))
        if is_block_list(block.get("items")):
            found |= ids_in(block["items"])
    return found


def locate(raw: str, data: Any, context: Context, content: Path) -> FragmentPlace | None:
    """The working-tree fragment this text is a version of: same kind, most ids shared,
    and among the languages (which share ids) the one whose characters are most alike."""
    ids = set().union(*(ids_in(blocks) for _, blocks in top_lists(data)))
    keys = set(data) if isinstance(data, dict) else set()
    scored = [
        (len(ids & set(place.ids)), path, place)
        for path, place in context.fragments.items()
        if keys & set(place.keys)
    ]
    best = max((shared for shared, _, _ in scored), default=0)
    if not best:
        return None
    alike: list[tuple[float, str, FragmentPlace]] = []
    for shared, path, place in scored:
        file = content / path
        if shared == best and readable_file(file, content):
            # a FIFO would block git diff, a link out is not ours to read
            alike.append((_alike(raw, file.read_text(encoding="utf-8")), path, place))
    return max(alike)[2] if alike else None


def _alike(a: str, b: str) -> float:
    """How alike two texts' characters are, order aside (difflib's quick_ratio, counted
    in C): the languages of one fragment share ids, not characters."""
    shared = sum((Counter(a) & Counter(b)).values())
    return 2 * shared / (len(a) + len(b)) if a or b else 1.0


def _numbered(data: Any, place: FragmentPlace | None, context: Context) -> list[str]:
    """Every value of a fragment in its order: its blocks numbered, any other value
    (a section's agenda item, a title) on a line under its key."""
    formats = (context.item_formats.get(place.lang) if place else None) or FALLBACK_ITEM_FORMATS
    marks = place.marks if place else {}
    inserts = place.inserts if place else {}
    lines: list[str] = []
    known = place is not None  # and every list of it has a place in the working tree
    number = 1

    def walk(value: Any, path: str, shown: str) -> None:
        nonlocal number, known
        if is_block_list(value):
            gap = place.gaps.get(path) if place else None
            known = known and gap is not None
            number += gap or 0
            for block in value:
                text = plain(block["text"], marks) + inserts.get(str(block.get("insert")), "")
                lines.extend(_block(block, text, (str(number),), formats, marks))
                number += 1
        elif isinstance(value, dict):
            for key, item in value.items():
                walk(item, f"{path}/{key}".lstrip("/"), f"{shown}/{key}".lstrip("/"))
        elif isinstance(value, list):
            for index, item in enumerate(value):
                walk(item, f"{path}/{index}", f"{shown}/{index + 1}")
        else:
            lines.extend(_values(value, shown))

    walk(data, "", "")
    return lines if known else [APPROXIMATE, *lines]


def _block(
    block: dict[str, Any],
    text: str,
    parts: tuple[str, ...],
    formats: list[tuple[str, str]],
    marks: dict[str, str],
) -> list[str]:
    """A block's sentences, the first after its reference; its other values (insert:,
    conjunction:) under "reference/key"; then its items'."""
    lines = []
    label = reference(parts)
    for index, sentence in enumerate(sentences(text) or [""]):
        lines.append(_line(label if index == 0 else "", sentence))
    for key, value in block.items():
        if key not in {"id", "text", "items"}:
            lines += _values(value, f"{label}/{key}")
    items = block.get("items")
    if is_block_list(items):
        pattern, style = formats[min(len(parts) - 1, len(formats) - 1)]
        for n, item in enumerate(items, 1):
            label = labelled(n, pattern, style)
            lines += _block(item, plain(item["text"], marks), (*parts, label), formats, marks)
    elif items is not None:
        lines += _values(items, f"{label}/items")
    return lines


def _values(data: Any, key: str = "") -> list[str]:
    """Each value on a line of its own after its key path ("session/venue"), texts one
    sentence per line: a diff names what changed, without YAML's punctuation."""
    if isinstance(data, dict):
        return [line for k, v in data.items() for line in _values(v, f"{key}/{k}".lstrip("/"))]
    if isinstance(data, list):
        return [line for i, v in enumerate(data) for line in _values(v, f"{key}/{i + 1}")]
    text = join_lines(data) if isinstance(data, str) else "" if data is None else str(data)
    return [_line(key if i == 0 else "", s) for i, s in enumerate(sentences(text) or [""])]


def _line(label: str, sentence: str) -> str:
    return f"{label:<{LABEL_WIDTH - 1}} {sentence}".rstrip()


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m rapporteur.review.textconv FILE", file=sys.stderr)
        return 2
    # git runs the converter at the top of the working tree it diffs.
    project = Project.around(Path.cwd())
    sys.stdout.write(convert(Path(args[0]), project.content, project.build))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
