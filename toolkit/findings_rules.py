"""Findings: what a corpus shows, in sentences written from its statistics by rules.

The public function is ``toolkit.findings``; this module is named ``findings_rules`` so
that importing it never hides that function behind a module of the same name.

:func:`findings` reads the statistics of a corpus (article and outlet statistics with
their bootstrap intervals, near-duplicate pairs, keyness, stray strings, load problems)
and returns one row per finding: what kind of finding it is, which outlets, which
statistic, its value and interval, what it was compared with, how many articles stand
behind it, the sentence a reader sees, and the evidence (articles, lines, pairs, files).

Every sentence comes from one of the rules below; each is a small function of this
module, tested on hand-made corpora where the expected finding is known by construction
(``tests/test_findings.py``). No sentence claims a difference that the intervals do not
support.

Rules
-----
``highest`` / ``lowest`` (one pair per headline rate, :data:`toolkit.schema.HEADLINE_RATES`)
    Only outlets with at least :data:`toolkit.schema.MIN_RELIABLE_ARTICLES` articles
    with a value are compared. They are ranked by their mean; the top *k* outlets
    (*k* = 1, 2, ... up to half of them) stand out when every one of their 95% bootstrap
    intervals lies entirely above every interval of the other outlets (for ``lowest``:
    below). The smallest such group is reported: one outlet ("X has the highest ...")
    or a group whose members overlap each other and are therefore not ranked among
    themselves. When no group stands out at the top, a ``no_difference`` row says so
    (the leading outlet is named, and the outlets whose intervals overlap its own); no
    such row is written for the bottom.
``republication_source`` / ``republication_copier`` / ``republication_undated`` / ``no_republication``
    From the near-duplicate pairs (:func:`toolkit.near_duplicates`): every outlet that
    published first in at least ``min_pairs`` pairs (at least the top one) is a source;
    every outlet that published second in at least ``min_pairs`` pairs is a copier, with
    the median and range of the time lag in hours. Pairs without a date on one side
    have no direction and are counted on their own.
``stray_template``
    A stray string (:func:`toolkit.mark_stray`) whose matching key recurs in at least
    two of an outlet's articles (and at least 5% of them) belongs to the site's template,
    not to the articles: foreign-script UI text on its pages betrays a template made for
    another language and left untranslated. One row per outlet and kind of stray string.
``stray_translation``
    Foreign-script passages that do not recur, and words mixing look-alike letters of
    two scripts, inside an outlet's articles: text typed or translated on another
    script's keyboard, or disguised. One row per outlet.
``distinctive_terms``
    The outlet's key terms against all other outlets (:func:`toolkit.keyness_table`,
    its defaults): positive G², p < 0.001, used in at least two of its articles; the
    top ``top_terms`` by G².
``small_sample``
    An outlet with fewer than ``min_articles`` articles is named as too small to compare;
    its interval is left out (an interval of one article would read as certainty) and it
    takes no part in the ``highest`` / ``lowest`` rules.
``load_problem`` / ``load_skipped`` / ``load_missing``
    Files that could not be loaded (by kind of error), files of other types skipped,
    and articles without an outlet or a date (:meth:`toolkit.Corpus.provenance`).

This module sits above the statistics and below the report and the command line: it
imports :mod:`toolkit.schema`, :mod:`toolkit.text` and :mod:`toolkit.stats` only, never
matplotlib.
"""

from __future__ import annotations

import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Any

import numpy as np
import pandas as pd

from toolkit.schema import HEADLINE_RATES, MIN_RELIABLE_ARTICLES, STRAY_KIND_LABELS, as_articles
from toolkit.schema import label as metric_label

__all__ = ["FINDING_COLUMNS", "FINDING_KINDS", "findings", "format_evidence"]

#: Columns of :func:`findings`, in order.
FINDING_COLUMNS: tuple[str, ...] = (
    "kind",
    "outlets",
    "statistic",
    "value",
    "interval_low",
    "interval_high",
    "comparison",
    "n",
    "sentence",
    "evidence",
)

#: The kinds of finding, in the order :func:`findings` lists them, with what each says.
FINDING_KINDS: dict[str, str] = {
    "highest": "the outlet (or group) whose interval lies above all others on a rate",
    "lowest": "the outlet (or group) whose interval lies below all others on a rate",
    "no_difference": "no outlet stands out at the top of a rate: the intervals overlap",
    "republication_source": "an outlet that published first in republished pairs",
    "republication_copier": "an outlet that published second, with the time lag",
    "republication_undated": "republished pairs whose direction is unknown (no date)",
    "no_republication": "no republished pair across outlets",
    "stray_template": "stray strings recurring across an outlet's pages: its template",
    "stray_translation": "foreign-script passages or mixed-script words in the articles",
    "distinctive_terms": "the terms that set an outlet apart from the others",
    "small_sample": "an outlet with too few articles to compare",
    "load_problem": "files that could not be loaded",
    "load_skipped": "files of other types that were skipped",
    "load_missing": "articles without an outlet or a date",
}

#: Most evidence items kept per finding (the tables behind it hold the rest).
MAX_EVIDENCE = 20


@dataclass(frozen=True)
class _Finding:
    kind: str
    outlets: tuple[str, ...]
    statistic: str
    value: float
    interval_low: float
    interval_high: float
    comparison: str
    n: int
    sentence: str
    evidence: tuple[tuple[Any, ...], ...]


def _row(
    kind: str,
    outlets: Sequence[str],
    statistic: str,
    sentence: str,
    *,
    value: float = math.nan,
    interval: tuple[float, float] = (math.nan, math.nan),
    comparison: str = "",
    n: int = 0,
    evidence: Sequence[tuple[Any, ...]] = (),
) -> _Finding:
    return _Finding(
        kind,
        tuple(str(o) for o in outlets),
        statistic,
        float(value),
        float(interval[0]),
        float(interval[1]),
        comparison,
        int(n),
        sentence,
        tuple(evidence)[:MAX_EVIDENCE],
    )


# --------------------------------------------------------------------------- wording


def _pct(value: float) -> str:
    """A fraction as a percentage with one decimal.

    Examples
    --------
    >>> _pct(0.1164), _pct(0.0), _pct(float("nan"))
    ('11.6%', '0.0%', 'n/a')
    """
    return "n/a" if pd.isna(value) else f"{100 * value:.1f}%"


def _pct_interval(low: float, high: float) -> str:
    """``[44.4–49.4%]``, the interval of a fraction."""
    if pd.isna(low) or pd.isna(high):
        return "[no interval]"
    return f"[{100 * low:.1f}–{100 * high:.1f}%]"


def _names(outlets: Sequence[str]) -> str:
    """``A``, ``A and B``, ``A, B and C``.

    Examples
    --------
    >>> _names(["A"]), _names(["A", "B"]), _names(["A", "B", "C"])
    ('A', 'A and B', 'A, B and C')
    """
    items = [str(o) for o in outlets]
    if len(items) <= 2:
        return " and ".join(items)
    return ", ".join(items[:-1]) + " and " + items[-1]


def _plural(n: int, word: str, many: str | None = None) -> str:
    """``1 article``, ``2 articles``."""
    return f"{n:,} {word if n == 1 else (many or word + 's')}"


def _hours(value: float) -> str:
    """A lag in hours, as a reader would say it.

    Examples
    --------
    >>> _hours(0.25), _hours(3.5), _hours(50.0)
    ('15 min', '3.5 h', '2.1 days')
    """
    if value < 1:
        return f"{round(value * 60):d} min"
    if value < 48:
        return f"{value:.1f} h"
    return f"{value / 24:.1f} days"


def _quoted(text: str, limit: int = 60) -> str:
    """A stray string as quoted in a sentence, cut to ``limit`` characters."""
    text = " ".join(str(text).split())
    return f"“{text if len(text) <= limit else text[: limit - 1] + '…'}”"


# --------------------------------------------------------------------------- rates


def _reliable(summary: pd.DataFrame, rate: str, min_articles: int) -> pd.DataFrame:
    """The outlets compared on ``rate``: enough articles, a mean and an interval."""
    cols = [f"{rate}_mean", f"{rate}_ci_low", f"{rate}_ci_high"]
    if not set(cols) <= set(summary.columns):
        return summary.iloc[0:0]
    keep = summary["n_articles"] >= min_articles
    for c in cols:
        keep &= summary[c].notna()
    return summary.loc[keep, ["outlet", "n_articles", *cols]].rename(
        columns=dict(zip(cols, ["mean", "low", "high"], strict=True))
    )


def separated_group(
    means: Sequence[float], lows: Sequence[float], highs: Sequence[float], *, top: bool = True
) -> list[int] | None:
    """The smallest group of the highest (or lowest) means whose intervals clear the rest.

    Outlets are ranked by their mean; the top ``k`` (``k`` from 1 to half of them) stand
    out when the lowest of their interval bounds lies above the highest bound of every
    other outlet (``top=False``: the bottom ``k``, mirrored). Intervals that touch
    overlap.

    Parameters
    ----------
    means, lows, highs : sequence of float
        Each outlet's mean and interval bounds, in the same order.
    top : bool, default True
        The highest means (True) or the lowest (False).

    Returns
    -------
    list of int or None
        The positions of the group, from the most extreme; None when no group of at
        most half of the outlets stands out (or fewer than two outlets are given).

    Examples
    --------
    >>> separated_group([0.5, 0.2, 0.1], [0.4, 0.1, 0.0], [0.6, 0.3, 0.2])
    [0]
    >>> separated_group([0.5, 0.45, 0.1, 0.12], [0.4, 0.35, 0.0, 0.05],
    ...                 [0.6, 0.55, 0.2, 0.2])
    [0, 1]
    >>> separated_group([0.5, 0.4], [0.3, 0.2], [0.6, 0.5]) is None  # overlap
    True
    >>> separated_group([0.5, 0.2, 0.1], [0.4, 0.1, 0.0], [0.6, 0.3, 0.2], top=False)
    """
    m = np.asarray(means, dtype=np.float64)
    lo = np.asarray(lows, dtype=np.float64)
    hi = np.asarray(highs, dtype=np.float64)
    if len(m) < 2:
        return None
    if not top:
        m, lo, hi = -m, -hi, -lo
    order = np.argsort(-m, kind="stable")
    for k in range(1, len(m) // 2 + 1):
        group, rest = order[:k], order[k:]
        if lo[group].min() > hi[rest].max():
            return [int(i) for i in group]
    return None


def _rate_findings(
    summary: pd.DataFrame, stats: pd.DataFrame, rate: str, min_articles: int
) -> list[_Finding]:
    """Rules ``highest``, ``lowest`` and ``no_difference`` for one rate."""
    table = _reliable(summary, rate, min_articles).reset_index(drop=True)
    if len(table) < 2:
        return []
    name = metric_label(rate).lower()
    out: list[_Finding] = []
    for top in (True, False):
        group = separated_group(
            table["mean"].tolist(), table["low"].tolist(), table["high"].tolist(), top=top
        )
        word = "highest" if top else "lowest"
        ranked = table.sort_values("mean", ascending=not top, kind="stable")
        if group is None:
            if not top or ranked["mean"].iloc[0] <= ranked["mean"].min():
                continue  # the bottom, or nothing varies (e.g. no repeat anywhere)
            lead = ranked.iloc[0]
            overlapping = ranked.iloc[1:]
            overlapping = overlapping[
                (overlapping["high"] >= lead["low"]) & (overlapping["low"] <= lead["high"])
            ]
            others = [
                f"{r.outlet} ({_pct(r.mean)} {_pct_interval(r.low, r.high)})"
                for r in overlapping.itertuples()
            ]
            sentence = (
                f"No outlet stands out with the highest {name}: {lead['outlet']} leads with "
                f"{_pct(lead['mean'])} {_pct_interval(lead['low'], lead['high'])}, but its "
                f"interval overlaps {'that' if len(others) == 1 else 'those'} of "
                f"{_names(others) if others else 'the next outlets'}."
            )
            out.append(
                _row(
                    "no_difference",
                    [lead["outlet"], *overlapping["outlet"]],
                    rate,
                    sentence,
                    value=lead["mean"],
                    interval=(lead["low"], lead["high"]),
                    comparison="overlapping intervals: " + (", ".join(others) or "-"),
                    n=int(lead["n_articles"]),
                    evidence=_top_articles(stats, [lead["outlet"]], rate, top=True),
                )
            )
            continue
        members = table.iloc[group]
        rest = table.drop(index=members.index)
        nearest = rest.sort_values("mean", ascending=not top, kind="stable").iloc[0]
        versus = (
            f"next: {nearest['outlet']} {_pct(nearest['mean'])} "
            f"{_pct_interval(nearest['low'], nearest['high'])}"
        )
        low, high = float(members["low"].min()), float(members["high"].max())
        if len(members) == 1:
            one = members.iloc[0]
            sentence = (
                f"{one['outlet']} has the {word} {name}: {_pct(one['mean'])} "
                f"{_pct_interval(float(one['low']), float(one['high']))} over its {int(one['n_articles'])} "
                f"articles; its interval lies {'above' if top else 'below'} those of all "
                f"other outlets ({versus})."
            )
        else:
            parts = [
                f"{r['outlet']} {_pct(r['mean'])} {_pct_interval(r['low'], r['high'])}"
                for r in members.to_dict("records")
            ]
            shown = [
                (_pct(r["mean"]), _pct_interval(r["low"], r["high"]))
                for r in members.to_dict("records")
            ]
            if len(set(shown)) == 1:  # e.g. no repeated line at all in any of them
                parts = [f"each {shown[0][0]} {shown[0][1]}"]
            sentence = (
                f"{_names(list(members['outlet']))} have the {word} {name} ({', '.join(parts)}); "
                f"their intervals lie {'above' if top else 'below'} those of the other outlets "
                f"({versus}) but overlap each other, so they are not ranked among themselves."
            )
        out.append(
            _row(
                word,
                list(members["outlet"]),
                rate,
                sentence,
                value=float(members.iloc[0]["mean"]),
                interval=(low, high),
                comparison=versus,
                n=int(members["n_articles"].sum()),
                evidence=_top_articles(stats, list(members["outlet"]), rate, top=top),
            )
        )
    return out


def _top_articles(
    stats: pd.DataFrame, outlets: Sequence[str], rate: str, *, top: bool, k: int = 5
) -> list[tuple[Any, ...]]:
    """The ``k`` articles of ``outlets`` with the highest (lowest) ``rate``."""
    if rate not in stats.columns:
        return []
    mine = stats.loc[stats["outlet"].isin(list(outlets)) & stats[rate].notna()]
    mine = mine.sort_values([rate, "article_id"], ascending=[not top, True], kind="stable")
    return [("article", str(a)) for a in mine["article_id"].head(k)]


# --------------------------------------------------------------------------- reuse


def _reuse_findings(reuse: pd.DataFrame | None, n_outlets: int, min_pairs: int) -> list[_Finding]:
    """Rules ``republication_*`` and ``no_republication``."""
    if reuse is None or n_outlets < 2:
        return []
    if reuse.empty:
        return [
            _row(
                "no_republication",
                [],
                "near_duplicate_pairs",
                "No two articles of different outlets share most of their text: no story was "
                "found republished across outlets.",
                value=0,
            )
        ]
    dated = reuse[reuse["source_outlet"].notna()]
    total = len(reuse)
    out: list[_Finding] = []
    if len(dated):
        lag = (
            pd.to_datetime(dated["published_at_b"], utc=True)
            - pd.to_datetime(dated["published_at_a"], utc=True)
        ).dt.total_seconds() / 3600
        dated = dated.assign(lag_h=lag.to_numpy())
        sources = dated.groupby("source_outlet", sort=False).size()
        ranked = sorted(sources.items(), key=lambda kv: (-kv[1], str(kv[0])))
        for rank, (outlet, count) in enumerate(ranked):
            if rank > 0 and count < min_pairs:
                continue
            mine = dated[dated["source_outlet"] == outlet]
            copiers = mine.groupby("outlet_b").size().sort_values(ascending=False, kind="stable")
            carried = ", ".join(f"{o} ({n})" for o, n in copiers.items())
            median = float(mine["lag_h"].median())
            sentence = (
                f"{outlet} published first in {count} of the {total} republished article pairs: "
                f"{_names([str(o) for o in copiers.index])} carried its stories a median "
                f"{_hours(median)} later."
            )
            out.append(
                _row(
                    "republication_source",
                    [str(outlet)],
                    "near_duplicate_pairs",
                    sentence,
                    value=count,
                    comparison=f"republished by: {carried}; median lag {_hours(median)}",
                    n=total,
                    evidence=_pair_evidence(mine),
                )
            )
        copiers = dated.groupby("outlet_b", sort=False).size()
        ordered = sorted(copiers.items(), key=lambda kv: (-kv[1], str(kv[0])))
        for outlet, count in ordered:
            if count < min_pairs:
                continue
            mine = dated[dated["outlet_b"] == outlet]
            frm = mine.groupby("source_outlet").size().sort_values(ascending=False, kind="stable")
            origin = ", ".join(f"{n} from {o}" for o, n in frm.items())
            lags = mine["lag_h"]
            median = float(lags.median())
            sentence = (
                f"{outlet} published {count} stories after another outlet had them ({origin}), "
                f"a median {_hours(median)} later (from {_hours(float(lags.min()))} to "
                f"{_hours(float(lags.max()))})."
            )
            out.append(
                _row(
                    "republication_copier",
                    [str(outlet)],
                    "lag_hours",
                    sentence,
                    value=median,
                    interval=(float(lags.min()), float(lags.max())),
                    comparison=f"sources: {origin}",
                    n=count,
                    evidence=_pair_evidence(mine),
                )
            )
    undated = reuse[reuse["source_outlet"].isna()]
    if len(undated):
        pairs = sorted(
            {
                " and ".join(sorted((str(a), str(b))))
                for a, b in zip(undated["outlet_a"], undated["outlet_b"], strict=True)
            }
        )
        sentence = (
            f"{_plural(len(undated), 'republished pair')} of articles "
            f"{'has' if len(undated) == 1 else 'have'} no publication date on one side (or "
            f"the same date on both), so who published first is unknown ({'; '.join(pairs[:5])})."
        )
        out.append(
            _row(
                "republication_undated",
                sorted({str(o) for o in (*undated["outlet_a"], *undated["outlet_b"])}),
                "near_duplicate_pairs",
                sentence,
                value=len(undated),
                n=total,
                evidence=_pair_evidence(undated),
            )
        )
    return out


def _pair_evidence(pairs: pd.DataFrame) -> list[tuple[Any, ...]]:
    return [
        ("pair", str(a), str(b))
        for a, b in zip(pairs["article_id_a"], pairs["article_id_b"], strict=True)
    ]


# --------------------------------------------------------------------------- stray strings

_TEMPLATE_WHY = {
    "foreign_script": (
        "{script} UI text on {home}-script pages, the strings of a site template "
        "made for another language and left untranslated"
    ),
    "mojibake": "text of the template decoded with the wrong encoding",
    "markup": "leftover markup of the template",
    "control": "invisible characters in the template",
    "mixed_script_word": "look-alike letters of another script in the template",
}


def _stray_findings(
    stray: pd.DataFrame, counts: pd.Series, *, min_share: float = 0.05
) -> list[_Finding]:
    """Rules ``stray_template`` and ``stray_translation``."""
    from toolkit.text import normalize_for_matching

    if stray is None or stray.empty:
        return []
    stray = stray[stray["stray_kind"].notna()]
    if stray.empty:
        return []
    texts = stray["stray_text"].fillna("").astype(str)
    stray = stray.assign(key=normalize_for_matching(texts).to_numpy(), shown=texts.to_numpy())
    per = stray.groupby(["outlet", "stray_kind", "key"], sort=True)["article_id"].nunique()
    out: list[_Finding] = []
    recurring_keys: set[tuple[str, str, str]] = set()
    for outlet in sorted(stray["outlet"].astype(str).unique()):
        n_articles = int(counts.get(outlet, 0))
        need = max(2, math.ceil(min_share * n_articles))
        mine = per.loc[outlet] if outlet in per.index.get_level_values(0) else None
        if mine is None:
            continue
        for kind in STRAY_KIND_LABELS:
            if kind not in mine.index.get_level_values(0):
                continue
            keys = mine.loc[kind]
            keys = keys[(keys >= need) & (keys.index != "")]
            if keys.empty:
                continue
            keys = keys.iloc[sorted(range(len(keys)), key=lambda i: (-keys.iloc[i], keys.index[i]))]
            recurring_keys |= {(outlet, kind, k) for k in keys.index}
            rows = stray[
                (stray["outlet"] == outlet)
                & (stray["stray_kind"] == kind)
                & stray["key"].isin(list(keys.index))
            ]
            with_any = rows["article_id"].nunique()
            examples = []
            for key, n in keys.head(4).items():
                shown = rows.loc[rows["key"] == key, "shown"].iloc[0]
                examples.append(f"{_quoted(shown)} on {n}")
            why = _TEMPLATE_WHY[kind].format(
                script=_mode(rows, "script", "another script"),
                home=_mode(rows, "article_script", "another script"),
            )
            more = f" and {len(keys) - 4} more" if len(keys) > 4 else ""
            verb = "recurs" if len(keys) == 1 else "recur"
            sentence = (
                f"{outlet}: {_plural(len(keys), 'string')} of {STRAY_KIND_LABELS[kind]} "
                f"{verb} across its {n_articles} pages ({', '.join(examples)}{more}; "
                f"together on {with_any}): {why}."
            )
            out.append(
                _row(
                    "stray_template",
                    [outlet],
                    f"n_stray_{kind}",
                    sentence,
                    value=with_any / n_articles if n_articles else math.nan,
                    comparison=f"strings in at least {need} of the outlet's articles",
                    n=n_articles,
                    evidence=_line_evidence(rows),
                )
            )
    # foreign passages that do not recur, and mixed-script words: inside the articles
    key_tuples = list(
        zip(stray["outlet"].astype(str), stray["stray_kind"], stray["key"], strict=True)
    )
    single = stray[
        [t not in recurring_keys for t in key_tuples]
        & stray["stray_kind"].isin(["foreign_script", "mixed_script_word"]).to_numpy()
    ]
    for outlet, rows in single.groupby(single["outlet"].astype(str), sort=True):
        n_articles = int(counts.get(outlet, 0))
        parts = []
        for kind, what in (
            (
                "foreign_script",
                "passage",
            ),
            ("mixed_script_word", "word"),
        ):
            of_kind = rows[rows["stray_kind"] == kind]
            if of_kind.empty:
                continue
            shown = ", ".join(_quoted(t, 40) for t in dict.fromkeys(of_kind["shown"]).keys())
            label = (
                "in another script"
                if kind == "foreign_script"
                else "mixing look-alike letters of two scripts"
            )
            parts.append(
                f"{_plural(len(of_kind), what)} {label} in "
                f"{_plural(of_kind['article_id'].nunique(), 'article')} ({shown})"
            )
        arts = rows["article_id"].nunique()
        sentence = (
            f"{outlet}: {'; '.join(parts)}: text typed or translated with another script's "
            "keyboard, copied from a source in another language, or disguised on purpose."
        )
        out.append(
            _row(
                "stray_translation",
                [outlet],
                "stray_chr_fraction",
                sentence,
                value=arts / n_articles if n_articles else math.nan,
                comparison="stray strings that do not recur across the outlet's pages",
                n=n_articles,
                evidence=_line_evidence(rows),
            )
        )
    return out


def _mode(rows: pd.DataFrame, column: str, default: str) -> str:
    if column not in rows.columns:
        return default
    values = rows[column].dropna().astype(str)
    return str(values.mode().iloc[0]) if len(values) else default


def _line_evidence(rows: pd.DataFrame) -> list[tuple[Any, ...]]:
    return [
        ("line", str(a), int(n)) for a, n in zip(rows["article_id"], rows["line_no"], strict=True)
    ]


def _stray_lines(arts: pd.DataFrame, stats: pd.DataFrame) -> pd.DataFrame:
    """The stray lines of the articles that have any (:func:`toolkit.mark_stray`)."""
    from toolkit.stats.scripts import mark_stray
    from toolkit.text import split_lines

    if "n_stray_lines" not in stats.columns:
        return pd.DataFrame()
    ids = stats.loc[stats["n_stray_lines"] > 0, "article_id"]
    if ids.empty:
        return pd.DataFrame()
    marked = mark_stray(split_lines(arts[arts["article_id"].isin(ids)]))
    return marked[marked["stray_kind"].notna()]


# --------------------------------------------------------------------------- keyness


def _term_findings(
    keyness: pd.DataFrame | None,
    counts: pd.Series,
    *,
    top_terms: int,
    min_articles: int,
    alpha: float = 0.001,
) -> list[_Finding]:
    """Rule ``distinctive_terms``."""
    if keyness is None or keyness.empty or len(counts) < 2:
        return []
    rest = keyness[keyness["reference"].astype(str) == "rest"]
    out: list[_Finding] = []
    for outlet in sorted(counts.index.astype(str)):
        n_articles = int(counts.get(outlet, 0))
        if n_articles < min_articles:
            continue
        mine = rest[
            (rest["target"].astype(str) == outlet)
            & (rest["g2"] > 0)
            & (rest["p_value"] < alpha)
            & (rest["n_target_articles"] >= 2)
        ]
        mine = mine.sort_values(["g2", "term"], ascending=[False, True], kind="stable")
        mine = mine.head(top_terms)
        if mine.empty:
            continue
        terms = [str(t) for t in mine["term"]]
        g2 = mine["g2"].to_numpy(dtype=np.float64)
        used = mine["n_target_articles"].to_numpy()
        sentence = (
            f"Words that set {outlet} apart from the other outlets: {', '.join(terms)} "
            f"(log-likelihood G² {g2.min():.0f}–{g2.max():.0f}, p < {alpha:g}; each in "
            f"{int(used.min())} to {int(used.max())} of its {n_articles} articles)."
        )
        out.append(
            _row(
                "distinctive_terms",
                [outlet],
                "g2",
                sentence,
                value=float(g2.max()),
                comparison="against all other outlets",
                n=n_articles,
                evidence=[("term", t) for t in terms],
            )
        )
    return out


# --------------------------------------------------------------------------- samples, load


def _small_samples(counts: pd.Series, min_articles: int) -> list[_Finding]:
    """Rule ``small_sample``."""
    out = []
    for outlet, n in sorted(counts.items(), key=lambda kv: (kv[1], str(kv[0]))):
        if n >= min_articles:
            continue
        sentence = (
            f"{outlet} has only {_plural(int(n), 'article')}: too few to compare (at least "
            f"{min_articles} are needed for an interval worth reading), so it is left out "
            "of every comparison above and its rates carry no interval."
        )
        out.append(
            _row("small_sample", [str(outlet)], "n_articles", sentence, value=int(n), n=int(n))
        )
    return out


def _load_findings(data: Any, arts: pd.DataFrame) -> list[_Finding]:
    """Rules ``load_problem``, ``load_skipped`` and ``load_missing``."""
    out: list[_Finding] = []
    errors = getattr(data, "errors", None)
    if isinstance(errors, pd.DataFrame) and len(errors):
        for kind, rows in errors.groupby(errors["error"].astype(str), sort=True):
            first = rows.iloc[0]
            files = _plural(len(rows), "file")
            sentence = (
                f"{files} could not be loaded ({kind}: {first['message']}"
                f"{', e.g.' if len(rows) > 1 else ':'} {first['source_path']}); "
                f"{'it was' if len(rows) == 1 else 'they were'} skipped and everything else "
                "loaded."
            )
            out.append(
                _row(
                    "load_problem",
                    [],
                    "errors",
                    sentence,
                    value=len(rows),
                    comparison=kind,
                    n=len(rows),
                    evidence=[("file", str(p)) for p in rows["source_path"]],
                )
            )
    skipped = getattr(data, "skipped", None)
    if isinstance(skipped, pd.DataFrame) and len(skipped):
        total = int(skipped["n_files"].sum())
        kinds = ", ".join(
            f"{s} {int(n)}" for s, n in zip(skipped["suffix"], skipped["n_files"], strict=True)
        )
        out.append(
            _row(
                "load_skipped",
                [],
                "skipped",
                f"{_plural(total, 'file')} of other types {'was' if total == 1 else 'were'} "
                f"not read as articles ({kinds}).",
                value=total,
                n=total,
            )
        )
    n = len(arts)
    if n:
        no_date = int(arts["published_at"].isna().sum())
        if no_date:
            out.append(
                _row(
                    "load_missing",
                    [],
                    "published_at",
                    f"{_plural(no_date, 'article')} of {n:,} {'has' if no_date == 1 else 'have'} "
                    "no publication date: republication lags and keyword trends leave "
                    f"{'it' if no_date == 1 else 'them'} out.",
                    value=no_date / n,
                    n=no_date,
                    evidence=[
                        ("article", str(a))
                        for a in arts.loc[arts["published_at"].isna(), "article_id"]
                    ],
                )
            )
        source = arts.get("outlet_source")
        if source is not None:
            no_outlet = int(source.isna().sum())
            if no_outlet:
                out.append(
                    _row(
                        "load_missing",
                        [],
                        "outlet",
                        f"{_plural(no_outlet, 'article')} of {n:,} name no outlet that the "
                        "loader could find (no manifest, folder, column or page line): "
                        f"{'it is' if no_outlet == 1 else 'they are'} grouped under "
                        "their file's folder or as “unknown”.",
                        value=no_outlet / n,
                        n=no_outlet,
                        evidence=[
                            ("article", str(a)) for a in arts.loc[source.isna(), "article_id"]
                        ],
                    )
                )
    return out


# --------------------------------------------------------------------------- the table


def findings(
    data: Any,
    *,
    stats: pd.DataFrame | None = None,
    outlet_summary: pd.DataFrame | None = None,
    reuse: pd.DataFrame | None = None,
    keyness: pd.DataFrame | None = None,
    stray: pd.DataFrame | None = None,
    rates: Sequence[str] = HEADLINE_RATES,
    min_articles: int = MIN_RELIABLE_ARTICLES,
    min_pairs: int = 2,
    top_terms: int = 5,
    n_boot: int = 1000,
    seed: int | None = 0,
) -> pd.DataFrame:
    """What the corpus shows, one finding per row, each with its sentence and evidence.

    The rules are listed in the module docstring (:mod:`toolkit.findings_rules`); each finding
    comes from exactly one of them, and no sentence claims a difference that the
    intervals do not support. Any statistic not given is computed here (the statistics
    cache their results, so a notebook that computed them already pays nothing).

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        The corpus (its ``errors`` and ``skipped`` tables give the load findings) or an
        articles table.
    stats : pandas.DataFrame, optional
        :func:`toolkit.article_stats` of ``data``.
    outlet_summary : pandas.DataFrame, optional
        :func:`toolkit.outlet_stats` of ``stats`` (with the intervals of ``rates``).
    reuse : pandas.DataFrame, optional
        :func:`toolkit.near_duplicates` of ``data``.
    keyness : pandas.DataFrame, optional
        :func:`toolkit.keyness_table` of ``data`` (each outlet against the rest).
    stray : pandas.DataFrame, optional
        Labelled lines (:func:`toolkit.label_lines`), or only their stray ones: at least
        ``article_id, outlet, line_no, stray_kind, stray_text`` (``script`` and
        ``article_script`` name the scripts in the sentences). By default the articles
        with a stray line are marked with :func:`toolkit.mark_stray`.
    rates : sequence of str, default the headline rates
        Rates of ``outlet_summary`` compared across outlets.
    min_articles : int, default :data:`toolkit.schema.MIN_RELIABLE_ARTICLES`
        Fewest articles for an outlet to be compared.
    min_pairs : int, default 2
        Fewest republished pairs for a source (other than the top one) or a copier.
    top_terms : int, default 5
        Distinctive terms named per outlet.
    n_boot, seed
        Bootstrap settings when ``outlet_summary`` is computed here.

    Returns
    -------
    pandas.DataFrame
        One row per finding, columns :data:`FINDING_COLUMNS`:

        - ``kind``: the rule (:data:`FINDING_KINDS`);
        - ``outlets``: a tuple of the outlet names it is about (empty for the corpus);
        - ``statistic``: the column or quantity (``"boilerplate_ratio"``, ``"g2"``,
          ``"lag_hours"``, ``"near_duplicate_pairs"``, ``"n_articles"``...);
        - ``value``: the number the sentence gives (a rate's mean as a fraction, the
          top G², the median lag in hours, a count); ``interval_low``,
          ``interval_high``: its 95% bootstrap interval (for a group: the span of the
          members' intervals; for a copier the shortest and longest lag), NaN when
          there is none;
        - ``comparison``: what it was compared with, in words;
        - ``n``: the articles (or pairs, files) behind the value;
        - ``sentence``: the finding as a reader sees it;
        - ``evidence``: a tuple of at most :data:`MAX_EVIDENCE` references, each a tuple
          ``("article", id)``, ``("line", id, line_no)``, ``("pair", id_a, id_b)``,
          ``("term", term)`` or ``("file", path)`` (:func:`format_evidence` spells them).

        Rows come in the order of :data:`FINDING_KINDS` groups: rates, republication,
        stray strings, terms, small samples, load problems.

    Examples
    --------
    >>> import pandas as pd
    >>> body = "The harbour board met on Monday to discuss the new ferry timetable."
    >>> arts = pd.DataFrame({
    ...     "article_id": [f"{o}{i}" for o in "AB" for i in range(6)] + ["C0"],
    ...     "outlet": ["A"] * 6 + ["B"] * 6 + ["C"],
    ...     "text": [f"Share this\\nSubscribe now\\nSign in\\n{body} Story {i}." for i in range(6)]
    ...             + [f"{body} Item {i}." for i in range(6)] + [body]})
    >>> found = findings(arts, reuse=pd.DataFrame(), keyness=pd.DataFrame())
    >>> found[["kind", "outlets", "statistic"]].head(2).values.tolist()
    [['highest', ('A',), 'boilerplate_ratio'], ['lowest', ('B',), 'boilerplate_ratio']]
    >>> print(found["sentence"][0])  # doctest: +ELLIPSIS
    A has the highest boilerplate ratio: ...% [...] over its 6 articles; its interval lies above ...
    >>> print(found.loc[found["kind"] == "small_sample", "sentence"].iloc[0])  # doctest: +ELLIPSIS
    C has only 1 article: too few to compare ...
    """
    from toolkit.stats.summary import article_stats, outlet_stats

    arts = as_articles(data, copy=False)
    if stats is None:
        stats = article_stats(data)
    if outlet_summary is None:
        outlet_summary = outlet_stats(stats, n_boot=n_boot, seed=seed, rates=tuple(rates))
    counts = arts["outlet"].astype(str).value_counts().sort_index()
    n_outlets = len(counts)
    if reuse is None and n_outlets > 1:
        from toolkit.stats.reuse import near_duplicates

        reuse = near_duplicates(data)
    if keyness is None and n_outlets > 1:
        from toolkit.stats.keywords import keyness_table

        keyness = keyness_table(data)
    if stray is None:
        stray = _stray_lines(arts, stats)
    rules: list[Callable[[], list[_Finding]]] = [
        *(
            (lambda rate=rate: _rate_findings(outlet_summary, stats, rate, min_articles))
            for rate in rates
        ),
        lambda: _reuse_findings(_as_pairs(reuse), n_outlets, min_pairs),
        lambda: _stray_findings(stray, counts),
        lambda: _term_findings(
            _as_keyness(keyness), counts, top_terms=top_terms, min_articles=min_articles
        ),
        lambda: _small_samples(counts, min_articles),
        lambda: _load_findings(data, arts),
    ]
    rows = [f for rule in rules for f in rule()]
    frame = pd.DataFrame(
        {
            "kind": pd.Series([f.kind for f in rows], dtype=object),
            "outlets": pd.Series([f.outlets for f in rows], dtype=object),
            "statistic": pd.Series([f.statistic for f in rows], dtype=object),
            "value": pd.Series([f.value for f in rows], dtype="float64"),
            "interval_low": pd.Series([f.interval_low for f in rows], dtype="float64"),
            "interval_high": pd.Series([f.interval_high for f in rows], dtype="float64"),
            "comparison": pd.Series([f.comparison for f in rows], dtype=object),
            "n": pd.Series([f.n for f in rows], dtype="int64"),
            "sentence": pd.Series([f.sentence for f in rows], dtype=object),
            "evidence": pd.Series([f.evidence for f in rows], dtype=object),
        }
    )
    return frame[list(FINDING_COLUMNS)]


def _as_pairs(reuse: pd.DataFrame | None) -> pd.DataFrame | None:
    """A near-duplicate table, or None when none was given or it lacks the columns."""
    if reuse is None:
        return None
    needed = {"article_id_a", "article_id_b", "outlet_a", "outlet_b", "source_outlet"}
    if reuse.empty and not needed <= set(reuse.columns):
        return reuse  # an empty table: no pair
    return reuse if needed <= set(reuse.columns) else None


def _as_keyness(keyness: pd.DataFrame | None) -> pd.DataFrame | None:
    needed = {"term", "target", "reference", "g2", "p_value", "n_target_articles"}
    if keyness is None or not needed <= set(keyness.columns):
        return None
    return keyness


def format_evidence(item: Sequence[Any]) -> str:
    """One evidence reference of :func:`findings` in words.

    Parameters
    ----------
    item : tuple
        ``("article", id)``, ``("line", id, line_no)``, ``("pair", id_a, id_b)``,
        ``("term", term)`` or ``("file", path)``.

    Returns
    -------
    str
        ``"article 001"``, ``"line 12 of 001"``, ``"001 → 002"``, ``"term “x”"``,
        ``"file a.txt"``.

    Examples
    --------
    >>> format_evidence(("line", "001", 12)), format_evidence(("pair", "a", "b"))
    ('line 12 of 001', 'a → b')
    """
    kind, *rest = item
    if kind == "line":
        return f"line {rest[1]} of {rest[0]}"
    if kind == "pair":
        return f"{rest[0]} → {rest[1]}"
    if kind == "term":
        return f"term “{rest[0]}”"
    return f"{kind} {rest[0]}" if rest else str(kind)
