"""label_lines, article_stats, outlet_stats, strip_boilerplate, article_texts."""

from __future__ import annotations

import math

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.stats.summary import (
    FRACTION_COLUMNS,
    STRAY_KINDS,
    article_stats,
    article_texts,
    label_lines,
    outlet_stats,
    strip_boilerplate,
)

CLEAN = (
    "Dock workers at the eastern harbour ended a nine-day strike on Thursday.\n\n"
    "The union said members had voted to accept a pay rise of 4.5 percent over two years.\n\n"
    "Shipping companies expect the backlog of containers to clear within a fortnight."
)
PARA = (
    "“We will keep the cranes running through the night,” the port director said "
    "during a visit to the terminal on Friday."
)
PARA_VARIANT = (
    '"We will keep the cranes running through the night," the port director told '
    "reporters at the terminal on Friday."
)
DIRTY = (
    "Harbour strike ends - The Daily Lantern\n"
    "Home\nWorld\nBusiness\n"
    "Subscribe\n"
    "© Lantern Photo / K. Ames\n\n"
    f"{PARA}\n\n"
    "The union said members had voted to accept a pay rise of 4.5 percent over two years.\n\n"
    f"{PARA_VARIANT}\n\n"
    "Comments\nlog in or register\n"
    "Подписаться на рассылку"
)


def frame(*texts: str, outlet: str = "Lantern") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": [outlet] * len(texts),
            "text": list(texts),
        }
    )


def test_empty_text_gives_nan_rates_and_no_lines():
    st_ = article_stats(frame(""))
    row = st_.iloc[0]
    assert row["n_lines"] == 0 and row["n_chars"] == 0 and row["n_words"] == 0
    for col in ("repetition_rate", "boilerplate_ratio", "stray_chr_fraction"):
        assert math.isnan(row[col])
    assert label_lines(frame("")).empty


def test_empty_corpus():
    empty = frame()
    assert article_stats(empty).empty
    assert list(label_lines(empty).columns)[:7] == [
        "article_id",
        "outlet",
        "line_no",
        "para_id",
        "text",
        "norm",
        "n_chars",
    ]
    assert outlet_stats(article_stats(empty)).empty


def test_clean_text_has_no_repetition_nor_boilerplate():
    row = article_stats(frame(CLEAN)).iloc[0]
    assert row["n_lines"] == 3
    assert row["repetition_rate"] == 0.0
    assert row["boilerplate_ratio"] == 0.0
    assert row["stray_chr_fraction"] == 0.0
    assert row["dominant_script"] == "Latin"


def test_dirty_text_is_explained_line_by_line():
    lines = label_lines(frame(DIRTY))
    row = article_stats(frame(DIRTY), lines=lines).iloc[0]
    # the reworded copy of the quote is a near repeat of it
    variant = lines[lines["text"] == PARA_VARIANT].iloc[0]
    original = lines[lines["text"] == PARA].iloc[0]
    assert variant["is_repeat"] and variant["repeat_of"] == original["line_no"]
    assert 0 < variant["repeat_similarity"] < 1
    assert row["repetition_rate"] == pytest.approx(len(PARA_VARIANT) / lines["n_chars"].sum())
    # site chrome is boilerplate, the body is not
    by_text = lines.set_index("text")
    for chrome in ("Subscribe", "log in or register", "Home"):
        assert by_text.loc[chrome, "is_boilerplate"], chrome
        assert isinstance(by_text.loc[chrome, "boilerplate_reason"], str)
    assert not by_text.loc[PARA, "is_boilerplate"]
    expected = lines.loc[lines["is_boilerplate"], "n_chars"].sum() / lines["n_chars"].sum()
    assert row["boilerplate_ratio"] == pytest.approx(expected)
    # the Cyrillic UI string on an English page is a stray string
    assert by_text.loc["Подписаться на рассылку", "stray_kind"] == "foreign_script"
    assert row["n_stray_foreign_script"] == 1 and row["n_stray_lines"] >= 1
    assert row["stray_chr_fraction"] > 0


def test_article_stats_columns_and_ranges():
    st_ = article_stats(frame(CLEAN, DIRTY, ""))
    for col in ("article_id", "outlet", "n_chars", "n_words", "n_lines", "dominant_script"):
        assert col in st_.columns
    for kind in STRAY_KINDS:
        assert f"n_stray_{kind}" in st_.columns
    for col in FRACTION_COLUMNS:
        values = st_[col].dropna()
        assert ((values >= 0) & (values <= 1)).all(), col
    assert st_["article_id"].tolist() == ["a0", "a1", "a2"]


def test_input_not_mutated_and_raw_text_kept():
    arts = frame(DIRTY)
    before = arts.copy()
    cleaned = strip_boilerplate(arts)
    article_stats(arts)
    pd.testing.assert_frame_equal(arts, before)
    assert cleaned.loc[0, "text"] == DIRTY
    assert "Subscribe" not in cleaned.loc[0, "clean_text"]
    assert PARA in cleaned.loc[0, "clean_text"]
    assert PARA_VARIANT not in cleaned.loc[0, "clean_text"]


def test_article_texts_raw_and_clean():
    arts = frame(DIRTY, CLEAN)
    assert article_texts(arts, "raw").tolist() == [DIRTY, CLEAN]
    clean = article_texts(arts, "clean")
    assert clean[1] == CLEAN
    assert "Subscribe" not in clean[0]
    with pytest.raises(ValueError, match="clean"):
        article_texts(arts, "tidy")  # type: ignore[arg-type]


def test_cached_result_is_a_copy():
    arts = frame(DIRTY)
    first = label_lines(arts)
    first.loc[0, "text"] = "changed"
    assert label_lines(arts).loc[0, "text"] != "changed"


def test_outlet_stats_bootstrap_interval_contains_the_mean():
    rng = np.random.default_rng(3)
    st_ = pd.DataFrame(
        {
            "outlet": ["A"] * 30 + ["B"] * 20,
            "n_chars": 100,
            "n_words": 20,
            "repetition_rate": rng.uniform(0, 0.4, 50),
            "boilerplate_ratio": rng.uniform(0.2, 0.6, 50),
            "stray_chr_fraction": np.r_[np.zeros(49), np.nan],
        }
    )
    out = outlet_stats(st_, n_boot=500).set_index("outlet")
    assert out.loc["A", "n_articles"] == 30
    for rate in ("repetition_rate", "boilerplate_ratio"):
        for outlet in ("A", "B"):
            cols = [f"{rate}_ci_low", f"{rate}_mean", f"{rate}_ci_high"]
            low, mean, high = out.loc[outlet, cols].astype(float).tolist()
            assert 0 <= low <= mean <= high <= 1
    # the same seed gives the same interval
    again = outlet_stats(st_, n_boot=500).set_index("outlet")
    assert float(again.loc["A", "repetition_rate_ci_low"]) == float(
        out.loc["A", "repetition_rate_ci_low"]
    )
    assert out.loc["B", "stray_chr_fraction_mean"] == 0.0


def test_outlet_stats_needs_outlet_column():
    with pytest.raises(ValueError, match="outlet"):
        outlet_stats(pd.DataFrame({"repetition_rate": [0.1]}))


line_text = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\n\r"),
    max_size=60,
)
article_text = st.lists(line_text, max_size=8).map("\n".join)


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(texts=st.lists(article_text, min_size=1, max_size=4))
def test_fractions_in_range_or_nan(texts):
    st_ = article_stats(frame(*texts))
    for col in FRACTION_COLUMNS:
        values = st_[col].to_numpy(dtype=float)
        ok = np.isnan(values) | ((values >= 0) & (values <= 1))
        assert ok.all(), (col, values)


paragraph = st.lists(
    st.sampled_from(
        "the council voted to close the bridge after heavy rain flooded roads near river "
        "mill school market".split()
    ),
    min_size=5,
    max_size=14,
).map(lambda ws: " ".join(ws).capitalize() + ".")


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras=st.lists(paragraph, min_size=1, max_size=5), pick=st.integers(0, 4))
def test_appending_a_copy_of_a_paragraph_never_lowers_repetition(paras, pick):
    text = "\n\n".join(paras)
    copy = paras[pick % len(paras)]
    before = article_stats(frame(text), gopher=False)["repetition_rate"].iloc[0]
    after = article_stats(frame(text + "\n\n" + copy), gopher=False)["repetition_rate"].iloc[0]
    assert after >= before - 1e-12


@settings(max_examples=25, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(paras=st.lists(st.lists(paragraph, min_size=1, max_size=4), min_size=3, max_size=5))
def test_an_outlet_wide_line_never_lowers_boilerplate(paras):
    texts = ["\n\n".join(p) for p in paras]
    shared = "Sign up for the Lantern morning briefing"
    before = article_stats(frame(*texts), gopher=False)["boilerplate_ratio"]
    after = article_stats(frame(*[t + "\n\n" + shared for t in texts]), gopher=False)[
        "boilerplate_ratio"
    ]
    assert (after.to_numpy() >= before.to_numpy() - 1e-12).all()


def test_clean_text_repairs_mojibake():
    broken = "The mayor said the bridge wouldnâ€™t reopen before the summer holidays."
    cleaned = strip_boilerplate(frame(f"{CLEAN}\n\n{broken}"))
    assert "wouldn’t reopen" in cleaned.loc[0, "clean_text"]
    assert "â€" not in cleaned.loc[0, "clean_text"]
    assert cleaned.loc[0, "text"].endswith(broken)  # the raw text stays


def test_cache_tells_row_orders_apart():
    arts = frame(DIRTY, CLEAN)
    forward = label_lines(arts)
    backward = label_lines(arts.iloc[::-1].reset_index(drop=True))
    assert forward["article_id"].iloc[0] == "a0"
    assert backward["article_id"].iloc[0] == "a1"
    assert sorted(forward["text"]) == sorted(backward["text"])


# --------------------------------------------------------------------------- batches

BROKEN = "The mayor said the bridge wouldnâ€™t reopen before the summer holidays."
RUSSIAN = (
    "Главная\nПодписаться\n\n"
    "Власти Томска в понедельник открыли движение по новому мосту через реку.\n\n"
    "Власти Томска в понедельник открыли движение по новому мосту через реку.\n\n"
    "Все права защищены"
)


def dirty_corpus() -> pd.DataFrame:
    """Dirty articles of two outlets with outlet-wide lines, titles, empty texts."""
    chrome = "Sign up for the Lantern morning briefing"
    texts = [
        DIRTY,
        f"{CLEAN}\n\n{chrome}",
        f"Home\nWorld\nBusiness\n\n{PARA}\n\n{PARA_VARIANT}\n\n{chrome}",
        "",
        f"{CLEAN}\n\n{BROKEN}\n\n{chrome}",
        f"Harbour strike ends\n\n{CLEAN}\n\n{chrome}",
        RUSSIAN,
        "   \n\n",
        f"{PARA}\n\n{PARA}\n\nПодписаться на рассылку\n\n{chrome}",
    ]
    arts = frame(*texts)
    arts["outlet"] = ["Lantern"] * 6 + ["Vestnik", "Vestnik", "Lantern"]
    arts["title"] = ["Harbour strike ends - The Daily Lantern", None, None, None, None,
                     "Harbour strike ends", None, None, None]  # fmt: skip
    return arts


@pytest.mark.parametrize("batch_chars", [1, 150, 700])
def test_batches_give_the_numbers_of_one_pass(batch_chars):
    from toolkit.stats.summary import batch_bounds

    arts = dirty_corpus()
    assert len(batch_bounds(arts, batch_chars)) > 1
    whole = article_stats(arts, batch_chars=None, cache=False)
    assert whole["boilerplate_ratio"].gt(0).sum() >= 5  # templates, chrome: not trivial
    assert (label_lines(arts)["boilerplate_reason"].fillna("").str.startswith("template")).any()
    batched = article_stats(arts, batch_chars=batch_chars, cache=False)
    pd.testing.assert_frame_equal(batched, whole, check_exact=True)
    clean = strip_boilerplate(arts, batch_chars=None, cache=False)
    pd.testing.assert_frame_equal(
        strip_boilerplate(arts, batch_chars=batch_chars, cache=False), clean
    )
    for opts in ({"fit": False}, {"repeat_threshold": 0.8}):
        pd.testing.assert_frame_equal(
            article_stats(arts, batch_chars=batch_chars, cache=False, **opts),
            article_stats(arts, batch_chars=None, cache=False, **opts),
            check_exact=True,
        )


def test_batches_share_their_clean_text_through_the_cache():
    from toolkit.stats.summary import clear_cache

    arts = dirty_corpus()
    whole_stats = article_stats(arts, batch_chars=None, cache=False)
    whole_clean = strip_boilerplate(arts, batch_chars=None, cache=False)
    clear_cache()
    pd.testing.assert_frame_equal(article_stats(arts, batch_chars=100), whole_stats)
    pd.testing.assert_frame_equal(strip_boilerplate(arts, batch_chars=100), whole_clean)
    assert article_texts(arts, "clean").tolist() == whole_clean["clean_text"].tolist()
    # cached results are copies
    again = article_stats(arts, batch_chars=100)
    again.loc[0, "n_lines"] = -1
    assert article_stats(arts, batch_chars=100).loc[0, "n_lines"] == whole_stats.loc[0, "n_lines"]
    clear_cache()


def test_batches_survive_a_hash_collision(monkeypatch):
    import toolkit.stats.boilerplate as bp_module

    arts = dirty_corpus()
    whole = article_stats(arts, batch_chars=None, cache=False)
    monkeypatch.setattr(
        bp_module,
        "_key_hashes",
        lambda norms, stable: np.array([len(k) % 2 for k in norms], np.uint64),
    )
    batched = article_stats(arts, batch_chars=1, cache=False)
    pd.testing.assert_frame_equal(batched, whole, check_exact=True)


def test_batch_bounds_hold_whole_articles():
    from toolkit.stats.summary import batch_bounds

    arts = frame("a" * 10, "b" * 10, "c" * 50, "", "d" * 5)
    assert batch_bounds(arts, None) == [(0, 5)]
    assert batch_bounds(arts, 1000) == [(0, 5)]
    assert batch_bounds(arts, 20) == [(0, 2), (2, 3), (3, 5)]
    assert batch_bounds(arts, 1) == [(0, 1), (1, 2), (2, 3), (3, 4), (4, 5)]
    assert batch_bounds(frame(), 1) == [(0, 0)]
    with pytest.raises(ValueError, match="batch_chars"):
        batch_bounds(arts, 0)


def test_cache_fingerprint_reads_content_not_layout():
    from toolkit.schema import as_articles
    from toolkit.stats.summary import _fingerprint

    arts = as_articles(frame(DIRTY, CLEAN, ""))
    pieces = pd.concat([arts.iloc[:1], arts.iloc[1:]], ignore_index=True)  # two Arrow chunks
    assert _fingerprint(pieces) == _fingerprint(arts)
    tail = as_articles(frame("x", DIRTY, CLEAN, "")).iloc[1:].reset_index(drop=True)
    tail["article_id"] = arts["article_id"]
    assert _fingerprint(tail) == _fingerprint(arts)  # a slice of a bigger array
    for other in (frame(DIRTY, CLEAN, "x"), frame(DIRTY + CLEAN, "", ""), frame(CLEAN, DIRTY, "")):
        assert _fingerprint(as_articles(other)) != _fingerprint(arts)
    assert _fingerprint(as_articles(frame(DIRTY, CLEAN, "", outlet="Other"))) != _fingerprint(arts)
    as_objects = arts.astype({"text": object})  # not in Arrow: hashed value by value
    assert isinstance(_fingerprint(as_objects), int)


def test_script_columns_come_from_the_lines_and_equal_script_profile():
    from toolkit.stats.scripts import script_profile

    arts = dirty_corpus()
    stats = article_stats(arts, cache=False)
    prof = script_profile(arts)
    cols = ["latin_chr_fraction", "cyrillic_chr_fraction", "other_script_chr_fraction"]
    np.testing.assert_array_equal(stats[cols].to_numpy(), prof[cols].to_numpy())
    expected = pd.Series(prof["dominant_script"].to_numpy(), dtype=stats["dominant_script"].dtype)
    pd.testing.assert_series_equal(stats["dominant_script"], expected, check_names=False)
    # a lines table without the letter counts (made elsewhere) falls back to the texts
    lines = label_lines(arts, cache=False)
    bare = lines.drop(columns=["n_letters", "n_latin", "n_cyrillic", "article_script"])
    pd.testing.assert_frame_equal(article_stats(arts, lines=bare), stats)


def test_batched_clean_text_is_held_as_line_places_and_equals_the_whole_pass():
    from pathlib import Path

    from toolkit import load_corpus
    from toolkit.stats.summary import _CleanText, cached_clean_texts, clear_cache

    demo = Path(__file__).resolve().parents[2] / "corpus"
    arts = load_corpus(demo, progress=False).articles  # has mojibake lines (repaired)
    clear_cache()
    whole = strip_boilerplate(arts, batch_chars=None, cache=False)["clean_text"]
    article_stats(arts, batch_chars=20_000)
    held = cached_clean_texts(arts)
    assert isinstance(held, _CleanText)
    assert held.repaired, "the demo corpus has mojibake lines to repair"
    assert held.texts() == whole.tolist()
    assert held.lengths().tolist() == whole.str.len().tolist()
    assert held.texts(3, 9) == whole.tolist()[3:9]
    assert strip_boilerplate(arts)["clean_text"].tolist() == whole.tolist()  # from the cache
    clear_cache()
    again = strip_boilerplate(arts, batch_chars=20_000)["clean_text"]
    assert again.tolist() == whole.tolist()
    clear_cache()


def test_clean_text_of_lines_out_of_article_order():
    from toolkit.stats.summary import _clean_of_batches, _clean_texts, _CleanText

    arts = dirty_corpus()
    lines = label_lines(arts, cache=False)
    shuffled = lines.sample(frac=1.0, random_state=0)
    assert _CleanText.of_batch(arts, shuffled, 0) is None
    parts = [_CleanText.of_batch(arts, lines, 0)]
    expected = _clean_texts(arts, lines).tolist()
    assert _clean_of_batches(arts, [(0, len(arts))], parts).texts() == expected


def test_positions_arrow_and_object_agree():
    from toolkit.stats.summary import _positions

    ids = pd.Series(["a", "b", "c"], dtype="str")
    line_ids = pd.Series(["b", "b", "x", "c", "a"], dtype="str")
    want = [1, 1, -1, 2, 0]
    assert _positions(ids, line_ids).tolist() == want
    assert _positions(ids.astype(object), line_ids.astype(object)).tolist() == want
    assert _positions(ids, line_ids.astype(object)).tolist() == want
    assert _positions(ids.iloc[:0], line_ids.iloc[:0]).tolist() == []


_piece = st.sampled_from(
    [
        "Rain fell.",
        "rain fell.",
        "  Rain fell. ",
        "",
        " ",
        "\t",
        "\r",
        "\x0b",
        "\x1c",
        "\u2028",
        "Roads closed",
        "Roads closed early",
        "«Да» — нет",
        "a\u00adb",
    ]
)


@settings(max_examples=150, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.lists(_piece, max_size=12).map("\n".join), min_size=1, max_size=5))
def test_article_stats_gopher_columns_equal_gopher_repetition(texts: list[str]) -> None:
    """article_stats takes the Gopher values from its line pass (words, lines): the same
    numbers as gopher_repetition on the raw texts, whitespace-only lines and all."""
    from toolkit.stats.repetition import GOPHER_COLUMNS, gopher_repetition

    arts = pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(texts))], "outlet": "X", "text": texts}
    )
    got = article_stats(arts, cache=False, progress=False)[list(GOPHER_COLUMNS)]
    want = gopher_repetition(arts["text"])
    pd.testing.assert_frame_equal(got.reset_index(drop=True), want.reset_index(drop=True))


@pytest.mark.parametrize(
    "column", ["article_id", "outlet", "title", "text", "published_at", "url", "source_path"]
)
def test_cache_cannot_return_stale_numbers(column: str) -> None:
    """Change each input column in turn: the cached answer always equals a fresh one
    (the key once left out ``title``, which the labels read: stale boilerplate ratios)."""
    from toolkit.stats.summary import clear_cache, strip_boilerplate

    chrome = "Subscribe to our newsletter"
    head = "Council backs the new harbour plan"
    arts = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "outlet": ["X", "X", "X"],
            "title": [head, None, None],
            "text": [
                f"{head}\n\nThe council voted for the plan on Monday.\n{chrome}",
                f"{head}\n\nResidents asked about the cost.\n{chrome}",
                f"{head}\n\nWork starts in May, officials said.\n{chrome}",
            ],
            "published_at": ["2024-01-01", "2024-01-02", None],
            "url": ["https://x.example/a", None, None],
            "source_path": ["a.txt", "b.txt", "c.txt"],
        }
    )
    changed = {
        "article_id": ["a", "b", "z"],
        "outlet": ["X", "Y", "X"],
        "title": [None, None, None],
        "text": [arts["text"][0], "Residents asked about the cost.", arts["text"][2]],
        "published_at": ["2023-01-01", None, None],
        "url": [None, None, "https://x.example/c"],
        "source_path": ["1.txt", "2.txt", "3.txt"],
    }[column]
    clear_cache()
    for func in (article_stats, label_lines, strip_boilerplate):
        func(arts)  # fill the cache with the original
        other = arts.assign(**{column: changed})
        pd.testing.assert_frame_equal(func(other), func(other, cache=False))
