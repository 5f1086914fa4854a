"""``import-status``, writing: the edits read from the workbook put into status.yaml,
its comments and order kept, in the canonical layout (``git diff`` shows the edits)."""

from __future__ import annotations

import io
from pathlib import Path

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rapporteur.load.canonical import canonical_value
from rapporteur.load.trial import trial_load
from rapporteur.load.workbook import ItemEdit
from rapporteur.model.compile import content
from rapporteur.model.plaintext import plain_text
from rapporteur.text import join_lines


def _yaml() -> YAML:
    yaml = YAML(typ="rt")  # the same round trip as ``fmt`` (load.canonical)
    yaml.indent(mapping=2, sequence=4, offset=2)
    yaml.width = 4096
    return yaml


def with_edits(source: str, edits: list[ItemEdit]) -> str:
    """status.yaml's text with ``edits`` made; each only where a value changed."""
    yaml = _yaml()
    data = yaml.load(source)
    items = data.setdefault("items", CommentedMap())
    new_items = {entry["id"]: entry for entry in data.get("new") or CommentedSeq()}
    for edit in edits:
        entry = new_items.get(edit.id)
        if entry is None:
            entry = items.get(edit.id)
            if entry is None:
                entry = items[edit.id] = CommentedMap()
        _update(entry, edit, edit.id in new_items)
        if not entry:  # an entry made here with nothing to say: the defaults stand
            del items[edit.id]
    out = io.StringIO()
    yaml.dump(canonical_value(data), out)
    return out.getvalue()


def _update(entry: CommentedMap, edit: ItemEdit, proposed_here: bool) -> None:
    # A state is written out once an entry has one: removing the key, or the entry,
    # would take with it a comment heading the next item (ruamel keeps it there).
    if entry.get("state", "proposed") != edit.state:
        entry["state"] = edit.state
    _set(entry, "into", edit.into, default=None)
    texts = entry.get("text") or {}
    if edit.texts or not proposed_here:  # an item proposed here keeps its own text
        wanted = {
            lang: texts[lang] if _same(texts.get(lang), text) else text
            for lang, text in edit.texts.items()
        }
        if wanted != dict(texts):
            _set(entry, "text", CommentedMap(wanted) if wanted else None, default=None)
    for key in ("proposed_by", "supported_by"):
        value = getattr(edit, key)
        if list(entry.get(key) or []) != value:
            _set(entry, key, _flow(value) if value else None, default=None)
    if join_lines(entry.get("comments") or "") != (edit.comments or ""):
        _set(entry, "comments", edit.comments, default=None)


def _same(written: str | None, text: str) -> bool:
    """Whether status.yaml's text reads as the sheet's (which shows its markup as text)."""
    return written is not None and plain_text(content(written)) == text


def _set(entry: CommentedMap, key: str, value: object, default: object) -> None:
    """Set ``key``; a value back to its default is removed rather than written."""
    if entry.get(key, default) == value:
        return
    if value == default:
        entry.pop(key, None)
    else:
        entry[key] = value


def _flow(codes: list[str]) -> CommentedSeq:
    seq = CommentedSeq(codes)
    seq.fa.set_flow_style()
    return seq


def trial_problems(
    content_dir: Path, status_path: Path, written: str, edits: list[ItemEdit]
) -> list[tuple[str, str]]:
    """What ``check`` would say of the content with ``written`` as status.yaml, each
    problem as (the ID cell of the item whose lines it points into, message)."""
    diagnostics = trial_load(content_dir, {status_path: written})
    if not diagnostics:
        return []
    starts = _item_lines(written)
    cells = {edit.id: edit.cell for edit in edits}
    out = []
    for diagnostic in diagnostics:
        item = None
        if diagnostic.position.path.resolve() == status_path.resolve():
            item = next(
                (i for line, i in reversed(starts) if line <= diagnostic.position.line), None
            )
        message = diagnostic.message
        if item is not None and item in cells:
            out.append((cells[item], f"{message} (as status.yaml would have it)"))
        else:
            out.append(("A1", f"{message} (status.yaml as it would be written)"))
    return out


def _item_lines(written: str) -> list[tuple[int, str]]:
    """The first line (1-based) of each item's entry, in order."""
    data = _yaml().load(written)
    lines = [(data["items"].lc.key(k)[0] + 1, k) for k in data.get("items") or {}]
    lines += [(entry.lc.line + 1, entry["id"]) for entry in data.get("new") or []]
    return sorted(lines)
