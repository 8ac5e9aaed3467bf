"""Real browser: JupyterLab runs ``02_compare_outlets`` and the widget answers clicks.

Chromium (Debian's ``/usr/bin/chromium``, driven by Playwright) opens the notebook in a
JupyterLab started by the ``lab_url`` fixture, runs all cells, then changes the
OutletComparer's controls the way a reader would. After each change the chart (the Image
widget's ``<img>``) must be redrawn: a new ``src``, fully decoded. Screenshots go to
``build/ui/``.
"""

from __future__ import annotations

import time
from pathlib import Path
from typing import Any

import pytest

from toolkit.schema import label

ARTIFACTS = Path(__file__).resolve().parents[2] / "build" / "ui"
pytestmark = pytest.mark.browser

# the OutletComparer: the outermost box that holds the "Metric" dropdown
PANEL = ".widget-vbox:has(label:text-is('Metric'))"


def _settled_chart(imgs: Any, before: str | None = None, timeout: float = 90) -> str:
    """Wait until exactly one fully decoded chart image is shown, with src != before."""
    deadline = time.monotonic() + timeout
    state: list[Any] = []
    while time.monotonic() < deadline:
        state = imgs.evaluate_all("els => els.map(e => [e.src, e.complete && e.naturalWidth > 0])")
        if len(state) == 1 and state[0][1] and state[0][0] != before:
            return str(state[0][0])
        time.sleep(0.1)
    raise AssertionError(f"chart did not re-render (last state: {str(state)[:200]})")


def test_lab_compare_outlets_widget_redraws(page: Any, run_notebook: Any) -> None:
    run_notebook(page, "02_compare_outlets.ipynb")
    panel = page.locator(PANEL).first
    panel.wait_for(timeout=120_000)
    imgs = panel.locator("img.widget-image")
    # the notebook's own cells end with the metric set from code; wait for that chart
    # the dropdown shows human labels (toolkit.schema); a <select>'s value is the label
    page.wait_for_function(
        """(want) => [...document.querySelectorAll('.widget-dropdown select')]
             .some(s => s.value === want)""",
        arg=label("stray_chr_fraction"),
        timeout=120_000,
    )
    assert page.locator("text=Loading widget").count() == 0
    src = _settled_chart(imgs)

    metric = panel.locator(".widget-dropdown:has(label:text-is('Metric')) select")
    metric.select_option(label=label("boilerplate_ratio"))
    src = _settled_chart(imgs, before=src)
    table = panel.locator(".widget-html table").first
    assert label("boilerplate_ratio_ci_low") in table.inner_text()

    outlets = panel.locator(".widget-select-multiple:has(label:text-is('Outlets')) select")
    outlets.select_option(["Northbridge Wire", "Вестник Севера"])
    src = _settled_chart(imgs, before=src)
    rows = table.inner_text()
    assert "Northbridge Wire" in rows and "Вестник Севера" in rows
    assert "The Ledger Daily" not in rows

    panel.locator(
        ".widget-toggle-buttons:has(label:text-is('Text')) button", has_text="clean"
    ).click()
    src = _settled_chart(imgs, before=src)

    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    panel.scroll_into_view_if_needed()
    panel.screenshot(path=str(ARTIFACTS / "lab-compare-outlets-widget.png"))
    page.screenshot(path=str(ARTIFACTS / "lab-compare-outlets-page.png"))
    assert "Error displaying widget" not in page.content()
    assert "Something went wrong" not in panel.inner_text()
    assert not page.js_errors, page.js_errors
