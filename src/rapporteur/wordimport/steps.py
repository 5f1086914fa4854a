"""One import step: a DOCX read (with some authors' tracked changes, or everyone's)
and merged into the content, tried as ``check`` would try it; and, for ``--as-commit``,
the steps that make a branch with one commit per author."""

from __future__ import annotations

import re
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from rapporteur.build.output import write_atomically
from rapporteur.diagnostics import Diagnostic
from rapporteur.load.content import Library
from rapporteur.load.trial import trial_load
from rapporteur.wordimport.docx_reader import WordDocument, read_docx
from rapporteur.wordimport.fragments import Outcome
from rapporteur.wordimport.merge import merge
from rapporteur.write.docx import BODY_STYLE_IDS, NOTE_MARK_STYLE_ID


class ContentRefused(ValueError):
    """What the import would write fails ``check``: the problems, nothing written."""

    def __init__(self, problems: list[Diagnostic]) -> None:
        super().__init__(f"{len(problems)} problems")
        self.problems = problems


def read(docx: Path, accept: frozenset[str] | None = None) -> WordDocument:
    return read_docx(docx, BODY_STYLE_IDS, NOTE_MARK_STYLE_ID, accept)


def step(library: Library, content: Path, word: WordDocument, meeting: str, lang: str) -> Outcome:
    """What ``word`` changes in the content; ContentRefused if ``check`` would refuse it."""
    outcome = merge(library, meeting, lang, word)
    problems = trial_load(content, outcome.files) if outcome.files else []
    if problems:
        raise ContentRefused(problems)
    return outcome


def write(outcome: Outcome) -> None:
    for path, text in sorted(outcome.files.items()):
        write_atomically(path, text.encode("utf-8"))


# --- --as-commit -------------------------------------------------------------------------


class GitRefused(ValueError):
    """The project is no git checkout, or its content has uncommitted changes."""


def _git(root: Path, *args: str, env: dict[str, str] | None = None) -> str:
    result = subprocess.run(
        ["git", "-C", str(root), *args], capture_output=True, text=True, env=env
    )
    if result.returncode:
        raise GitRefused(f"git {args[0]}: {result.stderr.strip() or result.stdout.strip()}")
    return result.stdout.strip()


def as_commits(
    content: Path,
    docx: Path,
    meeting: str,
    lang: str,
    load: Callable[[Path], Library],
) -> tuple[str, list[str], Outcome]:
    """The DOCX's changes on a new branch made from HEAD, in a worktree of its own (the
    checkout's files are not touched): first the edits made without tracking, by
    whoever runs the import, then one commit per author of tracked changes, in the order
    of their latest change, dated as it is. Returns the branch, the commits' subjects
    and the last step's outcome (its comments and warnings)."""
    import os

    top = Path(_git(content, "rev-parse", "--show-toplevel"))
    relative = content.resolve().relative_to(top.resolve())
    if _git(top, "status", "--porcelain", "--", str(relative)):
        raise GitRefused(f"{relative}/ has uncommitted changes: commit them, then import")
    everyone = read(docx)
    authors = sorted(everyone.authors, key=lambda a: everyone.latest.get(a, ""))
    # a branch name from the file's (spaces and brackets are not allowed in one)
    stem = re.sub(r"[^A-Za-z0-9._-]+", "-", docx.stem).strip("-.") or "docx"
    branch = _free_branch(top, f"import/{stem}")
    subjects: list[str] = []
    with tempfile.TemporaryDirectory(prefix="rapporteur-import-") as scratch:
        tree = Path(scratch) / "tree"
        _git(top, "worktree", "add", "--quiet", "-b", branch, str(tree), "HEAD")
        try:
            tree_content = tree / relative
            outcome = Outcome()
            stages = [(None, frozenset[str]())] + [
                (author, frozenset(authors[: n + 1])) for n, author in enumerate(authors)
            ]
            base = everyone.base
            for author, accepted in stages:
                word = read(docx, accepted)
                # each stage's base is what the one before read: its edits are in the
                # content now, and not this stage's to make again
                word.base = base
                outcome = step(load(tree_content), tree_content, word, meeting, lang)
                base = {**base, **{i: digest for i, digest in outcome.read.items() if i}}
                if not outcome.files:
                    continue
                write(outcome)
                _git(tree, "add", "--", str(relative))
                if author is None:
                    subject = f"Import {docx.name}: edits made in Word without tracking"
                    _git(tree, "commit", "--quiet", "-m", subject)
                else:
                    moment = everyone.latest.get(author) or ""
                    env = {**os.environ, "GIT_COMMITTER_DATE": moment} if moment else None
                    dated = ["--date", moment] if moment else []
                    # git takes a name without "<" or ">", and not an empty one
                    name = re.sub(r"[<>\n]", "", author).strip() or "Unknown author"
                    subject = f"Import {docx.name}: changes tracked by {name}"
                    _git(
                        tree,
                        "commit",
                        "--quiet",
                        "--author",
                        f"{name} <>",
                        *dated,
                        "-m",
                        subject,
                        env=env,
                    )
                subjects.append(subject)
        except BaseException:  # refused, or interrupted: no branch that looks finished
            _git(top, "worktree", "remove", "--force", str(tree))
            _git(top, "branch", "-D", branch)
            raise
        _git(top, "worktree", "remove", "--force", str(tree))
    if not subjects:
        _git(top, "branch", "-D", branch)
    return branch, subjects, outcome


def _free_branch(top: Path, base: str) -> str:
    existing = set(_git(top, "branch", "--list", "--format=%(refname:short)").splitlines())
    name, number = base, 2
    while name in existing:
        name, number = f"{base}-{number}", number + 1
    return name
