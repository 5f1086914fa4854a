"""What each artifact is made from, as one digest: the basis of incremental builds.

An artifact's inputs are its content folders and files (a report: its meeting, the
terms and languages; a compilation: also its own folder and its meetings), plus what
every artifact shares: the engine (code, templates, CSS and catalogs), the installed
library versions, and the identity of the fonts. Stdlib only: a build with nothing to do
decides so without importing the loader or any writer.
"""

from __future__ import annotations

import hashlib
import sysconfig
from collections.abc import Iterable
from pathlib import Path

from rapporteur.build.layout import ALL_LANGUAGES
from rapporteur.paths import ENGINE_DIR, MARKS_DIR

# The fonts' identity: which files, of what size and date (hashing 90 MB of CJK font
# on every build would cost more than the builds it saves).
FONT_GLOBS = (
    "/usr/share/fonts/opentype/noto/NotoSerifCJK-*.ttc",
    "/usr/share/fonts/truetype/liberation2/LiberationSerif-*.ttf",
)


class Hasher:
    """File digests, each file read once per run."""

    def __init__(self) -> None:
        self._files: dict[Path, str] = {}
        self._shared: str | None = None

    def file(self, path: Path) -> str:
        if path not in self._files:
            self._files[path] = hashlib.sha256(path.read_bytes()).hexdigest()
        return self._files[path]

    def roots(self, roots: Iterable[Path], base: Path) -> str:
        """One digest of every file under ``roots``: names (relative to ``base``) and bytes."""
        digest = hashlib.sha256()
        for root in roots:
            files = (
                [root]
                if root.is_file()
                else sorted(
                    p for p in root.rglob("*") if p.is_file() and "__pycache__" not in p.parts
                )
            )
            if not root.exists():
                digest.update(f"missing {_relative(root, base)}\n".encode())
            for path in files:
                digest.update(f"{_relative(path, base)}\0{self.file(path)}\n".encode())
        return digest.hexdigest()

    def shared(self) -> str:
        """The digest of what every artifact shares, computed once per run."""
        if self._shared is not None:
            return self._shared
        # The engine: code, templates and catalogs; and the libraries it runs with.
        digest = hashlib.sha256(self.roots([ENGINE_DIR], ENGINE_DIR).encode())
        digest.update(_libraries().encode())
        for pattern in FONT_GLOBS:
            for font in sorted(Path("/").glob(pattern.lstrip("/"))):
                stat = font.stat()
                digest.update(f"{font}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
        self._shared = digest.hexdigest()
        return self._shared


def _libraries() -> str:
    """Every installed distribution and its version, by the names of their metadata
    folders (``weasyprint-70.0.dist-info``): the environment the engine runs with."""
    site = Path(sysconfig.get_paths()["purelib"])
    return "\n".join(sorted(p.name for p in site.glob("*.dist-info")))


def _relative(path: Path, base: Path) -> str:
    try:
        return path.resolve().relative_to(base.resolve()).as_posix()
    except ValueError:
        return path.as_posix()


def content_roots(
    kind: str, doc_id: str, lang: str, meetings: Iterable[str], content: Path
) -> list[Path]:
    """The content an artifact in ``lang`` is made from ("mul": every language).

    ``meetings``: those a compilation draws on. English terms always count: lists of
    States are in English alphabetical order in every language. content/marks/ counts
    whole: its marks.yaml may name one file for every language.
    """
    every = lang == ALL_LANGUAGES
    roots = [content / "languages.yaml", content / MARKS_DIR]  # page 1's images: any language's
    roots += (
        [content / "terms"]
        if every
        else sorted({content / "terms" / f"{lang}.yaml", content / "terms" / "en.yaml"})
    )
    meeting_dirs = [doc_id] if kind == "report" else list(meetings)
    if kind != "report":
        folder = content / "compilations" / doc_id
        # The edition as issued is made without the negotiation's status.
        status = [] if kind == "compilation" else [folder / "status.yaml"]
        roots += [folder] if every else [folder / "compilation.yaml", *status, folder / lang]
    for meeting in meeting_dirs:
        folder = content / "meetings" / meeting
        roots += [folder] if every else [folder / "meeting.yaml", folder / lang]
    return roots


def inputs_digest(hasher: Hasher, roots: list[Path], content: Path) -> str:
    """The digest recorded in the manifest: the artifact's own inputs and the shared ones."""
    own = hasher.roots(roots, content.parent)
    return hashlib.sha256(f"{own}\0{hasher.shared()}".encode()).hexdigest()


def roots_size(roots: Iterable[Path]) -> int:
    """Bytes of every file under ``roots``: how much there is to typeset, roughly."""
    return sum(
        path.stat().st_size
        for root in roots
        for path in ([root] if root.is_file() else root.rglob("*"))
        if path.is_file()
    )
