"""One measured step in a fresh process, so its wall time and peak memory are its own.

``python -m rapporteur.bench.measure KIND ID LANG FORMAT CONTENT`` prints the seconds,
pages and peak RSS (MB) of making one artifact, as JSON; with KIND "weasyprint", it
renders an HTML file with WeasyPrint alone.
"""

from __future__ import annotations

import json
import resource
import sys
import time
from pathlib import Path


def main(argv: list[str]) -> None:
    kind, doc_id, lang, fmt, content = argv
    start = time.perf_counter()
    pages = None
    if kind == "weasyprint":
        import weasyprint

        document = weasyprint.HTML(filename=doc_id).render()
        document.write_pdf()
        pages = len(document.pages)
    else:
        from rapporteur.build.produce import produce_group
        from rapporteur.build.targets import Target
        from rapporteur.load.loader import load_library

        library = load_library(Path(content))
        loaded = time.perf_counter()
        (product,) = produce_group(library, [Target(kind, doc_id, lang, fmt)])
        pages = product.pages
        start = loaded  # the artifact's own time, without loading the content
    seconds = time.perf_counter() - start
    peak = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss / 1024
    print(json.dumps({"seconds": seconds, "pages": pages, "peak_mb": peak}))


if __name__ == "__main__":
    main(sys.argv[1:])
