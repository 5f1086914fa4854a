"""Writing products to build/: atomic files and build/manifest.json."""

from __future__ import annotations

import contextlib
import errno
import hashlib
import json
import os
import tempfile
from collections.abc import Iterable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapporteur.build.layout import FOLDERS

if TYPE_CHECKING:  # kept light: a build with nothing to do reads the manifest only
    from rapporteur.build.produce import Product

MANIFEST = "manifest.json"
ENTRY_TEXTS = ("kind", "id", "lang", "format", "path", "sha256")


def _plain_file_mode() -> int:
    """The mode ``open()`` would give a new file: 0o666 less the umask (read once)."""
    umask = os.umask(0)
    os.umask(umask)
    return 0o666 & ~umask


PLAIN_FILE_MODE = _plain_file_mode()


TEMPORARY_SUFFIX = ".tmp"  # ".<name>.<random>.tmp", beside the file it will become


def _stage(path: Path, data: bytes, mode: int | None = None) -> Path:
    """``data`` in a temporary file beside ``path``, on disk (fsync'd); gone on failure."""
    if path.is_dir():  # a rename onto it would fail once others were renamed
        raise IsADirectoryError(errno.EISDIR, "is a folder, not a file", str(path))
    try:
        fd, temporary = tempfile.mkstemp(
            dir=path.parent, prefix=f".{path.name}.", suffix=TEMPORARY_SUFFIX
        )
    except OSError as exc:  # named by the file it was to become, not the temporary
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    try:
        os.fchmod(fd, PLAIN_FILE_MODE if mode is None else mode)  # mkstemp's is 0600
        with os.fdopen(fd, "wb") as file:
            file.write(data)
            file.flush()
            os.fsync(file.fileno())
    except OSError as exc:  # a failed write names no file: name the one being written
        Path(temporary).unlink(missing_ok=True)
        raise OSError(exc.errno, exc.strerror, str(path)) from None
    except BaseException:
        Path(temporary).unlink(missing_ok=True)
        raise
    return Path(temporary)


def write_atomically(path: Path, data: bytes, mode: int | None = None) -> None:
    """Write to a temporary file beside ``path``, then rename: never a half-written file.

    ``mode``: the new file's permissions; a plain new file's by default.
    """
    path.parent.mkdir(parents=True, exist_ok=True)
    os.replace(_stage(path, data, mode), path)


def write_all(files: list[tuple[Path, bytes]]) -> None:
    """Write every file, or none: all are staged first, and only once every one of them
    is on disk are they renamed into place. On failure (a full disk, a read-only
    folder, an interruption) no temporary file and no new folder is left behind."""
    made_folders: list[Path] = []
    staged: list[tuple[Path, Path]] = []
    try:
        for path, data in files:
            missing = [f for f in (path.parent, *path.parent.parents) if not f.exists()]
            path.parent.mkdir(parents=True, exist_ok=True)
            made_folders += reversed(missing)
            staged.append((_stage(path, data), path))
    except BaseException:
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)
        for folder in reversed(made_folders):
            with contextlib.suppress(OSError):
                folder.rmdir()
        raise
    try:
        for temporary, path in staged:
            os.replace(temporary, path)
    finally:  # after a failed rename, no temporary is left behind
        for temporary, _ in staged:
            temporary.unlink(missing_ok=True)


def remove_strays(build_dir: Path) -> None:
    """Temporary files a killed build left behind (``.<name>.<random>.tmp``)."""
    if build_dir.is_dir():
        for stray in build_dir.rglob(f".*{TEMPORARY_SUFFIX}"):
            stray.unlink(missing_ok=True)


def manifest_entry(product: Product, build_dir: Path) -> dict[str, Any]:
    target = product.target
    entry: dict[str, Any] = {
        "kind": target.kind,
        "id": target.id,
        "lang": target.lang,
        "format": target.format,
        "path": (Path(build_dir.name) / target.relative_path()).as_posix(),
        "sha256": hashlib.sha256(product.data).hexdigest(),
    }
    if product.pages is not None:
        entry["pages"] = product.pages
    if product.inputs:
        entry["inputs"] = product.inputs
        entry["roots"] = list(product.roots)
    return entry


def read_manifest(build_dir: Path) -> list[dict[str, Any]]:
    path = build_dir / MANIFEST
    if not path.is_file():
        return []
    try:
        artifacts = json.loads(path.read_text(encoding="utf-8"))["artifacts"]
    except (ValueError, KeyError, TypeError):
        return []  # a damaged manifest is rebuilt from what this build writes
    if not isinstance(artifacts, list):
        return []
    # Only entries of the shape this module writes; anything else is rebuilt.
    return [
        entry
        for entry in artifacts
        if isinstance(entry, dict)
        and all(isinstance(entry.get(key), str) for key in ENTRY_TEXTS)
        and isinstance(entry.get("roots", []), list)
        and all(isinstance(root, str) for root in entry.get("roots", []))
    ]


def commit(
    products: list[Product],
    build_dir: Path,
    planned: Iterable[str] | None = None,
    replacing: str | None = None,
) -> list[dict[str, Any]]:
    """Write every product and the manifest, all or nothing (``write_all``).

    The manifest keeps the entries of artifacts not rebuilt; with ``planned`` (the paths
    of a whole build), entries of artifacts that are no longer built are dropped, but
    redlines, which builds do not make, are kept. With ``replacing`` (a kind: "redline"),
    the products are all there is of that kind: earlier files of it are removed.
    """
    remove_strays(build_dir)
    fresh = [manifest_entry(product, build_dir) for product in products]
    paths = {entry["path"] for entry in fresh}
    keep = set(planned) if planned is not None else None
    recorded = read_manifest(build_dir)
    kept = [
        entry
        for entry in recorded
        if entry.get("path") not in paths
        and (keep is None or entry.get("path") in keep or entry.get("kind") == "redline")
        and entry.get("kind") != replacing
    ]
    artifacts = sorted(kept + fresh, key=lambda entry: entry["path"])
    text = json.dumps({"artifacts": artifacts}, indent=2, ensure_ascii=False, sort_keys=True)
    files = [(build_dir / p.target.relative_path(), p.data) for p in products]
    write_all([*files, (build_dir / MANIFEST, (text + "\n").encode("utf-8"))])
    if replacing is not None:  # only once the new ones and the manifest are in place
        folder = build_dir / FOLDERS[replacing]
        written = {path for path, _ in files}
        for stale in sorted(folder.glob("*")) if folder.is_dir() else []:
            if stale.is_file() and stale not in written:
                stale.unlink()
    return artifacts
