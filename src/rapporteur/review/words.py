"""Inline content compared word by word (and character by character in Chinese)."""

from __future__ import annotations

import re

from rapporteur.model import document as doc

# One token per East Asian character; whole words, spaces and punctuation otherwise.
_TOKEN = re.compile(r"[\u2e80-\u9fff\u3000-\u303f\uff00-\uffef]|\w+|\s+|[^\w\s]")

Token = tuple[str, str]  # ("t", text) for text; ("s", symbol) and ("n", note id) stay whole


def tokens(content: doc.Content) -> list[Token]:
    out: list[Token] = []
    for span in content:
        if isinstance(span, doc.Text):
            out += [("t", piece) for piece in _TOKEN.findall(span.text)]
        elif isinstance(span, doc.SymbolLink):
            out.append(("s", span.symbol))
        elif isinstance(span, doc.NoteCall):
            out.append(("n", span.note))
    return out


def diff_content(base: doc.Content, head: doc.Content) -> doc.Content:
    """``head`` with what changed since ``base`` as Inserted and Deleted spans; a note
    call or a link added or removed is inside them, whole.

    Tokens are compared by diff-match-patch, each token standing for one character, and
    its semantic clean-up folds the small equalities between changes into them: a
    rewritten sentence reads as one deletion and one insertion, not as crumbs.
    """
    old, new = tokens(base), tokens(head)
    base_spans, head_spans = _spans_by_token(base), _spans_by_token(head)
    out: list[doc.Inline] = []
    i = j = 0
    for op, count in _token_diff(old, new):
        if op == 0:
            out += head_spans[j : j + count]
            i, j = i + count, j + count
        elif op < 0:
            out.append(doc.Deleted(_joined(base_spans[i : i + count])))
            i += count
        else:
            out.append(doc.Inserted(_joined(head_spans[j : j + count])))
            j += count
    return _joined(out)


def _token_diff(old: list[Token], new: list[Token]) -> list[tuple[int, int]]:
    """(operation, number of tokens): -1 deleted, 0 kept, 1 inserted, semantically
    cleaned. Tokens become private-use characters, as diff-match-patch does with lines."""
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
