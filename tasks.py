"""Invoke tasks. Each one is a thin call into the rapporteur package."""

from __future__ import annotations

from pathlib import Path

from invoke import Context, Exit, task

from rapporteur import cli
from rapporteur.paths import CONTENT_DIR


@task(help={"content": "content folder to check (default: content/)"})
def check(c: Context, content: str = str(CONTENT_DIR)) -> None:
    """Validate all content; print a summary per meeting and language."""
    status = cli.check(Path(content))
    if status:
        raise Exit(code=status)


@task(
    iterable=["meeting", "lang", "format"],
    help={
        "meeting": "build only this meeting (repeatable)",
        "lang": "build only this language (repeatable)",
        "format": "build only this format: pdf, html (repeatable)",
        "content": "content folder to build from (default: content/)",
    },
)
def build(
    c: Context,
    meeting: list[str] | None = None,
    lang: list[str] | None = None,
    format: list[str] | None = None,
    content: str = str(CONTENT_DIR),
) -> None:
    """Validate content and build every document into build/, with build/manifest.json."""
    status = cli.build(
        Path(content), meetings=meeting or (), langs=lang or (), formats=format or ()
    )
    if status:
        raise Exit(code=status)


@task
def test(c: Context) -> None:
    """Run every test: ruff (lint and format) and pytest."""
    c.run("ruff check src tests tasks.py")
    c.run("ruff format --check src tests tasks.py")
    c.run("pytest -q")
