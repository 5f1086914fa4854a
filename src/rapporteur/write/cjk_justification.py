"""Justified Chinese spreads a line's extra width between its characters.

WeasyPrint (70.0) justifies a line by widening its spaces only (layout/inline.py
``justify_line``). Chinese has a space only around Latin words and numbers, so a line
with one such word took all the extra width there ("George    Maria", "第  42  段"),
and a line with none was not justified at all. UN Chinese documents, like CSS
``text-justify: auto`` for CJK text, spread it between the characters as well.

``justify_line`` is replaced: each East Asian wide character is an expansion
opportunity too, and takes an equal share, up to a tenth of the type size less a
little, the space poppler and PDF readers take for a word break (more, and a copied
line reads "讨 论 由 以 下"); what it cannot take goes to the spaces. ``Layout.set_text``
gives each character its share as Pango letter-spacing when the line is drawn (half on
each side, as Pango applies it; at the ends of a text Pango drops the outer half, and
such a character counts for half a share). Text without East Asian characters is
justified as before.
"""

from __future__ import annotations

from rapporteur.text import is_cjk

# A character's share of a line's extra width, at most, in fractions of the type size:
# poppler's TextOutputDev breaks words at gaps over 0.1 (minWordBreakSpace).
MOST_BETWEEN_CHARACTERS = 0.08

_installed = False


def _wide(text: str) -> float:
    """A text's shares of the extra width between characters: one per wide character,
    half for one at either end (Pango gives it only its inner half)."""
    shares = sum(1.0 for char in text if is_cjk(char))
    if text and is_cjk(text[0]):
        shares -= 0.5
    if text and is_cjk(text[-1]):
        shares -= 0.5
    return shares


def install() -> None:
    """Teach WeasyPrint inter-character justification; once per process."""
    global _installed
    if _installed:
        return
    from weasyprint.formatting_structure import boxes
    from weasyprint.layout import inline
    from weasyprint.text import line_break
    from weasyprint.text.ffi import TO_UNITS, ffi, pango

    count_spaces = inline.count_expandable_spaces

    def count_wide(box) -> float:
        if isinstance(box, boxes.TextBox):
            return _wide(box.text)
        if isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            return sum(count_wide(child) for child in box.children)
        return 0

    def justify_line(context, line, extra_width) -> None:
        spaces, wide = count_spaces(line), count_wide(line)
        if not spaces + wide:
            return
        share = extra_width / (spaces + wide)
        between = share
        if spaces and wide:
            between = min(share, MOST_BETWEEN_CHARACTERS * line.style["font_size"])
            share = (extra_width - between * wide) / spaces
        spread(context, line, share, between, 0)

    def spread(context, box, share: float, between: float, x_advance: float) -> float:
        # WeasyPrint's add_word_spacing, with a share for wide characters as well
        if isinstance(box, boxes.TextBox):
            box.justification_spacing = share
            box.position_x += x_advance
            spaces, wide = count_spaces(box), _wide(box.text)
            if spaces or wide:
                layout = line_break.create_layout(
                    box.text, box.style, context, max_width=None, justification_spacing=share
                )
                layout.between_characters = between
                layout.deactivate()
                extra = share * spaces + between * wide
                x_advance += extra
                box.width += extra
                box.pango_layout = layout
        elif isinstance(box, (boxes.LineBox, boxes.InlineBox)):
            box.position_x += x_advance
            before = x_advance
            children = box.children[::-1] if box.style["direction"] == "rtl" else box.children
            for child in children:
                if child.is_in_normal_flow():
                    x_advance = spread(context, child, share, between, x_advance)
            box.width += x_advance - before
        else:  # an atomic inline-level box
            box.translate(x_advance, 0)
        return x_advance

    set_text = line_break.Layout.set_text

    def set_text_justified(self, text: str, justify: bool = False) -> None:
        set_text(self, text, justify)
        between = getattr(self, "between_characters", 0)
        if not (justify and between):
            return
        spans, offset = [], 0
        for char in self.text:
            size = len(char.encode())
            if is_cjk(char):
                spans.append((offset, offset + size))
            offset += size
        if not spans:
            return
        attributes = pango.pango_layout_get_attributes(self.layout)
        if attributes == ffi.NULL:
            attributes = ffi.gc(pango.pango_attr_list_new(), pango.pango_attr_list_unref)
        spacing = int(between * TO_UNITS)
        for start, end in spans:
            attribute = pango.pango_attr_letter_spacing_new(spacing)
            attribute.start_index, attribute.end_index = start, end
            pango.pango_attr_list_change(attributes, attribute)
        pango.pango_layout_set_attributes(self.layout, attributes)

    inline.justify_line = justify_line
    line_break.Layout.set_text = set_text_justified
    _installed = True
