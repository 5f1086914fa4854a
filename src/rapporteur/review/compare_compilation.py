"""Two revisions of a compilation, rows matched by id: redline model and summary.

A row whose theme or place among the rows both revisions share changed is moved: it
stands where it now is, marked as moved, and a struck-through copy stands at its old
place, so rejecting every change reads in the base's order.
"""

from __future__ import annotations

from dataclasses import replace

from rapporteur.model import document as doc
from rapporteur.model.compilation import Compilation, Row
from rapporteur.model.document import Redline
from rapporteur.review.front_matter import redline_front
from rapporteur.review.order import out_of_order
from rapporteur.review.words import diff_content, tokens


def redline_compilation(
    base: Compilation, head: Compilation, redline: Redline
) -> tuple[Compilation, list[str]]:
    old = {row.id: row for row in base.rows()}
    new_theme = {row.id: theme.id for theme in head.themes for row in theme.rows}
    moved = _moved(base, head)
    front, summary = redline_front(base.front, head.front)
    introduction, intro_lines = _introduction(base.introduction, head.introduction)
    summary += intro_lines
    renumbered: list[str] = []
    themes = []
    titles = {theme.id: theme.title for theme in base.themes}
    for theme in head.themes:
        heading: dict = {}
        if theme.id not in titles:
            heading = {"change": "inserted"}
            summary.append(f"theme {theme.label}: added")
        elif titles[theme.id] != theme.title:
            old_title, new_title = (doc.Text(titles[theme.id]),), (doc.Text(theme.title),)
            heading = {"title_change": diff_content(old_title, new_title)}
            summary.append(
                f"theme {theme.label}: title changed ({titles[theme.id]} → {theme.title})"
            )
        rows: list[Row] = []
        for row in theme.rows:
            before = old.get(row.id)
            if before is None:
                rows.append(replace(row, change="inserted"))
                summary.append(f"No. {row.number}: added")
                continue
            changed = row
            if row.id in moved:
                changed = replace(changed, change="moved")
                summary.append(f"No. {row.number}: moved from No. {before.number} (base numbering)")
            if tokens(before.content) != tokens(row.content):  # not how its text is split
                changed = replace(changed, content=diff_content(before.content, row.content))
                summary.append(f"No. {row.number}: text changed")
            if before.source != row.source and before.source and row.source:
                # the item moved in its report: the reference follows, marked
                changed = replace(changed, previous_source=before.source)
                summary.append(
                    f"No. {row.number}: source {before.source.symbol}, para. "
                    f"{before.source.reference} → {row.source.symbol}, para. "
                    f"{row.source.reference}"
                )
            if (before.state, before.amended) != (row.state, row.amended):
                changed = replace(
                    changed,
                    previous_state=before.state,
                    previous_merged_into=before.merged_into,
                    previous_amended=before.amended,
                )
                summary.append(f"No. {row.number}: {_status(before)} → {_status(row)}")
            if changed is row and before.number != row.number:
                renumbered.append(row.number)
            rows.append(changed)
        base_theme = next((t for t in base.themes if t.id == theme.id), None)
        base_rows = list(base_theme.rows) if base_theme else []
        # What stands for each base row once every change is rejected: the row itself,
        # or the copy at its old place; a row that left goes right after its predecessor's.
        standing = {r.id: r.id for r in base_rows if new_theme.get(r.id) == theme.id}
        for index, gone in enumerate(base_rows):
            if gone.id in standing and gone.id not in moved:
                continue
            if gone.id in new_theme:  # moved, here or to another theme
                ghost = replace(gone, id=f"{gone.id}--old", change="moved-away")
            else:
                ghost = replace(gone, change="deleted")
                summary.append(f"No. {gone.number} (base numbering): deleted")
            standing[gone.id] = ghost.id
            before_id = next(
                (standing[r.id] for r in reversed(base_rows[:index]) if r.id in standing), None
            )
            ids = [r.id for r in rows]
            rows.insert(0 if before_id is None else ids.index(before_id) + 1, ghost)
        themes.append(replace(theme, rows=tuple(rows), **heading))
    # A theme the head no longer has: struck through after the theme it followed, with
    # its rows' old places (deleted, or moved to another theme).
    kept = {t.id for t in head.themes}
    for index, gone in enumerate(base.themes):
        if gone.id in kept:
            continue
        ghosts = []
        for row in gone.rows:
            if row.id in new_theme:
                ghosts.append(replace(row, id=f"{row.id}--old", change="moved-away"))
            else:
                ghosts.append(replace(row, change="deleted"))
                summary.append(f"No. {row.number} (base numbering): deleted with its theme")
        after = next((t.id for t in reversed(base.themes[:index]) if t.id in kept), None)
        ids = [t.id if t.change != "deleted" else "" for t in themes]
        at = ids.index(after) + 1 if after in ids else 0
        themes.insert(at, replace(gone, rows=tuple(ghosts), change="deleted"))
        summary.append(f"theme {gone.label} (base numbering): deleted")
    changed_time = base.as_of != head.as_of and base.as_of and head.as_of
    if changed_time:
        summary.insert(0, f"status time: {base.as_of:%Y-%m-%d %H:%M} → {head.as_of:%Y-%m-%d %H:%M}")
    if renumbered:
        summary.append(
            f"Nos {renumbered[0]}–{renumbered[-1]}: renumbered only"
            if len(renumbered) > 1
            else f"No. {renumbered[0]}: renumbered only"
        )
    previous_as_of = base.as_of if changed_time else None
    redline = replace(redline, changes=tuple(summary))
    redlined = replace(
        head,
        front=front,
        introduction=introduction,
        themes=tuple(themes),
        redline=redline,
        previous_as_of=previous_as_of,
    )
    return redlined, summary


def _status(row: Row) -> str:
    return f"{row.state} (as amended)" if row.amended else row.state


def _introduction(
    base: tuple[doc.Paragraph, ...], head: tuple[doc.Paragraph, ...]
) -> tuple[tuple[doc.Paragraph, ...], list[str]]:
    """The head's introductory paragraphs, each change marked; a removed one struck
    through after the one it followed."""
    old = {p.id: p for p in base}
    out: list[doc.Paragraph] = []
    lines = []
    for paragraph in head:
        before = old.get(paragraph.id)
        if before is None:
            out.append(replace(paragraph, change="inserted"))
            lines.append(f"introduction, para. {paragraph.label}: added")
        elif before.content != paragraph.content:
            out.append(replace(paragraph, content=diff_content(before.content, paragraph.content)))
            lines.append(f"introduction, para. {paragraph.label}: text changed")
        else:
            out.append(paragraph)
    kept = {p.id for p in head}
    for index, gone in enumerate(base):
        if gone.id in kept:
            continue
        # its base predecessor is in place already: kept, or removed and put back before
        ids = [p.id for p in out]
        at = ids.index(base[index - 1].id) + 1 if index else 0
        out.insert(at, replace(gone, change="deleted"))
        lines.append(f"introduction, para. {gone.label} (base numbering): deleted")
    return tuple(out), lines


def _moved(base: Compilation, head: Compilation) -> set[str]:
    """Rows in another theme, or out of the order the rows both revisions share."""
    old_theme = {row.id: theme.id for theme in base.themes for row in theme.rows}
    moved: set[str] = set()
    for theme in head.themes:
        here = [r.id for r in theme.rows if r.id in old_theme]
        moved |= {row_id for row_id in here if old_theme[row_id] != theme.id}
        base_theme = next((t for t in base.themes if t.id == theme.id), None)
        stayed = [row_id for row_id in here if row_id not in moved]
        before = [r.id for r in base_theme.rows if r.id in stayed] if base_theme else []
        moved |= out_of_order(before, stayed)
    return moved
