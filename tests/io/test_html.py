"""Tests of toolkit.io.html: visible text and metadata of a page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd

from toolkit.corpus import load_corpus
from toolkit.io.html import html_to_article

PAGE = (Path(__file__).resolve().parents[1] / "data" / "page.html").read_text("utf-8")


def test_html_page(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(PAGE, encoding="utf-8")
    corpus = load_corpus(path)
    art = corpus.articles.iloc[0]
    assert art["text"].split("\n") == [
        "Home",
        "World",
        "Bridge reopens",
        "The old bridge reopened on Tuesday & traffic returned.",
        "Drivers were relieved.",
        "The bridge at dawn",
        "Text with bold and a link.",
        "© Courier",
    ]
    assert art["outlet"] == "The Valley Courier"
    assert art["title"] == "Bridge reopens after repairs"
    assert art["url"] == "https://www.valleycourier.example/bridge"
    assert art["published_at"] == pd.Timestamp("2024-03-05 08:00", tz="UTC")
    assert art["article_id"] == "page"


def test_html_to_article_of_the_page() -> None:
    art = html_to_article(PAGE)
    assert art["text"].split("\n")[2:4] == [
        "Bridge reopens",
        "The old bridge reopened on Tuesday & traffic returned.",
    ]
    assert (art["outlet"], art["title"], art["published_at"]) == (
        "The Valley Courier",
        "Bridge reopens after repairs",
        "2024-03-05T08:00:00Z",
    )
