"""Hostile HTML: every page returns within seconds and either loads or raises ``bad_html``.

The pages (:mod:`hostile_pages`) are read by :func:`toolkit.io.html.read_html_page` in
one child process with a deadline, so a regression that hangs (in Python or in C)
fails these tests instead of hanging the suite. The child reports one JSON line per
page as it goes: a page that never reports is named in the failure.
"""

from __future__ import annotations

import importlib.util
import json
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

HERE = Path(__file__).resolve().parent
ROOT = HERE.parents[1]
_spec = importlib.util.spec_from_file_location("hostile_pages", HERE / "hostile_pages.py")
assert _spec is not None and _spec.loader is not None
hostile_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile_pages)
HOSTILE = hostile_pages.HOSTILE
SIZE = 4_500_000  # bytes of each flood (the CDATA page was 4.5 MB)
DEADLINE_S = 240.0  # for all pages together (they take about 5 s on a busy 2-core machine)
PER_PAGE_S = 10.0  # "seconds at most for several MB"

CHILD = """
import json, sys, time
sys.path[:0] = [sys.argv[1], sys.argv[2]]
from hostile_pages import HOSTILE
from toolkit.io.errors import Problem
from toolkit.io.html import read_html_page
for name, build in HOSTILE.items():
    data = build(int(sys.argv[3])).encode("utf-8")
    start = time.perf_counter()
    try:
        page, encoding = read_html_page(data)
        out = {"outcome": "loaded", "text": page["text"][:200], "n_text": len(page["text"]),
               "n_lines": page["text"].count("\\n") + 1, "title": (page["title"] or "")[:50],
               "n_title": len(page["title"] or ""), "encoding": encoding}
    except Problem as exc:
        out = {"outcome": exc.error, "message": exc.message}
    out.update(name=name, seconds=time.perf_counter() - start, mb=len(data) / 1e6)
    print(json.dumps(out), flush=True)
"""


@pytest.fixture(scope="module")
def results() -> dict[str, dict[str, Any]]:
    """Run every hostile page in one child process; its reports by page name."""
    args = [sys.executable, "-c", CHILD, str(ROOT), str(HERE), str(SIZE)]
    with subprocess.Popen(args, stdout=subprocess.PIPE, stderr=subprocess.PIPE, text=True) as proc:
        try:
            out, err = proc.communicate(timeout=DEADLINE_S)
        except subprocess.TimeoutExpired:
            proc.kill()
            out, err = proc.communicate()
    reports = {}
    for line in out.splitlines():
        report = json.loads(line)
        reports[report["name"]] = report
    if proc.returncode and len(reports) < len(HOSTILE):
        # the child crashed (not timed out): keep its message for the failures below
        reports["__stderr__"] = {"message": err[-2000:]}
    return reports


@pytest.mark.parametrize("name", list(HOSTILE))
def test_hostile_page_is_quick_and_loads_or_is_bad_html(
    results: dict[str, dict[str, Any]], name: str
) -> None:
    assert name in results, (
        f"{name}: no report within {DEADLINE_S:.0f} s "
        f"(hung, or the child died: {results.get('__stderr__', {}).get('message', '')})"
    )
    report = results[name]
    assert report["seconds"] < PER_PAGE_S, report
    assert report["outcome"] in {"loaded", "bad_html", "empty"}, report


EXPECTED_LOADED = {
    # what must survive: the text before a flood, and every word of a huge text node
    "cdata_flood": "Before.",
    "declaration_flood": "Before.",
    "pi_flood": "Before.",
    "end_tag_flood": "Before.",
    "lt_flood": "Before.",
    "attribute_1mb": "Hello.",
    "unclosed_attribute": "Before.",
    "unclosed_script": "Before.",
}


@pytest.mark.parametrize("name", list(EXPECTED_LOADED))
def test_text_before_a_flood_is_kept(results: dict[str, dict[str, Any]], name: str) -> None:
    report = results.get(name, {})
    assert report.get("outcome") == "loaded", report
    assert report["text"].split("\n")[0] == EXPECTED_LOADED[name]


def test_nothing_of_the_big_pages_is_lost(results: dict[str, dict[str, Any]]) -> None:
    text_node = results["text_node_10mb"]
    assert text_node["outcome"] == "loaded"
    assert text_node["n_text"] == len("word " * 2_000_000) - 1  # one line, trailing space
    assert text_node["n_lines"] == 1
    title = results["title_x_dash_100k"]
    assert title["outcome"] == "loaded"
    assert title["n_title"] == len("x - " * 100_000) - 1  # the last space stripped
    comment = results["unclosed_comment"]
    assert comment["outcome"] == "loaded"
    assert comment["text"].startswith("Before.\nafter the comment after the comment")
    assert comment["n_text"] > SIZE * 0.99  # a comment never closed hides nothing
    nul = results["nul_bytes"]
    assert nul["outcome"] == "loaded" and nul["text"].startswith("Before.\nab\nab\n")
    controls = results["control_chars"]
    assert controls["outcome"] == "loaded"
    assert controls["text"].startswith("Before.\nThe council met on Tues\x01day and")
    assert results["unclosed_p"]["n_lines"] == SIZE // 4 + 1


def test_pages_nested_too_deep_are_bad_html_not_cut_short(
    results: dict[str, dict[str, Any]],
) -> None:
    for name in ("nested_divs_100k", "nested_tables", "unclosed_b"):
        assert results[name]["outcome"] == "bad_html", results[name]
        assert "nested more than 2048 deep" in results[name]["message"]
