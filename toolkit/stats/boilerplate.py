"""Boilerplate lines: site chrome, templates, teasers and comments around an article's body.

A scraped page holds its article (the *body*) among lines that are not part of it: menus,
"Subscribe"/"log in or register", photo credits, lists of other stories, comment threads,
copyright footers. :class:`BoilerplateDetector` labels every line of the lines table
(:func:`toolkit.text.split_lines`) as boilerplate or body, with a human-readable reason,
from three kinds of evidence:

1. **outlet template** (learned with :meth:`BoilerplateDetector.fit`): the line's matching
   key occurs in at least ``min_template_share`` of the same outlet's articles (and in at
   least ``min_template_articles`` of them);
2. **the line's own shape**: UI vocabulary ("subscribe", "log in", "share", "comments",
   "cookies", "read more", in English and Russian, see ``data/ui_*.txt``), photo credits and
   copyright lines (``©``), link lists ("Posts | Profile | E-mail"), comment headers and
   user-name/timestamp lines; and whether it reads like running text (length, sentence
   punctuation, share of function words from ``data/bp_stop_*.txt``);
3. **position**: the body is one contiguous, dense block of text lines. Each line gets a
   weight (its length when it reads like running text, a negative weight when it looks like
   chrome), and the block is the run of lines with the largest total weight (a maximum-sum
   segment, computed for all articles at once with cumulative sums). Lines before the block
   are a *head run*, lines after it a *tail run* (or a *teaser list* when they look like
   headlines of other stories); a comment header inside the block ends it (*comment block*).

Without :meth:`~BoilerplateDetector.fit` (or through :func:`classify_lines`) only shape and
position are used, so a single article can be labelled; with a corpus the template signal
is added. Every decision is in ``boilerplate_reason``, e.g. ``"template: in 87% of outlet
X's 23 articles"``, ``"UI vocabulary: 'subscribe'"``, ``"photo credit (©)"``.

Measured by ``benchmarks/bench_boilerplate.py`` on 846 labelled real pages (char-weighted
F1 of the lines kept as body): 0.93 with a corpus (fit on all pages), 0.92 page by page,
against 0.82 for jusText on the same lines; about 20 MB/s of text (CPU time) for fit +
transform. Comment threads are boilerplate here (``mark_comments=False`` keeps them);
bylines and datelines before the body too (``keep_bylines=True`` keeps them).
"""

from __future__ import annotations

import functools
from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit._progress import progress as progress_bar
from toolkit.schema import SchemaError
from toolkit.stats.repetition import first_seen
from toolkit.stats.scripts import candidates_of
from toolkit.text import line_keys, matching_key, split_lines

__all__ = [
    "BoilerplateDetector",
    "LineHashes",
    "TemplateCounts",
    "boilerplate_fingerprint",
    "classify_lines",
    "hash_counts",
    "line_counts",
    "merge_template_counts",
    "template_candidates",
]

_DATA = Path(__file__).with_name("data")

#: Columns :meth:`BoilerplateDetector.transform` adds to the lines table.
OUTPUT_COLUMNS: tuple[str, ...] = ("is_boilerplate", "boilerplate_reason", "boilerplate_score")
#: Columns of :attr:`BoilerplateDetector.template_lines_` and of
#: :func:`boilerplate_fingerprint`.
TEMPLATE_COLUMNS: tuple[str, ...] = ("outlet", "norm", "text", "n_articles", "share")

_SENTENCE_END = r"(?:[.!?…;]|\.\.\.)[\"'”’»)\]]*$|[\"”»]$"
_COPYRIGHT = (
    r"©|\(c\) ?(?:19|20)\d\d|^copyright\b|\bcopyright (?:©|\(c\)|(?:19|20)\d\d)"
    r"|all rights reserved|все права защищены"
    r"|^(?:photo|photograph|image|picture|credit|фото)s?(?: by)? ?[:/]"
    r"|\b(?:getty images|shutterstock|ap photo|afp photo|reuters/|фото:)"
)
_COMMENT_HEADER = (
    r"^\W*(?:\d+ )?(?:comments?|responses?|replies|reactions|discussion|комментари[йиея]\w*)"
    r"(?: ?\(\d+\))?\W*$"
    r"|\b(?:\d+|no|one|two|three) (?:users? )?(?:comments?|responses?|replies|thoughts|responded)\b"
    r"|^(?:leave|post|add|write|submit) (?:a |your |new )?(?:comment|reply|response)"
    r"|^(?:join|start) the (?:discussion|conversation)|^(?:reader )?comments? (?:on|to) "
    r"|^(?:what do you think|have your say|discuss this|speak your mind)"
    r"|^(?:you must be logged in to (?:post|comment)|comments are closed)"
    r"|^(?:написать|оставить|добавить) комментарий|^обсуждение|^\d+ комментари"
)
_COMMENT_LINE = (
    r"\b(?:says|said|wrote|writes|responded|replied|commented)\W{0,3}$"
    r"|\b(?:says|said|wrote|writes)[:,] "
    r"|^(?:reply|report abuse|report|flag|flag as inappropriate|permalink|like|ответить)\W*$"
    r"|^(?:reply to this|rate this)\b"
    r"|\b\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago\b"
    r"|\b\d{1,2}:\d\d ?(?:am|pm)\b|\bat \d{1,2}:\d\d\b|@ ?\d{1,2}:\d\d"
)
#: A line that starts with one of these is a link to another story ("READ MORE: ...").
_TEASER_PREFIX = (
    r"^(?:read more|read also|also read|see also|related|more|watch|listen|"
    r"читайте также|читайте еще|читайте ещё|смотрите также|по теме|читать также)\s*[:>»|-]"
)
_MONTHS = (
    r"(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.?"
    r"|января|февраля|марта|апреля|мая|июня|июля|августа|сентября|октября|ноября|декабря"
)
#: Bylines and datelines (only looked for in short lines near the head of the body).
_META = (
    r"^(?:by|from|от|автор|текст|reporting by|written by)\b|^(?:posted|published|updated)\b"
    r"|\b(?:published|updated|обновлено|опубликовано)\b|\b\d{1,2}:\d\d\b"
    rf"|\b(?:{_MONTHS}) \d{{1,2}}(?:st|nd|rd|th)?,? \d{{4}}\b"
    rf"|\b\d{{1,2}} (?:{_MONTHS}),? \d{{4}}\b"
    r"|^\d{4}-\d\d-\d\d\b|\b(?:correspondent|reporter|editor|корреспондент)\b"
)
#: UI lines after which a run of headline-like lines is a list of other stories.
_TEASER_HEADER = (
    r"^(?:related|see also|more (?:from|in|on|news|stories|articles|headlines)|read more|"
    r"you (?:may|might) (?:also )?(?:like|enjoy)|recommended|popular|most (?:read|popular|"
    r"viewed|emailed|commented)|latest|top stories|trending|also on|further reading|"
    r"читайте также|смотрите также|по теме|похожие|другие новости|популярное|"
    r"самое (?:читаемое|популярное)|ещё по теме|еще по теме)"
)
_SEPARATORS = r" [|·•»/] |^[|·•»] | [|·•»]$"


@functools.cache
def _word_list(name: str) -> tuple[str, ...]:
    """Return the entries of ``data/<name>.txt`` (comments and blanks dropped), casefolded."""
    path = _DATA / f"{name}.txt"
    words = []
    for raw in path.read_text(encoding="utf-8").splitlines():
        entry = raw.split("#", 1)[0].strip().casefold()
        if entry:
            words.append(" ".join(entry.split()))
    return tuple(dict.fromkeys(words))


def _ordered(terms: tuple[str, ...]) -> list[str]:
    """``terms`` in the order of their alternation: longest first, then alphabetical."""
    return sorted(set(terms), key=lambda t: (-len(t), t))


def _alternation(terms: tuple[str, ...]) -> str:
    """Return a RE2 alternation of ``terms``, longest first (so phrases win over words)."""
    escaped = [
        "".join("\\" + ch if not (ch.isalnum() or ch == " ") else ch for ch in term)
        for term in _ordered(terms)
    ]
    return "(?:" + "|".join(escaped) + ")"


def _lists(prefix: str, languages: tuple[str, ...]) -> tuple[str, ...]:
    """The entries of the ``<prefix>_<lang>`` word lists of ``languages``, in order."""
    return tuple(term for lang in languages for term in _word_list(f"{prefix}_{lang}"))


@functools.cache
def _ui_by_first(languages: tuple[str, ...]) -> dict[str, tuple[str, ...]]:
    """The UI terms of ``languages`` by first character, each list in alternation order."""
    by_first: dict[str, list[str]] = {}
    for term in _ordered(_lists("ui", languages)):
        by_first.setdefault(term[0], []).append(term)
    return {first: tuple(terms) for first, terms in by_first.items()}


def _ui_terms(
    lines: list[str], byte_starts: np.ndarray, languages: tuple[str, ...]
) -> list[str | None]:
    """The UI term that the UI pattern of :func:`_patterns` extracts from each line.

    ``byte_starts``: where its leftmost match starts (UTF-8 bytes, from
    ``find_substring_regex``, which compiles the pattern once; ``extract_regex``, with
    its capture group, costs three times as much per call and ran once per batch). At
    that start, the term is found as RE2's leftmost-first rule picks it: the ``^``
    branch before the boundary-character branch, then the terms in alternation order,
    the first one followed by the end or a boundary character. Which characters are
    word characters (``[\\p{L}\\p{N}_]``) is asked of RE2 itself. A line where this finds
    nothing (it should not happen) gets RE2's own extraction.
    """
    by_first = _ui_by_first(languages)
    chars = sorted(set("".join(lines)))
    is_word = pc.match_substring_regex(pa.array(chars, type=pa.string()), r"^[\p{L}\p{N}_]$")
    word = {c for c, w in zip(chars, is_word.to_pylist(), strict=True) if w}
    out: list[str | None] = []
    missing = []
    for i, (line, start) in enumerate(zip(lines, byte_starts.tolist(), strict=True)):
        p = len(line.encode("utf-8")[:start].decode("utf-8"))
        term = None
        branches = [0] if p == 0 else []
        if p < len(line) and line[p] not in word:
            branches.append(p + 1)
        for q in branches:
            for candidate in by_first.get(line[q], ()) if q < len(line) else ():
                end = q + len(candidate)
                if line.startswith(candidate, q) and (end == len(line) or line[end] not in word):
                    term = candidate
                    break
            if term is not None:
                break
        if term is None:
            missing.append(i)
        out.append(term)
    if missing:
        ui_pat, _ = _patterns(languages)
        found = pc.extract_regex(pa.array([lines[i] for i in missing], type=pa.string()), ui_pat)
        for i, got in zip(missing, pc.struct_field(found, [0]).to_pylist(), strict=True):
            out[i] = got
    return out


#: Characters a counted stopword may carry before it and after it (see :func:`_patterns`).
_STOP_LEAD = "\"'(«"
_STOP_TRAIL = ".,;:!?\"')»"


@functools.cache
def _patterns(languages: tuple[str, ...]) -> tuple[str, str]:
    """Return the (UI-term extraction, stopword counting) RE2 patterns for ``languages``."""
    ui, stop = _lists("ui", languages), _lists("bp_stop", languages)
    ui_pat = rf"(?:^|[^\p{{L}}\p{{N}}_])(?P<term>{_alternation(ui)})(?:$|[^\p{{L}}\p{{N}}_])"
    # stopwords are counted on a copy of the line with doubled spaces, so that one space
    # on each side of a word belongs to that word alone (RE2 has no lookaround)
    stop_pat = rf"(?:^| )[{_STOP_LEAD}]*{_alternation(stop)}[{_STOP_TRAIL}]*(?: |$)"
    return ui_pat, stop_pat


def _as_lines(data: Any) -> pd.DataFrame:
    """Return a lines table from a lines table, an articles frame or a Corpus."""
    frame = getattr(data, "articles", data)
    if not isinstance(frame, pd.DataFrame):
        raise SchemaError(
            f"expected a lines table, an articles table or a Corpus, got {type(data).__name__}"
        )
    if "line_no" in frame.columns and "norm" in frame.columns:
        missing = [
            c for c in ("article_id", "outlet", "line_no", "text", "norm") if c not in frame.columns
        ]
        if missing:
            raise SchemaError(f"lines table lacks column(s) {', '.join(missing)}")
        return frame
    return split_lines(data)


def _str_array(values: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Return the strings of a Series as a pyarrow array (zero-copy when Arrow-backed)."""
    try:
        arr = pa.array(values)
        if pa.types.is_string(arr.type) or pa.types.is_large_string(arr.type):
            return pc.fill_null(arr, "") if arr.null_count else arr
    except (pa.ArrowInvalid, pa.ArrowTypeError):
        pass
    return pa.array(values.fillna("").astype(str).to_numpy(dtype=object), type=pa.string())


def _keys(outlet: pd.Series, norm: pd.Series) -> pa.Array | pa.ChunkedArray:
    """Return one ``outlet\x00norm`` string per line: the key of the template table."""
    left = pc.cast(_str_array(outlet.astype(str)), pa.large_string())
    right = pc.cast(_str_array(norm.astype(str)), pa.large_string())
    return pc.binary_join_element_wise(left, right, pa.scalar("\x00", pa.large_string()))


def _codes(values: pa.Array | pa.ChunkedArray) -> np.ndarray:
    """Return integer codes (order of first appearance) of an Arrow array, like factorize."""
    encoded = pc.dictionary_encode(values)
    if isinstance(encoded, pa.ChunkedArray):
        encoded = encoded.combine_chunks() if encoded.num_chunks != 1 else encoded.chunk(0)
    return np.asarray(encoded.indices.to_numpy(zero_copy_only=False), dtype=np.int64)


def _shape_features(
    text: pd.Series, norm: pd.Series, languages: tuple[str, ...], max_ui_words: int
) -> dict[str, np.ndarray]:
    """Compute the per-line shape features used by the detector (vectorised, RE2).

    ``ui_term`` (the UI vocabulary term a line holds, else None) is looked for in lines
    of at most ``max_ui_words`` words only, the only ones the detector reads it for.
    """
    ui_pat, stop_pat = _patterns(languages)
    t_arr = pc.utf8_trim_whitespace(_str_array(text))
    n_arr = _str_array(norm)
    n_chars = pc.utf8_length(t_arr).to_numpy(zero_copy_only=False).astype(np.int64)
    n_words = np.where(
        n_chars > 0, pc.count_substring(n_arr, " ").to_numpy(zero_copy_only=False) + 1, 0
    ).astype(np.int64)
    n_stop = np.zeros(len(n_chars), dtype=np.int64)
    wordy = np.flatnonzero(n_words >= 3)  # function-word shares matter for longer lines only
    if len(wordy):
        spaced = pc.replace_substring(n_arr.take(pa.array(wordy)), " ", "  ")
        counted = pc.count_substring_regex(spaced, stop_pat)
        n_stop[wordy] = counted.to_numpy(zero_copy_only=False)
    sentence_end = pc.match_substring_regex(t_arr, _SENTENCE_END).to_numpy(zero_copy_only=False)
    n = len(n_chars)
    short = n_words <= max(max_ui_words, 16)
    # the patterns that few lines match: one pass of their alternation, then each alone
    # over the lines it matched (see toolkit.stats.scripts.candidates_of)
    rare = (_COMMENT_HEADER, _COMMENT_LINE, _TEASER_HEADER, _META, _COPYRIGHT, _TEASER_PREFIX)
    masks = []
    for at in candidates_of(n_arr, (*rare, _SEPARATORS)):
        mask = np.zeros(n, dtype=bool)
        mask[at] = True
        masks.append(mask)
    comment_header, comment_line, teaser_header, meta, copyright_, teaser_prefix, has_sep = masks
    comment_header &= short
    comment_line &= short
    teaser_header &= short & (n_words <= 6)
    meta &= short
    copyright_ &= n_chars <= 300
    n_sep = np.zeros(n, dtype=np.int64)
    if has_sep.any():
        at = np.flatnonzero(has_sep)
        n_sep[at] = pc.count_substring_regex(n_arr.take(pa.array(at)), _SEPARATORS).to_numpy(
            zero_copy_only=False
        )
    # the UI vocabulary signal reads lines of at most max_ui_words words only
    idx = np.flatnonzero(n_words <= max_ui_words)
    ui_term = np.full(n, None, dtype=object)
    if len(idx):
        sub = n_arr.take(pa.array(idx))
        at = pc.find_substring_regex(sub, ui_pat).to_numpy(zero_copy_only=False)
        hit = np.flatnonzero(at >= 0)
        if len(hit):
            lines = sub.take(pa.array(hit)).to_pylist()
            ui_term[idx[hit]] = np.asarray(_ui_terms(lines, at[hit], languages), dtype=object)
    return {
        "n_chars": n_chars,
        "n_words": n_words,
        "n_stop": n_stop.astype(np.int64),
        "sentence_end": sentence_end.astype(bool),
        "n_sep": n_sep.astype(np.int64),
        "ui_term": ui_term,
        "copyright": copyright_,
        "comment_header": comment_header,
        "comment_line": comment_line,
        "teaser_header": teaser_header,
        "teaser_prefix": teaser_prefix,
        "meta": meta,
    }


def _group_starts(codes: np.ndarray) -> np.ndarray:
    """Return the first position of each run of equal ``codes`` (codes sorted by group)."""
    if len(codes) == 0:
        return np.zeros(0, dtype=np.int64)
    return np.flatnonzero(np.r_[True, codes[1:] != codes[:-1]])


def _best_segments(weights: np.ndarray, codes: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """Return, per line, the (start, end) positions of its group's maximum-sum segment.

    ``weights`` are int64 and ``codes`` group ids sorted so that each group is contiguous.
    Groups whose best sum is not positive get start = end = -1. Computed for all groups at
    once: within-group cumulative sums, a running minimum of the prefix sums (offset per
    group so that one ``minimum.accumulate`` restarts at every group) and a group-wise argmax.
    """
    n = len(weights)
    if n == 0:
        return np.zeros(0, dtype=np.int64), np.zeros(0, dtype=np.int64)
    starts = _group_starts(codes)
    sizes = np.diff(np.r_[starts, n])
    group = np.repeat(np.arange(len(starts)), sizes)
    total = np.cumsum(weights)
    before = np.repeat(total[starts] - weights[starts], sizes)
    inclusive = total - before  # within-group cumulative sum up to and including i
    prefix = inclusive - weights  # within-group sum before i
    span = int(np.abs(prefix).max()) * 2 + 1
    offset = span * (len(starts) - group)  # earlier groups sit higher
    running_min = np.minimum.accumulate(prefix + offset) - offset
    best_here = inclusive - running_min
    # group-wise argmax (first position of the maximum)
    order = np.lexsort((np.arange(n), -best_here, group))
    end = order[starts]
    best = best_here[end]
    target = running_min[end]
    pos = np.arange(n)
    candidate = (prefix == np.repeat(target, sizes)) & (pos <= np.repeat(end, sizes))
    start = np.maximum.reduceat(np.where(candidate, pos, -1), starts)
    valid = best > 0
    start = np.where(valid, start, -1)
    end = np.where(valid, end, -1)
    return np.repeat(start, sizes), np.repeat(end, sizes)


def _template_table(
    outlet: np.ndarray, norm: np.ndarray, text: np.ndarray, n_with: np.ndarray, share: np.ndarray
) -> pd.DataFrame:
    """The :attr:`BoilerplateDetector.template_lines_` table of the chosen line keys."""
    table = pd.DataFrame(
        {
            "outlet": pd.Series(outlet, dtype=object),
            "norm": pd.Series(norm, dtype=object),
            "text": pd.Series(text, dtype=object),
            "n_articles": np.asarray(n_with).astype("int64"),
            "share": np.asarray(share).astype("float64"),
        }
    )
    table = table.sort_values(
        ["outlet", "n_articles", "norm"], ascending=[True, False, True], kind="stable"
    )
    return table.reset_index(drop=True)


class BoilerplateDetector:
    """Label the lines of scraped articles as boilerplate or body, with a reason.

    Parameters
    ----------
    min_template_share : float, default 0.3
        A line is an outlet template when its matching key (``norm``) occurs in at least
        this share of the outlet's articles...
    min_template_articles : int, default 3
        ... and in at least this many of them.
    min_text_words : int, default 6
        A line with sentence punctuation reads like running text from this many words on.
    min_stopword_density : float, default 0.15
        ... and when at least this share of its words are function words
        (``data/bp_stop_*.txt``). On a page where the function words of ``languages``
        make up under 2% of the words (another language), this test is skipped.
    min_long_chars : int, default 150
        A line of at least this many characters reads like running text even without
        final punctuation, if its function-word share is at least ``min_stopword_density``.
    max_ui_words : int, default 5
        A line of at most this many words that contains a UI term (``data/ui_*.txt``) is
        boilerplate ("UI vocabulary").
    max_short_chars : int, default 50
        Lines up to this length without sentence punctuation are "short lines"; they weigh
        against the body block and are boilerplate outside it.
    chrome_penalty : int, default 20
        Extra negative weight of every chrome line (UI, template, credit, short line), so
        that menus of many tiny lines break a body block.
    title_lines : int, default 2
        How many headline-like lines just before the body block are kept as body (headline,
        standfirst), looking past bylines and datelines, when they are not chrome.
    keep_bylines : bool, default False
        Keep bylines and datelines ("By Jane Marsh", "Published 4 March 2024") between
        the headline and the body as body; by default they are boilerplate.
    mark_comments : bool, default True
        Mark reader comments as boilerplate: everything from the first comment header
        ("12 comments", "Leave a reply") or run of user-name/timestamp lines ("Anna says:",
        "May 3, 2012 at 8:40 pm", "Reply") that follows running text. False keeps them.
    min_comment_body : int, default 200
        Characters of running text that must precede a comment block.
    comment_window : int, default 12
        A comment block starts where at least 3 user/timestamp lines (2 after a comment
        header) fall within this many lines.
    languages : tuple of str, default ("en", "ru")
        Languages of the UI and function-word lists (``data/ui_<lang>.txt``,
        ``data/bp_stop_<lang>.txt``).

    Attributes
    ----------
    template_lines_ : pandas.DataFrame
        Set by :meth:`fit`: the outlet template lines, columns ``outlet, norm, text``
        (an example of the line), ``n_articles`` (how many of the outlet's articles contain
        it), ``share`` (``n_articles`` / the outlet's number of articles), most frequent first.
    n_articles_ : pandas.Series
        Set by :meth:`fit`: number of articles per outlet (index ``outlet``).

    Examples
    --------
    >>> import pandas as pd
    >>> body = ("The council said on {} that the new bridge over the river will open "
    ...         "to traffic in the spring, after two years of work.")
    >>> days = ["Monday", "Tuesday", "Friday"]
    >>> arts = pd.DataFrame({
    ...     "article_id": ["a1", "a2", "a3"], "outlet": ["Daily"] * 3,
    ...     "text": [f"Home\\nNews\\nStory {i}\\n{body.format(d)}\\nDaily Mail-out weekly digest"
    ...              for i, d in enumerate(days)]})
    >>> out = BoilerplateDetector().fit_transform(arts)
    >>> out.loc[out.article_id == "a1", ["text", "is_boilerplate"]].values.tolist()
    ... # doctest: +NORMALIZE_WHITESPACE
    [['Home', True], ['News', True], ['Story 0', False], [..., False],
     ['Daily Mail-out weekly digest', True]]
    >>> out.loc[4, "boilerplate_reason"]
    "template: in 100% of outlet Daily's 3 articles"
    """

    def __init__(
        self,
        *,
        min_template_share: float = 0.3,
        min_template_articles: int = 3,
        min_text_words: int = 6,
        min_stopword_density: float = 0.15,
        min_long_chars: int = 150,
        max_ui_words: int = 5,
        max_short_chars: int = 50,
        chrome_penalty: int = 20,
        title_lines: int = 2,
        keep_bylines: bool = False,
        mark_comments: bool = True,
        min_comment_body: int = 200,
        comment_window: int = 12,
        languages: tuple[str, ...] = ("en", "ru"),
    ) -> None:
        self.min_template_share = min_template_share
        self.min_template_articles = min_template_articles
        self.min_text_words = min_text_words
        self.min_stopword_density = min_stopword_density
        self.min_long_chars = min_long_chars
        self.max_ui_words = max_ui_words
        self.max_short_chars = max_short_chars
        self.chrome_penalty = chrome_penalty
        self.title_lines = title_lines
        self.keep_bylines = keep_bylines
        self.mark_comments = mark_comments
        self.min_comment_body = min_comment_body
        self.comment_window = comment_window
        self.languages = languages

    # -- learning ---------------------------------------------------------------------------
    def fit(self, lines_or_articles: Any) -> BoilerplateDetector:
        """Learn each outlet's template lines from a corpus.

        Parameters
        ----------
        lines_or_articles : pandas.DataFrame or Corpus
            A lines table (:func:`toolkit.text.split_lines`), an articles table or a Corpus.

        Returns
        -------
        BoilerplateDetector
            ``self``, with :attr:`template_lines_` and :attr:`n_articles_` set.

        Examples
        --------
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X"] * 3,
        ...                      "text": ["Menu\\nA story.", "Menu\\nB story.", "C story."]})
        >>> det = BoilerplateDetector(min_template_articles=2).fit(arts)
        >>> det.template_lines_.values.tolist()
        [['X', 'menu', 'Menu', 2, 0.6666666666666666]]
        >>> det.n_articles_.to_dict()
        {'X': 3}
        """
        return self.fit_batches([_as_lines(lines_or_articles)])

    def fit_batches(
        self, batches: Sequence[Any] | Callable[[], Iterable[Any]], *, progress: bool = False
    ) -> BoilerplateDetector:
        """:meth:`fit` on a corpus given in batches of articles, one batch at a time.

        One batch (the whole corpus) is counted at once. More are counted in two
        passes, so that the corpus's line keys are never all held: (1)
        :func:`hash_counts` of each batch, summed (24 bytes per outlet and key); the
        hashes passing the thresholds are the candidates; (2) :func:`line_counts` of
        each batch reads back the lines with a candidate hash at the positions pass 1
        kept (16 bytes per line) and counts them under their real keys: a hash
        collision only adds lines to count, no number depends on a hash. When the
        batches are a sequence, outlets with fewer than ``min_template_articles``
        articles are not split into lines at all.

        Parameters
        ----------
        batches : sequence of DataFrame, or a callable returning an iterable of them
            Disjoint batches of whole articles (``article_id, outlet, text``) in corpus
            order (one batch may be a lines table or a Corpus); a callable is called
            once per pass.
        progress : bool, default False
            Draw a progress bar over the batches of the first pass.

        Returns
        -------
        BoilerplateDetector
            ``self``, equal to :meth:`fit` on the whole corpus.

        Examples
        --------
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X"] * 3,
        ...                      "text": ["Menu\\nA story.", "MENU\\nB story.", "C story."]})
        >>> det = BoilerplateDetector(min_template_articles=2)
        >>> det.fit_batches([arts.iloc[:1], arts.iloc[1:]]).template_lines_.values.tolist()
        [['X', 'menu', 'Menu', 2, 0.6666666666666666]]
        """
        least = max(int(self.min_template_articles), 1)
        first = batches() if callable(batches) else batches
        if isinstance(first, Sequence) and len(first) <= 1:  # all at once: exact in one pass
            counts = _exact_counts(first[0], least) if len(first) else merge_template_counts([])
            return self._learn(counts.lines, counts.n_articles)
        total = len(first) if isinstance(first, Sequence) else None  # its outlets: known
        n_arts = sum(map(len, first)) if total is not None else None
        desc = "counting lines" if n_arts is None else f"counting the lines of {n_arts:,} articles"
        skip: list[str] = []
        if total is not None and least > 1:  # outlets with too few articles for a template
            sizes = pd.concat([b["outlet"].astype(str) for b in first]).value_counts()
            skip = sizes.index[sizes < least].tolist()
        stored: list[LineHashes] = []
        pending: list[TemplateCounts] = []
        merged = TemplateCounts(_outlet_totals(np.zeros(0), np.zeros(0)), _empty_lines("h"))
        for batch in progress_bar(first, show=progress, total=total, desc=desc, unit="batch"):
            counts, hashes = hash_counts(batch, skip=skip, stable=False)  # one process
            stored.append(hashes)
            pending.append(counts)
            # merged once the pending rows reach the merged ones: few merges per row
            if sum(len(p.lines) for p in pending) >= max(len(merged.lines), _MERGE_ROWS):
                merged, pending = merge_template_counts([merged, *pending]), []
        merged = merge_template_counts([merged, *pending])
        candidates = template_candidates(
            merged, min_template_share=self.min_template_share, min_template_articles=least
        )
        exact = _empty_lines()
        if len(candidates):
            second = batches() if callable(batches) else batches
            parts = [line_counts(b, candidates, h) for b, h in zip(second, stored, strict=True)]
            exact = merge_template_counts(parts).lines
        return self._learn(exact, merged.n_articles)

    @classmethod
    def from_counts(
        cls, line_counts: pd.DataFrame, n_articles: pd.Series, **params: Any
    ) -> BoilerplateDetector:
        """Build a fitted detector from line counts made elsewhere (e.g. by Dask).

        :meth:`fit` counts, for every outlet and matching key, the articles that contain
        the line, and the articles of each outlet. When those counts come from a
        distributed aggregation (:mod:`toolkit.scale`), this applies the same template
        thresholds to them, so the detector equals the one :meth:`fit` learns on the
        whole corpus.

        Parameters
        ----------
        line_counts : pandas.DataFrame
            One row per (outlet, key): ``outlet, norm, text`` (the line's first
            occurrence in corpus order) and ``n_articles`` (articles of the outlet with
            the line). Keys that cannot be templates may be left out; ``norm`` is never
            empty.
        n_articles : pandas.Series
            Articles (with at least one non-blank line) per outlet, indexed by outlet.
        **params
            Parameters of :class:`BoilerplateDetector`.

        Returns
        -------
        BoilerplateDetector
            Fitted: :attr:`template_lines_` and :attr:`n_articles_` set.

        Examples
        --------
        >>> import pandas as pd
        >>> counts = pd.DataFrame({"outlet": ["X", "X"], "norm": ["menu", "a story."],
        ...                        "text": ["Menu", "A story."], "n_articles": [2, 1]})
        >>> det = BoilerplateDetector.from_counts(counts, pd.Series({"X": 3}),
        ...                                       min_template_articles=2)
        >>> det.template_lines_.values.tolist()
        [['X', 'menu', 'Menu', 2, 0.6666666666666666]]
        """
        return cls(**params)._learn(line_counts, n_articles)

    def _learn(self, line_counts: pd.DataFrame, n_articles: pd.Series) -> BoilerplateDetector:
        """Set :attr:`template_lines_` and :attr:`n_articles_` from line counts."""
        per_outlet = n_articles.astype("int64").sort_index()
        self.n_articles_ = pd.Series(
            per_outlet.to_numpy(),
            index=pd.Index(per_outlet.index.astype(str).tolist(), name="outlet", dtype=object),
            name="n_articles",
        )
        outlets = line_counts["outlet"].astype(str).to_numpy(dtype=object)
        n_with = line_counts["n_articles"].to_numpy(dtype=np.int64)
        n_outlet = self.n_articles_.reindex(outlets).fillna(0).to_numpy(dtype=np.int64)
        thresholds = (self.min_template_share, self.min_template_articles)
        share, chosen = _template_choice(n_with, n_outlet, *thresholds)
        self.template_lines_ = _template_table(
            outlets[chosen],
            line_counts["norm"].to_numpy(dtype=object)[chosen],
            line_counts["text"].to_numpy(dtype=object)[chosen],
            n_with[chosen],
            share[chosen],
        )
        return self

    def _is_fitted(self) -> bool:
        return hasattr(self, "template_lines_")

    # -- labelling --------------------------------------------------------------------------
    def transform(self, lines: Any) -> pd.DataFrame:
        """Label every line; without :meth:`fit`, from shape and position only.

        Parameters
        ----------
        lines : pandas.DataFrame or Corpus
            A lines table, an articles table or a Corpus (split with
            :func:`toolkit.text.split_lines`). Not mutated.

        Returns
        -------
        pandas.DataFrame
            A new frame: the lines (same rows, order and index) plus

            - ``is_boilerplate`` (bool);
            - ``boilerplate_reason`` (str, or None for body lines): why, e.g.
              ``"template: in 87% of outlet X's 23 articles"``, ``"UI vocabulary:
              'subscribe'"``, ``"photo credit (©)"``, ``"comment block"``,
              ``"teaser list"``, ``"head run before the body block"``,
              ``"tail run after the body block"``, ``"link list"``,
              ``"short line without sentence punctuation"``;
            - ``boilerplate_score`` (float in [0, 1]): how strongly the line looks like
              boilerplate; ``is_boilerplate`` is ``boilerplate_score >= 0.5``.

        Examples
        --------
        >>> import pandas as pd
        >>> text = ("Log in or register\\nSubscribe\\n"
        ...         "The mayor said on Tuesday that the bridge would reopen in May.\\n"
        ...         "Repairs cost more than the city had planned, and the work took a year.\\n"
        ...         "© Photo: City Hall press office\\nRead more")
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": [text]})
        >>> out = BoilerplateDetector().transform(arts)
        >>> out[["is_boilerplate", "boilerplate_reason"]].values.tolist()
        ... # doctest: +NORMALIZE_WHITESPACE
        [[True, "UI vocabulary: 'log in'"], [True, "UI vocabulary: 'subscribe'"],
         [False, None], [False, None], [True, 'photo credit (©)'],
         [True, "UI vocabulary: 'read more'"]]
        """
        frame = _as_lines(lines)
        out = frame.copy()
        n = len(out)
        if n == 0:
            out["is_boilerplate"] = pd.Series(dtype=bool)
            out["boilerplate_reason"] = pd.Series(dtype=object)
            out["boilerplate_score"] = pd.Series(dtype="float64")
            return out
        codes, _ = pd.factorize(out["article_id"].astype(str), sort=False)
        line_no = pd.to_numeric(out["line_no"], errors="coerce").fillna(0).to_numpy(np.int64)
        order = np.lexsort((np.arange(n), line_no, codes))
        srt = out[["outlet", "text", "norm"]]  # what the decision reads
        if not (order == np.arange(n)).all():  # lines of a split come in this order
            srt = srt.iloc[order]
        codes_s = codes[order]
        template = self._template(srt)
        # only the lines the template signal leaves are judged by their shape
        rest = np.flatnonzero(~(template[0] > 0))
        judged = srt if len(rest) == n else srt.iloc[rest]
        f = _shape_features(
            judged["text"], judged["norm"], tuple(self.languages), self.max_ui_words
        )
        reason, score = self._decide(srt, codes_s, f, template)
        is_bp = score >= 0.5
        inv = np.empty(n, dtype=np.int64)
        inv[order] = np.arange(n)
        out["is_boilerplate"] = is_bp[inv]
        out["boilerplate_reason"] = pd.Series(reason[inv], index=out.index, dtype=object)
        out["boilerplate_score"] = score[inv]
        return out

    def fit_transform(self, lines: Any) -> pd.DataFrame:
        """:meth:`fit` on ``lines``, then :meth:`transform` them.

        Parameters
        ----------
        lines : pandas.DataFrame or Corpus
            A lines table, an articles table or a Corpus.

        Returns
        -------
        pandas.DataFrame
            As :meth:`transform`.

        Examples
        --------
        >>> import pandas as pd
        >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Subscribe"]})
        >>> BoilerplateDetector().fit_transform(arts)["is_boilerplate"].tolist()
        [True]
        """
        frame = _as_lines(lines)
        return self.fit(frame).transform(frame)

    # -- the decision -----------------------------------------------------------------------
    def _template(self, srt: pd.DataFrame) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
        """Return (share, row in ``template_lines_`` or -1, n_outlet_articles) of each
        line's template entry."""
        n = len(srt)
        share = np.zeros(n)
        pos = np.full(n, -1, dtype=np.int64)
        n_out = np.zeros(n, dtype=np.int64)
        if not self._is_fitted() or self.template_lines_.empty:
            return share, pos, n_out
        tl = self.template_lines_
        found = pc.index_in(
            _keys(srt["outlet"], srt["norm"]), value_set=_keys(tl["outlet"], tl["norm"])
        )
        pos = np.asarray(pc.fill_null(found, -1).to_numpy(zero_copy_only=False), dtype=np.int64)
        hit = pos >= 0
        share[hit] = tl["share"].to_numpy()[pos[hit]]
        known = self.n_articles_.reindex(tl["outlet"].astype(str)).to_numpy()
        n_out[hit] = known[pos[hit]]
        return share, pos, n_out

    def _decide(
        self,
        srt: pd.DataFrame,
        codes: np.ndarray,
        f: dict[str, np.ndarray],
        template: tuple[np.ndarray, np.ndarray, np.ndarray],
    ) -> tuple[np.ndarray, np.ndarray]:
        """Return (reason, score) for lines sorted by article and line number.

        ``template`` is :meth:`_template` of the lines, ``f`` the shape features of the
        lines that are not template lines (in order). Template lines are decided first
        and are transparent to every context signal (body block, runs, windows): the
        other lines are judged as if they were absent, so adding an outlet-wide line
        never changes the label of another line.
        """
        n = len(srt)
        t_share, t_pos, t_out = template
        is_template = t_share > 0
        reason = np.full(n, None, dtype=object)
        score = np.zeros(n)
        keep = np.flatnonzero(~is_template)
        if len(keep):
            reason[keep], score[keep] = self._context(codes[keep], f)
        if is_template.any():
            idx = np.flatnonzero(is_template)
            # one reason per template entry (outlet and share), however many lines hit it
            entries, first = np.unique(t_pos[idx], return_index=True)
            outlets = srt["outlet"].astype(str).to_numpy()[idx[first]]
            texts = np.array(
                [
                    f"template: in {s:.0%} of outlet {o}'s {k} articles"
                    for s, o, k in zip(t_share[idx[first]], outlets, t_out[idx[first]], strict=True)
                ],
                dtype=object,
            )
            reason[idx] = texts[np.searchsorted(entries, t_pos[idx])]
            score[idx] = 0.5 + 0.5 * t_share[idx]
        return reason, score

    def _context(
        self, codes: np.ndarray, f: dict[str, np.ndarray]
    ) -> tuple[np.ndarray, np.ndarray]:
        """Shape and position decision for (non-template) lines sorted by article."""
        n = len(codes)
        pos = np.arange(n)
        starts = _group_starts(codes)
        sizes = np.diff(np.r_[starts, n])
        first = np.repeat(starts, sizes)
        last = np.repeat(starts + sizes - 1, sizes)
        n_chars = f["n_chars"]
        n_words = f["n_words"]
        density = np.divide(f["n_stop"], n_words, out=np.zeros(n), where=n_words > 0)
        dense = density >= self.min_stopword_density
        # a page in a language without a function-word list: judge by length and punctuation
        wordy = n_words >= self.min_text_words
        page_stop = np.add.reduceat(np.where(wordy, f["n_stop"], 0), starts)
        page_words = np.add.reduceat(np.where(wordy, n_words, 0), starts)
        dense |= np.repeat(page_stop < 0.02 * page_words, sizes)
        text_like = (
            (f["sentence_end"] & (n_words >= self.min_text_words) & dense)
            | ((n_chars >= self.min_long_chars) & dense)
            | (f["sentence_end"] & (n_words >= 2 * self.min_text_words + 3))
        )
        ui = np.array([t is not None for t in f["ui_term"]], dtype=bool) & (
            n_words <= self.max_ui_words
        )
        link_list = (f["n_sep"] >= 2) & ~text_like
        short = (n_chars <= self.max_short_chars) & ~f["sentence_end"]
        credit = f["copyright"]
        header = f["comment_header"]
        marker = f["comment_line"] & ~text_like & (f["n_sep"] < 2)

        # teaser lists: runs of headline-like lines right after "Related", "Read more", ...
        headline_like = (n_words >= 2) & (n_words <= 20) & ~text_like & ~f["teaser_header"]
        breaks = ~headline_like | (pos == first)
        last_break = np.maximum.accumulate(np.where(breaks, pos, 0))
        opener = headline_like & ~headline_like[last_break] & f["teaser_header"][last_break]
        teaser_in = opener | f["teaser_header"] | f["teaser_prefix"]

        # comment zone: from the first comment header (or run of user/time lines) that
        # follows some running text, to the end of the page
        zone = np.zeros(n, dtype=bool)
        if self.mark_comments:
            text_chars = np.where(text_like, n_chars, 0).astype(np.int64)
            csum = np.cumsum(text_chars)
            text_before = csum - text_chars - (csum[first] - text_chars[first])
            mcs = np.cumsum(marker.astype(np.int64))
            ahead = mcs[np.minimum(pos + int(self.comment_window), last)] - mcs
            seed = (text_before >= self.min_comment_body) & (header | (marker & (ahead >= 2)))
            if seed.any():
                zone = np.maximum.accumulate(np.where(seed, pos, -1)) >= first
        chrome = ui | credit | link_list | header | teaser_in

        # weights for the body block: text lines count with their length, chrome against
        pen = int(self.chrome_penalty)
        weights = np.where(text_like & ~chrome & ~zone, n_chars, 0).astype(np.int64)
        weights -= np.where(chrome | short | marker | zone, n_chars + pen, 0).astype(np.int64)
        weights -= np.where(~text_like & ~chrome & ~short & ~marker, pen // 2, 0).astype(np.int64)
        start, end = _best_segments(weights, codes)
        has_block = start >= 0
        in_block = has_block & (pos >= start) & (pos <= end)
        # headline-like lines just before the block (title, standfirst): up to title_lines
        # of them, looking past bylines and datelines
        meta = f["meta"] & ~text_like & (n_words <= 12)
        candidate = ~chrome & ~zone & ~meta & ~marker
        ccount = np.cumsum(candidate.astype(np.int64))
        before_block = ccount[np.clip(start - 1, 0, max(n - 1, 0))]
        between = before_block - ccount  # candidates after the line, before the block
        near = has_block & (pos < start) & (pos >= start - int(self.title_lines) - 3)
        title = near & candidate & (between < int(self.title_lines))
        if self.keep_bylines:
            title |= near & meta & (between < int(self.title_lines))
        head = has_block & (pos < start) & ~title
        # a caption: a short line next to a photo credit
        nxt = np.r_[credit[1:], False] & (pos < last)
        prv = np.r_[False, credit[:-1]] & (pos > first)
        caption = (nxt | prv) & ~f["sentence_end"] & ~credit & (n_words <= 20)
        tail = has_block & (pos > end)

        reason = np.full(n, None, dtype=object)
        score = np.where(text_like, 0.1, 0.3)

        def put(mask: np.ndarray, text: Any, value: float) -> None:
            free = mask & pd.isna(reason)
            reason[free] = text[free] if isinstance(text, np.ndarray) else text
            score[free] = value

        put(credit, "photo credit (©)", 0.95)
        put(zone & ~in_block, "comment block", 0.8)
        if ui.any():
            idx = np.flatnonzero(ui)
            texts = np.full(n, None, dtype=object)
            texts[idx] = [f"UI vocabulary: '{t}'" for t in f["ui_term"][idx]]
            put(ui, texts, 0.85)
        put(header, "comment block", 0.8)
        put(caption & ~title, "photo caption (next to a credit)", 0.7)
        put(link_list, "link list", 0.8)
        put(teaser_in | (tail & headline_like), "teaser list", 0.75)
        put(head & meta, "byline/dateline before the body block", 0.7)
        put(head, "head run before the body block", 0.7)
        put(tail, "tail run after the body block", 0.7)
        put(~has_block & short, "short line without sentence punctuation", 0.6)
        return reason, score


# --------------------------------------------------------------------------- line counts
# The outlet-template signal reads, for every outlet and line key, how many of the
# outlet's articles hold the line. One implementation counts them, whatever holds the
# corpus: the whole lines table (BoilerplateDetector.fit), pandas batches of articles
# (fit_batches, for toolkit.stats.summary) or Dask partitions (toolkit.scale).

#: Rows of first-pass counts that :meth:`BoilerplateDetector.fit_batches` lets wait
#: before it merges them.
_MERGE_ROWS = 1_000_000


@dataclass(frozen=True)
class TemplateCounts:
    """Line counts of a set of articles, which add up (:func:`merge_template_counts`).

    Attributes
    ----------
    n_articles : pandas.Series
        Articles with a non-blank line, per outlet (int64, indexed by outlet).
    lines : pandas.DataFrame
        Per (outlet, line key), in order of first appearance: ``outlet``, the key and
        ``n_articles`` (the outlet's articles holding it). Exact counts
        (:func:`line_counts`) key by ``norm``, with ``text`` (the key's first line);
        first-pass counts (:func:`hash_counts`) by ``h``, a 64-bit hash of ``norm``.
    complete : bool, default True
        False once :func:`merge_template_counts` pruned keys (the counts of those
        kept then no longer add up to totals).
    """

    n_articles: pd.Series
    lines: pd.DataFrame
    complete: bool = True


@dataclass(frozen=True)
class LineHashes:
    """Where the lines of a batch with a non-empty key are (:func:`hash_counts`).

    ``row`` (the article's position in the batch), ``line_no`` (as in
    :func:`toolkit.text.split_lines`) and ``h`` (the key's hash) per line; ``outlet``,
    per article, a code into the names ``outlets``; ``n_articles`` as in
    :class:`TemplateCounts`.
    """

    row: np.ndarray
    line_no: np.ndarray
    h: np.ndarray
    outlet: np.ndarray
    outlets: np.ndarray
    n_articles: pd.Series


def _key_hashes(norms: np.ndarray, stable: bool) -> np.ndarray:
    """64-bit hashes of line keys, which only choose the lines counted again by key: the
    same in every process (Dask's workers) if ``stable``, else Python's (3x as fast)."""
    if stable:
        return pd.util.hash_array(np.asarray(norms, dtype=object), categorize=False)
    return np.fromiter(map(hash, norms), dtype=np.int64, count=len(norms)).view(np.uint64)


def _outlet_totals(counts: np.ndarray, names: np.ndarray) -> pd.Series:
    """A per-outlet count Series of the outlets with a non-zero count."""
    present = counts > 0
    index = pd.Index(np.asarray(names, dtype=object)[present], dtype=object)
    return pd.Series(counts[present].astype(np.int64), index=index, dtype="int64")


def _empty_lines(key: str = "norm") -> pd.DataFrame:
    """A :attr:`TemplateCounts.lines` table without rows, keyed by ``norm`` or ``h``."""
    none = np.zeros(0, dtype=np.int64)
    hashes = {"outlet": pd.Series(dtype=object), "h": none.view(np.uint64), "n_articles": none}
    return _key_table([], [], [], none) if key == "norm" else pd.DataFrame(hashes)


def _tally(key: np.ndarray, article: np.ndarray, least: int) -> tuple[np.ndarray, np.ndarray]:
    """For lines with key codes numbered by first appearance and their articles: the
    position of each key's first line and the number of articles holding it, for the
    keys in at least ``least`` articles (in order of first appearance)."""
    n_art = int(article.max()) + 1
    pairs = np.sort(key * n_art + article)
    n_with = np.bincount(pairs[np.r_[True, pairs[1:] != pairs[:-1]]] // n_art)
    first = np.flatnonzero(first_seen(key))  # the k-th first sight has code k
    keep = n_with >= least
    return first[keep], n_with[keep].astype(np.int64)


def _key_table(outlet: Any, norm: Any, text: Any, n_with: np.ndarray) -> pd.DataFrame:
    """A :attr:`TemplateCounts.lines` table keyed by ``norm``."""
    columns = {"outlet": outlet, "norm": norm, "text": text}
    strings = {name: pd.Series(values, dtype=object) for name, values in columns.items()}
    return pd.DataFrame({**strings, "n_articles": n_with})


def _exact_counts(data: Any, least: int) -> TemplateCounts:
    """:class:`TemplateCounts` of every key of a lines table (or articles, Corpus) in at
    least ``least`` articles: the whole corpus held at once."""
    lines = _as_lines(data)
    outlets = lines["outlet"].astype(str)
    article = _codes(_str_array(lines["article_id"].astype(str)))
    out_codes, out_names = pd.factorize(outlets.to_numpy(dtype=object))
    n_art = max(len(article) and int(article.max()) + 1, 1)
    pairs = np.unique(out_codes.astype(np.int64) * n_art + article)
    n_articles = _outlet_totals(np.bincount(pairs // n_art, minlength=len(out_names)), out_names)
    norm = lines["norm"].astype(str)
    keep = (norm.str.len() > 0).to_numpy()
    if not keep.any():
        return TemplateCounts(n_articles, _empty_lines())
    first, n_with = _tally(_codes(_keys(outlets[keep], norm[keep])), article[keep], least)
    rows = np.flatnonzero(keep)[first]
    outlet, key, text = (
        c.iloc[rows].to_numpy(dtype=object) for c in (outlets, norm, lines["text"])
    )
    return TemplateCounts(n_articles, _key_table(outlet, key, text, n_with))


def _hash_lines(arts: pd.DataFrame, skip: Iterable[str] = (), stable: bool = True) -> LineHashes:
    """Split a batch of articles into lines and hash each line's key; the articles of
    the outlets in ``skip`` are only counted in ``n_articles``."""
    texts = arts["text"].tolist()
    out_codes, out_names = pd.factorize(arts["outlet"].astype(str).to_numpy(dtype=object))
    out_names = np.asarray(out_names, dtype=object)
    skip = set(skip)
    skipped = [i for i, o in enumerate(out_names[out_codes].tolist()) if o in skip] if skip else []
    # a text with a non-space character has a non-blank line (as split_lines has it)
    kept = [i for i in skipped if isinstance(texts[i], str) and texts[i].strip()]
    for i in skipped:
        texts[i] = ""
    row, line_no, norm = line_keys(texts)
    first_line = np.r_[True, row[1:] != row[:-1]] if len(row) else np.zeros(0, dtype=bool)
    with_lines = np.r_[row[first_line], np.asarray(kept, dtype=np.int64)]
    per_outlet = np.bincount(out_codes[with_lines], minlength=len(out_names))
    keys = np.asarray(norm, dtype=object)
    keep = keys.astype(bool)
    if not keep.all():  # lines whose key is empty (invisible characters only)
        keys, row, line_no = keys[keep], row[keep], line_no[keep]
    totals = _outlet_totals(per_outlet, out_names)
    lines_at = (row.astype(np.int32), line_no.astype(np.int32), _key_hashes(keys, stable))
    return LineHashes(*lines_at, out_codes, out_names, totals)


def hash_counts(
    arts: pd.DataFrame, *, skip: Iterable[str] = (), stable: bool = True
) -> tuple[TemplateCounts, LineHashes]:
    """First pass over a batch of whole articles: articles per (outlet, key hash).

    A hash's count is at least that of every key under it, so a key that is a
    template has a hash that passes the thresholds (:func:`template_candidates`).

    Parameters
    ----------
    arts : pandas.DataFrame
        Whole articles (``outlet, text``).
    skip : iterable of str, optional
        Outlets not split into lines (too few articles for a template): their articles
        are only counted in ``n_articles``.
    stable : bool, default True
        Hashes that are the same in every process (Dask's workers need them); False:
        Python's own, faster, when both passes run in this process.

    Returns
    -------
    (TemplateCounts, LineHashes)
        The counts, keyed by ``h``, and where the keyed lines are (for
        :func:`line_counts`).

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"outlet": ["X", "X", "Y"],
    ...                      "text": ["Menu\\nOne.\\nMenu", "Menu\\nTwo.", "Menu"]})
    >>> counts, where = hash_counts(arts)
    >>> counts.lines[["outlet", "n_articles"]].values.tolist(), where.line_no.tolist()
    ([['X', 2], ['X', 1], ['X', 1], ['Y', 1]], [1, 2, 3, 1, 2, 1])
    """
    lh = _hash_lines(arts, skip, stable)
    if len(lh.h) == 0:
        return TemplateCounts(lh.n_articles, _empty_lines("h")), lh
    row = lh.row.astype(np.int64)
    # (outlet, hash) pairs as integers numbered by first sight (a line's article fixes
    # its outlet), then each pair once per article
    pair = pd.factorize(lh.h)[0].astype(np.int64) * len(lh.outlets) + lh.outlet[row]
    in_article = first_seen(pd.factorize(pair * len(lh.outlet) + row)[0])
    codes = pd.factorize(pair[in_article])[0]
    first = np.flatnonzero(in_article)[first_seen(codes)]
    outlet = lh.outlets[lh.outlet[row[first]]]
    table = pd.DataFrame({"outlet": outlet, "h": lh.h[first], "n_articles": np.bincount(codes)})
    return TemplateCounts(lh.n_articles, table), lh


def line_counts(
    arts: pd.DataFrame, candidates: np.ndarray, hashes: LineHashes | None = None
) -> TemplateCounts:
    """Second pass over a batch of whole articles: exact counts of the candidate keys.

    Parameters
    ----------
    arts : pandas.DataFrame
        Whole articles (``outlet, text``).
    candidates : numpy.ndarray
        Key hashes (:func:`template_candidates`): the lines with one of them are
        counted under their real key.
    hashes : LineHashes, optional
        From :func:`hash_counts` of ``arts``: only the candidate lines are read again
        (else the batch is split and hashed again, with ``stable`` hashes).

    Returns
    -------
    TemplateCounts
        Keyed by ``norm``, with ``text``.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"outlet": ["X", "X"], "text": ["MENU\\nOne.", "Menu\\nTwo."]})
    >>> wanted = template_candidates(hash_counts(arts)[0], min_template_articles=2)
    >>> line_counts(arts, wanted).lines.values.tolist()
    [['X', 'menu', 'MENU', 2]]
    """
    lh = _hash_lines(arts) if hashes is None else hashes
    wanted = np.unique(np.asarray(candidates, dtype=np.uint64))  # sorted, for searchsorted
    found_at = wanted.take(np.searchsorted(wanted, lh.h), mode="clip") if len(wanted) else None
    at = np.flatnonzero(found_at == lh.h) if found_at is not None else np.zeros(0, np.int64)
    if not len(at):
        return TemplateCounts(lh.n_articles, _empty_lines())
    row = lh.row[at].astype(np.int64)
    parts = pc.split_pattern(_str_array(arts["text"]), "\n")  # as str.split("\n")
    if isinstance(parts, pa.ChunkedArray):
        parts = parts.combine_chunks()
    offsets = np.asarray(parts.offsets, dtype=np.int64)
    at_line = offsets[row] - offsets[0] + lh.line_no[at].astype(np.int64) - 1
    # the candidate lines repeat (they are template candidates): each text once
    found = pc.dictionary_encode(parts.flatten().take(pa.array(at_line)))
    raw = np.asarray(found.indices.to_numpy(zero_copy_only=False), dtype=np.int64)
    texts = np.asarray(found.dictionary.to_pylist(), dtype=object)
    norms = np.asarray([matching_key(t) for t in texts.tolist()], dtype=object)
    outlet = lh.outlet[row]
    key = pd.factorize(pd.factorize(norms)[0][raw] * len(lh.outlets) + outlet)[0]
    first, n_with = _tally(key, row, 1)
    table = _key_table(lh.outlets[outlet[first]], norms[raw[first]], texts[raw[first]], n_with)
    return TemplateCounts(lh.n_articles, table)


def merge_template_counts(
    parts: Sequence[TemplateCounts], *, prune: float | None = None
) -> TemplateCounts:
    """Add up the counts of disjoint sets of articles, given in corpus order.

    With ``prune``, only the keys in at least that share of their outlet's articles in
    the summed counts are kept (``complete`` is then False). A key in that share of its
    outlet's articles corpus-wide is so in at least one part of any split of the
    corpus (counts and article totals both add up): pruned parts still hold every
    template, and their keys are bounded by the part (about lines per article / share
    per outlet), not by the corpus.

    Parameters
    ----------
    parts : sequence of TemplateCounts
        Keyed alike (``norm`` or ``h``); no article in two parts.
    prune : float, optional
        A share of an outlet's articles (``min_template_share``, above 0).

    Returns
    -------
    TemplateCounts
        Summed per outlet and key (a key's ``text``: that of its first part).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"outlet": ["X"], "text": ["Menu\\nOne."]})
    >>> b = pd.DataFrame({"outlet": ["X"], "text": ["MENU\\nTwo."]})
    >>> h = template_candidates(hash_counts(pd.concat([a, b]))[0], min_template_articles=2)
    >>> both = merge_template_counts([line_counts(a, h), line_counts(b, h)])
    >>> both.lines.values.tolist(), both.n_articles.to_dict()
    ([['X', 'menu', 'Menu', 2]], {'X': 2})
    >>> pruned = merge_template_counts([hash_counts(a)[0], hash_counts(b)[0]], prune=0.6)
    >>> len(pruned.lines), pruned.complete
    (1, False)
    """
    parts = list(parts)
    if not parts:
        return TemplateCounts(_outlet_totals(np.zeros(0, np.int64), np.zeros(0)), _empty_lines())
    n_articles = pd.concat([p.n_articles for p in parts]).groupby(level=0, sort=False).sum()
    tables = [p.lines for p in parts if len(p.lines)]
    lines = _sum_lines(tables) if len(tables) > 1 else tables[0] if tables else parts[0].lines
    complete = all(p.complete for p in parts)
    if prune is not None:
        n_out = n_articles.reindex(lines["outlet"]).to_numpy(dtype=np.float64)
        # generous by a relative 1e-9: float rounding may only keep a key more
        keep = lines["n_articles"].to_numpy(dtype=np.float64) >= prune * n_out * (1 - 1e-9)
        lines, complete = lines.loc[keep].reset_index(drop=True), False
    return TemplateCounts(n_articles.astype("int64"), lines, complete)


def _sum_lines(tables: list[pd.DataFrame]) -> pd.DataFrame:
    """The :attr:`TemplateCounts.lines` tables of disjoint parts, summed per key."""
    names = list(tables[0].columns)  # outlet, the key (norm, text or h), n_articles

    def column(name: str) -> np.ndarray:
        kind = np.uint64 if name == "h" else np.int64 if name == "n_articles" else object
        return np.concatenate([t[name].to_numpy(dtype=kind) for t in tables])

    values = {name: column(name) for name in names}
    outlet = pd.factorize(values["outlet"])[0].astype(np.int64)
    key = pd.factorize(values[names[1]])[0].astype(np.int64)
    codes = pd.factorize(key * (int(outlet.max()) + 1) + outlet)[0]  # by first sight
    first = np.flatnonzero(first_seen(codes))  # a key's text: that of its first part
    merged = {name: values[name][first] for name in names}
    # float sums are exact: counts of articles stay far below 2**53
    merged["n_articles"] = np.bincount(codes, weights=values["n_articles"]).astype(np.int64)
    return pd.DataFrame(merged)


def _template_choice(
    n_with: np.ndarray, n_outlet: np.ndarray, share: float, least: int
) -> tuple[np.ndarray, np.ndarray]:
    """Return (share, chosen) of line keys seen in ``n_with`` of ``n_outlet`` articles."""
    shares = n_with / np.maximum(n_outlet, 1)
    return shares, (n_with >= max(int(least), 1)) & (shares >= share)


def template_candidates(
    counts: TemplateCounts, *, min_template_share: float = 0.3, min_template_articles: int = 3
) -> np.ndarray:
    """The key hashes whose lines the second pass counts exactly (:func:`line_counts`).

    Parameters
    ----------
    counts : TemplateCounts
        First-pass counts of the whole corpus (keyed by ``h``).
    min_template_share, min_template_articles
        As :class:`BoilerplateDetector`.

    Returns
    -------
    numpy.ndarray
        Sorted uint64 hashes: those passing both thresholds (a hash's count bounds its
        keys'), or, when the counts are not complete, every hash kept.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"outlet": ["X"] * 3, "text": ["Menu\\nOne.", "Menu", "Two."]})
    >>> counts, where = hash_counts(arts)
    >>> wanted = template_candidates(counts, min_template_articles=2)
    >>> len(wanted), int(np.isin(where.h, wanted).sum())  # the two "Menu" lines
    (1, 2)
    """
    lines = counts.lines
    h = lines["h"].to_numpy(dtype=np.uint64)
    if counts.complete:
        n_with = lines["n_articles"].to_numpy(dtype=np.int64)
        n_out = counts.n_articles.reindex(lines["outlet"]).fillna(0).to_numpy(dtype=np.int64)
        h = h[_template_choice(n_with, n_out, min_template_share, min_template_articles)[1]]
    return np.unique(h)


def classify_lines(lines: Any, *, detector: BoilerplateDetector | None = None) -> pd.DataFrame:
    """Label lines as boilerplate, with a default detector when none is given.

    Parameters
    ----------
    lines : pandas.DataFrame or Corpus
        A lines table, an articles table or a Corpus.
    detector : BoilerplateDetector, optional
        A (usually fitted) detector. When None, an unfitted default detector is used:
        shape and position signals only, which works on a single article.

    Returns
    -------
    pandas.DataFrame
        As :meth:`BoilerplateDetector.transform`.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
    ...                      "text": ["Share this article\\nThe storm closed schools across "
    ...                               "the region on Friday, officials said."]})
    >>> classify_lines(arts)["is_boilerplate"].tolist()
    [True, False]
    """
    det = detector if detector is not None else BoilerplateDetector()
    return det.transform(lines)


def boilerplate_fingerprint(
    lines_or_detector: Any, *, outlet: str | None = None, top: int | None = 20
) -> pd.DataFrame:
    """Return the lines that make up each outlet's boilerplate, most frequent first.

    Parameters
    ----------
    lines_or_detector : BoilerplateDetector, pandas.DataFrame or Corpus
        A fitted detector (its template lines are used), labelled lines (with
        ``is_boilerplate``: every boilerplate line is counted), or lines/articles/Corpus
        (labelled first with ``BoilerplateDetector().fit_transform``).
    outlet : str, optional
        Only this outlet.
    top : int or None, default 20
        At most this many lines per outlet; None for all.

    Returns
    -------
    pandas.DataFrame
        Columns ``outlet, text`` (an example of the line), ``norm`` (its matching key),
        ``n_articles`` (articles of the outlet that contain it), ``share`` (``n_articles``
        / the outlet's number of articles, in [0, 1]); sorted by outlet, then
        ``n_articles`` descending.

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X"] * 3,
    ...                      "text": ["Subscribe\\nOne.", "Subscribe\\nTwo.", "Three."]})
    >>> boilerplate_fingerprint(arts)[["outlet", "text", "n_articles", "share"]].values.tolist()
    [['X', 'Subscribe', 2, 0.6666666666666666]]
    """
    columns = ["outlet", "text", "norm", "n_articles", "share"]
    if isinstance(lines_or_detector, BoilerplateDetector):
        if not lines_or_detector._is_fitted():
            raise ValueError("the detector is not fitted: call fit(lines) first")
        table = lines_or_detector.template_lines_.copy()
    else:
        frame = _as_lines(lines_or_detector)
        if "is_boilerplate" not in frame.columns:
            frame = BoilerplateDetector().fit_transform(frame)
        outlets = frame["outlet"].astype(str)
        n_articles = frame.assign(outlet=outlets).groupby("outlet")["article_id"].nunique()
        bp = frame.loc[frame["is_boilerplate"].astype(bool)].assign(outlet=outlets)
        grouped = bp.groupby(["outlet", "norm"], sort=False)
        table = grouped["article_id"].nunique().rename("n_articles").reset_index()
        table["text"] = grouped["text"].first().to_numpy()
        table["share"] = table["n_articles"] / table["outlet"].map(n_articles).to_numpy()
    if outlet is not None:
        table = table[table["outlet"] == outlet]
    table = table.sort_values(
        ["outlet", "n_articles", "norm"], ascending=[True, False, True], kind="stable"
    )
    if top is not None:
        table = table.groupby("outlet", sort=False).head(top)
    return table[columns].reset_index(drop=True).astype({"n_articles": "int64", "share": "float64"})
