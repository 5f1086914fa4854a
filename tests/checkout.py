"""The checkout these tests belong to: its own content, found from this file's place."""

from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
CONTENT_DIR = ROOT / "content"
