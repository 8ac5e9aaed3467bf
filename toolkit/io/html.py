"""HTML pages: the visible text (one block element per line) and the page's metadata.

The page is parsed by lxml (libxml2's HTML parser: C, linear in the page's size, with
the HTML5 tokenizer since libxml2 2.14), not by the stdlib ``html.parser``, whose
scanner goes quadratic on some inputs (a page of ``<![CDATA[``, ``<!x`` or ``</``
repeated never finishes). Where libxml2's tree differs from a browser's in what is
shown, the markup is adjusted before parsing: text after ``</html>`` (dropped by libxml2)
is kept, ``</br>`` is a line break and a stray ``</p>`` ends a block as it does in a
browser, and NUL characters (ignored by a browser) are removed. A page nested deeper
than libxml2's limit (2048 open elements) raises ``bad_html`` rather than being cut
short.
"""

from __future__ import annotations

import re
from typing import Any
from urllib.parse import urlparse

from lxml import etree

from toolkit.io.decode import decode_bytes
from toolkit.io.errors import Problem
from toolkit.io.outlets import split_title_suffix

__all__ = ["html_to_article", "read_html_page"]

# not shown: scripts, styles, embedded documents and the fallbacks for browsers without
# scripts, frames or plugins (noframes and noembed are raw text to libxml2, as in HTML5)
_HTML_SKIP = frozenset(
    {"script", "style", "noscript", "template", "svg", "iframe", "object", "noframes", "noembed"}
)
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
# End tags whose effect in a browser libxml2 does not reproduce: ``</body>`` and
# ``</html>`` close nothing (what follows is shown in the body; libxml2 drops everything
# after ``</html>``), ``</br>`` is a ``<br>``, and a ``</p>`` always ends a block (a
# stray one is an empty paragraph; libxml2 ignores it). ``\s*`` keeps the scan linear.
_END_TAG_FIX = re.compile(r"</(body|html|br|p)\s*>", re.I)
_END_TAG_AS = {"body": "", "html": "", "br": "<br>", "p": "</p><br>"}
# Noncharacters stand in for what lxml cannot put back into the tree: U+FDD0 marks block
# boundaries, U+FDD1... the control characters libxml2 keeps in text but lxml refuses to
# set (mapped back afterwards). Noncharacters already in a page become U+FFFD.
_BREAK = "\ufdd0"
_NONCHARACTERS = re.compile(r"[\ufdd0-\ufdef]")
_UNSETTABLE = "".join(map(chr, [*range(1, 9), 0x0B, 0x0C, *range(0x0E, 0x20), 0xFFFE, 0xFFFF]))
_UNSETTABLE_RE = re.compile(f"[{re.escape(_UNSETTABLE)}]")
_STAND_IN = {ord(ch): 0xFDD1 + i for i, ch in enumerate(_UNSETTABLE)}
_STAND_OUT = {v: k for k, v in _STAND_IN.items()}
_SURROGATE = re.compile(r"[\ud800-\udfff]")
# a <title> is raw text: tags written inside it are dropped (not shown literally)
_TAG_IN_TITLE = re.compile(r"</?[A-Za-z][^<>]{0,200}>")


def _fix_end_tag(match: re.Match[str]) -> str:
    return _END_TAG_AS[match.group(1).lower()]


def _parse(page: str) -> tuple[Any, bool]:
    """Parse ``page`` with lxml: the root element (None for a page without markup or text)
    and whether control characters were replaced by stand-ins (:data:`_STAND_IN`).

    Raises ``Problem("bad_html")`` when libxml2 stops early (elements nested deeper than
    its limit), so a page is never silently cut short.
    """
    page = _END_TAG_FIX.sub(_fix_end_tag, _NONCHARACTERS.sub("\ufffd", page.replace("\x00", "")))
    stand_ins = _UNSETTABLE_RE.search(page) is not None
    if stand_ins:
        page = page.translate(_STAND_IN)
    closed = max(page.rfind("-->"), page.rfind("--!>"))
    unclosed = page.find("<!--", closed + 1)
    if unclosed >= 0:  # a comment never closed would hide the rest of the page: kept as markup
        page = page[:unclosed] + page[unclosed:].replace("<!--", "")
    try:
        data = page.encode("utf-8")
    except UnicodeEncodeError:  # surrogates (a caller's str, never one from decode_bytes)
        page = page.encode("utf-16", "surrogatepass").decode("utf-16", "replace")
        data = _SURROGATE.sub("\ufffd", page).encode("utf-8")
    parser = etree.HTMLParser(
        encoding="utf-8",  # the page is already text: its own <meta charset> is not reread
        huge_tree=True,  # no 10 MB cap on one text node or attribute
        remove_comments=True,
        remove_pis=True,
        no_network=True,
        default_doctype=False,
    )
    try:
        root = etree.fromstring(data, parser)
    except etree.LxmlError as exc:
        raise Problem("bad_html", f"cannot parse the HTML: {exc}") from None
    for entry in parser.error_log:
        if entry.type == etree.ErrorTypes.ERR_RESOURCE_LIMIT:
            raise Problem(
                "bad_html",
                f"elements nested more than 2048 deep (line {entry.line}): "
                "the rest of the page cannot be read",
            )
    return root, stand_ins


def _extract(root: Any, stand_ins: bool) -> tuple[list[str], str | None, dict[str, str]]:
    """Visible lines, ``<title>`` and metadata of a parsed page.

    The work per element is done by lxml in C: block elements get a break mark before
    and after them, hidden elements are emptied, and the text is serialised in one call.
    """

    def restore(value: str) -> str:
        return value.translate(_STAND_OUT) if stand_ins else value

    meta: dict[str, str] = {}
    for el in root.iter("meta", "link"):  # the first of each key wins
        a = {str(k).lower(): v for k, v in el.attrib.items()}
        if el.tag == "meta":
            key = (a.get("property") or a.get("name") or a.get("itemprop") or "").lower()
            if key and "content" in a and key not in meta:
                meta[key] = restore(a["content"]).strip()
        elif "canonical" in a.get("rel", "").lower().split() and a.get("href"):
            meta.setdefault("canonical", restore(a["href"]).strip())
    for el in list(root.iter(*_HTML_SKIP)):
        # emptied, its tail kept; a hidden block still separates the text around it
        hidden_block = next(el.iter(*_HTML_BLOCK), None) is not None
        el.clear(keep_tail=True)
        el.text = _BREAK if hidden_block else None
    title = None
    for el in root.iter("title"):  # the first one outside hidden elements (now detached)
        if title is None:
            title = " ".join(restore(_TAG_IN_TITLE.sub("", el.text or "")).split())
        el.text = None
    for el in root.iter(*_HTML_BLOCK):
        el.text = _BREAK + el.text if el.text else _BREAK
        el.tail = _BREAK + el.tail if el.tail else _BREAK
    text = restore(etree.tostring(root, method="text", encoding="unicode", with_tail=False))
    lines = [" ".join(part.split()) for part in text.split(_BREAK)]
    return [line for line in lines if line], title, meta


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
        ``published_at`` (``article:published_time``, else ``datePublished``,
        ``pubdate`` or ``date``; the string as written, or ``None``: the caller parses it).

    Raises
    ------
    toolkit.io.errors.Problem
        ``bad_html`` when elements are nested more than 2048 deep (libxml2 would stop
        there and lose the rest of the page).

    Examples
    --------
    >>> page = ('<html><head><title>Rain returns | The Courier</title>'
    ...         '<script>var x = "<p>no</p>";</script></head><body><h1>Rain returns</h1>'
    ...         '<p>It  rained\\n  all day.<br>Again.</p></body></html>')
    >>> art = html_to_article(page)
    >>> art["text"], art["outlet"], art["title"]
    ('Rain returns\\nIt rained all day.\\nAgain.', 'The Courier', 'Rain returns')
    """
    root, stand_ins = _parse(page)
    lines, page_title, meta = ([], None, {}) if root is None else _extract(root, stand_ins)
    page_title = page_title or ""
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
            try:
                host = urlparse(candidate).hostname if candidate else None
            except ValueError:  # "http://[x": not a URL
                host = None
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
        "text": "\n".join(lines),
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
        What :func:`~toolkit.io.decode.decode_bytes` raises (NUL bytes are dropped
        before calling it again when they alone made the page ``binary``), ``bad_html``
        when the parser fails or the page is nested too deep to be read whole,
        ``empty`` when the page has no visible text.

    Examples
    --------
    >>> data = "<meta charset='cp1251'><p>Привет</p>".encode("cp1251")
    >>> page, encoding = read_html_page(data)
    >>> page["text"], encoding
    ('Привет', 'cp1251')
    """
    found = _META_CHARSET.search(data[:4096])
    declared = found.group(1).decode("ascii", "replace") if found else None
    try:
        text, encoding = decode_bytes(data, declared=declared)
    except Problem as exc:
        if exc.error != "binary" or b"\x00" not in data:
            raise
        # not UTF-16/32 (decode_bytes would have said so): NULs show nothing in a page
        text, encoding = decode_bytes(data.replace(b"\x00", b""), declared=declared)
    page = html_to_article(text)
    if not page["text"].strip():
        raise Problem("empty", "the page has no visible text")
    return page, encoding
