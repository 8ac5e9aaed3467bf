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

import re
from collections import Counter
from typing import Any

__all__ = ["folder_outlet", "infer_outlet_from_text", "outlet_value", "split_title_suffix"]

_CONNECTORS = frozenset(
    "of the and & de del la le el di du des der die das for on in at y i und et da do".split()
)
_UI_WORDS = frozenset(
    "advertisement read more related share subscribe menu home search login log sign "
    "video photo photos image watch listen comments comment top latest trending opinion "
    "news click next previous back source sources credit".split()
)
_DOMAIN = re.compile(r"^[a-z0-9][a-z0-9-]*(\.[a-z0-9-]+)+$", re.I)
_ALONE = re.compile(r"^[-–—|]\s+(?P<name>\S.*?)\s*$")
_SEPARATED = re.compile(r"^(?P<head>.+?)\s+(?P<sep>\||[-–—]|::|·)\s+(?P<name>[^|–—]+?)\s*$")


def _valid_outlet_name(name: str) -> bool:
    """Conservative check that a title suffix names an outlet (``Sputnik International``)."""
    name = name.strip()
    if not 2 <= len(name) <= 50 or not any(ch.isalpha() for ch in name):
        return False
    if _DOMAIN.match(name):
        return True
    if name[-1] in ".,;:!?-–—\"'“”«»)(" or any(ch in name for ch in '|"“”«»:;?!'):
        return False
    words = name.split()
    if len(words) > 5 or words[0].casefold() in _UI_WORDS:
        return False
    first = words[0][0]
    if not (first.isupper() or first.isdigit()):
        return False
    for word in words[1:]:
        lead = word[0]
        if not (lead.isupper() or lead.isdigit() or word.casefold() in _CONNECTORS):
            return False
    return True


def split_title_suffix(line: str) -> tuple[str, str] | None:
    """Split ``"Headline | Outlet"`` into (headline, outlet) when the suffix looks like one."""
    match = _SEPARATED.match(line.strip())
    if match is None:
        return None
    head, name = match.group("head").strip(), match.group("name").strip()
    if len(head) <= len(name) or not _valid_outlet_name(name):
        return None
    segments = head.split(f" {match.group('sep')} ")
    if len(segments) > 1 and all(len(seg.split()) <= 3 for seg in segments):
        return None  # a breadcrumb or menu ("Home | World | Europe"), not a page title
    return head, name


def infer_outlet_from_text(text: str, *, max_lines: int = 30) -> tuple[str, str | None] | None:
    """Guess the outlet from the page-title suffix an article's text carries.

    Among the first ``max_lines`` non-blank lines, a line that is only ``- Name``
    (weight 2 in the first five lines, else 1) and lines ending in ``| Name`` or
    ``- Name`` (weight 2 in the first three lines, else 1; the part before the
    separator must be longer than the name) vote for ``Name``. Names must look like an
    outlet (at most five capitalised words, or a domain). The best name wins if its
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
        alone = _ALONE.match(line)
        if alone is not None and _valid_outlet_name(alone.group("name")):
            name = alone.group("name")
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
