"""Reading the whole content/ tree; every problem is collected, none stops the others."""

from __future__ import annotations

import difflib
import os
from collections.abc import Callable
from dataclasses import replace
from pathlib import Path

from pydantic import BaseModel

from rapporteur.diagnostics import ContentError, Diagnostic, Position
from rapporteur.load import compilation_checks, crossrefs, marks
from rapporteur.load.content import (
    CompilationContent,
    LanguageContent,
    Library,
    MeetingContent,
    Sourced,
)
from rapporteur.load.limits import MAX_FOLDER_ID, file_problem
from rapporteur.load.schema import (
    ID_RE,
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
from rapporteur.load.validate import validate
from rapporteur.load.yamlfile import read_yaml
from rapporteur.paths import MARKS_DIR, MARKS_FILE

# The fragments of a meeting's report in one language, and the shape of each.
FRAGMENTS: dict[str, type[BaseModel]] = {
    "front": FrontFile,
    "agenda": TitlesFile,
    "introduction": PlainChapterFile,
    "recommendations": AgendaChapterFile,
    "deliberations": AgendaChapterFile,
    "organization": OrganizationFile,
    "adoption": PlainChapterFile,
}
OPTIONAL_FRAGMENTS: dict[str, type[BaseModel]] = {"footnotes": TitlesFile}


def _editor_file(name: str) -> bool:
    """An editor's file beside the one being edited, never content: vim's swap files
    (".recommendations.yaml.swp"), emacs's lock and backup files (".#…", "…~")."""
    return (
        name.startswith(".") or name.endswith("~") or (name.startswith("#") and name.endswith("#"))
    )


def _present(path: Path) -> bool:
    """Something stands at ``path``, even a broken link, a FIFO or a folder: the
    collector says what is wrong with it rather than take it for absent."""
    return os.path.lexists(path)


class _Collector:
    def __init__(self, root: Path) -> None:
        self.root = root
        self.diagnostics: list[Diagnostic] = []

    def refused(self, path: Path) -> bool:
        """Whether ``path`` may not be read (limits.file_problem); if so, it is said."""
        problem = file_problem(path, self.root)
        if problem is not None:
            self.diagnostics.append(Diagnostic(Position(path, 1, 1), problem))
        return problem is not None

    def document_folders(self, parent: Path, kind: str) -> list[Path]:
        """The meeting or compilation folders in ``parent``. Their names become file names
        under build/ and ids in every document, so each must be an id."""
        if not parent.is_dir():
            return []
        folders = []
        for folder in sorted(p for p in parent.iterdir() if p.is_dir()):
            if self.refused(folder):
                continue
            if not ID_RE.fullmatch(folder.name) or len(folder.name) > MAX_FOLDER_ID:
                message = (
                    f"{kind} folder name '{folder.name}' is not an id "
                    "(lower-case letters and digits, joined by single dashes, "
                    f"at most {MAX_FOLDER_ID} characters: it names files under build/)"
                )
                self.diagnostics.append(Diagnostic(Position(folder, 1, 1), message))
                continue
            folders.append(folder)
        return folders

    def load(self, path: Path, model: type[BaseModel]) -> Sourced | None:
        if not _present(path):
            self.diagnostics.append(Diagnostic(Position(path, 1, 1), "file is missing"))
            return None
        if self.refused(path):
            return None
        try:
            yaml_file, problems = read_yaml(path)
        except OSError as exc:
            message = f"cannot be read ({exc.strerror or exc})"
            self.diagnostics.append(Diagnostic(Position(path, 1, 1), message))
            return None
        self.diagnostics += problems
        if yaml_file is None or problems:  # the schema's messages could not even show them
            return None
        if yaml_file.data is None:
            self.diagnostics.append(Diagnostic(Position(path, 1, 1), "file is empty"))
            return None
        record, problems = validate(yaml_file, model)
        self.diagnostics += problems
        return None if record is None else Sourced(record, yaml_file)


def load_library(root: Path) -> Library:
    """Load and check everything under ``root`` (content/); raise ContentError on any error."""
    collector = _Collector(root)
    languages = collector.load(root / "languages.yaml", LanguagesFile)
    terms = {
        path.stem: sourced
        for path in sorted((root / "terms").glob("*.yaml"))
        if (sourced := collector.load(path, TermsFile)) is not None
    }
    terms_loaded = not collector.diagnostics
    marks_path = root / MARKS_DIR / MARKS_FILE
    page_marks = collector.load(marks_path, MarksFile) if _present(marks_path) else None
    meetings = {}
    folders = collector.document_folders(root / "meetings", "meeting")
    for folder in folders:
        meeting = _load_meeting(folder, collector)
        if meeting is not None:
            meetings[meeting.id] = meeting
    compilations = {}
    for folder in collector.document_folders(root / "compilations", "compilation"):
        compilation = _load_compilation(folder, collector)
        if compilation is not None:
            compilations[compilation.id] = compilation
    if languages is None:
        raise ContentError(collector.diagnostics)
    # Cross-file checks run on whatever loaded, so one broken file hides no other error.
    unloaded = frozenset(folder.name for folder in folders) - meetings.keys()
    library = Library(
        root, languages, terms, meetings, terms_loaded, compilations, unloaded, page_marks
    )
    if page_marks is not None:
        # the languages documents are made in (a language nothing is written in needs no mark)
        written = {lang for m in meetings.values() for lang in m.meeting.record.languages}
        written |= {lang for c in compilations.values() for lang in c.texts}
        collector.diagnostics += marks.check(page_marks, written, root)
    collector.diagnostics += crossrefs.check(library)
    collector.diagnostics += compilation_checks.check(library)
    errors = [d for d in collector.diagnostics if d.severity == "error"]
    if errors:
        raise ContentError(errors)
    return replace(library, warnings=tuple(sorted(set(collector.diagnostics))))


def _load_meeting(folder: Path, collector: _Collector) -> MeetingContent | None:
    meeting_path = folder / "meeting.yaml"
    meeting = collector.load(meeting_path, MeetingFile) if _present(meeting_path) else None
    if not _present(meeting_path):
        collector.diagnostics.append(
            Diagnostic(Position(folder, 1, 1), "meeting folder has no meeting.yaml")
        )
    subfolders = sorted(p.name for p in folder.iterdir() if p.is_dir())
    # Without a valid meeting.yaml the fragments are still read, so their errors show too.
    declared = list(meeting.record.languages) if meeting else subfolders
    where = (
        (lambda *loc: meeting.at(*loc, key=True))
        if meeting
        else (lambda *loc: Position(meeting_path, 1, 1))
    )
    languages = {}
    for lang in declared:
        content = _load_language(folder / lang, lang, where, collector)
        if content is not None:
            languages[lang] = content
    for extra in subfolders:
        if extra not in declared:
            collector.diagnostics.append(
                Diagnostic(
                    where("languages"), f"folder '{extra}/' is not one of this meeting's languages"
                )
            )
    if meeting is None:
        return None
    complete = list(languages) == declared
    return MeetingContent(folder.name, folder, meeting, languages, complete)


def _load_language(
    folder: Path, lang: str, where: Callable[..., Position], collector: _Collector
) -> LanguageContent | None:
    before = len(collector.diagnostics)
    if not folder.is_dir():
        collector.diagnostics.append(
            Diagnostic(where("languages", lang), f"language '{lang}' has no folder {folder}")
        )
        return None
    known = {*FRAGMENTS, *OPTIONAL_FRAGMENTS}
    for path in sorted(folder.iterdir()):
        if _editor_file(path.name):
            continue
        if path.suffix != ".yaml" or path.stem not in known:
            close = difflib.get_close_matches(path.stem, sorted(known), n=1)
            hint = f"; did you mean '{close[0]}.yaml'?" if close else ""
            collector.diagnostics.append(
                Diagnostic(Position(path, 1, 1), f"unknown fragment '{path.name}'{hint}")
            )
    fragments: dict[str, Sourced | None] = {}
    for name, model in FRAGMENTS.items():
        path = folder / f"{name}.yaml"
        if _present(path):
            fragments[name] = collector.load(path, model)
        else:
            collector.diagnostics.append(
                Diagnostic(
                    where("languages", lang), f"language '{lang}' is missing its fragment {path}"
                )
            )
    for name, model in OPTIONAL_FRAGMENTS.items():
        path = folder / f"{name}.yaml"
        fragments[name] = collector.load(path, model) if _present(path) else None
    if len(collector.diagnostics) > before:
        return None
    return LanguageContent(lang=lang, folder=folder, **fragments)  # type: ignore[arg-type]


def _load_compilation(folder: Path, collector: _Collector) -> CompilationContent | None:
    """compilation.yaml, optional status.yaml, and <lang>/text.yaml for each language folder.

    Which languages a compilation needs depends on its meetings; the cross-file checks
    say which are missing.
    """
    compilation = collector.load(folder / "compilation.yaml", CompilationFile)
    status_path = folder / "status.yaml"
    status = collector.load(status_path, StatusFile) if _present(status_path) else None
    texts = {}
    for lang_dir in sorted(p for p in folder.iterdir() if p.is_dir()):
        text = collector.load(lang_dir / "text.yaml", CompilationTextFile)
        if text is not None:
            texts[lang_dir.name] = text
    if compilation is None or (_present(status_path) and status is None):
        return None
    return CompilationContent(folder.name, folder, compilation, texts, status)
