"""HTML pages: the visible text (one block element per line) and the page's metadata."""

from __future__ import annotations

import re
from collections import Counter
from html.parser import HTMLParser
from typing import Any
from urllib.parse import urlparse

from toolkit.io.decode import decode_bytes
from toolkit.io.errors import Problem
from toolkit.io.outlets import split_title_suffix

__all__ = ["html_to_article", "read_html_page"]

_HTML_SKIP = frozenset({"script", "style", "noscript", "template", "svg", "iframe", "object"})
_HTML_BLOCK = frozenset(
    {
        "address", "article", "aside", "blockquote", "body", "br", "caption", "dd",
        "details", "dialog", "div", "dl", "dt", "fieldset", "figcaption", "figure",
        "footer", "form", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hgroup", "hr",
        "html", "legend", "li", "main", "nav", "ol", "p", "pre", "section", "summary",
        "table", "tbody", "td", "tfoot", "th", "thead", "tr", "ul", "option", "head",
    }
)  # fmt: skip
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?\s*([\w.:-]+)""", re.I)


class _PageParser(HTMLParser):
    """Visible text (one block per line) and metadata of an HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.lines: list[str] = []
        self._buf: list[str] = []
        self._skip: Counter[str] = Counter()
        self._in_title = False
        self._title: list[str] = []
        self.meta: dict[str, str] = {}

    @property
    def title(self) -> str:
        return " ".join("".join(self._title).split())

    def _flush(self) -> None:
        if self._buf:
            line = " ".join("".join(self._buf).split())
            if line:
                self.lines.append(line)
            self._buf = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        if tag in _HTML_SKIP:
            self._skip[tag] += 1
            return
        if tag == "title":
            self._in_title = True
            return
        if tag == "meta":
            a = {k.lower(): (v or "") for k, v in attrs}
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in self.meta:
                self.meta[key] = a["content"].strip()
            return
        if tag == "link":
            a = {k.lower(): (v or "") for k, v in attrs}
            if "canonical" in a.get("rel", "").lower().split() and a.get("href"):
                self.meta.setdefault("canonical", a["href"].strip())
            return
        if tag in _HTML_BLOCK:
            self._flush()

    def handle_endtag(self, tag: str) -> None:
        if tag in _HTML_SKIP:
            if self._skip[tag]:
                self._skip[tag] -= 1
            return
        if tag == "title":
            self._in_title = False
            return
        if tag in _HTML_BLOCK:
            self._flush()

    def handle_data(self, data: str) -> None:
        if any(self._skip.values()):
            return
        if self._in_title:
            self._title.append(data)
        else:
            self._buf.append(data)

    def close(self) -> None:
        super().close()
        self._flush()


def html_to_article(page: str) -> dict[str, Any]:
    """Extract the visible text and metadata of an HTML page.

    Parameters
    ----------
    page : str

    Returns
    -------
    dict
        ``text`` (one block element per line, scripts/styles dropped, whitespace
        collapsed), ``title`` (``og:title`` else ``<title>``), ``outlet``
        (``og:site_name``, else the ``<title>`` suffix, else the domain of the canonical
        URL; ``None`` if none), ``url`` (canonical else ``og:url``) and
        ``published_at`` (``article:published_time``; a string or ``None``).

    Examples
    --------
    >>> page = ('<html><head><title>Rain returns | The Courier</title>'
    ...         '<script>var x = "<p>no</p>";</script></head><body><h1>Rain returns</h1>'
    ...         '<p>It  rained\\n  all day.<br>Again.</p></body></html>')
    >>> art = html_to_article(page)
    >>> art["text"], art["outlet"], art["title"]
    ('Rain returns\\nIt rained all day.\\nAgain.', 'The Courier', 'Rain returns')
    """
    parser = _PageParser()
    parser.feed(page)
    parser.close()
    meta = parser.meta
    page_title = parser.title
    title = meta.get("og:title") or page_title or None
    url = meta.get("canonical") or meta.get("og:url") or None
    outlet = meta.get("og:site_name") or None
    if outlet is None and page_title:
        split = split_title_suffix(page_title)
        if split is not None:
            head, outlet = split
            if title == page_title:
                title = head
    if outlet is None:
        for candidate in (meta.get("og:url"), meta.get("canonical")):
            host = urlparse(candidate).hostname if candidate else None
            if host:
                outlet = host.removeprefix("www.")
                break
    published = (
        meta.get("article:published_time")
        or meta.get("datepublished")
        or meta.get("pubdate")
        or meta.get("date")
        or None
    )
    return {
        "text": "\n".join(parser.lines),
        "title": title,
        "outlet": outlet,
        "url": url,
        "published_at": published,
    }


def read_html_page(data: bytes) -> tuple[dict[str, Any], str]:
    """Decode an HTML file (its ``<meta charset>`` honoured) and extract its article.

    Parameters
    ----------
    data : bytes

    Returns
    -------
    tuple of (dict, str)
        :func:`html_to_article` of the page, and the encoding used.

    Raises
    ------
    toolkit.io.errors.Problem
        What :func:`~toolkit.io.decode.decode_bytes` raises, ``bad_html`` when the
        parser fails, ``empty`` when the page has no visible text.

    Examples
    --------
    >>> data = "<meta charset='cp1251'><p>Привет</p>".encode("cp1251")
    >>> page, encoding = read_html_page(data)
    >>> page["text"], encoding
    ('Привет', 'cp1251')
    """
    found = _META_CHARSET.search(data[:4096])
    declared = found.group(1).decode("ascii", "replace") if found else None
    text, encoding = decode_bytes(data, declared=declared)
    try:
        page = html_to_article(text)
    except (AssertionError, ValueError) as exc:  # the stdlib parser's rare failures
        raise Problem("bad_html", f"cannot parse the HTML: {exc}") from None
    if not page["text"].strip():
        raise Problem("empty", "the page has no visible text")
    return page, encoding
