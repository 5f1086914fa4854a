"""The Jinja2 environment: autoescaping, gettext catalogs, and the filters templates use."""

from __future__ import annotations

from functools import cache
from pathlib import Path

from babel.core import Locale
from jinja2 import Environment, FileSystemLoader, StrictUndefined

from rapporteur.i18n import translations
from rapporteur.load.schema import LabelFormat, LanguageSpec, OrdinalWords
from rapporteur.model import document as doc
from rapporteur.model.numbering import counter, label
from rapporteur.paths import TEMPLATES_DIR
from rapporteur.render.barcode import barcode_text, code39_svg
from rapporteur.render.dates import date_range, in_running_text, moment, single_date
from rapporteur.render.marks import SLOT_HEIGHT_MM, data_uri
from rapporteur.render.unbreakable import unbroken_symbol

UNDOCS = "https://undocs.org/"


def undocs_url(symbol: str) -> str:
    return UNDOCS + symbol


def symbol_parts(symbol: str) -> tuple[str, str]:
    """ "E/CN.15/2018/12" -> ("E/", "CN.15/2018/12"): the masthead sets the first larger."""
    first, _, rest = symbol.partition("/")
    return f"{first}/", rest


def spelled_ordinal(n: int, language: LanguageSpec, lang: str) -> str:
    """ "twenty-seventh", "двадцать седьмая" (spellout_options: gender f), "27º", "二十七"."""
    if language.ordinal == "spellout":
        from num2words import num2words  # only the languages that spell ordinals need it

        return num2words(n, lang=lang, to="ordinal", **language.spellout_options)
    if isinstance(language.ordinal, LabelFormat):
        return language.in_own_digits(label(n, language.ordinal))
    if isinstance(language.ordinal, OrdinalWords):
        return language.ordinal.spelled(n)
    return language.in_own_digits(counter(n, language.ordinal))


def language_name(lang: str, in_language: str) -> str:
    """CLDR's name of ``lang`` in ``in_language``: ("zh", "en") -> "Chinese"."""
    return Locale.parse(in_language).languages[lang]


def capitalize_first(text: str) -> str:
    return text[:1].upper() + text[1:]


def bcp47(locale: str) -> str:
    return str(Locale.parse(locale)).replace("_", "-")


@cache
def environment(lang: str, templates: Path = TEMPLATES_DIR) -> Environment:
    """One environment per language, its catalog installed for ``{% trans %}`` and ``_()``."""
    env = Environment(
        loader=FileSystemLoader(templates),
        autoescape=True,  # content is text: markup in it is printed, never interpreted
        undefined=StrictUndefined,
        extensions=["jinja2.ext.i18n"],
        trim_blocks=True,
        lstrip_blocks=True,
        keep_trailing_newline=True,
    )
    env.install_gettext_translations(translations(lang), newstyle=True)  # type: ignore[attr-defined]
    env.filters.update(
        single_date=single_date,
        moment=moment,
        date_range=date_range,
        running_date=in_running_text,
        undocs_url=undocs_url,
        symbol_parts=symbol_parts,
        capitalize_first=capitalize_first,
        bcp47=bcp47,
        unbroken_symbol=unbroken_symbol,
        data_uri=data_uri,
        own_digits=lambda number, language: language.in_own_digits(str(number)),
    )
    env.globals.update(
        spelled_ordinal=spelled_ordinal,
        language_name=language_name,
        barcode_text=barcode_text,
        code39_svg=code39_svg,
        mark_heights=SLOT_HEIGHT_MM,
        masthead_gettext=lambda lang_: translations(lang_).gettext,
        N_=lambda message: message,  # marks a string for extraction; translated where used
    )
    env.tests.update(
        text=lambda span: isinstance(span, doc.Text),
        symbol_link=lambda span: isinstance(span, doc.SymbolLink),
        note_call=lambda span: isinstance(span, doc.NoteCall),
        inserted=lambda span: isinstance(span, doc.Inserted),
        deleted=lambda span: isinstance(span, doc.Deleted),
    )
    return env
