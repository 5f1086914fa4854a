"""What ``check`` would say of the content if some of its files were rewritten: the
importers (a workbook into status.yaml, a DOCX into fragments) write nothing it refuses."""

from __future__ import annotations

import contextlib
import shutil
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from rapporteur.diagnostics import ContentError, Diagnostic
from rapporteur.load.content import Library


def trial_load(content_dir: Path, rewritten: dict[Path, str]) -> list[Diagnostic]:
    """The errors of ``content_dir`` with each file of ``rewritten`` (a path under it)
    holding the given text; their positions name the real files, not the trial's."""
    with trial_library(content_dir, rewritten) as (_, problems):
        return problems


@contextlib.contextmanager
def trial_library(
    content_dir: Path, rewritten: dict[Path, str]
) -> Iterator[tuple[Library | None, list[Diagnostic]]]:
    """The library ``content_dir`` would be with ``rewritten``, loaded from a copy that
    lasts as long as the ``with``; or None and its errors, at the real files' paths."""
    from rapporteur.load.loader import load_library

    with tempfile.TemporaryDirectory() as scratch:
        trial = Path(scratch) / "content"
        shutil.copytree(content_dir, trial, symlinks=True)
        for path, text in rewritten.items():
            target = trial / path.resolve().relative_to(content_dir.resolve())
            target.parent.mkdir(parents=True, exist_ok=True)
            target.write_text(text, encoding="utf-8")
        try:
            library = load_library(trial)
        except ContentError as exc:
            real = content_dir.resolve()
            out = []
            for diagnostic in exc.diagnostics:
                path = diagnostic.position.path
                with contextlib.suppress(ValueError):  # a file outside the trial copy
                    path = real / path.resolve().relative_to(trial.resolve())
                message = diagnostic.message.replace(str(trial.resolve()), str(content_dir))
                message = message.replace(str(trial), str(content_dir))
                out.append(
                    replace(
                        diagnostic,
                        position=replace(diagnostic.position, path=path),
                        message=message,
                    )
                )
            yield None, out
            return
        yield library, []
