"""Building groups of targets in worker processes, with a progress bar.

Workers are forked after the content is loaded, so each starts with the library in
memory (redlines use the same pool for their documents); it is frozen out of the
garbage collector first, so no worker's collections walk it (or copy its pages).
Jobs are handed out costliest first. Every product depends only on its inputs, so
the bytes, and the manifest written from them, are the same for any number of jobs.
"""

from __future__ import annotations

import ctypes
import functools
import gc
import os
import signal
from collections.abc import Callable, Iterator
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context
from typing import Any, TypeVar

from rapporteur.build.produce import Product, groups, produce_group
from rapporteur.build.targets import Target
from rapporteur.diagnostics import ContentError, Diagnostic
from rapporteur.load.content import Library

T = TypeVar("T")

# The task of the pool being run: set in the parent before forking, so workers start
# with it (and all it refers to: the library, the documents) in memory.
_TASK: Callable[[int], Any] | None = None


def _work(index: int) -> Any:
    assert _TASK is not None
    return _TASK(index)


PR_SET_PDEATHSIG = 1  # linux/prctl.h


def _die_with_parent(parent: int) -> None:
    """A worker's first act: ask the kernel to end it when the build's process dies
    (killed, say), so no orphan goes on rendering for minutes."""
    try:
        libc = ctypes.CDLL(None, use_errno=True)
        libc.prctl(PR_SET_PDEATHSIG, signal.SIGTERM)
    except (OSError, AttributeError):  # not Linux: workers end with their queue
        return
    if os.getppid() != parent:  # the parent died before the request was made
        os._exit(1)


def default_jobs() -> int:
    return len(os.sched_getaffinity(0)) if hasattr(os, "sched_getaffinity") else os.cpu_count() or 1


def in_workers(
    task: Callable[[int], T], count: int, jobs: int
) -> Iterator[tuple[int, Callable[[], T]]]:
    """``task(0)`` … ``task(count - 1)`` in up to ``jobs`` forked workers (in this process
    for one job or one task), as they finish: (index, a call giving its result or
    raising its exception)."""
    global _TASK
    if jobs <= 1 or count <= 1:
        for index in range(count):
            yield index, functools.partial(task, index)
        return
    _TASK = task
    gc.freeze()
    try:
        with ProcessPoolExecutor(
            max_workers=jobs,
            mp_context=get_context("fork"),
            initializer=_die_with_parent,
            initargs=(os.getpid(),),
        ) as pool:
            futures = {pool.submit(_work, index): index for index in range(count)}
            for future in as_completed(futures):
                yield futures[future], future.result
    finally:
        gc.unfreeze()
        _TASK = None


def run(
    library: Library,
    targets: list[Target],
    jobs: int,
    progress: Callable[[list[Target]], None] | None = None,
    size: Callable[[Target], int] = lambda t: 0,
) -> list[Product]:
    """Every product of ``targets``; content errors of all groups are raised together.

    ``size``: of a target's inputs, to hand out the costliest jobs first.
    """
    work = groups(targets, size)
    products: list[Product] = []
    problems: list[Diagnostic] = []
    for index, result in in_workers(lambda i: produce_group(library, work[i]), len(work), jobs):
        try:
            products += result()
        except ContentError as exc:
            problems += exc.diagnostics
        if progress:
            progress(work[index])
    if problems:
        raise ContentError(problems)
    return sorted(products, key=lambda p: p.target)
