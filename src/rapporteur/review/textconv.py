"""git textconv for content YAML: the text with its computed numbers, not raw YAML.

git hands over the file's content at some revision in a temporary file, without its
path. The fragment is recognised by its ids among the working tree's content, put in
place of that file in a scratch copy, and the meeting is assembled, so the numbers
are the ones the report would have. Anything that cannot be read that way is printed
as it is, so a diff is never lost.

Set up once per clone: ``./dev setup-git``.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from difflib import SequenceMatcher
from pathlib import Path

from rapporteur.diagnostics import ContentError
from rapporteur.load.canonical import sentences
from rapporteur.load.crossrefs import blocks
from rapporteur.load.limits import file_problem, readable_file
from rapporteur.load.loader import load_library
from rapporteur.load.yamlfile import read_yaml
from rapporteur.model.assemble import assemble_report
from rapporteur.model.plaintext import plain_text
from rapporteur.paths import Project
from rapporteur.review.references import numbered_blocks, reference


def ids_in(data: object) -> set[str]:
    found: set[str] = set()
    if isinstance(data, dict):
        if isinstance(data.get("id"), str):
            found.add(data["id"])
        for value in data.values():
            found |= ids_in(value)
    elif isinstance(data, list):
        for value in data:
            found |= ids_in(value)
    return found


def locate(raw: str, ids: set[str], keys: set[str], content: Path) -> Path | None:
    """The working-tree fragment this text is a version of: same kind, most ids shared,
    and among the languages (which share ids) the one whose characters are most alike."""
    best, best_score = None, (0, 0.0)
    for path in sorted(content.glob("meetings/*/*/*.yaml")):
        if not readable_file(path, content):
            continue  # a FIFO would block git diff, a link out is not ours to read
        parsed, _ = read_yaml(path)
        if parsed is None or not isinstance(parsed.data, dict) or not keys & set(parsed.data):
            continue
        shared = len(ids & ids_in(parsed.data))
        if not shared:
            continue
        alike = SequenceMatcher(None, raw, path.read_text(encoding="utf-8")).quick_ratio()
        if (shared, alike) > best_score:
            best, best_score = path, (shared, alike)
    return best


def _not_content(content: Path):
    """For copytree: what the loader would refuse to read is not copied (a FIFO would
    stop the copy; the copy's own check then says the file is missing, so the text
    falls back to raw YAML rather than blocking git)."""

    def ignored(folder: str, names: list[str]) -> set[str]:
        return {name for name in names if file_problem(Path(folder) / name, content)}

    return ignored


def convert(text_file: Path, content: Path) -> str:
    raw = text_file.read_text(encoding="utf-8", errors="replace")
    parsed, problems = read_yaml(text_file)
    if parsed is None or problems or not isinstance(parsed.data, dict):
        return raw
    ids = ids_in(parsed.data)
    target = locate(raw, ids, set(parsed.data), content) if ids else None
    if target is None:
        return raw
    with tempfile.TemporaryDirectory() as scratch:
        copy = Path(scratch) / "content"
        shutil.copytree(content, copy, ignore=_not_content(content))
        fragment = copy / target.relative_to(content)
        shutil.copyfile(text_file, fragment)
        try:
            library = load_library(copy)
        except ContentError:
            return raw
        meeting_id, lang = fragment.parent.parent.name, fragment.parent.name
        meeting = library.meetings[meeting_id]
        mine = {b.id for b in blocks(meeting.languages[lang]) if b.source.file.path == fragment}
        report = assemble_report(library, meeting_id, lang)
        lines = []
        for parts, block in numbered_blocks(report):
            if block.id not in mine:
                continue
            label = reference(parts)
            for index, sentence in enumerate(sentences(plain_text(block.content)) or [""]):
                lines.append(f"{label if index == 0 else '':<16}{sentence}".rstrip())
        return "\n".join(lines) + "\n"


def main(argv: list[str] | None = None) -> int:
    args = sys.argv[1:] if argv is None else argv
    if len(args) != 1:
        print("usage: python -m rapporteur.review.textconv FILE", file=sys.stderr)
        return 2
    # git runs the converter at the top of the working tree it diffs.
    sys.stdout.write(convert(Path(args[0]), Project.around(Path.cwd()).content))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
