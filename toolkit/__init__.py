"""toolkit: load, measure and compare corpora of scraped news articles.

The public API is flat: ``import toolkit`` and call ``toolkit.load_corpus``,
``toolkit.article_stats`` and so on. Submodules are imported on first use, so
``import toolkit`` is cheap and never imports matplotlib or ipywidgets (charts live in
:mod:`toolkit.plots`, widget apps in :mod:`toolkit.widgets`).

Examples
--------
>>> import toolkit
>>> "load_corpus" in toolkit.__all__
True
"""

from __future__ import annotations

import importlib
from typing import Any

__version__ = "0.1.0"

_LAZY: dict[str, str] = {
    # loading
    "Corpus": "toolkit.corpus",
    "load_corpus": "toolkit.corpus",
    "EmptyCorpusWarning": "toolkit.corpus",
    "LoadError": "toolkit.corpus",
    "as_articles": "toolkit.schema",
    "split_lines": "toolkit.text",
    "normalize_for_matching": "toolkit.text",
    # what the pages themselves tell (load_corpus uses them where the source is silent)
    "find_dates": "toolkit.io.dates",
    "detect_language": "toolkit.io.language",
    "infer_sites": "toolkit.io.sites",
    # quality statistics
    "label_lines": "toolkit.stats.summary",
    "article_stats": "toolkit.stats.summary",
    "outlet_stats": "toolkit.stats.summary",
    "strip_boilerplate": "toolkit.stats.summary",
    "article_texts": "toolkit.stats.summary",
    "clear_cache": "toolkit.stats.summary",
    "near_duplicates": "toolkit.stats.reuse",
    "gopher_repetition": "toolkit.stats.repetition",
    "BoilerplateDetector": "toolkit.stats.boilerplate",
    "boilerplate_fingerprint": "toolkit.stats.boilerplate",
    "script_profile": "toolkit.stats.scripts",
    "mark_stray": "toolkit.stats.scripts",
    "fix_mojibake": "toolkit.stats.scripts",
    "mark_repeats": "toolkit.stats.repetition",
    # exports (no matplotlib at import time)
    "save_figure": "toolkit.export",
    "write_table": "toolkit.export",
    "build_report": "toolkit.report",
    # findings: what the statistics show, in sentences
    "findings": "toolkit.findings_rules",
    # keywords
    "tokenize": "toolkit.stats.keywords",
    "stopwords": "toolkit.stats.keywords",
    "keyword_frequencies": "toolkit.stats.keywords",
    "keyness": "toolkit.stats.keywords",
    "keyness_table": "toolkit.stats.keywords",
    "term_counts": "toolkit.stats.keywords",
    "KeywordCounts": "toolkit.stats.keywords",
    "tokenize_series": "toolkit.stats.keywords",
    "concordance": "toolkit.stats.keywords",
    "collocations": "toolkit.stats.keywords",
    "keyword_trends": "toolkit.stats.keywords",
    "keyness_raw_clean": "toolkit.stats.keywords",
    "excluded_terms": "toolkit.stats.keywords",
}

__all__ = sorted([*_LAZY, "__version__"])


def __getattr__(name: str) -> Any:
    module = _LAZY.get(name)
    if module is None:
        raise AttributeError(f"module 'toolkit' has no attribute {name!r}")
    value = getattr(importlib.import_module(module), name)
    globals()[name] = value
    return value


def __dir__() -> list[str]:
    return __all__
