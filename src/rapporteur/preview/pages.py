"""The preview's pages: a document with the preview's layer put in (block data, the
toolbar, the error overlay), the index, and two languages side by side."""

from __future__ import annotations

import html as html_escape
import json
import re
from functools import cache

from jinja2 import Environment, FileSystemLoader, StrictUndefined

from rapporteur.build.targets import Target
from rapporteur.load.content import Library
from rapporteur.model.assemble import assemble_report
from rapporteur.model.plaintext import plain_text
from rapporteur.paths import TEMPLATES_DIR
from rapporteur.review.references import numbered_blocks, reference
from rapporteur.wordimport.fragments import UNTRANSLATED

PREVIEW_DIR = TEMPLATES_DIR / "preview"
_ID = re.compile(r' id="([^"]+)"')


def doc_url(kind: str, doc_id: str, lang: str) -> str:
    return f"/doc/{kind}/{doc_id}/{lang}"


@cache
def _templates() -> Environment:
    env = Environment(
        loader=FileSystemLoader(PREVIEW_DIR), autoescape=True, undefined=StrictUndefined
    )
    env.globals["doc_url"] = doc_url
    return env


def state_json(doc: str, version: int, rendered: int | None, errors: list[str]) -> str:
    """The page's state, for preview.js: its document, the workspace's version when the
    page was made, the version its document was rendered at, the errors shown. Safe
    inside a <script> element: no "<" at all (an error quoting "<!--<script>" would
    otherwise end or hide the script)."""
    state = {"doc": doc, "version": version, "rendered": rendered, "errors": errors}
    text = json.dumps(state, ensure_ascii=False)
    return text.replace("<", "\\u003c")


def document_page(
    html: str,
    references: dict[str, str],
    target: Target,
    languages: list[str],
    version: int,
    rendered: int,
    errors: list[str],
) -> str:
    """The document's own HTML, each block carrying its id and reference as data
    attributes (its source line is asked for on a click), with the preview's
    stylesheet, toolbar, overlay and script."""

    def annotated(match: re.Match[str]) -> str:
        found = references.get(match[1])
        if found is None:
            return match[0]
        block_id = match[1].removeprefix("item-")
        data = {"rp-id": block_id, "rp-ref": found}
        attributes = "".join(
            f' data-{name}="{html_escape.escape(value, quote=True)}"'
            for name, value in data.items()
        )
        return match[0] + attributes

    page = _ID.sub(annotated, html)
    layer = (
        _templates()
        .get_template("bar.html.j2")
        .render(
            target=target,
            languages=languages,
            state=state_json(doc_key(target), version, rendered, errors),
        )
    )
    page = page.replace("</head>", '<link rel="stylesheet" href="/preview.css">\n</head>', 1)
    return page.replace("</body>", layer + "\n</body>", 1)


def problem_page(target: Target, version: int, errors: list[str]) -> str:
    """A document that could not be rendered yet: its errors, on a page that reloads
    itself once it can be."""
    return (
        _templates()
        .get_template("problem.html.j2")
        .render(
            target=target,
            errors=errors,
            state=state_json(doc_key(target), version, None, errors),
        )
    )


def doc_key(target: Target) -> str:
    return f"{target.kind}/{target.id}/{target.lang}"


def index_page(content: str, documents: list[Target], errors: list[str]) -> str:
    meetings: dict[str, list[str]] = {}
    compilations: dict[tuple[str, str], list[str]] = {}
    for target in documents:
        if target.kind == "report":
            meetings.setdefault(target.id, []).append(target.lang)
        else:
            compilations.setdefault((target.kind, target.id), []).append(target.lang)
    return (
        _templates()
        .get_template("index.html.j2")
        .render(
            content=content,
            meetings=sorted(meetings.items()),
            compilations=sorted(compilations.items()),
            errors=errors,
        )
    )


def side_by_side_page(
    library: Library, meeting: str, left: str, right: str, version: int, errors: list[str]
) -> str:
    """Every numbered block of a meeting in two languages, paragraph against paragraph
    by id; a block one language lacks, or has still to translate (an import marks it
    "[to be translated]"), is marked."""
    sides = {lang: assemble_report(library, meeting, lang) for lang in (left, right)}
    texts = {
        lang: {block.id: (parts, plain_text(block.content)) for parts, block in numbered_blocks(r)}
        for lang, r in sides.items()
    }
    order = list(texts[left])
    for previous, block_id in zip([None, *texts[right]], texts[right], strict=False):
        if block_id not in texts[left]:
            order.insert(order.index(previous) + 1 if previous in order else len(order), block_id)
    rows = []
    for block_id in order:
        parts = (texts[left].get(block_id) or texts[right][block_id])[0]
        left_text = texts[left].get(block_id, (None, None))[1]
        right_text = texts[right].get(block_id, (None, None))[1]
        rows.append(
            {
                "id": block_id,
                "reference": f"para. {reference(parts)}",
                "left": left_text,
                "right": right_text,
                "missing": any(
                    text is None or text.startswith(UNTRANSLATED.strip())
                    for text in (left_text, right_text)
                ),
            }
        )
    directions = {lang: sides[lang].front.language.direction for lang in sides}
    return (
        _templates()
        .get_template("side.html.j2")
        .render(
            meeting=meeting,
            left=left,
            right=right,
            left_dir=directions[left],
            right_dir=directions[right],
            rows=rows,
            missing=sum(row["missing"] for row in rows),
            state=state_json(f"report/{meeting}/{left}", version, None, errors),
        )
    )
