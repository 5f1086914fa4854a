"""``import-status``, writing: the edits read from the workbook put into status.yaml,
its comments and order kept, in the canonical layout (``git diff`` shows the edits)."""

from __future__ import annotations

import io

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rapporteur.load.canonical import canonical_value
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
        if edit.id not in new_items and not entry:
            del items[edit.id]  # proposed, and nothing else said of it
    out = io.StringIO()
    yaml.dump(canonical_value(data), out)
    return out.getvalue()


def _update(entry: CommentedMap, edit: ItemEdit, proposed_here: bool) -> None:
    _set(entry, "state", edit.state, default="proposed")
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
