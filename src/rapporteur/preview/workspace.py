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


@dataclass
class Rendering:
    """A document as last rendered: its HTML, and each block's reference."""

    html: str
    references: dict[str, str]  # each block's HTML id → "para. 9 (c)", "No. 42 (…)"
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
        self.render_errors: dict[Target, str] = {}
        self.rebuilds = 0  # how many times the content was loaded again (one per burst)
        self.last_rebuild = 0.0  # how long the last one took, in seconds
        self._lock = threading.RLock()
        self.reload()

    # --- what the content is --------------------------------------------------------

    def documents(self) -> list[Target]:
        """Every document there is to preview (one per kind, id and language)."""
        return [] if self.library is None else plan(self.library, formats=["html"])

    def reload(self, changed: Iterable[Path] | None = None) -> None:
        """Load the content again after ``changed`` (None: everything) and re-render the
        viewed documents it affects; on errors keep the last good renderings."""
        from rapporteur.load.loader import load_library

        started = time.perf_counter()
        changed = None if changed is None else [Path(p) for p in changed]
        with self._lock:
            if changed is None or any(_under(p, [TEMPLATES_DIR, LOCALE_DIR]) for p in changed):
                environment.cache_clear()  # templates or catalogs: every document
                translations.cache_clear()
                changed = None
            try:
                library = load_library(self.content)
            except ContentError as exc:
                self.errors = [str(d) for d in exc.diagnostics]
            except OSError as exc:
                self.errors = [one_line(f"error: {exc.filename or ''}: {exc.strerror or exc}")]
            except Exception as exc:  # a bug, not the content's fault: shown, the server runs on
                self.errors = [one_line(f"error: {type(exc).__name__}: {exc}")]
            else:
                self.errors = []
                self.library = library
                self._refresh(changed)
            self.rebuilds += 1
            self.last_rebuild = time.perf_counter() - started
            self._bump()

    def _refresh(self, changed: list[Path] | None) -> None:
        known = set(self.documents())
        for target in list(self.renderings) + list(self.render_errors):
            if target not in known:
                self.renderings.pop(target, None)
                self.render_errors.pop(target, None)
            elif changed is None or self._affected(target, changed):
                self._render(target)

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
                self._render(target)
            return self.renderings.get(target)

    def problems(self, target: Target) -> list[str]:
        """What stands between the files on disk and this document: content errors, or
        its rendering's failure."""
        with self._lock:
            return self.errors or (
                [self.render_errors[target]] if target in self.render_errors else []
            )

    def _render(self, target: Target) -> None:
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
            self.render_errors[target] = "; ".join(str(d) for d in exc.diagnostics)
            return
        except OSError as exc:
            self.render_errors[target] = one_line(f"error: {exc.strerror or exc}")
            return
        self.render_errors.pop(target, None)
        self.renderings[target] = Rendering(html, references)

    def file(self, target: Target, fmt: str) -> bytes:
        """The document's PDF or DOCX, made in this process from its current rendering
        and kept in memory until the content changes."""
        with self._lock:
            rendering = self.rendering(target)
            if rendering is None:
                raise LookupError(f"{target.kind} {target.id} ({target.lang}) cannot be rendered")
            if fmt not in rendering.files:
                assert self.library is not None
                with reported_as_content_error(self.library, target.kind, target.id):
                    document = assemble(self.library, target.kind, target.id, target.lang)
                    made = Target(target.kind, target.id, target.lang, fmt)
                    if fmt == "pdf":
                        rendering.files[fmt] = pdf_of(made, document).data
                    else:
                        from rapporteur.write.docx import write_docx

                        rendering.files[fmt] = write_docx(rendering.html)
            return rendering.files[fmt]

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
    path = path.resolve()
    for root in roots:
        root = root.resolve()
        if path == root or root in path.parents:
            return True
    return False
