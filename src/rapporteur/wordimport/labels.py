"""Which block a typed label is: the language's own label formats (languages.yaml),
rendered and read back, so a label is recognised exactly as the writers print it.

"(i)" is both the ninth item and the first nested item: every reading is returned,
and the outline takes the one that continues the sequence.
"""

from __future__ import annotations

import unicodedata
from functools import cached_property

from rapporteur.load.schema import LanguageSpec
from rapporteur.model.numbering import label

# The levels a typed label can be, and how many of each are looked for.
LEVELS = {
    "chapter": 30,
    "section": 26,
    "paragraph": 2000,
    "item": 78,
    "nested": 78,
    "agenda_item": 60,
    "agenda_subitem": 26,
}
MOST_LABEL_CHARACTERS = 12  # "(xxviii)", "(二十八)", "ثالث عشر -"


def _key(text: str) -> str:
    """A label as compared: full-width brackets and dots made ASCII, spaces gone, and
    marks over letters too (Arabic "أولاً" typed with its tanween is "أولا")."""
    folded = unicodedata.normalize("NFKC", text)
    return "".join(c for c in folded if not c.isspace() and unicodedata.category(c) != "Mn")


class LabelReader:
    def __init__(self, spec: LanguageSpec) -> None:
        self.spec = spec

    @cached_property
    def _readings(self) -> dict[str, dict[str, int]]:
        """Each label's key → {level: number}, in the language's digits and in ASCII."""
        out: dict[str, dict[str, int]] = {}
        for level, most in LEVELS.items():
            fmt = getattr(self.spec.labels, level)
            for n in range(1, most + 1):
                shown = label(n, fmt)
                for form in {shown, self.spec.in_own_digits(shown)}:
                    out.setdefault(_key(form), {}).setdefault(level, n)
        return out

    def read(self, text: str) -> tuple[dict[str, int], str]:
        """The readings of the label ``text`` starts with (level → number) and the text
        after it; ({}, text) when it starts with none. The longest label wins, whether a
        space, a tab or nothing follows it ("1.\tIn", "1.In", "(ii) x", "1 -طلبت")."""
        text = text.lstrip()
        for end in range(min(len(text), MOST_LABEL_CHARACTERS), 0, -1):
            readings = self._readings.get(_key(text[:end]))
            if readings and not text[end - 1].isspace():
                return readings, text[end:].lstrip()
        return {}, text
