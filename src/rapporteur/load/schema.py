"""The shape of every content file, as pydantic models.

These mirror the YAML one to one and know nothing of numbering or output. Pydantic
reports every problem at once with its location path, which ``validate`` turns into
``path:line:col`` through the round-trip tree. Checks that need more than one file
(ids across languages, references) are in ``crossrefs``.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from typing import Annotated, Literal

from pydantic import (
    AfterValidator,
    BaseModel,
    BeforeValidator,
    ConfigDict,
    Field,
    NonNegativeInt,
    PositiveInt,
    RootModel,
)
from pydantic_core import PydanticCustomError

from rapporteur.load.patterns import ID_RE, SYMBOL_RE

CODE_RE = re.compile(r"[A-Z][A-Z0-9]*(?:-[A-Z0-9]+)*")
LANG_RE = re.compile(r"[a-z]{2,3}")
JOB_NUMBER_RE = re.compile(r"(?:[A-Z]\.)?[0-9]{2}-[0-9]{5}")  # ASCII digits: the barcode's


def _matching(pattern: re.Pattern[str], kind: str, example: str):
    def check(value: str) -> str:
        if not pattern.fullmatch(value):
            raise PydanticCustomError(
                "malformed",
                "malformed {kind} '{value}' (expected something like {example})",
                {"kind": kind, "value": value, "example": example},
            )
        return value

    return AfterValidator(check)


def _not_empty(value: str) -> str:
    if not value.strip():
        raise PydanticCustomError("empty_text", "text is empty")
    return value


Text = Annotated[str, AfterValidator(_not_empty)]
Symbol = Annotated[str, _matching(SYMBOL_RE, "document symbol", "E/CN.15/2018/12")]
Id = Annotated[str, _matching(ID_RE, "id", "leg-technology-neutral")]
Code = Annotated[str, _matching(CODE_RE, "term code", "ALB or ECOSOC")]
Lang = Annotated[str, _matching(LANG_RE, "language code", "zh")]
JobNumber = Annotated[str, _matching(JOB_NUMBER_RE, "job number", "V.18-02342")]


# Dates are written as YAML text (the loader keeps them so); parsing them here puts
# an invalid date's error on its own line and column.
def _written_out(value: object) -> object:
    """A date is written as text: a bare number would be read as seconds since 1970."""
    if isinstance(value, int | float) and not isinstance(value, bool):
        raise PydanticCustomError(
            "date_number",
            "expected a date written YYYY-MM-DD, got the number {value}",
            {"value": value},
        )
    return value


Date = Annotated[date, BeforeValidator(_written_out), Field(strict=False)]


class Record(BaseModel):
    model_config = ConfigDict(extra="forbid", strict=True, frozen=True)


# --- meeting.yaml -----------------------------------------------------------------


class DateRange(Record):
    start: Date
    end: Date


class Session(Record):
    """The session of the parent body that the report goes to (the corner notation)."""

    body: Code
    number: PositiveInt
    dates: DateRange
    venue: Code
    agenda_item: PositiveInt
    provisional_agenda: Symbol


class MeetingHeld(Record):
    """The meeting being reported on."""

    body: Code
    number: PositiveInt
    dates: DateRange
    venue: Code


class AgendaSubitem(Record):
    id: Id


class AgendaItem(Record):
    id: Id
    items: list[AgendaSubitem] = []


ATTENDANCE_CATEGORIES = (
    "member_states",
    "observer_states",
    "secretariat_units",
    "specialized_agencies",
    "intergovernmental_organizations",
    "non_governmental_organizations",
    "academia_and_private_sector",
)


class Attendance(Record):
    member_states: NonNegativeInt = 0
    observer_states: NonNegativeInt = 0
    secretariat_units: NonNegativeInt = 0
    specialized_agencies: NonNegativeInt = 0
    intergovernmental_organizations: NonNegativeInt = 0
    non_governmental_organizations: NonNegativeInt = 0
    academia_and_private_sector: NonNegativeInt = 0


class Participation(Record):
    states: list[Code] = []
    organizations: list[Code] = []
    attendance: Attendance = Attendance()


Distribution = Literal["general", "limited", "restricted"]


class MeetingFile(Record):
    # What an import could not read from its DOCX: each entry names a key of this file
    # ("symbol", "meeting.number") or a fragment ("zh/adoption.yaml") that holds a
    # stand-in value. ``check`` warns of each until the entry is taken out.
    placeholders: list[Annotated[str, Field(min_length=1)]] = []
    symbol: Symbol
    organ: Code | None = None
    distribution: Distribution
    date_of_issue: Date
    original_language: Lang
    languages: dict[Lang, Literal["official", "unofficial"]] = Field(min_length=1)
    # One job number serves every language version, each with its own letter ("V.18-02342
    # (C)", "(E)"); job_numbers overrides it for the rare version that has its own.
    job_number: JobNumber | None = None
    job_numbers: dict[Lang, JobNumber] = {}
    specimen: bool = False
    session: Session | None = None  # absent on documents of the expert group itself
    meeting: MeetingHeld
    agenda: list[AgendaItem] = Field(min_length=1)
    participation: Participation = Participation()

    def job_number_of(self, lang: str) -> str | None:
        """The job number of the ``lang`` version: its own, or the document's."""
        return self.job_numbers.get(lang, self.job_number)


# --- <lang>/*.yaml ------------------------------------------------------------------

Insert = Literal["states", "organizations", "attendance", "agenda"]


class NestedItem(Record):
    id: Id
    text: Text


class Item(Record):
    id: Id
    text: Text
    items: list[NestedItem] = []


class Paragraph(Record):
    id: Id
    text: Text
    items: list[Item] = []
    # Generated lists that follow the text: from meeting.yaml, never typed twice.
    insert: Insert | None = None
    # Whether the generated list joins its last member with "and" (CLDR list pattern).
    conjunction: bool = True


Paragraphs = Annotated[list[Paragraph], Field(min_length=1)]


class FrontFile(Record):
    title: Text
    agenda_item_title: Text | None = None  # the session's agenda item, when there is one


class AgendaSection(Record):
    agenda_item: Id
    paragraphs: Paragraphs


class PlainChapterFile(Record):
    paragraphs: Paragraphs


class AgendaChapterFile(Record):
    """A chapter with optional opening paragraphs, then one section per agenda item."""

    paragraphs: list[Paragraph] = []
    sections: list[AgendaSection] = []


ORGANIZATION_SECTIONS = ("opening", "statements", "agenda", "attendance", "documents")


class OrganizationFile(Record):
    opening: Paragraphs | None = None
    statements: Paragraphs | None = None
    agenda: Paragraphs | None = None
    attendance: Paragraphs | None = None
    documents: Paragraphs | None = None


class TitlesFile(RootModel[dict[Id, Text]]):
    """agenda.yaml: each agenda item's title as adopted; footnotes.yaml: note texts."""


# --- content/terms/<lang>.yaml and content/languages.yaml --------------------------


class TermsFile(Record):
    states: dict[Code, Text] = {}
    organizations: dict[Code, Text] = {}
    bodies: dict[Code, Text] = {}
    places: dict[Code, Text] = {}


NumberStyle = Literal[
    "decimal",
    "lower-latin",
    "upper-latin",
    "lower-roman",
    "upper-roman",
    "simp-chinese-informal",
    "arabic-abjad",
]


class LabelFormat(Record):
    # a counter style, or the words of each position ("أولا", "ثانيا"…: UN Arabic chapters)
    style: NumberStyle | Annotated[list[Text], Field(min_length=1)]
    pattern: Annotated[str, Field(pattern=r"\{\}")]


class Labels(Record):
    chapter: LabelFormat
    section: LabelFormat
    paragraph: LabelFormat
    item: LabelFormat
    nested: LabelFormat
    agenda_item: LabelFormat
    agenda_subitem: LabelFormat
    # the space, in mm, nested items' labels hang in (the PDF's and the DOCX's indents)
    nested_gutter: Annotated[float, Field(gt=0, le=40)] = 10


def _cldr_locale(value: str) -> str:
    from babel import Locale, UnknownLocaleError

    try:
        Locale.parse(value)
    except (UnknownLocaleError, ValueError, TypeError):
        raise PydanticCustomError(
            "unknown_locale",
            "unknown CLDR locale '{value}' (expected something like en_GB)",
            {"value": value},
        ) from None
    return value


WESTERN_DIGITS = "0123456789"


def numbering_system_digits(name: str) -> str:
    """The ten digits of a CLDR numbering system ("latn", "arab", "deva"), from ICU."""
    if name == "latn":
        return WESTERN_DIGITS
    import icu  # only for a language that writes other digits

    try:
        system = icu.NumberingSystem.createInstanceByName(name)
    except icu.ICUError:
        system = None
    if system is None or system.isAlgorithmic() or system.getRadix() != 10:
        raise PydanticCustomError(
            "unknown_numbering_system",
            "'{value}' is not a CLDR numbering system of ten digits (latn, arab, deva, …)",
            {"value": name},
        )
    return system.getDescription()


def _numbering_system(value: str) -> str:
    numbering_system_digits(value)
    return value


def _date_pattern(value: str) -> str:
    from babel.dates import parse_pattern

    try:
        parse_pattern(value)
    except (ValueError, TypeError) as exc:
        raise PydanticCustomError(
            "cldr_pattern", "not a CLDR date pattern: {reason}", {"reason": str(exc)}
        ) from None
    return value


DatePattern = Annotated[str, AfterValidator(_date_pattern)]
PatternPair = Annotated[list[DatePattern], Field(min_length=2, max_length=2)]


class DayPeriods(Record):
    """UN names of the day periods where CLDR's differ: "a.m." and "p.m." in English."""

    am: Text
    pm: Text


class DatePatterns(Record):
    """CLDR date patterns (Babel) for the UN forms of single dates and ranges.

    A range is ``start`` and ``end`` formatted with the pair of patterns for how much
    the two dates share, joined by ``separator``: "14–18 May 2018", "2018年5月14日至18日".
    """

    date: DatePattern
    datetime: DatePattern  # "7 April 2021, 6 p.m.": a moment on the hour, as in "Status: …"
    datetime_minutes: DatePattern  # "7 April 2021, 9.30 a.m.": any other moment
    separator: Text
    same_month: PatternPair
    same_year: PatternPair
    other: PatternPair
    day_periods: DayPeriods | None = None  # for "a" in the patterns; CLDR's when absent
    first_day: Text | None = None  # the first of a month where not "1": French "1er"
    # The months' names where the UN's are not CLDR's: Arabic "كانون الثاني/يناير"…
    month_names: Annotated[list[Text], Field(min_length=12, max_length=12)] | None = None


class ListPunctuation(Record):
    """How the items of a list end: between others (";", "；") and the last ("." "。")."""

    between: Annotated[str, Field(min_length=1)]
    end: Annotated[str, Field(min_length=1)]


def _regex(value: str) -> str:
    try:
        re.compile(value)
    except re.error as exc:
        raise PydanticCustomError(
            "regex", "not a regular expression: {reason}", {"reason": str(exc)}
        ) from None
    return value


# The invisible characters a typographic rule may put in, by name: no-break spaces, the
# word joiner (no line break here), the isolates that keep a Latin run (a symbol) in its
# order in right-to-left text.
NAMED_SPACES = {
    "{nbsp}": "\u00a0",
    "{nnbsp}": "\u202f",
    "{wj}": "\u2060",
    "{lri}": "\u2066",
    "{pdi}": "\u2069",
}


class TypographyRule(Record):
    """A typographic rule applied to the text as it is rendered (never typed in content):
    each match of ``find`` (a regular expression, where {month} stands for any of the
    language's months' names) becomes ``replace`` ("\\1" for its first group, {nbsp}
    and {nnbsp} for the no-break spaces). French: a no-break space before ":", a narrow
    one before ";"."""

    find: Annotated[str, AfterValidator(_regex)]
    replace: str

    @property
    def replacement(self) -> str:
        out = self.replace
        for name, space in NAMED_SPACES.items():
            out = out.replace(name, space)
        return out


class WordFonts(Record):
    """The fonts of UN Word documents: ``w:rFonts`` ascii/hAnsi, eastAsia and cs."""

    latin: Text
    east_asian: Text | None = None
    complex_script: Text | None = None  # Arabic: "Simplified Arabic", as UN templates


class Fonts(Record):
    """A language's fonts, named once for both writers: the PDF's CSS font families
    (the first with a glyph draws it; "UN Latin" is report.css's Liberation Serif for
    Latin letters only) and its line height; the DOCX's Word fonts."""

    pdf: Annotated[list[Text], Field(min_length=1)]
    line_height: Annotated[float, Field(gt=0.8, lt=3)] = 1.2
    word: WordFonts


class OrdinalWords(Record):
    """Ordinals spelled from words given here, where num2words has not the UN's (Arabic
    "الدورة السابعة والعشرون", feminine): 1–9, 10, 11–19, the tens 20–90, and how a
    unit joins a ten ("{unit} و{tens}"), the units taking their compound forms there
    where they differ (الحادية for الأولى)."""

    units: Annotated[list[Text], Field(min_length=9, max_length=9)]
    ten: Text
    teens: Annotated[list[Text], Field(min_length=9, max_length=9)]
    tens: Annotated[list[Text], Field(min_length=8, max_length=8)]
    compound: Annotated[str, Field(pattern=r"\{unit\}.*\{tens\}|\{tens\}.*\{unit\}")]
    compound_units: Annotated[list[Text], Field(min_length=9, max_length=9)] | None = None

    def spelled(self, n: int) -> str:
        if not 1 <= n <= 99:
            return str(n)
        tens, unit = divmod(n, 10)
        if n < 10:
            return self.units[n - 1]
        if n == 10:
            return self.ten
        if n < 20:
            return self.teens[n - 11]
        if unit == 0:
            return self.tens[tens - 2]
        units = self.compound_units or self.units
        return self.compound.format(unit=units[unit - 1], tens=self.tens[tens - 2])


class LanguageSpec(Record):
    locale: Annotated[str, AfterValidator(_cldr_locale)]
    letter: Annotated[str, Field(pattern=r"^[A-Z]$")]
    # The Distr./date/Original block of the masthead: English on Chinese documents.
    masthead_language: Lang
    # Ordinals ("Twenty-seventh session", "27º período de sesiones", "第二十七届会议"):
    # "spellout" (num2words, with spellout_options such as a gender), a counter style,
    # a counter style in a pattern, or words (OrdinalWords).
    ordinal: Literal["spellout"] | NumberStyle | LabelFormat | OrdinalWords
    spellout_options: dict[str, str] = {}
    dates: DatePatterns
    labels: Labels
    list_punctuation: ListPunctuation
    # Lists of States: in the language's own alphabetical order (ICU collation), or in
    # the English order, as the Chinese seed lists them.
    list_order: Literal["own", "english"]
    # Words left out when sorting a list's members: UN Arabic orders States without
    # their article ("الاتحاد الروسي" under ا, before "الأرجنتين").
    sort_ignores_prefixes: list[Text] = []
    # CLDR list patterns (start, middle, end, 2) where the UN's differ: "{0}، و{1}".
    list_patterns: dict[Literal["start", "middle", "end", "2"], Text] = {}
    typography: list[TypographyRule] = []
    fonts: Fonts
    # Arabic is written right to left: the page mirrors (report.css), the DOCX's
    # paragraphs are bidi and its runs rtl.
    direction: Literal["ltr", "rtl"] = "ltr"
    # The digits of every number rapporteur writes (dates, times, labels, page numbers),
    # a CLDR numbering system: UN Arabic documents use Western ones, "latn", too.
    digits: Annotated[str, AfterValidator(_numbering_system)] = "latn"

    @property
    def months(self) -> tuple[str, ...]:
        """The months' names as its dates print them: ``month_names``, or CLDR's."""
        if self.dates.month_names:
            return tuple(self.dates.month_names)
        from babel.dates import get_month_names

        names = get_month_names("wide", locale=self.locale)
        return tuple(names[month] for month in range(1, 13))

    @property
    def digit_symbols(self) -> str:
        return numbering_system_digits(self.digits)

    def in_own_digits(self, text: str) -> str:
        """``text`` with its Western digits written in the language's own."""
        if self.digits == "latn":
            return text
        return text.translate(str.maketrans(WESTERN_DIGITS, self.digit_symbols))


class LanguagesFile(RootModel[dict[Lang, LanguageSpec]]):
    pass


# --- content/marks/marks.yaml ----------------------------------------------------------

# A PNG or JPEG beside marks.yaml; "{lang}" stands for a language's code.
MARK_FILE_RE = re.compile(
    r"[A-Za-z0-9_-][A-Za-z0-9._-]*(?:\{lang\}[A-Za-z0-9._-]*)?\.(?:png|jpe?g)"
)
MarkFileName = Annotated[
    str, _matching(MARK_FILE_RE, "image file name", "un-emblem.png or recycle.{lang}.png")
]


class MarksFile(Record):
    """Page 1's images, named where a project has them: the UN emblem in the masthead,
    the "Please recycle" mark at the foot of the page (worded in each language)."""

    emblem: MarkFileName | None = None
    recycle: MarkFileName | None = None


# --- content/compilations/<id>/ --------------------------------------------------------


class ThemeSource(Record):
    meeting: Id
    agenda_item: Id


class Theme(Record):
    id: Id
    sources: Annotated[list[ThemeSource], Field(min_length=1)]


class AdoptedList(Record):
    """compilation.yaml's ``adopted:``: the list of adopted items is a document of its
    own, issued after the meeting under its own symbol; without this block it is not made."""

    symbol: Symbol
    distribution: Distribution
    date_of_issue: Date
    sources: bool = False  # a column with each item's report and paragraph


class CompilationFile(Record):
    """compilation.yaml: the document's metadata, its meetings and its themes in order."""

    symbol: Symbol
    distribution: Distribution
    date_of_issue: Date
    original_language: Lang
    meeting: MeetingHeld  # the meeting the compilation is prepared for
    meetings: Annotated[list[Id], Field(min_length=1)]
    themes: Annotated[list[Theme], Field(min_length=1)]
    adopted: AdoptedList | None = None


class CompilationTextFile(Record):
    """<lang>/text.yaml: the title, the introduction and the themes' titles; the adopted
    list's title (the catalog's standard one when absent)."""

    title: Text
    introduction: Paragraphs
    themes: dict[Id, Text]
    adopted_title: Text | None = None


State = Literal["proposed", "agreed-ad-referendum", "agreed", "deleted", "merged"]


class Negotiation(Record):
    """What the secretariat notes of an item during the meeting (the tracking workbook's
    columns): the States that proposed and supported it, by their codes in terms.yaml,
    and the facilitators' comments."""

    proposed_by: list[Code] = []
    supported_by: list[Code] = []
    comments: Text | None = None


class ItemStatus(Negotiation):
    state: State = "proposed"
    into: Id | None = None  # for "merged": the item this one was merged into
    text: dict[Lang, Text] = {}  # amended text per language; [brackets] are not yet agreed


class NewItem(Negotiation):
    """An item proposed during the meeting, placed after an existing one ("bis", "ter")."""

    id: Id
    after: Id
    state: State = "proposed"
    into: Id | None = None
    text: Annotated[dict[Lang, Text], Field(min_length=1)]


class StatusFile(Record):
    as_of: Annotated[datetime, BeforeValidator(_written_out), Field(strict=False)]
    items: dict[Id, ItemStatus] = {}
    new: list[NewItem] = []
