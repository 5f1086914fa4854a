"""The shapes of ids and document symbols: shared by the schema and the inline parser,
and light to import (textconv reads markup without the schema's pydantic)."""

from __future__ import annotations

import re

SYMBOL_RE = re.compile(r"[A-Z]+(?:/[A-Z0-9][A-Za-z0-9.\-]*)+")
ID_RE = re.compile(r"[a-z0-9]+(?:-[a-z0-9]+)*")
