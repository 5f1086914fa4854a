"""The message catalogs as a whole: ``locale/messages.pot`` extracted from the code and
templates (Babel), and what each language's catalog lacks, for ``check``.

The source strings are English; a language whose CLDR locale is English needs no
catalog. Every other language in languages.yaml needs one with every string of the
template translated and none fuzzy, or its documents fall back to English words.
"""

from __future__ import annotations

from io import BytesIO
from pathlib import Path

from babel.core import Locale
from babel.messages.catalog import Catalog
from babel.messages.extract import DEFAULT_KEYWORDS, extract_from_dir
from babel.messages.pofile import read_po, write_po

from rapporteur.diagnostics import Diagnostic, Position
from rapporteur.i18n import catalog_path
from rapporteur.load.schema import LanguagesFile
from rapporteur.paths import ENGINE_DIR, LOCALE_DIR

SOURCE_LANGUAGE = "en"  # the language of the strings in the code and templates
TEMPLATE = LOCALE_DIR / "messages.pot"
# mt(): a masthead string, translated into the masthead's language (layout.html.j2);
# ngettext_noop(): a plural pair chosen later (model.assemble).
KEYWORDS = {**DEFAULT_KEYWORDS, "mt": None, "ngettext_noop": (1, 2)}
METHODS = [("**.py", "python"), ("**/templates/**.j2", "jinja2.ext:babel_extract")]
OPTIONS = {"**/templates/**.j2": {"extensions": "jinja2.ext.i18n", "trim_blocks": "True"}}


def extracted_template() -> bytes:
    """messages.pot as the code and templates now are: the same bytes for the same
    sources (no creation date), each string once with every place it is used."""
    catalog = Catalog(project="rapporteur", fuzzy=False)
    for filename, lineno, message, comments, context in extract_from_dir(
        ENGINE_DIR, METHODS, OPTIONS, KEYWORDS, comment_tags=("Translators:",)
    ):
        catalog.add(
            message, locations=[(filename, lineno)], auto_comments=comments, context=context
        )
    out = BytesIO()
    # no line numbers: the template changes when strings do, not when code moves
    write_po(out, catalog, omit_header=True, sort_output=True, width=96, include_lineno=False)
    return out.getvalue()


def needs_catalog(locale: str) -> bool:
    return Locale.parse(locale).language != SOURCE_LANGUAGE


def catalog_warnings(languages: LanguagesFile, locale_dir: Path = LOCALE_DIR) -> list[Diagnostic]:
    """Per language: a missing catalog, and each string missing, untranslated or fuzzy,
    at its line of the .po file."""
    with TEMPLATE.open("rb") as source:
        wanted = [m for m in read_po(source) if m.id]
    out = []
    for lang, spec in languages.root.items():
        if not needs_catalog(spec.locale):
            continue
        path = catalog_path(lang, locale_dir)
        if not path.is_file():
            out.append(
                _warning(
                    Position(path, 1, 1),
                    f"no catalog for '{lang}': {len(wanted)} strings of messages.pot would "
                    "stay in English (copy messages.pot here and translate it)",
                )
            )
            continue
        with path.open("rb") as po:
            catalog = read_po(po, locale=Locale.parse(spec.locale))
        for message in wanted:
            found = catalog.get(message.id, context=message.context)
            if found is None:
                out.append(_warning(Position(path, 1, 1), f"missing: msgid {_quoted(message.id)}"))
            elif not all(found.string if isinstance(found.string, tuple) else [found.string]):
                # a plural entry needs every form
                out.append(
                    _warning(
                        Position(path, found.lineno, 1), f"untranslated: {_quoted(message.id)}"
                    )
                )
            elif found.fuzzy:
                out.append(
                    _warning(Position(path, found.lineno, 1), f"fuzzy: {_quoted(message.id)}")
                )
    return out


def _quoted(message_id: str | tuple) -> str:
    text = message_id if isinstance(message_id, str) else message_id[0]
    return '"' + (text if len(text) <= 60 else text[:59] + "…") + '"'


def _warning(position: Position, message: str) -> Diagnostic:
    return Diagnostic(position, message, "warning")
