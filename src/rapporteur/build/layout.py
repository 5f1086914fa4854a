"""What a build makes, and where under build/: kinds, formats and folders.

Stdlib only and defined once: the command line, the planner and the no-op check all
read these without importing the loader or any writer.
"""

from __future__ import annotations

KINDS = ("report", "compilation", "adopted")  # what build and compile make
DOCUMENT_FORMATS = ("pdf", "docx", "html")
EXPORT_FORMATS = ("xlsx", "csv")  # one file for all languages of a compilation
FORMATS = DOCUMENT_FORMATS + EXPORT_FORMATS
ALL_LANGUAGES = "mul"  # the language of a file made for every language
FOLDERS = {
    "report": "reports",
    "compilation": "compilations",
    "adopted": "adopted",
    "redline": "redlines",  # made by diff, not build
}
