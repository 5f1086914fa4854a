"""Inline content compared word by word (and character by character in Chinese)."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rapporteur.model import document as doc

# One token per East Asian character; whole words, spaces and punctuation otherwise.
_TOKEN = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|\w+|\s+|[^\w\s]")

# A token is tagged with its span's kind: a word and a symbol or note id alike never match.
Token = tuple[type, str]  # (Text, piece); (SymbolLink, symbol) and (NoteCall, note id) whole


def tokens(content: doc.Content) -> list[Token]:
    out: list[Token] = []
    for span in content:
        if isinstance(span, doc.Text):
            out += [(doc.Text, piece) for piece in _TOKEN.findall(span.text)]
        elif isinstance(span, doc.SymbolLink):
            out.append((doc.SymbolLink, span.symbol))
        elif isinstance(span, doc.NoteCall):
            out.append((doc.NoteCall, span.note))
    return out


def diff_content(base: doc.Content, head: doc.Content) -> doc.Content:
    """``head`` with what changed since ``base`` as Inserted and Deleted spans; a note
    call or a link added or removed is inside them, whole.

    Tokens are compared by diff-match-patch, each token standing for one character, and
    its semantic clean-up folds the small equalities between changes into them: a
    rewritten sentence reads as one deletion and one insertion, not as crumbs.
    """
    return diff_paragraphs([base], [head]).pieces[0]


class _Break:
    """Where one paragraph ends and the next begins, in a text compared across them."""


_BREAK: Token = (_Break, "")


@dataclass(frozen=True)
class ParagraphsDiff:
    """Paragraphs compared as one text across their breaks (a split or a merge).

    ``pieces``: the marked text of each paragraph of the side with more of them;
    ``kept``: for each piece, the share of its own tokens (spaces aside) left unchanged.
    """

    pieces: tuple[doc.Content, ...]
    kept: tuple[float, ...]


def diff_paragraphs(base: list[doc.Content], head: list[doc.Content]) -> ParagraphsDiff:
    """The text of ``base`` paragraphs against that of ``head``, one of them a single
    paragraph: the marked text cut where the other side's paragraphs break."""
    old, new = _with_breaks([tokens(c) for c in base]), _with_breaks([tokens(c) for c in head])
    base_spans = _with_breaks([_spans_by_token(c) for c in base])
    head_spans = _with_breaks([_spans_by_token(c) for c in head])
    pieces: list[list[doc.Inline]] = [[]]
    kept: list[list[int]] = [[0, 0]]  # per piece: tokens kept, tokens of its own side
    # The side with more paragraphs is the one whose pieces are returned and counted.
    base_counted = len(base) > 1

    def add(kind: type | None, spans: list, counted: bool) -> None:
        for span in spans:
            if span is _BREAK:
                pieces.append([])
                kept.append([0, 0])
                continue
            if counted and not (isinstance(span, doc.Text) and span.text.isspace()):
                kept[-1][1] += 1
                kept[-1][0] += kind is None
            pieces[-1].append(span if kind is None else kind((span,)))

    i = j = 0
    for op, count in _token_diff(old, new):
        if op == KEPT:
            add(None, head_spans[j : j + count], True)
            i, j = i + count, j + count
        elif op == DELETED:
            add(doc.Deleted, base_spans[i : i + count], base_counted)
            i += count
        else:
            add(doc.Inserted, head_spans[j : j + count], not base_counted)
            j += count
    return ParagraphsDiff(
        tuple(_joined(piece) for piece in pieces),
        tuple(k / total if total else 1.0 for k, total in kept),
    )


def _with_breaks(parts: list[list]) -> list:
    out: list = []
    for index, part in enumerate(parts):
        out += ([_BREAK] if index else []) + part
    return out


# diff-match-patch's operations (1, an insertion, is the one left).
DELETED, KEPT = -1, 0


def _token_diff(old: list[Token], new: list[Token]) -> list[tuple[int, int]]:
    """(operation, number of tokens), semantically cleaned. Tokens become private-use
    characters, as diff-match-patch does with lines."""
    from diff_match_patch import diff_match_patch

    codes: dict[Token, str] = {}

    def encoded(seq: list[Token]) -> str:
        return "".join(codes.setdefault(t, _code_point(len(codes))) for t in seq)

    engine = diff_match_patch()
    engine.Diff_Timeout = 0  # no deadline: the same inputs give the same diff on any machine
    diffs = engine.diff_main(encoded(old), encoded(new), False)
    engine.diff_cleanupSemantic(diffs)
    return [(op, len(text)) for op, text in diffs if text]


def _code_point(index: int) -> str:
    """The index-th private-use character (planes 15 and 16 after the BMP's area)."""
    if index < 0x1900:  # U+E000–U+F8FF
        return chr(0xE000 + index)
    return chr(0xF0000 + index - 0x1900)


def _spans_by_token(content: doc.Content) -> list[doc.Inline]:
    """One span per token of ``content``, links and note calls kept as they are."""
    out: list[doc.Inline] = []
    for span in content:
        if isinstance(span, doc.Text):
            out += [doc.Text(piece) for piece in _TOKEN.findall(span.text)]
        elif isinstance(span, doc.SymbolLink | doc.NoteCall):
            out.append(span)
    return out


def _joined(spans: list) -> tuple:
    """Neighbouring texts as one text, neighbouring insertions (or deletions) as one."""
    out: list = []
    for span in spans:
        last = out[-1] if out else None
        if isinstance(span, doc.Text) and isinstance(last, doc.Text):
            out[-1] = doc.Text(last.text + span.text)
        elif isinstance(span, doc.Inserted | doc.Deleted) and type(last) is type(span):
            out[-1] = type(span)(_joined([*last.spans, *span.spans]))
        else:
            out.append(span)
    return tuple(out)
