"""Reading a DOCX the way the tests check it: its parts as XML, its paragraphs as text."""

from __future__ import annotations

import posixpath
import re
import subprocess
import zipfile
from pathlib import Path
from xml.etree import ElementTree as ET

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
REL = "http://schemas.openxmlformats.org/package/2006/relationships"
NS = {"w": W, "r": R}
FONTS_CONF = Path(__file__).with_name("fonts.conf")


def w(name: str) -> str:
    return f"{{{W}}}{name}"


class Docx:
    def __init__(self, path: Path) -> None:
        self.path = path
        self.zip = zipfile.ZipFile(path)
        self.names = self.zip.namelist()

    def xml(self, name: str) -> ET.Element:
        return ET.fromstring(self.zip.read(name))

    def rels(self, part: str) -> dict[str, ET.Element]:
        folder, file = posixpath.split(part)
        name = posixpath.join(folder, "_rels", f"{file}.rels")
        if name not in self.names:
            return {}
        return {rel.get("Id"): rel for rel in self.xml(name).iter(f"{{{REL}}}Relationship")}

    def related(self, part: str, kind: str) -> list[str]:
        folder = posixpath.dirname(part)
        return [
            posixpath.normpath(posixpath.join(folder, rel.get("Target")))
            for rel in self.rels(part).values()
            if rel.get("Type", "").endswith("/" + kind)
        ]


def paragraph_text(paragraph: ET.Element) -> str:
    """Visible text of a body paragraph: runs and hyperlinks, tabs as "\\t", no notes."""
    out = []
    for node in paragraph.iter():
        if node.tag == w("t"):
            out.append(node.text or "")
        elif node.tag == w("tab"):
            out.append("\t")
        elif node.tag == w("footnoteReference"):
            out.append("\0")  # the mark and any custom mark text after it are dropped
    text = "".join(out)
    return re.sub(r"\0\*?", "", text)


def styled_paragraphs(doc: Docx) -> list[tuple[str, str]]:
    """(style id, text) of each paragraph of the document body, in order."""
    body = doc.xml("word/document.xml").find("w:body", NS)
    out = []
    for paragraph in body.iter(w("p")):
        style = paragraph.find("w:pPr/w:pStyle", NS)
        out.append((style.get(w("val")) if style is not None else "", paragraph_text(paragraph)))
    return out


def libreoffice_pdfs(docs: list[Path], out: Path) -> subprocess.CompletedProcess[str]:
    """Lay ``docs`` out as LibreOffice does, with tests/fonts.conf, into PDFs in ``out``
    (a private profile there: two runs never share one)."""
    return subprocess.run(
        [
            "soffice",
            "--headless",
            f"-env:UserInstallation=file://{out}/profile",
            "--convert-to",
            "pdf",
            "--outdir",
            str(out),
            *map(str, docs),
        ],
        capture_output=True,
        text=True,
        timeout=300,
        env={"FONTCONFIG_FILE": str(FONTS_CONF), "HOME": str(out), "PATH": "/usr/bin:/bin"},
    )
