"""The one vocabulary: every column of the statistics tables named once, with its label."""

from __future__ import annotations

import pandas as pd
import pytest

from toolkit import schema
from toolkit.schema import (
    ARTICLE_STATS_COLUMNS,
    FRACTION_COLUMNS,
    GOPHER_COLUMNS,
    HEADLINE_RATES,
    METRIC_ALIASES,
    METRICS,
    STAT_SUFFIXES,
    STRAY_KIND_LABELS,
    STRAY_KIND_PRIORITY,
    STRAY_KINDS,
    Metric,
)

PARA = "Firefighters contained the blaze near the old mill by Sunday night."


@pytest.fixture(scope="module")
def tiny_tables() -> dict[str, pd.DataFrame]:
    from toolkit.stats.keywords import keyness, keyword_frequencies, term_counts
    from toolkit.stats.summary import article_stats, outlet_stats

    arts = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["X", "X", "Y", "Y"],
            "text": [
                f"{PARA}\n\n{PARA}",
                "",
                "Вестник: the council met on Monday.\n\nSubscribe now",
                "Markets rose after the rate cut.\n\nSubscribe now",
            ],
        }
    )
    stats = article_stats(arts, cache=False, progress=False)
    counts = term_counts(arts)
    return {
        "article_stats": stats,
        "outlet_stats": outlet_stats(stats, n_boot=20),
        "keyword_frequencies": keyword_frequencies(arts, by="outlet"),
        "keyness": keyness(counts, target="X", reference="rest"),
    }


def test_every_article_stats_column_has_a_metric(tiny_tables):
    columns = list(tiny_tables["article_stats"].columns)
    assert columns == list(ARTICLE_STATS_COLUMNS)
    assert [c for c in columns if c not in METRICS] == []


@pytest.mark.parametrize("table", ["outlet_stats", "keyword_frequencies", "keyness"])
def test_every_column_of_the_other_tables_has_a_label(tiny_tables, table):
    for column in tiny_tables[table].columns:
        m = schema.metric(column)  # registered or derived (<metric>_mean, ...)
        assert m.label and m.label != column, column


def test_labels_are_unique_non_empty_and_not_the_raw_name():
    labels = [m.label for m in METRICS.values()]
    assert all(labels) and len(set(labels)) == len(labels)
    for name, m in METRICS.items():
        assert m.name == name
        assert m.label != name and m.label.strip() == m.label
        assert m.kind in ("fraction", "count", "number", "category", "key", "text", "date")


def test_derived_labels_are_unique_too(tiny_tables):
    columns = tiny_tables["outlet_stats"].columns
    labels = [schema.label(c) for c in columns]
    assert len(set(labels)) == len(labels)
    assert schema.label("repetition_rate_ci_low") == "Repetition rate, CI low"


def test_fractions_are_fractions_with_a_percent_unit():
    for name in (*FRACTION_COLUMNS, "clean_chr_fraction"):
        m = METRICS[name]
        assert m.kind == "fraction" and m.unit.startswith("% of"), name
        assert schema.is_fraction(name) and schema.is_fraction(f"{name}_mean")
    for name in ("n_chars", "n_words", "n_lines", "n_stray_lines", "n_articles"):
        assert METRICS[name].kind == "count" and not schema.is_fraction(name)


def test_constants_are_defined_once_and_reexported():
    from toolkit.stats import repetition, scripts, summary

    assert summary.STRAY_KINDS is STRAY_KINDS
    assert summary.GOPHER_COLUMNS is GOPHER_COLUMNS is repetition.GOPHER_COLUMNS
    assert summary.HEADLINE_RATES is HEADLINE_RATES
    assert summary.FRACTION_COLUMNS is FRACTION_COLUMNS
    # mark_stray's precedence: the same kinds, in priority order
    assert scripts.STRAY_KINDS is STRAY_KINDS and scripts.STRAY_KIND_PRIORITY is STRAY_KIND_PRIORITY
    assert set(STRAY_KIND_PRIORITY) == set(STRAY_KINDS) == set(STRAY_KIND_LABELS)
    assert len(GOPHER_COLUMNS) == 13


def test_stray_kind_labels():
    assert list(STRAY_KIND_LABELS.values()) == [
        "foreign-script UI text",
        "mixed-script word",
        "mojibake",
        "markup",
        "control characters",
    ]
    assert schema.label("n_stray_foreign_script") == "Stray lines: foreign-script UI text"


def test_aliases_resolve_to_the_existing_columns():
    assert METRIC_ALIASES == {
        "repeated_chr_fraction": "repetition_rate",
        "boilerplate_chr_fraction": "boilerplate_ratio",
    }
    for alias, column in METRIC_ALIASES.items():
        assert alias not in METRICS and column in HEADLINE_RATES
        assert schema.resolve_metric(alias) == column
        assert schema.metric(alias) == METRICS[column]
        assert schema.label(alias) == schema.label(column)
        assert schema.axis_label(alias) == schema.axis_label(column)
        for suffix in STAT_SUFFIXES:
            assert schema.resolve_metric(alias + suffix) == column + suffix
    assert schema.resolve_metric("stray_chr_fraction") == "stray_chr_fraction"


def test_headline_labels_say_what_is_counted():
    assert schema.label("repetition_rate") == "Repetition rate"
    assert (
        schema.axis_label("repetition_rate")
        == "Repetition rate (% of characters in repeated lines)"
    )
    assert schema.axis_label("boilerplate_ratio").startswith("Boilerplate ratio (% of")
    assert schema.label("stray_chr_fraction") == "Stray-string share"


def test_unknown_names():
    with pytest.raises(KeyError, match="no metric named"):
        schema.metric("my_score")
    assert schema.label("my_score") == schema.axis_label("my_score") == "my_score"
    assert schema.resolve_metric("my_score_mean") == "my_score_mean"
    assert not schema.is_fraction("my_score")


def test_metric_is_frozen():
    m = METRICS["n_words"]
    with pytest.raises(AttributeError):
        m.label = "x"  # type: ignore[misc]
    assert Metric("x", "X", "", "count").axis_label == "X"


def test_label_columns_does_not_mutate():
    frame = pd.DataFrame({"outlet": ["A"], "g2": [1.0], "mine": [2]})
    shown = schema.label_columns(frame)
    assert shown.columns.tolist() == ["Outlet", "Log-likelihood G²", "mine"]
    assert frame.columns.tolist() == ["outlet", "g2", "mine"]


def test_schema_imports_nothing_of_the_toolkit():
    import ast
    from pathlib import Path

    tree = ast.parse(Path(schema.__file__).read_text("utf-8"))
    imported = [
        node.module if isinstance(node, ast.ImportFrom) else alias.name
        for node in ast.walk(tree)
        if isinstance(node, ast.Import | ast.ImportFrom)
        for alias in node.names
    ]
    assert not [m for m in imported if m and m.startswith("toolkit")]


def test_display_labels_for_the_widget_and_report_tables():
    for name in ("republishing_outlet", "language", "left", "match", "right", "note", "title"):
        assert schema.label(name) != name
    assert schema.label("republishing_outlet") == "Republishing outlet"


@pytest.mark.parametrize(
    ("name", "value", "shown"),
    [
        ("boilerplate_ratio", 0.116, "11.6%"),
        ("repetition_rate_ci_high", 1.0, "100.0%"),
        ("shared_share", 0.5, "50.0%"),
        ("n_articles", 1234, "1,234"),
        ("n_chars_total", 1234.0, "1,234"),
        ("n_words_mean", 412.25, "412.2"),
        ("g2", 3.14159, "3.14"),
        ("log_ratio", -0.5, "-0.5"),
        ("boilerplate_ratio", float("nan"), "–"),
        ("n_articles", None, "–"),
        ("outlet", "Вестник", "Вестник"),
        ("my_own_column", 0.25, "0.25"),
    ],
)
def test_format_value(name, value, shown):
    assert schema.format_value(name, value) == shown


def test_display_table_labels_and_formats_without_touching_the_table():
    import numpy as np

    table = pd.DataFrame(
        {
            "outlet": ["A", "B"],
            "n_articles": np.array([3, 12000], dtype="int64"),
            "boilerplate_ratio_mean": [0.25, np.nan],
        }
    )
    before = table.copy()
    shown = schema.display_table(table)
    assert shown.columns.tolist() == ["Outlet", "Articles", "Boilerplate ratio, mean"]
    assert shown.to_numpy().tolist() == [["A", "3", "25.0%"], ["B", "12,000", "–"]]
    pd.testing.assert_frame_equal(table, before)
