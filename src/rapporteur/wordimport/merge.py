"""What a DOCX read back changes in a meeting's fragments: the decisions of an import.

Blocks are matched by their bookmarks' ids and compared three ways: what the DOCX says
now, what it said when it was written (its fingerprints), and what the content says
now. Only a block changed in Word is rewritten; one changed on both sides is refused. A
paragraph typed in Word gets an id from its first words, where it stands; one deleted
goes; one moved or merged moves or merges. Ids are the same in every language, so each
of these is done in every language (fragments.py), translations kept.
"""

from __future__ import annotations

import difflib
import functools
import re
from dataclasses import dataclass

from rapporteur.load.content import Library
from rapporteur.load.patterns import ID_RE
from rapporteur.model import document as doc
from rapporteur.model.assemble import assemble_report
from rapporteur.text import join_pair
from rapporteur.wordimport.docx_reader import (
    CALL,
    MARK,
    NOTE_BOOKMARK_PREFIX,
    Block,
    DocxRefused,
    WordDocument,
    fingerprint,
    normalized,
)
from rapporteur.wordimport.fragments import Fragments, Outcome
from rapporteur.write.docx import TITLE_BOOKMARK, heading_bookmark
from rapporteur.write.oxml import bookmark_name

NEW_ID_WORDS = 5
MAX_NEW_ID = 40


def markup(content: doc.Content) -> str:
    """A model's inline content in content markup, as a DOCX block reads back."""
    parts = []
    for span in content:
        if isinstance(span, doc.Text):
            parts.append(span.text)
        elif isinstance(span, doc.SymbolLink):
            parts.append(f"[[{span.symbol}]]")
        elif isinstance(span, doc.NoteCall):
            parts.append(f"[^{span.note}]")
    return normalized("".join(parts))


@dataclass(frozen=True)
class _Built:
    """What the writer made of the meeting in this language: each block's text and
    reference, and its notes."""

    texts: dict[str, str]  # block id → markup
    # bookmark → ((chapter kind, agenda item), markup); the title's place is ("", "")
    headings: dict[str, tuple[tuple[str, str], str]]
    references: dict[str, str]  # block id → "para. 9 (c)"
    children: dict[str, list[str]]  # block id → its items' ids
    labels: dict[str, str]  # block id → its label ("17.", "(a)")
    notes: dict[str, str]  # note id → markup
    marks: dict[str, str]  # note mark → note id


def _built(library: Library, meeting_id: str, lang: str) -> _Built:
    report = assemble_report(library, meeting_id, lang)
    texts, references, children, labels = {}, {}, {}, {}  # (dicts keep the reading order)
    for paragraph in report.paragraphs():
        texts[paragraph.id] = markup(paragraph.content)
        labels[paragraph.id] = paragraph.label
        references[paragraph.id] = f"para. {paragraph.label.rstrip('.')}"
        children[paragraph.id] = [item.id for item in paragraph.items]
        stack = [(item, references[paragraph.id]) for item in reversed(paragraph.items)]
        while stack:  # depth first, in reading order
            item, parent = stack.pop()
            texts[item.id] = markup(item.content)
            labels[item.id] = item.label
            references[item.id] = f"{parent} {item.label}"
            children[item.id] = [child.id for child in item.items]
            stack += [(child, references[item.id]) for child in reversed(item.items)]
    notes = {note.id: markup(note.content) for note in report.notes}
    marks = {note.mark: note.id for note in report.notes}
    headings = {bookmark_name(TITLE_BOOKMARK): (("", ""), markup(report.front.title))}
    for chapter in report.chapters:
        # a chapter's own heading: from the catalogs, never written back
        headings[bookmark_name(f"_chapter-{chapter.kind}")] = ((chapter.kind, ""), chapter.title)
        for section in chapter.sections:
            if section.agenda_item:
                bookmark = heading_bookmark(f"chapter-{chapter.kind}", section.agenda_item)
                place = (chapter.kind, section.agenda_item)
                headings[bookmark_name(bookmark)] = (place, normalized(section.title))
    return _Built(texts, headings, references, children, labels, notes, marks)


def merge(library: Library, meeting_id: str, lang: str, word: WordDocument) -> Outcome:
    meeting = library.meetings[meeting_id]
    symbol = meeting.meeting.record.symbol
    if word.symbol and word.symbol != symbol:
        raise DocxRefused(f"is a DOCX of {word.symbol}, not of {meeting_id} ({symbol})")
    same_language(word.language, library.languages.record.root[lang].locale, lang)
    built = _built(library, meeting_id, lang)
    _same_script(word, built, lang)
    by_bookmark = {bookmark_name(block_id): block_id for block_id in built.texts}
    # What each block said when the DOCX was written (three-way: an edit made in Word
    # against one made in the content since); without it, the content is the base.
    base = word.base or {block_id: fingerprint(text) for block_id, text in built.texts.items()}
    keys = {bookmark_name(key): key for key in base}  # blocks, headings, notes ("note-…")
    since = {
        name: key
        for name, key in keys.items()
        if key not in built.texts and not key.startswith(("_", NOTE_BOOKMARK_PREFIX))
    }
    parent = {child: p for p, children in built.children.items() for child in children}
    conflicts: list[str] = []
    note_by_bookmark = {bookmark_name(NOTE_BOOKMARK_PREFIX + n): n for n in built.notes}
    seen: set[str] = set()
    for block in word.blocks:
        block_id = by_bookmark.get(block.bookmark or "")
        if not normalized(block.markup):
            continue  # a paragraph deleted with its text (tracked, and accepted)
        if block_id in seen:
            raise DocxRefused(f"has the block {block_id} twice (a paragraph copied in Word?)")
        if block_id:
            seen.add(block_id)
    if not seen:
        raise DocxRefused(f"has no paragraph of {meeting_id} (its bookmarks name none of its ids)")
    outcome = Outcome()
    calls, note_texts = _notes(word, built, note_by_bookmark)
    files = Fragments(library, meeting_id)
    # Lists generated from meeting.yaml (the agenda) are in the DOCX but in no fragment.
    generated = set(built.texts) - files.ids(lang)
    called: set[str] = set()
    previous: str | tuple[str, str] | None = None  # a block's id, or a heading's place
    taken = set(built.texts) | set(built.notes)
    order: list[str] = []  # the DOCX's blocks, in its reading order
    anchors: dict[str, str | tuple[str, str] | None] = {}  # block → what stands before it
    styles: dict[str, str] = {}
    rewritten: dict[str, str] = {}  # block id → its new text, where Word changed it
    headings_seen: list[str] = []
    headed: dict[str, str] = {}  # agenda item → its heading as edited in Word
    typed: list[tuple[str | tuple[str, str] | None, str, str, str]] = []  # new blocks
    for block in word.blocks:
        block_id = by_bookmark.get(block.bookmark or "")
        text = _calls(_without_label(block, built.labels.get(block_id or "")), calls, built.marks)
        outcome.read[block_id or ""] = fingerprint(text)
        called |= set(re.findall(r"\[\^([^\]]+)\]", text))
        if (block.bookmark or "").startswith("_r__") and block.bookmark not in built.headings:
            gone = keys.get(block.bookmark or "", block.bookmark)
            outcome.warnings.append(f"a heading this report no longer has ({gone}) is ignored")
            continue
        if block.style.startswith("Heading") and block.bookmark is None:
            outcome.warnings.append(
                f'a heading typed in Word is ignored ("{normalized(text)[:40]}"): sections '
                "are agenda items (meeting.yaml and agenda.yaml)"
            )
            continue
        for comment_id in block.comments:
            comment = word.comments.get(comment_id)
            if comment is not None:
                where = built.references.get(block_id or "", "") or (
                    "a heading" if block.bookmark in built.headings else "a new paragraph"
                )
                outcome.comments.append(f"{where}, {comment.author}: {comment.text}")
        if block.bookmark in built.headings:  # the title, or an agenda item's heading
            place, was = built.headings[block.bookmark]
            key = keys.get(block.bookmark or "", "")
            if word.base and key:
                order.append(key)  # where the heading stands, for moves across it
                headings_seen.append(key)
            if key in base and fingerprint(text) == base[key]:
                previous = place if place[0] else previous
                continue  # not edited in Word (whatever the content says now)
            if key in base and fingerprint(was) != base[key]:
                conflicts.append(f"the heading {key} (edited in Word and since)")
            elif normalized(text) != normalized(was) and place[0] and not place[1]:
                outcome.warnings.append(
                    f"the heading of chapter {place[0]} was edited in Word; chapter headings "
                    "come from the catalogs (locale/), so the edit is ignored"
                )
            elif normalized(text) != normalized(was):
                if place[1] in headed and headed[place[1]] != normalized(text):
                    raise DocxRefused(
                        f"gives the agenda item {place[1]} two different headings: "
                        f'"{headed[place[1]]}" and "{normalized(text)}"'
                    )
                headed[place[1]] = normalized(text)
                files.heading(lang, place[1], normalized(text), outcome)
            previous = place if place[0] else previous  # a paragraph typed next opens it
            continue
        if block_id in generated:
            if normalized(text) != built.texts[block_id]:
                outcome.warnings.append(
                    f"{built.references[block_id]} is generated from meeting.yaml; "
                    "its edit in Word is ignored"
                )
            continue
        if not normalized(text):
            continue  # deleted (a block) or never written (a new one)
        if block_id is None and block.bookmark in since:  # deleted in the content since
            if fingerprint(text) != base[since[block.bookmark]]:
                conflicts.append(f"{since[block.bookmark]} (edited in Word, deleted since)")
            continue
        if block_id is None and any(
            normalized(text) == built.texts[i] for i in built.texts if i not in base
        ):
            continue  # typed in Word and imported before: the content has it already
        if block_id is None and previous in generated:
            outcome.warnings.append(
                "a paragraph typed into a list generated from meeting.yaml is ignored "
                f'("{normalized(text)[:40]}")'
            )
            continue
        lost = [
            i
            for i in built.texts
            if i not in seen and i not in generated and _alike(text, built.texts[i])
        ]
        if block_id is None and len(lost) == 1:
            block_id = lost[0]  # moved, its bookmark left behind (a tracked move, a paste)
            seen.add(block_id)
        if block_id is not None:
            order.append(block_id)
            anchors[block_id], styles[block_id] = previous, block.style
        if block_id is None:
            made = new_id(text, taken)
            taken.add(made)
            typed.append((previous, made, text, block.style))  # placed after the moves
            outcome.added.append(made)
            previous = made
            continue
        previous = block_id
        if block_id in base and fingerprint(text) == base[block_id]:
            continue  # not edited in Word (whatever the content says now)
        if normalized(text) == built.texts[block_id]:
            continue
        if block_id in base and fingerprint(built.texts[block_id]) != base[block_id]:
            conflicts.append(f"{built.references[block_id]} (edited in Word and since)")
            continue
        files.rewrite(lang, block_id, text, built.texts[block_id], outcome)
        rewritten[block_id] = normalized(text)
    for block_id in built.texts:
        if block_id not in seen and any(c in seen for c in built.children[block_id]):
            raise DocxRefused(
                f"has the text of {built.references[block_id]} deleted but not its items: "
                "a paragraph needs its text (delete its items too, or keep some text)"
            )
    # Blocks that stand elsewhere in the DOCX than when it was written (headings count as
    # landmarks): moved, with their translations and their own items.
    present = set(order)
    before = [k for k in (word.base or built.texts) if k in present and k not in generated]
    matcher = difflib.SequenceMatcher(None, before, order, autojunk=False)
    kept = {order[m.b + k] for m in matcher.get_matching_blocks() for k in range(m.size)}
    moved: set[str] = set()
    for block_id in order:
        if block_id in kept or block_id in headings_seen:
            continue
        owner = parent.get(block_id)
        while owner is not None and owner not in moved:
            owner = parent.get(owner)
        if owner is None and files.move(block_id, anchors[block_id], styles[block_id], outcome):
            moved.add(block_id)
            outcome.moved.append(block_id)
    for after, typed_id, text, style in typed:  # where the DOCX has them, moves made
        files.insert(lang, after, typed_id, text, style, outcome)
    for block_id in built.texts:
        if block_id in generated and block_id not in seen:
            outcome.warnings.append(
                f"{built.references[block_id]} is generated from meeting.yaml; "
                "its deletion in Word is ignored"
            )
        elif block_id not in seen and block_id in base:
            if fingerprint(built.texts[block_id]) != base[block_id]:
                conflicts.append(f"{built.references[block_id]} (deleted in Word, edited since)")
                continue
            gone = built.texts[block_id]
            into = [
                y
                for y, new in rewritten.items()
                if _alike(new[-len(gone) :], gone)
                and not _alike(built.texts[y][-len(gone) :], gone)
            ]
            if len(into) == 1:  # merged into the block before it: so in every language
                files.merge_into(into[0], block_id, lang)
                outcome.merged.append(f"{block_id} into {into[0]}")
                continue
            files.delete(block_id)
            outcome.deleted.append(block_id)
    if conflicts:
        raise DocxRefused(
            "changes blocks that the content has changed too since the DOCX was built: "
            + "; ".join(conflicts)
            + " (build the DOCX anew and make the edits there, or merge them by hand)"
        )
    for note_id in sorted(set(built.notes) - called):  # its call deleted in Word
        written = NOTE_BOOKMARK_PREFIX + note_id in base or not word.base
        if written and files.drop_note(lang, note_id):  # (not one added since)
            outcome.notes.append(f"{note_id} (deleted)")
    for note_id, text in note_texts.items():
        key = NOTE_BOOKMARK_PREFIX + note_id
        if key in base and fingerprint(text) == base[key]:
            continue  # not edited in Word
        if normalized(text) != built.notes.get(note_id):
            if key in base and fingerprint(built.notes.get(note_id, "")) != base[key]:
                raise DocxRefused(f"changes the note {note_id}, which the content changed too")
            files.note(lang, note_id, _calls(text, calls, built.marks))
            outcome.notes.append(note_id)
    if word.format_changes:
        outcome.warnings.append(
            f"{word.format_changes} tracked formatting changes ignored: formatting is not content"
        )
    outcome.files = files.changed_texts()
    return outcome


SAME_TEXT = 0.8  # how alike two texts are to be one block moved, merged or imported before


def _alike(a: str, b: str) -> bool:
    a, b = normalized(a), normalized(b)
    return a == b or difflib.SequenceMatcher(None, a, b, autojunk=False).ratio() >= SAME_TEXT


def script(text: str) -> str:
    """The script most of a text's letters are in ("CJK", "LATIN", "ARABIC"…)."""
    import unicodedata
    from collections import Counter

    names = Counter(unicodedata.name(char, " ").split()[0] for char in text if char.isalpha())
    return names.most_common(1)[0][0] if names else ""


def _same_script(word: WordDocument, built: _Built, lang: str) -> None:
    """A DOCX in another script than the language's report (when it says no language)."""
    theirs = script(" ".join(block.markup for block in word.blocks))
    ours = script(" ".join(built.texts.values()))
    if theirs and ours and theirs != ours:
        raise DocxRefused(f"is mostly in {theirs} script; the {lang} report is in {ours}")


def same_language(tag: str, locale: str, lang: str) -> None:
    """A DOCX whose language property (the writer sets it) is another language's."""
    if not tag:
        return
    from babel.core import Locale, UnknownLocaleError

    try:
        said = Locale.parse(tag.replace("-", "_")).language
    except (ValueError, UnknownLocaleError):
        return
    if said != Locale.parse(locale).language:
        raise DocxRefused(f"is written in {tag} (its language property), not in {lang}")


def _notes(
    word: WordDocument, built: _Built, note_by_bookmark: dict[str, str]
) -> tuple[dict[str, str], dict[str, str]]:
    """Which note each footnote of the DOCX is (footnote w:id → note id: the writer's by
    their bookmarks, one added in Word by an id from its first words), and each note's
    text (note id → markup)."""
    calls: dict[str, str] = {}
    texts: dict[str, str] = {}
    taken = set(built.notes) | set(built.texts)
    for footnote_id, note in word.notes.items():
        note_id = note_by_bookmark.get(note.bookmark or "")
        if note_id is None:
            if note.bookmark or not note.markup:
                continue  # the corner notation's asterisk note: not content
            # a note whose bookmark was lost (LibreOffice drops it) but not its text
            same = [n for n, text in built.notes.items() if text == normalized(note.markup)]
            note_id = same[0] if len(same) == 1 else new_id(note.markup, taken)
            taken.add(note_id)
        calls[footnote_id] = note_id
        texts[note_id] = note.markup
    return calls, texts


LABEL_LIKE = re.compile(r"[(（]?\w{1,5}[.)）]?(?: ?-)?")


def _without_label(block: Block, label: str | None) -> str:
    """A block's text without its label (labels are computed): the label the writer put
    before the tab, or what looks like one in a paragraph typed in Word. Text typed
    before the label, or a label whose tab was deleted, is kept or taken off as such."""
    before, text = block.label, block.markup
    if label:
        if not before and normalized(text).startswith(label):  # its tab deleted
            return normalized(text)[len(label) :].lstrip()
        if before.endswith(label) and before != label:  # words typed before it
            return join_pair(before[: -len(label)].rstrip(), text)
        return text
    if before and not LABEL_LIKE.fullmatch(before):  # "Note:" and a tab: text
        return join_pair(before, text)
    return text


def _calls(text: str, calls: dict[str, str], marks: dict[str, str]) -> str:
    """The reader's note placeholders as ``[^id]``: a call by its footnote, a mark
    repeated alone by the note that has that mark."""
    text = re.sub(
        f"{CALL}([^{CALL}]*){CALL}", lambda m: f"[^{calls[m[1]]}]" if m[1] in calls else "", text
    )
    return re.sub(
        f"{MARK}([^{MARK}]*){MARK}", lambda m: f"[^{marks[m[1]]}]" if m[1] in marks else m[1], text
    )


def new_id(text: str, taken: set[str]) -> str:
    """An id from a text's first words, in Latin letters (ICU's transliteration)."""
    latin = _to_latin()
    plain = re.sub(r"\[\[[^\]]*\]\]|\[\^[^\]]*\]", " ", text)
    words = re.findall(r"[a-z0-9]+", latin.transliterate(plain))[:NEW_ID_WORDS]
    base = "-".join(words)[:MAX_NEW_ID].strip("-") or "paragraph"
    candidate, number = base, 2
    while candidate in taken or not ID_RE.fullmatch(candidate):
        candidate, number = f"{base}-{number}", number + 1
    return candidate


@functools.cache
def _to_latin():  # ICU builds a transliterator in milliseconds: once per process
    import icu

    return icu.Transliterator.createInstance("Any-Latin; Latin-ASCII; Lower")
