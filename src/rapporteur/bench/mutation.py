"""Test strength, measured: mutation testing with mutmut, one module at a time with the
tests that exercise it (pyproject.toml's [tool.rapporteur.mutate]).

Each run works on a copy of the checkout's tracked files under build/mutate/, so the
checkout is never touched. A mutant that cannot change behaviour is listed, with the
reason, in tests/equivalent_mutants.toml and left out of the score; an entry whose
mutated line no longer matches (the module changed) counts again, and is named.
"""

from __future__ import annotations

import os
import re
import shutil
import subprocess
import sys
import tomllib
from dataclasses import dataclass
from pathlib import Path

from rapporteur.paths import Project

EQUIVALENTS = Path("tests") / "equivalent_mutants.toml"
KILLED = {"killed", "timeout", "segfault"}  # the tests noticed (a hang or a crash is noticed)


class MutationRunError(Exception):
    """mutmut did not get as far as a score."""


@dataclass(frozen=True)
class Score:
    module: str
    killed: int
    total: int  # equivalents left out
    survivors: tuple[str, ...]
    equivalent: int
    stale: tuple[str, ...]  # equivalents whose mutated line no longer matches

    @property
    def line(self) -> str:
        percent = 100 * self.killed / self.total if self.total else 100.0
        return f"mutation score: {self.killed}/{self.total} killed ({percent:.1f} %)"


def modules(project: Project) -> dict[str, list[str]]:
    """Each module mutation testing covers → the tests that exercise it."""
    data = tomllib.loads((project.root / "pyproject.toml").read_text(encoding="utf-8"))
    return data["tool"]["rapporteur"]["mutate"]


def mutate(project: Project, module: str, tests: list[str], jobs: int) -> Score:
    work = project.build / "mutate" / Path(module).stem
    shutil.rmtree(work, ignore_errors=True)
    _copy_tracked(project.root, work)
    config = (
        "\n[tool.mutmut]\n"
        'source_paths = ["src"]\n'
        f"only_mutate = [{module!r}]\n"
        f"pytest_add_cli_args_test_selection = {tests!r}\n"
        'pytest_add_cli_args = ["-p", "no:cacheprovider"]\n'
        'also_copy = ["tests", "content", "tasks.py"]\n'
    )
    with (work / "pyproject.toml").open("a", encoding="utf-8") as pyproject:
        pyproject.write(config)
    mutmut = [sys.executable, "-m", "mutmut"]
    env = {**os.environ, "PYTHONDONTWRITEBYTECODE": "1"}
    log = work / "mutmut.log"  # its progress and last words, kept out of the terminal
    with log.open("w", encoding="utf-8") as output:
        ran = subprocess.run(
            [*mutmut, "run", "--max-children", str(jobs)],
            cwd=work,
            env=env,
            stdout=output,
            stderr=subprocess.STDOUT,
        )
    if ran.returncode:
        # mutmut stops when the tests fail with no mutant at all: nothing was measured
        tail = log.read_text(encoding="utf-8", errors="replace")[-2000:]
        said = [line.strip() for line in re.split(r"[\r\n]", tail) if line.strip()]
        raise MutationRunError(
            f"{module}: mutmut stopped (exit {ran.returncode}) before scoring; its tests "
            f"may fail on the code as it is: run them, or see {work} "
            f"({said[-1] if said else 'no message'})"
        )
    listed = subprocess.run(
        [*mutmut, "results", "--all", "true"],
        cwd=work,
        env=env,
        check=True,
        capture_output=True,
        text=True,
    ).stdout
    statuses = dict(re.findall(r"^\s*(\S+): (.+)$", listed, re.MULTILINE))
    equivalent, stale = _equivalents(project, work, mutmut, env, statuses)
    return scored(module, statuses, equivalent, stale)


def scored(
    module: str, statuses: dict[str, str], equivalent: set[str], stale: tuple[str, ...]
) -> Score:
    """The score of mutmut's statuses by mutant, the equivalents left out."""
    counted = {name: status for name, status in statuses.items() if name not in equivalent}
    survivors = tuple(sorted(n for n, s in counted.items() if s not in KILLED))
    killed = sum(1 for s in counted.values() if s in KILLED)
    return Score(module, killed, len(counted), survivors, len(equivalent), stale)


def show(work: Path, name: str) -> str:
    """A mutant's change, as mutmut shows it."""
    return subprocess.run(
        [sys.executable, "-m", "mutmut", "show", name], cwd=work, capture_output=True, text=True
    ).stdout


def _equivalents(
    project: Project, work: Path, mutmut: list[str], env: dict[str, str], statuses: dict[str, str]
) -> tuple[set[str], tuple[str, ...]]:
    path = project.root / EQUIVALENTS
    entries = (
        tomllib.loads(path.read_text(encoding="utf-8")).get("equivalent", [])
        if path.exists()
        else []
    )
    found, stale = set(), []
    for entry in entries:
        name = entry["mutant"]
        if name not in statuses:
            continue
        shown = show(work, name)
        if entry["mutated"] in shown:
            found.add(name)
        else:
            stale.append(name)
    return found, tuple(stale)


def _copy_tracked(root: Path, target: Path) -> None:
    """The checkout's tracked files (what a clone has), as they are in the working tree."""
    names = (
        subprocess.run(["git", "-C", str(root), "ls-files", "-z"], capture_output=True, check=True)
        .stdout.decode()
        .split("\0")
    )
    for name in filter(None, names):
        source = root / name
        if source.is_file():
            destination = target / name
            destination.parent.mkdir(parents=True, exist_ok=True)
            shutil.copy2(source, destination)
