"""Loaded content -> the document model of one meeting report in one language.

Numbers are computed here: paragraphs run through the whole report, items and
nested items restart under each parent, and labels follow the language's styles.
"""

from __future__ import annotations

import gettext
import itertools
from collections.abc import Iterable, Iterator
from dataclasses import dataclass

from rapporteur.i18n import translations
from rapporteur.load import schema
from rapporteur.load.content import LanguageContent, Library, MeetingContent
from rapporteur.load.crossrefs import SORT_LANGUAGE
from rapporteur.load.inline import NoteRef, parse_inline
from rapporteur.model import document as doc
from rapporteur.model.collation import sort_key
from rapporteur.model.lists import enumerate_in_text
from rapporteur.model.marks import page_one_marks
from rapporteur.model.numbering import label
from rapporteur.model.plaintext import plain_text
from rapporteur.text import join_lines, join_pair

_ = gettext.gettext  # marks source strings for extraction; translated per report below


def ngettext_noop(singular: str, plural: str) -> tuple[str, str]:
    """Marks a plural pair for extraction (catalogs.KEYWORDS); ngettext picks one below."""
    return singular, plural


CHAPTER_TITLES = {
    "introduction": _("Introduction"),
    "recommendations": _("Compilation of preliminary recommendations and conclusions"),
    "deliberations": _("Summary of deliberations"),
    "organization": _("Organization of the meeting"),
    "adoption": _("Adoption of the report"),
}
ORGANIZATION_TITLES = {
    "opening": _("Opening of the meeting"),
    "statements": _("Statements"),
    "agenda": _("Adoption of the agenda and other organizational matters"),
    "attendance": _("Attendance"),
    "documents": _("Documentation"),
}
ATTENDANCE_PHRASES = {
    "member_states": ngettext_noop("%(num)d Member State", "%(num)d Member States"),
    "observer_states": ngettext_noop("%(num)d observer State", "%(num)d observer States"),
    "secretariat_units": ngettext_noop(
        "%(num)d United Nations Secretariat unit", "%(num)d United Nations Secretariat units"
    ),
    "specialized_agencies": ngettext_noop(
        "%(num)d specialized agency", "%(num)d specialized agencies"
    ),
    "intergovernmental_organizations": ngettext_noop(
        "%(num)d intergovernmental organization", "%(num)d intergovernmental organizations"
    ),
    "non_governmental_organizations": ngettext_noop(
        "%(num)d non-governmental organization", "%(num)d non-governmental organizations"
    ),
    "academia_and_private_sector": ngettext_noop(
        "%(num)d entity representing academia and the private sector",
        "%(num)d entities representing academia and the private sector",
    ),
}
assert tuple(ATTENDANCE_PHRASES) == schema.ATTENDANCE_CATEGORIES
_LIST_PUNCTUATION = "：；。:;.,，؛،"  # Chinese, Latin and Arabic


@dataclass
class _Context:
    library: Library
    meeting: MeetingContent
    content: LanguageContent
    spec: schema.LanguageSpec
    messages: gettext.NullTranslations
    notes: dict[str, doc.Note]
    paragraph_numbers: Iterator[int]

    @property
    def labels(self) -> schema.Labels:
        return self.spec.labels

    def label(self, n: int, fmt: schema.LabelFormat) -> str:
        """The n-th label, in the language's digits."""
        return self.spec.in_own_digits(label(n, fmt))

    def term(self, group: str, code: str) -> str:
        return getattr(self.library.terms[self.content.lang].record, group)[code]

    def inline(self, raw: str) -> doc.Content:
        out: list[doc.Inline] = []
        for span in parse_inline(join_lines(raw)):
            if isinstance(span, NoteRef):
                first = span.note not in self.notes
                out.append(doc.NoteCall(span.note, self._note(span.note).mark, first))
            else:
                out.append(span)
        return tuple(out)

    def _note(self, note_id: str) -> doc.Note:
        # Notes are numbered in order of first call; a note's own text may call none.
        if note_id not in self.notes:
            mark = self.spec.in_own_digits(str(len(self.notes) + 1))
            self.notes[note_id] = doc.Note(note_id, mark, ())
            assert self.content.footnotes is not None
            text = self.content.footnotes.record.root[note_id]
            self.notes[note_id] = doc.Note(note_id, mark, self.inline(text))
        return self.notes[note_id]


def assemble_report(library: Library, meeting_id: str, lang: str) -> doc.Report:
    meeting = library.meetings[meeting_id]
    content = meeting.languages[lang]
    spec = library.languages.record.root[lang]
    ctx = _Context(library, meeting, content, spec, translations(lang), {}, itertools.count(1))
    record = meeting.meeting.record
    # Reading order (corner notation, title, body), so notes are numbered as read.
    corner = _corner(ctx)
    title = ctx.inline(content.front.record.title)
    chapters = tuple(_chapters(ctx))
    front = doc.Front(
        lang=lang,
        language=spec,
        masthead_language=library.languages.record.root[spec.masthead_language],
        specimen=record.specimen,
        unofficial=record.languages[lang] == "unofficial",
        masthead=doc.Masthead(
            symbol=record.symbol,
            organ=ctx.term("bodies", record.organ) if record.organ else None,
            distribution=record.distribution,
            date_of_issue=record.date_of_issue,
            language=lang,
            original_language=record.original_language,
            job_number=record.job_number_of(lang),
            language_letter=spec.letter,
        ),
        corner=corner,
        title=title,
        marks=page_one_marks(library, lang),
    )
    return doc.Report(meeting_id, front, chapters, tuple(ctx.notes.values()))


def _corner(ctx: _Context) -> doc.CornerNotation:
    record = ctx.meeting.meeting.record
    session = record.session
    if session is None:  # a document of the expert group itself
        held = record.meeting
        return doc.CornerNotation(
            body=ctx.term("bodies", held.body),
            dates=doc.DateSpan(held.dates.start, held.dates.end),
            venue=ctx.term("places", held.venue),
        )
    title = ctx.content.front.record.agenda_item_title
    return doc.CornerNotation(
        body=ctx.term("bodies", session.body),
        dates=doc.DateSpan(session.dates.start, session.dates.end),
        venue=ctx.term("places", session.venue),
        session_number=session.number,
        agenda_item=session.agenda_item,
        agenda_item_title=ctx.inline(title) if title else None,
        provisional_agenda=session.provisional_agenda,
    )


def _chapters(ctx: _Context) -> Iterator[doc.Chapter]:
    c = ctx.content
    chapter_labels = (ctx.label(n, ctx.labels.chapter) for n in itertools.count(1))
    gettext_ = ctx.messages.gettext
    for kind, source in [
        ("introduction", c.introduction),
        ("recommendations", c.recommendations),
        ("deliberations", c.deliberations),
        ("organization", c.organization),
        ("adoption", c.adoption),
    ]:
        record = source.record
        paragraphs: list[schema.Paragraph] = getattr(record, "paragraphs", None) or []
        opening = tuple(_paragraphs(ctx, paragraphs))
        sections = tuple(_sections(ctx, record))
        yield doc.Chapter(
            kind, next(chapter_labels), gettext_(CHAPTER_TITLES[kind]), opening, sections
        )


def _sections(ctx: _Context, record: object) -> Iterator[doc.Section]:
    headed: list[tuple[str, list[schema.Paragraph], str | None]] = []
    if isinstance(record, schema.AgendaChapterFile):
        titles = ctx.content.agenda.record.root
        headed = [
            (agenda_heading(titles[s.agenda_item]), s.paragraphs, s.agenda_item)
            for s in record.sections
        ]
    elif isinstance(record, schema.OrganizationFile):
        headed = [
            (ctx.messages.gettext(ORGANIZATION_TITLES[name]), getattr(record, name), None)
            for name in schema.ORGANIZATION_SECTIONS
            if getattr(record, name)
        ]
    for n, (title, paragraphs, agenda_item) in enumerate(headed, start=1):
        yield doc.Section(
            ctx.label(n, ctx.labels.section),
            title,
            tuple(_paragraphs(ctx, paragraphs)),
            agenda_item,
        )


def agenda_heading(agenda_title: str) -> str:
    """An agenda item's title as a heading: without the list punctuation of the agenda."""
    # and without the space French sets before a colon ("Questions d’organisation :")
    return join_lines(agenda_title).rstrip(_LIST_PUNCTUATION).rstrip()


def _paragraphs(ctx: _Context, paragraphs: Iterable[schema.Paragraph]) -> Iterator[doc.Paragraph]:
    for paragraph in paragraphs:
        number = next(ctx.paragraph_numbers)
        content = ctx.inline(paragraph.text)
        items = _items(ctx, paragraph.items)
        if paragraph.insert == "agenda":
            items = _agenda_items(ctx)
        elif paragraph.insert:
            content = _with_list(
                ctx, content, _insert(ctx, paragraph.insert), paragraph.conjunction
            )
        yield doc.Paragraph(
            paragraph.id, number, ctx.label(number, ctx.labels.paragraph), content, items
        )


def _items(ctx: _Context, items: Iterable[schema.Item]) -> tuple[doc.Item, ...]:
    return tuple(
        doc.Item(
            item.id,
            ctx.label(n, ctx.labels.item),
            ctx.inline(item.text),
            tuple(
                doc.Item(nested.id, ctx.label(m, ctx.labels.nested), ctx.inline(nested.text))
                for m, nested in enumerate(item.items, start=1)
            ),
        )
        for n, item in enumerate(items, start=1)
    )


def _agenda_items(ctx: _Context) -> tuple[doc.Item, ...]:
    titles = ctx.content.agenda.record.root
    return tuple(
        doc.Item(
            entry.id,
            ctx.label(n, ctx.labels.agenda_item),
            ctx.inline(titles[entry.id]),
            tuple(
                doc.Item(
                    sub.id, ctx.label(m, ctx.labels.agenda_subitem), ctx.inline(titles[sub.id])
                )
                for m, sub in enumerate(entry.items, start=1)
            ),
        )
        for n, entry in enumerate(ctx.meeting.meeting.record.agenda, start=1)
    )


def _insert(ctx: _Context, kind: str) -> list[str]:
    participation = ctx.meeting.meeting.record.participation
    if kind == "attendance":
        figures = participation.attendance.model_dump()
        return [
            ctx.messages.ngettext(*ATTENDANCE_PHRASES[name], figures[name]) % {"num": figures[name]}
            for name in schema.ATTENDANCE_CATEGORIES
            if figures[name]
        ]
    codes = getattr(participation, kind)
    return [ctx.term(kind, code) for code in sorted(codes, key=lambda c: _order(ctx, kind, c))]


def _order(ctx: _Context, group: str, code: str) -> bytes:
    """Each language lists States in its own alphabetical order; a language whose
    list_order is "english" (the Chinese seed) follows the English names' order."""
    english = ctx.spec.list_order == "english"
    lang = SORT_LANGUAGE if english else ctx.content.lang
    name = getattr(ctx.library.terms[lang].record, group)[code]
    if not english:
        for prefix in ctx.spec.sort_ignores_prefixes:
            name = name.removeprefix(prefix)
    return sort_key(SORT_LANGUAGE if english else ctx.spec.locale)(name)


def _with_list(
    ctx: _Context, content: doc.Content, members: list[str], conjunction: bool
) -> doc.Content:
    listed = enumerate_in_text(
        members, ctx.spec.locale, conjunction=conjunction, patterns=ctx.spec.list_patterns
    )
    listed += ctx.messages.pgettext("sentence end", ".")
    last = content[-1]
    if isinstance(last, doc.Text):
        return (*content[:-1], doc.Text(join_pair(last.text, listed)))
    shown = plain_text((last,))
    return (*content, doc.Text(join_pair(shown, listed)[len(shown) :]))
