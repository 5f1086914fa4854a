"""One import step: a DOCX read (with some authors' tracked changes, or everyone's)
and merged into the content, tried as ``check`` would try it; and, for ``--as-commit``,
the steps that make a branch with one commit per author."""

from __future__ import annotations

import re
import shutil
import subprocess
import tempfile
from collections.abc import Callable
from pathlib import Path

from rapporteur.build.output import write_atomically
from rapporteur.diagnostics import Diagnostic
from rapporteur.load.content import Library
from rapporteur.load.trial import trial_library, trial_load
from rapporteur.model import document as doc
from rapporteur.model.assemble import assemble_report
from rapporteur.model.plaintext import plain_text
from rapporteur.wordimport.docx_reader import (
    DocxRefused,
    WordDocument,
    normalized,
    read_docx,
    read_paragraphs,
)
from rapporteur.wordimport.fragments import Outcome
from rapporteur.wordimport.front_matter import read_front
from rapporteur.wordimport.merge import merge, script
from rapporteur.wordimport.new_meeting import NewMeeting, new_meeting
from rapporteur.wordimport.outline import read_outline
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
    write_files(outcome.files)


def write_files(files: dict[Path, str]) -> None:
    for path, text in sorted(files.items()):
        write_atomically(path, text.encode("utf-8"))


def write_folder(folder: Path, files: dict[Path, str], scratch: Path) -> None:
    """A new folder with ``files`` (paths under it), whole or not at all: written in
    ``scratch`` (the project's folder, outside content/: a folder left by a killed
    import is no meeting to check), then renamed into place."""
    staging = Path(tempfile.mkdtemp(prefix=".rapporteur-import-", dir=scratch)) / folder.name
    try:
        for path, text in sorted(files.items()):
            target = staging / path.relative_to(folder)
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        folder.parent.mkdir(parents=True, exist_ok=True)
        staging.rename(folder)
    finally:
        shutil.rmtree(staging.parent, ignore_errors=True)


def new(library: Library, content: Path, docx: Path, meeting: str, lang: str) -> NewMeeting:
    """A new meeting from a DOCX made elsewhere, tried as ``check`` would try it and
    built: a generated list (States, organizations, the agenda) is kept only where the
    report reads as the DOCX did; ContentRefused if ``check`` would refuse the rest."""
    document = read_paragraphs(docx, NOTE_MARK_STYLE_ID)
    spec = library.languages.record.root[lang]
    # (a DOCX made elsewhere says a language property Word or LibreOffice set, often
    # en-US whatever its text: its script is what is checked)
    terms = library.terms[lang].record
    theirs = script(" ".join(p.text for p in document.paragraphs))
    ours = script(" ".join(terms.states.values()) + " ".join(terms.bodies.values()))
    if theirs and ours and theirs != ours:
        raise DocxRefused(f"is mostly in {theirs} script; {lang} is written in {ours}")
    outline = read_outline(document.paragraphs, spec)
    if not outline.chapters:
        raise DocxRefused(
            "has no chapter heading (a numbered one, or in a Heading 1 style): it does not "
            "read as a report"
        )
    front = read_front(outline.front, document.margins, document.notes, library, lang)
    symbol = front.found.get("symbol")
    for other in library.meetings.values():
        if symbol == other.meeting.record.symbol:
            raise DocxRefused(
                f"is {symbol}, the report of meeting {other.id}: import it with "
                f"--meeting {other.id}"
            )
    refused: set[str] = set()
    while True:
        made = new_meeting(
            library,
            meeting,
            lang,
            outline,
            front,
            document.notes,
            docx.name,
            as_typed=frozenset(refused),
        )
        with trial_library(content, made.files) as (trial, problems):
            if trial is None:
                raise ContentRefused(problems)
            report = assemble_report(trial, meeting, lang)
        differing = {
            paragraph.id
            for paragraph in report.paragraphs()
            if paragraph.id in made.generated and made.expected[paragraph.id] != _read(paragraph)
        }
        if not differing:
            break
        refused |= differing
    read = {}
    for paragraph in report.paragraphs():
        if paragraph.id in made.generated:
            read[paragraph.id] = _read(paragraph)
            continue
        stack = [("paragraph", paragraph)]
        while stack:
            level, block = stack.pop()
            read[block.id] = f"{level}: {_visible(block.content)}"
            deeper = "item" if level == "paragraph" else "nested"
            stack += [(deeper, item) for item in block.items]
    made.same = sum(read.get(block_id) == text for block_id, text in made.expected.items())
    if document.endnotes:
        made.warnings.append(f"{document.endnotes} endnote(s) not read: a report has footnotes")
    return made


def _read(block: doc.Paragraph | doc.Item, level: str = "paragraph") -> str:
    """A paragraph, then its items and theirs, as one text: as new_meeting records a
    generated list's."""
    deeper = "item" if level == "paragraph" else "nested"
    return " | ".join(
        [f"{level}: {_visible(block.content)}", *(_read(item, deeper) for item in block.items)]
    )


def _visible(content: doc.Content) -> str:
    """The text as the DOCX showed it: references as their symbols, no note marks
    (their numbers are the report's)."""
    return normalized(plain_text(tuple(s for s in content if not isinstance(s, doc.NoteCall))))


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
