"""Invoke tasks. Each one is a thin call into the rapporteur package."""

from __future__ import annotations

import os
import sys
import tempfile
from pathlib import Path

from invoke import Context, Exit, task

from rapporteur import cli
from rapporteur.paths import Project

# The project is the checkout this file is in (or --root): never where the package is
# installed, so a clone sharing another's environment still works on its own files.
HERE = Path(__file__).resolve().parent


def _given(path: str) -> Path:
    """A path typed on the command line, from where it was typed (./dev changes into
    the checkout before running a task)."""
    return Path(os.environ.get("RAPPORTEUR_CALLER_DIR", ".")) / path


def _project(root: str) -> Project:
    return Project(_given(root).resolve() if root else HERE)


def _content(root: str, content: str) -> Path:
    return _given(content) if content else _project(root).content


def _done(status: int) -> None:
    """Leave with the status the package returned; 0 means success."""
    if status:
        raise Exit(code=status)


ROOT_HELP = {"root": "the project's folder (default: the checkout of this tasks.py)"}


@task(help={"content": "content folder to check (default: content/)", **ROOT_HELP})
def check(c: Context, content: str = "", root: str = "") -> None:
    """Validate all content; print a summary per meeting and language."""
    _done(cli.check(_content(root, content)))


SELECTION_HELP = {
    "lang": "only this language (repeatable)",
    "format": "only this format: pdf, docx, html, xlsx, csv (repeatable)",
}
CONTENT_HELP = {"content": "content folder to build from (default: content/)", **ROOT_HELP}
BUILD_HELP = {
    "force": "rebuild everything, fresh or not",
    "jobs": "worker processes (default: one per core)",
    "quiet": "no progress bar and no list of files (for CI)",
}


@task(
    iterable=["meeting", "compilation", "lang", "format"],
    help={
        "meeting": "only this meeting's reports (repeatable)",
        "compilation": "only this compilation and its adopted list (repeatable)",
        **SELECTION_HELP,
        **CONTENT_HELP,
        **BUILD_HELP,
    },
)
def build(
    c: Context,
    meeting: list[str] | None = None,
    compilation: list[str] | None = None,
    lang: list[str] | None = None,
    format: list[str] | None = None,
    content: str = "",
    root: str = "",
    force: bool = False,
    jobs: int = 0,
    quiet: bool = False,
) -> None:
    """Validate content and build what is out of date into build/, with build/manifest.json."""
    _done(
        cli.build(
            _content(root, content),
            _project(root).build,
            meetings=meeting or (),
            langs=lang or (),
            formats=format or (),
            compilations=compilation or (),
            force=force,
            jobs=jobs or None,
            quiet=quiet,
        )
    )


@task(
    iterable=["compilation", "lang", "format"],
    help={
        "adopted": "build the adopted lists (compilation.yaml's adopted:) instead",
        "compilation": "only this compilation (repeatable)",
        **SELECTION_HELP,
        **CONTENT_HELP,
        **BUILD_HELP,
    },
)
def compile(
    c: Context,
    adopted: bool = False,
    compilation: list[str] | None = None,
    lang: list[str] | None = None,
    format: list[str] | None = None,
    content: str = "",
    root: str = "",
    force: bool = False,
    jobs: int = 0,
    quiet: bool = False,
) -> None:
    """Build the compilations as issued and their status editions (PDF, DOCX, HTML) and the
    tracking workbook (XLSX, CSV); or with --adopted the adopted lists."""
    _done(
        cli.build(
            _content(root, content),
            _project(root).build,
            langs=lang or (),
            formats=format or (),
            compilations=compilation or (),
            kinds=["adopted"] if adopted else ["compilation", "status"],
            force=force,
            jobs=jobs or None,
            quiet=quiet,
        )
    )


@task(help={"check": "only say whether messages.pot is up to date (exit 1 if not)"})
def catalog(c: Context, check: bool = False) -> None:
    """Extract the strings of the code and templates into locale/messages.pot, the
    template every language's catalog is translated from."""
    _done(cli.catalog(check))


@task(
    help={
        "meeting": "the report whose URL is printed first (default: the first)",
        "lang": "its language (default: the meeting's first)",
        "port": "the port on 127.0.0.1 (default 8000; 0: any free one)",
        **ROOT_HELP,
    },
)
def serve(c: Context, meeting: str = "", lang: str = "", port: int = 8000, root: str = "") -> None:
    """Live preview while editing: a warm process re-renders what a save changes and
    reloads open pages; prints the URL and serves until Ctrl-C. Writes nothing."""
    _done(cli.serve(_project(root).root, meeting, lang, port))


@task(
    name="import",
    help={
        "meeting": "the meeting the DOCX is a report of",
        "lang": "the language it is written in",
        "as_commit": "onto a new git branch: one commit per author of tracked changes",
        **CONTENT_HELP,
    },
)
def import_docx(
    c: Context,
    docx: str,
    meeting: str,
    lang: str,
    as_commit: bool = False,
    content: str = "",
    root: str = "",
) -> None:
    """Read a report's DOCX, edited in Word (tracked changes accepted), back into its
    fragments: only the blocks whose text changed are rewritten; comments are listed."""
    _done(cli.import_docx(_content(root, content), _given(docx), meeting, lang, as_commit))


@task(
    help={
        "compilation": "the compilation the workbook tracks (needed when there are several)",
        **CONTENT_HELP,
    }
)
def import_status(
    c: Context, workbook: str, compilation: str = "", content: str = "", root: str = ""
) -> None:
    """Read the tracking workbook (build/compilations/<id>.xlsx, as edited) back into
    status.yaml; refuses, naming each cell, and writes nothing when a value is wrong."""
    _done(cli.import_status(_content(root, content), _given(workbook), compilation))


@task(
    help={
        "check": "only report files not in the canonical layout; exit 1 if any",
        "content": "content folder (default: content/)",
        **ROOT_HELP,
    }
)
def fmt(c: Context, check: bool = False, content: str = "", root: str = "") -> None:
    """Rewrite content files in the canonical layout (comments kept); idempotent."""
    _done(cli.fmt(_content(root, content), check_only=check))


@task(
    iterable=["meeting", "compilation", "lang", "format"],
    help={
        "base": "the revision to compare with (a commit, branch or tag)",
        "head": "the revision to compare (default: the working tree)",
        "meeting": "only this meeting (repeatable)",
        "compilation": "only this compilation (repeatable)",
        **SELECTION_HELP,
        **ROOT_HELP,
        "changes-only": "each redline shows only the changed blocks, with their lead-ins",
        "by-commit": "each changed block by the commit that last changed it (author, date)",
        "jobs": BUILD_HELP["jobs"],
    },
)
def diff(
    c: Context,
    base: str = "",  # a flag, not a positional: "./dev diff --help" must show the help
    head: str | None = None,
    meeting: list[str] | None = None,
    compilation: list[str] | None = None,
    lang: list[str] | None = None,
    format: list[str] | None = None,
    root: str = "",
    changes_only: bool = False,
    by_commit: bool = False,
    jobs: int = 0,
) -> None:
    """Change summary and redlines (DOCX tracked changes, marked-up PDF and HTML)."""
    if not base:
        print("error: name the revision to compare with: --base REF", file=sys.stderr)
        raise Exit(code=2)
    _done(
        cli.diff(
            base,
            head,
            repo=_project(root).root,
            content=_project(root).content,
            build_dir=_project(root).build,
            changes_only=changes_only,
            by_commit=by_commit,
            jobs=jobs,
            meetings=meeting or (),
            langs=lang or (),
            formats=format or (),
            compilations=compilation or (),
        )
    )


@task(
    help={
        "quick": "smaller sizes (minutes, not tens of minutes)",
        "runs": "repetitions per measurement; the median is reported",
        **ROOT_HELP,
    }
)
def bench(c: Context, quick: bool = False, runs: int = 3, root: str = "") -> None:
    """Benchmark against WeasyPrint alone and Pandoc; writes build/bench/results.json."""
    from rapporteur.bench.run import bench as run_bench
    from rapporteur.bench.summary import markdown

    print(markdown(run_bench(_project(root), quick=quick, runs=runs)), end="")


@task(help=ROOT_HELP)
def parity(c: Context, root: str = "") -> None:
    """Build, then say how far each DOCX's pages start from its PDF's, as LibreOffice
    lays the DOCX out with tests/fonts.conf."""
    from rapporteur.bench.parity import markdown, measure

    project = _project(root)
    status = cli.build(project.content, project.build, quiet=True)
    if status:
        _done(status)
    print(markdown(measure(project.build, project.root / "tests" / "fonts.conf")), end="")


@task(help={"meeting": "the meeting (default: the first by id)", **CONTENT_HELP})
def samples(c: Context, meeting: str = "", content: str = "", root: str = "") -> None:
    """Page 1 of a report in each of its languages, as small PNGs in docs/samples/ for
    the README."""
    project = _project(root)
    _done(cli.samples(_content(root, content), project.build, project.root / "docs", meeting))


@task
def setup_git(c: Context) -> None:
    """Once per clone: let git diff show content as numbered text (see .gitattributes)."""
    # This environment's Python by its full path: git may run the converter from a
    # worktree or a subfolder, where a relative .venv/ is not there.
    c.run(f'git config diff.rapporteur.textconv "{sys.executable} -m rapporteur.review.textconv"')
    # git keeps each blob's text (refs/notes/textconv): a version is converted once, with the
    # numbers its place had then; `git notes --ref textconv/rapporteur prune` forgets them.
    c.run("git config diff.rapporteur.cachetextconv true")


@task(
    help={
        "path": "a module to mutate, repeatable (default: every module of "
        "[tool.rapporteur.mutate] in pyproject.toml)",
        "jobs": "mutants tested at once (default: the cores)",
        **ROOT_HELP,
    },
    iterable=["path"],
)
def mutate(c: Context, path: list[str], jobs: int = 0, root: str = "") -> None:
    """Mutation testing (mutmut) of the modules where a bug corrupts a document silently,
    each with the tests that exercise it; ends with the score, equivalents left out."""
    from rapporteur.bench.mutation import MutationRunError, modules
    from rapporteur.bench.mutation import mutate as run_mutation

    project = _project(root)
    known = modules(project)
    chosen = list(path) or list(known)
    unknown = [p for p in chosen if p not in known]
    if unknown:
        raise Exit(f"error: {unknown[0]}: not in [tool.rapporteur.mutate] of pyproject.toml", 2)
    killed = total = 0
    for module in chosen:
        try:
            score = run_mutation(project, module, known[module], jobs or os.cpu_count() or 1)
        except MutationRunError as error:
            raise Exit(f"error: {error}", 2) from None
        for name in score.survivors:
            print(f"  survived: {name}")
        for name in score.stale:
            print(f"  equivalent no longer matching (counted): {name}")
        print(f"{module}: {score.line} ({score.equivalent} equivalent left out)")
        killed, total = killed + score.killed, total + score.total
    print(f"mutation score: {killed}/{total} killed ({100 * killed / max(total, 1):.1f} %)")


@task
def test(c: Context) -> None:
    """Run every test: ruff (lint and format), then pytest under coverage (branches, in
    subprocesses too), which fails under the floor set in pyproject.toml."""
    c.run("ruff check src tests tasks.py")
    c.run("ruff format --check src tests tasks.py")
    with tempfile.TemporaryDirectory(prefix="rapporteur-coverage-") as folder:
        env = {"COVERAGE_FILE": str(Path(folder) / ".coverage")}
        c.run("coverage run -m pytest -q", env=env)
        c.run("coverage combine -q", env=env)
        c.run("coverage report", env=env)
