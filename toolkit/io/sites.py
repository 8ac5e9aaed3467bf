"""Which site published each page of a flat folder of scraped pages.

A folder of ``NNN_<hash>.txt`` files has no manifest: the outlet of each page has to be
read off the page itself and off the corpus. This module does both, column-wise:

1. **Per-page signals** (:func:`page_signals`): a title line with a site suffix or prefix
   (``Headline - Outlet``, ``Section | Outlet``, ``Outlet | tagline``, a lone ``- Outlet``),
   photo captions ending in ``- Outlet``, copyright lines (``© 2016 Outlet``; agency and
   photo credits such as ``© AFP 2023`` or ``© Reuters`` are *not* the outlet, see
   :data:`AGENCIES`), datelines (``MOSCOW (Outlet) -``), domains named in the text, and the
   Russian forms (``© РИА Новости``, ``Источник: ...``). Each signal carries a weight
   (:data:`SIGNAL_WEIGHTS`) and the line it came from.
2. **Template groups** (:func:`template_groups`): pages of one site share chrome (menus,
   footers, subscribe boxes). Short lines are indexed by their normalised text; a line
   found on at least two pages but on few pages overall is *rare*, weighted by inverse
   page frequency. Pairs of pages are only formed between neighbours in each line's page
   list (a bounded window), so the cost is linear in the number of lines; pages whose
   shared rare lines weigh enough are joined with a union-find that refuses to join two
   groups whose strong evidence names different outlets.
3. **Naming** (:func:`infer_sites`): every group is named by a weighted vote of the
   evidence of all its pages (one page's title names the whole group); name variants are
   joined only when the evidence sits in the same group and one name is a prefix of the
   other (``Sputnik`` / ``Sputnik International`` / ``sputniknews.com``). Votes for other
   names lower ``outlet_confidence``. Groups with no name get a readable, deterministic
   label such as ``site-03 (shares 14 template lines)``.

Every parser works on lines of bounded length with ``str`` methods and anchored patterns
without nested quantifiers, so a 1 MB pathological line costs what any 1 MB of text does.
"""

from __future__ import annotations

import math
import re
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass, field

import numpy as np
import pandas as pd

from toolkit.schema import SchemaError

__all__ = [
    "AGENCIES",
    "OUTLET_SOURCES",
    "SIGNAL_COLUMNS",
    "SIGNAL_WEIGHTS",
    "SITE_COLUMNS",
    "infer_sites",
    "page_signals",
    "split_title",
    "template_groups",
    "valid_outlet_name",
]

#: Columns returned by :func:`infer_sites`, in order.
SITE_COLUMNS: tuple[str, ...] = (
    "article_id",
    "outlet",
    "outlet_source",
    "outlet_evidence",
    "outlet_confidence",
    "site_group",
)
#: Columns returned by :func:`page_signals`, in order.
SIGNAL_COLUMNS: tuple[str, ...] = ("article_id", "source", "name", "weight", "line_no", "evidence")
#: Values ``outlet_source`` can take (besides ``None``), strongest first.
OUTLET_SOURCES: tuple[str, ...] = (
    "manifest",
    "folder",
    "html-meta",
    "title",
    "caption",
    "copyright",
    "dateline",
    "domain",
    "template",
)
#: Vote weight of one signal of each kind. A caption counts once per line (at most
#: ``_PAGE_CAP`` per page and name), photo credits, agency datelines and ``Источник:``
#: lines count a fraction of their kind.
SIGNAL_WEIGHTS: dict[str, float] = {
    "manifest": 50.0,
    "folder": 50.0,
    "html-meta": 3.0,
    "title": 3.0,
    "caption": 1.0,
    "copyright": 2.0,
    "dateline": 1.5,
    "domain": 0.5,
}
#: News and photo agencies (compared case-insensitively, years and "Photo" dropped): a
#: credit to one of them (``© AFP 2023 / NAME``, ``© Reuters``) is not the outlet.
AGENCIES: frozenset[str] = frozenset(
    {
        "aap", "abaca", "afp", "agence france-presse", "agence france presse",
        "canadian press", "cp", "press trust of india", "pti", "ians", "dow jones newswires", "alamy", "alamy stock photo",
        "anadolu", "anadolu agency", "ansa", "ap", "ap images", "associated press",
        "bloomberg", "depositphotos", "dpa", "east news", "efe", "epa", "epa-efe",
        "flickr", "getty", "getty images", "global look press", "imago", "interfax",
        "istock", "istockphoto", "kyodo", "legion-media", "pa", "pa images", "pa media",
        "pa wire", "pexels", "picture alliance", "press association", "rex",
        "rex features", "reuters", "shutterstock", "sipa", "sipa press", "tass",
        "thomson reuters", "unsplash", "upi", "wikimedia", "wikimedia commons", "xinhua",
        "yonhap", "zuma", "zuma press", "итар-тасс", "интерфакс", "лори", "тасс",
        "фотобанк лори", "фото",
    }
)  # fmt: skip
_AGENCY_NAMES = AGENCIES

_MAX_SIGNAL_LINE = 300  # longer lines are body text: no parser looks at them
_PAGE_CAP = 6.0  # most a single page can give one name, whatever it repeats
_CONNECTORS = frozenset(
    "of the and & de del la le el di du des der die das for on in at y i und et da do".split()
)
_UI_WORDS = frozenset(
    """advertisement read more related share subscribe menu home search login log sign
    video photo photos image images watch listen comments comment top latest trending
    click next previous back source sources credit copyright all rights reserved
    skip main content print email follow us contact about privacy terms cookies
    picture pictures reporting editing by posted published updated logout register
    archive archives site sitemap summary notice français english español deutsch
    русский help faq feedback rss feeds tags categories courtesy powered member members
    account profile my in out up""".split()
)
_SECTION_WORDS = frozenset(
    """news world business sport sports politics opinion home economy markets companies
    technology tech science health culture entertainment lifestyle travel local national
    uk us latest breaking top stories blog blogs video photos features life style money
    asia europe africa americas middle east россия мир экономика политика общество спорт
    новости культура происшествия регион в главное""".split()
)
_SEPARATORS = (" | ", " - ", " – ", " — ", " :: ", " · ", " » ")
_CAPTION_SEPARATORS = (" - ", " – ", " — ")
_DOMAIN = re.compile(r"^(?:www\.)?[a-z0-9][a-z0-9-]{0,62}(?:\.[a-z0-9-]{1,63}){1,4}$", re.I)
_YEARS = re.compile(r"(?<!\d)(?:19|20)\d\d(?:\s?[-–]\s?(?:19|20)?\d\d)?(?!\d)")
_COMPANY_TAIL = re.compile(
    r"(?:[\s,]+(?:ltd\.?|limited|inc\.?|llc|plc|gmbh|s\.a\.|corp\.?|corporation|co\.|"
    r"company|ооо|ао|оао|зао|(?:and/or|or|and) its (?:affiliated companies|affiliates)))+$",
    re.I,
)
_RIGHTS = re.compile(
    r"all rights reserved|все права защищены|alle rechte vorbehalten|tous droits réservés", re.I
)
_SYNDICATION = re.compile(
    r"republish|under licen[cs]e|distributed by|syndicat|перепечат|используется с разрешения", re.I
)
_DATELINE = re.compile(
    r"^(?P<place>[A-ZÀ-ÞА-ЯЁ][A-ZÀ-ÞА-ЯЁ.'’ -]{1,40}?)(?:, [^()\n]{1,30}?)?\s?"
    r"\((?P<name>[^()\n]{2,40})\)(?:\s?[-–—:]|\s|$)"
)
_DATELINE_RU = re.compile(
    r"^[А-ЯЁ][А-ЯЁ -]{1,30}, [^–—\n]{1,30}? [–—-] (?P<name>[А-ЯЁA-Z][^.,–—\n]{1,40}?)\.(?:\s|$)"
)
_SOURCE_LINE = re.compile(r"^(?:источник|source|по материалам)\s?:\s?(?P<name>[^\n]{2,60})$", re.I)
_URL_HOST = re.compile(r"(?:https?://|\bwww\.)(?P<host>[a-z0-9][a-z0-9.-]{1,100})", re.I)
_EMAIL_HOST = re.compile(r"[a-z0-9._%+-]@(?P<host>[a-z0-9-]{1,63}\.[a-z0-9.-]{2,60})", re.I)
_COMMON_DOMAINS = frozenset(
    """facebook.com twitter.com x.com google.com youtube.com instagram.com linkedin.com
    pinterest.com t.co bit.ly wikipedia.org w3.org apple.com addthis.com doubleclick.net
    feedburner.com goo.gl tiktok.com whatsapp.com t.me vk.com ok.ru telegram.org
    reddit.com tumblr.com flickr.com amazon.com microsoft.com adobe.com gmail.com
    yahoo.com mail.ru yandex.ru example.com creativecommons.org""".split()
)
_SECOND_LEVEL = frozenset("co com org net ac gov edu ltd plc sch nhs me or ne go".split())
_DIGITS = re.compile(r"\d+")
_DIGIT_RUN = re.compile(r"\d\d")
_SPACES = re.compile(r"\s+")


# --------------------------------------------------------------------------- names


def _is_agency(name: str) -> bool:
    """Whether ``name`` is a news or photo agency credit (``AFP``, ``AP Photo``, ``ТАСС``)."""
    key = _YEARS.sub("", name).strip(" .,/").casefold()
    key = _SPACES.sub(" ", key).removeprefix("courtesy of ").removeprefix("the ")
    for suffix in (" photos", " photo", " images", " via getty images"):
        key = key.removesuffix(suffix)
    return key in _AGENCY_NAMES or key.split(" via ")[0] in _AGENCY_NAMES


def _is_domain(name: str) -> bool:
    return bool(_DOMAIN.match(name)) and not name[-1].isdigit()


def valid_outlet_name(name: str) -> bool:
    """Conservative check that a string names an outlet.

    At most six words, each capitalised (or a connector such as ``of``); a Cyrillic name
    of at most three words may have lower-case words after the first (``Новая газета``);
    or a domain. Menus, sections and UI words are refused.

    Examples
    --------
    >>> [valid_outlet_name(s) for s in ("Sputnik International", "sputniknews.com", "Новая газета")]
    [True, True, True]
    >>> [valid_outlet_name(s) for s in ("Read more", "said on Monday", "World", "2024")]
    [False, False, False, False]
    """
    name = name.strip()
    if not 2 <= len(name) <= 60 or not any(ch.isalpha() for ch in name):
        return False
    if _is_domain(name):
        return name.casefold().removeprefix("www.") not in _COMMON_DOMAINS
    if name[-1] in ".,;:!?-–—\"'“”«»)(/" or any(ch in name for ch in '|"“”«»:;?!@<>{}[]#,'):
        return False
    if _DIGIT_RUN.search(name):
        return False  # dates and times ("Wed 16 Jan 2008", "Nov 22"), not names
    words = name.split()
    folded = [w.casefold() for w in words]
    if len(words) > 6 or folded[0] in _UI_WORDS or all(w in _SECTION_WORDS for w in folded):
        return False
    if not (words[0][0].isupper() or words[0][0].isdigit()):
        return False
    cyrillic = any("а" <= ch.casefold() <= "я" for ch in name)
    for word, low in zip(words[1:], folded[1:], strict=True):
        if word[0].isupper() or word[0].isdigit() or low in _CONNECTORS:
            continue
        if cyrillic and len(words) <= 3:
            continue
        return False
    return True


def _is_ui(text: str) -> bool:
    """Whether every word of ``text`` is a menu or UI word (``Log in``, ``Home``)."""
    words = text.casefold().split()
    return bool(words) and all(w in _UI_WORDS for w in words)


def _registrable(host: str) -> str:
    """``www.news.bbc.co.uk`` -> ``bbc.co.uk`` (a small public-suffix approximation)."""
    labels = host.casefold().strip(".").removeprefix("www.").split(".")
    if len(labels) >= 3 and len(labels[-1]) == 2 and labels[-2] in _SECOND_LEVEL:
        return ".".join(labels[-3:])
    return ".".join(labels[-2:])


def _name_key(name: str) -> str:
    """Comparable form of a name: ``The Ledger Daily`` and ``ledgerdaily.example`` agree.

    Examples
    --------
    >>> _name_key("The Ledger Daily"), _name_key("www.ledgerdaily.example")
    ('ledgerdaily', 'ledgerdaily')
    """
    text = name.strip().casefold()
    if _is_domain(text):
        text = _registrable(text).split(".")[0]
    text = text.removeprefix("the ")
    return "".join(ch for ch in text if ch.isalnum())


def _linked(a: str, b: str) -> bool:
    """Two name keys name one outlet when equal or when one extends the other."""
    if a == b:
        return True
    short, long_ = (a, b) if len(a) <= len(b) else (b, a)
    return len(short) >= 4 and long_.startswith(short)


# --------------------------------------------------------------------------- page signals


@dataclass
class _Page:
    signals: list[tuple[str, str, float, int, str]] = field(default_factory=list)
    titles: list[tuple[int, str, str | None, str | None]] = field(default_factory=list)


def split_title(line: str) -> tuple[str | None, str | None] | None:
    """``A | B | C`` -> (``A``, ``C``) when either end may name an outlet; menus give None."""
    first, last, sep_first, sep_last = len(line), -1, "", ""
    for sep in _SEPARATORS:
        i = line.find(sep)
        if 0 <= i < first:
            first, sep_first = i, sep
        j = line.rfind(sep)
        if j > last:
            last, sep_last = j, sep
    if last < 0:
        return None
    if sep_first == sep_last and line.count(sep_first) >= 2:
        segments = line.split(sep_first)
        if all(len(seg.split()) <= 3 for seg in segments):
            return None  # a breadcrumb or a menu ("Home | World | Europe")
    prefix, suffix = line[:first].strip(), line[last + len(sep_last) :].strip()
    if _is_ui(prefix) or _is_ui(suffix):
        return None  # "Logout | Member Center", "Home - Contact": a menu
    return (prefix if valid_outlet_name(prefix) else None), (
        suffix if valid_outlet_name(suffix) else None
    )


def _copyright_names(line: str) -> list[tuple[str, float]]:
    """Names (with a weight factor) a copyright line gives to its site; agencies give none.

    Examples
    --------
    >>> _copyright_names("© 2024 Northbridge Wire. All rights reserved.")
    [('Northbridge Wire', 1.0)]
    >>> _copyright_names("© AFP 2023 / DOMINICK REUTERRussian Foreign Minister")
    []
    >>> _copyright_names("© Erik Haave/The Ledger Daily")
    [('Erik Haave', 0.25), ('The Ledger Daily', 0.25)]
    >>> _copyright_names("© Clarion Media Group Ltd 2024")
    [('Clarion Media Group', 1.0)]
    """
    low = line.casefold()
    at = low.find("©")
    if at >= 0:
        rest = line[at + 1 :]
    else:
        at = low.find("copyright")
        if at < 0:
            at = low.find("(c) ")
            if at < 0:
                return []
            rest = line[at + 3 :]
        else:
            rest = line[at + 9 :]
    if _SYNDICATION.search(line):
        return []
    rest = rest.strip().lstrip("©").strip()
    if rest.casefold().startswith("by "):
        rest = rest[3:]
    if "/" in rest:  # a photo credit: "© Agency / PHOTOGRAPHER", "© Person/Outlet"
        names = []
        for part in rest.split("/", 2)[:2]:
            part = _YEARS.sub("", part).strip(" .,")
            if part and not _is_agency(part) and not part.isupper() and valid_outlet_name(part):
                names.append((part, 0.25))
        return [] if any(_is_agency(p) for p in rest.split("/", 2)[:1]) else names
    rest = _RIGHTS.sub("", rest)
    rest = _YEARS.sub("", rest)
    rest = re.split(r"\.(?:\s|$)|,|;| \| | - | – ", rest, maxsplit=1)[0]
    rest = _COMPANY_TAIL.sub("", rest.strip(" .,")).strip(" .,")
    while rest.endswith((" &", " and")):  # "Dow Jones & Company" lost its tail
        rest = rest.rsplit(" ", 1)[0].rstrip()
    if not rest or _is_agency(rest) or not valid_outlet_name(rest):
        return []
    return [(rest, 1.0)]


def _domains(text: str) -> Counter[str]:
    """Registrable domains named in the text (links, ``www.`` forms, e-mail addresses)."""
    hosts: Counter[str] = Counter()
    for pattern in (_URL_HOST, _EMAIL_HOST):
        for match in pattern.finditer(text):
            host = match.group("host").rstrip(".-")
            if "." not in host:
                continue
            reg = _registrable(host)
            if reg not in _COMMON_DOMAINS and _is_domain(reg):
                hosts[reg] += 1
    return hosts


def _scan_page(text: str, title_lines: int) -> _Page:
    """Collect the signals of one page (title candidates are resolved corpus-wide later)."""
    page = _Page()
    n = 0
    for line_no, raw in enumerate(text.split("\n")):
        line = raw.strip()
        if not line:
            continue
        n += 1
        if len(line) > _MAX_SIGNAL_LINE:
            continue
        if n <= title_lines:
            if line[0] in "-–—|" and line[1:2] == " " and valid_outlet_name(line[2:]):
                page.signals.append(("title", line[2:].strip(), 1.0, line_no, line))
                continue
            sides = split_title(line)
            if sides is not None and sides != (None, None):
                page.titles.append((line_no, line, *sides))
                continue
        elif line.find(" - ") > 0 or line.find(" – ") > 0 or line.find(" — ") > 0:
            cut = max(line.rfind(sep) for sep in _CAPTION_SEPARATORS)
            name, head = line[cut + 3 :].strip(), line[:cut]
            if len(head.split()) >= 2 and not _is_agency(name) and valid_outlet_name(name):
                page.signals.append(("caption", name, 1.0, line_no, line))
                continue
        if "©" in line or "opyright" in line or "(c) " in line.casefold():
            for name, factor in _copyright_names(line):
                page.signals.append(("copyright", name, factor, line_no, line))
            continue
        match = _DATELINE.match(line) or _DATELINE_RU.match(line)
        if match is not None:
            name = match.group("name").strip()
            if valid_outlet_name(name):
                factor = 1 / 6 if _is_agency(name) else 1.0
                page.signals.append(("dateline", name, factor, line_no, line))
            continue
        source = _SOURCE_LINE.match(line)
        if source is not None:
            name = source.group("name").strip(" .")
            if valid_outlet_name(name) and not _is_agency(name):
                page.signals.append(("copyright", name, 0.25, line_no, line))
    captions = {_name_key(s[1]) for s in page.signals if s[0] == "caption"}
    if len(captions) > 2:  # "... - BusinessWeek", "... - Fast Company": quotes, not captions
        page.signals = [s for s in page.signals if s[0] != "caption"]
    for host, count in _domains(text).items():
        page.signals.append(("domain", host, min(3.0, float(count)), -1, host))
    return page


def _resolve_titles(pages: list[_Page]) -> None:
    """Pick the side of each ``A | B`` title line that names the site (in place).

    The side seen on more pages of the corpus wins (site names repeat, headlines and
    section names vary); on a tie a section word loses, then the suffix wins.
    """
    side_pages: Counter[str] = Counter()
    for page in pages:
        seen = {s for _, _, a, b in page.titles for s in (a, b) if s is not None}
        side_pages.update(seen)
    for page in pages:
        for line_no, line, prefix, suffix in page.titles:
            if prefix is None or suffix is None:
                name = prefix if suffix is None else suffix
            else:
                fp, fs = side_pages[prefix], side_pages[suffix]
                if fp != fs:
                    name = prefix if fp > fs else suffix
                elif all(w in _SECTION_WORDS for w in suffix.casefold().split()):
                    name = prefix
                else:
                    name = suffix
            assert name is not None
            factor = 1.0 if side_pages[name] >= 2 else 2 / 3
            page.signals.append(("title", name, factor, line_no, line))


def _input_signals(frame: pd.DataFrame, pages: list[_Page]) -> None:
    """Add the ``title`` (html-meta) and ``url`` (domain) columns' evidence (in place)."""
    if "title" in frame.columns:
        for page, title in zip(pages, frame["title"].tolist(), strict=True):
            if isinstance(title, str) and 0 < len(title) <= _MAX_SIGNAL_LINE:
                sides = split_title(title.strip())
                if sides is not None and sides[1] is not None:
                    page.signals.append(("html-meta", sides[1], 1.0, -1, title))
    if "url" in frame.columns:
        for page, url in zip(pages, frame["url"].tolist(), strict=True):
            if isinstance(url, str):
                match = _URL_HOST.match(url.strip())
                if match is not None:
                    host = _registrable(match.group("host"))
                    page.signals.append(("domain", host, 6.0, -1, url))


def _scan(frame: pd.DataFrame, title_lines: int) -> list[_Page]:
    texts = frame["text"].tolist()
    pages = [_scan_page(t if isinstance(t, str) else "", title_lines) for t in texts]
    _resolve_titles(pages)
    _input_signals(frame, pages)
    return pages


def _check(articles: pd.DataFrame) -> pd.DataFrame:
    if not isinstance(articles, pd.DataFrame):
        raise SchemaError(f"expected a pandas DataFrame of articles, got {type(articles).__name__}")
    missing = [c for c in ("article_id", "text") if c not in articles.columns]
    if missing:
        raise SchemaError(f"articles table lacks column(s) {', '.join(missing)}")
    frame = articles.reset_index(drop=True)
    frame = frame.assign(text=frame["text"].where(frame["text"].notna(), "").astype(str))
    return frame


def page_signals(articles: pd.DataFrame, *, title_lines: int = 5) -> pd.DataFrame:
    """Return every piece of outlet evidence each page carries, one row per signal.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id, text``; optional ``title`` (the HTML ``<title>``, read as
        ``html-meta``) and ``url`` (read as ``domain``).
    title_lines : int, default 5
        How many first non-blank lines may hold the page title.

    Returns
    -------
    pandas.DataFrame
        Columns :data:`SIGNAL_COLUMNS`: ``article_id``, ``source`` (a key of
        :data:`SIGNAL_WEIGHTS`), ``name`` (as written), ``weight`` (vote weight),
        ``line_no`` (0-based line of ``text``, -1 for columns and domains) and
        ``evidence`` (the line). Agency credits give no row.

    Examples
    --------
    >>> import pandas as pd
    >>> page = ("Storm hits coast - Harbour Herald\\nRain fell.\\n"
    ...         "© AFP 2024 / JO BLOGGS\\n© 2024 Harbour Herald. All rights reserved.")
    >>> sig = page_signals(pd.DataFrame({"article_id": ["a"], "text": [page]}))
    >>> sig[["source", "name", "weight"]].values.tolist()
    [['title', 'Harbour Herald', 2.0], ['copyright', 'Harbour Herald', 2.0]]
    """
    frame = _check(articles)
    pages = _scan(frame, title_lines)
    return _signal_frame(frame["article_id"].astype(str).tolist(), pages)


def _signal_frame(ids: list[str], pages: list[_Page]) -> pd.DataFrame:
    rows = [
        (aid, src, name, round(SIGNAL_WEIGHTS[src] * factor, 4), line_no, ev)
        for aid, page in zip(ids, pages, strict=True)
        for src, name, factor, line_no, ev in sorted(page.signals, key=lambda s: s[3])
    ]
    out = pd.DataFrame(rows, columns=list(SIGNAL_COLUMNS))
    return out.astype({"weight": float, "line_no": int})


# --------------------------------------------------------------------------- template groups


def _line_postings(
    texts: pd.Series, min_line_chars: int, max_line_chars: int, edge_lines: int | None
) -> tuple[np.ndarray, np.ndarray]:
    """(page, line id) of every distinct short line of every page, sorted by line then page."""
    lines = texts.str.split("\n").explode()
    page = lines.index.to_numpy()
    lines = lines.reset_index(drop=True).fillna("")
    raw = lines.str.strip()
    length = raw.str.len().to_numpy()
    keep = length > 0
    if edge_lines is not None:
        nonblank = pd.Series(keep.astype(np.int64))
        pos = nonblank.groupby(page).cumsum().to_numpy()
        total = pd.Series(pos).groupby(page).transform("max").to_numpy()
        keep &= (pos <= edge_lines) | (pos > total - edge_lines)
    keep &= (length >= min_line_chars) & (length <= max_line_chars)
    norm = raw[keep].str.casefold().str.replace(_DIGITS, "0", regex=True)
    norm = norm.str.replace(_SPACES, " ", regex=True)
    codes, _ = pd.factorize(norm)
    pairs = pd.DataFrame({"page": page[keep], "line": codes}).drop_duplicates()
    pairs = pairs.sort_values(["line", "page"], kind="stable")
    return pairs["page"].to_numpy(np.int64), pairs["line"].to_numpy(np.int64)


class _UnionFind:
    def __init__(self, n: int) -> None:
        self.parent = list(range(n))

    def find(self, i: int) -> int:
        parent = self.parent
        while parent[i] != i:
            parent[i] = parent[parent[i]]
            i = parent[i]
        return i


def _page_edges(
    page: np.ndarray,
    line: np.ndarray,
    n_pages: int,
    *,
    window: int,
    max_line_pages: int | None,
    min_shared_lines: int,
    min_overlap: float,
) -> tuple[np.ndarray, np.ndarray, np.ndarray, np.ndarray]:
    """Pairs of pages that share enough weighted rare lines: (a, b, score, rare-line mask)."""
    empty = np.zeros(0, np.int64)
    if len(line) == 0:
        return empty, empty, np.zeros(0), np.zeros(0, bool)
    df = np.bincount(line)
    rare_line = df >= 2
    if max_line_pages is not None:
        rare_line &= df <= max_line_pages
    keep = rare_line[line]
    page, line = page[keep], line[keep]
    weight_of_line = np.log(max(n_pages, 2) / np.maximum(df, 1))
    w = weight_of_line[line]
    page_mass = np.bincount(page, weights=w, minlength=n_pages)
    keys: list[np.ndarray] = []
    scores: list[np.ndarray] = []
    for d in range(1, window + 1):
        same = line[:-d] == line[d:]
        if not same.any():
            break
        a, b = page[:-d][same], page[d:][same]
        keys.append(a * n_pages + b)
        scores.append(w[:-d][same])
    if not keys:
        return empty, empty, np.zeros(0), rare_line
    key = np.concatenate(keys)
    uniq, inverse = np.unique(key, return_inverse=True)
    score = np.bincount(inverse, weights=np.concatenate(scores))
    counts = np.bincount(inverse)
    a, b = uniq // n_pages, uniq % n_pages
    overlap = score / np.maximum(np.minimum(page_mass[a], page_mass[b]), 1e-9)
    ok = (counts >= min_shared_lines) & (overlap >= min_overlap)
    order = np.lexsort((b[ok], a[ok], -overlap[ok]))
    return a[ok][order], b[ok][order], overlap[ok][order], rare_line


def template_groups(
    articles: pd.DataFrame,
    *,
    min_line_chars: int = 20,
    max_line_chars: int = 80,
    edge_lines: int | None = None,
    window: int = 8,
    max_line_pages: int | None = None,
    min_shared_lines: int = 3,
    min_overlap: float = 0.2,
) -> pd.DataFrame:
    """Group pages that share rare template lines (menus, footers, widgets) into sites.

    A line (stripped, case-folded, digits as ``0``) of ``min_line_chars`` to
    ``max_line_chars`` characters is *rare* when it is on at least 2 pages (and at most ``max_line_pages``);
    it weighs ``log(n_pages / pages_with_line)``. Each page is compared only with its
    ``window`` neighbours in every rare line's sorted page list, so the cost is linear
    in the number of lines. Two pages are joined when they share at least
    ``min_shared_lines`` rare lines that hold at least ``min_overlap`` of the rare-line
    weight of the lighter page. Groups are the connected components.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id, text``.
    min_line_chars : int, default 20
        Shorter lines (``Home``, ``Contact us``, ``Share``) are the same on many sites.
    max_line_chars : int, default 80
        Longer lines are body text (republished stories share it across outlets).
    edge_lines : int or None, default None
        Only the first and last ``edge_lines`` non-blank lines count; None counts all.
    window : int, default 8
    max_line_pages : int or None, default None
        Lines on more pages are ignored; None for no limit.
    min_shared_lines : int, default 3
    min_overlap : float, default 0.2

    Returns
    -------
    pandas.DataFrame
        One row per article in input order: ``article_id``, ``group`` (nullable
        ``Int64``: the position of the group's first page, ``<NA>`` for pages that
        share with no other page), ``n_template_lines`` (rare lines the page shares
        with the rest of its group).

    Examples
    --------
    >>> import pandas as pd
    >>> chrome = ("Harbour Herald: news from the bay\\nSign up for the morning tide letter\\n"
    ...           "Send your pictures to our photo desk\\nLog in\\n")
    >>> texts = [chrome + "Storm hits.", "A lone page.", chrome + "Ferry late."]
    >>> g = template_groups(pd.DataFrame({"article_id": list("abc"), "text": texts}))
    >>> g.values.tolist()
    [['a', 0, 3], ['b', <NA>, 0], ['c', 0, 3]]
    """
    frame = _check(articles)
    params = _TemplateParams(
        min_line_chars,
        max_line_chars,
        edge_lines,
        window,
        max_line_pages,
        min_shared_lines,
        min_overlap,
    )
    groups, n_lines, _ = _template_components(frame, params, None)
    return pd.DataFrame(
        {
            "article_id": frame["article_id"].astype(str).to_numpy(),
            "group": pd.array([g if g >= 0 else None for g in groups], dtype="Int64"),
            "n_template_lines": n_lines,
        }
    )


@dataclass(frozen=True)
class _TemplateParams:
    min_line_chars: int
    max_line_chars: int
    edge_lines: int | None
    window: int
    max_line_pages: int | None
    min_shared_lines: int
    min_overlap: float


def _template_components(
    frame: pd.DataFrame, params: _TemplateParams, votes: list[dict[str, float]] | None
) -> tuple[np.ndarray, np.ndarray, list[frozenset[int]]]:
    """Group label per page (first page's position, -1 alone), its shared-line count and
    the set of rare lines of every page.

    With ``votes`` (per page, name key -> weight of strong evidence), two groups whose
    leading names differ are never joined.
    """
    n = len(frame)
    page, line = _line_postings(
        frame["text"], params.min_line_chars, params.max_line_chars, params.edge_lines
    )
    a, b, _, rare = _page_edges(
        page,
        line,
        n,
        window=params.window,
        max_line_pages=params.max_line_pages,
        min_shared_lines=params.min_shared_lines,
        min_overlap=params.min_overlap,
    )
    uf = _UnionFind(n)
    names: list[dict[str, float]] = [dict(v) for v in votes] if votes is not None else []
    for x, y in zip(a.tolist(), b.tolist(), strict=True):
        rx, ry = uf.find(x), uf.find(y)
        if rx == ry:
            continue
        if names:
            if _conflict(names[rx], names[ry]):
                continue
            small, big = (rx, ry) if len(names[rx]) <= len(names[ry]) else (ry, rx)
            for key, weight in names[small].items():
                names[big][key] = names[big].get(key, 0.0) + weight
            names[small] = {}
            uf.parent[small] = big
        else:
            uf.parent[max(rx, ry)] = min(rx, ry)
    roots = np.array([uf.find(i) for i in range(n)], dtype=np.int64)
    first = pd.Series(np.arange(n)).groupby(roots).transform("min").to_numpy()
    size = np.bincount(roots, minlength=n)[roots] if n else np.zeros(0, np.int64)
    groups = np.where(size >= 2, first, -1)
    n_lines = _shared_line_counts(page, line, rare, groups)
    keep = rare[line] if len(line) else np.zeros(0, bool)
    order = np.argsort(page[keep], kind="stable")
    cuts = np.searchsorted(page[keep][order], np.arange(n + 1))
    kept = line[keep][order].tolist()
    rare_lines = [frozenset(kept[cuts[i] : cuts[i + 1]]) for i in range(n)]
    return groups, n_lines, rare_lines


def _leader(votes: dict[str, float]) -> str | None:
    if not votes:
        return None
    return min(votes.items(), key=lambda kv: (-kv[1], kv[0]))[0]


def _conflict(x: dict[str, float], y: dict[str, float]) -> bool:
    """Both groups have a leading name and the names are not variants of one another."""
    lx, ly = _leader(x), _leader(y)
    return lx is not None and ly is not None and not _linked(lx, ly)


def _shared_line_counts(
    page: np.ndarray, line: np.ndarray, rare: np.ndarray, groups: np.ndarray
) -> np.ndarray:
    """Per page: rare lines it shares with at least one other page of its group."""
    n = len(groups)
    out = np.zeros(n, np.int64)
    if len(page) == 0:
        return out
    keep = rare[line] & (groups[page] >= 0)
    posts = pd.DataFrame({"page": page[keep], "line": line[keep], "group": groups[page[keep]]})
    if posts.empty:
        return out
    posts["n"] = posts.groupby(["group", "line"])["page"].transform("size")
    shared = posts[posts["n"] >= 2].groupby("page").size()
    out[shared.index.to_numpy()] = shared.to_numpy()
    return out


# --------------------------------------------------------------------------- naming


@dataclass
class _Name:
    display: str
    weight: float
    source: str
    evidence: str
    best: float  # weight of the single signal shown as evidence
    own: float = 0.0  # weight of signals where the site names itself (not a copyright holder)
    mention: float = 0.0  # weight of the domain named in the text


def _page_votes(pages: list[_Page]) -> list[dict[str, _Name]]:
    """Per page: name key -> display form, summed weight (capped), strongest evidence."""
    out: list[dict[str, _Name]] = []
    for page in pages:
        votes: dict[str, _Name] = {}
        for src, name, factor, _, evidence in page.signals:
            key = _name_key(name)
            if not key:
                continue
            weight = SIGNAL_WEIGHTS[src] * factor
            own = weight if _names_itself(src, evidence) else 0.0
            cur = votes.get(key)
            mention = weight if src == "domain" and not own else 0.0
            if cur is None:
                votes[key] = _Name(name, weight, src, evidence, weight, own, mention)
                continue
            cur.own += own
            cur.mention += mention
            if weight > cur.best:
                cur.source, cur.evidence, cur.best = src, evidence, weight
            if _is_domain(cur.display) and not _is_domain(name):
                cur.display = name
            cur.weight += weight
        for vote in votes.values():
            if vote.source not in _INPUT:
                vote.weight = min(vote.weight, _PAGE_CAP)
        out.append(votes)
    return out


_INPUT = frozenset({"manifest", "folder"})
_SELF = frozenset({"manifest", "folder", "html-meta", "title", "dateline"})


def _names_itself(source: str, evidence: str) -> bool:
    """A title, dateline or the page's URL names the site itself; a copyright holder, a
    caption (an ad, a quote) or a domain in the text may be a parent company or another
    site."""
    return source in _SELF or (source == "domain" and evidence.startswith(("http://", "https://")))


def _cluster_names(totals: dict[str, float]) -> list[list[str]]:
    """Join name keys that are variants (equal or prefix) into clusters, heaviest first."""
    clusters: list[list[str]] = []
    for key in sorted(totals, key=lambda k: (-totals[k], k)):
        for cluster in clusters:
            if any(_linked(key, other) for other in cluster):
                cluster.append(key)
                break
        else:
            clusters.append([key])
    return clusters


@dataclass
class _Verdict:
    outlet: str | None
    lead: str | None  # heaviest name key of the winning cluster
    mergeable: bool  # the site names itself: other groups of that name are the same site
    keys: frozenset[str]
    confidence: float
    evidence: str | None
    source: str | None


def _name_group(members: list[int], votes: list[dict[str, _Name]], min_weight: float) -> _Verdict:
    """Weighted vote over the evidence of all pages of one group."""
    totals: dict[str, float] = {}
    own: dict[str, float] = {}
    shown: dict[str, dict[str, tuple[int, float]]] = {}  # key -> form -> (rank, weight)
    best: dict[str, tuple[float, str, str]] = {}
    for i in members:
        for key, name in votes[i].items():
            totals[key] = totals.get(key, 0.0) + name.weight
            own[key] = own.get(key, 0.0) + name.own
            forms_of = shown.setdefault(key, {})
            rank, weight = forms_of.get(name.display, (len(OUTLET_SOURCES), 0.0))
            rank = min(rank, OUTLET_SOURCES.index(name.source))
            forms_of[name.display] = (rank, weight + name.weight)
            if key not in best or name.weight > best[key][0]:
                best[key] = (name.weight, name.evidence, name.source)
    if not totals:
        return _Verdict(None, None, False, frozenset(), math.nan, None, None)
    clusters = _cluster_names(totals)
    mass = [sum(totals[k] for k in c) for c in clusters]
    top = int(np.argmax(mass))
    if mass[top] < min_weight:
        return _Verdict(None, None, False, frozenset(), math.nan, None, None)
    forms: dict[str, tuple[int, float]] = {}
    for key in clusters[top]:
        for form, (rank, weight) in shown[key].items():
            old_rank, old_weight = forms.get(form, (rank, 0.0))
            forms[form] = (min(rank, old_rank), old_weight + weight)
    # the form the strongest kind of evidence uses (a title over a copyright holder)
    plain = [f for f in forms if not _is_domain(f)] or list(forms)
    display = min(plain, key=lambda f: (forms[f][0], -forms[f][1], -len(f), f))
    lead = max(clusters[top], key=lambda k: (best[k][0], totals[k], k))
    heaviest = clusters[top][0]
    # a rival named only by a copyright holder, a credit or a link is maybe the publisher
    # or another site: it counts half against the winner
    rivals = sum(
        m if any(own[k] for k in c) else m / 2
        for j, (c, m) in enumerate(zip(clusters, mass, strict=True))
        if j != top
    )
    share = mass[top] / (mass[top] + rivals)
    confidence = share * (1.0 - math.exp(-mass[top] / 2.0))
    return _Verdict(
        display,
        heaviest,
        sum(own[k] for k in clusters[top]) >= min_weight,
        frozenset(clusters[top]),
        confidence,
        best[lead][1],
        best[lead][2],
    )


def _known_outlets(frame: pd.DataFrame) -> tuple[list[str | None], list[str]]:
    """The input's own ``outlet`` (and ``outlet_source``) per page; unknown gives None."""
    n = len(frame)
    if "outlet" not in frame.columns:
        return [None] * n, ["manifest"] * n
    known: list[str | None] = []
    for value in frame["outlet"].tolist():
        ok = isinstance(value, str) and value.strip() and value.strip().casefold() != "unknown"
        known.append(value if ok else None)
    if "outlet_source" in frame.columns:
        src = [s if isinstance(s, str) and s else "manifest" for s in frame["outlet_source"]]
    else:
        src = ["manifest"] * n
    return known, src


def infer_sites(
    articles: pd.DataFrame,
    *,
    min_group_size: int = 2,
    min_name_weight: float = 1.5,
    title_lines: int = 5,
    min_line_chars: int = 20,
    max_line_chars: int = 80,
    edge_lines: int | None = None,
    window: int = 8,
    max_line_pages: int | None = None,
    min_shared_lines: int = 3,
    min_overlap: float = 0.2,
) -> pd.DataFrame:
    """Infer the outlet and the site of every page of a corpus without metadata.

    Per-page evidence (:func:`page_signals`) and shared template lines
    (:func:`template_groups`) are combined: pages are grouped into sites (two groups
    whose evidence names different outlets are never joined; groups named alike are
    joined), each group is named by a weighted vote of its pages' evidence, and a known
    ``outlet`` of the input always wins for its own page.

    Parameters
    ----------
    articles : pandas.DataFrame
        At least ``article_id, text``; optional ``title``, ``url``, ``outlet`` (known
        outlets; ``"unknown"``/missing means not known) and ``outlet_source``
        (``"manifest"`` when absent).
    min_group_size : int, default 2
        Smaller groups are not sites: their pages stand alone.
    min_name_weight : float, default 1.5
        Evidence a group needs to be named (a title line weighs 3, a caption 1).
    title_lines : int, default 5
        How many first non-blank lines may hold the page title.
    min_line_chars, max_line_chars, edge_lines, window, max_line_pages : int or None
        Template-line grouping, see :func:`template_groups`.
    min_shared_lines, min_overlap : int, float
        Template-line grouping, see :func:`template_groups`.

    Returns
    -------
    pandas.DataFrame
        One row per article, in input order, columns :data:`SITE_COLUMNS`:

        - ``outlet``: the name (``None`` when nothing names the page or its group);
        - ``outlet_source``: one of :data:`OUTLET_SOURCES` (``"template"`` when the page
          is named by other pages of its group) or ``None``;
        - ``outlet_evidence``: the line the name came from (``None`` for known outlets);
        - ``outlet_confidence``: in [0, 1]; lower when the evidence disagrees or is thin;
          1.0 for known outlets, NaN for ``None``;
        - ``site_group``: the outlet name for named groups, ``site-NN (shares K template
          lines)`` for unnamed ones (numbered in input order), ``None`` for lone pages.

    Examples
    --------
    >>> import pandas as pd
    >>> chrome = ("Harbour Herald: news from the bay\\nSign up for the morning tide letter\\n"
    ...           "Send your pictures to our photo desk\\n")
    >>> texts = ["Storm hits coast - Harbour Herald\\n" + chrome + "Rain fell.",
    ...          chrome + "Ferries late.", "A lone page.", chrome + "Tide high."]
    >>> df = pd.DataFrame({"article_id": list("abcd"), "text": texts})
    >>> out = infer_sites(df)
    >>> out[["outlet", "outlet_source", "site_group"]].values.tolist()
    [['Harbour Herald', 'title', 'Harbour Herald'], ['Harbour Herald', 'template', 'Harbour Herald'],
     [None, None, None], ['Harbour Herald', 'template', 'Harbour Herald']]
    >>> out["outlet_evidence"].iloc[1]
    'Storm hits coast - Harbour Herald'
    """
    frame = _check(articles)
    pages = _scan(frame, title_lines)
    known, known_src = _known_outlets(frame)
    for page, name, src in zip(pages, known, known_src, strict=True):
        if name is not None:
            page.signals.append(
                (src if src in SIGNAL_WEIGHTS else "manifest", name, 1.0, -1, "outlet")
            )
    votes = _page_votes(pages)
    strong = [
        {k: v.weight for k, v in page.items() if v.weight >= min_name_weight} for page in votes
    ]
    params = _TemplateParams(
        min_line_chars,
        max_line_chars,
        edge_lines,
        window,
        max_line_pages,
        min_shared_lines,
        min_overlap,
    )
    groups, n_lines, rare_lines = _template_components(frame, params, strong)
    members = _final_groups(groups, votes, rare_lines, min_name_weight, min_group_size)
    return _site_frame(frame, members, votes, known, known_src, n_lines, min_name_weight)


@dataclass
class _Holder:
    """A group named by a copyright holder: its pages, rare lines and own domain."""

    members: list[int]
    lines: set[int]
    domain: str | None = None

    def joins(self, other: _Holder) -> bool:
        if not self.lines.isdisjoint(other.lines):
            return True
        if self.domain is None or other.domain is None:
            return True
        return _linked(self.domain, other.domain)


def _mentioned_domain(members: list[int], votes: list[dict[str, _Name]]) -> str | None:
    """Key of the domain the group's pages name most in their text (weight >= 1)."""
    mass: dict[str, float] = {}
    for i in members:
        for key, name in votes[i].items():
            if name.mention:
                mass[key] = mass.get(key, 0.0) + name.mention
    best = _leader(mass)
    return best if best is not None and mass[best] >= 1.0 else None


def _final_groups(
    groups: np.ndarray,
    votes: list[dict[str, _Name]],
    rare_lines: list[frozenset[int]],
    min_weight: float,
    min_size: int,
) -> list[list[int]]:
    """Template groups and lone pages, joined when their names agree; in input order.

    Groups that name themselves alike (title, dateline, URL) are one site. Groups named
    by a copyright holder (maybe a parent company of several sites) are joined when they
    share a rare line, or unless their pages name different domains in their text.
    """
    by_label: dict[int, list[int]] = {}
    for i, g in enumerate(groups.tolist()):
        by_label.setdefault(g if g >= 0 else -1 - i, []).append(i)
    by_key: dict[str, list[int]] = {}
    holders: dict[str, list[_Holder]] = {}
    out: list[list[int]] = []
    for members in by_label.values():
        if 1 < len(members) < min_size:
            out.extend([i] for i in members)
            continue
        verdict = _name_group(members, votes, min_weight)
        if verdict.lead is None:
            out.append(members)
        elif verdict.mergeable:
            if verdict.lead in by_key:
                by_key[verdict.lead].extend(members)
            else:
                by_key[verdict.lead] = members
                out.append(members)
        else:
            holder = _Holder(members, set().union(*(rare_lines[i] for i in members)))
            holder.domain = _mentioned_domain(members, votes)
            found = next(
                (
                    h
                    for key in sorted(verdict.keys)
                    for h in holders.get(key, [])
                    if h.joins(holder)
                ),
                None,
            )
            if found is not None:
                found.members.extend(members)
                found.lines.update(holder.lines)
                found.domain = found.domain or holder.domain
            else:
                for key in verdict.keys:
                    holders.setdefault(key, []).append(holder)
                out.append(members)
    for members in out:
        members.sort()
    return sorted(out, key=lambda m: m[0])


def _site_frame(
    frame: pd.DataFrame,
    groups: list[list[int]],
    votes: list[dict[str, _Name]],
    known: list[str | None],
    known_src: list[str],
    n_lines: np.ndarray,
    min_weight: float,
) -> pd.DataFrame:
    n = len(frame)
    outlet: list[str | None] = [None] * n
    source: list[str | None] = [None] * n
    evidence: list[str | None] = [None] * n
    confidence = np.full(n, np.nan)
    label: list[str | None] = [None] * n
    n_unnamed = 0
    used: dict[str, int] = {}
    for members in groups:
        verdict = _name_group(members, votes, min_weight)
        if verdict.outlet is None and len(members) >= 2:
            n_unnamed += 1
            shared = int(max(n_lines[i] for i in members))
            tag: str | None = f"site-{n_unnamed:02d} (shares {shared} template lines)"
        else:
            tag = verdict.outlet
            if tag is not None and tag in used:  # same name, no evidence that it is one site
                used[tag] += 1
                tag = f"{tag} ({used[tag]})"
            elif tag is not None:
                used[tag] = 1
        for i in members:
            label[i] = tag
            if verdict.outlet is None:
                continue
            own = [votes[i][k] for k in verdict.keys if k in votes[i]]
            outlet[i] = verdict.outlet
            confidence[i] = verdict.confidence * _page_agreement(votes[i], verdict.keys)
            if own:
                mine = max(own, key=lambda v: (v.best, -OUTLET_SOURCES.index(v.source)))
                source[i], evidence[i] = mine.source, mine.evidence
            else:
                source[i], evidence[i] = "template", verdict.evidence
    for i, name in enumerate(known):
        if name is not None:
            outlet[i], source[i], evidence[i], confidence[i] = name, known_src[i], None, 1.0
            if label[i] is None:
                label[i] = name
    out = pd.DataFrame(
        {
            "article_id": frame["article_id"].astype(str).to_numpy(),
            "outlet": pd.Series(outlet, dtype=object),
            "outlet_source": pd.Series(source, dtype=object),
            "outlet_evidence": pd.Series(evidence, dtype=object),
            "outlet_confidence": confidence,
            "site_group": pd.Series(label, dtype=object),
        }
    )
    return out[list(SITE_COLUMNS)]


def _page_agreement(page: dict[str, _Name], keys: Iterable[str]) -> float:
    """1.0 when the page's own evidence agrees with its group's name, lower when it differs."""
    total = sum(v.weight for v in page.values())
    if total == 0:
        return 1.0
    agree = sum(page[k].weight for k in keys if k in page)
    return 0.5 + 0.5 * agree / total
