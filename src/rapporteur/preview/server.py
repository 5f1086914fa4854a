"""The preview's HTTP server on 127.0.0.1: pages, server-sent events that tell open
pages a new version is ready, PDF and DOCX made on demand from memory, and the thread
that watches content/, templates/ and locale/."""

from __future__ import annotations

import contextlib
import json
import threading
from http import HTTPStatus
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any
from urllib.parse import parse_qs, unquote, urlsplit

from rapporteur.build.targets import Target
from rapporteur.diagnostics import ContentError, one_line
from rapporteur.paths import LOCALE_DIR, TEMPLATES_DIR
from rapporteur.preview.pages import (
    PREVIEW_DIR,
    doc_url,
    document_page,
    index_page,
    problem_page,
    side_by_side_page,
)
from rapporteur.preview.workspace import Workspace
from rapporteur.write.pdf import FetchRefused

HOST = "127.0.0.1"  # never another interface: the preview serves the project's files
# A burst of saves (an editor writing a file twice, a checkout of 50 files) is one
# rebuild: changes are gathered until none comes for STEP_MS, for DEBOUNCE_MS at most.
STEP_MS = 20
DEBOUNCE_MS = 1600
WAIT_FOR_CONTENT_S = 0.5  # how often a removed content/ is looked for again
WATCH_READY_S = 5.0  # how long start() waits for the watch to be in place
KEEPALIVE_S = 15.0  # a comment line to an idle event stream, so proxies keep it
STATIC = {"/preview.css": "text/css", "/preview.js": "text/javascript"}
MEDIA = {
    "pdf": "application/pdf",
    "docx": "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
}


class PreviewServer(ThreadingHTTPServer):
    daemon_threads = True
    request_queue_size = 64  # a page's burst of requests is not made to wait for SYN retries

    def __init__(self, workspace: Workspace, port: int) -> None:
        super().__init__((HOST, port), _Handler)
        self.workspace = workspace
        self.stopping = threading.Event()
        self.watching = threading.Event()  # set once saves are seen (the watch is in place)
        self.watcher = threading.Thread(target=self._watch, name="watch", daemon=True)

    @property
    def url(self) -> str:
        return f"http://{HOST}:{self.server_address[1]}/"

    def start_watching(self) -> None:
        """The watcher, started; returns once it sees saves (a save made before that
        would be missed), or after WATCH_READY_S at most."""
        self.watcher.start()
        self.watching.wait(WATCH_READY_S)

    def _watch(self) -> None:
        """Reload on each burst of changes, for as long as the server runs. content/ may
        be removed and put back (a checkout, an unzip): while it is gone the pages say
        so, and when it is back it is watched again and read whole."""
        import watchfiles

        content = self.workspace.content
        missing = False
        while not self.stopping.is_set():
            if not content.is_dir():
                self.watching.set()  # nothing to wait for
                if not missing:  # the pages say it is gone
                    self.workspace.reload([content])
                missing = True
                self.stopping.wait(WAIT_FOR_CONTENT_S)
                continue
            if missing:  # back: read whole
                self.workspace.reload()
                missing = False
            try:
                went = self._watch_content(watchfiles)
            except OSError:  # content/ went as the watch began: looked for again
                continue
            # content/ itself moved away and back already: read whole, watched anew
            missing = went and content.is_dir()

    def _watch_content(self, watchfiles: Any) -> bool:
        """Reload on each burst of changes; True when content/ itself went: if it is
        back already, what was read while it was gone is stale."""
        content = self.workspace.content
        for changes in watchfiles.watch(
            content,
            TEMPLATES_DIR,
            LOCALE_DIR,
            stop_event=self.stopping,
            step=STEP_MS,
            debounce=DEBOUNCE_MS,
            rust_timeout=int(WAIT_FOR_CONTENT_S * 1000),
            yield_on_timeout=True,
            raise_interrupt=False,
        ):
            self.watching.set()  # (the first yield comes after the watch is in place)
            if changes:
                self.workspace.reload(Path(path) for _, path in changes)
            if not content.is_dir() or any(Path(path) == content for _, path in changes):
                return True  # gone, or gone and back: _watch looks again
        return False

    def stop(self) -> None:
        self.stopping.set()
        self.shutdown()
        self.server_close()
        if self.watcher.is_alive():
            self.watcher.join(timeout=5)


class _Handler(BaseHTTPRequestHandler):
    server: PreviewServer
    protocol_version = "HTTP/1.1"

    def log_message(self, format: str, *args: object) -> None:  # quiet: the terminal is the user's
        pass

    def do_GET(self) -> None:
        try:
            self._get()
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away
        except Exception as exc:  # a failure of the preview itself: one line, the server runs on
            with contextlib.suppress(OSError):
                self._send(
                    one_line(f"error: {type(exc).__name__}: {exc}"),
                    status=HTTPStatus.INTERNAL_SERVER_ERROR,
                )

    def _get(self) -> None:
        url = urlsplit(self.path)
        parts = [unquote(p) for p in url.path.strip("/").split("/") if p]
        workspace = self.server.workspace
        host = (self.headers.get("Host") or "").rsplit(":", 1)[0]
        if host not in {HOST, "localhost"}:  # another name resolving here (DNS rebinding)
            self._send("not served to this host", status=HTTPStatus.FORBIDDEN)
            return
        try:
            if not parts:
                self._send(
                    index_page(str(workspace.content), workspace.documents(), workspace.errors)
                )
            elif url.path in STATIC:
                data = (PREVIEW_DIR / url.path.lstrip("/")).read_bytes()
                self._send(data, STATIC[url.path])
            elif parts[0] == "doc" and len(parts) == 4:
                self._document(Target(parts[1], parts[2], parts[3], "html"))
            elif parts[0] == "side" and len(parts) == 4:
                self._side(*parts[1:])
            elif parts[0] == "file" and len(parts) == 5 and parts[1] in MEDIA:
                self._file(parts[1], Target(parts[2], parts[3], parts[4], "html"))
            elif parts == ["source"]:
                self._source(parse_qs(url.query))
            elif parts == ["state"]:
                self._state(parse_qs(url.query))
            elif parts == ["events"]:
                self._events(parse_qs(url.query))
            else:
                self._send("not found", status=HTTPStatus.NOT_FOUND)
        except (BrokenPipeError, ConnectionResetError):
            pass  # the page went away

    def _document(self, target: Target) -> None:
        workspace = self.server.workspace
        known = workspace.library is not None
        if known and target not in workspace.documents():
            self._send(
                f"no such document: {target.kind} {target.id} ({target.lang})",
                status=HTTPStatus.NOT_FOUND,
            )
            return
        rendering = workspace.rendering(target) if known else None
        problems = workspace.problems(target)
        if rendering is None:  # never rendered: the errors, on a page that reloads when fixed
            self._send(problem_page(target, workspace.version, problems or ["not rendered"]))
            return
        languages = [
            d.lang for d in workspace.documents() if (d.kind, d.id) == (target.kind, target.id)
        ]
        page = document_page(
            rendering.html,
            rendering.references,
            target,
            languages,
            workspace.version,
            rendering.version,
            problems,
        )
        self._send(page)

    def _state(self, query: dict[str, list[str]]) -> None:
        """A page's state now: the version its document was last rendered at, and the
        errors that stand between the content and it."""
        workspace = self.server.workspace
        target = _target(query)
        rendering = workspace.renderings.get(target) if target else None
        state = {
            "version": workspace.version,
            "rendered": rendering.version if rendering else None,
            "errors": workspace.problems(target),
        }
        self._send(json.dumps(state, ensure_ascii=False), "application/json")

    def _side(self, meeting: str, left: str, right: str) -> None:
        workspace = self.server.workspace
        library = workspace.library
        known = {d.lang for d in workspace.documents() if d.kind == "report" and d.id == meeting}
        if library is None or not {left, right} <= known:
            self._send(
                f"no such meeting or language: {meeting} {left} {right}",
                status=HTTPStatus.NOT_FOUND,
            )
            return
        self._send(
            side_by_side_page(library, meeting, left, right, workspace.version, workspace.errors)
        )

    def _file(self, fmt: str, target: Target) -> None:
        workspace = self.server.workspace
        if target not in workspace.documents():
            self._send("no such document", status=HTTPStatus.NOT_FOUND)
            return
        try:
            data = workspace.file(target, fmt)
        except (ContentError, LookupError, OSError, FetchRefused) as exc:
            self._send(one_line(str(exc)), status=HTTPStatus.INTERNAL_SERVER_ERROR)
            return
        name = Target(target.kind, target.id, target.lang, fmt).relative_path().name
        self._send(data, MEDIA[fmt], {"Content-Disposition": f'inline; filename="{name}"'})

    def _source(self, query: dict[str, list[str]]) -> None:
        """Where a block is written: {"place": "content/…/recommendations.yaml:41"}."""
        block = (query.get("block") or [""])[0]
        target = _target(query)
        if target is None or target not in self.server.workspace.documents():
            self._send("no such document", status=HTTPStatus.NOT_FOUND)
            return
        place = self.server.workspace.place(target, block)
        self._send(json.dumps({"place": place}), "application/json")

    def _events(self, query: dict[str, list[str]]) -> None:
        """Server-sent events: one message per new version. A page then asks /state
        whether its own document changed (one stream serves every tab: preview.js)."""
        workspace = self.server.workspace
        seen_text = (query.get("seen") or ["0"])[0]
        seen = int(seen_text) if seen_text.isdigit() else 0
        self.send_response(HTTPStatus.OK)
        self.send_header("Content-Type", "text/event-stream; charset=utf-8")
        self.send_header("Cache-Control", "no-store")
        self.send_header("Connection", "close")
        self.end_headers()
        self.close_connection = True
        idle = 0.0
        while not self.server.stopping.is_set():
            version = workspace.wait(seen, 1.0)
            if version == seen:
                idle += 1.0
                if idle >= KEEPALIVE_S:
                    self.wfile.write(b": keep-alive\n\n")
                    self.wfile.flush()
                    idle = 0.0
                continue
            seen, idle = version, 0.0
            self.wfile.write(f"data: {json.dumps({'version': version})}\n\n".encode())
            self.wfile.flush()

    def _send(
        self,
        body: str | bytes,
        media: str = "text/html; charset=utf-8",
        headers: dict[str, str] | None = None,
        status: HTTPStatus = HTTPStatus.OK,
    ) -> None:
        data = body.encode("utf-8") if isinstance(body, str) else body
        if isinstance(body, str) and status != HTTPStatus.OK:
            media = "text/plain; charset=utf-8"
        self.send_response(status)
        self.send_header("Content-Type", media)
        self.send_header("Content-Length", str(len(data)))
        self.send_header("Cache-Control", "no-store")
        for name, value in (headers or {}).items():
            self.send_header(name, value)
        self.end_headers()
        self.wfile.write(data)


def _target(query: dict[str, list[str]]) -> Target | None:
    """The document a query names (``doc=report/cybercrime-2018/en``), if it names one."""
    parts = (query.get("doc") or [""])[0].split("/")
    return Target(*parts, "html") if len(parts) == 3 and all(parts) else None


def start(workspace: Workspace, port: int = 8000) -> PreviewServer:
    """A running preview (its requests and its watcher in threads of this process)."""
    server = PreviewServer(workspace, port)
    threading.Thread(target=server.serve_forever, name="serve", daemon=True).start()
    server.start_watching()
    return server


def first_url(server: PreviewServer, target: Target | None) -> str:
    return (
        server.url.rstrip("/") + doc_url(target.kind, target.id, target.lang)
        if target
        else server.url
    )
