"""One article file (``.txt``, ``.html``, ``.htm``) to one article row."""

from __future__ import annotations

from typing import Any

from toolkit.io.decode import decode_bytes, normalize_text
from toolkit.io.html import read_html_page
from toolkit.io.outlets import infer_outlet_from_text

__all__ = ["article_from_bytes"]


def article_from_bytes(
    data: bytes,
    *,
    suffix: str,
    source_path: str,
    article_id: str,
    outlet: str | None = None,
    outlet_hint: str | None = None,
    meta: dict[str, Any] | None = None,
) -> dict[str, Any]:
    """Decode an article file into one row of the articles table.

    Parameters
    ----------
    data : bytes
        The file's bytes.
    suffix : str
        ``".txt"``, ``".html"`` or ``".htm"`` (lower case): an HTML page is reduced to
        its visible text (:func:`~toolkit.io.html.read_html_page`).
    source_path, article_id : str
        Stored as they are (a manifest's ``article_id`` wins).
    outlet : str, optional
        The caller's outlet, overriding any other.
    outlet_hint : str, optional
        The outlet of the file's folder; used after a manifest's, before the page's.
    meta : dict, optional
        The file's manifest fields (``article_id, outlet, title, published_at, url``).

    Returns
    -------
    dict
        The keys of :data:`toolkit.schema.ARTICLE_COLUMNS` plus ``outlet_source`` and
        ``date_source`` (:data:`~toolkit.io.provenance.ROW_SOURCE_COLUMNS`: ``"user"``,
        ``"manifest"``, ``"folder"``, ``"html-meta"``, ``"title"`` or None); ``text``
        is normalised (:func:`~toolkit.io.decode.normalize_text`); without any outlet,
        the title suffix in the text names it
        (:func:`~toolkit.io.outlets.infer_outlet_from_text`), else ``"unknown"`` (the
        corpus-wide inference of :mod:`toolkit.io.provenance` comes later).

    Raises
    ------
    toolkit.io.errors.Problem
        ``empty``, ``binary``, ``undecodable`` or ``bad_html``.

    Examples
    --------
    >>> row = article_from_bytes(b"Rain returns | The Courier\\r\\nIt rained.", suffix=".txt",
    ...                          source_path="a1.txt", article_id="a1")
    >>> row["outlet"], row["title"], row["text"], row["encoding"]
    ('The Courier', 'Rain returns', 'Rain returns | The Courier\\nIt rained.', 'utf-8')
    >>> row["outlet_source"], row["date_source"]
    ('title', None)
    """
    page: dict[str, Any] = {}
    if suffix in {".html", ".htm"}:
        page, encoding = read_html_page(data)
        text = page["text"]
    else:
        text, encoding = decode_bytes(data)
    text = normalize_text(text)
    meta = meta or {}
    title = meta.get("title") or page.get("title")
    outlet_source = None
    for source, value in (
        ("user", outlet),
        ("manifest", meta.get("outlet")),
        ("folder", outlet_hint),
        ("html-meta", page.get("outlet")),
    ):
        if value:
            outlet, outlet_source = value, source
            break
    else:
        inferred = infer_outlet_from_text(text)
        if inferred is not None:
            outlet, headline = inferred
            outlet_source = "title"
            title = title or headline
    published = meta.get("published_at") or page.get("published_at")
    date_source = None
    if published:
        date_source = "manifest" if meta.get("published_at") else "html-meta"
    return {
        "article_id": meta.get("article_id") or article_id,
        "outlet": outlet or "unknown",
        "title": title,
        "text": text,
        "published_at": published,
        "url": meta.get("url") or page.get("url"),
        "source_path": source_path,
        "encoding": encoding,
        "outlet_source": outlet_source,
        "date_source": date_source,
    }
