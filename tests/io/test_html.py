"""Tests of toolkit.io.html: visible text and metadata of a page."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

from toolkit.corpus import load_corpus
from toolkit.io.errors import Problem
from toolkit.io.html import html_to_article, read_html_page

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


# --------------------------------------------------------------------------- markup cases

#: (name, page, expected text lines). Each case is what a browser shows, one block per line.
MARKUP_CASES = [
    ("nested blocks", "<div><div><p>a</p><div>b<p>c</p>d</div></div></div>", ["a", "b", "c", "d"]),
    (
        "table",
        "<table><tr><th>Team</th><th>Pts</th></tr><tr><td>Ajax</td><td>12</td></tr></table>",
        ["Team", "Pts", "Ajax", "12"],
    ),
    ("br", "<p>one<br>two<br/>three</br>four</p>", ["one", "two", "three", "four"]),
    (
        "entities",
        "<p>a&nbsp;b &amp; c &copy d &#x41;&#66; &notin; &lt;p&gt;</p>",
        ["a b & c © d AB ∉ <p>"],
    ),
    ("comments", "<p>a<!-- x -->b<!---->c</p><!-- <p>hidden</p> --><p>d</p>", ["abc", "d"]),
    (
        "inline inside words",
        "<p>Wo<b>r</b>d and <i>it</i><span>alic</span>s</p>",
        ["Word and italics"],
    ),
    ("unclosed tags", "<ul><li>one<li>two</ul><p>three<p>four", ["one", "two", "three", "four"]),
    ("misnested", "<p><b>bold <i>both</b> italic</i> plain</p>", ["bold both italic plain"]),
    ("stray end tags", "<p>a</p></div></span>b</p>c", ["a", "b", "c"]),
    (
        "hidden",
        "<p>a<script>x()</script>b</p><noscript>js</noscript><style>p{}</style>"
        "<template><p>t</p></template><svg><text>s</text></svg><noframes>nf</noframes>",
        ["ab"],
    ),
    ("hidden block separates", "<p>a<object><p>fallback</p></object>b</p>", ["a", "b"]),
    ("after </html>", "<html><body><p>a</p></body></html><p>b</p>", ["a", "b"]),
    ("text in head", "<head><title>T</title></head>Stray<body><p>a</p>", ["Stray", "a"]),
    ("xml declaration", '<?xml version="1.0" encoding="ISO-8859-1"?><html><p>a</p></html>', ["a"]),
    ("cdata in html", "<p>a<![CDATA[x]]>b</p>", ["ab"]),
    ("whitespace", "<p>  a \n\t b\u00a0\u2003c  </p><pre>d\n  e</pre>", ["a b c", "d e"]),
    ("abrupt comment", "<p>a<!--->b<!-->c</p>", ["abc"]),
    ("unclosed comment", "<p>a</p><!-- never closed <p>b</p>", ["a", "never closed", "b"]),
    ("control characters", "<p>a\x01b\x0cc</p>", ["a\x01b c"]),
    ("noncharacter", "<p>a\ufdd0b</p>", ["a\ufffdb"]),
    ("text only", "just text", ["just text"]),
]


@pytest.mark.parametrize(("name", "page", "lines"), MARKUP_CASES, ids=[c[0] for c in MARKUP_CASES])
def test_visible_text_one_block_per_line(name: str, page: str, lines: list[str]) -> None:
    assert html_to_article(page)["text"].split("\n") == lines


def test_empty_page_has_no_text() -> None:
    assert html_to_article("")["text"] == ""
    assert html_to_article("<html><head><title>T</title></head></html>")["text"] == ""
    with pytest.raises(Problem) as info:
        read_html_page(b"<html><body><script>x()</script></body></html>")
    assert info.value.error == "empty"


def test_title_is_the_first_title_and_tags_inside_it_are_dropped() -> None:
    art = html_to_article(
        "<svg><title>icon</title></svg><title>Rain <b>returns</b></title>"
        "<p>x</p><title>second</title>"
    )
    assert art["title"] == "Rain returns"


def test_metadata() -> None:
    page = (
        "<head><title>Storms move east overnight - Daily Planet</title>"
        '<meta name="DatePublished" content=" 2024-05-01 ">'
        '<link rel="Canonical stylesheet" href="https://www.planet.example/a"></head>'
        "<body><p>x</p><meta property='og:url' content='https://other.example/'>"
    )
    art = html_to_article(page)
    assert art["title"] == "Storms move east overnight"
    assert art["outlet"] == "Daily Planet"
    assert art["url"] == "https://www.planet.example/a"
    assert art["published_at"] == "2024-05-01"
    no_suffix = html_to_article(
        "<title>Headline</title><link rel=canonical href='https://www.planet.example/a'><p>x"
    )
    assert no_suffix["outlet"] == "planet.example"
    og = html_to_article(
        '<title>A | B</title><meta property="og:title" content="Real"><meta '
        'property="og:site_name" content="Site"><meta property="og:site_name" content="2nd">'
    )
    assert (og["title"], og["outlet"]) == ("Real", "Site")
    bad_url = html_to_article('<meta property="og:url" content="http://[x"><p>x')
    assert bad_url["outlet"] is None and bad_url["url"] == "http://[x"


@pytest.mark.parametrize("value", ["0001-01-01", "9999-12-31", "-0001-01-01", "soon", "2024-13-45"])
def test_out_of_range_dates_are_returned_as_strings(value: str) -> None:
    page = f'<meta property="article:published_time" content="{value}"><p>Text.</p>'
    assert html_to_article(page)["published_at"] == value
    art, _ = read_html_page(page.encode())
    assert art["published_at"] == value


@pytest.mark.parametrize(
    ("codec", "body"),
    [
        ("windows-1251", "Городской совет утвердил бюджет."),
        ("koi8-r", "Городской совет утвердил бюджет."),
        ("iso-8859-1", "Le conseil a adopté le budget, «oui»."),
        ("shift_jis", "市議会は予算を承認した。"),
    ],
)
def test_meta_charset_is_honoured(codec: str, body: str) -> None:
    data = f"<html><head><meta charset='{codec}'></head><body><p>{body}</p>".encode(codec)
    art, _ = read_html_page(data)
    assert art["text"] == body


def test_latin1_label_reads_cp1252_as_browsers_do() -> None:
    body = "Le maire a dit “oui” – enfin…"
    art, encoding = read_html_page(f"<meta charset=iso-8859-1><p>{body}</p>".encode("cp1252"))
    assert (art["text"], encoding) == (body, "cp1252")


def test_wrong_meta_charset_falls_back_to_detection() -> None:
    body = "Le conseil municipal a adopté le budget, a déclaré le maire à la presse."
    data = f"<meta charset='utf-16'><p>{body}</p>".encode("cp1252")
    art, encoding = read_html_page(data)
    assert (art["text"], encoding) == (body, "latin-1")
    ru = "Городской совет утвердил бюджет на следующий год, заявил мэр."
    data = f"<meta charset='windows-1252'><p>{ru}</p>".encode("cp1251")
    art, encoding = read_html_page(data)
    assert (art["text"], encoding) == (ru, "cp1251")


def test_page_with_nul_bytes_loads_without_them() -> None:
    art, encoding = read_html_page(b"<p>a\x00b</p>" * 50)
    assert art["text"].split("\n")[:2] == ["ab", "ab"]
    assert encoding == "utf-8"


def test_utf16_page_loads() -> None:
    page = "<html><head><meta charset='utf-16'></head><body><p>Привет, мир</p>"
    for codec in ("utf-16", "utf-16-le", "utf-16-be"):
        art, encoding = read_html_page(page.encode(codec))
        assert art["text"] == "Привет, мир" and encoding == codec


def test_surrogates_in_a_str_page() -> None:
    assert html_to_article("<p>a\ud83d\ude00b\ud800c</p>")["text"] == "a😀b\ufffdc"
