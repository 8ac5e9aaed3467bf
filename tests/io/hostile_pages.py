"""Hostile HTML pages (built, never stored) for the HTML reader's tests and benchmark.

Each builder takes a target size in bytes and returns the page as ``str``; the sizes
that matter (100k nested ``<div>``s, a 10 MB text node, a title of ``x - `` x 100k)
are fixed by the issue, the floods follow ``size``. ``normal`` is the baseline: a
plain news page of paragraphs.
"""

from __future__ import annotations

from collections.abc import Callable

PARAGRAPH = (
    "<p>The council met on Tuesday and agreed the budget for next year, "
    "said the mayor, who <b>promised</b> that taxes would not rise.</p>\n"
)
HEAD = (
    "<!DOCTYPE html><html><head><meta charset='utf-8'>"
    "<title>Budget agreed | The Courier</title></head><body>"
)


def normal(size: int) -> str:
    """A plain page of ``size`` bytes: paragraphs of prose with an inline tag."""
    return HEAD + PARAGRAPH * (size // len(PARAGRAPH)) + "</body></html>"


def _flood(unit: str, size: int, *, before: str = "<p>Before.</p>") -> str:
    return HEAD + before + unit * (size // len(unit))


#: name -> builder(size). Sizes of the fixed cases ignore ``size``.
HOSTILE: dict[str, Callable[[int], str]] = {
    # html.parser never finished these (quadratic rescans of an unclosed construct)
    "cdata_flood": lambda n: _flood("<![CDATA[", n),
    "declaration_flood": lambda n: _flood("<!x", n),
    "pi_flood": lambda n: _flood("<?x", n),
    "end_tag_flood": lambda n: _flood("</", n),
    "lt_flood": lambda n: _flood("<a", n),
    # the list
    "nested_divs_100k": lambda n: HEAD + "<div>" * 100_000 + "deep" + "</div>" * 100_000,
    "nested_tables": lambda n: HEAD + "<table><tr><td>" * 20_000 + "cell",
    "unclosed_comment": lambda n: _flood("after the comment ", n, before="<p>Before.</p><!--"),
    "attribute_1mb": lambda n: (
        HEAD + '<p title="' + "x" * 1_000_000 + '">Hello.</p>' + PARAGRAPH * ((n - 10**6) // 150)
    ),
    "nul_bytes": lambda n: _flood("<p>a\x00b</p>", n),
    "title_x_dash_100k": lambda n: (
        "<html><head><title>" + "x - " * 100_000 + "</title></head><body><p>Body.</p>"
    ),
    "text_node_10mb": lambda n: HEAD + "<p>" + "word " * 2_000_000 + "</p>",
    # more that are cheap to try
    "unclosed_p": lambda n: _flood("<p>x", n),
    "unclosed_b": lambda n: _flood("<b>x", n),
    "misnested": lambda n: _flood("<b><i>x</b></i>", n),
    "unclosed_attribute": lambda n: _flood('a="', n, before="<p>Before.</p><div "),
    "unclosed_script": lambda n: _flood("var a = '<p>'; ", n, before="<p>Before.</p><script>"),
    "entity_flood": lambda n: _flood("&#", n),
    # below the 1% of control characters that makes a file binary
    "control_chars": lambda n: _flood(PARAGRAPH.replace("Tuesday", "Tues\x01day"), n),
}
