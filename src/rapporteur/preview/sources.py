"""Which source wrote each block: its id, its reference ("para. 9 (c)") and the file
and line it stands at, for the preview's "which source wrote this?"."""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from rapporteur.load.content import Library
from rapporteur.load.crossrefs import blocks
from rapporteur.model import document as doc
from rapporteur.model.compilation import Compilation
from rapporteur.review.references import numbered_blocks, reference


@dataclass(frozen=True)
class Source:
    reference: str  # "para. 9 (c)", "No. 42 (E/CN.15/2018/12, para. 10 (f) (x))"
    place: str  # "content/meetings/cybercrime-2018/en/recommendations.yaml:41"


def written_at(library: Library, meeting_id: str, lang: str, root: Path) -> dict[str, str]:
    """Each block of a meeting in ``lang`` → the ``file:line`` its text starts at."""
    content = library.meetings[meeting_id].languages.get(lang)
    if content is None:
        return {}
    out = {}
    for block in blocks(content):
        position = block.source.at_loc((*block.loc, "text"))
        out[block.id] = f"{_shown(position.path, root)}:{position.line}"
    return out


def report_sources(
    library: Library, report: doc.Report, meeting_id: str, root: Path
) -> dict[str, Source]:
    places = written_at(library, meeting_id, report.lang, root)
    return {
        block.id: Source(f"para. {reference(parts)}", places.get(block.id, ""))
        for parts, block in numbered_blocks(report)
    }


def compilation_sources(
    library: Library, compilation: Compilation, lang: str, root: Path
) -> dict[str, Source]:
    """A compilation's rows (by their anchors): the number, the report and paragraph it
    comes from, and the line of the meeting's fragment that says it."""
    places: dict[str, str] = {}
    for meeting_id in library.meetings:
        places.update(written_at(library, meeting_id, lang, root))
    out = {}
    for theme in compilation.themes:
        for row in theme.rows:
            where = f" ({row.source.symbol}, para. {row.source.reference})" if row.source else ""
            out[row.anchor] = Source(f"No. {row.number}{where}", places.get(row.id, ""))
    return out


def _shown(path: Path, root: Path) -> str:
    try:
        return path.resolve().relative_to(root.resolve()).as_posix()
    except ValueError:
        return path.as_posix()
