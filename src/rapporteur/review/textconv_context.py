"""Where each fragment of the working tree stands in its report, for textconv.

git runs the converter once per file version: it must start fast, so it cannot load
and assemble the whole library each time. This module does that once per state of the
working tree (and of the engine), records for each fragment where its block lists
stand in the report (how many numbers other files' paragraphs take before each of
its top-level lists, the language's item labels, the footnote marks), and keeps it in
``build/`` keyed by the files' sizes and times. A version of a fragment is then
numbered from its own ids and order in that context (``textconv.convert``).
"""

from __future__ import annotations

import hashlib
import json
import os
from collections.abc import Iterator
from dataclasses import asdict, dataclass, field
from pathlib import Path
from typing import Any

from rapporteur.paths import ENGINE_DIR

# build/<this>: the context of the last working tree textconv saw.
CONTEXT_FILE = ".textconv-context.json"


@dataclass
class FragmentPlace:
    lang: str
    keys: list[str]  # its top-level keys: the kind of fragment
    ids: list[str]
    # for each top-level list, by its path in the YAML ("sections/0/paragraphs"): the
    # numbers other files' paragraphs take between it and the previous list
    gaps: dict[str, int]
    marks: dict[str, str]  # footnote marks by note id, in its report
    # what each "insert:" adds to its paragraph (lists made from meeting.yaml), by name
    inserts: dict[str, str] = field(default_factory=dict)


@dataclass
class Context:
    fragments: dict[str, FragmentPlace] = field(default_factory=dict)  # by path in content/
    # by language: (pattern, style) of lettered items, then of nested items
    item_formats: dict[str, list[tuple[str, str]]] = field(default_factory=dict)


def is_block_list(value: Any) -> bool:
    """A list of numbered blocks: mappings with an id and a text."""
    return (
        isinstance(value, list)
        and bool(value)
        and all(isinstance(b, dict) and isinstance(b.get("text"), str) and "id" in b for b in value)
    )


def top_lists(data: Any, path: str = "") -> Iterator[tuple[str, list[dict[str, Any]]]]:
    """(path, blocks) of each top-level block list of a fragment, in reading order;
    lists under a block's ``items`` are its sub-items, not top-level lists."""
    if is_block_list(data):
        yield path, data
    elif isinstance(data, dict):
        for key, value in data.items():
            yield from top_lists(value, f"{path}/{key}" if path else str(key))
    elif isinstance(data, list):
        for index, value in enumerate(data):
            yield from top_lists(value, f"{path}/{index}")


def load_context(content: Path, build_dir: Path | None) -> Context:
    """The working tree's context: from ``build_dir`` when nothing changed since it was
    made, else made anew (and kept there, when it can be written)."""
    if build_dir is None:
        return make_context(content) or Context()
    key = _signature(content)
    path = build_dir / CONTEXT_FILE
    saved = None
    try:
        saved = json.loads(path.read_text(encoding="utf-8"))
        if saved.get("key") == key:
            return _from_json(saved["context"])
    except (OSError, ValueError, KeyError, TypeError, AttributeError):
        saved = None
    context = make_context(content)
    if context is None:
        # A working tree with errors: the last good context, rather than none at all
        # (git keeps what textconv prints: approximate numbers would stay).
        try:
            return _from_json(saved["context"]) if saved else Context()
        except (KeyError, TypeError, AttributeError):
            return Context()
    try:
        build_dir.mkdir(parents=True, exist_ok=True)
        temporary = path.with_name(f".{path.name}.{os.getpid()}.tmp")
        temporary.write_text(
            json.dumps({"key": key, "context": asdict(context)}, ensure_ascii=False),
            encoding="utf-8",
        )
        temporary.replace(path)
    except OSError:
        pass  # a read-only checkout: numbered all the same, only not kept
    return context


def _signature(content: Path) -> str:
    """Names, sizes and times of the content's files and of the engine's own."""
    digest = hashlib.sha256()
    for root in (content, ENGINE_DIR):
        for folder, dirs, files in os.walk(root):
            # not Python's bytecode caches: written as modules are first imported, they
            # would change the signature between two runs on the same files
            dirs[:] = sorted(d for d in dirs if d != "__pycache__")
            for name in sorted(files):
                try:
                    stat = os.stat(os.path.join(folder, name))
                except OSError:
                    continue
                where = os.path.relpath(os.path.join(folder, name), root)
                digest.update(f"{where}\0{stat.st_size}\0{stat.st_mtime_ns}\n".encode())
    return digest.hexdigest()


def make_context(content: Path) -> Context | None:
    """Load and assemble every report of the working tree (None when it has errors)."""
    from rapporteur.diagnostics import ContentError
    from rapporteur.load.loader import load_library
    from rapporteur.load.yamlfile import read_yaml
    from rapporteur.model.assemble import assemble_report
    from rapporteur.model.plaintext import plain_text
    from rapporteur.review.references import numbered_blocks

    context = Context()
    try:
        library = load_library(content)
    except ContentError:
        return None
    for meeting_id, meeting in library.meetings.items():
        for lang, language in meeting.languages.items():
            report = assemble_report(library, meeting_id, lang)
            labels = report.front.language.labels
            context.item_formats[lang] = [
                (labels.item.pattern, labels.item.style),
                (labels.nested.pattern, labels.nested.style),
            ]
            numbered = {block.id: (p, block) for p, block in numbered_blocks(report)}
            marks = {note.id: note.mark for note in report.notes}
            for fragment in sorted(language.folder.glob("*.yaml")):
                parsed, problems = read_yaml(fragment)
                if parsed is None or problems or not isinstance(parsed.data, dict):
                    continue
                place = FragmentPlace(lang, list(parsed.data), [], {}, marks)
                end = 1  # the number after the previous top-level list's last
                for path, blocks in top_lists(parsed.data):
                    if blocks[0]["id"] not in numbered:
                        continue  # not numbered in the report
                    first = int(numbered[blocks[0]["id"]][0][0])
                    place.gaps[path] = first - end
                    end = first + len(blocks)
                    place.ids += _ids(blocks)
                    for block in blocks:
                        if isinstance(block.get("insert"), str) and block["id"] in numbered:
                            shown = plain_text(numbered[block["id"]][1].content)
                            own = plain(block["text"], marks)
                            if shown.startswith(own):
                                place.inserts[block["insert"]] = shown[len(own) :]
                relative = fragment.relative_to(content).as_posix()
                context.fragments[relative] = place
    for compilation in library.compilations.values():
        for lang, text in compilation.texts.items():
            # an introduction numbered from 1, as the compilation numbers it
            parsed, problems = read_yaml(text.file.path)
            if parsed is None or problems or not isinstance(parsed.data, dict):
                continue
            lists = list(top_lists(parsed.data))
            place = FragmentPlace(lang, list(parsed.data), [], {}, {})
            for path, blocks in lists:
                place.gaps[path] = 0
                place.ids += _ids(blocks)
            relative = text.file.path.relative_to(content).as_posix()
            context.fragments[relative] = place
    return context


def plain(text: str, marks: dict[str, str]) -> str:
    """A text as the reader sees it: symbols as they are, footnote calls as their marks
    (or their ids, for a note the working tree does not have)."""
    from rapporteur.load.inline import MarkupError, NoteRef, SymbolLink, parse_inline
    from rapporteur.text import join_lines

    joined = join_lines(text)
    try:
        spans = parse_inline(joined)
    except MarkupError:
        return joined
    out = []
    for span in spans:
        if isinstance(span, NoteRef):
            out.append(marks.get(span.note, f"[^{span.note}]"))
        elif isinstance(span, SymbolLink):
            out.append(span.symbol)
        else:
            out.append(span.text)
    return "".join(out)


def _ids(blocks: list[dict[str, Any]]) -> list[str]:
    out = []
    for block in blocks:
        out.append(str(block["id"]))
        if is_block_list(block.get("items")):
            out += _ids(block["items"])
    return out


def _from_json(data: dict[str, Any]) -> Context:
    fragments = {
        path: FragmentPlace(
            place["lang"],
            place["keys"],
            place["ids"],
            place["gaps"],
            place["marks"],
            place["inserts"],
        )
        for path, place in data["fragments"].items()
    }
    formats = {lang: [tuple(f) for f in fs] for lang, fs in data["item_formats"].items()}
    return Context(fragments, formats)  # type: ignore[arg-type]
