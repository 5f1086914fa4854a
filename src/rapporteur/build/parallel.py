"""Building groups of targets in worker processes, with a progress bar.

Workers are forked after the content is loaded, so each starts with the library in
memory; the library is frozen out of the garbage collector first, so no worker's
collections walk it (or copy its pages). Jobs are handed out costliest first. Every
product depends only on its inputs, so the bytes, and the manifest written from
them, are the same for any number of jobs.
"""

from __future__ import annotations

import ctypes
import gc
import os
import signal
from collections.abc import Callable
from concurrent.futures import ProcessPoolExecutor, as_completed
from multiprocessing import get_context

from rapporteur.build.produce import Product, groups, produce_group
from rapporteur.build.targets import Target
from rapporteur.diagnostics import ContentError, Diagnostic
from rapporteur.load.content import Library

_LIBRARY: Library | None = None  # set in the parent before forking


def _work(group: list[Target]) -> list[Product]:
    assert _LIBRARY is not None
    return produce_group(_LIBRARY, group)


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
    global _LIBRARY
    work = groups(targets, size)
    products: list[Product] = []
    problems: list[Diagnostic] = []
    if jobs <= 1 or len(work) <= 1:
        for group in work:
            try:
                products += produce_group(library, group)
            except ContentError as exc:
                problems += exc.diagnostics
            if progress:
                progress(group)
    else:
        _LIBRARY = library
        gc.freeze()
        try:
            with ProcessPoolExecutor(
                max_workers=jobs,
                mp_context=get_context("fork"),
                initializer=_die_with_parent,
                initargs=(os.getpid(),),
            ) as pool:
                futures = {pool.submit(_work, group): group for group in work}
                for future in as_completed(futures):
                    try:
                        products += future.result()
                    except ContentError as exc:
                        problems += exc.diagnostics
                    if progress:
                        progress(futures[future])
        finally:
            gc.unfreeze()
            _LIBRARY = None
    if problems:
        raise ContentError(problems)
    return sorted(products, key=lambda p: p.target)
