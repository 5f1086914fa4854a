"""Page 1's images for a document in one language, read from content/marks/."""

from __future__ import annotations

from rapporteur.load.content import Library
from rapporteur.load.marks import mark_path
from rapporteur.model.document import Marks, Picture


def page_one_marks(library: Library, lang: str) -> Marks:
    """The emblem and the recycle mark that marks.yaml names for ``lang`` (checked on
    loading: every file it names is there)."""
    if library.marks is None:
        return Marks()
    folder = library.marks.file.path.parent
    record = library.marks.record

    def picture(name: str | None) -> Picture | None:
        return None if name is None else Picture(mark_path(folder, name, lang).read_bytes())

    return Marks(emblem=picture(record.emblem), recycle=picture(record.recycle))
