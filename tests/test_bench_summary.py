"""The benchmark's summary says which targets are met, from the figures alone."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

from rapporteur.bench.summary import markdown

RESULTS: dict[str, Any] = {
    "machine": {
        "cores": 2,
        "cpu": "AMD EPYC",
        "memory_gb": 23.5,
        "python": "3.11.7",
        "libraries": {"weasyprint": "70.0"},
        "pandoc": "pandoc 2.17.1.1",
    },
    "sizes": {"meetings": [10, 1000]},
    "builds": {"cold_s": 9.0, "cold_peak_mb": 350, "noop_s": 0.07, "one_edit_s": 2.6, "runs": 3},
    "cold_vs_weasyprint": {"weasyprint_alone_total_s": 20.0, "ratio": 0.9, "target": 1.15},
    "per_artifact": [
        {
            "recommendations": 1000,
            "lang": "en",
            "pages": 100,
            "pdf_s": 8.0,
            "docx_s": 0.9,
            "html_s": 0.08,
            "weasyprint_alone_s": 7.9,
            "pdf_overhead": 1.013,
        }
    ],
    "scaling": [
        {"items": 100, "pages": 14, "seconds": 2.0, "seconds_per_page": 0.14, "peak_mb": 240},
        {"items": 12000, "pages": 1534, "seconds": 110.0, "seconds_per_page": 0.07, "peak_mb": 410},
    ],
    "pandoc": {
        "pandoc_empty_s": 0.03,
        **{
            lang: {
                "ours_s": 0.06,
                "ours_command_s": 0.9,
                "pandoc_s": 0.07,
                "ratio": 0.857,
                "command_ratio": 12.857,
            }
            for lang in ("zh", "en")
        },
    },
}


def test_every_target_met() -> None:
    text = markdown(RESULTS)
    assert "not met" not in text
    assert "| 1,000 recommendations, en: PDF (100 pages)" in text
    assert "20.0 s ÷ 2 cores = 10.000 s | ratio 0.9× ≤ 1.15×: met" in text
    assert "at 12,000 items ≤ 1.3× the 100-item figure: 0.50×, met" in text


def test_missed_targets_are_said() -> None:
    worse = copy.deepcopy(RESULTS)
    worse["cold_vs_weasyprint"]["ratio"] = 1.3
    worse["scaling"][-1]["peak_mb"] = 2753
    worse["scaling"][-1]["seconds_per_page"] = 0.2
    text = markdown(worse)
    assert "ratio 1.3× ≤ 1.15×: **not met**" in text
    assert "< 2 GB: **not met**" in text
    assert "1.43×, **not met**" in text


def test_review_figures_against_their_targets() -> None:
    results = copy.deepcopy(RESULTS)
    results["review"] = {
        "recommendations": 100,
        "diff_s": 2.3,
        "weasyprint_alone_s": 1.3,
        "ratio": 1.769,
        "textconv_first_s": 1.1,
        "textconv_s": 0.58,
    }
    table = markdown(results)
    assert "ratio 1.769× ≤ 3.0×: met |" in table
    assert (
        "| git textconv of one fragment, as a command | 0.58 s | the first after the working "
        "tree changed: 1.1 s | ≤ 0.15 s: **not met** |" in table
    )
    del results["review"]
    assert "textconv" not in markdown(results)


def test_synthetic_content_passes_check(tmp_path: Path) -> None:
    """The bench's generated content is valid: several compilations, each its own symbol
    (the full bench failed once check refused one symbol for two documents)."""
    from checkout import CONTENT_DIR
    from rapporteur import cli
    from rapporteur.bench.synthetic import generate

    content = generate(CONTENT_DIR, tmp_path, [2], [1, 2], 5)
    assert cli.check(content) == 0


def test_parity_counts_a_page_start_by_the_text_before_it(full_build: Path) -> None:
    """A PDF against itself starts every page where it starts; against a report in
    another language, whose pages hold other text, it does not."""
    from rapporteur.bench import parity

    reports = sorted((full_build / "reports").glob("*.pdf"), key=lambda p: p.stat().st_size)
    pdf, other = reports[-1], reports[-2]
    same = parity.compare(pdf.name, pdf, pdf)
    assert same.pdf_pages == same.docx_pages > 1
    assert set(same.starts) == {0} and same.matching == len(same.starts)
    assert parity.compare(pdf.name, pdf, other).matching < len(same.starts)
    assert f"| {pdf.name} | {same.pdf_pages}/{same.pdf_pages} |" in parity.markdown([same])
