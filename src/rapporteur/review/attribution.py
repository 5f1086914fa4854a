"""Changes by commit: each changed block of a redline attributed to the commit that last
changed it, as ``git blame`` attributes lines, when base and head are commits apart."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise

from rapporteur.model import document as doc
from rapporteur.review.compare import Comparison, ref

Block = doc.Paragraph | doc.Item


def last_changes(steps: list[tuple[doc.Report, doc.Change | None]]) -> dict[str, doc.Change]:
    """``steps``: the report at the base, then after each commit (with who made it and
    when); for each block id, the last commit that added, edited, moved or deleted it."""
    by: dict[str, doc.Change] = {}
    for (before, _), (after, change) in pairwise(steps):
        if change is not None:
            for block_id in Comparison(before, after).touched():
                by[block_id] = change
    return by


def attributed(report: doc.Report, by: dict[str, doc.Change]) -> doc.Report:
    """The redline with each changed block marked with its change's author and date."""

    def mark(block: Block) -> Block:
        changed = (
            block.change
            or block.mark
            or any(isinstance(span, doc.Inserted | doc.Deleted) for span in block.content)
        )
        who = by.get(block.id.removesuffix("--old")) if changed else None
        return replace(block, items=tuple(mark(item) for item in block.items), by=who)

    chapters = tuple(
        replace(
            chapter,
            paragraphs=tuple(mark(p) for p in chapter.paragraphs),
            sections=tuple(
                replace(s, paragraphs=tuple(mark(p) for p in s.paragraphs))
                for s in chapter.sections
            ),
        )
        for chapter in report.chapters
    )
    return replace(report, chapters=chapters)


def commit_lines(comparison: Comparison, by: dict[str, doc.Change]) -> list[str]:
    """One line per commit, in order, naming the blocks whose last change it made:
    "by Ana Ruiz (1a2b3c4d5e, 2021-04-07 18:00): para. 9 (c), para. 12"."""
    # a split or merge is named by its first part
    touched = comparison.touched() - comparison.first_parts.keys()
    named: dict[doc.Change, list[str]] = {}
    # in reading order: the head's blocks, then those only the base has
    places = [(i, ref(p)) for i, p in comparison.head.parts.items()] + [
        (i, f"{ref(p)} (base numbering)")
        for i, p in comparison.base.parts.items()
        if i not in comparison.head.parts
    ]
    for block_id, where in places:
        if block_id in touched and block_id in by:  # not changed, then changed back
            named.setdefault(by[block_id], []).append(where)
    lines = []
    for change in sorted(named, key=lambda c: c.date):
        commit = f"{change.commit[:10]}, " if change.commit else "working tree, "
        when = f"{change.date:%Y-%m-%d %H:%M}"
        lines.append(f"by {change.author} ({commit}{when}): {', '.join(named[change])}")
    return lines
