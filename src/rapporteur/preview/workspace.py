"""The warm process's state: the content loaded, each document viewed rendered once,
and what changed since. A save re-validates the content and re-renders only the
documents whose inputs it touched (build.inputs.content_roots, as incremental builds
decide); the others wait until they are viewed again."""

from __future__ import annotations

import threading
import time
from collections.abc import Iterable
from dataclasses import dataclass, field
from pathlib import Path

from rapporteur.build.inputs import content_roots
from rapporteur.build.produce import assemble, html_of, pdf_of, reported_as_content_error
from rapporteur.build.targets import Target, meetings_of, plan
from rapporteur.diagnostics import ContentError, one_line
from rapporteur.i18n import translations
from rapporteur.load.content import Library
from rapporteur.model.document import Report
from rapporteur.paths import LOCALE_DIR, TEMPLATES_DIR, Project
from rapporteur.preview.sources import (
    compilation_references,
    place_of,
    report_references,
)
from rapporteur.render.environment import environment
from rapporteur.write.pdf import FetchRefused


@dataclass
class Rendering:
    """A document as last rendered: its HTML, each block's reference, and the
    workspace's version it was made at (a page older than that reloads)."""

    html: str
    references: dict[str, str]  # each block's HTML id → "para. 9 (c)", "No. 42 (…)"
    version: int
    library: Library  # the content it was made from (PDF and DOCX are made from it)
    files: dict[str, bytes] = field(default_factory=dict)  # "pdf", "docx", made on demand


class Workspace:
    def __init__(self, project: Project) -> None:
        self.project = project
        self.content = project.content
        self.changed = threading.Condition()
        self.version = 0
        self.library: Library | None = None  # the last content that loaded
        self.errors: list[str] = []  # why the content on disk does not load, if it does not
        self.renderings: dict[Target, Rendering] = {}
        self.render_errors: dict[Target, list[str]] = {}
        self.rebuilds = 0  # how many times the content was loaded again (one per burst)
        self.last_rebuild = 0.0  # how long the last one took, in seconds
        # files saved while the content did not load: the next load that succeeds
        # re-renders what they touch too (None: everything)
        self._unapplied: set[Path] | None = set()
        self._lock = threading.RLock()
        self.reload()

    # --- what the content is --------------------------------------------------------

    def documents(self) -> list[Target]:
        """Every document there is to preview (one per kind, id and language)."""
        library = self.library
        return [] if library is None else plan(library, formats=["html"])

    def reload(self, changed: Iterable[Path] | None = None) -> None:
        """Load the content again after ``changed`` (None: everything) and re-render the
        viewed documents it affects; on errors keep the last good renderings. Never
        raises: whatever goes wrong is what the pages show."""
        started = time.perf_counter()
        changed_paths = None if changed is None else {Path(p) for p in changed}
        with self._lock:
            try:
                self._reload(changed_paths)
            except Exception as exc:  # a bug, not the content's fault: shown, the server runs on
                self.errors = [one_line(f"error: {type(exc).__name__}: {exc}")]
            self.rebuilds += 1
            self.last_rebuild = time.perf_counter() - started
            self._bump()

    def _reload(self, changed: set[Path] | None) -> None:
        from rapporteur.load.loader import load_library

        if changed is None or any(_under(p, [TEMPLATES_DIR, LOCALE_DIR]) for p in changed):
            environment.cache_clear()  # templates or catalogs: every document
            translations.cache_clear()
            changed = None
        pending = None if changed is None or self._unapplied is None else self._unapplied | changed
        try:
            library = load_library(self.content)
        except ContentError as exc:
            self.errors = [str(d) for d in exc.diagnostics]
            self._unapplied = pending
            return
        except OSError as exc:
            self.errors = [one_line(f"error: {exc.filename or ''}: {exc.strerror or exc}")]
            self._unapplied = pending
            return
        self.errors = []
        self.library = library
        self._unapplied = set()
        self._refresh(None if pending is None else sorted(pending))

    def _refresh(self, changed: list[Path] | None) -> None:
        known = set(self.documents())
        for target in list(self.renderings) + list(self.render_errors):
            if target not in known:
                self.renderings.pop(target, None)
                self.render_errors.pop(target, None)
            elif changed is None or self._affected(target, changed):
                self._render(target, self.version + 1)

    def _affected(self, target: Target, changed: list[Path]) -> bool:
        assert self.library is not None
        roots = content_roots(
            target.kind, target.id, target.lang, meetings_of(self.library, target), self.content
        )
        return any(_under(path, roots) for path in changed)

    # --- documents ------------------------------------------------------------------

    def rendering(self, target: Target) -> Rendering | None:
        """The document's last good rendering, made now if it was never viewed."""
        with self._lock:
            if target not in self.renderings and target not in self.render_errors:
                self._render(target, self.version)
            return self.renderings.get(target)

    def problems(self, target: Target | None) -> list[str]:
        """What stands between the files on disk and this document: content errors, or
        its rendering's failure, one line each."""
        with self._lock:
            if self.errors or target is None:
                return list(self.errors)
            return list(self.render_errors.get(target, []))

    def _render(self, target: Target, version: int) -> None:
        library = self.library
        if library is None:
            return
        try:
            with reported_as_content_error(library, target.kind, target.id):
                document = assemble(library, target.kind, target.id, target.lang)
                html = html_of(document)
                references = (
                    report_references(document)
                    if isinstance(document, Report)
                    else compilation_references(document)
                )
        except ContentError as exc:
            self.render_errors[target] = [str(d) for d in exc.diagnostics]
            return
        except (OSError, FetchRefused) as exc:
            self.render_errors[target] = [one_line(f"error: {exc}")]
            return
        self.render_errors.pop(target, None)
        self.renderings[target] = Rendering(html, references, version, library)

    def file(self, target: Target, fmt: str) -> bytes:
        """The document's PDF or DOCX, made in this thread from its current rendering
        and kept in memory until the content changes. The workspace is not held while
        it is made: saves and pages go on."""
        rendering = self.rendering(target)
        if rendering is None:
            raise LookupError(f"{target.kind} {target.id} ({target.lang}) cannot be rendered")
        made = rendering.files.get(fmt)
        if made is None:
            library = rendering.library
            with reported_as_content_error(library, target.kind, target.id):
                if fmt == "pdf":
                    document = assemble(library, target.kind, target.id, target.lang)
                    made = pdf_of(Target(target.kind, target.id, target.lang, fmt), document).data
                else:
                    from rapporteur.write.docx import write_docx

                    made = write_docx(rendering.html)
            rendering.files[fmt] = made
        return made

    def place(self, target: Target, block_id: str) -> str:
        """Where a block of the document is written: ``file:line`` in the project."""
        with self._lock:
            if self.library is None:
                return ""
            report = target.kind == "report"
            meetings = [target.id] if report else meetings_of(self.library, target)
            compilation = None if report else target.id
            return place_of(
                self.library, block_id, meetings, target.lang, self.project.root, compilation
            )

    # --- telling the pages -----------------------------------------------------------

    def _bump(self) -> None:
        with self.changed:
            self.version += 1
            self.changed.notify_all()

    def wait(self, seen: int, timeout: float) -> int:
        """The version after ``seen``, once there is one (or ``seen`` after ``timeout``)."""
        with self.changed:
            self.changed.wait_for(lambda: self.version != seen, timeout)
            return self.version


def _under(path: Path, roots: Iterable[Path]) -> bool:
    try:
        path = path.resolve()
    except (OSError, RuntimeError):  # a link loop: compare it as it is named
        path = path.absolute()
    for root in roots:
        try:
            root = root.resolve()
        except (OSError, RuntimeError):
            root = root.absolute()
        if path == root or root in path.parents:
            return True
    return False
