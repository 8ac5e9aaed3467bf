"""Speed of the HTML reader on normal pages, on hostile pages, and against the old parser.

What is measured (wall-clock, best of ``--rounds`` in this process; MB = 10**6 bytes of
the page's UTF-8 bytes):

- **normal**: :func:`toolkit.io.html.read_html_page` (decoding + lxml parse + text and
  metadata) on a plain 4.5 MB page of paragraphs, and on 300 generated news pages of
  about 30 KB (navigation, tables, scripts, comments, entities, unclosed ``<p>``/``<li>``).
- **hostile**: the same reader on every page of ``tests/io/hostile_pages.py`` (floods of
  4.5 MB; 100k nested ``<div>``s, a 10 MB text node, a title of ``x - `` x 100k...), as
  MB/s and as a **slowdown per MB** against the plain 4.5 MB page (target: at most 10x).
  Pages nested deeper than 2048 elements are refused (``bad_html``) at once: their
  MB/s says how fast the refusal is.
- **old vs new on normal pages**: the stdlib ``html.parser`` extractor this module used
  before (a copy kept *only here*, in :class:`_OldParser`, as the baseline) against
  :func:`toolkit.io.html.html_to_article`, on the same 300 pages and the 4.5 MB page
  (str in, so decoding is left out of both).
- ``--old-hostile``: the old extractor on each hostile page, each in its own process
  killed after ``--old-timeout`` seconds (several never finish).

Run: ``.venv/bin/python benchmarks/bench_html.py [--rounds 3] [--old-hostile]`` (from
another work tree, with ``PYTHONPATH=.`` so that its ``toolkit`` is measured: the
script prints which one it imported).
"""

from __future__ import annotations

import argparse
import functools
import importlib.util
import random
import subprocess
import sys
from collections import Counter
from collections.abc import Callable
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import toolkit
from toolkit.io.errors import Problem
from toolkit.io.html import html_to_article, read_html_page

sys.path.insert(0, str(Path(__file__).resolve().parent))
from bench_dates import best_of

ROOT = Path(__file__).resolve().parents[1]
_spec = importlib.util.spec_from_file_location("hostile_pages", ROOT / "tests/io/hostile_pages.py")
assert _spec is not None and _spec.loader is not None
hostile_pages = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(hostile_pages)
SIZE = 4_500_000
TARGET = 10.0


# --------------------------------------------------------------------------- the old parser
_OLD_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_OLD_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option", "head",
    }
)  # fmt: skip


class _OldParser(HTMLParser):
    """The stdlib-based extractor of toolkit.io.html before lxml (text, title, meta)."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._skip: Counter[str] = Counter()
        self._in_title = False
        self.title: list[str] = []
        self.meta: dict[str, str] = {}

    def _flush(self) -> None:
        if self._buf:
            line = " ".join("".join(self._buf).split())
            if line:
                self.lines.append(line)
            self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _OLD_SKIP:
            self._skip[tag] += 1
        elif tag == "title":
            self._in_title = True
        elif tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
        elif tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.meta.setdefault("canonical", a["href"].strip())
        elif tag in _OLD_BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _OLD_SKIP:
            if self._skip[tag]:
                self._skip[tag] -= 1
        elif tag == "title":
            self._in_title = False
        elif tag in _OLD_BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if any(self._skip.values()):
            return
        (self.title if self._in_title else self._buf).append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def old_html_to_article(page: str) -> tuple[str, str]:
    """The old extractor's text and title (the metadata rules after it are unchanged)."""
    parser = _OldParser()
    parser.feed(page)
    parser.close()
    return "\n".join(parser.lines), " ".join("".join(parser.title).split())


# --------------------------------------------------------------------------- pages
WORDS = (
    "the council budget mayor said taxes would not rise city year plan new road bridge "
    "police school water report minister week people local market price energy"
).split()


def news_page(rng: random.Random) -> str:
    """A ~30 KB generated news page: chrome, article, table, comments, scripts."""

    def sentence() -> str:
        words = [rng.choice(WORDS) for _ in range(rng.randint(6, 18))]
        return " ".join(words).capitalize() + rng.choice([".", ".", "?", " &amp; more."])

    nav = "".join(f"<li><a href='/s{i}'>{rng.choice(WORDS).title()}</a>" for i in range(12))
    paras = "".join(
        f"<p>{sentence()} <b>{sentence()}</b> {sentence()}<!-- ad slot {i} -->"
        + ("</p>" if i % 3 else "")  # some paragraphs left open
        for i in range(rng.randint(25, 45))
    )
    rows = "".join(
        f"<tr><td>{rng.choice(WORDS)}</td><td>{rng.randint(1, 999)}</td></tr>" for _ in range(20)
    )
    script = f"<script>var cfg = {{a: '<p>not text</p>', n: {rng.randint(0, 9)}}};</script>"
    return (
        "<!DOCTYPE html><html><head><meta charset='utf-8'><title>"
        f"{sentence()} | The Courier</title><meta property='og:site_name' content='Courier'>"
        f"{script}<style>p {{margin: 0}}</style></head><body><header><nav><ul>{nav}</ul>"
        f"</nav></header><main><article><h1>{sentence()}</h1>{paras}"
        f"<table>{rows}</table></article></main><footer>&copy; Courier<br>"
        f"<noscript>Enable JavaScript</noscript></footer>{script}</body></html>"
    )


def each(fn: Callable[[str], Any], texts: list[str]) -> None:
    """``fn`` of every text."""
    for text in texts:
        fn(text)


def read(data: bytes) -> str:
    """``read_html_page`` of ``data``: ``"loaded"`` or the problem's kind."""
    try:
        read_html_page(data)
    except Problem as exc:
        return exc.error
    return "loaded"


OLD_CHILD = """
import importlib.util, sys, time
spec = importlib.util.spec_from_file_location("bench_html", sys.argv[1])
bench = importlib.util.module_from_spec(spec); spec.loader.exec_module(bench)
page = bench.hostile_pages.HOSTILE[sys.argv[2]](bench.SIZE)
t = time.perf_counter(); bench.old_html_to_article(page); print(time.perf_counter() - t)
"""


def old_on_hostile(name: str, timeout: float) -> str:
    """Seconds of the old extractor on one hostile page, in a child process."""
    args = [sys.executable, "-c", OLD_CHILD, __file__, name]
    try:
        done = subprocess.run(args, capture_output=True, text=True, timeout=timeout, check=True)
    except subprocess.TimeoutExpired:
        return f">{timeout:.0f} s"
    except subprocess.CalledProcessError as exc:
        return "error: " + exc.stderr.strip().splitlines()[-1][:40]
    return f"{float(done.stdout):.2f} s"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--old-hostile", action="store_true")
    parser.add_argument("--old-timeout", type=float, default=20.0)
    args = parser.parse_args()

    print(f"toolkit from {Path(toolkit.__file__).parent}")
    rng = random.Random(19)
    pages = [news_page(rng) for _ in range(300)]
    pages_mb = sum(len(p.encode()) for p in pages) / 1e6
    big = hostile_pages.normal(SIZE)
    big_data = big.encode()
    big_mb = len(big_data) / 1e6

    print("== old (html.parser) vs new (lxml) extractor, str in, same process")
    for label, texts, mb in [
        ("300 news pages", pages, pages_mb),
        ("one 4.5 MB page", [big], big_mb),
    ]:
        t_old = best_of(functools.partial(each, old_html_to_article, texts), args.rounds)
        t_new = best_of(functools.partial(each, html_to_article, texts), args.rounds)
        print(
            f"{label:16} {mb:5.1f} MB  old {mb / t_old:6.1f} MB/s  new {mb / t_new:6.1f} MB/s"
            f"  speed-up {t_old / t_new:4.1f}x"
        )
    same = sum(
        old_html_to_article(p) == (a["text"], a["title"] or "")
        for p, a in ((p, html_to_article(p)) for p in pages)
    )
    print(f"identical text and title on {same} of {len(pages)} news pages")

    print("\n== read_html_page (bytes in): normal vs hostile pages, per MB")
    t_normal = best_of(lambda: read(big_data), args.rounds)
    normal_rate = big_mb / t_normal
    t_news = best_of(lambda: [read(p.encode()) for p in pages], args.rounds)
    print(f"{'normal 4.5 MB':22} {big_mb:5.1f} MB {t_normal:6.2f} s {normal_rate:7.1f} MB/s")
    print(f"{'300 news pages':22} {pages_mb:5.1f} MB {t_news:6.2f} s {pages_mb / t_news:7.1f} MB/s")
    dense = hostile_pages.HEAD + "<p>x</p>" * (SIZE // 8)  # well-formed, 8 bytes a block
    dense_data = dense.encode()
    t_dense = best_of(functools.partial(read, dense_data), args.rounds)
    print(
        f"{'tiny closed <p>s':22} {len(dense_data) / 1e6:5.1f} MB {t_dense:6.2f} s "
        f"{len(dense_data) / 1e6 / t_dense:7.1f} MB/s {t_dense / t_normal:8.2f}x"
        "  (not hostile: the cost of many elements)"
    )
    header = f"{'hostile page':22} {'MB':>5}    {'s':>6}   {'MB/s':>7}  slowdown/MB  outcome"
    print(header + ("   old extractor" if args.old_hostile else ""))
    worst = 0.0
    for name, build in hostile_pages.HOSTILE.items():
        data = build(SIZE).encode()
        mb = len(data) / 1e6
        outcome = read(data)
        t = best_of(functools.partial(read, data), args.rounds)
        slowdown = (t / mb) / (t_normal / big_mb)
        worst = max(worst, slowdown)
        flag = "  <-- over target" if slowdown > TARGET else ""
        old = f"   {old_on_hostile(name, args.old_timeout)}" if args.old_hostile else ""
        print(
            f"{name:22} {mb:5.1f} MB {t:6.2f} s {mb / t:7.1f} MB/s {slowdown:8.2f}x    "
            f"{outcome}{old}{flag}"
        )
    print(f"worst slowdown per MB: {worst:.2f}x (target <= {TARGET:.0f}x)")


if __name__ == "__main__":
    main()
