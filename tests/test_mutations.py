"""Valid content, broken at random: the result is success or errors in the required form."""

from __future__ import annotations

import io
import re
import shutil
import tempfile
import zipfile
from pathlib import Path

from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from checkout import CONTENT_DIR
from rapporteur.build.produce import render_html
from rapporteur.build.rehearse import rehearse
from rapporteur.diagnostics import ContentError
from rapporteur.load.loader import load_library
from rapporteur.model.assemble import assemble_report
from rapporteur.review.references import numbered_blocks
from rapporteur.write.docx import write_docx
from rapporteur.write.oxml import bookmark_name

FILES = sorted(p.relative_to(CONTENT_DIR) for p in CONTENT_DIR.rglob("*.yaml"))
LINE = re.compile(r"^(?P<path>[^:]+):(?P<line>[1-9]\d*):(?P<col>[1-9]\d*): (?P<message>\S.*)$")
REPLACEMENTS = [
    "",
    "[]",
    "{}",
    "42",
    "-1",
    "true",
    "null",
    "~",
    "!!str x",
    "'open",
    "[a, b",
    "2018-13-45",
    "E/CN.15//1",
    "dup: 1",
    "  bad: indent",
    "{x: 1, x: 2}",
    "*alias",
    # Characters no writer can carry, or that would reorder the text on display.
    '"a\\u0000b"',
    '"\\u001b[31m"',
    '"x\\ufffe"',
    '"\\ud800"',
    '"\\ud83d\\ude00"',
    "evil\u202elive",
    "x\u2066y\u2069",
    "\u202a\u202b\u202c\u202d",
    "[" * 300 + "]" * 300,
    "x" * 20_001,
]

mutation = st.one_of(
    st.tuples(st.just("delete"), st.integers(0, 10_000)),
    st.tuples(st.just("duplicate"), st.integers(0, 10_000)),
    st.tuples(st.just("swap"), st.integers(0, 10_000), st.integers(0, 10_000)),
    st.tuples(st.just("retype"), st.integers(0, 10_000), st.sampled_from(REPLACEMENTS)),
    st.tuples(st.just("truncate"), st.integers(0, 100_000)),
    st.tuples(st.just("bytes"), st.integers(0, 100_000), st.binary(min_size=1, max_size=8)),
)


def mutate(raw: bytes, how: tuple) -> bytes:
    lines = raw.splitlines(keepends=True) or [b""]
    kind, at = how[0], how[1] % len(lines)
    if kind == "delete":
        del lines[at]
    elif kind == "duplicate":
        lines.insert(at, lines[at])
    elif kind == "swap":
        other = how[2] % len(lines)
        lines[at], lines[other] = lines[other], lines[at]
    elif kind == "retype":
        key, sep, _ = lines[at].partition(b": ")
        lines[at] = (key + sep if sep else lines[at][:0]) + how[2].encode() + b"\n"
    elif kind == "truncate":
        return raw[: how[1] % (len(raw) + 1)]
    elif kind == "bytes":
        cut = how[1] % (len(raw) + 1)
        return raw[:cut] + how[2] + raw[cut:]
    return b"".join(lines)


@settings(suppress_health_check=[HealthCheck.too_slow])
@given(target=st.sampled_from(FILES), mutations=st.lists(mutation, min_size=1, max_size=3))
def test_random_damage_gives_errors_not_tracebacks(target: Path, mutations: list[tuple]) -> None:
    with tempfile.TemporaryDirectory() as tmp:
        root = Path(tmp) / "content"
        shutil.copytree(CONTENT_DIR, root)
        path = root / target
        raw = path.read_bytes()
        for how in mutations:
            raw = mutate(raw, how)
        path.write_bytes(raw)
        try:
            library = load_library(root)
            problems = rehearse(library)
        except ContentError as exc:
            problems = exc.diagnostics
            assert problems, "an error without a diagnostic"
        else:
            # What check passes, every writer can take: the DOCX of each report is
            # made (the PDF reads the same HTML), and carries every paragraph and item
            # of the report (each by its bookmark).
            if not problems:
                for meeting in library.meetings.values():
                    for lang in meeting.languages:
                        docx = write_docx(render_html(library, "report", meeting.id, lang))
                        with zipfile.ZipFile(io.BytesIO(docx)) as package:
                            body = package.read("word/document.xml").decode("utf-8")
                        report = assemble_report(library, meeting.id, lang)
                        for _, block in numbered_blocks(report):
                            assert f'w:name="{bookmark_name(block.id)}"' in body, block.id
        if problems:
            for diagnostic in problems:
                shown = str(diagnostic)
                match = LINE.match(shown)
                assert match, f"not path:line:col: message: {shown!r}"
                assert "\n" not in shown
                assert Path(match["path"]).exists(), shown
