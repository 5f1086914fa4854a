"""What can be built: one target per meeting, language and format, at a predictable path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapporteur.load.content import Library

FORMATS = ("pdf", "docx", "html")


@dataclass(frozen=True, order=True)
class Target:
    kind: str  # "report"
    id: str  # the meeting's id
    lang: str
    format: str

    def relative_path(self) -> Path:
        """``reports/cybercrime-2018.zh.pdf``: the path under build/."""
        return Path(f"{self.kind}s") / f"{self.id}.{self.lang}.{self.format}"


class SelectionError(ValueError):
    """A --meeting, --lang or --format value that matches nothing."""


def plan(
    library: Library,
    meetings: Iterable[str] = (),
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
) -> list[Target]:
    meetings, langs, formats = list(meetings), list(langs), list(formats)
    _known("meeting", meetings, library.meetings)
    _known("lang", langs, library.languages.record.root)
    _known("format", formats, FORMATS)
    return sorted(
        Target("report", meeting.id, lang, fmt)
        for meeting in library.meetings.values()
        if not meetings or meeting.id in meetings
        for lang in meeting.languages
        if not langs or lang in langs
        for fmt in FORMATS
        if not formats or fmt in formats
    )


def _known(option: str, asked: list[str], known: Iterable[str]) -> None:
    known = list(known)
    for value in asked:
        if value not in known:
            raise SelectionError(
                f"--{option} {value}: no such {option} (known: {', '.join(known)})"
            )
