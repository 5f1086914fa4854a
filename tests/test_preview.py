"""``./dev serve``: the live preview, over HTTP as a page would use it (the browser
test is tests/test_preview_browser.py)."""

from __future__ import annotations

import io
import json
import os
import re
import shutil
import signal
import subprocess
import sys
import threading
import time
import urllib.error
import urllib.request
import zipfile
from pathlib import Path

import pytest
from ruamel.yaml import YAML

from checkout import ROOT
from conftest import FIXTURE_CONTENT, MEETING, meeting_languages
from rapporteur.diagnostics import ContentError
from rapporteur.load.loader import load_library
from rapporteur.paths import Project
from rapporteur.preview import workspace as workspace_module
from rapporteur.preview.server import start
from rapporteur.preview.workspace import Workspace

MEETING_ID = MEETING.rsplit("/", 1)[1]
LANGS = meeting_languages(MEETING, FIXTURE_CONTENT)
WAIT_S = 20.0


@pytest.fixture
def preview(tmp_path: Path):
    """A running preview of a private copy of the fixture content."""
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    server = start(Workspace(Project(tmp_path)), port=0)
    yield server
    server.stop()


def get(server, path: str) -> tuple[int, bytes, str]:
    try:
        with urllib.request.urlopen(server.url.rstrip("/") + path, timeout=60) as response:
            return response.status, response.read(), response.headers.get("Content-Type", "")
    except urllib.error.HTTPError as exc:
        return exc.code, exc.read(), exc.headers.get("Content-Type", "")


def page(server, lang: str) -> str:
    status, body, _ = get(server, f"/doc/report/{MEETING_ID}/{lang}")
    assert status == 200
    return body.decode("utf-8")


def page_state(html: str) -> dict:
    found = re.search(r'<script type="application/json" id="rp-state">(.*?)</script>', html)
    return json.loads(found[1])


def rendered_at(html: str) -> int:
    return page_state(html)["rendered"]


def state(server, doc: str) -> dict:
    status, body, _ = get(server, f"/state?doc={doc}")
    assert status == 200
    return json.loads(body)


def recommendation(content: Path, lang: str) -> Path:
    return content / MEETING / lang / "recommendations.yaml"


class Events:
    """The server-sent events a page receives, read in a thread."""

    def __init__(self, server, doc: str, seen: int) -> None:
        url = f"{server.url}events?doc={doc}&seen={seen}"
        self.response = urllib.request.urlopen(url, timeout=60)
        self.messages: list[dict] = []
        self.arrived = threading.Condition()
        threading.Thread(target=self._read, daemon=True).start()

    def _read(self) -> None:
        try:
            for raw in self.response:
                line = raw.decode("utf-8").strip()
                if line.startswith("data: "):
                    with self.arrived:
                        self.messages.append(json.loads(line[6:]))
                        self.arrived.notify_all()
        except (OSError, ValueError):
            pass

    def next(self, count: int) -> dict:
        with self.arrived:
            assert self.arrived.wait_for(lambda: len(self.messages) >= count, WAIT_S), "no event"
            return self.messages[count - 1]

    def close(self) -> None:
        self.response.close()


def test_a_save_reaches_the_open_page_and_errors_come_and_go(preview) -> None:
    content = preview.workspace.content
    lang = LANGS[0]
    doc = f"report/{MEETING_ID}/{lang}"
    before = page(preview, lang)
    events = Events(preview, doc, preview.workspace.version)
    path = recommendation(content, lang)
    text = path.read_text(encoding="utf-8")
    first = re.search(r"text: (.+)", text)[1].strip()
    word = "Zanzibarian"
    path.write_text(text.replace(first, f"{word} {first}", 1), encoding="utf-8")
    events.next(1)
    now = state(preview, doc)
    assert now["errors"] == [] and now["rendered"] > rendered_at(before)
    assert word in page(preview, lang) and word not in before

    # broken: the overlay's lines, path:line:col; the last good rendering stays
    path.write_text(text.replace("paragraphs:", "paragraphs: [", 1), encoding="utf-8")
    events.next(2)
    news = state(preview, doc)
    assert news["errors"], news
    with pytest.raises(ContentError) as raised:  # what check says, line for line
        load_library(content)
    assert news["errors"] == [str(d) for d in raised.value.diagnostics]
    assert all(re.match(r".*recommendations\.yaml:\d+:\d+: ", e) for e in news["errors"])
    shown = page(preview, lang)
    assert word in shown
    assert page_state(shown)["errors"] == news["errors"]

    # fixed: no errors, the new text
    path.write_text(text.replace(first, f"Fixed {first}", 1), encoding="utf-8")
    events.next(3)
    assert state(preview, doc)["errors"] == []
    assert "Fixed" in page(preview, lang)
    events.close()


def test_only_documents_a_save_touches_are_rendered_again(preview, monkeypatch) -> None:
    workspace = preview.workspace
    for lang in LANGS:
        page(preview, lang)
    rendered: list[tuple[str, str]] = []
    real = workspace_module.assemble

    def counting(library, kind, doc_id, lang):
        rendered.append((doc_id, lang))
        return real(library, kind, doc_id, lang)

    monkeypatch.setattr(workspace_module, "assemble", counting)
    changed = recommendation(workspace.content, LANGS[0])
    changed.write_text(changed.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    workspace.reload([changed])
    assert rendered == [(MEETING_ID, LANGS[0])]


def test_a_burst_of_saves_is_one_rebuild(preview) -> None:
    workspace = preview.workspace
    content = workspace.content
    files = sorted(content.rglob("*.yaml"))
    texts = {path: path.read_text(encoding="utf-8") + "\n" for path in files}
    version, rebuilds = workspace.version, workspace.rebuilds
    for path, text in texts.items():  # a checkout of every file
        path.write_text(text, encoding="utf-8")
    assert workspace.wait(version, WAIT_S) != version
    time.sleep(1.0)  # any rebuild the burst caused has started by now
    made = workspace.rebuilds - rebuilds
    print(f"{len(files)} files saved at once: {made} rebuild(s)")
    assert 1 <= made <= 2 < len(files)


def test_a_render_that_fails_is_shown_and_the_server_runs_on(preview, monkeypatch) -> None:
    lang = LANGS[0]
    doc = f"/doc/report/{MEETING_ID}/{lang}"

    def broken(document):
        raise RuntimeError("the template tripped")

    monkeypatch.setattr(workspace_module, "html_of", broken)
    preview.workspace.reload()
    status, body, _ = get(preview, doc)
    # a page with the error, which reloads itself once the document renders
    assert status == 200 and b"the template tripped" in body
    assert page_state(body.decode("utf-8"))["rendered"] is None
    monkeypatch.undo()
    preview.workspace.reload()
    assert "para" in page(preview, lang)


def test_pdf_and_docx_on_demand_from_memory(preview, tmp_path) -> None:
    lang = LANGS[0]
    status, pdf, media = get(preview, f"/file/pdf/report/{MEETING_ID}/{lang}")
    assert status == 200 and media == "application/pdf" and pdf.startswith(b"%PDF")
    status, docx, _ = get(preview, f"/file/docx/report/{MEETING_ID}/{lang}")
    assert status == 200
    with zipfile.ZipFile(io.BytesIO(docx)) as package:
        assert "word/document.xml" in package.namelist()
        # the preview's data never reaches an artifact
        assert b"data-rp" not in package.read("word/document.xml")
    assert not (tmp_path / "build").exists()


def test_the_preview_data_is_in_the_preview_only(preview, tmp_path) -> None:
    from rapporteur import cli

    lang = LANGS[0]
    shown = page(preview, lang)
    blocks = re.findall(r'data-rp-id="([^"]+)" data-rp-ref="([^"]+)"', shown)
    assert blocks
    source_id, reference = blocks[0]
    status, body, media = get(preview, f"/source?doc=report/{MEETING_ID}/{lang}&block={source_id}")
    assert status == 200 and media == "application/json"
    place = json.loads(body)["place"]
    path, line = place.rsplit(":", 1)
    text = (tmp_path / path).read_text(encoding="utf-8").splitlines()
    assert reference == "para. 1"
    assert f"id: {source_id}" in text[int(line) - 2]  # the text's line follows its id's
    build = tmp_path / "build"
    assert (
        cli.build(tmp_path / "content", build, meetings=[MEETING_ID], formats=["html"], quiet=True)
        == 0
    )
    built = (build / "reports" / f"{MEETING_ID}.{lang}.html").read_text(encoding="utf-8")
    assert "data-rp" not in built and "preview.js" not in built
    # the page is the built HTML with the preview's layer put in, nothing else
    layerless = re.sub(r' data-rp-(?:id|ref|src)="[^"]*"', "", shown)
    layerless = layerless.replace('<link rel="stylesheet" href="/preview.css">\n', "")
    layerless = re.sub(
        r'<nav class="rp-bar".*?<script src="/preview.js"></script>\n', "", layerless, flags=re.S
    )
    assert layerless == built


def test_side_by_side_pairs_blocks_by_id_and_marks_what_is_to_translate(preview) -> None:
    content = preview.workspace.content
    left, right = LANGS[0], LANGS[1]
    status, body, _ = get(preview, f"/side/{MEETING_ID}/{left}/{right}")
    assert status == 200
    assert b"0 blocks to translate" in body
    rows = re.findall(rb'<tr id="([^"]+)"', body)
    assert len(rows) == len(set(rows)) > 0
    path = content / MEETING / right / "adoption.yaml"
    data = YAML().load(path)  # round trip: only the one text changes
    paragraph = data["paragraphs"][0]
    paragraph["text"] = f"[to be translated] {paragraph['text'].strip()}"
    YAML().dump(data, path)
    preview.workspace.reload([path])
    status, body, _ = get(preview, f"/side/{MEETING_ID}/{left}/{right}")
    assert b"1 block to translate" in body
    assert body.count(b'class="missing"') == 1


def test_unknown_pages_are_404(preview) -> None:
    assert get(preview, "/doc/report/no-such/en")[0] == 404
    assert get(preview, "/file/pdf/report/no-such/en")[0] == 404
    assert get(preview, "/nothing")[0] == 404


def test_the_server_binds_to_the_loopback_only(preview) -> None:
    assert preview.server_address[0] == "127.0.0.1"


def test_ctrl_c_stops_the_server_cleanly(tmp_path) -> None:
    shutil.copytree(FIXTURE_CONTENT, tmp_path / "content")
    process = subprocess.Popen(
        [
            sys.executable,
            "-m",
            "invoke",
            "--search-root",
            str(ROOT),
            "serve",
            "--port",
            "0",
            "--root",
            str(tmp_path),
        ],
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
        env={**os.environ, "RAPPORTEUR_CALLER_DIR": str(tmp_path)},
    )
    first = process.stdout.readline()
    assert first.startswith("preview: http://127.0.0.1:"), first + process.stderr.read()
    url = first.split(": ", 1)[1].strip()
    with urllib.request.urlopen(url, timeout=60) as response:
        assert response.status == 200
    process.send_signal(signal.SIGINT)
    out, err = process.communicate(timeout=30)
    assert process.returncode == 0, err
    assert "preview stopped" in out and "Traceback" not in err
    assert not (tmp_path / "build").exists()


def test_a_compilation_row_says_which_report_or_status_wrote_it(preview) -> None:
    """A row's text is the report's, or the status.yaml's where the meeting day proposed
    or amended it: the click says that file and line."""
    compilation = sorted((preview.workspace.content / "compilations").iterdir())[0].name
    lang = LANGS[0]
    status_record = preview.workspace.library.compilations[compilation].status.record
    from_status = {i for i, entry in status_record.items.items() if lang in entry.text}
    from_status |= {n.id for n in status_record.new}
    status, body, _ = get(preview, f"/doc/status/{compilation}/{lang}")
    assert status == 200
    rows = re.findall(r'data-rp-id="([^"]+)" data-rp-ref="([^"]+)"', body.decode("utf-8"))
    assert rows and from_status
    status_file = f"content/compilations/{compilation}/status.yaml:"
    for block_id, reference in rows:
        found = get(preview, f"/source?doc=status/{compilation}/{lang}&block={block_id}")[1]
        place = json.loads(found)["place"]
        if block_id in from_status:
            assert place.startswith(status_file), (block_id, place)
        else:
            assert "/meetings/" in place and "para." in reference, (block_id, place)


# --- what a reviewer found (each went wrong before) --------------------------------------


def test_edits_saved_while_the_content_is_broken_show_once_it_is_fixed(preview) -> None:
    """A new item typed language by language: the content checks only after the last
    save, and every language's page then shows it."""
    workspace = preview.workspace
    for lang in LANGS:
        page(preview, lang)
    for lang in LANGS:
        path = recommendation(workspace.content, lang)
        data = YAML().load(path)
        items = data["sections"][0]["paragraphs"][0]["items"]
        items.insert(0, {"id": "typed-everywhere", "text": f"A new item in {lang}."})
        YAML().dump(data, path)
        workspace.reload([path])
    assert workspace.errors == []
    for lang in LANGS:
        assert f"A new item in {lang}." in page(preview, lang)


def test_a_page_reloads_only_when_its_document_changed(preview) -> None:
    first, second = LANGS[0], LANGS[1]
    rendered = {lang: rendered_at(page(preview, lang)) for lang in (first, second)}
    path = recommendation(preview.workspace.content, first)
    path.write_text(path.read_text(encoding="utf-8") + "\n", encoding="utf-8")
    preview.workspace.reload([path])
    assert state(preview, f"report/{MEETING_ID}/{first}")["rendered"] > rendered[first]
    assert state(preview, f"report/{MEETING_ID}/{second}")["rendered"] == rendered[second]


def test_a_link_loop_or_an_editor_s_swap_file_stops_nothing(preview) -> None:
    workspace = preview.workspace
    lang = LANGS[0]
    folder = workspace.content / MEETING / lang
    loop = folder / "loop.yaml"
    loop.symlink_to(loop.name)  # a link to itself
    workspace.reload([loop])  # never raises: the pages show what is wrong
    assert any("loop.yaml" in line for line in workspace.errors)
    loop.unlink()
    swap = folder / ".recommendations.yaml.swp"
    swap.write_bytes(b"b0VIM 9.0\x00")
    workspace.reload([swap, loop])
    assert workspace.errors == []  # vim's swap file is no fragment


def test_odd_requests_get_answers_not_tracebacks(preview) -> None:
    status, _, media = get(preview, "/state?doc=../../etc/passwd")
    assert status == 200 and media == "application/json"
    assert get(preview, "/source?doc=report/../x&block=y")[0] == 404
    request = urllib.request.Request(preview.url, headers={"Host": "attacker.example:80"})
    with pytest.raises(urllib.error.HTTPError) as refused:
        urllib.request.urlopen(request, timeout=30)
    assert refused.value.code == 403  # another name resolving here (DNS rebinding)
    with urllib.request.urlopen(f"{preview.url}events?seen=abc", timeout=30) as stream:
        assert stream.status == 200


def test_an_error_quoting_a_script_tag_cannot_end_the_page_s_script() -> None:
    from rapporteur.preview.pages import state_json

    made = state_json("report/x/en", 3, None, ['a.yaml:1:1: "</script><!--<script>"'])
    assert "<" not in made
    assert json.loads(made)["errors"] == ['a.yaml:1:1: "</script><!--<script>"']


def test_content_removed_and_put_back_is_watched_again(preview, tmp_path) -> None:
    workspace = preview.workspace
    lang = LANGS[0]
    content = workspace.content
    aside = tmp_path / "aside"
    version = workspace.version
    content.rename(aside)
    assert workspace.wait(version, WAIT_S) != version
    deadline = time.monotonic() + WAIT_S
    while not workspace.errors and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workspace.errors  # the pages say the content is gone
    aside.rename(content)
    deadline = time.monotonic() + WAIT_S
    while workspace.errors and time.monotonic() < deadline:
        time.sleep(0.05)
    assert workspace.errors == []
    path = recommendation(content, lang)
    version = workspace.version
    path.write_text(
        path.read_text(encoding="utf-8").replace("text: ", "text: Back ", 1), encoding="utf-8"
    )
    deadline = time.monotonic() + WAIT_S
    while "Back " not in page(preview, lang) and time.monotonic() < deadline:
        time.sleep(0.05)
    assert "Back " in page(preview, lang)


def test_content_put_back_before_the_watcher_looks_again(preview, tmp_path, monkeypatch) -> None:
    """content/ moved away and back between the watcher's two looks (a slow machine, a
    quick `mv`): the pages must not keep saying it is missing. The put-back is made at
    that very moment: as the watch of the content that went ends."""
    workspace = preview.workspace
    content = workspace.content
    aside = tmp_path / "aside"
    watch_content = preview._watch_content
    put_back = threading.Event()

    def watch_then_put_back(watchfiles):
        went = watch_content(watchfiles)
        if put_back.is_set() and aside.exists():
            aside.rename(content)
        return went

    def settled() -> None:
        deadline = time.monotonic() + WAIT_S
        while (workspace.errors or aside.exists()) and time.monotonic() < deadline:
            time.sleep(0.05)

    monkeypatch.setattr(preview, "_watch_content", watch_then_put_back)
    for moment in ("the patched watch in place", "the put-back between the looks"):
        version = workspace.version
        if moment != "the patched watch in place":
            put_back.set()
        content.rename(aside)
        assert workspace.wait(version, WAIT_S) != version, moment
        if not put_back.is_set():
            aside.rename(content)  # the watcher, waiting for it, reads it whole
        settled()
        assert content.is_dir() and workspace.errors == [], moment
        # a turn of the next watch (each turn comes after the watch is in place), before
        # content/ goes again
        preview.watching.clear()
        assert preview.watching.wait(WAIT_S), moment
