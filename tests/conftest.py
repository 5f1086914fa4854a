from __future__ import annotations

import os
import shutil
from collections.abc import Callable
from pathlib import Path

import pytest
from hypothesis import settings

from checkout import CONTENT_DIR
from rapporteur import cli

MEETING = "meetings/cybercrime-2018"


# A snapshot of the content, kept apart from content/: tests that edit text or expect
# exact positions and counts work on it, so editing the project's content breaks none.
FIXTURE_CONTENT = Path(__file__).resolve().parent / "fixtures" / "content"


@pytest.fixture
def content(tmp_path: Path) -> Path:
    """A private copy of the fixture content, free to break."""
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def languages(content: Path = CONTENT_DIR) -> list[str]:
    """The project's languages, as content/languages.yaml lists them."""
    from ruamel.yaml import YAML

    return list(YAML(typ="safe").load(content / "languages.yaml"))


def meeting_languages(meeting: str = MEETING, content: Path = CONTENT_DIR) -> list[str]:
    """The languages a meeting's reports are made in, as its meeting.yaml lists them."""
    from ruamel.yaml import YAML

    return list(YAML(typ="safe").load(content / meeting / "meeting.yaml")["languages"])


def edit(path: Path, old: str, new: str) -> None:
    """Replace one exact occurrence of ``old``; fail loudly if the fixture drifted."""
    text = path.read_text(encoding="utf-8")
    assert text.count(old) == 1, f"{old!r} occurs {text.count(old)} times in {path}"
    path.write_text(text.replace(old, new), encoding="utf-8")


CheckRun = Callable[[Path], tuple[int, list[str]]]


@pytest.fixture
def run_check(capsys: pytest.CaptureFixture[str]) -> CheckRun:
    """Run ``check`` in process; return its status and stderr lines with the root as <root>."""

    def run(root: Path) -> tuple[int, list[str]]:
        status = cli.check(root)
        err = capsys.readouterr().err
        return status, [line.replace(str(root), "<root>") for line in err.splitlines()]

    return run


# HYPOTHESIS_PROFILE=thorough runs the random-damage test with many more examples.
settings.register_profile("default", max_examples=150, deadline=None)
settings.register_profile("thorough", max_examples=3000, deadline=None)
settings.load_profile(os.environ.get("HYPOTHESIS_PROFILE", "default"))


@pytest.fixture(scope="session")
def full_build(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """Every document of the repository's content, built once for the whole session."""
    out = tmp_path_factory.mktemp("full") / "build"
    assert cli.build(CONTENT_DIR, out) == 0
    return out
