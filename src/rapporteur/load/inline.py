"""Inline markup: the only two constructs a content text may carry.

``[[E/CN.15/2018/1]]``  a document-symbol reference, rendered as a link;
``[^note-id]``          a footnote reference, the note's text being in footnotes.yaml.

Everything else is literal text, including single square brackets, which mark
passages not yet agreed during negotiations.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapporteur.load.patterns import ID_RE, SYMBOL_RE

_MARKUP = re.compile(r"\[\[(?P<symbol>[^\[\]]*)\]\]|\[\^(?P<note>[^\[\]]*)\]")
_OPENERS = re.compile(r"\[\[|\[\^")


@dataclass(frozen=True)
class Text:
    text: str


@dataclass(frozen=True)
class SymbolLink:
    """A cited UN document symbol; writers link it to its undocs.org page."""

    symbol: str


@dataclass(frozen=True)
class NoteRef:
    note: str


Span = Text | SymbolLink | NoteRef


class MarkupError(ValueError):
    """Every malformed construct of one text, each a message of its own."""

    def __init__(self, problems: list[str]) -> None:
        super().__init__("\n".join(problems))
        self.problems = problems


def parse_inline(text: str) -> list[Span]:
    """Split a text into spans; raise MarkupError naming every malformed construct."""
    spans: list[Span] = []
    problems: list[str] = []
    pos = 0
    for match in _MARKUP.finditer(text):
        _literal(text[pos : match.start()], spans, problems)
        symbol, note = match.group("symbol"), match.group("note")
        if symbol is not None:
            if SYMBOL_RE.fullmatch(symbol):
                spans.append(SymbolLink(symbol))
            else:
                problems.append(f"malformed document symbol '{symbol}' in [[…]]")
        elif ID_RE.fullmatch(note or ""):
            spans.append(NoteRef(note))
        else:
            problems.append(f"malformed footnote reference '[^{note}]'")
        pos = match.end()
    _literal(text[pos:], spans, problems)
    if problems:
        raise MarkupError(problems)
    return spans


def _literal(chunk: str, spans: list[Span], problems: list[str]) -> None:
    if _OPENERS.search(chunk):
        problems.append("unclosed '[[' or '[^' (write [[SYMBOL]] or [^note-id])")
    if chunk:
        spans.append(Text(chunk))
