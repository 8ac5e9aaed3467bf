"""Where an article's outlet comes from when no column names it: folders and page titles.

Examples
--------
>>> folder_outlet("Daily Planet/2024/a1.txt"), folder_outlet("b1.txt")
('Daily Planet', None)
>>> split_title_suffix("Storms move east | Metro Wire")
('Storms move east', 'Metro Wire')
>>> outlet_value({"name": "Metro Wire", "id": 7}), outlet_value("rt.com")
('Metro Wire', 'rt.com')
"""

from __future__ import annotations

from collections import Counter
from typing import Any

from toolkit.io.sites import split_title, valid_outlet_name

__all__ = ["folder_outlet", "infer_outlet_from_text", "outlet_value", "split_title_suffix"]

_ALONE_MARKS = "-–—|"
_HEAD_MIN_WORDS = 3


def split_title_suffix(line: str) -> tuple[str, str] | None:
    """Split ``"Headline | Outlet"`` into (headline, outlet) when the suffix looks like one.

    The names are judged as :func:`toolkit.io.sites.split_title` judges them (menus and
    breadcrumbs refused, :func:`~toolkit.io.sites.valid_outlet_name`); on a page alone
    the headline must also be a headline: at least three words, or longer than the
    name (``US - China Trade Talks Resume`` names no outlet).

    Examples
    --------
    >>> split_title_suffix("Moscow rejects claims - Sputnik International")
    ('Moscow rejects claims', 'Sputnik International')
    >>> split_title_suffix("US - China Trade Talks Resume") is None
    True
    """
    line = line.strip()
    sides = split_title(line)
    if sides is None or sides[1] is None:
        return None
    name = sides[1]
    head = line[: len(line) - len(name)].rstrip().rstrip("|-–—:·»").rstrip()
    if not head or (len(head.split()) < _HEAD_MIN_WORDS and len(head) <= len(name)):
        return None
    return head, name


def infer_outlet_from_text(text: str, *, max_lines: int = 30) -> tuple[str, str | None] | None:
    """Guess the outlet from the page-title suffix an article's text carries.

    Among the first ``max_lines`` non-blank lines, a line that is only ``- Name``
    (weight 2 in the first five lines, else 1) and lines ending in ``| Name`` or
    ``- Name`` (weight 2 in the first three lines, else 1; see
    :func:`split_title_suffix`) vote for ``Name``. Names must look like an outlet
    (:func:`toolkit.io.sites.valid_outlet_name`). The best name wins if its
    votes reach 2, so a lone photo credit deep in the text never names the outlet.

    Parameters
    ----------
    text : str
    max_lines : int

    Returns
    -------
    tuple of (str, str or None) or None
        ``(outlet, headline)`` where headline is the text before the suffix on the
        first line (or ``None``), or ``None`` when no outlet can be inferred.

    Examples
    --------
    >>> infer_outlet_from_text("- Daily Planet\\nWorld\\nStorms move east")
    ('Daily Planet', None)
    >>> infer_outlet_from_text("Storms move east | Metro Wire\\nRain fell all day.")
    ('Metro Wire', 'Storms move east')
    >>> infer_outlet_from_text("US - China Trade Talks Resume\\nThey met.") is None
    True
    """
    votes: Counter[str] = Counter()
    first_seen: dict[str, int] = {}
    headline: dict[str, str] = {}
    n = 0
    for raw in text.split("\n"):
        line = raw.strip()
        if not line:
            continue
        n += 1
        if n > max_lines:
            break
        alone = line[0] in _ALONE_MARKS and line[1:2] == " " and valid_outlet_name(line[2:])
        if alone:
            name = line[2:].strip()
            votes[name] += 2 if n <= 5 else 1
            first_seen.setdefault(name, n)
            continue
        split = split_title_suffix(line)
        if split is not None:
            head, name = split
            votes[name] += 2 if n <= 3 else 1
            first_seen.setdefault(name, n)
            if n == 1:
                headline[name] = head
    if not votes:
        return None
    name, count = min(votes.items(), key=lambda kv: (-kv[1], first_seen[kv[0]]))
    if count < 2:
        return None
    return name, headline.get(name)


def folder_outlet(rel: str) -> str | None:
    """Outlet of a file from the top-level sub-folder holding it (top files get none)."""
    top, sep, _ = rel.partition("/")
    return top if sep else None


def outlet_value(value: Any) -> Any:
    """The outlet held by a table cell: a name, or the name of a ``{"name": ...}`` record."""
    if isinstance(value, dict):
        for key in ("name", "title", "domain", "id"):
            if value.get(key):
                return value[key]
        return None
    return value
