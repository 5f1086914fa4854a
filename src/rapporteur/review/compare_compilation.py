"""Two revisions of a compilation, rows matched by id: redline model and summary."""

from __future__ import annotations

from dataclasses import replace

from rapporteur.model.compilation import Compilation, Row
from rapporteur.model.document import Redline
from rapporteur.review.words import diff_content


def redline_compilation(
    base: Compilation, head: Compilation, redline: Redline
) -> tuple[Compilation, list[str]]:
    old = {row.id: row for row in base.rows()}
    old_theme = {row.id: theme.id for theme in base.themes for row in theme.rows}
    current = {row.id for row in head.rows()}
    summary: list[str] = []
    renumbered: list[str] = []
    themes = []
    for theme in head.themes:
        rows: list[Row] = []
        for row in theme.rows:
            before = old.get(row.id)
            if before is None:
                rows.append(replace(row, change="inserted"))
                summary.append(f"No. {row.number}: added")
                continue
            changed = row
            if before.content != row.content:
                changed = replace(changed, content=diff_content(before.content, row.content))
                summary.append(f"No. {row.number}: text changed")
            if before.state != row.state:
                changed = replace(changed, previous_state=before.state)
                summary.append(f"No. {row.number}: {before.state} → {row.state}")
            if changed is row and before.number != row.number:
                renumbered.append(row.number)
            rows.append(changed)
        base_theme = next((t for t in base.themes if t.id == theme.id), None)
        for index, gone in enumerate(base_theme.rows if base_theme else ()):
            if gone.id in current:
                continue
            before_ids = [r.id for r in base_theme.rows[:index]] if base_theme else []
            ids = [r.id for r in rows]
            anchor = next((i for i in reversed(before_ids) if i in ids), None)
            rows.insert(
                0 if anchor is None else ids.index(anchor) + 1, replace(gone, change="deleted")
            )
            summary.append(f"No. {gone.number} (base): deleted")
        themes.append(replace(theme, rows=tuple(rows)))
    for row_id, theme_id in old_theme.items():
        if row_id not in current and theme_id not in {t.id for t in head.themes}:
            summary.append(f"No. {old[row_id].number} (base): deleted with its theme")
    if renumbered:
        summary.append(
            f"Nos {renumbered[0]}–{renumbered[-1]}: renumbered only"
            if len(renumbered) > 1
            else f"No. {renumbered[0]}: renumbered only"
        )
    return replace(head, themes=tuple(themes), redline=redline), summary
