"""Real browser: the report on the demo corpus, and notebook 00, as a reader sees them.

The report folder is written by :func:`toolkit.build_report` into a temporary folder and
served from 127.0.0.1 (the page fixture reaches loopback only). Chromium then checks what
a reader sees: the findings lead opens the page and every one of its links leads
somewhere; every link and image of the page resolves; no chart image is empty, squashed
or cut off. JupyterLab runs ``00_quickstart`` and its outputs show the findings and no
Python warning. Screenshots go to each test's own output folder (``tmp_path``) and are
copied to ``build/ui/``.
"""

from __future__ import annotations

import functools
import http.server
import shutil
import threading
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

ROOT = Path(__file__).resolve().parents[2]
ARTIFACTS = ROOT / "build" / "ui"
pytestmark = pytest.mark.browser

#: Per image: decoded, its drawn size, the size it was given, and how much of it is ink.
IMAGE_STATE = """els => els.map(img => {
  const r = img.getBoundingClientRect();
  const fig = img.closest('figure').getBoundingClientRect();
  let ink = 0;
  if (img.complete && img.naturalWidth > 0) {
    const c = document.createElement('canvas');
    c.width = Math.min(img.naturalWidth, 400);
    c.height = Math.round(c.width * img.naturalHeight / img.naturalWidth);
    const g = c.getContext('2d');
    g.drawImage(img, 0, 0, c.width, c.height);
    const d = g.getImageData(0, 0, c.width, c.height).data;
    let n = 0;
    for (let i = 0; i < d.length; i += 4) { if (d[i] + d[i+1] + d[i+2] < 600) n++; }
    ink = n / (c.width * c.height);
  }
  return {alt: img.alt, complete: img.complete, nw: img.naturalWidth, nh: img.naturalHeight,
          w: r.width, h: r.height, left: r.left, right: r.right, figLeft: fig.left,
          figRight: fig.right, ink: ink};
})"""


def _shoot(what: Any, tmp_path: Path, name: str, **kwargs: Any) -> Path:
    """A screenshot (of a page or an element) into the test's output folder, copied to
    build/ui/ for a person."""
    path = tmp_path / f"{name}.png"
    what.screenshot(path=str(path), **kwargs)
    ARTIFACTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(path, ARTIFACTS / path.name)
    return path


@pytest.fixture(scope="module")
def report_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[tuple[str, Path]]:
    """Write the demo corpus's report and serve its folder on 127.0.0.1."""
    from toolkit.report import build_report

    out = tmp_path_factory.mktemp("report") / "report"
    build_report(ROOT / "corpus", out, progress=False)
    handler = functools.partial(QuietHandler, directory=str(out))
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.server_address[1]}", out
    finally:
        server.shutdown()
        server.server_close()
        thread.join(10)


class QuietHandler(http.server.SimpleHTTPRequestHandler):
    def log_message(self, format: str, *args: Any) -> None:
        pass


def test_report_opens_with_findings_whose_links_resolve(
    page: Any, report_url: tuple[str, Path], tmp_path: Path
) -> None:
    url, folder = report_url
    page.goto(f"{url}/index.html", wait_until="load")
    found = pd.read_csv(folder / "tables" / "findings.csv")

    # the lead: the first section after the title, one item per finding, as written
    assert page.evaluate("() => document.querySelector('h2').closest('#findings') !== null")
    lead = page.locator("#findings")
    items = lead.locator("li.finding")
    assert items.count() == len(found) >= 5
    text = " ".join(lead.inner_text().split())
    for sentence in found["sentence"]:
        assert " ".join(sentence.split()) in text
    assert "Corpus report" not in page.title() and "articles from" in page.title()
    _shoot(lead, tmp_path, "report-findings")

    # every link of the lead leads somewhere: an element of the page or a file
    hrefs = lead.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    inner = [h for h in hrefs if h.startswith("#")]
    assert len(inner) >= len(found) - 2  # every finding but the load notes has a chart/table
    for href in inner:
        assert page.locator(href).count() == 1, href
    # following one: the chart behind the first finding comes into view
    first_link = items.first.locator("a.to").first
    target = first_link.get_attribute("href")
    first_link.click()
    page.wait_for_function("(id) => location.hash === id", arg=target)
    box = page.locator(target).bounding_box()
    height = page.evaluate("() => window.innerHeight")
    assert box is not None and -2 <= box["y"] < height / 2  # scrolled into view
    _shoot(page, tmp_path, "report-after-link")
    # the evidence of a finding opens and lists its lines
    evidence = lead.locator("details").first
    evidence.locator("summary").click()
    assert evidence.locator("li").count() >= 1


def test_every_link_and_image_of_the_report_resolves(
    page: Any, report_url: tuple[str, Path], tmp_path: Path
) -> None:
    url, folder = report_url
    page.goto(f"{url}/index.html", wait_until="load")
    hrefs = page.locator("a").evaluate_all("els => els.map(e => e.getAttribute('href'))")
    files = sorted({h for h in hrefs if not h.startswith("#")})
    assert any(h.startswith("charts/") for h in files) and any(
        h.startswith("tables/") for h in files
    )
    for href in files:
        response = page.request.get(f"{url}/{href}")
        assert response.ok, href
        assert (folder / href).is_file(), href
    for href in {h for h in hrefs if h.startswith("#")}:
        assert page.locator(href).count() == 1, href

    imgs = page.locator("figure img")
    assert imgs.count() >= 10
    imgs.last.scroll_into_view_if_needed()
    page.wait_for_function(
        "() => [...document.images].every(i => i.complete && i.naturalWidth > 0)"
    )
    width = page.evaluate("() => document.documentElement.clientWidth")
    for state in imgs.evaluate_all(IMAGE_STATE):
        name = state["alt"]
        assert state["complete"] and state["nw"] > 0, f"not decoded: {name}"
        assert state["ink"] > 0.005, f"empty chart: {name}"  # more than a blank canvas
        # drawn whole: inside its figure and the window, at its own aspect ratio
        assert state["left"] >= state["figLeft"] - 1 and state["right"] <= state["figRight"] + 1
        assert state["right"] <= width + 1, f"cut off at the right: {name}"
        ratio = (state["h"] / state["w"]) / (state["nh"] / state["nw"])
        assert 0.98 < ratio < 1.02, f"squashed: {name}"
    _shoot(page, tmp_path, "report-page", full_page=True)
    assert not page.js_errors, page.js_errors


def test_lab_quickstart_shows_the_findings_and_no_warning(
    page: Any, run_notebook: Any, tmp_path: Path
) -> None:
    run_notebook(page, "00_quickstart.ipynb")
    outputs = page.locator(".jp-OutputArea-output")
    texts = outputs.evaluate_all("els => els.map(e => e.innerText)")
    assert any(t.startswith("1. ") and "2. " in t for t in texts), "no findings printed"
    errors = page.locator(".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.stderr']")
    shown = errors.evaluate_all("els => els.map(e => e.innerText)")
    assert not [t for t in shown if "Warning" in t], shown
    assert (
        page.locator(
            ".jp-OutputArea-output[data-mime-type='application/vnd.jupyter.error']"
        ).count()
        == 0
    )
    finding = page.locator(".jp-OutputArea-output", has_text="1. ").first
    finding.scroll_into_view_if_needed()
    _shoot(page, tmp_path, "lab-quickstart-findings")
    assert not page.js_errors, page.js_errors
