"""Findings: each rule on a hand-made corpus whose finding is known by construction."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import numpy as np
import pandas as pd
import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.findings_rules import (
    FINDING_COLUMNS,
    FINDING_KINDS,
    findings,
    format_evidence,
    separated_group,
)
from toolkit.schema import MIN_RELIABLE_ARTICLES
from toolkit.stats.summary import outlet_stats

DEMO = Path(__file__).resolve().parents[1] / "corpus"
NO_PAIRS = pd.DataFrame()
NO_KEYNESS = pd.DataFrame()


def _stats(values: dict[str, list[float]], rate: str = "boilerplate_ratio") -> pd.DataFrame:
    """An article_stats-shaped table: one row per value, ``rate`` set, other rates NaN."""
    rows = [
        {"article_id": f"{outlet}-{i}", "outlet": outlet, rate: v, "n_stray_lines": 0}
        for outlet, vals in values.items()
        for i, v in enumerate(vals)
    ]
    frame = pd.DataFrame(rows)
    for other in ("repetition_rate", "boilerplate_ratio", "stray_chr_fraction"):
        if other not in frame:
            frame[other] = np.nan
    return frame


def _articles(stats: pd.DataFrame) -> pd.DataFrame:
    return pd.DataFrame({"article_id": stats["article_id"], "outlet": stats["outlet"], "text": "x"})


def _find(values: dict[str, list[float]], **kwargs) -> pd.DataFrame:
    stats = _stats(values)
    return findings(
        _articles(stats),
        stats=stats,
        outlet_summary=outlet_stats(stats, n_boot=500),
        reuse=NO_PAIRS,
        keyness=NO_KEYNESS,
        stray=pd.DataFrame(),
        **kwargs,
    )


def _claims(found: pd.DataFrame, kind: str) -> list[tuple[str, ...]]:
    return found.loc[found["kind"] == kind, "outlets"].tolist()


# --------------------------------------------------------------------------- the group rule


def test_separated_group_needs_intervals_that_do_not_touch() -> None:
    assert separated_group([0.5, 0.2], [0.4, 0.1], [0.6, 0.3]) == [0]
    assert separated_group([0.5, 0.2], [0.3, 0.1], [0.6, 0.3]) is None  # touching
    assert separated_group([0.5, 0.2], [0.4, 0.1], [0.6, 0.3], top=False) == [1]
    assert separated_group([0.5], [0.4], [0.6]) is None  # nothing to compare with


def test_a_group_is_at_most_half_of_the_outlets() -> None:
    # the top three clear the bottom one, but three of four is no finding
    assert separated_group([0.5, 0.5, 0.5, 0.1], [0.4] * 3 + [0.0], [0.6] * 3 + [0.2]) is None
    assert separated_group([0.5, 0.5, 0.1, 0.1], [0.4, 0.4, 0.0, 0.0], [0.6, 0.6, 0.2, 0.2]) == [
        0,
        1,
    ]


# --------------------------------------------------------------------------- rates


def test_highest_and_lowest_when_the_intervals_clear_the_rest() -> None:
    found = _find(
        {
            "High": [0.60, 0.62, 0.61, 0.63, 0.59, 0.60],
            "Mid": [0.30, 0.31, 0.29, 0.30, 0.32, 0.28],
            "Low": [0.05, 0.04, 0.06, 0.05, 0.05, 0.04],
        }
    )
    rows = found[found["statistic"] == "boilerplate_ratio"]
    assert rows["kind"].tolist() == ["highest", "lowest"]
    high, low = rows.iloc[0], rows.iloc[1]
    assert high["outlets"] == ("High",) and low["outlets"] == ("Low",)
    assert high["value"] == pytest.approx(np.mean([0.60, 0.62, 0.61, 0.63, 0.59, 0.60]))
    assert high["interval_low"] <= high["value"] <= high["interval_high"]
    assert high["n"] == 6 and "Mid" in high["comparison"]
    assert high["sentence"].startswith("High has the highest boilerplate ratio: 60.8%")
    assert set(high["evidence"]) <= {("article", f"High-{i}") for i in range(6)}


def test_overlapping_intervals_give_no_highest_or_lowest_claim() -> None:
    spread = [0.1, 0.5, 0.3, 0.2, 0.45, 0.35, 0.15, 0.4]
    found = _find({"A": spread, "B": [v + 0.02 for v in spread], "C": spread[::-1]})
    assert _claims(found, "highest") == [] and _claims(found, "lowest") == []
    (row,) = found[found["kind"] == "no_difference"].itertuples()
    assert row.outlets[0] == "B"  # the leading mean is named, with those it overlaps
    assert set(row.outlets) == {"A", "B", "C"}
    assert "No outlet stands out" in row.sentence and "overlaps" in row.sentence
    assert "has the highest" not in " ".join(found["sentence"])


def test_a_group_that_overlaps_within_itself_is_not_ranked() -> None:
    found = _find(
        {
            "A": [0.60, 0.50, 0.55, 0.58, 0.52, 0.57],
            "B": [0.56, 0.54, 0.51, 0.59, 0.53, 0.55],
            "C": [0.10, 0.12, 0.11, 0.09, 0.10, 0.12],
            "D": [0.20, 0.22, 0.21, 0.19, 0.20, 0.22],
        }
    )
    assert _claims(found, "highest") == [("A", "B")] or _claims(found, "highest") == [("B", "A")]
    sentence = found.loc[found["kind"] == "highest", "sentence"].iloc[0]
    assert "not ranked among themselves" in sentence
    assert _claims(found, "lowest") == [("C",)]


def test_a_small_outlet_is_named_and_never_compared() -> None:
    found = _find(
        {
            "Big": [0.30, 0.31, 0.29, 0.30, 0.32, 0.28],
            "Other": [0.10, 0.11, 0.09, 0.10, 0.12, 0.08],
            "Tiny": [0.99],  # extreme, but one article proves nothing
        }
    )
    assert all("Tiny" not in o for o in found.loc[found["kind"] != "small_sample", "outlets"])
    (row,) = found[found["kind"] == "small_sample"].itertuples()
    assert row.outlets == ("Tiny",) and row.n == 1 and row.value == 1
    assert np.isnan(row.interval_low) and np.isnan(row.interval_high)
    assert "only 1 article" in row.sentence and str(MIN_RELIABLE_ARTICLES) in row.sentence
    assert _claims(found, "highest") == [("Big",)]


def test_min_articles_is_a_parameter() -> None:
    found = _find({"A": [0.5, 0.51, 0.49], "B": [0.1, 0.11, 0.09]}, min_articles=3)
    assert _claims(found, "highest") == [("A",)]
    found = _find({"A": [0.5, 0.51, 0.49], "B": [0.1, 0.11, 0.09]})
    assert _claims(found, "highest") == [] and len(_claims(found, "small_sample")) == 2


@settings(max_examples=40, deadline=None)
@given(
    st.lists(
        st.tuples(st.floats(0, 1), st.floats(0, 0.3), st.integers(1, 9)), min_size=2, max_size=6
    ),
    st.integers(0, 2**16),
)
def test_every_claim_is_supported_by_the_intervals(
    outlets: list[tuple[float, float, int]], seed: int
) -> None:
    rng = np.random.default_rng(seed)
    values = {
        f"O{i}": np.clip(rng.normal(mu, sd, n), 0, 1).tolist()
        for i, (mu, sd, n) in enumerate(outlets)
    }
    stats = _stats(values)
    summary = outlet_stats(stats, n_boot=200)
    found = findings(
        _articles(stats),
        stats=stats,
        outlet_summary=summary,
        reuse=NO_PAIRS,
        keyness=NO_KEYNESS,
        stray=pd.DataFrame(),
    )
    table = summary[summary["n_articles"] >= MIN_RELIABLE_ARTICLES].set_index("outlet")
    for row in found[found["kind"].isin(["highest", "lowest"])].itertuples():
        group, rest = table.loc[list(row.outlets)], table.drop(index=list(row.outlets))
        assert len(rest) and len(group) <= len(table) // 2
        if row.kind == "highest":
            assert group["boilerplate_ratio_ci_low"].min() > rest["boilerplate_ratio_ci_high"].max()
        else:
            assert group["boilerplate_ratio_ci_high"].max() < rest["boilerplate_ratio_ci_low"].min()


# --------------------------------------------------------------------------- republication


def _pairs(rows: list[tuple[str, str, str, str, str | None, str | None]]) -> pd.DataFrame:
    """(id_a, outlet_a, id_b, outlet_b, date_a, date_b) -> a near_duplicates table."""
    frame = pd.DataFrame(
        rows,
        columns=["article_id_a", "outlet_a", "article_id_b", "outlet_b", "da", "db"],
    )
    da = pd.to_datetime(frame["da"], utc=True)
    db = pd.to_datetime(frame["db"], utc=True)
    known = da.notna() & db.notna()
    return frame.assign(
        published_at_a=da,
        published_at_b=db,
        similarity=0.9,
        shared_share=0.9,
        source_article_id=frame["article_id_a"].where(known, None),
        source_outlet=frame["outlet_a"].where(known, None),
    ).drop(columns=["da", "db"])


def test_sources_and_copiers_with_their_lags() -> None:
    pairs = _pairs(
        [
            ("w1", "Wire", "x1", "X", "2024-03-01 08:00", "2024-03-01 09:00"),
            ("w2", "Wire", "x2", "X", "2024-03-02 08:00", "2024-03-02 11:00"),
            ("w3", "Wire", "y1", "Y", "2024-03-03 08:00", "2024-03-03 10:00"),
            ("x9", "X", "y9", "Y", None, "2024-03-05 10:00"),
        ]
    )
    arts = pd.DataFrame(
        {"article_id": ["w1", "x1", "y1"], "outlet": ["Wire", "X", "Y"], "text": "a"}
    )
    found = findings(arts, reuse=pairs, keyness=NO_KEYNESS, stray=pd.DataFrame())
    source = found[found["kind"] == "republication_source"]
    assert source["outlets"].tolist() == [("Wire",)]
    assert source["value"].tolist() == [3] and source["n"].tolist() == [4]
    assert "published first in 3 of the 4" in source["sentence"].iloc[0]
    copier = found[found["kind"] == "republication_copier"]
    assert copier["outlets"].tolist() == [("X",)]  # Y copied only one story: below min_pairs
    assert copier["value"].tolist() == [2.0]  # median of 1 h and 3 h
    assert (copier["interval_low"].iloc[0], copier["interval_high"].iloc[0]) == (1.0, 3.0)
    assert copier["evidence"].iloc[0] == (("pair", "w1", "x1"), ("pair", "w2", "x2"))
    undated = found[found["kind"] == "republication_undated"]
    assert undated["value"].tolist() == [1] and undated["outlets"].iloc[0] == ("X", "Y")
    assert _claims(found, "republication_copier") == [("X",)]
    found = findings(arts, reuse=pairs, keyness=NO_KEYNESS, stray=pd.DataFrame(), min_pairs=1)
    assert _claims(found, "republication_copier") == [("X",), ("Y",)]


def test_a_republished_story_is_found_from_the_text() -> None:
    story = (
        "The regional council voted on Tuesday to close two coastal roads after storms washed "
        "away large parts of the embankment near the old harbour, officials said on Wednesday."
    )
    other = [
        "Bread prices went up again across the valley as the mills ran short of grain.",
        "The football club named a new coach after a season of heavy defeats at home.",
    ]
    arts = pd.DataFrame(
        {
            "article_id": ["w1", "c1", "w2", "c2"],
            "outlet": ["Wire", "Copy", "Wire", "Copy"],
            "text": [story, story + " More to follow.", other[0], other[1]],
            "published_at": ["2024-03-01T08:00Z", "2024-03-01T12:30Z", "2024-03-02", "2024-03-02"],
        }
    )
    found = findings(arts, keyness=NO_KEYNESS)
    (row,) = found[found["kind"] == "republication_source"].itertuples()
    assert row.outlets == ("Wire",) and row.value == 1 and row.evidence == (("pair", "w1", "c1"),)
    assert "4.5 h later" in row.sentence


def test_no_republication_is_said() -> None:
    arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"], "text": ["x", "y"]})
    found = findings(arts, reuse=NO_PAIRS, keyness=NO_KEYNESS)
    assert _claims(found, "no_republication") == [()]
    one = findings(arts.assign(outlet="A"), keyness=NO_KEYNESS)
    assert "no_republication" not in set(one["kind"])  # one outlet: nothing to compare


# --------------------------------------------------------------------------- stray strings


def _pages(outlet: str, n: int, extra: dict[int, str]) -> list[dict[str, str]]:
    body = [
        "The harbour board met on Monday to discuss the new ferry timetable for the islands.",
        "Fishermen asked for later departures in winter, when the nets come in after dark.",
        "The board will publish its decision next month after a public consultation.",
    ]
    return [
        {
            "article_id": f"{outlet[:1]}{i}",
            "outlet": outlet,
            "text": "\n\n".join(
                [f"Story {i} of {outlet}", *body, *([extra[i]] if i in extra else [])]
            ),
        }
        for i in range(n)
    ]


def test_a_foreign_ui_string_on_many_pages_is_a_template() -> None:
    ui = "Подписаться на рассылку новостей"
    arts = pd.DataFrame(
        _pages("Harbour News", 6, {0: ui, 2: ui, 3: ui, 5: ui})
        + _pages("Plain Post", 6, {1: "Читать далее все новости дня"})  # once: no template
    )
    found = findings(arts, reuse=NO_PAIRS, keyness=NO_KEYNESS)
    (row,) = found[found["kind"] == "stray_template"].itertuples()
    assert row.outlets == ("Harbour News",) and row.statistic == "n_stray_foreign_script"
    assert row.value == pytest.approx(4 / 6) and row.n == 6
    assert (
        f"“{ui}” on 4" in row.sentence and "Cyrillic UI text on Latin-script pages" in row.sentence
    )
    lines = toolkit.label_lines(arts)
    expect = lines.loc[lines["text"] == ui, ["article_id", "line_no"]]
    assert row.evidence == tuple(("line", a, int(n)) for a, n in expect.itertuples(index=False))
    translation = found[found["kind"] == "stray_translation"]
    assert translation["outlets"].tolist() == [("Plain Post",)]  # the one-off passage


def test_a_mixed_script_word_is_a_translation_finding() -> None:
    arts = pd.DataFrame(
        _pages("Harbour News", 5, {1: "The Мinistry of Transport said the timetable stands."})
    )
    found = findings(arts, reuse=NO_PAIRS, keyness=NO_KEYNESS)
    (row,) = found[found["kind"] == "stray_translation"].itertuples()
    assert "“Мinistry”" in row.sentence and row.value == pytest.approx(1 / 5)
    assert row.evidence == (("line", "H1", 9),)
    assert "stray_template" not in set(found["kind"])


def test_given_stray_lines_are_used_as_they_are() -> None:
    arts = pd.DataFrame(_pages("Harbour News", 5, {}))
    stray = pd.DataFrame(
        {
            "article_id": ["H0", "H1", "H2"],
            "outlet": "Harbour News",
            "line_no": [3, 3, 3],
            "stray_kind": "markup",
            "stray_text": "&nbsp;",
        }
    )
    found = findings(arts, reuse=NO_PAIRS, keyness=NO_KEYNESS, stray=stray)
    (row,) = found[found["kind"] == "stray_template"].itertuples()
    assert "leftover markup of the template" in row.sentence and row.value == pytest.approx(3 / 5)


# --------------------------------------------------------------------------- terms


def test_distinctive_terms_follow_the_rule() -> None:
    keyness = pd.DataFrame(
        {
            "term": ["harbour", "pet", "weak", "ferry", "wheat", "quay"],
            "target": ["A", "A", "A", "A", "A", "B"],
            "reference": "rest",
            "g2": [40.0, 60.0, 5.0, 20.0, -30.0, 25.0],
            "p_value": [1e-9, 1e-12, 0.02, 1e-5, 1e-7, 1e-6],
            "n_target_articles": [5, 1, 4, 3, 0, 4],
        }
    )
    arts = pd.DataFrame(
        {
            "article_id": [f"{o}{i}" for o in "AB" for i in range(6)],
            "outlet": list("A" * 6 + "B" * 6),
            "text": "x",
        }
    )
    found = findings(arts, reuse=NO_PAIRS, keyness=keyness, stray=pd.DataFrame())
    rows = found[found["kind"] == "distinctive_terms"]
    assert rows["outlets"].tolist() == [("A",), ("B",)]
    # "pet" is in one article only, "weak" is not significant, "wheat" is key to the rest
    assert rows["evidence"].iloc[0] == (("term", "harbour"), ("term", "ferry"))
    assert rows["value"].iloc[0] == 40.0
    assert "harbour, ferry" in rows["sentence"].iloc[0]


# --------------------------------------------------------------------------- load


def test_load_problems_are_findings(tmp_path: Path) -> None:
    (tmp_path / "A").mkdir()
    for i in range(3):
        (tmp_path / "A" / f"{i}.txt").write_text(f"Story {i}: the ferry sailed late.", "utf-8")
    (tmp_path / "A" / "empty.txt").write_bytes(b"")
    (tmp_path / "notes.pdf").write_bytes(b"%PDF-1.4")
    corpus = toolkit.load_corpus(tmp_path, progress=False)
    found = findings(corpus)
    (problem,) = found[found["kind"] == "load_problem"].itertuples()
    assert problem.value == 1 and problem.comparison == "empty"
    assert problem.evidence == (("file", str(corpus.errors["source_path"].iloc[0])),)
    (skipped,) = found[found["kind"] == "load_skipped"].itertuples()
    assert skipped.value == 1 and ".pdf 1" in skipped.sentence
    missing = found[(found["kind"] == "load_missing") & (found["statistic"] == "published_at")]
    assert missing["n"].tolist() == [3]  # no dates anywhere
    assert _claims(found, "small_sample") == [("A",)]


# --------------------------------------------------------------------------- the table


def test_columns_types_and_order_on_the_demo_corpus() -> None:
    corpus = toolkit.load_corpus(DEMO, progress=False)
    before = corpus.articles.copy()
    found = findings(corpus, n_boot=300)
    pd.testing.assert_frame_equal(corpus.articles, before)  # the input is not changed
    assert tuple(found.columns) == FINDING_COLUMNS
    assert set(found["kind"]) <= set(FINDING_KINDS)
    order = [list(FINDING_KINDS).index(k) for k in found["kind"]]
    groups = [0 if o < 3 else 1 if o < 7 else 2 if o < 9 else 3 if o < 10 else 4 for o in order]
    assert groups == sorted(groups)
    assert all(isinstance(o, tuple) for o in found["outlets"])
    assert all(
        isinstance(e, tuple) and all(isinstance(i, tuple) for i in e) for e in found["evidence"]
    )
    assert found["sentence"].str.len().min() > 20
    # the true republication pairs of the demo corpus name their source outlet
    gold = pd.read_csv(DEMO / "labels_reuse_pairs.csv")
    top = gold["outlet_source"].value_counts()
    (source,) = found[
        (found["kind"] == "republication_source") & (found["value"] >= 2)
    ].itertuples()
    assert source.outlets == (top.index[0],) and source.value == top.iloc[0]
    assert source.n == len(gold)
    # every referenced article or line exists
    ids = set(corpus.articles["article_id"])
    for evidence in found["evidence"]:
        for item in evidence:
            if item[0] in ("article", "line"):
                assert item[1] in ids
            if item[0] == "pair":
                assert {item[1], item[2]} <= ids
            assert format_evidence(item)


def test_findings_imports_no_plotting() -> None:
    code = (
        "import sys, toolkit.findings_rules\n"
        "print(','.join(m for m in ('matplotlib', 'ipywidgets') if m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


def test_public_name() -> None:
    assert toolkit.findings is findings
