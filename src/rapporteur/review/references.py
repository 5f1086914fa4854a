"""Where each numbered block stands in a report: "9", "9 (a)", "9 (n) (i)", by id."""

from __future__ import annotations

import functools
from collections.abc import Iterator
from typing import TYPE_CHECKING

from rapporteur.text import is_cjk, join_pair

if TYPE_CHECKING:  # textconv joins references without importing the model's schema
    from rapporteur.model import document as doc


def reference(parts: tuple[str, ...]) -> str:
    """Parts joined as the script wants: "9 (n) (i)", "9 (n) (一)", "4 (ط) ’1‘"."""
    return functools.reduce(_join_label, parts[1:], parts[0]) if parts else ""


def _join_label(left: str, right: str) -> str:
    # Labels stand a space apart, whatever their brackets (an Arabic label opens with
    # ’, which running text takes for a closing quote); a full-width one touches.
    if is_cjk(left[-1]) or is_cjk(right[0]):
        return join_pair(left, right)
    return f"{left} {right}"


def numbered_blocks(
    report: doc.Report,
) -> Iterator[tuple[tuple[str, ...], doc.Paragraph | doc.Item]]:
    """(number parts, block) for every paragraph, item and nested item, in reading order."""
    for paragraph in report.paragraphs():
        yield (str(paragraph.number),), paragraph
        for item in paragraph.items:
            yield (str(paragraph.number), item.label), item
            for nested in item.items:
                yield (str(paragraph.number), item.label, nested.label), nested
