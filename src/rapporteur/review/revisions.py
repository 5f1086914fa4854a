"""Content at a git revision, read without touching the working tree or the index."""

from __future__ import annotations

import io
import subprocess
import tarfile
import tempfile
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path


class RevisionError(Exception):
    """A revision that does not exist, or a git that cannot be asked."""


@dataclass(frozen=True)
class Revision:
    name: str  # as the user gave it, or "working tree"
    commit: str | None
    author: str
    date: datetime
    content: Path  # a content/ folder with the revision's files


def _git(*args: str, repo: Path) -> str:
    result = subprocess.run(["git", "-C", str(repo), *args], capture_output=True, check=False)
    if result.returncode != 0:
        raise RevisionError(result.stderr.decode(errors="replace").strip() or "git failed")
    return result.stdout.decode("utf-8", errors="replace").strip()


def _printable(name: str) -> str:
    """A name as the redlines can carry it: no control characters (XML refuses them)."""
    return "".join(char for char in name if char.isprintable())


def commits_between(base: str, head: str, repo: Path) -> list[str]:
    """The commits after ``base`` up to ``head``, oldest first, along first parents (a
    merged branch counts as its merge commit, as a reviewer of main sees it)."""
    listed = _git("rev-list", "--reverse", "--first-parent", f"{base}..{head}", repo=repo)
    return listed.split()


@contextmanager
def revision(ref: str | None, repo: Path, content: Path) -> Iterator[Revision]:
    """The content of ``ref`` (a commit-ish), or of the working tree when ``ref`` is None."""
    if ref is None:
        try:
            author = _git("config", "user.name", repo=repo)
        except RevisionError:
            author = "unknown"
        # The working tree has no commit date: now, to the minute.
        now = datetime.now(UTC).replace(second=0, microsecond=0)
        yield Revision("working tree", None, _printable(author) or "unknown", now, content)
        return
    try:
        commit = _git("rev-parse", "--verify", "--quiet", f"{ref}^{{commit}}", repo=repo)
    except RevisionError:
        raise RevisionError(f"revision '{ref}' does not exist") from None
    author = _printable(_git("log", "-1", "--format=%an", commit, repo=repo))
    date = datetime.fromisoformat(_git("log", "-1", "--format=%cI", commit, repo=repo))
    relative = content.resolve().relative_to(repo.resolve()).as_posix()
    archive = subprocess.run(
        ["git", "-C", str(repo), "archive", "--format=tar", commit, relative],
        capture_output=True,
        check=False,
    )
    if archive.returncode != 0:
        raise RevisionError(f"revision '{ref}' has no {relative}/")
    with tempfile.TemporaryDirectory(prefix="rapporteur-rev-") as scratch:
        with tarfile.open(fileobj=io.BytesIO(archive.stdout)) as tar:
            try:
                tar.extractall(scratch, filter="data")
            except tarfile.FilterError as exc:  # a committed link to outside the tree
                raise RevisionError(f"revision '{ref}': {exc}") from None
        yield Revision(ref, commit, author, date, Path(scratch) / relative)
