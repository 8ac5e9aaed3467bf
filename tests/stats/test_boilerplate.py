"""Tests for toolkit.stats.boilerplate (fixtures written for these tests, no external data)."""

from __future__ import annotations

import itertools
import os
import subprocess
import sys
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, assume, given, settings
from hypothesis import strategies as st

import toolkit.stats.boilerplate as bp_module
from toolkit.stats.boilerplate import (
    TEMPLATE_COLUMNS,
    BoilerplateDetector,
    _best_segments,
    boilerplate_fingerprint,
    classify_lines,
    hash_counts,
    line_counts,
    merge_template_counts,
    template_candidates,
)
from toolkit.text import split_lines

OUT_COLUMNS = ["is_boilerplate", "boilerplate_reason", "boilerplate_score"]

CLEAN_EN = """Harbour town votes to rebuild its old stone pier

The town council of Eastwick voted on Thursday to rebuild the stone pier that storms damaged last winter.
Work will begin in April and should take about eighteen months, the council said in a statement.
Fishermen who use the pier have waited more than a year for a decision, and many of them came to the meeting.
"We are relieved that the vote went our way," said one of the skippers, who has fished from the harbour for thirty years.
The repairs will cost about four million pounds, most of it from a regional fund for coastal towns.
"""

DIRTY_EN = """Menu
Home
News
Sport
Weather
Log in or register
Subscribe
Harbour town votes to rebuild its old stone pier
By Jane Marsh
The town council of Eastwick voted on Thursday to rebuild the stone pier that storms damaged last winter.
© Photo: Eastwick Gazette / John Smith
Work will begin in April and should take about eighteen months, the council said in a statement.
Share this article
Fishermen who use the pier have waited more than a year for a decision, and many of them came to the meeting.
"We are relieved that the vote went our way," said one of the skippers, who has fished from the harbour for thirty years.
The repairs will cost about four million pounds, most of it from a regional fund for coastal towns.
Related stories
New ferry timetable for the island routes
Lifeboat crew honoured at county awards
Bakery on the quay wins a national prize
3 comments
Tom Baker says:
May 3, 2021 at 8:40 pm
Finally, it took them long enough to decide on something this simple.
Reply
Ann Lee says:
May 4, 2021 at 9:12 am
Good news for the whole town, and for the visitors who love the walk.
Reply
Privacy policy
Cookies
"""

DIRTY_RU = """Главная
Новости
Подписаться
Войти
В Томске открыли новый мост через реку
Власти Томска в понедельник открыли движение по новому мосту, который строили почти три года.
По словам мэра, мост позволит разгрузить центр города и сократит время в пути для тысяч жителей.
© Фото: пресс-служба мэрии
Строительство обошлось в четыре миллиарда рублей, и большая часть средств пришла из федерального бюджета.
Читайте также
В Омске отремонтируют набережную
Новый автобусный маршрут появится летом
Все права защищены
"""

BODY_EN = [
    "The town council of Eastwick voted on Thursday to rebuild the stone pier that storms damaged.",
    "Work will begin in April and should take about eighteen months, the council said on Friday.",
    "Fishermen who use the pier have waited more than a year for a decision on the repairs.",
    "The repairs will cost about four million pounds, most of it from a fund for coastal towns.",
    "A new school opened in the village, and the children said they liked the bright classrooms.",
    "The bridge was closed for two days while engineers checked the cables after the storm.",
]
CHROME_EN = ["Home", "Subscribe", "Share", "Read more", "Log in or register", "News", "© Photo"]


def _arts(texts: list[str], outlet: str = "Gazette", prefix: str = "a") -> pd.DataFrame:
    return pd.DataFrame(
        {
            "article_id": [f"{prefix}{i}" for i in range(len(texts))],
            "outlet": [outlet] * len(texts),
            "text": texts,
        }
    )


def _bp_share(out: pd.DataFrame) -> pd.Series:
    chars = out["text"].str.len()
    bp = chars.where(out["is_boilerplate"], 0)
    return bp.groupby(out["article_id"]).sum() / chars.groupby(out["article_id"]).sum()


def _labels(out: pd.DataFrame) -> dict[str, tuple[bool, str | None]]:
    return {
        t: (bool(b), r)
        for t, b, r in zip(
            out["text"], out["is_boilerplate"], out["boilerplate_reason"], strict=True
        )
    }


# --- empty, clean, dirty ------------------------------------------------------------------


def test_empty_text_and_empty_table() -> None:
    out = classify_lines(_arts([""]))
    assert len(out) == 0
    assert set(OUT_COLUMNS) <= set(out.columns)
    det = BoilerplateDetector().fit(_arts([""]))
    assert det.template_lines_.empty
    assert list(det.template_lines_.columns) == ["outlet", "norm", "text", "n_articles", "share"]
    assert det.transform(split_lines(_arts([""]))).empty
    fp = boilerplate_fingerprint(_arts([""]))
    assert fp.empty and list(fp.columns) == ["outlet", "text", "norm", "n_articles", "share"]


def test_clean_article_is_kept() -> None:
    out = classify_lines(_arts([CLEAN_EN]))
    assert not out["is_boilerplate"].any(), out[["text", "boilerplate_reason"]]
    assert out["boilerplate_reason"].isna().all()


def test_dirty_article_chrome_marked_body_kept() -> None:
    out = classify_lines(_arts([DIRTY_EN]))
    labels = _labels(out)
    body = [line for line in CLEAN_EN.splitlines()[2:] if line]
    for line in body:
        assert labels[line] == (False, None), line
    assert labels["Harbour town votes to rebuild its old stone pier"][0] is False  # title
    assert labels["Subscribe"] == (True, "UI vocabulary: 'subscribe'")
    assert labels["Log in or register"] == (True, "UI vocabulary: 'log in'")
    assert labels["© Photo: Eastwick Gazette / John Smith"] == (True, "photo credit (©)")
    assert labels["Share this article"][1] == "UI vocabulary: 'share this article'"
    assert labels["New ferry timetable for the island routes"] == (True, "teaser list")
    assert labels["3 comments"] == (True, "comment block")
    for line in (
        "Tom Baker says:",
        "Reply",
        "Good news for the whole town, and for the visitors who love the walk.",
    ):
        assert labels[line] == (True, "comment block"), line
    assert labels["Menu"][0] and labels["Privacy policy"][0]
    # most characters of the page are body, and all of the body is kept
    share = _bp_share(out).iloc[0]
    assert 0.3 < share < 0.7


def test_dirty_russian_article() -> None:
    labels = _labels(classify_lines(_arts([DIRTY_RU])))
    assert labels["Подписаться"] == (True, "UI vocabulary: 'подписаться'")
    assert labels["© Фото: пресс-служба мэрии"] == (True, "photo credit (©)")
    assert labels["В Омске отремонтируют набережную"] == (True, "teaser list")
    assert labels["Все права защищены"][0]
    for line in DIRTY_RU.splitlines()[5:7] + DIRTY_RU.splitlines()[8:9]:
        assert labels[line] == (False, None), line
    assert labels["В Томске открыли новый мост через реку"][0] is False  # title


def test_comments_can_be_kept() -> None:
    out = BoilerplateDetector(mark_comments=False).transform(_arts([DIRTY_EN]))
    assert "comment block" not in set(out["boilerplate_reason"].dropna())


def test_single_article_without_fit_and_classify_lines_agree() -> None:
    lines = split_lines(_arts([DIRTY_EN]))
    a = BoilerplateDetector().transform(lines)
    b = classify_lines(lines)
    pd.testing.assert_frame_equal(a, b)
    assert not any(str(r).startswith("template") for r in a["boilerplate_reason"])


# --- corpus: templates ----------------------------------------------------------------------


def _corpus() -> pd.DataFrame:
    texts = [
        f"Eastwick Gazette weekly\n{body}\nThanks for reading the Gazette today"
        for body in BODY_EN[:4]
    ]
    return _arts(texts)


def test_template_line_reason() -> None:
    det = BoilerplateDetector()
    out = det.fit_transform(_corpus())
    tl = det.template_lines_
    assert set(tl["norm"]) == {"eastwick gazette weekly", "thanks for reading the gazette today"}
    assert (tl["n_articles"] == 4).all() and (tl["share"] == 1.0).all()
    assert det.n_articles_.to_dict() == {"Gazette": 4}
    footer = out[out["text"] == "Thanks for reading the Gazette today"]
    assert footer["is_boilerplate"].all()
    assert footer["boilerplate_reason"].eq("template: in 100% of outlet Gazette's 4 articles").all()
    assert not out[out["text"].isin(BODY_EN)]["is_boilerplate"].any()
    # unfitted, the same footer is not a template (it is judged by shape and position only)
    single = classify_lines(_corpus())
    assert not single["boilerplate_reason"].fillna("").str.startswith("template").any()


def test_template_thresholds_are_parameters() -> None:
    arts = _corpus()
    arts.loc[3, "text"] = BODY_EN[5]  # the footer is now in 3 of 4 articles
    assert len(BoilerplateDetector(min_template_share=0.8).fit(arts).template_lines_) == 0
    assert len(BoilerplateDetector(min_template_articles=4).fit(arts).template_lines_) == 0
    tl = BoilerplateDetector(min_template_share=0.7).fit(arts).template_lines_
    assert tl["share"].eq(0.75).all() and tl["n_articles"].eq(3).all()


def test_templates_are_per_outlet() -> None:
    other = _arts([BODY_EN[4], BODY_EN[5], BODY_EN[0]], outlet="Courier", prefix="c")
    det = BoilerplateDetector().fit(pd.concat([_corpus(), other], ignore_index=True))
    assert set(det.template_lines_["outlet"]) == {"Gazette"}
    out = det.transform(other)
    assert not out["is_boilerplate"].any()


def _mixed_corpus() -> pd.DataFrame:
    """Two outlets with templates, chrome, a Russian page, an empty and a blank article."""
    gazette = _corpus()
    gazette.loc[3, "text"] = "EASTWICK  Gazette weekly\n" + BODY_EN[5]  # same key, other text
    courier = _arts(
        [f"Courier front page\n{b}\nLog in or register" for b in BODY_EN[2:]],
        outlet="Courier",
        prefix="c",
    )
    odd = _arts([DIRTY_EN, DIRTY_RU, "", "   \n\u200b\n"], outlet="Gazette", prefix="d")
    return pd.concat([gazette, courier, odd], ignore_index=True)


def _same(got: BoilerplateDetector, expected: BoilerplateDetector) -> None:
    pd.testing.assert_frame_equal(got.template_lines_, expected.template_lines_)
    pd.testing.assert_series_equal(got.n_articles_, expected.n_articles_)


def _batches(arts: pd.DataFrame, bounds: list[tuple[int, int]]) -> list[pd.DataFrame]:
    return [arts.iloc[a:b] for a, b in bounds]


def _dask_scheme(arts: pd.DataFrame, bounds: list[tuple[int, int]], **params: Any) -> Any:
    """The counts as toolkit.scale.fit_detector makes them, one batch per partition:
    pass 1 pruned to each batch's frequent keys, pass 2 splitting the batches again."""
    proto = BoilerplateDetector(**params)
    share = proto.min_template_share
    parts = [hash_counts(b)[0] for b in _batches(arts, bounds)]
    pruned = [merge_template_counts([p], prune=share or None) for p in parts]
    hashes = merge_template_counts(pruned)
    wanted = template_candidates(
        hashes, min_template_share=share, min_template_articles=proto.min_template_articles
    )
    exact = merge_template_counts([line_counts(b, wanted) for b in _batches(arts, bounds)])
    return BoilerplateDetector.from_counts(exact.lines, hashes.n_articles, **params)


@pytest.mark.parametrize("params", [{}, {"min_template_share": 0.8}, {"min_template_articles": 2}])
@pytest.mark.parametrize("bounds", [[(0, 12)], [(i, i + 1) for i in range(12)], [(0, 5), (5, 12)]])
def test_fit_in_batches_equals_fit(params: dict, bounds: list[tuple[int, int]]) -> None:
    """[(0, 5), (5, 12)] cuts Gazette in two; [(0, 12)] is one batch (counted at once)."""
    arts = _mixed_corpus()
    assert len(arts) == 12
    expected = BoilerplateDetector(**params).fit(split_lines(arts))
    _same(BoilerplateDetector(**params).fit_batches(_batches(arts, bounds)), expected)
    _same(_dask_scheme(arts, bounds, **params), expected)
    calls = []

    def fresh() -> Any:  # a callable: called once per pass
        calls.append(1)
        return iter(_batches(arts, bounds))

    _same(BoilerplateDetector(**params).fit_batches(fresh), expected)
    assert len(calls) == 2
    if not params:
        assert set(expected.template_lines_["outlet"]) == {"Gazette", "Courier"}
        first = expected.template_lines_.set_index("norm").loc["eastwick gazette weekly", "text"]
        assert first == "Eastwick Gazette weekly"  # the first line of the key, in corpus order


@pytest.mark.parametrize("least", [1, 2, 3, 4])
def test_fit_in_batches_outlets_too_small_for_templates(least: int) -> None:
    """Outlets with fewer articles than min_template_articles have no template line,
    yet their articles (with lines, blank or missing) count exactly as in a plain fit."""
    small = _arts(
        ["Tiny Times\nSubscribe\n" + BODY_EN[0], "Tiny Times\nSubscribe\n" + BODY_EN[1], " \n\t"],
        outlet="Tiny",
        prefix="t",
    )
    lone = _arts(["Lone Post\n" + BODY_EN[2]], outlet="Lone", prefix="l")
    arts = pd.concat([_mixed_corpus(), small, lone], ignore_index=True)
    expected = BoilerplateDetector(min_template_articles=least).fit(split_lines(arts))
    for bounds in ([(0, len(arts))], [(i, i + 1) for i in range(len(arts))]):
        got = BoilerplateDetector(min_template_articles=least).fit_batches(_batches(arts, bounds))
        _same(got, expected)
        _same(_dask_scheme(arts, bounds, min_template_articles=least), expected)
    assert ("Tiny" in set(expected.template_lines_["outlet"])) == (least <= 2)
    assert ("Lone" in set(expected.template_lines_["outlet"])) == (least == 1)
    assert expected.n_articles_.to_dict()["Tiny"] == 2 and expected.n_articles_["Lone"] == 1


@pytest.mark.parametrize("bounds", [[(i, i + 1) for i in range(12)], [(0, 5), (5, 12)]])
@pytest.mark.parametrize("hashes", ["constant", "parity"])
def test_hash_collisions_cannot_change_a_count(
    monkeypatch: pytest.MonkeyPatch, bounds: list[tuple[int, int]], hashes: str
) -> None:
    """With every key under one hash (or two), every line is a candidate: still exact."""
    arts = _mixed_corpus()
    expected = BoilerplateDetector().fit(split_lines(arts))
    assert len(expected.template_lines_) > 1
    fake = {
        "constant": lambda norms, stable: np.zeros(len(norms), np.uint64),
        "parity": lambda norms, stable: np.array([len(k) % 2 for k in norms], np.uint64),
    }[hashes]
    monkeypatch.setattr(bp_module, "_key_hashes", fake)
    counts = merge_template_counts([hash_counts(b)[0] for b in _batches(arts, bounds)])
    assert len(counts.lines) <= 4  # the keys did collide: one or two hashes per outlet
    _same(BoilerplateDetector().fit_batches(_batches(arts, bounds)), expected)
    _same(_dask_scheme(arts, bounds), expected)


def test_fit_in_batches_of_an_empty_corpus() -> None:
    empty = _arts([])
    blank = _arts(["", "  \n\t", "\n"])
    for data in (empty, blank):
        expected = BoilerplateDetector().fit(data)
        assert expected.template_lines_.empty and expected.n_articles_.empty
        assert list(expected.template_lines_.columns) == list(TEMPLATE_COLUMNS)
        for batches in ([], [data], [data, data.iloc[:0]], [data.iloc[:1], data.iloc[1:]]):
            _same(BoilerplateDetector().fit_batches(batches), expected)
    counts, _ = hash_counts(blank)
    assert counts.lines.empty and list(counts.lines.columns) == ["outlet", "h", "n_articles"]
    exact = line_counts(blank, np.zeros(1, np.uint64)).lines
    assert exact.empty and list(exact.columns) == ["outlet", "norm", "text", "n_articles"]


def test_fit_in_batches_of_one_outlet() -> None:
    arts = _corpus()  # one outlet, four articles, two template lines
    expected = BoilerplateDetector().fit(arts)
    assert set(expected.template_lines_["outlet"]) == {"Gazette"}
    for bounds in ([(0, 1), (1, 4)], [(0, 2), (2, 4)], [(i, i + 1) for i in range(4)]):
        _same(BoilerplateDetector().fit_batches(_batches(arts, bounds)), expected)
        _same(_dask_scheme(arts, bounds), expected)


def test_fit_in_batches_splits_each_batch_once(monkeypatch: pytest.MonkeyPatch) -> None:
    """Pass 2 reads the candidate lines at the positions pass 1 kept: no second split,
    and between the passes only hashes and positions are held, never the keys."""
    arts = _mixed_corpus()
    split = []
    real = bp_module.line_keys

    def counted(texts: list[Any]) -> Any:
        split.append(len(texts))
        return real(texts)

    monkeypatch.setattr(bp_module, "line_keys", counted)
    batches = _batches(arts, [(0, 4), (4, 8), (8, 12)])
    BoilerplateDetector().fit_batches(batches)
    assert split == [4, 4, 4]
    counts, lh = hash_counts(batches[0])
    assert {lh.row.dtype.name, lh.line_no.dtype.name, lh.h.dtype.name} == {"int32", "uint64"}
    assert list(counts.lines.columns) == ["outlet", "h", "n_articles"]


def test_hash_counts_skips_outlets_but_counts_their_articles() -> None:
    arts = pd.concat([_corpus(), _arts(["Lone Post\nA story.", " \n", ""], "Lone", "l")])
    arts = arts.reset_index(drop=True)
    (_, whole), (counts, skipped) = hash_counts(arts), hash_counts(arts, skip=["Lone"])
    assert set(counts.lines["outlet"]) == {"Gazette"}
    pd.testing.assert_series_equal(skipped.n_articles, whole.n_articles)
    assert skipped.n_articles.to_dict() == {"Gazette": 4, "Lone": 1}
    lone = int(np.flatnonzero(whole.outlets == "Lone")[0])
    assert (whole.outlet[whole.row] == lone).sum() == 2
    assert not (skipped.outlet[skipped.row] == lone).any()


def test_stable_hashes_are_the_same_in_another_process() -> None:
    """Dask's passes run in different worker processes (each with its own str hash)."""
    code = (
        "import pandas as pd; from toolkit.stats.boilerplate import hash_counts; "
        "arts = pd.DataFrame({'outlet': ['X'], 'text': ['Menu\\nRain fell.']}); "
        "print(hash_counts(arts)[0].lines['h'].tolist())"
    )
    env = {**os.environ, "PYTHONHASHSEED": "12345"}
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, env=env)
    arts = pd.DataFrame({"outlet": ["X"], "text": ["Menu\nRain fell."]})
    assert out.stdout.strip() == str(hash_counts(arts)[0].lines["h"].tolist())


def test_line_counts_takes_candidates_in_any_order() -> None:
    arts = _mixed_corpus()
    wanted = template_candidates(hash_counts(arts)[0])
    assert len(wanted) > 2
    got = line_counts(arts, wanted[::-1].copy()).lines
    pd.testing.assert_frame_equal(got, line_counts(arts, wanted).lines)
    assert line_counts(arts, np.zeros(0, np.uint64)).lines.empty


_POOL = ["Menu", "MENU", "Subscribe now", "Rain fell on the town.", "Share this", "Photo: Ann", ""]


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(
        st.tuples(st.sampled_from("ABC"), st.lists(st.sampled_from(_POOL), max_size=5)),
        max_size=20,
    ),
    cuts=st.sets(st.integers(1, 19)),
    share=st.sampled_from([0.0, 0.1, 0.25, 1 / 3, 0.5, 0.7, 1.0]),
    least=st.integers(1, 3),
)
def test_fit_in_any_batches_equals_fit(
    docs: list[tuple[str, list[str]]], cuts: set[int], share: float, least: int
) -> None:
    """Any cut of the corpus into batches, outlets spread unevenly, shares exactly on
    the threshold (1/3 of 3 articles): the batched fits equal the plain one."""
    arts = pd.DataFrame(
        {
            "article_id": [f"{i:03d}" for i in range(len(docs))],
            "outlet": [outlet for outlet, _ in docs],
            "text": ["\n".join(lines) for _, lines in docs],
        }
    )
    edges = [0, *sorted(c for c in cuts if c < len(arts)), len(arts)]
    bounds = list(itertools.pairwise(edges))
    params = {"min_template_share": share, "min_template_articles": least}
    expected = BoilerplateDetector(**params).fit(split_lines(arts))
    _same(BoilerplateDetector(**params).fit_batches(_batches(arts, bounds)), expected)
    _same(_dask_scheme(arts, bounds, **params), expected)


# --- output contract ------------------------------------------------------------------------


def test_columns_index_order_and_no_mutation() -> None:
    lines = split_lines(pd.concat([_corpus(), _arts([DIRTY_EN], prefix="d")], ignore_index=True))
    shuffled = lines.sample(frac=1.0, random_state=3)
    before = shuffled.copy()
    det = BoilerplateDetector().fit(shuffled)
    out = det.transform(shuffled)
    pd.testing.assert_frame_equal(shuffled, before)
    assert list(out.columns) == [*lines.columns, *OUT_COLUMNS]
    assert out.index.equals(shuffled.index)
    # the row order of the input does not change any label
    ordered = det.transform(lines)
    pd.testing.assert_frame_equal(out.loc[lines.index], ordered)
    assert out["is_boilerplate"].dtype == bool
    assert out["boilerplate_score"].between(0, 1).all()
    assert (out["is_boilerplate"] == (out["boilerplate_score"] >= 0.5)).all()
    assert (out["boilerplate_reason"].notna() == out["is_boilerplate"]).all()


def test_accepts_articles_and_rejects_other_input() -> None:
    a = BoilerplateDetector().transform(_arts([DIRTY_EN]))
    b = BoilerplateDetector().transform(split_lines(_arts([DIRTY_EN])))
    pd.testing.assert_frame_equal(a, b)
    with pytest.raises(ValueError):
        BoilerplateDetector().transform(["not", "a", "frame"])


# --- fingerprint ------------------------------------------------------------------------------


def test_fingerprint_from_detector_and_lines() -> None:
    det = BoilerplateDetector().fit(_corpus())
    fp = boilerplate_fingerprint(det)
    assert list(fp.columns) == ["outlet", "text", "norm", "n_articles", "share"]
    assert fp["share"].between(0, 1).all() and len(fp) == 2
    labelled = det.transform(_corpus())
    fp2 = boilerplate_fingerprint(labelled, outlet="Gazette", top=1)
    assert len(fp2) == 1 and fp2["n_articles"].iloc[0] == 4
    fp3 = boilerplate_fingerprint(pd.concat([_corpus(), _arts([DIRTY_EN], "X", "x")]))
    assert fp3["share"].between(0, 1).all()
    assert (fp3.groupby("outlet")["n_articles"].apply(lambda s: s.is_monotonic_decreasing)).all()
    assert set(fp3["outlet"]) == {"Gazette", "X"}
    with pytest.raises(ValueError, match="not fitted"):
        boilerplate_fingerprint(BoilerplateDetector())


# --- properties -------------------------------------------------------------------------------


def _brute_segment(w: list[int]) -> tuple[int, int, int]:
    best = (0, -1, -1)
    for i, j in itertools.combinations_with_replacement(range(len(w)), 2):
        total = sum(w[i : j + 1])
        if total > best[0]:
            best = (total, i, j)
    return best


@given(st.lists(st.lists(st.integers(-50, 50), min_size=1, max_size=8), min_size=1, max_size=4))
@settings(max_examples=150, deadline=None)
def test_best_segments_is_the_maximum_sum_run(groups: list[list[int]]) -> None:
    weights = np.array([x for g in groups for x in g], dtype=np.int64)
    codes = np.repeat(np.arange(len(groups)), [len(g) for g in groups])
    start, end = _best_segments(weights, codes)
    offset = 0
    for g in groups:
        best, _, _ = _brute_segment(g)
        s, e = start[offset], end[offset]
        if best <= 0:
            assert s == -1 and e == -1
        else:
            assert weights[s : e + 1].sum() == best
            assert offset <= s <= e < offset + len(g)
        offset += len(g)


POOL = BODY_EN + CHROME_EN + ["Related stories", "3 comments", "Tom says:", "Reply"]
NEW_LINES = [
    "Follow the Gazette on the radio",
    "Gazette Media Group",
    "Sign up for our morning briefing, sent every weekday.",
    "All rights reserved",
    "The Gazette is an independent newspaper founded in the town in the last century.",
]


@given(
    st.lists(st.lists(st.sampled_from(POOL), min_size=1, max_size=8), min_size=3, max_size=5),
    st.sampled_from(NEW_LINES),
    st.lists(st.integers(0, 10), min_size=5, max_size=5),
)
@settings(max_examples=35, deadline=None, suppress_health_check=[HealthCheck.too_slow])
def test_outlet_wide_line_never_lowers_boilerplate_share(
    pages: list[list[str]], new: str, where: list[int]
) -> None:
    assume(all(new != line for page in pages for line in page))
    old = _arts(["\n".join(p) for p in pages])
    added = []
    for page, at in zip(pages, where, strict=False):
        k = min(at, len(page))
        added.append("\n".join([*page[:k], new, *page[k:]]))
    new_arts = _arts(added)
    before = _bp_share(BoilerplateDetector().fit_transform(old))
    after_out = BoilerplateDetector().fit_transform(new_arts)
    after = _bp_share(after_out)
    assert after_out.loc[after_out["text"] == new, "is_boilerplate"].all()
    assert (after >= before - 1e-12).all(), (before, after)
    assert after.between(0, 1).all()


@given(st.lists(st.sampled_from([*POOL, *NEW_LINES, "", "   "]), max_size=15))
@settings(max_examples=50, deadline=None)
def test_any_page_gets_valid_labels(page: list[str]) -> None:
    out = classify_lines(_arts(["\n".join(page)]))
    assert len(out) == sum(1 for line in page if line.strip())
    assert out["boilerplate_score"].between(0, 1).all()
    assert (out["is_boilerplate"] == (out["boilerplate_score"] >= 0.5)).all()
    assert out["boilerplate_reason"].map(lambda r: r is None or isinstance(r, str)).all()


# --------------------------------------------------------------------------- UI terms

_UI_LANGS = ("en", "ru")
_UI_TERMS = [t for terms in bp_module._ui_by_first(_UI_LANGS).values() for t in terms]
_UI_PIECES = st.one_of(
    st.sampled_from(_UI_TERMS),
    st.text(alphabet=" _-.,:;!?'’«»()/|·x9é\u0301кЖ٣\u00a0Ⅻ²ﬁǅ\U0001d400\u05d0\u200d", max_size=3),
)


def _ui_by_re2(lines: list[str]) -> list[str | None]:
    """RE2's own extraction with the UI pattern (what the detector used to run)."""
    import pyarrow as pa
    import pyarrow.compute as pc

    ui_pat, _ = bp_module._patterns(_UI_LANGS)
    found = pc.extract_regex(pa.array(lines, type=pa.string()), ui_pat)
    return pc.struct_field(found, [0]).to_pylist()  # type: ignore[no-any-return]


def _ui_by_start(lines: list[str]) -> list[str | None]:
    """The detector's way, with RE2's extraction (its fallback) made to fail."""
    from unittest import mock

    import pyarrow as pa
    import pyarrow.compute as pc

    ui_pat, _ = bp_module._patterns(_UI_LANGS)
    at = pc.find_substring_regex(pa.array(lines, type=pa.string()), ui_pat).to_numpy()
    hit = np.flatnonzero(at >= 0)
    out: list[str | None] = [None] * len(lines)
    with mock.patch.object(pc, "extract_regex", side_effect=AssertionError("fallback used")):
        terms = bp_module._ui_terms([lines[i] for i in hit], at[hit], _UI_LANGS)
    for i, term in zip(hit, terms, strict=True):
        out[i] = term
    return out


@settings(max_examples=300, deadline=None)
@given(st.lists(st.tuples(_UI_PIECES, st.sampled_from(["", " "])), min_size=1, max_size=6))
def test_ui_term_from_match_start_equals_re2_extraction(pieces: list[tuple[str, str]]) -> None:
    """The UI term is found at the match start as RE2's leftmost-first rule picks it:
    phrases over words, boundaries of letters, digits and marks from any script."""
    line = "".join(piece + sep for piece, sep in pieces)
    assert _ui_by_start([line]) == _ui_by_re2([line])


def test_ui_term_on_known_lines_and_fallback() -> None:
    lines = ["log in or register", "menu", "xmenu", "меню", "share: menu", "", "subscribe now"]
    expected = _ui_by_re2(lines)
    assert sum(t is not None for t in expected) >= 3
    assert _ui_by_start(lines) == expected
    # a start where no term begins (it should not happen) falls back to RE2 itself
    line = "read about the menu"
    assert bp_module._ui_terms([line], np.array([0]), _UI_LANGS) == _ui_by_re2([line])
