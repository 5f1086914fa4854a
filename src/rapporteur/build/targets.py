"""What can be built: one target per document, language and format, at a predictable path."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from pathlib import Path

from rapporteur.build.layout import (
    ALL_LANGUAGES,
    DOCUMENT_FORMATS,
    EXPORT_FORMATS,
    FOLDERS,
    FORMATS,
    KINDS,
    NAME_TAGS,
)
from rapporteur.load.compilation_checks import compilation_languages
from rapporteur.load.content import Library


@dataclass(frozen=True, order=True)
class Target:
    kind: str  # one of layout.KINDS
    id: str  # the meeting's or the compilation's id
    lang: str
    format: str

    def relative_path(self) -> Path:
        """``reports/cybercrime-2018.zh.pdf``, ``compilations/2021-stocktaking.status.en.pdf``,
        ``compilations/2021-stocktaking.xlsx``."""
        parts = [self.id, NAME_TAGS.get(self.kind), self.lang, self.format]
        if self.lang == ALL_LANGUAGES:
            parts.remove(self.lang)
        return Path(FOLDERS[self.kind]) / ".".join(p for p in parts if p)


def meetings_of(library: Library, target: Target) -> list[str]:
    """The meetings a target draws on besides its own: a compilation's."""
    if target.kind == "report":
        return []
    return list(library.compilations[target.id].compilation.record.meetings)


class SelectionError(ValueError):
    """A --meeting, --compilation, --lang or --format value that matches nothing."""


def plan(
    library: Library,
    meetings: Iterable[str] = (),
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
    compilations: Iterable[str] = (),
    kinds: Iterable[str] = KINDS,
) -> list[Target]:
    """Every target asked for; naming meetings or compilations builds only those."""
    meetings, langs, formats = list(meetings), list(langs), list(formats)
    compilations, kinds = list(compilations), list(kinds)
    check_selection(library, meetings, langs, formats, compilations)
    chosen = bool(meetings or compilations)
    targets: list[Target] = []
    if "report" in kinds:
        targets += [
            Target("report", meeting.id, lang, fmt)
            for meeting in library.meetings.values()
            if not chosen or meeting.id in meetings
            for lang in meeting.languages
            for fmt in DOCUMENT_FORMATS
        ]
    for compilation in library.compilations.values():
        if chosen and compilation.id not in compilations:
            continue
        languages = compilation_languages(library, compilation)
        if "compilation" in kinds:
            targets += [
                Target("compilation", compilation.id, lang, fmt)
                for lang in languages
                for fmt in DOCUMENT_FORMATS
            ]
            targets += [
                Target("compilation", compilation.id, ALL_LANGUAGES, fmt) for fmt in EXPORT_FORMATS
            ]
        targets += [
            Target(kind, compilation.id, lang, fmt)
            for kind in ("status", "adopted")
            if kind in kinds and (kind != "adopted" or compilation.adopted_list)
            for lang in languages
            for fmt in DOCUMENT_FORMATS
        ]
    return sorted(
        t
        for t in targets
        if (not langs or t.lang in langs or t.lang == ALL_LANGUAGES)
        and (not formats or t.format in formats)
    )


def check_selection(
    library: Library,
    meetings: Iterable[str] = (),
    langs: Iterable[str] = (),
    formats: Iterable[str] = (),
    compilations: Iterable[str] = (),
    known_formats: Iterable[str] = FORMATS,
) -> None:
    """Raise SelectionError for the first option value that names nothing there is."""
    _known("meeting", meetings, library.meetings)
    _known("compilation", compilations, library.compilations)
    _known("lang", langs, library.languages.record.root)
    _known("format", formats, known_formats)


def _known(option: str, asked: Iterable[str], known: Iterable[str]) -> None:
    known = list(known)
    for value in asked:
        if value not in known:
            known_list = ", ".join(known)
            raise SelectionError(f"--{option} {value}: no such {option} (known: {known_list})")
