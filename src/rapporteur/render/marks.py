"""Page 1's image slots: how tall each stands, the same in the PDF and the DOCX (the
DOCX writer reads it from the HTML), whether or not the project has the image."""

from __future__ import annotations

from base64 import b64encode

from rapporteur.model.document import Picture

# The emblem stands as tall as the masthead's top line; the recycle mark beside the
# barcode, a little taller than it (7 mm).
SLOT_HEIGHT_MM = {"emblem": 11, "recycle": 9}


def data_uri(picture: Picture) -> str:
    """The picture inside the HTML: the PDF engine fetches nothing from content/."""
    return f"data:{picture.media_type};base64,{b64encode(picture.data).decode('ascii')}"
