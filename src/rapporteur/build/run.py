"""A build: plan the targets, keep the fresh ones, make the rest in parallel, commit."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import replace
from functools import cache, partial
from pathlib import Path

from rapporteur.build.incremental import stale
from rapporteur.build.inputs import roots_size
from rapporteur.build.layout import KINDS
from rapporteur.build.output import commit
from rapporteur.build.parallel import default_jobs, run
from rapporteur.build.targets import SelectionError, Target, meetings_of, plan
from rapporteur.load.content import Library
from rapporteur.write.pdf import FetchRefused

PROGRESS_MIN = 4  # fewer artifacts than this build without a progress bar


class BuildFailed(Exception):
    def __init__(self, message: str, status: int | None = None) -> None:
        super().__init__(message)
        self.status = status


def run_build(
    library: Library,
    content: Path,
    build_dir: Path,
    meetings: Sequence[str],
    langs: Sequence[str],
    formats: Sequence[str],
    compilations: Sequence[str],
    kinds: Sequence[str],
    force: bool = False,
    jobs: int | None = None,
    quiet: bool = False,
) -> list[Path]:
    """Build what is out of date; return the paths written (relative to the repository)."""
    try:
        targets = plan(library, meetings, langs, formats, compilations, kinds)
    except SelectionError as exc:
        raise BuildFailed(str(exc), status=2) from None

    todo, _fresh = stale(targets, build_dir, content, partial(meetings_of, library), force=force)
    recorded = {target: (digest, roots) for target, digest, roots in todo}
    root = content.parent

    @cache  # a document's PDF, DOCX and HTML share their inputs
    def inputs_size(roots: tuple[str, ...]) -> int:
        return roots_size(root / r for r in roots)

    def size(target: Target) -> int:
        return inputs_size(recorded[target][1])

    try:
        products = _make(library, [t for t, _, _ in todo], jobs or default_jobs(), quiet, size)
    except FetchRefused as exc:
        raise BuildFailed(f"{exc}; nothing was written.") from None
    products = [
        replace(p, inputs=recorded[p.target][0], roots=recorded[p.target][1]) for p in products
    ]
    # Only a build of everything may drop entries of documents that are gone; any
    # narrower one (compile, --lang…) keeps every entry it did not make.
    whole = not (meetings or langs or formats or compilations) and tuple(kinds) == KINDS
    planned = [(Path(build_dir.name) / t.relative_path()).as_posix() for t in targets]
    commit(products, build_dir, planned if whole else None)
    return [Path(build_dir.name) / p.target.relative_path() for p in products]


def _make(
    library: Library,
    targets: list[Target],
    jobs: int,
    quiet: bool,
    size: Callable[[Target], int],
) -> list:
    if quiet or len(targets) < PROGRESS_MIN:
        return run(library, targets, jobs, size=size)
    from rich.progress import BarColumn, MofNCompleteColumn, Progress, TextColumn, TimeElapsedColumn

    with Progress(
        TextColumn("[bold]{task.description}"),
        BarColumn(),
        MofNCompleteColumn(),
        TimeElapsedColumn(),
        transient=False,
    ) as bar:
        task = bar.add_task("building", total=len(targets))

        def advance(group: list[Target]) -> None:
            names = ", ".join(t.relative_path().name for t in group)
            bar.update(task, advance=len(group), description=names[:60])

        return run(library, targets, jobs, progress=advance, size=size)
