"""Which source wrote each block: its id, its reference ("para. 9 (c)") and the file
and line it stands at, for the preview's "which source wrote this?"."""

from __future__ import annotations

from pathlib import Path

from rapporteur.load.content import Library
from rapporteur.load.crossrefs import blocks
from rapporteur.model import document as doc
from rapporteur.model.compilation import Compilation
from rapporteur.review.references import numbered_blocks, reference


def written_at(library: Library, meeting_id: str, lang: str, root: Path) -> dict[str, str]:
    """Each block of a meeting in ``lang`` → the ``file:line`` its text starts at. (Asked
    for when a block is clicked: finding lines parses each file's round-trip tree, which
    a save should not wait for.)"""
    content = library.meetings[meeting_id].languages.get(lang)
    if content is None:
        return {}
    out = {}
    for block in blocks(content):
        position = block.source.at_loc((*block.loc, "text"))
        out[block.id] = f"{_shown(position.path, root)}:{position.line}"
    return out


def place_of(
    library: Library,
    block_id: str,
    meetings: list[str],
    lang: str,
    root: Path,
    compilation: str | None = None,
) -> str:
    """Where a block of one of ``meetings`` is written in ``lang``: in the status.yaml
    of ``compilation``'s meeting day if it was proposed or amended there, else in its
    meeting's fragments (an agenda item in agenda.yaml); "" if nowhere."""
    status = library.compilations[compilation].status if compilation else None
    if status is not None:
        amended = status.record.items.get(block_id)
        if amended is not None and lang in amended.text:
            position = status.at("items", block_id, "text", lang)
            return f"{_shown(position.path, root)}:{position.line}"
    for meeting_id in meetings:
        place = written_at(library, meeting_id, lang, root).get(block_id)
        if place:
            return place
        content = library.meetings[meeting_id].languages.get(lang)
        if content is not None and block_id in content.agenda.record.root:
            position = content.agenda.at(block_id)
            return f"{_shown(position.path, root)}:{position.line}"
    if status is not None:
        for index, item in enumerate(status.record.new):
            if item.id == block_id:
                loc = ("new", index, "text", lang) if lang in item.text else ("new", index)
                position = status.at(*loc)
                return f"{_shown(position.path, root)}:{position.line}"
    return ""


def report_references(report: doc.Report) -> dict[str, str]:
    """Each block's id (its HTML id) → its reference: "para. 9 (c)"."""
    return {block.id: f"para. {reference(parts)}" for parts, block in numbered_blocks(report)}


def compilation_references(compilation: Compilation) -> dict[str, str]:
    """Each row's anchor (its HTML id) → its number and the report and paragraph it
    comes from: "No. 42 (E/CN.15/2018/12, para. 10 (f) (x))"."""
    out = {}
    for theme in compilation.themes:
        for row in theme.rows:
            where = f" ({row.source.symbol}, para. {row.source.reference})" if row.source else ""
            # an adopted item under its lead-in has its label, in the language's form
            shown = row.label if row.label and not row.number else f"No. {row.number}"
            out[row.anchor] = shown + where
    return out


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
