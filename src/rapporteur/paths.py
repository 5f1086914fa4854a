"""Where the project's own inputs live, relative to the repository."""

from __future__ import annotations

from pathlib import Path

ROOT = Path(__file__).resolve().parents[2]
CONTENT_DIR = ROOT / "content"
TEMPLATES_DIR = ROOT / "templates"
LOCALE_DIR = ROOT / "locale"
BUILD_DIR = ROOT / "build"
