"""What moved between two orders of the same ids."""

from __future__ import annotations

from difflib import SequenceMatcher


def out_of_order(before: list[str], after: list[str]) -> set[str]:
    """The ids of ``after`` outside the longest run of order it shares with ``before``:
    those that moved. Both lists hold the same ids."""
    matcher = SequenceMatcher(None, before, after, autojunk=False)
    kept = {
        after[j]
        for block in matcher.get_matching_blocks()
        for j in range(block.b, block.b + block.size)
    }
    return set(after) - kept
