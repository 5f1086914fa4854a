"""Deciding what is out of date, from the inputs recorded in build/manifest.json.

An artifact is fresh when the digest of its inputs is the one recorded for it and
its file still has the recorded sha256; anything else (a changed input, a deleted or
damaged file, --force) rebuilds it.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from pathlib import Path
from typing import Any

from rapporteur.build.inputs import Hasher, content_roots, inputs_digest
from rapporteur.build.layout import COMPILATION_KINDS, KINDS
from rapporteur.build.output import read_manifest


def artifact_intact(entry: dict[str, Any], build_dir: Path) -> bool:
    path = build_dir.parent / entry.get("path", "")
    return path.is_file() and hashlib.sha256(path.read_bytes()).hexdigest() == entry.get("sha256")


def nothing_to_do(build_dir: Path, content: Path) -> bool:
    """True when every document is built and fresh; decided without loading content.

    The manifest must cover exactly the meeting and compilation folders there are, and
    each artifact's recorded inputs must hash as recorded.
    """
    entries = [e for e in read_manifest(build_dir) if e.get("kind") in KINDS]
    if not entries or any("roots" not in e or "inputs" not in e for e in entries):
        return False
    folders = {
        (kind, p.name)
        for kind, sub in (("report", "meetings"), ("compilation", "compilations"))
        for p in (content / sub).glob("*")
        if p.is_dir()
    }
    recorded = {
        ("compilation" if e["kind"] in COMPILATION_KINDS else e["kind"], e["id"]) for e in entries
    }
    if folders != recorded:
        return False
    hasher = Hasher()
    return all(
        inputs_digest(hasher, [content.parent / r for r in e["roots"]], content) == e["inputs"]
        and artifact_intact(e, build_dir)
        for e in entries
    )


def stale(
    targets: list,
    build_dir: Path,
    content: Path,
    meetings_of: Callable[[Any], list[str]],
    force: bool = False,
) -> tuple[list[tuple[Any, str, tuple[str, ...]]], int]:
    """(target, inputs digest, input roots) for each target to build, and how many are fresh."""
    recorded = {e.get("path"): e for e in read_manifest(build_dir)}
    hasher = Hasher()
    todo = []
    fresh = 0
    for target in targets:
        roots = content_roots(target.kind, target.id, target.lang, meetings_of(target), content)
        digest = inputs_digest(hasher, roots, content)
        # Not resolved: content/ may be a link, and the roots are named as under it.
        relative = tuple(r.relative_to(content.parent).as_posix() for r in roots)
        entry = recorded.get((Path(build_dir.name) / target.relative_path()).as_posix())
        if (
            not force
            and entry is not None
            and entry.get("inputs") == digest
            and artifact_intact(entry, build_dir)
        ):
            fresh += 1
        else:
            todo.append((target, digest, relative))
    return todo, fresh
