"""Loaded content: each validated record together with the file it came from."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path
from typing import Generic, TypeVar

from pydantic import BaseModel

from rapporteur.diagnostics import Diagnostic, Position
from rapporteur.load.schema import (
    AgendaChapterFile,
    CompilationFile,
    CompilationTextFile,
    FrontFile,
    LanguagesFile,
    MarksFile,
    MeetingFile,
    OrganizationFile,
    PlainChapterFile,
    StatusFile,
    TermsFile,
    TitlesFile,
)
from rapporteur.load.yamlfile import LocPath, YamlFile

R = TypeVar("R", bound=BaseModel)


@dataclass(frozen=True)
class Sourced(Generic[R]):
    record: R
    file: YamlFile

    def at(self, *loc: str | int, key: bool = False) -> Position:
        return self.file.position(tuple(loc), key=key)

    def at_loc(self, loc: LocPath, key: bool = False) -> Position:
        return self.file.position(loc, key=key)


@dataclass(frozen=True)
class LanguageContent:
    """One meeting's fragments in one language."""

    lang: str
    folder: Path
    front: Sourced[FrontFile]
    agenda: Sourced[TitlesFile]
    introduction: Sourced[PlainChapterFile]
    recommendations: Sourced[AgendaChapterFile]
    deliberations: Sourced[AgendaChapterFile]
    organization: Sourced[OrganizationFile]
    adoption: Sourced[PlainChapterFile]
    footnotes: Sourced[TitlesFile] | None = None


@dataclass(frozen=True)
class MeetingContent:
    id: str
    folder: Path
    meeting: Sourced[MeetingFile]
    languages: dict[str, LanguageContent] = field(default_factory=dict)
    complete: bool = True  # every declared language loaded without error


@dataclass(frozen=True)
class CompilationContent:
    """A compilation folder: metadata, text per language, negotiation status."""

    id: str
    folder: Path
    compilation: Sourced[CompilationFile]
    texts: dict[str, Sourced[CompilationTextFile]]
    status: Sourced[StatusFile] | None

    @property
    def adopted_list(self) -> bool:
        """Whether the adopted list is made: it needs its own symbol and date."""
        return self.compilation.record.adopted is not None


@dataclass(frozen=True)
class Library:
    """All content: languages, terms per language, meetings by id."""

    root: Path
    languages: Sourced[LanguagesFile]
    terms: dict[str, Sourced[TermsFile]]
    meetings: dict[str, MeetingContent]
    terms_loaded: bool = True  # every terms file loaded without error
    compilations: dict[str, CompilationContent] = field(default_factory=dict)
    # Meeting folders whose meeting.yaml did not load: their own errors say why.
    unloaded_meetings: frozenset[str] = frozenset()
    marks: Sourced[MarksFile] | None = None  # content/marks/marks.yaml, if any
    # What loading found worth saying but not refusing ("footnote … is never referenced")
    warnings: tuple[Diagnostic, ...] = ()
