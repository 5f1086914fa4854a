"""Zip packages (DOCX, XLSX) made byte-reproducible: fixed entry times and attributes."""

from __future__ import annotations

import zipfile
from io import BytesIO

ZIP_EPOCH = (1980, 1, 1, 0, 0, 0)


def normalized_zip(data: bytes) -> bytes:
    """The same entries in the same order, each with a fixed time and mode."""
    out = BytesIO()
    with (
        zipfile.ZipFile(BytesIO(data)) as source,
        zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED) as target,
    ):
        for info in source.infolist():
            entry = zipfile.ZipInfo(info.filename, date_time=ZIP_EPOCH)
            entry.compress_type = zipfile.ZIP_DEFLATED
            entry.external_attr = 0o644 << 16
            target.writestr(entry, source.read(info.filename))
    return out.getvalue()
