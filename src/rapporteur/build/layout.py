"""What a build makes, and where under build/: kinds, formats and folders.

Stdlib only and defined once: the command line, the planner and the no-op check all
read these without importing the loader or any writer.
"""

from __future__ import annotations

# What build and compile make. A compilation has two editions: as issued (the CRP, no
# status) and the status edition of the meeting day; the adopted list is its own document.
KINDS = ("report", "compilation", "status", "adopted")
COMPILATION_KINDS = ("compilation", "status", "adopted")  # documents of a compilation folder
DOCUMENT_FORMATS = ("pdf", "docx", "html")
EXPORT_FORMATS = ("xlsx", "csv")  # one file for all languages of a compilation
FORMATS = DOCUMENT_FORMATS + EXPORT_FORMATS
ALL_LANGUAGES = "mul"  # the language of a file made for every language
FOLDERS = {
    "report": "reports",
    "compilation": "compilations",
    "status": "compilations",
    "adopted": "adopted",
    "redline": "redlines",  # made by diff, not build
}
# A kind that shares its folder with another is told apart by a tag in the file name:
# compilations/2021-stocktaking.status.en.pdf beside compilations/2021-stocktaking.en.pdf.
NAME_TAGS = {"status": "status"}
