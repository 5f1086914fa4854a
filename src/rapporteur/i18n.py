"""Per-language message catalogs (gettext .po files read through Babel).

Catalogs are compiled in memory, so no binary .mo file is kept in git or has to be
regenerated; a language without a catalog (English, the source language) falls
back to the English source strings.
"""

from __future__ import annotations

import gettext
from functools import cache
from io import BytesIO
from pathlib import Path

from babel.core import Locale
from babel.messages.mofile import write_mo
from babel.messages.pofile import read_po
from babel.support import Translations

from rapporteur.paths import LOCALE_DIR


def catalog_path(lang: str, locale_dir: Path = LOCALE_DIR) -> Path:
    return locale_dir / lang / "LC_MESSAGES" / "messages.po"


@cache
def translations(lang: str, locale_dir: Path = LOCALE_DIR) -> gettext.NullTranslations:
    path = catalog_path(lang, locale_dir)
    if not path.is_file():
        return gettext.NullTranslations()
    with path.open("rb") as po:
        catalog = read_po(po, locale=Locale.parse(lang))
    compiled = BytesIO()
    write_mo(compiled, catalog)
    compiled.seek(0)
    return Translations(compiled)
