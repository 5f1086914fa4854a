"""./dev bench: a benchmark, not a test. Figures go to build/bench/results.json and a plot.

Each measurement is the median of ``runs`` repetitions unless said. Sizes: meetings
of 10, 100 and 1,000 recommendations (cold, no-op and one-edit builds; per-artifact
times against WeasyPrint alone); compilations of 1 to 50 meetings of 200
recommendations (time per PDF page and peak memory up to 12,000 items, nested ones
included), against one of about 100 items; the seed report's DOCX against Pandoc's
DOCX writer on equivalent Markdown.
"""

from __future__ import annotations

import json
import os
import platform
import re
import shutil
import statistics
import subprocess
import sys
import tempfile
import time
from datetime import datetime, timedelta
from importlib import metadata
from pathlib import Path
from typing import Any

from rapporteur.bench.synthetic import generate
from rapporteur.paths import Project

# "smallest": a compilation of one meeting of this many recommendations (about 100
# items), the reference for the time per page of the large ones.
FULL = {"meetings": [10, 100, 1000], "compilations": [1, 10, 50], "per_meeting": 200}
QUICK = {"meetings": [10, 100], "compilations": [1, 5], "per_meeting": 100}
# The smallest run that exercises every measure: the test that keeps the bench working.
SMOKE = {"meetings": [2, 3], "compilations": [1, 2], "per_meeting": 4}
SMALLEST = 84


def machine() -> dict[str, Any]:
    model = next(
        (
            line.split(":", 1)[1].strip()
            for line in Path("/proc/cpuinfo").read_text().splitlines()
            if line.startswith("model name")
        ),
        platform.processor(),
    )
    pandoc = subprocess.run(["pandoc", "--version"], capture_output=True, text=True)
    return {
        "cores": len(os.sched_getaffinity(0)),
        "cpu": model,
        "python": platform.python_version(),
        "memory_gb": round(os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES") / 2**30, 1),
        "libraries": {
            name: metadata.version(name)
            for name in ("weasyprint", "python-docx", "jinja2", "ruamel.yaml", "pydantic")
        },
        "pandoc": pandoc.stdout.splitlines()[0] if pandoc.returncode == 0 else None,
    }


def timed(command: list[str], cwd: Path | None = None) -> tuple[float, float]:
    """Wall seconds and peak RSS (MB) of a command, through GNU time."""
    start = time.perf_counter()
    result = subprocess.run(
        ["/usr/bin/time", "-f", "%M", *command], capture_output=True, text=True, check=True, cwd=cwd
    )
    seconds = time.perf_counter() - start
    return seconds, int(result.stderr.strip().splitlines()[-1]) / 1024


def measure(kind: str, doc_id: str, lang: str, fmt: str, content: Path) -> dict[str, Any]:
    result = subprocess.run(
        [sys.executable, "-m", "rapporteur.bench.measure", kind, doc_id, lang, fmt, str(content)],
        capture_output=True,
        text=True,
        check=True,
    )
    return json.loads(result.stdout)


def median(values: list[float]) -> float:
    return round(statistics.median(values), 3)


def builds(content: Path, work: Path, runs: int, edited: str) -> dict[str, Any]:
    """Cold full build, no-op rebuild and one-edit rebuild (of meeting ``edited``) of
    all meetings."""

    cold, cold_peak, noop, edit = [], [], [], []
    target = content / "meetings" / edited / "zh" / "recommendations.yaml"
    original = target.read_text(encoding="utf-8")
    for run in range(runs):
        out = work / "build"
        shutil.rmtree(out, ignore_errors=True)
        seconds, peak = timed(_build(content, out))
        cold.append(seconds)
        cold_peak.append(peak)
        noop.append(timed(_build(content, out))[0])
        target.write_text(original.replace("会员国", f"会员国{run}", 1), encoding="utf-8")
        edit.append(timed(_build(content, out))[0])
        target.write_text(original, encoding="utf-8")
    return {
        "cold_s": median(cold),
        "cold_peak_mb": round(max(cold_peak)),
        "noop_s": median(noop),
        "one_edit_s": median(edit),
        "runs": runs,
    }


def meeting_day(content: Path, work: Path, runs: int) -> dict[str, Any] | None:
    """``compile`` (both editions and the workbook) after one edit of a status.yaml, on
    the project's own content, as a command: what the secretariat waits for on the
    meeting day. None when no compilation has a status.yaml."""
    copy = work / "day" / "content"
    shutil.copytree(content, copy)
    status = next(iter(sorted(copy.glob("compilations/*/status.yaml"))), None)
    if status is None:
        return None
    out = work / "day" / "build"
    compile_command = [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"sys.exit(cli.build(Path({str(copy)!r}), Path({str(out)!r}), "
        "kinds=['compilation', 'status'], quiet=True))",
    ]
    timed(compile_command)
    original = status.read_text(encoding="utf-8")
    found = re.search(r"^as_of: *(.+)$", original, re.MULTILINE)
    assert found, status
    as_of = datetime.fromisoformat(found.group(1).strip().strip("'\""))
    seconds = []
    for run in range(runs):
        moved = (as_of + timedelta(minutes=run + 1)).strftime("%Y-%m-%d %H:%M")
        status.write_text(original.replace(found.group(0), f"as_of: {moved}"), encoding="utf-8")
        seconds.append(timed(compile_command)[0])
    return {"compile_after_status_edit_s": median(seconds), "compilation": status.parent.name}


def word_import(content: Path, work: Path, runs: int) -> dict[str, Any]:
    """``import`` of the first meeting's DOCX in its first language, one word of it
    changed as a reviewer would in Word, as a command (issue 17: under 1 s)."""
    import zipfile

    copy = work / "import" / "content"
    shutil.copytree(content, copy)
    meeting = sorted(p.name for p in (copy / "meetings").iterdir() if p.is_dir())[0]
    out = work / "import" / "build"
    from rapporteur.load.loader import load_library

    lang = next(iter(load_library(copy).meetings[meeting].languages))
    timed(_build(copy, out, meeting, lang, "docx"))
    built = out / "reports" / f"{meeting}.{lang}.docx"
    edited = work / "import" / "edited.docx"
    with zipfile.ZipFile(built) as source, zipfile.ZipFile(edited, "w") as target:
        for info in source.infolist():
            data = source.read(info.filename)
            if info.filename == "word/document.xml":  # the last text run gains a word
                head, tail = data.rsplit(b"</w:t>", 1)
                data = head + b" edited" + b"</w:t>" + tail
            target.writestr(info, data)
    originals = {p: p.read_bytes() for p in (copy / "meetings" / meeting / lang).glob("*.yaml")}
    command = [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"sys.exit(cli.import_docx(Path({str(copy)!r}), Path({str(edited)!r}), "
        f"{meeting!r}, {lang!r}))",
    ]
    seconds = []
    for _ in range(runs):
        for path, data in originals.items():
            path.write_bytes(data)
        seconds.append(timed(command)[0])
    return {"import_one_edit_s": median(seconds), "meeting": meeting, "lang": lang}


def preview(content: Path, work: Path, runs: int) -> dict[str, Any]:
    """``serve``'s warm process on the first meeting, in its first language (issue 18):
    from the save of its recommendations file to its new HTML ready (≤ 150 ms), and its
    PDF made on demand against WeasyPrint rendering that HTML warm (≤ 1.1×)."""
    import weasyprint

    from rapporteur.preview.server import start
    from rapporteur.preview.workspace import Workspace

    project = work / "preview"
    shutil.copytree(content, project / "content")
    workspace = Workspace(Project(project))
    server = start(workspace, port=0)
    try:
        assert workspace.library is not None
        meeting = sorted(workspace.library.meetings.values(), key=lambda m: m.id)[0]
        first_lang = next(iter(meeting.meeting.record.languages))  # the seed's, for 2018
        target = next(
            d
            for d in workspace.documents()
            if (d.kind, d.id, d.lang) == ("report", meeting.id, first_lang)
        )
        path = project / "content" / "meetings" / target.id / target.lang / "recommendations.yaml"
        original = path.read_text(encoding="utf-8")
        workspace.rendering(target)  # the page is open
        seconds = []
        for run in range(runs + 1):  # the first save warms the watcher
            marker = f"Previewed{run}"
            seen = workspace.version
            started = time.perf_counter()
            path.write_text(original.replace("text: ", f"text: {marker} ", 1), encoding="utf-8")
            deadline = started + 60
            while marker not in (workspace.rendering(target) or _NONE).html:
                if time.perf_counter() > deadline:
                    raise RuntimeError("the preview never saw the save")
                workspace.wait(seen, 5.0)
                seen = workspace.version
            if run:
                seconds.append(time.perf_counter() - started)
        rendering = workspace.rendering(target)
        assert rendering is not None
        on_demand, alone = [], []
        for _ in range(runs + 1):
            rendering.files.clear()
            started = time.perf_counter()
            workspace.file(target, "pdf")
            on_demand.append(time.perf_counter() - started)
            started = time.perf_counter()
            weasyprint.HTML(string=rendering.html).write_pdf()
            alone.append(time.perf_counter() - started)
    finally:
        server.stop()
    pdf_s, alone_s = median(on_demand[1:]), median(alone[1:])
    return {
        "document": f"{target.id} ({target.lang})",
        "lang": target.lang,
        "save_to_html_ms": round(median(seconds) * 1000, 1),
        "pdf_on_demand_s": round(pdf_s, 3),
        "weasyprint_warm_s": round(alone_s, 3),
        "pdf_ratio": round(pdf_s / alone_s, 3),
    }


class _NONE:  # no rendering yet
    html = ""


def _build(content: Path, out: Path, meeting: str = "", lang: str = "", fmt: str = "") -> list[str]:
    """A build as a command; given a meeting, only that artifact, made even if fresh."""
    only = f", meetings=[{meeting!r}], langs=[{lang!r}], formats=[{fmt!r}], force=True"
    return [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"sys.exit(cli.build(Path({str(content)!r}), Path({str(out)!r}), quiet=True"
        f"{only if meeting else ''}))",
    ]


def per_artifact(content: Path, sizes: list[int], work: Path, runs: int) -> list[dict[str, Any]]:
    """Our time per artifact, and WeasyPrint alone on the very same HTML."""
    rows = []
    for size in sizes:
        for lang in ("zh", "en"):
            row: dict[str, Any] = {"recommendations": size, "lang": lang}
            for fmt in ("html", "pdf", "docx"):
                samples = [
                    measure("report", f"meeting-{size}", lang, fmt, content) for _ in range(runs)
                ]
                row[f"{fmt}_s"] = median([s["seconds"] for s in samples])
                row[f"{fmt}_peak_mb"] = round(max(s["peak_mb"] for s in samples))
                if fmt == "pdf":
                    row["pages"] = samples[0]["pages"]
            html = work / f"meeting-{size}.{lang}.html"
            html.write_bytes(_html(content, f"meeting-{size}", lang))
            alone = [measure("weasyprint", str(html), lang, "pdf", content) for _ in range(runs)]
            row["weasyprint_alone_s"] = median([s["seconds"] for s in alone])
            # pdf_s runs the whole way: document model, HTML, PDF.
            row["pdf_overhead"] = round(row["pdf_s"] / row["weasyprint_alone_s"], 3)
            rows.append(row)
    return rows


def review(
    content: Path, work: Path, per_artifact: list[dict[str, Any]], size: int, runs: int
) -> dict[str, Any]:
    """A one-word change diffed over every document, as a command, against WeasyPrint
    alone on that report's HTML; and git's textconv of one fragment, as a command."""
    repo = work / "review"
    shutil.copytree(content, repo / "content")
    env = {"GIT_AUTHOR_NAME": "bench", "GIT_AUTHOR_EMAIL": "b@example.org"}
    env |= {"GIT_COMMITTER_NAME": "bench", "GIT_COMMITTER_EMAIL": "b@example.org"}
    for args in (["init", "-q"], ["add", "-A"], ["commit", "-qm", "base"]):
        subprocess.run(["git", *args], cwd=repo, check=True, env={**os.environ, **env})
    target = repo / "content" / "meetings" / f"meeting-{size}" / "en" / "recommendations.yaml"
    target.write_text(
        target.read_text(encoding="utf-8").replace("should", "shall", 1), encoding="utf-8"
    )
    diff = [
        sys.executable,
        "-c",
        "import sys; from pathlib import Path; from rapporteur import cli; "
        f"r = Path({str(repo)!r}); "
        "sys.exit(cli.diff('HEAD', None, repo=r, content=r / 'content', build_dir=r / 'build'))",
    ]
    alone = next(
        row["weasyprint_alone_s"]
        for row in per_artifact
        if row["recommendations"] == size and row["lang"] == "en"
    )
    seconds = median([timed(diff)[0] for _ in range(runs)])
    textconv = [sys.executable, "-m", "rapporteur.review.textconv", str(target)]
    # The first run after the working tree changed places its fragments (the whole
    # pipeline, once); every further file version is read in that context.
    first = round(timed(textconv, cwd=repo)[0], 3)
    return {
        "recommendations": size,
        "diff_s": seconds,
        "weasyprint_alone_s": alone,
        "ratio": round(seconds / alone, 3),
        "textconv_first_s": first,
        "textconv_s": median([timed(textconv, cwd=repo)[0] for _ in range(runs)]),
    }


def _html(content: Path, meeting_id: str, lang: str) -> bytes:
    from rapporteur.load.loader import load_library
    from rapporteur.model.assemble import assemble_report
    from rapporteur.render.report_html import render_report_html

    return render_report_html(assemble_report(load_library(content), meeting_id, lang)).encode()


def scaling(
    content: Path, sizes: list[int], per_meeting: int, smallest: Path
) -> list[dict[str, Any]]:
    """A compilation's PDF: time per page and peak memory as the items grow."""
    rows = []
    runs = [(smallest, 1, SMALLEST)] + [(content, size, per_meeting) for size in sizes]
    for where, size, recommendations in runs:
        result = measure("compilation", f"compilation-{size}", "en", "pdf", where)
        items = size * recommendations * 6 // 5  # every fifth item has two nested items
        rows.append(
            {
                "meetings": size,
                "recommendations_per_meeting": recommendations,
                "items": items,
                "pages": result["pages"],
                "seconds": round(result["seconds"], 3),
                "seconds_per_page": round(result["seconds"] / result["pages"], 4),
                "peak_mb": round(result["peak_mb"]),
            }
        )
    return rows


def pandoc_baseline(content: Path, work: Path, runs: int) -> dict[str, Any]:
    """The seed report's DOCX: our writer against Pandoc on equivalent Markdown.

    Three figures each: ours in a warm process (model, HTML, DOCX), ours as a command
    (``build --meeting --lang --format docx --force``: Python's start, imports, loading
    the content), and Pandoc as a command; Pandoc on an empty document gives its own
    fixed cost.
    """
    from rapporteur.load.loader import load_library
    from rapporteur.model.assemble import assemble_report
    from rapporteur.render.report_html import render_report_html
    from rapporteur.write.docx import write_docx

    library = load_library(content)
    empty = work / "empty.md"
    empty.write_text("", encoding="utf-8")
    out: dict[str, Any] = {"pandoc_empty_s": median([_pandoc(empty) for _ in range(runs)])}
    for lang in ("zh", "en"):
        report = assemble_report(library, "cybercrime-2018", lang)
        write_docx(render_report_html(report))  # the first call makes the styled template
        ours = []
        for _ in range(runs):
            start = time.perf_counter()
            write_docx(render_report_html(assemble_report(library, "cybercrime-2018", lang)))
            ours.append(time.perf_counter() - start)
        command = [
            timed(_build(content, work / "seed-build", "cybercrime-2018", lang, "docx"))[0]
            for _ in range(runs)
        ]
        markdown = work / f"seed.{lang}.md"
        markdown.write_text(_markdown(report), encoding="utf-8")
        theirs = [_pandoc(markdown) for _ in range(runs)]
        out[lang] = {
            "ours_s": median(ours),
            "ours_command_s": median(command),
            "pandoc_s": median(theirs),
            "ratio": round(median(ours) / median(theirs), 3),
            "command_ratio": round(median(command) / median(theirs), 3),
        }
    return out


def _pandoc(markdown: Path) -> float:
    start = time.perf_counter()
    subprocess.run(
        [
            "pandoc",
            "-f",
            "markdown",
            "-t",
            "docx",
            "-o",
            str(markdown.with_suffix(".docx")),
            str(markdown),
        ],
        check=True,
    )
    return time.perf_counter() - start


def _markdown(report) -> str:
    from rapporteur.model.plaintext import body_lines, plain_text

    lines = [f"# {plain_text(report.front.title)}", ""]
    for label, text in body_lines(report):
        if label.endswith(".") and not label[:-1].isdigit():
            lines += [f"## {label} {text}", ""]
        else:
            lines += [f"{label.replace('.', chr(92) + '.')} {text}", ""]
    return "\n".join(lines)


def plot(results: dict[str, Any], path: Path) -> None:
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    figure, (left, right) = plt.subplots(1, 2, figsize=(10, 4))
    rows = results["scaling"]
    items = [r["items"] for r in rows]
    left.plot(items, [r["seconds_per_page"] for r in rows], marker="o")
    left.set_ylim(bottom=0)
    right.set_ylim(bottom=0)
    left.set(
        xscale="log",
        xlabel="items in the compilation",
        ylabel="seconds per PDF page",
        title="Compilation PDF: time per page",
    )
    right.plot(items, [r["peak_mb"] for r in rows], marker="o", color="tab:red")
    right.set(
        xscale="log",
        xlabel="items in the compilation",
        ylabel="peak memory (MB)",
        title="Compilation PDF: peak memory",
    )
    figure.suptitle(
        f"rapporteur bench, {results['machine']['cores']} cores, {results['machine']['cpu']}",
        fontsize=9,
    )
    figure.tight_layout()
    figure.savefig(path, dpi=100, metadata={"Software": None})
    plt.close(figure)


def bench(
    project: Project, quick: bool = False, runs: int = 3, sizes: dict[str, Any] | None = None
) -> dict[str, Any]:
    """Measure on synthetic content made from the project's languages and terms; write
    ``build/bench/results.json`` and ``scaling.png`` in the project. ``sizes``: other
    sizes than FULL or QUICK (SMOKE, for the test)."""
    out = project.build / "bench"
    sizes = sizes or (QUICK if quick else FULL)
    out.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(prefix="rapporteur-bench-") as scratch:
        work = Path(scratch)
        meetings = generate(
            project.content, work / "meetings", sizes["meetings"], [], sizes["per_meeting"]
        )
        compilations = generate(
            project.content, work / "compilations", [], sizes["compilations"], sizes["per_meeting"]
        )
        smallest = generate(project.content, work / "smallest", [], [1], SMALLEST)
        results: dict[str, Any] = {"machine": machine(), "sizes": sizes}
        edited = f"meeting-{sizes['meetings'][1]}"  # the middle size: 100 recommendations
        results["builds"] = builds(meetings, work / "meetings", runs, edited)
        results["per_artifact"] = per_artifact(meetings, sizes["meetings"], work, runs)
        alone = sum(r["weasyprint_alone_s"] for r in results["per_artifact"])
        cores = results["machine"]["cores"]
        results["cold_vs_weasyprint"] = {
            "weasyprint_alone_total_s": round(alone, 3),
            "ratio": round(results["builds"]["cold_s"] / (alone / cores), 3),
            "target": 1.15,
        }
        results["scaling"] = scaling(
            compilations, sizes["compilations"], sizes["per_meeting"], smallest
        )
        results["pandoc"] = pandoc_baseline(project.content, work, runs)
        results["review"] = review(
            meetings, work, results["per_artifact"], sizes["meetings"][1], runs
        )
        results["meeting_day"] = meeting_day(project.content, work, runs)
        results["word_import"] = word_import(project.content, work, runs)
        results["preview"] = preview(project.content, work, runs)
    (out / "results.json").write_text(json.dumps(results, indent=2) + "\n", encoding="utf-8")
    plot(results, out / "scaling.png")
    return results
