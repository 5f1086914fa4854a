"""Inline content compared word by word (and character by character in Chinese)."""

from __future__ import annotations

import re
from difflib import SequenceMatcher

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
    call or a link added or removed is inside them, whole."""
    old, new = tokens(base), tokens(head)
    base_spans, head_spans = _spans_by_token(base), _spans_by_token(head)
    out: list[doc.Inline] = []
    matcher = SequenceMatcher(None, old, new, autojunk=False)
    for op, i1, i2, j1, j2 in matcher.get_opcodes():
        if op == "equal":
            out += head_spans[j1:j2]
            continue
        if i2 > i1:
            out.append(doc.Deleted(_joined(base_spans[i1:i2])))
        if j2 > j1:
            out.append(doc.Inserted(_joined(head_spans[j1:j2])))
    return _joined(out)


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
