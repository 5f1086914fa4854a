"""Code 39 barcodes as SVG, for the job number in a UN document's first-page footer.

Each character is nine elements, bar and space in turn, three of them wide. The
table is the standard one (ISO/IEC 16388); ``*`` starts and stops every code.
"""

from __future__ import annotations

from markupsafe import Markup, escape

# 1 = wide element; elements alternate bar, space, bar, … and start with a bar.
CODE39 = {
    "0": "000110100", "1": "100100001", "2": "001100001", "3": "101100000",
    "4": "000110001", "5": "100110000", "6": "001110000", "7": "000100101",
    "8": "100100100", "9": "001100100", "A": "100001001", "B": "001001001",
    "C": "101001000", "D": "000011001", "E": "100011000", "F": "001011000",
    "G": "000001101", "H": "100001100", "I": "001001100", "J": "000011100",
    "K": "100000011", "L": "001000011", "M": "101000010", "N": "000010011",
    "O": "100010010", "P": "001010010", "Q": "000000111", "R": "100000110",
    "S": "001000110", "T": "000010110", "U": "110000001", "V": "011000001",
    "W": "111000000", "X": "010010001", "Y": "110010000", "Z": "011010000",
    "-": "010000101", ".": "110000100", " ": "011000100", "$": "010101000",
    "/": "010100010", "+": "010001010", "%": "000101010", "*": "010010100",
}  # fmt: skip
NARROW, WIDE, GAP = 1, 3, 1  # module widths: wide = 3 × narrow; one narrow space between characters


def barcode_text(job_number: str) -> str:
    """``V.18-02342`` -> ``*1802342*``: the job number without its prefix and dash."""
    digits = job_number.split(".", 1)[-1].replace("-", "")
    return f"*{digits}*"


def bars(text: str) -> list[tuple[int, int]]:
    """(x, width) of each bar, in narrow modules."""
    out: list[tuple[int, int]] = []
    x = 0
    for char in text:
        for index, wide in enumerate(CODE39[char]):
            width = WIDE if wide == "1" else NARROW
            if index % 2 == 0:
                out.append((x, width))
            x += width
        x += GAP
    return out


def code39_svg(text: str, *, height: int = 30) -> Markup:
    """An inline SVG drawing of ``text`` (which must include its ``*`` guards)."""
    drawn = bars(text)
    width = drawn[-1][0] + drawn[-1][1]
    rects = "".join(f'<rect x="{x}" y="0" width="{w}" height="{height}"/>' for x, w in drawn)
    return Markup(
        f'<svg class="barcode" xmlns="http://www.w3.org/2000/svg" viewBox="0 0 {width} {height}" '
        f'preserveAspectRatio="none" role="img" aria-label="{escape(text)}">{rects}</svg>'
    )
