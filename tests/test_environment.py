"""A broken environment: one line naming the path and the cause, nothing half-written;
and worker processes never outlive the build that forked them."""

from __future__ import annotations

import json
import os
import shutil
import signal
import subprocess
import sys
import time
from pathlib import Path

import pytest

from conftest import FIXTURE_CONTENT

# Inside a private mount namespace (as root, or as a user mapped to root), a tmpfs is
# mounted on the build folder: small, to fill it, or read-only. The mount and all it
# holds are gone when the namespace ends, so the script reports what was left in it.
IN_NAMESPACE = ["unshare", "--map-root-user", "--mount"]
BUILD_AND_REPORT = """
import json, sys
from pathlib import Path
from rapporteur import cli
content, out = Path(sys.argv[1]), Path(sys.argv[2])
status = cli.build(content, out, langs=["en"], formats=["html", "docx"], quiet=True, jobs=1)
left = sorted(p.relative_to(out).as_posix() for p in out.rglob("*"))
print(json.dumps({"status": status, "left": left}))
"""


def build_on_tmpfs(content: Path, out: Path, options: str) -> tuple[dict, str]:
    out.mkdir()
    if shutil.which("unshare") is None:
        pytest.skip("needs unshare(1) to mount a private tmpfs")
    mount = f'mount -t tmpfs -o {options} tmpfs "$1" && exec "$2" -c "$3" "$4" "$1"'
    script = [str(out), sys.executable, BUILD_AND_REPORT, str(content)]
    result = subprocess.run(
        [*IN_NAMESPACE, "sh", "-c", mount, "sh", *script],
        capture_output=True,
        text=True,
        check=False,
    )
    if result.returncode != 0 and not result.stdout:
        pytest.skip(f"cannot mount a tmpfs here: {result.stderr.strip()}")
    return json.loads(result.stdout), result.stderr


@pytest.fixture
def content(tmp_path: Path) -> Path:
    root = tmp_path / "content"
    shutil.copytree(FIXTURE_CONTENT, root)
    return root


def test_full_disk(content: Path, tmp_path: Path) -> None:
    report, err = build_on_tmpfs(content, tmp_path / "build", "size=96k")
    assert report["status"] == 1
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: ") and err.rstrip().endswith(": No space left on device"), err
    assert report["left"] == [], "nothing half-written: no artifact, folder or temporary file"


def test_read_only_build_folder(content: Path, tmp_path: Path) -> None:
    report, err = build_on_tmpfs(content, tmp_path / "build", "ro")
    assert report["status"] == 1
    assert len(err.splitlines()) == 1, err
    assert err.startswith("error: ") and err.rstrip().endswith(": Read-only file system"), err
    assert report["left"] == []


def _children(pid: int) -> set[int]:
    try:
        found = Path(f"/proc/{pid}/task/{pid}/children").read_text().split()
    except OSError:
        return set()
    return {int(child) for child in found}


def _alive(pid: int) -> bool:
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except OSError:
        return False
    return "\nState:\tZ" not in status  # a zombie has ended


@pytest.mark.skipif(not Path("/proc/self/task").is_dir(), reason="needs Linux /proc")
def test_workers_end_with_the_build(content: Path, tmp_path: Path) -> None:
    code = (
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"cli.build(Path({str(content)!r}), Path({str(tmp_path / 'build')!r}), "
        "formats=['pdf'], force=True, quiet=True, jobs=2)"
    )
    build = subprocess.Popen([sys.executable, "-c", code])
    try:
        deadline = time.monotonic() + 60
        while len(workers := _children(build.pid)) < 2 and time.monotonic() < deadline:
            time.sleep(0.05)
        assert len(workers) >= 2, "the build never started its workers"
        os.kill(build.pid, signal.SIGKILL)
        build.wait()
        deadline = time.monotonic() + 10
        while any(_alive(w) for w in workers) and time.monotonic() < deadline:
            time.sleep(0.05)
        assert not [w for w in workers if _alive(w)], "workers outlived the build"
    finally:
        if build.poll() is None:
            build.kill()
        for worker in _children(build.pid):
            os.kill(worker, signal.SIGKILL)
