"""Which block a typed label is: the language's own label formats (languages.yaml),
rendered and read back, so a label is recognised exactly as the writers print it.

"(i)" is both the ninth item and the first nested item: every reading is returned,
and the outline takes the one that continues the sequence.
"""

from __future__ import annotations

import re
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
# A label in brackets that runs straight into its text: "（一）会员国…"
_BRACKETED = re.compile(r"[(（][^)）\s]{1,8}[)）]")


def _key(text: str) -> str:
    """A label as compared: full-width brackets and dots made ASCII, spaces gone."""
    return "".join(unicodedata.normalize("NFKC", text).split())


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
        after it; ({}, text) when it starts with none."""
        text = text.lstrip()
        head = re.match(r"\S+", text)
        if head is not None and (readings := self._readings.get(_key(head[0]))):
            return readings, text[head.end() :].lstrip()
        bracketed = _BRACKETED.match(text)
        if bracketed is not None and (readings := self._readings.get(_key(bracketed[0]))):
            return readings, text[bracketed.end() :].lstrip()
        return {}, text
