"""Invoke tasks. Each one is a thin call into the rapporteur package."""

from __future__ import annotations

from pathlib import Path

from invoke import Context, Exit, task

from rapporteur import cli
from rapporteur.paths import CONTENT_DIR


def _done(status: int) -> None:
    """Leave with the status the package returned; 0 means success."""
    if status:
        raise Exit(code=status)


@task(help={"content": "content folder to check (default: content/)"})
def check(c: Context, content: str = str(CONTENT_DIR)) -> None:
    """Validate all content; print a summary per meeting and language."""
    _done(cli.check(Path(content)))


SELECTION_HELP = {
    "lang": "only this language (repeatable)",
    "format": "only this format: pdf, docx, html, xlsx, csv (repeatable)",
}
CONTENT_HELP = {"content": "content folder to build from (default: content/)"}
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
    content: str = str(CONTENT_DIR),
    force: bool = False,
    jobs: int = 0,
    quiet: bool = False,
) -> None:
    """Validate content and build what is out of date into build/, with build/manifest.json."""
    _done(
        cli.build(
            Path(content),
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
        "adopted": "build the consolidated list of adopted items instead",
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
    content: str = str(CONTENT_DIR),
    force: bool = False,
    jobs: int = 0,
    quiet: bool = False,
) -> None:
    """Build the compilations (PDF, DOCX, HTML, XLSX, CSV), or with --adopted the adopted lists."""
    _done(
        cli.build(
            Path(content),
            langs=lang or (),
            formats=format or (),
            compilations=compilation or (),
            kinds=["adopted"] if adopted else ["compilation"],
            force=force,
            jobs=jobs or None,
            quiet=quiet,
        )
    )


@task(
    help={
        "check": "only report files not in the canonical layout; exit 1 if any",
        "content": "content folder (default: content/)",
    }
)
def fmt(c: Context, check: bool = False, content: str = str(CONTENT_DIR)) -> None:
    """Rewrite content files in the canonical layout (comments kept); idempotent."""
    _done(cli.fmt(Path(content), check_only=check))


@task(
    iterable=["meeting", "compilation", "lang", "format"],
    help={
        "base": "the revision to compare with (a commit, branch or tag)",
        "head": "the revision to compare (default: the working tree)",
        "meeting": "only this meeting (repeatable)",
        "compilation": "only this compilation (repeatable)",
        **SELECTION_HELP,
    },
)
def diff(
    c: Context,
    base: str,
    head: str | None = None,
    meeting: list[str] | None = None,
    compilation: list[str] | None = None,
    lang: list[str] | None = None,
    format: list[str] | None = None,
) -> None:
    """Change summary and redlines (DOCX tracked changes, marked-up PDF and HTML)."""
    _done(
        cli.diff(
            base,
            head,
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
    }
)
def bench(c: Context, quick: bool = False, runs: int = 3) -> None:
    """Benchmark against WeasyPrint alone and Pandoc; writes build/bench/results.json."""
    from rapporteur.bench.run import bench as run_bench
    from rapporteur.bench.summary import markdown

    print(markdown(run_bench(quick=quick, runs=runs)), end="")


@task
def setup_git(c: Context) -> None:
    """Once per clone: let git diff show content as numbered text (see .gitattributes)."""
    c.run('git config diff.rapporteur.textconv ".venv/bin/python -m rapporteur.review.textconv"')
    c.run("git config diff.rapporteur.cachetextconv false")


@task
def test(c: Context) -> None:
    """Run every test: ruff (lint and format) and pytest."""
    c.run("ruff check src tests tasks.py")
    c.run("ruff format --check src tests tasks.py")
    c.run("pytest -q")
