"""Two revisions of a report, matched by id: the redline model and the change summary.

Blocks (paragraphs, items, nested items) are matched by their stable ids, never by
position, so renumbering after an insertion is not a change. A block whose parent or
place among its siblings changed is moved; the head shows it where it now stands, and
a struck-through ghost where it stood.

A block whose text now runs on in a new block that follows it was split; a block that
took in the text of the one that followed it, now gone, was merged with it. Both show as
Word shows them: the paragraph mark alone inserted or deleted, and only the words that
changed marked (never all the text deleted and inserted again).
"""

from __future__ import annotations

from dataclasses import dataclass, replace
from itertools import pairwise

from rapporteur.model import document as doc
from rapporteur.model.plaintext import plain_text
from rapporteur.review.order import out_of_order
from rapporteur.review.references import numbered_blocks, reference
from rapporteur.review.words import ParagraphsDiff, diff_content, diff_paragraphs

Block = doc.Paragraph | doc.Item

# A split or merge: at least this share of each part's words is kept from the other side.
JOINED_KEPT = 0.5


@dataclass
class _Side:
    blocks: dict[str, Block]
    parts: dict[str, tuple[str, ...]]
    parent: dict[str, str]
    children: dict[str, list[str]]

    @classmethod
    def of(cls, report: doc.Report) -> _Side:
        side = cls({}, {}, {}, {})
        for chapter in report.chapters:
            for key, paragraphs in [(f"{chapter.kind}:", chapter.paragraphs)] + [
                (f"{chapter.kind}:{s.agenda_item or s.label}", s.paragraphs)
                for s in chapter.sections
            ]:
                side.children[key] = [p.id for p in paragraphs]
                for p in paragraphs:
                    side.parent[p.id] = key
                    side._items(p)
        for parts, block in numbered_blocks(report):
            side.blocks[block.id] = block
            side.parts[block.id] = parts
        return side

    def _items(self, block: Block) -> None:
        self.children[block.id] = [i.id for i in block.items]
        for item in block.items:
            self.parent[item.id] = block.id
            self._items(item)


def ref(parts: tuple[str, ...]) -> str:
    return "para. " + reference(parts)


class Comparison:
    def __init__(self, base: doc.Report, head: doc.Report) -> None:
        self.base, self.head = _Side.of(base), _Side.of(head)
        # (number parts, what, numbering) of each change, or a line of its own (moves)
        self.summary: list[tuple[tuple[str, ...], str, str] | str] = []
        self.renumbered: list[tuple[str, ...]] = []
        # x: (y, diff): x split into x and the new y; x merged with the old y
        self.splits = self._joined(self.head, self.base)
        self.merges = self._joined(self.base, self.head)
        self.first_parts = self._first_parts()
        self.moved = self._moved()
        # A split or merge inside something moved is shown as text changed in the move.
        inside_moves = {x for x in [*self.splits, *self.merges] if self._within_move(x)}
        if inside_moves:
            self.splits = {x: v for x, v in self.splits.items() if x not in inside_moves}
            self.merges = {x: v for x, v in self.merges.items() if x not in inside_moves}
            self.first_parts = self._first_parts()
            self.moved = self._moved()

    def _first_parts(self) -> dict[str, str]:
        """The second part of each split or merge (y), to its first (x)."""
        return {y: x for x, (y, _) in [*self.splits.items(), *self.merges.items()]}

    def _joined(self, more: _Side, fewer: _Side) -> dict[str, tuple[str, ParagraphsDiff]]:
        """Blocks x followed by a y that only ``more`` has, whose text ``fewer`` has in x
        alone (at least ``JOINED_KEPT`` of each part's words): splits (``more`` is the
        head) or merges (the base). Only where x has no items in ``more``: its text and
        y's then follow each other in the document, and one paragraph mark joins them."""
        found: dict[str, tuple[str, ParagraphsDiff]] = {}
        for parent, children in more.children.items():
            for x, y in pairwise(children):
                if y in fewer.blocks or x not in fewer.blocks or more.children[x]:
                    continue
                if fewer.parent[x] != parent or x in {second for second, _ in found.values()}:
                    continue
                parts = [more.blocks[x].content, more.blocks[y].content]
                whole = [fewer.blocks[x].content]
                if parts[0] == whole[0]:
                    continue  # x as it was, and y added (or removed) after it
                diff = (
                    diff_paragraphs(whole, parts)
                    if more is self.head
                    else diff_paragraphs(parts, whole)
                )
                if min(diff.kept) >= JOINED_KEPT:
                    found[x] = (y, diff)
        return found

    def touched(self) -> set[str]:
        """Every block this comparison finds changed: added, deleted, edited, moved,
        split or merged (by id; a deleted block by its base id)."""
        head, base = self.head.blocks, self.base.blocks
        edited = {i for i in head.keys() & base.keys() if head[i].content != base[i].content}
        joined = self.first_parts.keys() | set(self.first_parts.values())
        return (head.keys() ^ base.keys()) | edited | self.moved | joined

    def _within_move(self, block_id: str) -> bool:
        side = self.head if block_id in self.head.parent else self.base
        while block_id in side.parent:
            if block_id in self.moved:
                return True
            block_id = side.parent[block_id]
        return False

    def _canonical(self, parent: str) -> str:
        """A parent as both sides know it: the second part of a split or merge is its first."""
        return self.first_parts.get(parent, parent)

    def base_children(self, parent: str) -> list[str]:
        """The base's blocks under ``parent`` of the head: a split's items go with its
        second part, a merge's from both parts."""
        if parent in self.splits:
            return []
        first = self.first_parts.get(parent)
        if first in self.splits:
            return self.base.children.get(first, [])
        children = self.base.children.get(parent, [])
        if parent in self.merges:
            children = children + self.base.children.get(self.merges[parent][0], [])
        return children

    def _moved(self) -> set[str]:
        moved: set[str] = set()
        for block_id in self.head.blocks.keys() & self.base.blocks.keys():
            if self._canonical(self.head.parent[block_id]) != self._canonical(
                self.base.parent[block_id]
            ):
                moved.add(block_id)
        for parent, head_children in self.head.children.items():
            base_children = self.base_children(parent)
            common_head = [c for c in head_children if c in base_children]
            common_base = [c for c in base_children if c in head_children]
            moved |= out_of_order(common_base, common_head)
        return moved

    def blocks(
        self, parent: str, head_blocks: tuple[Block, ...], moving: bool = False
    ) -> tuple[Block, ...]:
        """The head's blocks under ``parent`` with changes marked and deleted ones put back.

        ``moving``: the parent is moved, and its blocks go with it: each is part of the
        move, and their old places are in the parent's struck-through copy.
        """
        out: list[Block] = []
        base_ids = self.base_children(parent)
        for block in head_blocks:
            out += self._block(block, moving)
        if moving:
            return tuple(out)
        merged = {y for y, _ in self.merges.values()}
        # Removed blocks and moved blocks' old places, each right after what stands for
        # its old predecessor once the changes are rejected: the predecessor itself if it
        # stayed, or its own old place if it moved too. Rejecting all then reads in the
        # base's order.
        # A split block stands where its second part ends: nothing comes between them.
        standing = {b: self.splits.get(b, (b,))[0] for b in base_ids if b in self.head.blocks}
        for index, base_id in enumerate(base_ids):
            gone = base_id not in self.head.blocks
            if base_id in merged:  # it stands after the block it merged with
                standing[base_id] = base_id
                continue
            if not (gone or base_id in self.moved):
                continue
            ghost = self._ghost(base_id, "deleted" if gone else "moved-away")
            standing[base_id] = ghost.id
            before = next((standing[b] for b in reversed(base_ids[:index]) if b in standing), None)
            ids = [o.id for o in out]
            out.insert(0 if before is None else ids.index(before) + 1, ghost)
            if gone:
                self.summary.append((self.base.parts[base_id], "deleted", "base"))
        return tuple(out)

    def _block(self, block: Block, moving: bool = False) -> list[Block]:
        """The block as the redline shows it; a merge's first part is followed by its
        second, the block that is gone."""
        moved = block.id in self.moved
        items = self.blocks(block.id, block.items, moving or moved)
        if block.id in self.splits:
            return [self._split(block, items)]
        split_from = self.first_parts.get(block.id)
        if split_from in self.splits:
            pieces = self.splits[split_from][1].pieces
            return [replace(block, items=items, content=pieces[1], change="split-off")]
        if block.id in self.merges:
            return self._merge(block, items)
        return [self._changed(block, items, moved, moving)]

    def _split(self, block: Block, items: tuple[Block, ...]) -> Block:
        y, diff = self.splits[block.id]
        self.summary.append(
            f"{ref(self.head.parts[block.id])}: split into "
            f"{_pair(self.head.parts[block.id], self.head.parts[y])}{_edited(diff)}"
        )
        return replace(block, items=items, content=diff.pieces[0], mark="inserted")

    def _merge(self, block: Block, items: tuple[Block, ...]) -> list[Block]:
        y, diff = self.merges[block.id]
        self.summary.append(
            f"{_pair(self.base.parts[block.id], self.base.parts[y])} (base numbering): "
            f"merged into {ref(self.head.parts[block.id])}{_edited(diff)}"
        )
        # The block's items (the second part's before) follow the second part's text.
        second = replace(self.base.blocks[y], items=items, content=diff.pieces[1], change="merged")
        return [replace(block, items=(), content=diff.pieces[0], mark="deleted"), second]

    def _changed(self, block: Block, items: tuple[Block, ...], moved: bool, moving: bool) -> Block:
        if block.id not in self.base.blocks:
            self.summary.append((self.head.parts[block.id], "added", "head"))
            return replace(block, items=items, change="inserted")
        old = self.base.blocks[block.id]
        content = block.content
        if plain_text(old.content) != plain_text(block.content) or old.content != block.content:
            content = diff_content(old.content, block.content)
            self.summary.append((self.head.parts[block.id], "text changed", "head"))
        elif self.base.parts[block.id][-1] != self.head.parts[block.id][-1] and not moved:
            # its own label changed; a sub-item whose parent was relettered keeps its own
            self.renumbered.append(self.head.parts[block.id])
        if moved:
            self.summary.append(
                f"{ref(self.head.parts[block.id])}: moved from {ref(self.base.parts[block.id])}"
            )
        if moved or moving:
            return replace(block, items=items, content=content, change="moved")
        return replace(block, items=items, content=content)

    def _ghost(self, base_id: str, change: str) -> Block:
        old = self.base.blocks[base_id]
        # A moved block's copy holds all its children; a deleted block's, those deleted
        # with it and the old places of those that moved out of it.
        items = tuple(
            self._ghost(i.id, change if i.id not in self.head.blocks else "moved-away")
            for i in old.items
            if change == "moved-away" or i.id not in self.head.blocks or i.id in self.moved
        )
        # A moved block's old place needs an id of its own: the block itself is elsewhere.
        ghost_id = old.id if change == "deleted" else f"{old.id}--old"
        return replace(old, id=ghost_id, items=items, change=change)

    def change_lines(self) -> list[str]:
        """The changes in document order, neighbours of one kind as one line:
        "para. 9 (c)–(e): text changed", "para. 9 (k) (base numbering): deleted"."""
        lines: list[str] = []
        run: list[tuple[tuple[str, ...], str, str]] = []
        for entry in [*self.summary, ""]:
            if run and not (
                isinstance(entry, tuple)
                and entry[1:] == run[-1][1:]
                and entry[0][:-1] == run[-1][0][:-1]
                and self._next_to(run[-1][0], entry[0], entry[2])
            ):
                parts, what, side = run[0][0], run[0][1], run[0][2]
                numbering = " (base numbering)" if side == "base" else ""
                lines.append(f"{_span(parts[:-1], parts[-1], run[-1][0][-1])}{numbering}: {what}")
                run = []
            if isinstance(entry, tuple):
                run.append(entry)
            elif entry:
                lines.append(entry)
        return lines

    def _next_to(self, before: tuple[str, ...], after: tuple[str, ...], side: str) -> bool:
        order = self._order(before[:-1], self.base if side == "base" else self.head)
        return order.index(after[-1]) == order.index(before[-1]) + 1

    def renumbering_lines(self) -> list[str]:
        """ "paras 12–39: renumbered only", "para. 9 (d)–(v): relettered only"."""
        groups: dict[tuple[str, ...], list[str]] = {}
        for parts in self.renumbered:
            groups.setdefault(parts[:-1], []).append(parts[-1])
        return [
            f"{_span(parent, first, last)}: {'relettered' if parent else 'renumbered'} only"
            for parent, labels in groups.items()
            for first, last in _runs(labels, self._order(parent, self.head))
        ]

    @staticmethod
    def _order(parent: tuple[str, ...], side: _Side) -> list[str]:
        return [parts[-1] for parts in side.parts.values() if parts[:-1] == parent]


def _span(parent: tuple[str, ...], first: str, last: str) -> str:
    """ "para. 9", "paras 12–14", "para. 9 (c)", "para. 9 (c)–(e)"."""
    if not parent:
        return f"para. {first}" if first == last else f"paras {first}–{last}"
    if first == last:
        return "para. " + reference((*parent, first))
    return f"para. {reference(parent)} {first}–{last}"


def _pair(first: tuple[str, ...], second: tuple[str, ...]) -> str:
    """ "paras 9 and 10", "para. 9 (c) and (d)": two neighbours."""
    if len(first) == 1:
        return f"paras {first[0]} and {second[0]}"
    return f"para. {reference(first)} and {second[-1]}"


def _edited(diff: ParagraphsDiff) -> str:
    """ ", text changed" when words changed beyond the join itself."""
    for piece in diff.pieces:
        for span in piece:
            if isinstance(span, doc.Inserted | doc.Deleted) and plain_text(span.spans).strip():
                return ", text changed"
    return ""


def _runs(labels: list[str], order: list[str]) -> list[tuple[str, str]]:
    """Consecutive runs of ``labels`` in the head's ``order``, as (first, last)."""
    positions = sorted(order.index(label) for label in labels)
    runs: list[tuple[str, str]] = []
    start = previous = positions[0]
    for position in [*positions[1:], None]:
        if position is not None and position == previous + 1:
            previous = position
            continue
        runs.append((order[start], order[previous]))
        if position is not None:
            start = previous = position
    return runs


def redline_report(
    base: doc.Report,
    head: doc.Report,
    redline: doc.Redline,
    by: dict[str, doc.Change] | None = None,
) -> tuple[doc.Report, list[str]]:
    """The head report with every change since ``base`` marked, and the summary lines.

    ``by``: who last changed each block (review.attribution), for a redline by commit:
    each changed block carries its commit's author and date, and the summary lists what
    each commit changed.
    """
    from rapporteur.review.attribution import attributed, commit_lines
    from rapporteur.review.front_matter import redline_front

    comparison = Comparison(base, head)
    front, front_lines = redline_front(base.front, head.front)
    chapters = []
    base_chapters = {chapter.kind: chapter for chapter in base.chapters}
    for chapter in head.chapters:
        paragraphs = comparison.blocks(f"{chapter.kind}:", chapter.paragraphs)
        old = base_chapters.get(chapter.kind)
        sections = _sections(comparison, chapter, old.sections if old else ())
        chapters.append(replace(chapter, paragraphs=paragraphs, sections=sections))
    notes, note_lines = _notes(base, head)
    summary = front_lines + comparison.change_lines() + note_lines
    summary += comparison.renumbering_lines()
    if by is not None and summary:
        summary += commit_lines(comparison, by)
    redline = replace(redline, changes=tuple(summary))
    report = replace(head, front=front, chapters=tuple(chapters), notes=notes, redline=redline)
    return (attributed(report, by) if by is not None else report), summary


def _sections(
    comparison: Comparison, chapter: doc.Chapter, base_sections: tuple[doc.Section, ...]
) -> tuple[doc.Section, ...]:
    """The head's sections of a chapter, matched to the base's by agenda item: a new one
    inserted, a heading whose words changed marked, and one the head no longer has put
    back, deleted, after the section it followed, with its paragraphs' old places."""

    def key(section: doc.Section) -> str:
        return f"{chapter.kind}:{section.agenda_item or section.label}"

    old = {key(s): s for s in base_sections}
    out: list[doc.Section] = []
    for section in chapter.sections:
        paragraphs = comparison.blocks(key(section), section.paragraphs)
        before = old.get(key(section))
        if before is None:
            out.append(replace(section, paragraphs=paragraphs, change="inserted"))
            comparison.summary.append(f"{chapter.label} {section.label} heading: added")
        elif before.title != section.title:
            title = diff_content((doc.Text(before.title),), (doc.Text(section.title),))
            out.append(replace(section, paragraphs=paragraphs, title_change=title))
            comparison.summary.append(f"{chapter.label} {section.label} heading: text changed")
        else:
            out.append(replace(section, paragraphs=paragraphs))
    kept = {key(s) for s in chapter.sections}
    for index, gone in enumerate(base_sections):
        if key(gone) in kept:
            continue
        comparison.summary.append(f"{chapter.label} {gone.label} heading (base numbering): deleted")
        ghosts = comparison.blocks(key(gone), ())  # its blocks' old places, all
        after = next((key(s) for s in reversed(base_sections[:index]) if key(s) in kept), None)
        keys = [key(s) if s.change != "deleted" else "" for s in out]
        at = keys.index(after) + 1 if after in keys else 0
        out.insert(at, replace(gone, paragraphs=ghosts, change="deleted"))
    return tuple(out)


def _notes(base: doc.Report, head: doc.Report) -> tuple[tuple[doc.Note, ...], list[str]]:
    """The head's notes, each changed text marked; and the notes only the base has, for
    the calls the redline shows deleted. A note added or removed is its call's change."""
    old = {note.id: note for note in base.notes}
    where = _first_calls(head)
    notes, lines = [], []
    for note in head.notes:
        before = old.get(note.id)
        if before is None:
            notes.append(replace(note, change="inserted"))
        elif before.content != note.content:
            notes.append(replace(note, content=diff_content(before.content, note.content)))
            called = f" ({ref(where[note.id])})" if note.id in where else ""
            lines.append(f"footnote {note.mark}{called}: text changed")
        else:
            notes.append(note)
    current = {note.id for note in head.notes}
    notes += [replace(n, change="deleted") for n in base.notes if n.id not in current]
    return tuple(notes), lines


def _first_calls(report: doc.Report) -> dict[str, tuple[str, ...]]:
    """Where each note is first called: the calling block's number parts."""
    found: dict[str, tuple[str, ...]] = {}
    for parts, block in numbered_blocks(report):
        for span in block.content:
            if isinstance(span, doc.NoteCall):
                found.setdefault(span.note, parts)
    return found
