"""``./dev mutate`` measured on a toy project: a weak test lets mutants survive and a
strong one kills them all; equivalents are left out only while their line still
matches; tests failing on the code as it is stop the run with one clear error."""

from __future__ import annotations

import subprocess
from pathlib import Path

import pytest

from rapporteur.bench.mutation import MutationRunError, mutate, scored, show
from rapporteur.paths import Project

MODULE = "src/toy/sign.py"
TESTS = ["tests/test_sign.py"]
SIGN = 'def sign(n: int) -> str:\n    if n < 0:\n        return "minus"\n    return "plus"\n'


def toy(root: Path, test: str, equivalents: str = "") -> Project:
    for folder in ("src/toy", "tests", "content"):
        (root / folder).mkdir(parents=True)
    files = {
        "src/toy/__init__.py": "",
        MODULE: SIGN,
        "tests/test_sign.py": f"from toy.sign import sign\n\n\ndef test_sign():\n{test}",
        "tests/equivalent_mutants.toml": equivalents,
        "content/.keep": "",
        "tasks.py": "",
        "pyproject.toml": f'[project]\nname = "toy"\nversion = "0"\n\n'
        f'[tool.rapporteur.mutate]\n"{MODULE}" = {TESTS!r}\n'.replace("'", '"'),
    }
    for name, text in files.items():
        (root / name).write_text(text, encoding="utf-8")
    subprocess.run(["git", "init", "-q"], cwd=root, check=True)
    subprocess.run(["git", "add", "-A"], cwd=root, check=True)
    return Project(root)


def test_a_weak_test_lets_mutants_survive(tmp_path: Path) -> None:
    score = mutate(toy(tmp_path, '    assert sign(-5) == "minus"\n'), MODULE, TESTS, 1)
    # mutmut makes six mutants of sign(); "plus" is never checked, nor the boundary at
    # 0: only the two that break "minus" die
    assert score.line == "mutation score: 2/6 killed (33.3 %)"
    assert len(score.survivors) == 4 and all(n.startswith("toy.sign.") for n in score.survivors)


def test_a_hang_or_a_crash_counts_as_killed() -> None:
    statuses = {
        "m.a": "killed",
        "m.b": "timeout",
        "m.c": "segfault",
        "m.d": "survived",
        "m.e": "no tests",
        "m.f": "suspicious",
        "m.g": "killed",
        "m.h": "survived",
    }
    score = scored("m.py", statuses, {"m.g", "m.h"}, ("m.h",))
    assert (score.killed, score.total, score.equivalent) == (3, 6, 2)
    assert score.survivors == ("m.d", "m.e", "m.f")
    assert score.line == "mutation score: 3/6 killed (50.0 %)"
    assert scored("m.py", {}, set(), ()).line == "mutation score: 0/0 killed (100.0 %)"


def test_a_strong_test_kills_every_mutant(tmp_path: Path) -> None:
    checks = "".join(
        f"    assert sign({n}) == {word!r}\n"
        for n, word in ((-1, "minus"), (0, "plus"), (1, "plus"))
    )
    score = mutate(toy(tmp_path, checks), MODULE, TESTS, 1)
    assert score.survivors == () and score.killed == score.total > 0
    assert score.line.endswith("(100.0 %)")


def test_equivalents_are_left_out_while_their_line_matches(tmp_path: Path) -> None:
    weak = mutate(toy(tmp_path / "first", '    assert sign(-5) == "minus"\n'), MODULE, TESTS, 1)
    listed, other = weak.survivors[0], weak.survivors[1]
    work = tmp_path / "first" / "build" / "mutate" / "sign"
    changed = next(
        line[1:].strip()
        for line in show(work, listed).splitlines()
        if line.startswith("+") and not line.startswith("+++")
    )
    equivalents = (
        f'[[equivalent]]\nmutant = "{listed}"\nmutated = {changed!r}\nwhy = "a reason"\n\n'
        f'[[equivalent]]\nmutant = "{other}"\nmutated = "a line it no longer has"\nwhy = "x"\n'
    ).replace("'", '"')
    project = toy(tmp_path / "second", '    assert sign(-5) == "minus"\n', equivalents)
    score = mutate(project, MODULE, TESTS, 1)
    assert score.equivalent == 1 and score.total == weak.total - 1
    assert listed not in score.survivors and other in score.survivors
    assert score.stale == (other,)


def test_tests_failing_without_mutants_stop_the_run_in_one_line(tmp_path: Path) -> None:
    project = toy(tmp_path, '    assert sign(-5) == "plus"\n')
    with pytest.raises(MutationRunError) as raised:
        mutate(project, MODULE, TESTS, 1)
    message = str(raised.value)
    assert message.startswith(f"{MODULE}: mutmut stopped (exit ") and "\n" not in message
    assert message.endswith("runner returned 1)"), message  # mutmut's last word, kept
