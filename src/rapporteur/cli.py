"""Entry points that tasks.py calls: exit codes and what reaches the terminal.

Content errors are printed one per line as ``path:line:col: message`` and end the
run with status 2, never with a traceback.
"""

from __future__ import annotations

import functools
import os
import stat
import sys
from collections.abc import Callable, Sequence
from pathlib import Path
from typing import TYPE_CHECKING, Any

from rapporteur.build.layout import KINDS
from rapporteur.diagnostics import ContentError, Diagnostic, Position, display_path, one_line

if TYPE_CHECKING:
    from contextlib import ExitStack

    from rapporteur.load.content import Library
    from rapporteur.model.document import Change
    from rapporteur.review.revisions import Revision

# The heavy modules (pydantic, Jinja, WeasyPrint…) are imported where they are used: a
# build with nothing to do decides so from the manifest alone, well under half a second.
EXIT_CONTENT_ERROR = 2
EXIT_BUILD_ERROR = 1


def load_or_report(content: Path) -> Library | None:
    from rapporteur.load.loader import load_library

    try:
        return load_library(content)
    except ContentError as exc:
        _report(exc)
        return None


def _report(exc: ContentError) -> None:
    for diagnostic in exc.diagnostics:
        print(diagnostic, file=sys.stderr)
    count = len(exc.diagnostics)
    print(f"{count} error{'s' if count != 1 else ''}; nothing was built.", file=sys.stderr)


def one_line_on_failure(command: Callable[..., int]) -> Callable[..., int]:
    """A broken environment (read-only or full disk, an unreadable file) ends in one
    line naming the path and the cause, status 1; a closed pipe ends quietly."""

    @functools.wraps(command)
    def run(*args: Any, **kwargs: Any) -> int:
        try:
            status = command(*args, **kwargs)
            sys.stdout.flush()  # here, not at exit, where a closed pipe is a traceback
            return status
        except BrokenPipeError:  # the reader went away (``./dev diff | head``)
            os.dup2(os.open(os.devnull, os.O_WRONLY), sys.stdout.fileno())
            return 0
        except OSError as exc:
            where = f"{display_path(Path(exc.filename))}: " if exc.filename else ""
            print(one_line(f"error: {where}{exc.strerror or exc}"), file=sys.stderr)
            return EXIT_BUILD_ERROR

    return run


@one_line_on_failure
def check(content: Path) -> int:
    from rich.console import Console
    from rich.table import Table

    from rapporteur.load.canonical import non_canonical
    from rapporteur.summary import OTHER_LIMIT, SECRETARIAT_LIMIT, adopted_lists, summarize

    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    from rapporteur.build.rehearse import rehearse

    problems = rehearse(library)
    if problems:
        _report(ContentError(problems))
        return EXIT_CONTENT_ERROR
    rows, warnings = summarize(library)
    warnings += [
        Diagnostic(Position(path, 1, 1), "not in the canonical layout; run ./dev fmt", "warning")
        for path in non_canonical(content)
    ]
    for warning in warnings:
        print(warning, file=sys.stderr)
    table = Table(title=f"Content in {content}: valid", title_justify="left")
    for column in ("meeting", "lang", "symbol", "paras", "recs", "nested", "words"):
        table.add_column(
            column, justify="right" if column in {"paras", "recs", "nested", "words"} else "left"
        )
    for row in rows:
        words = f"{row.words:,}" + (" (original)" if row.is_original else "")
        table.add_row(
            row.meeting_id,
            row.lang,
            row.symbol,
            str(row.paragraphs),
            str(row.recommendations),
            str(row.nested),
            words,
        )
    console = Console(width=100)
    console.print(table)
    console.print(
        f"Word limits bind the original language: {SECRETARIAT_LIMIT:,} words for "
        f"Secretariat reports, {OTHER_LIMIT:,} for other documents "
        "(headings and footnotes count; each Chinese character counts as a word)."
    )
    for line in adopted_lists(library):
        print(line)
    return 0


@one_line_on_failure
def build(
    content: Path,
    build_dir: Path,
    meetings: Sequence[str] = (),
    langs: Sequence[str] = (),
    formats: Sequence[str] = (),
    compilations: Sequence[str] = (),
    kinds: Sequence[str] = KINDS,
    force: bool = False,
    jobs: int | None = None,
    quiet: bool = False,
) -> int:
    """Validate, then build what is out of date; write nothing unless all of it was made."""
    whole = not (meetings or langs or formats or compilations) and tuple(kinds) == KINDS
    if whole and not force:
        from rapporteur.build.incremental import nothing_to_do
        from rapporteur.build.output import remove_strays

        if nothing_to_do(build_dir, content):
            remove_strays(build_dir)  # a killed build's temporaries go even so
            if not quiet:
                print("nothing to do: every document is up to date")
            return 0
    from rapporteur.build.run import BuildFailed, run_build

    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    try:
        built = run_build(
            library,
            content,
            build_dir,
            meetings,
            langs,
            formats,
            compilations,
            kinds,
            force=force,
            jobs=jobs,
            quiet=quiet,
        )
    except ContentError as exc:  # found only while compiling, e.g. brackets left in an agreed item
        _report(exc)
        return EXIT_CONTENT_ERROR
    except BuildFailed as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_BUILD_ERROR if exc.status is None else exc.status
    if not quiet:
        for path in built:
            print(path)
    return 0


@one_line_on_failure
def fmt(content: Path, check_only: bool = False) -> int:
    """Rewrite content in the canonical layout; with ``check_only``, only say which files differ.

    Invalid content is reported and left untouched: the layout is only ever applied to
    files that load, so formatting can never change what a file means.
    """
    from rapporteur.build.output import write_atomically
    from rapporteur.load.canonical import canonical_text, non_canonical

    if load_or_report(content) is None:
        return EXIT_CONTENT_ERROR
    changed = non_canonical(content)
    for path in changed:
        if check_only:
            print(
                f"{display_path(path)}:1:1: not in the canonical layout; run ./dev fmt",
                file=sys.stderr,
            )
        else:
            write_atomically(
                path,
                canonical_text(path.read_text(encoding="utf-8")).encode(),
                mode=stat.S_IMODE(path.stat().st_mode),  # the author's file keeps its mode
            )
            print(f"formatted {display_path(path)}")
    return EXIT_BUILD_ERROR if check_only and changed else 0


@one_line_on_failure
def diff(
    base: str,
    head: str | None,
    repo: Path,
    content: Path,
    build_dir: Path,
    meetings: Sequence[str] = (),
    langs: Sequence[str] = (),
    formats: Sequence[str] = (),
    compilations: Sequence[str] = (),
    changes_only: bool = False,
    by_commit: bool = False,
    jobs: int = 0,
) -> int:
    """Compare two revisions: print the change summary, write the redlines to build/redlines/.

    ``by_commit``: each change of a report is attributed to the commit that last made
    it (its author and date), read from every commit between base and head.
    """
    from contextlib import ExitStack

    from rapporteur.build.output import commit
    from rapporteur.build.parallel import default_jobs
    from rapporteur.build.targets import SelectionError
    from rapporteur.review.redlines import redlines
    from rapporteur.review.revisions import RevisionError, revision

    try:
        with ExitStack() as revisions:
            base_rev = revisions.enter_context(revision(base, repo, content))
            head_rev = revisions.enter_context(revision(head, repo, content))
            libraries = [(rev, _load_revision(rev, content)) for rev in (base_rev, head_rev)]
            if any(library is None for _, library in libraries):
                return EXIT_CONTENT_ERROR
            history = (
                _history(revisions, base_rev, head_rev, libraries[1][1], repo, content)
                if by_commit
                else None
            )
            results = redlines(
                libraries[0],
                libraries[1],
                meetings,
                langs,
                formats,
                compilations,
                changes_only,
                history,
                jobs or default_jobs(),
            )
    except (RevisionError, SelectionError) as exc:
        print(f"error: {exc}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    # Written before anything is printed: a reader that stops early (``| head``) loses
    # lines of the summary, never the redlines.
    commit([p for r in results for p in r.products], build_dir, replacing="redline")
    for result in results:
        print(f"{result.meeting_id} ({result.lang}):")
        for line in result.summary or ["no changes"]:
            print(f"  {line}")
    for result in results:
        for product in result.products:
            print(build_dir.name / product.target.relative_path())
    return 0


def _history(
    revisions: ExitStack,
    base: Revision,
    head: Revision,
    head_library: Library,
    repo: Path,
    content: Path,
) -> list[tuple[Library, Change]]:
    """The content after each commit from base to head (and the working tree, when it is
    the head), with who made it and when. A commit whose content does not load is passed
    over: its changes count as the next one's."""
    from rapporteur.load.loader import load_library
    from rapporteur.model.document import Change
    from rapporteur.review.revisions import commits_between, revision

    history: list[tuple[Library, Change]] = []
    for commit in commits_between(base.commit or "HEAD", head.commit or "HEAD", repo):
        if commit == head.commit:
            history.append((head_library, Change(head.author, head.date, commit)))
            continue
        rev = revisions.enter_context(revision(commit, repo, content))
        try:
            history.append((load_library(rev.content), Change(rev.author, rev.date, commit)))
        except ContentError:
            continue
    if head.commit is None:
        history.append((head_library, Change(head.author, head.date)))
    return history


def _load_revision(rev: Revision, content: Path) -> Library | None:
    """Load a revision's content; errors of a commit name it, as ``REV:path:line:col``;
    those of the working tree are plain ``path:line:col``, as editors jump to them."""
    from rapporteur.load.loader import load_library

    if rev.commit is None:
        return load_or_report(rev.content)
    try:
        return load_library(rev.content)
    except ContentError as exc:
        label = rev.name
        root = rev.content.resolve()
        for diagnostic in exc.diagnostics:
            path = diagnostic.position.path.resolve()
            shown = (
                (Path(content.name) / path.relative_to(root)) if path.is_relative_to(root) else path
            )
            where = f"{shown}:{diagnostic.position.line}:{diagnostic.position.column}"
            print(f"{label}:{where}: {diagnostic.message}", file=sys.stderr)
        print(f"{len(exc.diagnostics)} error(s) in {label}; nothing was built.", file=sys.stderr)
        return None


@one_line_on_failure
def import_docx(
    content: Path, docx_path: Path, meeting: str, lang: str, as_commit: bool = False
) -> int:
    """A DOCX of a meeting's report, edited in Word, read back into its fragments: only
    the blocks whose text changed are rewritten; nothing is written if any of it would
    fail ``check``. ``as_commit``: onto a new git branch instead, one commit per author
    of tracked changes."""
    from rapporteur.load.loader import load_library
    from rapporteur.wordimport import steps
    from rapporteur.wordimport.docx_reader import DocxRefused

    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    if meeting not in library.meetings:
        return _import_new_meeting(library, content, docx_path, meeting, lang, as_commit)
    if lang not in library.meetings[meeting].languages:
        known = ", ".join(sorted(library.meetings[meeting].languages))
        print(f"error: --lang {lang}: {meeting} is not written in it ({known})", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    try:
        if as_commit:
            branch, subjects, outcome = steps.as_commits(
                content, docx_path, meeting, lang, load_library
            )
        else:
            outcome = steps.step(library, content, steps.read(docx_path), meeting, lang)
            steps.write(outcome)
    except DocxRefused as exc:
        print(f"{display_path(docx_path)}: {exc}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except steps.GitRefused as exc:
        print(f"error: --as-commit: {exc}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except steps.ContentRefused as exc:
        return _import_refused(exc.problems)
    if as_commit:
        for subject in subjects:
            print(f"committed: {subject}")
        print(f"branch {branch}" if subjects else "no changes: no branch made")
    else:
        for path in sorted(outcome.files):
            print(f"wrote {display_path(path)}")
    for label, ids in (
        ("changed", outcome.changed),
        ("added (marked for translation in the other languages)", outcome.added),
        ("deleted (in every language)", outcome.deleted),
        ("moved (in every language)", outcome.moved),
        ("merged (in every language)", outcome.merged),
        ("notes changed or added", outcome.notes),
    ):
        if ids and not as_commit:
            print(f"{label}: {', '.join(ids)}")
    for comment in outcome.comments:
        print(f"comment: {comment}")
    for warning in outcome.warnings:
        print(f"note: {warning}")
    if not as_commit and not outcome.files:
        print(f"no changes: the fragments of {meeting} ({lang}) already say what the DOCX says")
    return 0


def _import_refused(problems: Sequence[Diagnostic]) -> int:
    """What check would refuse in what an import would write: each problem, nothing
    written."""
    for problem in problems:
        print(f"{problem} (as the import would write it)", file=sys.stderr)
    count = len(problems)
    print(f"{count} error{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)
    return EXIT_CONTENT_ERROR


def _import_new_meeting(
    library: Library, content: Path, docx_path: Path, meeting: str, lang: str, as_commit: bool
) -> int:
    """A DOCX made elsewhere as a new meeting: its files written, its placeholders and
    what could not be read listed, and how much of it the built report reads back."""
    from rapporteur.load.patterns import ID_RE
    from rapporteur.wordimport import steps
    from rapporteur.wordimport.docx_reader import DocxRefused

    folder = content / "meetings" / meeting
    problem = (
        f"--meeting {meeting}: not an id (lower-case letters, digits and hyphens)"
        if not ID_RE.fullmatch(meeting)
        else f"--meeting {meeting}: {display_path(folder)} exists but is no meeting"
        if folder.exists() or folder.is_symlink()
        else f"--lang {lang}: not a language of content/languages.yaml"
        if lang not in library.languages.record.root or lang not in library.terms
        else "--as-commit: a new meeting has no tracked changes to attribute; import it "
        "without --as-commit"
        if as_commit
        else ""
    )
    if problem:
        print(f"error: {problem}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    try:
        made = steps.new(library, content, docx_path, meeting, lang)
    except DocxRefused as exc:
        print(f"{display_path(docx_path)}: {exc}", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    except steps.ContentRefused as exc:
        return _import_refused(exc.problems)
    steps.write_folder(folder, made.files, content.parent)
    for path in sorted(made.files):
        print(f"wrote {display_path(path)}")
    print(
        f"new meeting {meeting} ({lang}): {made.same} of {len(made.expected)} numbered blocks "
        "read as the DOCX has them"
    )
    if made.placeholders:
        print(f"placeholders (check warns of each): {', '.join(made.placeholders)}")
    for warning in made.warnings:
        print(f"note: {warning}")
    return 0


def serve(root: Path, meeting: str = "", lang: str = "", port: int = 8000) -> int:
    """The live preview until Ctrl-C: prints the URL, opens nothing."""
    import time

    from rapporteur.paths import Project
    from rapporteur.preview.server import first_url, start
    from rapporteur.preview.workspace import Workspace

    if not 0 <= port <= 65535:
        print(f"error: --port {port}: not a port (0 to 65535; 0: any free one)", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    workspace = Workspace(Project(root))
    for error in workspace.errors:  # the content as it stands: the pages show it too
        print(error, file=sys.stderr)
    reports = [d for d in workspace.documents() if d.kind == "report"]
    chosen = [d for d in reports if d.id == (meeting or d.id) and d.lang == (lang or d.lang)]
    if workspace.library is not None:  # a meeting's original language first
        meetings = workspace.library.meetings
        chosen.sort(key=lambda d: (d.id, d.lang != meetings[d.id].meeting.record.original_language))
    if (meeting or lang) and not chosen and workspace.library is not None:
        print(
            f"error: no report of {meeting or 'any meeting'} in {lang or 'any language'}",
            file=sys.stderr,
        )
        return EXIT_CONTENT_ERROR
    try:
        server = start(workspace, port)
    except OSError as exc:
        print(one_line(f"error: port {port}: {exc.strerror or exc}"), file=sys.stderr)
        return EXIT_BUILD_ERROR
    print(f"preview: {first_url(server, chosen[0] if chosen else None)}")
    print("(Ctrl-C stops it)", flush=True)
    try:
        while True:
            time.sleep(3600)
    except KeyboardInterrupt:
        pass
    finally:
        server.stop()
    print("preview stopped")
    return 0


def import_status(content: Path, workbook: Path, compilation: str = "") -> int:
    """Read the tracking workbook facilitators edited back into status.yaml: every
    problem at its cell and nothing written, or the items changed."""
    from rapporteur.build.output import write_atomically
    from rapporteur.load.workbook import CellProblem, WorkbookRefused, read_workbook
    from rapporteur.write.status_file import trial_problems, with_edits

    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    known = sorted(library.compilations)
    if not compilation and len(known) == 1:
        compilation = known[0]
    if compilation not in library.compilations:
        asked = f"--compilation {compilation}" if compilation else "--compilation ID is needed"
        print(f"error: {asked}: (known: {', '.join(known) or 'none'})", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    comp = library.compilations[compilation]
    if comp.status is None:
        print(
            f"error: {display_path(comp.folder)} has no status.yaml: start one with its as_of: "
            "time, then import",
            file=sys.stderr,
        )
        return EXIT_CONTENT_ERROR
    status_path = comp.status.file.path
    try:
        read = read_workbook(workbook, library, compilation)
        written = with_edits(status_path.read_text(encoding="utf-8"), read.edits)
        # What is written must pass check: tried on a copy of the content first, its
        # problems reported at the rows they come from.
        problems = trial_problems(content, status_path, written, read.edits)
        if problems:
            raise WorkbookRefused(
                [CellProblem(workbook, read.sheet, cell, message) for cell, message in problems]
            )
    except WorkbookRefused as exc:
        for problem in exc.problems:
            print(problem, file=sys.stderr)
        count = len(exc.problems)
        print(f"{count} error{'s' if count != 1 else ''}; nothing was written.", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    if read.missing:
        print(
            f"note: {len(read.missing)} item{'s' if len(read.missing) != 1 else ''} of "
            f"'{compilation}' have no row in the sheet and are left as they are: "
            + ", ".join(read.missing[:5])
            + (", …" if len(read.missing) > 5 else "")
        )
    if not read.edits:
        print(f"no changes: {display_path(status_path)} already says what the sheet says")
        return 0
    write_atomically(status_path, written.encode("utf-8"))
    for edit in read.edits:
        for line in edit.changes:
            print(line)
    count = len(read.edits)
    print(f"{display_path(status_path)}: {count} item{'s' if count != 1 else ''} changed")
    return 0


@one_line_on_failure
def catalog(check: bool = False) -> int:
    """Write locale/messages.pot from the code and templates; with ``check``, only
    report whether it is up to date (status 1 if not)."""
    from rapporteur.build.output import write_atomically
    from rapporteur.catalogs import TEMPLATE, extracted_template

    data = extracted_template()
    if TEMPLATE.is_file() and TEMPLATE.read_bytes() == data:
        print(f"{display_path(TEMPLATE)} is up to date")
        return 0
    if check:
        print(f"{display_path(TEMPLATE)} is out of date: run ./dev catalog", file=sys.stderr)
        return 1
    write_atomically(TEMPLATE, data)
    print(f"wrote {display_path(TEMPLATE)}")
    return 0


@one_line_on_failure
def samples(content: Path, build_dir: Path, docs: Path, meeting: str = "") -> int:
    """Page 1 of a meeting's report in each of its languages, as small PNGs in
    ``docs/samples/`` for the README (made by this command, never by hand)."""
    import subprocess
    import tempfile

    from PIL import Image

    from rapporteur.build.output import write_atomically

    library = load_or_report(content)
    if library is None:
        return EXIT_CONTENT_ERROR
    meeting = meeting or sorted(library.meetings)[0]
    if meeting not in library.meetings:
        print(f"error: --meeting {meeting}: no such meeting", file=sys.stderr)
        return EXIT_CONTENT_ERROR
    status = build(content, build_dir, meetings=[meeting], formats=["pdf"], quiet=True)
    if status:
        return status
    for lang in library.meetings[meeting].languages:
        pdf = build_dir / "reports" / f"{meeting}.{lang}.pdf"
        with tempfile.TemporaryDirectory() as scratch:
            stem = Path(scratch) / "page"
            subprocess.run(
                ["pdftoppm", "-r", "40", "-png", "-f", "1", "-l", "1", "-singlefile", pdf, stem],
                check=True,
            )
            out = Path(scratch) / "small.png"
            # 32 greys and reds: a few kilobytes each, the same bytes every time
            Image.open(f"{stem}.png").convert("RGB").quantize(colors=32).save(out, optimize=True)
            write_atomically(docs / "samples" / f"{meeting}.{lang}.png", out.read_bytes())
        print(f"{display_path(docs / 'samples' / f'{meeting}.{lang}.png')}")
    return 0
