"""Keyness: which terms are key to one outlet against others.

Keyness
-------
For a term with ``a`` occurrences in the target (``c`` word tokens in all) and ``b`` in
the reference (``d`` tokens), following Rayson & Garside (2000) and Hardie (2014):

* ``E1 = c (a + b) / (c + d)``, ``E2 = d (a + b) / (c + d)``,
  ``G2 = 2 (a ln(a / E1) + b ln(b / E2))`` with ``0 ln 0 = 0``; ``g2`` carries the sign
  ``+`` when the term is relatively more frequent in the target (``a/c > b/d``);
* ``p_value`` = upper tail of chi-squared with 1 degree of freedom at ``|G2|``
  (``erfc(sqrt(|G2| / 2))``);
* ``log_ratio = log2((a / c) / (b / d))``; when ``a`` or ``b`` is 0, **0.5 is added to
  both** ``a`` and ``b`` for that term (only then); NaN when ``c`` or ``d`` is 0;
* ``log_odds_z`` (optional): Monroe, Colaresi & Quinn (2008) weighted log-odds ratio with
  an informative Dirichlet prior from the whole corpus, ``alpha_w = prior * y_w`` where
  ``y_w`` is the term's count over all groups, ``alpha_0 = prior * N`` (``N`` all tokens):
  ``delta = ln((a + alpha_w) / (c + alpha_0 - a - alpha_w)) -
  ln((b + alpha_w) / (d + alpha_0 - b - alpha_w))``, ``z = delta / sqrt(1 / (a + alpha_w)
  + 1 / (b + alpha_w))``.

Examples
--------
>>> round(float(log_ratio(10, 5, 1000, 2000)[0]), 4)
2.0
"""

from __future__ import annotations

import math
from collections.abc import Iterable
from typing import Any, Literal

import numpy as np
import pandas as pd

from toolkit.stats.keywords.content import ARTIFACT_REASONS
from toolkit.stats.keywords.counts import (
    KeywordCounts,
    ensure_counts,
    surface_forms,
    term_counts,
)

__all__ = [
    "KEYNESS_COLUMNS",
    "RAW_CLEAN_COLUMNS",
    "dp_threshold",
    "excluded_terms",
    "keyness",
    "keyness_raw_clean",
    "keyness_table",
    "log_likelihood_g2",
    "log_odds_z",
    "log_ratio",
]

# --------------------------------------------------------------------------- keyness

KEYNESS_COLUMNS: tuple[str, ...] = (
    "term",
    "target",
    "reference",
    "n_target",
    "n_reference",
    "g2",
    "log_ratio",
    "p_value",
    "n_target_articles",
    "dp",
)


def _chi2_sf_1df(g2: np.ndarray) -> np.ndarray:
    """Upper tail of chi-squared with 1 df: ``erfc(sqrt(x / 2))``."""
    return _erfc(np.sqrt(np.abs(np.asarray(g2, dtype="float64")) / 2.0))


# Cephes' erfc (S. L. Moshier, ndtr.c), the one scipy.special.erfc computes: erf's
# rational T/U below 1, erfc = exp(-x**2) P/Q below 8 and exp(-x**2) R/S above.
_ERFC_P = (
    2.46196981473530512524e-10,
    5.64189564831068821977e-1,
    7.46321056442269912687e0,
    4.86371970985681366614e1,
    1.96520832956077098242e2,
    5.26445194995477358631e2,
    9.34528527171957607540e2,
    1.02755188689515710272e3,
    5.57535335369399327526e2,
)
_ERFC_Q = (  # leading coefficient 1
    1.32281951154744992508e1,
    8.67072140885989742329e1,
    3.54937778887819891062e2,
    9.75708501743205489753e2,
    1.82390916687909736289e3,
    2.24633760818710981792e3,
    1.65666309194161350182e3,
    5.57535340817727675546e2,
)
_ERFC_R = (
    5.64189583547755073984e-1,
    1.27536670759978104416e0,
    5.01905042251180477414e0,
    6.16021097993053585195e0,
    7.40974269950448939160e0,
    2.97886665372100240670e0,
)
_ERFC_S = (  # leading coefficient 1
    2.26052863220117276590e0,
    9.39603524938001434673e0,
    1.20489539808096656605e1,
    1.70814450747565897222e1,
    9.60896809063285878198e0,
    3.36907645100081516050e0,
)
_ERF_T = (
    9.60497373987051638749e0,
    9.00260197203842689217e1,
    2.23200534594684319226e3,
    7.00332514112805075473e3,
    5.55923013010394962768e4,
)
_ERF_U = (  # leading coefficient 1
    3.35617141647503099647e1,
    5.21357949780152679795e2,
    4.59432382970980127987e3,
    2.26290000613890934246e4,
    4.92673942608635921086e4,
)
_MAXLOG = 7.09782712893383996843e2
_exp = np.frompyfunc(math.exp, 1, 1)


def _horner(x: np.ndarray, coef: tuple[float, ...], *, monic: bool = False) -> np.ndarray:
    """``coef[0] x**n + ... + coef[n]`` (with a leading ``x**(n+1)`` when ``monic``)."""
    y = x + coef[0] if monic else np.full_like(x, coef[0])
    for c in coef[1:]:
        y *= x
        y += c
    return y


#: Values per block of :func:`_erfc` (its temporaries stay in the CPU cache).
_ERFC_BLOCK = 1 << 15


def _erfc(x: Any) -> np.ndarray:
    """Complementary error function ``erfc(x)`` of ``x >= 0``, element-wise.

    Cephes' rational approximations, with the same operations in the same order as
    ``scipy.special.erfc``, whose values it returns bit for bit; ``exp(-x**2)`` comes
    from :func:`math.exp` (the C library's, which SciPy calls too: numpy's own ``exp``
    can differ in the last bit), needed only for ``x >= 1``. Within 1e-13 (relative) of
    :func:`math.erfc` while the result is a normal double (``x`` up to about 26.2),
    subnormal beyond, 0 once ``x**2 > 709.78``; NaN stays NaN.

    Parameters
    ----------
    x : array_like
        Non-negative values.

    Returns
    -------
    numpy.ndarray
        ``float64`` values in [0, 1], of the shape of ``x`` (at least 1-D).

    Examples
    --------
    >>> bool(abs(_erfc([0.5])[0] - math.erfc(0.5)) < 1e-15)
    True
    >>> _erfc([0.0, 30.0]).tolist()
    [1.0, 0.0]
    """
    x = np.atleast_1d(np.asarray(x, dtype="float64"))
    flat = x.ravel()
    out = np.empty_like(flat)
    for lo in range(0, len(flat), _ERFC_BLOCK):
        out[lo : lo + _ERFC_BLOCK] = _erfc_block(flat[lo : lo + _ERFC_BLOCK])
    return out.reshape(x.shape)


def _erfc_block(x: np.ndarray) -> np.ndarray:
    """:func:`_erfc` of one 1-D block."""
    out = np.empty_like(x)
    small = x < 1.0
    xs = x[small]
    z = xs * xs
    out[small] = 1.0 - xs * _horner(z, _ERF_T) / _horner(z, _ERF_U, monic=True)
    rest = ~small
    if rest.any():
        xl = x[rest]
        minus_sq = -xl * xl
        e = _exp(minus_sq).astype("float64")
        y = np.empty_like(xl)
        mid = xl < 8.0
        with np.errstate(invalid="ignore"):  # 0 * inf at x = inf, set to 0 below
            for part, num, den in ((mid, _ERFC_P, _ERFC_Q), (~mid, _ERFC_R, _ERFC_S)):
                v = xl[part]
                y[part] = e[part] * _horner(v, num) / _horner(v, den, monic=True)
        y[minus_sq < -_MAXLOG] = 0.0
        out[rest] = y
    return out


def log_likelihood_g2(a: Any, b: Any, c: float, d: float) -> np.ndarray:
    """Signed log-likelihood G2 of Rayson & Garside (2000) for counts ``a`` vs ``b``.

    ``c`` and ``d`` are the sizes (word tokens) of the target and reference corpora.
    Positive when ``a / c > b / d``.

    Examples
    --------
    >>> round(float(log_likelihood_g2(10, 5, 1000, 2000)[0]), 4)  # 2 * 5 * ln 2
    6.9315
    """
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    total = float(c) + float(d)
    if total <= 0:
        return np.zeros(np.broadcast(a, b).shape)
    e1 = float(c) * (a + b) / total
    e2 = float(d) * (a + b) / total
    with np.errstate(divide="ignore", invalid="ignore"):
        t1 = np.where(a > 0, a * np.log(a / e1), 0.0)
        t2 = np.where(b > 0, b * np.log(b / e2), 0.0)
    g2 = np.maximum(2.0 * (t1 + t2), 0.0)
    sign = np.sign(a * float(d) - b * float(c))
    return np.asarray(g2 * sign, dtype="float64")


def log_ratio(a: Any, b: Any, c: float, d: float) -> np.ndarray:
    """Hardie's (2014) Log Ratio ``log2((a / c) / (b / d))``, zero counts smoothed.

    Where ``a`` or ``b`` is 0, 0.5 is added to both (only for those terms). NaN when
    ``c`` or ``d`` is 0.

    Examples
    --------
    >>> log_ratio([10, 0], [5, 4], 1000, 2000).round(4).tolist()
    [2.0, -2.1699]
    """
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    if c <= 0 or d <= 0:
        return np.full(np.broadcast(a, b).shape, np.nan)
    zero = (a == 0) | (b == 0)
    a = np.where(zero, a + 0.5, a)
    b = np.where(zero, b + 0.5, b)
    return np.asarray(np.log2((a / float(c)) / (b / float(d))), dtype="float64")


def log_odds_z(a: Any, b: Any, c: float, d: float, alpha: Any, alpha0: float) -> np.ndarray:
    """Monroe, Colaresi & Quinn (2008) z-score of the weighted log-odds ratio.

    ``alpha`` is the per-term Dirichlet prior, ``alpha0`` its sum.

    Examples
    --------
    >>> round(float(log_odds_z(10, 5, 1000, 2000, 15, 3000)[0]), 4)
    1.4952
    """
    a = np.atleast_1d(np.asarray(a, dtype="float64"))
    b = np.atleast_1d(np.asarray(b, dtype="float64"))
    alpha = np.asarray(alpha, dtype="float64")
    with np.errstate(divide="ignore", invalid="ignore"):
        om_t = np.log((a + alpha) / (float(c) + alpha0 - a - alpha))
        om_r = np.log((b + alpha) / (float(d) + alpha0 - b - alpha))
        var = 1.0 / (a + alpha) + 1.0 / (b + alpha)
        return np.asarray((om_t - om_r) / np.sqrt(var), dtype="float64")


def _empty_keyness(with_log_odds: bool, stem: bool = False) -> pd.DataFrame:
    cols: dict[str, pd.Series] = {
        "term": pd.Series(dtype=object),
        "target": pd.Series(dtype=object),
        "reference": pd.Series(dtype=object),
        "n_target": pd.Series(dtype="int64"),
        "n_reference": pd.Series(dtype="int64"),
        "g2": pd.Series(dtype="float64"),
        "log_ratio": pd.Series(dtype="float64"),
        "p_value": pd.Series(dtype="float64"),
        "n_target_articles": pd.Series(dtype="int64"),
        "dp": pd.Series(dtype="float64"),
    }
    if with_log_odds:
        cols["log_odds_z"] = pd.Series(dtype="float64")
    if stem:
        cols["stem"] = pd.Series(dtype=object)
        cols["forms"] = pd.Series(dtype=object)
    out = pd.DataFrame(cols)
    out.attrs["notes"] = []
    return out


def dp_threshold(max_dp: float | Literal["auto"] | None, n_docs: int) -> float | None:
    """The largest DP a target-side term may have (None: no limit).

    ``"auto"`` is ``max(1 - 2 / n_docs, 0.5)``: a term must be spread at least as evenly
    as one found, in equal parts, in two average-sized articles of the target; so the
    pet word of one article (``DP = 1 - s_i``, above that unless the article is twice
    the average size) does not lead. With many articles the limit comes close to 1 and
    keeps every term found in more than a couple of articles.

    Examples
    --------
    >>> dp_threshold("auto", 16), dp_threshold("auto", 3), dp_threshold(0.8, 16)
    (0.875, 0.5, 0.8)
    >>> dp_threshold(None, 16) is None, dp_threshold("auto", 1) is None
    (True, True)
    """
    if max_dp is None:
        return None
    if isinstance(max_dp, str):
        if max_dp != "auto":
            raise ValueError(f'max_dp must be a number, "auto" or None, not {max_dp!r}')
        return max(1.0 - 2.0 / n_docs, 0.5) if n_docs > 1 else None
    return float(max_dp)


def _reference_vector(counts: KeywordCounts, refs: list[Any]) -> tuple[np.ndarray, float]:
    """Summed counts and word tokens of the groups ``refs``."""
    if len(refs) <= 8:
        rvec = np.zeros(len(counts.terms), dtype=np.int64)
        for r in refs:
            rvec += counts.vector(r)
    else:  # many groups: one pass over the table
        pos = np.array([counts.group_position(r) for r in refs], dtype=np.int64)
        mine = np.isin(counts.group_idx, pos)
        rvec = np.bincount(
            counts.term_idx[mine], weights=counts.n[mine], minlength=len(counts.terms)
        ).astype(np.int64)
    d = float(sum(float(counts.n_words[counts.group_position(r)]) for r in refs))
    return rvec, d


_SCRIPTS = {1: "Latin", 2: "Cyrillic", 3: "other"}


def _references(
    counts: KeywordCounts, target: Any, reference: Any, language: str
) -> tuple[list[Any], Any, bool, list[str]]:
    """``(reference groups, label, named, notes)`` of a comparison."""
    notes: list[str] = []
    labels = counts.groups.tolist()
    lang = counts.group_language(target)
    what = counts.group_column
    if isinstance(reference, str) and reference == "rest":  # a list names outlets
        others = [g for g in labels if g != target]
        if language == "same" and lang is not None:
            same = [g for g in others if counts.group_language(g) == lang]
            if same:
                if len(same) < len(others):
                    left = [g for g in others if g not in same]
                    notes.append(
                        f"{target} is compared with the other {what}s in its language "
                        f"({lang}), not with {', '.join(map(str, left))}."
                    )
                others = same
            elif others:
                notes.append(
                    f"No other {what} writes mainly in {lang}: {target} is compared with "
                    f"all the others, on the terms in its own script only, so with "
                    f"nothing to share its key terms are, in effect, its most frequent ones."
                )
        return others, "rest", False, notes
    several = isinstance(reference, list | tuple | set | frozenset)
    refs = list(reference) if several else [reference]
    for r in refs:
        counts.group_position(r)  # raises for an unknown group
    if language == "same" and lang is not None:
        other = [r for r in refs if counts.group_language(r) not in (lang, None)]
        if other:
            notes.append(
                f"{target} ({lang}) is compared with {', '.join(map(str, other))} in another "
                "language: they share few terms."
            )
    return refs, " + ".join(map(str, refs)) if several else reference, True, notes


def _forms(
    counts: KeywordCounts, key: np.ndarray, weight: np.ndarray, wanted: np.ndarray
) -> np.ndarray:
    """For each key of ``wanted``: its forms, most used first, joined by ", "."""
    sel = np.flatnonzero(np.isin(key, wanted) & (weight > 0))
    frame = pd.DataFrame(
        {
            "k": key[sel],
            "w": -weight[sel],
            "r": counts.term_rank()[sel],
            "term": pd.Series(counts.terms[sel], dtype=object),
        }
    ).sort_values(["k", "w", "r"])
    joined = frame.groupby("k", sort=True)["term"].agg(", ".join)
    return np.asarray(joined.reindex(wanted).fillna("").to_numpy(), dtype=object)


def _keyness_pair(
    counts: KeywordCounts,
    target: Any,
    reference: Any,
    *,
    stop_words: Any,
    min_count: int,
    method: str,
    prior: float,
    with_log_odds: bool,
    keep_artifacts: bool = True,
    exclude: Iterable[str] = (),
    max_dp: float | Literal["auto"] | None = None,
    stem: bool = False,
    language: str = "any",
) -> pd.DataFrame:
    g = counts.group_position(target)
    refs, ref_label, named, notes = _references(counts, target, reference, language)
    tvec = counts.vector(target)
    tart = counts.vector(target, articles=True)
    c = float(counts.n_words[g])
    if not named and len(refs) == len(counts.groups) - 1:  # all the others
        rvec = counts.total_n - tvec
        d = float(counts.n_words.sum()) - c
    else:
        rvec, d = _reference_vector(counts, refs)
    compared = [target, *refs]
    keep = ~counts.stop_mask(stop_words, compared)
    if not keep_artifacts:
        keep &= counts.artifact_codes([target, *(refs if named else [])], exclude) == 0
    if language == "same":
        scripts = counts.term_scripts
        by_script = np.bincount(scripts, weights=tvec, minlength=4)[1:]
        if by_script.sum() > 0:  # terms without a letter are not a script's
            keep &= (scripts == 1 + int(np.argmax(by_script))) | (scripts == 0)
    least = max(min_count, 1)
    extra: dict[str, np.ndarray] = {}
    if stem:
        key_all, stems = counts.stem_keys(counts.group_language(target) or "en")
        n_keys = len(stems)
        key = np.where(keep, key_all, -1)
        sel = key >= 0
        a_all = np.bincount(key[sel], weights=tvec[sel], minlength=n_keys)
        b_all = np.bincount(key[sel], weights=rvec[sel], minlength=n_keys)
        idx = np.flatnonzero(a_all + b_all >= least)
        shown = surface_forms(key, tvec + rvec, counts.term_rank(), n_keys)[idx]
        a, b = a_all[idx], b_all[idx]
        dp_all, art_all = counts.dispersion(target, key, n_keys)
        if counts.has_articles:
            n_target_articles = art_all[idx]
        else:  # an upper bound: an article with two forms counts twice, capped
            summed = np.bincount(key[sel], weights=tart[sel], minlength=n_keys)
            n_target_articles = np.minimum(summed[idx].astype(np.int64), counts.n_docs[g])
        dp = dp_all[idx]
        total = np.bincount(key[sel], weights=counts.total_n[sel], minlength=n_keys)[idx]
        terms, rank = counts.terms[shown], counts.term_rank()[shown]
        extra = {"stem": stems[idx], "forms": _forms(counts, key, tvec + rvec, idx)}
    else:
        idx = np.flatnonzero(keep & (tvec + rvec >= least))
        a, b = tvec[idx].astype("float64"), rvec[idx].astype("float64")
        n_target_articles = tart[idx]
        dp = counts.dispersion(target)[0][idx] if counts.has_articles else np.full(len(idx), np.nan)
        total = counts.total_n[idx].astype("float64")
        terms, rank = counts.terms[idx], counts.term_rank()[idx]
    g2 = log_likelihood_g2(a, b, c, d)
    limit = dp_threshold(max_dp, int(counts.n_docs[g]))
    if limit is not None:
        if not counts.has_articles:
            notes.append("No article counts (dispersion=False): no dispersion filter.")
        ok = ~((g2 > 0) & (dp > limit + 1e-12))  # NaN DP: kept
        if not ok.all():
            a, b, g2, dp, total = a[ok], b[ok], g2[ok], dp[ok], total[ok]
            terms, rank, n_target_articles = terms[ok], rank[ok], n_target_articles[ok]
            extra = {k: v[ok] for k, v in extra.items()}
    lr = log_ratio(a, b, c, d)
    out: dict[str, np.ndarray] = {
        "term": np.asarray(terms, dtype=object),
        "target": np.full(len(a), target, dtype=object),
        "reference": np.full(len(a), ref_label, dtype=object),
        "n_target": a.astype(np.int64),
        "n_reference": b.astype(np.int64),
        "g2": g2,
        "log_ratio": lr,
        "p_value": _chi2_sf_1df(g2),
        "n_target_articles": np.asarray(n_target_articles, dtype=np.int64),
        "dp": np.asarray(dp, dtype="float64"),
    }
    if with_log_odds or method == "log_odds":
        alpha = prior * np.asarray(total, dtype="float64")
        alpha0 = prior * float(counts.n_words.sum())
        out["log_odds_z"] = log_odds_z(a, b, c, d, alpha, alpha0)
    out.update(extra)
    sort_key = {"g2": g2, "log_ratio": lr, "log_odds": out.get("log_odds_z", g2)}[method]
    order = np.lexsort((rank, -np.nan_to_num(sort_key, nan=-np.inf)))
    # object columns built directly: letting pandas infer its Arrow string dtype for
    # 10^5 terms costs more than the whole statistic
    frame = pd.DataFrame(
        {
            k: pd.Series(v[order], dtype=object if v.dtype == object else v.dtype, copy=False)
            for k, v in out.items()
        }
    )
    frame.attrs["notes"] = notes
    return frame


_Language = Literal["same", "any"]


def keyness(
    data: Any,
    target: Any = None,
    reference: Any = "rest",
    *,
    by: str | None = "outlet",
    text: Literal["clean", "raw"] = "clean",
    ngram: int | tuple[int, int] = 1,
    stop_words: Any = "auto",
    min_count: int = 3,
    method: Literal["g2", "log_ratio", "log_odds"] = "g2",
    prior: float = 1.0,
    with_log_odds: bool = False,
    lower: bool = True,
    keep_artifacts: bool = False,
    exclude: Iterable[str] = (),
    max_dp: float | Literal["auto"] | None = "auto",
    stem: bool = False,
    language: _Language = "same",
) -> pd.DataFrame:
    """Which terms are key to one outlet against the rest (or against another outlet).

    Build the counts once with :func:`term_counts` and pass them as ``data``: then one
    pair takes milliseconds even on a 20,000-article corpus.

    By default the table shows content: artifacts (numbers, dates, fragments, the
    outlets' own names and domains, the target's template vocabulary) are left out
    (``keep_artifacts=True`` shows everything; :func:`excluded_terms` lists what was
    left out and why), a term one article carries does not lead (``max_dp``), and an
    outlet is compared with the outlets of its own language (``language``).

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
        Articles, or counts (then ``by``, ``text``, ``ngram`` and ``lower`` are those of
        the counts).
    target : str or None
        Outlet (group) to characterise, by its name (any name, ``"all"`` included).
        ``None``: every outlet, see :func:`keyness_table` (``reference="rest"`` gives
        each outlet vs the rest, ``reference="pairs"`` adds every ordered pair).
    reference : "rest", str or list of str, default "rest"
        The string ``"rest"``: the other outlets together (with ``language="same"``,
        those of the target's language). Another string: that one outlet. A list:
        those outlets (summed); a list always names outlets, so ``["rest"]`` is an
        outlet called "rest".
    by : str or None, default "outlet"
        Grouping column the labels refer to.
    text, ngram, lower
        As in :func:`keyword_frequencies`.
    stop_words : default "auto"
        As in :func:`keyword_frequencies`.
    min_count : int, default 3
        Keep terms with ``n_target + n_reference >= min_count``.
    method : {"g2", "log_ratio", "log_odds"}, default "g2"
        Sort key (descending). ``"log_odds"`` also adds ``log_odds_z``.
    prior : float, default 1.0
        Scale of the informative Dirichlet prior of ``log_odds_z``:
        ``alpha_w = prior * (count of w in the whole corpus)``.
    with_log_odds : bool, default False
        Add the ``log_odds_z`` column whatever the method.
    keep_artifacts : bool, default False
        The switch to see everything. By default a term is left out when one of its
        words is a number, a date, shorter than two letters, a word of an outlet's name
        or domain, the target's (or a named reference outlet's) template vocabulary, or
        in ``exclude`` (:mod:`~toolkit.stats.keywords.content`).
    exclude : iterable of str, default ()
        More words to leave out.
    max_dp : float, "auto" or None, default "auto"
        Leave out target-side terms (``g2 > 0``) whose dispersion ``dp`` in the target
        is above this; ``"auto"``: :func:`dp_threshold`; None: no limit. Terms key to
        the reference are never left out for it.
    stem : bool, default False
        Count the forms of a word as one term (Snowball stemmers: Russian for Cyrillic
        words, else the target's language or English; :mod:`~toolkit.stats.keywords.stems`).
        ``term`` is then the most frequent form, and ``stem`` and ``forms`` are added.
    language : {"same", "any"}, default "same"
        ``"same"``: ``"rest"`` is the other outlets whose main language (the
        ``language`` column) is the target's, and only terms in the target's main
        script are compared; when no other outlet shares the language, the target is
        compared with all the others and a note says so. ``"any"``: all of them.

    Returns
    -------
    pandas.DataFrame
        One row per term: ``term, target, reference, n_target, n_reference, g2,
        log_ratio, p_value, n_target_articles, dp`` (+ ``log_odds_z``; + ``stem, forms``
        with ``stem``); see the module docstring for the formulas. ``g2 > 0``:
        relatively more frequent in the target. ``dp``: Gries' DP of the term over the
        target's articles (0: spread evenly, near 1: in one article;
        :meth:`KeywordCounts.dispersion`), NaN when it does not occur there. Sorted by
        the method's statistic, descending (ties by term). ``attrs["notes"]`` holds
        what the reader should know about the comparison (a list of sentences).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": list("1234"), "outlet": ["A", "A", "B", "B"],
    ...     "text": ["Harbour harbour storm.", "Harbour storm wind.",
    ...              "Wheat storm prices.", "Wheat prices wind."]})
    >>> k = keyness(arts, "A", text="raw", min_count=2)
    >>> k[["term", "n_target", "n_reference", "g2", "log_ratio", "dp"]].round(3)
          term  n_target  n_reference     g2  log_ratio     dp
    0  harbour         3            0  4.159      2.807  0.167
    1    storm         2            1  0.340      1.000  0.000
    2     wind         1            1  0.000      0.000  0.500
    3   prices         0            2 -2.773     -2.322    NaN
    4    wheat         0            2 -2.773     -2.322    NaN
    """
    if target is None:
        pairs: Literal["rest", "all"] = (
            "all" if isinstance(reference, str) and reference == "pairs" else "rest"
        )
        return keyness_table(
            data,
            pairs=pairs,
            by=by,
            text=text,
            ngram=ngram,
            stop_words=stop_words,
            min_count=min_count,
            method=method,
            prior=prior,
            with_log_odds=with_log_odds,
            lower=lower,
            keep_artifacts=keep_artifacts,
            exclude=exclude,
            max_dp=max_dp,
            stem=stem,
            language=language,
        )
    if method not in ("g2", "log_ratio", "log_odds"):
        raise ValueError(f'method must be "g2", "log_ratio" or "log_odds", not {method!r}')
    if language not in ("same", "any"):
        raise ValueError(f'language must be "same" or "any", not {language!r}')
    dp_threshold(max_dp, 2)  # validates
    counts = ensure_counts(
        data, by=by, ngram=ngram, text=text, lower=lower, templates=not keep_artifacts
    )
    wants_z = with_log_odds or method == "log_odds"
    if len(counts.groups) == 0:
        return _empty_keyness(wants_z, stem)
    return _keyness_pair(
        counts,
        target,
        reference,
        stop_words=stop_words,
        min_count=min_count,
        method=method,
        prior=prior,
        with_log_odds=wants_z,
        keep_artifacts=keep_artifacts,
        exclude=tuple(exclude),
        max_dp=max_dp,
        stem=stem,
        language=language,
    )


def keyness_table(
    data: Any,
    pairs: Literal["rest", "all"] = "rest",
    *,
    by: str | None = "outlet",
    text: Literal["clean", "raw"] = "clean",
    ngram: int | tuple[int, int] = 1,
    stop_words: Any = "auto",
    min_count: int = 3,
    method: Literal["g2", "log_ratio", "log_odds"] = "g2",
    prior: float = 1.0,
    with_log_odds: bool = False,
    lower: bool = True,
    keep_artifacts: bool = False,
    exclude: Iterable[str] = (),
    max_dp: float | Literal["auto"] | None = "auto",
    stem: bool = False,
    language: _Language = "same",
) -> pd.DataFrame:
    """Keyness of every outlet against the rest, and optionally of every pair, in one table.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
        Counted once, whatever the number of comparisons.
    pairs : {"rest", "all"}, default "rest"
        ``"rest"``: each outlet vs all the others (``reference == "rest"``);
        ``"all"``: that, plus every ordered pair of distinct outlets (each pair appears
        in both directions, so filtering on ``target`` gives a complete view).
    by, text, ngram, stop_words, min_count, method, prior, with_log_odds, lower
        As in :func:`keyness`.
    keep_artifacts, exclude, max_dp, stem, language
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        The columns of :func:`keyness`, the comparisons stacked: sorted by ``target``,
        then ``reference`` (``"rest"`` first), then the statistic descending.
        ``attrs["notes"]``: the notes of every comparison.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": list("123"), "outlet": ["A", "B", "C"],
    ...     "text": ["Storm storm.", "Storm wheat.", "Wheat wheat."]})
    >>> t = keyness_table(arts, "all", text="raw", min_count=1)
    >>> t.groupby(["target", "reference"], sort=False).size().to_dict()
    {('A', 'rest'): 2, ('A', 'B'): 2, ('A', 'C'): 2, ('B', 'rest'): 2, ('B', 'A'): 2, ('B', 'C'): 2, ('C', 'rest'): 2, ('C', 'A'): 2, ('C', 'B'): 2}
    """
    if pairs not in ("rest", "all"):
        raise ValueError(f'pairs must be "rest" or "all", not {pairs!r}')
    exclude = tuple(exclude)
    counts = ensure_counts(
        data, by=by, ngram=ngram, text=text, lower=lower, templates=not keep_artifacts
    )
    wants_z = with_log_odds or method == "log_odds"
    frames = []
    labels = counts.groups.tolist()
    for target in labels:
        refs: list[Any] = ["rest"]
        if pairs == "all":
            refs += [r for r in labels if r != target]
        for ref in refs:
            frames.append(
                keyness(
                    counts,
                    target,
                    ref,
                    stop_words=stop_words,
                    min_count=min_count,
                    method=method,
                    prior=prior,
                    with_log_odds=wants_z,
                    keep_artifacts=keep_artifacts,
                    exclude=exclude,
                    max_dp=max_dp,
                    stem=stem,
                    language=language,
                )
            )
    if not frames:
        return _empty_keyness(wants_z, stem)
    notes = [n for f in frames for n in f.attrs.get("notes", [])]
    for f in frames:
        f.attrs = {}
    out = pd.concat(frames, ignore_index=True)
    out.attrs["notes"] = notes
    return out


# --------------------------------------------------------------------------- what is left out

_RULES = {
    "number": "starts with a digit",
    "short": "fewer than two letters",
    "date": "a month, weekday or time-zone word",
    "excluded": "in exclude=",
}


def excluded_terms(
    data: Any,
    target: Any = None,
    *,
    by: str | None = "outlet",
    text: Literal["clean", "raw"] = "clean",
    ngram: int | tuple[int, int] = 1,
    lower: bool = True,
    exclude: Iterable[str] = (),
) -> pd.DataFrame:
    """What the content filter of :func:`keyness` and :func:`keyword_frequencies` leaves
    out of each outlet's table, and why.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or KeywordCounts
        Articles, or counts (then ``by``, ``text``, ``ngram`` and ``lower`` are theirs).
    target : str, optional
        One outlet (group); default: every one.
    by, text, ngram, lower
        As in :func:`keyness`.
    exclude : iterable of str, default ()
        As in :func:`keyness`.

    Returns
    -------
    pandas.DataFrame
        One row per (outlet, term) left out: ``<by>, term, reason`` (one of
        :data:`~toolkit.stats.keywords.content.ARTIFACT_REASONS`), ``word`` (the word of
        the term that is the reason), ``source`` (the rule, the outlet name or host the
        word comes from, or its uses in the outlet's template lines and body), ``n`` and
        ``n_articles`` (in that outlet). By outlet, then reason, then ``n`` descending.
        Stop words are not listed (see :func:`stopwords`).

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["1", "2"], "outlet": ["Herald", "Courier"],
    ...     "url": ["https://herald.example/a", None],
    ...     "text": ["Herald: storm on 4 March.", "Wheat at herald.example, c."]})
    >>> excluded_terms(arts, text="raw")[["outlet", "term", "reason", "source"]]
        outlet     term       reason                              source
    0  Courier        c        short              fewer than two letters
    1  Courier   herald  outlet name                              Herald
    2  Courier  example       domain                      herald.example
    3   Herald        4       number                 starts with a digit
    4   Herald    march         date  a month, weekday or time-zone word
    5   Herald   herald  outlet name                              Herald
    """
    exclude = tuple(exclude)
    counts = ensure_counts(data, by=by, ngram=ngram, text=text, lower=lower, dispersion=False)
    column = counts.group_column
    labels = counts.groups.tolist() if target is None else [target]
    reasons = np.array([None, *ARTIFACT_REASONS], dtype=object)
    rows: list[tuple[Any, ...]] = []
    for label in labels:
        g = counts.group_position(label)
        lo, hi = counts.indptr[g], counts.indptr[g + 1]
        t = counts.term_idx[lo:hi]
        codes = counts.artifact_codes([label], exclude)[t]
        template = counts.template_words(label)
        for j in np.flatnonzero(codes > 0).tolist():
            term = int(t[j])
            reason = str(reasons[codes[j]])
            parts = str(counts.terms[term]).split(" ")
            word_codes = counts.word_reason_codes(parts, [label], exclude)
            word = parts[int(np.flatnonzero(word_codes == codes[j])[0])]
            if reason == "outlet name":
                source = counts.name_words.get(word.lower(), "")
            elif reason == "domain":
                source = counts.domain_words.get(word.lower(), "")
            elif reason == "template":
                used, body = template.get(word, (0, 0))
                source = f"{used} uses in {label}'s template lines, {body} in its body"
            else:
                source = _RULES[reason]
            rows.append(
                (label, counts.terms[term], reason, word, source,
                 int(counts.n[lo + j]), int(counts.n_articles[lo + j]),
                 ARTIFACT_REASONS.index(reason))
            )  # fmt: skip
    frame = pd.DataFrame(
        rows, columns=[column, "term", "reason", "word", "source", "n", "n_articles", "_order"]
    )
    frame = frame.astype({"n": "int64", "n_articles": "int64"})
    frame["_neg"] = -frame["n"]
    frame = frame.sort_values([column, "_order", "_neg", "term"], kind="stable")
    return frame.drop(columns=["_order", "_neg"]).reset_index(drop=True)


# --------------------------------------------------------------------------- raw and clean

RAW_CLEAN_COLUMNS: tuple[str, ...] = (
    "term",
    "target",
    "reference",
    "g2_raw",
    "g2_clean",
    "log_ratio_raw",
    "log_ratio_clean",
    "rank_raw",
    "rank_clean",
    "n_target_raw",
    "n_target_clean",
    "dp_raw",
    "dp_clean",
    "key_in",
)


def _ranked(table: pd.DataFrame, on: str) -> pd.DataFrame:
    """The target-side rows (``g2 > 0``) of a keyness table with their rank (1 = top)."""
    side = table[table["g2"] > 0]
    return pd.DataFrame(
        {
            "key": side[on].to_numpy(dtype=object),
            "shown": side["term"].to_numpy(dtype=object),
            "g2": side["g2"].to_numpy(),
            "log_ratio": side["log_ratio"].to_numpy(),
            "n_target": side["n_target"].to_numpy(),
            "dp": side["dp"].to_numpy(),
            "rank": np.arange(1, len(side) + 1),
        }
    )


def keyness_raw_clean(
    data: Any,
    target: Any,
    reference: Any = "rest",
    *,
    by: str | None = "outlet",
    ngram: int | tuple[int, int] = 1,
    stop_words: Any = "auto",
    min_count: int = 3,
    lower: bool = True,
    keep_artifacts: bool = False,
    exclude: Iterable[str] = (),
    max_dp: float | Literal["auto"] | None = "auto",
    stem: bool = False,
    language: _Language = "same",
    top: int | None = None,
) -> pd.DataFrame:
    """Keyness of one outlet on the raw and on the clean text, side by side: what
    boilerplate did to the comparison.

    The raw text keeps the outlets' template lines, so their words are compared too (the
    template vocabulary is learned from the clean text only); every other setting is
    the same on both sides.

    Parameters
    ----------
    data : Corpus, pandas.DataFrame or (KeywordCounts, KeywordCounts)
        Articles, or the counts of the raw and of the clean text (in that order).
    target, reference
        As in :func:`keyness`.
    by, ngram, stop_words, min_count, lower, keep_artifacts, exclude, max_dp, stem, language
        As in :func:`keyness`.
    top : int, optional
        Keep the terms among the ``top`` key terms of either side (default: all).

    Returns
    -------
    pandas.DataFrame
        One row per term key to the target (``g2 > 0``) on either side:
        :data:`RAW_CLEAN_COLUMNS` (``term, target, reference``, then ``g2``,
        ``log_ratio``, ``rank`` (1 = top), ``n_target`` and ``dp`` of each side with the
        suffix ``_raw`` / ``_clean``, NaN (rank: <NA>) where the term is not key on that
        side, and ``key_in``: ``"both"``, ``"raw"`` (key only because of the page
        around the articles) or ``"clean"`` (hidden by it)); with ``stem``, ``stem`` too.
        Sorted by the better of the two ranks.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": list("abcd"), "outlet": ["A", "A", "B", "B"],
    ...     "text": ["Menu\\n\\nFloods hit the harbour.", "Menu\\n\\nHarbour floods again.",
    ...              "Wheat prices rose.", "Wheat prices fell."]})
    >>> t = keyness_raw_clean(arts, "A", min_count=2)
    >>> t[["term", "rank_raw", "rank_clean", "key_in"]]
          term  rank_raw  rank_clean key_in
    0   floods         1           1   both
    1  harbour         2           2   both
    2     menu         3        <NA>    raw
    """
    exclude = tuple(exclude)
    if isinstance(data, tuple | list) and len(data) == 2:
        raw, clean = data
    else:
        common = {"by": by, "ngram": ngram, "lower": lower}
        raw = term_counts(data, text="raw", templates=False, **common)  # type: ignore[arg-type]
        clean = term_counts(data, text="clean", **common)  # type: ignore[arg-type]
    on = "stem" if stem else "term"
    settings: dict[str, Any] = {
        "stop_words": stop_words,
        "min_count": min_count,
        "keep_artifacts": keep_artifacts,
        "exclude": exclude,
        "max_dp": max_dp,
        "stem": stem,
        "language": language,
    }
    tables = {
        side: keyness(c, target, reference, **settings)
        for side, c in (("raw", raw), ("clean", clean))
    }
    merged = _ranked(tables["raw"], on).merge(
        _ranked(tables["clean"], on), on="key", how="outer", suffixes=("_raw", "_clean")
    )
    if top is not None:
        merged = merged[(merged["rank_raw"] <= top) | (merged["rank_clean"] <= top)]
    both = merged["rank_raw"].notna() & merged["rank_clean"].notna()
    best = np.fmin(merged["rank_raw"].to_numpy(float), merged["rank_clean"].to_numpy(float))
    merged = merged.assign(
        _best=best,
        _clean=merged["rank_clean"].fillna(np.inf),
        term=merged["shown_clean"].where(merged["shown_clean"].notna(), merged["shown_raw"]),
        key_in=np.where(both, "both", np.where(merged["rank_raw"].notna(), "raw", "clean")),
    ).sort_values(["_best", "_clean", "term"], kind="stable")
    ref_label = next(
        (t["reference"].iloc[0] for t in tables.values() if len(t)),
        reference if isinstance(reference, str) else " + ".join(map(str, reference)),
    )
    out = pd.DataFrame(
        {
            "term": merged["term"].to_numpy(dtype=object),
            "target": np.full(len(merged), target, dtype=object),
            "reference": np.full(len(merged), ref_label, dtype=object),
        }
    )
    for stat in ("g2", "log_ratio", "rank", "n_target", "dp"):
        for side in ("raw", "clean"):
            values = merged[f"{stat}_{side}"].reset_index(drop=True)
            out[f"{stat}_{side}"] = (
                values.astype("Int64") if stat in ("rank", "n_target") else values.astype(float)
            )
    out["key_in"] = merged["key_in"].to_numpy(dtype=object)
    out = out[list(RAW_CLEAN_COLUMNS)]
    if stem:
        out["stem"] = merged["key"].to_numpy(dtype=object)
    out.attrs["notes"] = [n for t in tables.values() for n in t.attrs.get("notes", [])]
    return out.reset_index(drop=True)
