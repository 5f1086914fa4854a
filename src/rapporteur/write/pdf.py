"""Report HTML -> PDF with WeasyPrint, fetching nothing from outside templates/."""

from __future__ import annotations

import gc
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from urllib.parse import unquote, urlsplit

from rapporteur.paths import TEMPLATES_DIR
from rapporteur.write import cjk_justification


class FetchRefused(Exception):
    """A URL the PDF engine was not allowed to fetch (anything outside templates/)."""


@dataclass(frozen=True)
class RenderedPdf:
    data: bytes
    pages: int


# ``local()`` fonts in the stylesheet reach the fetcher as file URLs of system fonts.
SYSTEM_FONT_DIRS = (Path("/usr/share/fonts"), Path("/usr/local/share/fonts"))
FONT_SUFFIXES = {".ttf", ".otf", ".ttc", ".woff", ".woff2"}


def allowed(url: str, templates: Path) -> bool:
    """Inline ``data:`` URLs, files under ``templates`` and installed font files; no more."""
    parts = urlsplit(url)
    if parts.scheme == "data":
        return True
    if parts.scheme != "file" or parts.netloc not in {"", "localhost"}:
        return False
    path = Path(unquote(parts.path)).resolve()
    if not path.is_file():
        return False
    if path.is_relative_to(templates.resolve()):
        return True
    return path.suffix.lower() in FONT_SUFFIXES and any(
        path.is_relative_to(d) for d in SYSTEM_FONT_DIRS
    )


@contextmanager
def few_full_collections() -> Iterator[None]:
    """Let Python's full garbage collections wait while WeasyPrint lays out.

    A layout is millions of objects that live until the PDF is written; each full
    collection walks all of them again and frees almost nothing (eight of them took
    about a tenth of a 100-page render). Young garbage is still collected as usual.
    """
    before = gc.get_threshold()
    gc.set_threshold(before[0], before[1], 1_000)
    try:
        yield
    finally:
        gc.set_threshold(*before)


def render_document(html: str, templates: Path = TEMPLATES_DIR) -> Any:
    """WeasyPrint's laid-out document; call it within ``few_full_collections()``."""
    # Imported here: a build with nothing to render never pays for WeasyPrint.
    import weasyprint
    from weasyprint.urls import FatalURLFetchingError, URLFetcher

    cjk_justification.install()

    class TemplatesOnly(URLFetcher):
        def fetch(self, url: str, headers: Any = None) -> Any:
            if not allowed(url, templates):
                # Fatal: WeasyPrint would otherwise log the failure and carry on.
                raise FatalURLFetchingError(
                    f"refused to fetch {url!r}: only files under "
                    f"{templates}, installed fonts and data: URLs "
                    "are served"
                )
            return super().fetch(url, headers)

    try:
        return weasyprint.HTML(
            string=html,
            base_url=templates.resolve().as_uri() + "/",
            url_fetcher=TemplatesOnly(),
        ).render()
    except FatalURLFetchingError as exc:
        raise FetchRefused(str(exc)) from None


def write_pdf(html: str, templates: Path = TEMPLATES_DIR) -> RenderedPdf:
    with few_full_collections():
        document = render_document(html, templates)
        return RenderedPdf(document.write_pdf(), len(document.pages))
