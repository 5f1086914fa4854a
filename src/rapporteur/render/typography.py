"""A language's typographic rules (languages.yaml ``typography``), applied to the text of
a rendered document: French no-break spaces before ":" and inside « », Russian ones
between a number and "года". Content keeps plain spaces; the PDF and the DOCX, both
written from this HTML, carry the same characters."""

from __future__ import annotations

import re
from functools import cache

from rapporteur.load.schema import TypographyRule

# Text between tags; the contents of <style> and <script> are not text.
_PIECES = re.compile(r"(<style\b.*?</style>|<script\b.*?</script>|<[^>]*>)", re.DOTALL | re.I)


@cache
def _compiled(find: str) -> re.Pattern[str]:
    return re.compile(find)


def typeset(html: str, rules: list[TypographyRule]) -> str:
    if not rules:
        return html
    pieces = _PIECES.split(html)
    for index in range(0, len(pieces), 2):  # even pieces are text, odd ones markup
        text = pieces[index]
        for rule in rules:
            text = _compiled(rule.find).sub(rule.replacement, text)
        pieces[index] = text
    return "".join(pieces)
