"""A language's typographic rules (languages.yaml ``typography``), applied to the text of
a rendered document: French no-break spaces before ":" and inside « », Russian ones
between a number and "года". Content keeps plain spaces; the PDF and the DOCX, both
written from this HTML, carry the same characters."""

from __future__ import annotations

import re
from functools import cache

from rapporteur.load.schema import LanguageSpec

# Text between tags; the contents of <style> and <script> are not text, and <title>'s
# is metadata (the PDF's and the DOCX's title), never laid out.
_PIECES = re.compile(
    r"(<style\b.*?</style>|<script\b.*?</script>|<title\b.*?</title>|<[^>]*>)", re.DOTALL | re.I
)


@cache
def _compiled(find: str, months: tuple[str, ...]) -> re.Pattern[str]:
    """``find`` with {month} standing for any of ``months``."""
    if "{month}" in find:
        names = "|".join(re.escape(name) for name in sorted(months, key=len, reverse=True))
        find = find.replace("{month}", f"(?:{names})")
    return re.compile(find)


def typeset(html: str, language: LanguageSpec) -> str:
    """``html`` with ``language``'s typographic rules applied to its text."""
    rules = language.typography
    if not rules:
        return html
    months = language.months
    pieces = _PIECES.split(html)
    for index in range(0, len(pieces), 2):  # even pieces are text, odd ones markup
        text = pieces[index]
        for rule in rules:
            text = _compiled(rule.find, months).sub(rule.replacement, text)
        pieces[index] = text
    return "".join(pieces)
