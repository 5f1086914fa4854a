"""A meeting's fragment files, read round trip and changed in memory by an import:
blocks rewritten, placed, moved, merged and deleted in every language, and written back
in the canonical layout (so ``git diff`` shows only what changed)."""

from __future__ import annotations

import io
from collections.abc import Iterator
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq

from rapporteur.load.canonical import canonical_text
from rapporteur.load.content import Library
from rapporteur.model.assemble import agenda_heading
from rapporteur.text import join_lines, join_pair
from rapporteur.wordimport.docx_reader import DocxRefused, normalized
from rapporteur.write.docx import BODY_LEVELS

UNTRANSLATED = "[to be translated] "  # a block added in another language, until it is


def raise_unplaced(block_id: str) -> None:
    raise DocxRefused(
        f"has a paragraph typed where no block can stand ({block_id}: before the first "
        "block, or under a heading with no paragraphs of its own)"
    )


@dataclass
class Outcome:
    """What the import did and saw, for the command to say."""

    files: dict[Path, str] = field(default_factory=dict)  # new text of each changed file
    changed: list[str] = field(default_factory=list)  # ids whose text changed
    added: list[str] = field(default_factory=list)
    deleted: list[str] = field(default_factory=list)
    moved: list[str] = field(default_factory=list)
    merged: list[str] = field(default_factory=list)  # "b into a"
    notes: list[str] = field(default_factory=list)  # note ids whose text changed or came
    warnings: list[str] = field(default_factory=list)
    comments: list[str] = field(default_factory=list)  # "para. 9 (c), Author: text"
    read: dict[str, str] = field(default_factory=dict)  # block id → fingerprint, as read


class Fragments:
    """The meeting's fragment files, read round trip, changed in memory."""

    def __init__(self, library: Library, meeting_id: str) -> None:
        self.meeting = library.meetings[meeting_id]
        self.yaml = YAML(typ="rt")
        self.data: dict[Path, Any] = {}
        self.original: dict[Path, str] = {}
        self.languages = sorted(self.meeting.languages)

    def _load(self, path: Path) -> Any:
        if path not in self.data:
            self.original[path] = path.read_text(encoding="utf-8") if path.exists() else ""
            self.data[path] = self.yaml.load(self.original[path]) if self.original[path] else None
        return self.data[path]

    def _files(self, lang: str) -> list[Path]:
        folder = self.meeting.languages[lang].folder
        return sorted(p for p in folder.glob("*.yaml") if p.name != "footnotes.yaml")

    def find(self, lang: str, block_id: str) -> tuple[CommentedSeq, int] | None:
        """The list that holds the block's mapping, and its index there."""
        for path in self._files(lang):
            for seq, index in _mappings(self._load(path)):
                if seq[index].get("id") == block_id:
                    return seq, index
        return None

    def rewrite(self, lang: str, block_id: str, text: str, built: str, outcome: Outcome) -> None:
        found = self.find(lang, block_id)
        if found is None:
            return
        mapping = found[0][found[1]]
        written = normalized(join_lines(str(mapping.get("text", ""))))
        if "insert" in mapping:  # the list after the text is generated: it stays so
            tail = built[len(written) :] if built.startswith(written) else ""
            if tail and normalized(text).endswith(tail.strip()):
                text = normalized(text)[: -len(tail.strip())]
            else:
                outcome.warnings.append(
                    f"{block_id}: the generated list ({mapping['insert']}) was edited in "
                    "Word; it is made from meeting.yaml, so the edit is ignored"
                )
                return
        mapping["text"] = normalized(text)
        outcome.changed.append(block_id)

    def insert(
        self,
        lang: str,
        after: str | tuple[str, str] | None,
        new_id: str,
        text: str,
        style: str,
        outcome: Outcome,
    ) -> None:
        """A block typed in Word: in ``lang`` with its text, in every other language
        marked for translation."""
        entries = {
            language: CommentedMap(
                [("id", new_id), ("text", text if language == lang else UNTRANSLATED + text)]
            )
            for language in self.languages
        }
        if self.place(entries, after, new_id, style, outcome):
            raise_unplaced(new_id)

    def place(
        self,
        entries: dict[str, CommentedMap],
        after: str | tuple[str, str] | None,
        block_id: str,
        style: str,
        outcome: Outcome,
    ) -> list[str]:
        """Each language's entry after the block ``after`` (or first under the heading of a
        (chapter, agenda item)), at the level its style says: a paragraph, an item, a
        nested item. Returns the languages where it found no place."""
        level = BODY_LEVELS.get(style, 0)
        missed = []
        for language, entry in entries.items():
            if isinstance(after, tuple) and level == 0:  # first under a heading
                section = self._section(language, *after)
                if section is not None:
                    section.insert(0, entry)
                    continue
            found = self.find(language, after) if isinstance(after, str) else None
            if found is None:
                missed.append(language)
                continue
            seq, index = found
            depth = self._depth(language, seq)
            while depth > level:  # up to the level of the block: after its owner
                seq, index = self._owner(language, seq)
                depth -= 1
            if level > depth:  # one level down: the first of the block's own items
                seq[index].setdefault("items", CommentedSeq()).insert(0, entry)
            else:
                seq.insert(index + 1, entry)
        return missed

    def _depth(self, lang: str, seq: CommentedSeq) -> int:
        """0 for a list of paragraphs, 1 for a paragraph's items, 2 for an item's."""
        depth = 0
        while _is_item(seq, self, lang):
            seq = self._owner(lang, seq)[0]
            depth += 1
        return depth

    def _section(self, lang: str, chapter: str, agenda_item: str) -> CommentedSeq | None:
        """The paragraphs of the agenda item's section in a chapter's fragment; with no
        agenda item, the chapter's opening paragraphs."""
        data = self._load(self.meeting.languages[lang].folder / f"{chapter}.yaml")
        if not agenda_item:  # a chapter may open with paragraphs before its sections
            if data is None or ("paragraphs" not in data and "sections" not in data):
                return None  # (not the organization chapter's named parts)
            return data.setdefault("paragraphs", CommentedSeq())
        for section in (data or {}).get("sections") or []:
            if section.get("agenda_item") == agenda_item:
                return section["paragraphs"]
        return None

    def _owner(self, lang: str, items: CommentedSeq) -> tuple[CommentedSeq, int]:
        """The list and index of the paragraph whose items ``items`` are."""
        for path in self._files(lang):
            for seq, index in _mappings(self._load(path)):
                if seq[index].get("items") is items:
                    return seq, index
        raise LookupError("an item list without its paragraph")

    def heading(self, lang: str, agenda_item: str, text: str, outcome: Outcome) -> None:
        """The title (front.yaml) or an agenda item's title (agenda.yaml), which the
        heading shows without the agenda's punctuation: that stays."""
        folder = self.meeting.languages[lang].folder
        data = self._load(folder / ("agenda.yaml" if agenda_item else "front.yaml"))
        key = agenda_item or "title"
        old = join_lines(str(data[key]))
        value = text + old[len(agenda_heading(old)) :] if agenda_item else text
        if normalized(value) != normalized(old):
            data[key] = value
            outcome.changed.append(f"{key} (heading)" if agenda_item else "title")

    def move(
        self, block_id: str, after: str | tuple[str, str] | None, style: str, outcome: Outcome
    ) -> bool:
        """A block moved in Word: in every language, its entry (text, translation and
        items) taken out and put where the DOCX has it."""
        entries, places = {}, {}
        for language in self.languages:
            found = self.find(language, block_id)
            if found is not None:
                places[language] = found
                entries[language] = found[0].pop(found[1])
        missed = self.place(entries, after, block_id, style, outcome)
        for language in missed:  # never lost: where it was, and said so
            seq, index = places[language]
            seq.insert(index, entries[language])
        if missed:
            outcome.warnings.append(
                f"{block_id}: moved where no block can stand; left where it was"
            )
        return not missed

    def merge_into(self, into: str, block_id: str, lang: str) -> None:
        """A block merged in Word into the one before it: in the other languages its text
        joins that one's too (``lang``'s own text is already merged), and it goes."""
        for language in self.languages:
            found, target = self.find(language, block_id), self.find(language, into)
            if found is None or target is None:
                continue
            entry, kept = found[0][found[1]], target[0][target[1]]
            if language != lang:
                joined = join_pair(join_lines(str(kept["text"])), join_lines(str(entry["text"])))
                kept["text"] = joined
            if entry.get("items"):
                kept.setdefault("items", CommentedSeq()).extend(entry["items"])
            del found[0][found[1]]

    def delete(self, block_id: str) -> None:
        for language in self.languages:
            found = self.find(language, block_id)
            if found is not None:
                del found[0][found[1]]

    def ids(self, lang: str) -> set[str]:
        """Every block id the language's fragments hold."""
        return {
            seq[i]["id"] for path in self._files(lang) for seq, i in _mappings(self._load(path))
        }

    def drop_note(self, lang: str, note_id: str) -> bool:
        data = self._load(self.meeting.languages[lang].folder / "footnotes.yaml")
        if data is None or note_id not in data:
            return False
        del data[note_id]
        return True

    def note(self, lang: str, note_id: str, text: str) -> None:
        path = self.meeting.languages[lang].folder / "footnotes.yaml"
        data = self._load(path)
        if data is None:
            data = self.data[path] = CommentedMap()
        data[note_id] = text

    def changed_texts(self) -> dict[Path, str]:
        out = {}
        for path, data in self.data.items():
            if data is None:
                continue
            raw = io.StringIO()
            self.yaml.dump(data, raw)
            text = canonical_text(raw.getvalue())
            if text != self.original[path]:
                out[path] = text
        return out


def _is_item(seq: CommentedSeq, files: Fragments, lang: str) -> bool:
    """Whether ``seq`` is a list of items (some mapping's ``items``)."""
    for path in files._files(lang):
        for outer, index in _mappings(files._load(path)):
            if outer[index].get("items") is seq:
                return True
    return False


def _mappings(data: Any) -> Iterator[tuple[CommentedSeq, int]]:
    """Every mapping with an id inside a list, anywhere in ``data``, as (list, index)."""
    if isinstance(data, CommentedMap):
        for value in data.values():
            yield from _mappings(value)
    elif isinstance(data, CommentedSeq):
        for index, value in enumerate(data):
            if isinstance(value, CommentedMap) and "id" in value:
                yield data, index
            yield from _mappings(value)
