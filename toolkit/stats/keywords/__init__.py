"""Keyword statistics: what each outlet writes about, and how differently.

The pipeline is ``articles -> texts (clean by default) -> tokens -> counts -> tables``:

* :func:`tokenize` / :func:`tokenize_series` turn text into word tokens;
* :func:`term_counts` counts every term (word or n-gram) once per group of articles
  (an outlet, by default) into a :class:`KeywordCounts` object, built once;
* :func:`keyword_frequencies` and :func:`keyness` / :func:`keyness_table` read that
  object (``keyness`` for one pair of outlets takes milliseconds once counts exist);
  by default they show content: numbers, dates, fragments, the outlets' own names and
  domains and their template vocabulary are left out (:func:`excluded_terms` says what
  and why; ``keep_artifacts=True`` shows everything), keyness carries each term's
  dispersion (Gries' DP) and leaves out one article's pet words, compares an outlet with
  those of its language, and counts the forms of a word as one with ``stem=True``;
* :func:`keyness_raw_clean` puts the keyness of the raw and of the clean text side by
  side: what boilerplate does to the comparison;
* :func:`concordance` shows a term in context, :func:`collocations` finds word pairs
  that belong together, :func:`keyword_trends` follows terms over time.


The package has one module per step; every public name is importable from here:

* :mod:`~toolkit.stats.keywords.tokens`: the token definition, stop words, the
  vocabulary and the chunk-by-chunk token stream;
* :mod:`~toolkit.stats.keywords.counts`: :class:`KeywordCounts`, :func:`term_counts`,
  :func:`merge_counts` (sum of partial counts) and :func:`keyword_frequencies`;
* :mod:`~toolkit.stats.keywords.content`: what counts as an artifact, not content;
* :mod:`~toolkit.stats.keywords.stems`: the Snowball stems;
* :mod:`~toolkit.stats.keywords.keyness`: the statistics and :func:`keyness`,
  :func:`keyness_table`, :func:`keyness_raw_clean`, :func:`excluded_terms`;
* :mod:`~toolkit.stats.keywords.context`: :func:`concordance`, :func:`collocations`,
  :func:`keyword_trends`.

Examples
--------
>>> import pandas as pd
>>> arts = pd.DataFrame({
...     "article_id": ["1", "2", "3"],
...     "outlet": ["Herald", "Herald", "Courier"],
...     "text": ["The harbour flooded again.", "Harbour repairs begin.", "Wheat prices rose."],
... })
>>> keyword_frequencies(arts, text="raw", top=1)[["outlet", "term", "n"]].values.tolist()
[['Courier', 'prices', 1], ['Herald', 'harbour', 2]]
"""

from __future__ import annotations

from toolkit.stats.keywords.content import ARTIFACT_REASONS
from toolkit.stats.keywords.context import collocations, concordance, keyword_trends
from toolkit.stats.keywords.counts import (
    KeywordCounts,
    keyword_frequencies,
    merge_counts,
    term_counts,
)
from toolkit.stats.keywords.keyness import (
    KEYNESS_COLUMNS,
    RAW_CLEAN_COLUMNS,
    dp_threshold,
    excluded_terms,
    keyness,
    keyness_raw_clean,
    keyness_table,
    log_likelihood_g2,
    log_odds_z,
    log_ratio,
)
from toolkit.stats.keywords.stems import stem_words
from toolkit.stats.keywords.tokens import TOKEN_PATTERN, stopwords, tokenize, tokenize_series

__all__ = [
    "ARTIFACT_REASONS",
    "KEYNESS_COLUMNS",
    "RAW_CLEAN_COLUMNS",
    "TOKEN_PATTERN",
    "KeywordCounts",
    "collocations",
    "concordance",
    "dp_threshold",
    "excluded_terms",
    "keyness",
    "keyness_raw_clean",
    "keyness_table",
    "keyword_frequencies",
    "keyword_trends",
    "log_likelihood_g2",
    "log_odds_z",
    "log_ratio",
    "merge_counts",
    "stem_words",
    "stopwords",
    "term_counts",
    "tokenize",
    "tokenize_series",
]
