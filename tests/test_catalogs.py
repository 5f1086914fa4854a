"""The message catalogs: the template is extracted from the code as it is, and check
names what a language's catalog lacks, at its line."""

from __future__ import annotations

import shutil
from pathlib import Path

from rapporteur.catalogs import TEMPLATE, catalog_warnings, extracted_template, needs_catalog
from rapporteur.i18n import catalog_path
from rapporteur.load.loader import load_library
from rapporteur.paths import LOCALE_DIR


def test_the_template_is_extracted_from_the_code_as_it_is() -> None:
    assert TEMPLATE.read_bytes() == extracted_template(), "run ./dev catalog"


def test_every_language_of_the_content_has_a_complete_catalog(content: Path) -> None:
    library = load_library(content)
    assert catalog_warnings(library.languages.record) == []


def test_check_names_what_a_catalog_lacks(content: Path, tmp_path: Path) -> None:
    library = load_library(content)
    languages = library.languages.record
    translated = next(lang for lang, spec in languages.root.items() if needs_catalog(spec.locale))
    locale_dir = tmp_path / "locale"
    shutil.copytree(LOCALE_DIR, locale_dir)
    po = catalog_path(translated, locale_dir)
    text = po.read_text(encoding="utf-8")
    # one string untranslated, one fuzzy, one gone, one plural without its forms
    text = text.replace('msgstr "状态"', 'msgstr ""', 1)
    plural = text.index('msgid "%(num)d Member State"')
    forms = text.index("msgstr[0]", plural)
    text = text[:forms] + 'msgstr[0] ""' + text[text.index("\n", forms) :]
    text = text.replace('msgid "Source"', '#, fuzzy\nmsgid "Source"', 1)
    start = text.index('msgid "Theme"')
    text = text[:start] + text[text.index("\n\n", start) + 2 :]
    po.write_text(text, encoding="utf-8")
    lines = text.splitlines()
    warnings = [str(w).replace(str(po), "<po>") for w in catalog_warnings(languages, locale_dir)]
    status_line = next(i for i, line in enumerate(lines, 1) if line == 'msgid "Status"')
    source_line = next(i for i, line in enumerate(lines, 1) if line == 'msgid "Source"')
    plural_line = next(
        i for i, line in enumerate(lines, 1) if line == 'msgid "%(num)d Member State"'
    )
    assert sorted(warnings) == sorted(
        [
            f'<po>:{status_line}:1: warning: untranslated: "Status"',
            f'<po>:{source_line}:1: warning: fuzzy: "Source"',
            '<po>:1:1: warning: missing: msgid "Theme"',
            f'<po>:{plural_line}:1: warning: untranslated: "%(num)d Member State"',
        ]
    )
    # a language with no catalog at all
    shutil.rmtree(locale_dir / translated)
    warnings = catalog_warnings(languages, locale_dir)
    assert [w.message.split(":")[0] for w in warnings] == [f"no catalog for '{translated}'"]
