"""The Dask engine gives the pandas engine's numbers (toolkit/scale.py).

One LocalCluster (2 worker processes, so every task and argument really is pickled, as
on a multi-machine cluster) serves the whole module and is closed at the end; the last
test checks that no worker process is left behind.
"""

from __future__ import annotations

import dataclasses
import subprocess
import sys
import time
from pathlib import Path
from unittest import mock

import dask
import dask.dataframe as dd
import numpy as np
import pandas as pd
import psutil
import pytest
from distributed import Client, LocalCluster
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit import scale
from toolkit.scale import (
    DaskCorpus,
    _PlanChunk,
    _Planned,
    collect_article_stats,
    fit_detector,
    merge_term_counts,
)
from toolkit.scale import term_counts as dask_term_counts
from toolkit.stats import summary
from toolkit.stats.boilerplate import BoilerplateDetector
from toolkit.stats.keywords import keyness_table, term_counts

ROOT = Path(__file__).resolve().parents[1]
TOL = {"check_exact": False, "rtol": 1e-9, "atol": 1e-12}


@pytest.fixture(scope="module")
def client():
    """Two worker processes for the module; on teardown, no worker may outlive them."""
    cluster = LocalCluster(
        n_workers=2, threads_per_worker=1, processes=True, dashboard_address=None
    )
    c = Client(cluster)
    workers = [psutil.Process(pid) for pid in _worker_pids(c)]
    try:
        yield c
    finally:
        c.close()
        cluster.close()
    deadline = time.monotonic() + 20
    while any(w.is_running() and w.status() != psutil.STATUS_ZOMBIE for w in workers):
        assert time.monotonic() < deadline, "a Dask worker process outlived its cluster"
        time.sleep(0.2)
    assert dask.config.get("scheduler", None) is None  # the default scheduler is back


@pytest.fixture(scope="module")
def pandas_corpus() -> toolkit.Corpus:
    return toolkit.load_corpus(ROOT / "corpus")


@pytest.fixture(scope="module")
def dask_corpus(client: Client) -> DaskCorpus:
    return toolkit.load_corpus(ROOT / "corpus", engine="dask", npartitions=4)


@pytest.fixture(scope="module")
def pandas_stats(pandas_corpus: toolkit.Corpus) -> pd.DataFrame:
    return toolkit.article_stats(pandas_corpus)


# --------------------------------------------------------------------------- loading


def test_load_is_partitioned_over_files_and_equal(
    dask_corpus: DaskCorpus, pandas_corpus: toolkit.Corpus
) -> None:
    assert dask_corpus.npartitions == 4
    assert isinstance(dask_corpus.articles, dd.DataFrame)
    assert dask_corpus.articles.dtypes.to_dict() == pandas_corpus.articles.dtypes.to_dict()
    computed = dask_corpus.compute()
    pd.testing.assert_frame_equal(computed.articles, pandas_corpus.articles)
    pd.testing.assert_frame_equal(computed.errors, pandas_corpus.errors)
    assert computed.errors["error"].tolist() == ["empty"]  # the demo's empty file
    # each partition holds a run of consecutive files (about a quarter of the bytes)
    sizes = dask_corpus.articles.map_partitions(len).compute().tolist()
    assert sum(sizes) == len(pandas_corpus) and min(sizes) > 10


def _dirty_folder(root: Path) -> Path:
    """Files in several encodings, bad files, a manifest with a bad date, colliding stems."""
    (root / "Herald").mkdir(parents=True)
    (root / "Vestnik").mkdir()
    (root / "Herald" / "h1.txt").write_text("Storm hits the coast.\nSubscribe\n", "utf-8")
    (root / "Herald" / "same.txt").write_text("Bridge reopens in May.", "utf-8")
    (root / "Vestnik" / "same.txt").write_text("Мост откроют в мае.", "utf-8")
    (root / "Vestnik" / "v1.txt").write_bytes("Дождь идёт весь день.".encode("cp1251"))
    (root / "Vestnik" / "v2.txt").write_bytes("Снег выпал ночью.".encode("utf-16"))
    (root / "empty.txt").write_bytes(b"")
    (root / "binary.txt").write_bytes(bytes(range(256)) * 4)
    (root / "big.txt").write_text("x" * 5000, "utf-8")
    (root / "page.html").write_text(
        "<html><head><title>Markets rally | Metro Wire</title></head>"
        "<body><p>Shares rose on Monday.</p><p>Log in</p></body></html>",
        "utf-8",
    )
    (root / "manifest.csv").write_text(
        "path,outlet,published_at\nHerald/h1.txt,The Herald,2024-03-01\n"
        "Herald/same.txt,The Herald,not a date\nmissing.txt,Ghost,2024-01-01\n",
        "utf-8",
    )
    return root


@pytest.mark.parametrize("npartitions", [1, 3, 20])
def test_dirty_folder_loads_like_pandas(client: Client, tmp_path: Path, npartitions: int) -> None:
    folder = _dirty_folder(tmp_path / "dirty")
    expected = toolkit.load_corpus(folder, max_file_bytes=4000)
    dc = toolkit.load_corpus(folder, engine="dask", npartitions=npartitions, max_file_bytes=4000)
    got = dc.compute()
    pd.testing.assert_frame_equal(got.articles, expected.articles)
    pd.testing.assert_frame_equal(got.errors, expected.errors)
    kinds = set(expected.errors["error"])
    assert {"empty", "undecodable", "too_large", "missing_file", "bad_date"} <= kinds
    # errors alone (without computing the articles) are the same table
    fresh = toolkit.load_corpus(folder, engine="dask", npartitions=npartitions, max_file_bytes=4000)
    pd.testing.assert_frame_equal(fresh.errors, expected.errors)


@settings(max_examples=60, deadline=None)
@given(
    st.lists(
        st.tuples(
            st.text(max_size=12),
            st.text(max_size=12),
            st.text(max_size=5),
            st.one_of(st.none(), st.text(max_size=5)),
            st.one_of(st.none(), st.dictionaries(st.text(max_size=3), st.integers(), max_size=2)),
        ),
        max_size=8,
    ),
    st.sampled_from(["", "/data/scraped/", "C:\\corpus\\"]),
)
def test_packed_plan_gives_back_every_planned_file(
    files: list[tuple[str, str, str, str | None, dict[str, int] | None]], root: str
) -> None:
    """A partition's plan travels packed (a few objects, not ~600 bytes per file)."""
    planned = [
        _Planned(root + a, ".txt", root + b, ident, hint, meta, 7)
        for a, b, ident, hint, meta in files
    ]
    chunk = _PlanChunk.pack(planned)
    assert len(chunk) == len(planned)
    assert [dataclasses.replace(p, size=0) for p in planned] == list(chunk)


def test_partition_size_and_table_fallback(client: Client, tmp_path: Path) -> None:
    dc = toolkit.load_corpus(ROOT / "corpus", engine="dask", partition_size="40kB")
    assert 4 <= dc.npartitions <= 6  # about 170 kB of article files
    table = tmp_path / "arts.csv"
    pd.DataFrame(
        {"id": ["1", "2", "3"], "site": ["A", "B", "A"], "body": ["One.", "Two.", ""]}
    ).to_csv(table, index=False)
    expected = toolkit.load_corpus(table)
    got = toolkit.load_corpus(table, engine="dask", npartitions=2)
    assert got.npartitions == 2
    pd.testing.assert_frame_equal(got.compute().articles, expected.articles)
    pd.testing.assert_frame_equal(got.errors, expected.errors)


def test_errors_raise_surfaces_at_compute(client: Client, tmp_path: Path) -> None:
    folder = _dirty_folder(tmp_path / "dirty")
    with pytest.raises(toolkit.LoadError, match="bad_date"):  # the manifest: at planning
        toolkit.load_corpus(folder, engine="dask", errors="raise")
    (folder / "manifest.csv").unlink()
    dc = toolkit.load_corpus(folder, engine="dask", errors="raise", npartitions=2)
    with pytest.raises(toolkit.LoadError, match="undecodable"):  # a file: when read
        dc.compute()


def test_engine_arguments_are_checked() -> None:
    with pytest.raises(ValueError, match="engine"):
        toolkit.load_corpus(ROOT / "corpus", engine="spark")  # type: ignore[call-overload]
    with pytest.raises(ValueError, match="npartitions"):
        toolkit.load_corpus(ROOT / "corpus", npartitions=2)


# --------------------------------------------------------------------------- statistics


def test_detector_fitted_by_aggregation_equals_fit(
    dask_corpus: DaskCorpus, pandas_corpus: toolkit.Corpus
) -> None:
    lines = toolkit.split_lines(pandas_corpus)
    for params in (
        {},
        {"min_template_share": 0.8},
        {"min_template_articles": 10},
        {"min_template_share": 0.0},  # no partition can rule a key out: global sum
    ):
        expected = BoilerplateDetector(**params).fit(lines)
        got = fit_detector(dask_corpus, **params)
        pd.testing.assert_frame_equal(got.template_lines_, expected.template_lines_)
        pd.testing.assert_series_equal(got.n_articles_, expected.n_articles_)
    assert len(fit_detector(dask_corpus).template_lines_) > 20  # the demo has templates


_POOL = ["Menu", "Subscribe now", "Rain fell on the town.", "Share this", "Photo: Ann Lee", ""]


@settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(
    docs=st.lists(
        st.tuples(
            st.sampled_from(["A", "B", "C"]),
            st.lists(st.sampled_from(_POOL), max_size=5),
        ),
        max_size=24,
    ),
    npartitions=st.integers(1, 7),
    share=st.sampled_from([0.0, 0.1, 0.25, 0.3, 1 / 3, 0.5, 0.7, 1.0]),
    least=st.integers(1, 3),
    batch=st.sampled_from([None, 1, 40]),
)
def test_detector_from_locally_frequent_keys_equals_fit(
    docs: list[tuple[str, list[str]]],
    npartitions: int,
    share: float,
    least: int,
    batch: int | None,
) -> None:
    """Pass 1 keeps only keys frequent in their own partition; no template is lost.

    Outlets are spread unevenly over partitions, and shares sit exactly on the
    threshold (1/3 of 3 or 6 articles, all of them), where rounding could drop a key.
    Partitions are split further into batches of whole articles (``batch`` characters).
    """
    arts = pd.DataFrame(
        {
            "article_id": [f"{i:03d}" for i in range(len(docs))],
            "outlet": [outlet for outlet, _ in docs],
            "text": ["\n".join(lines) for _, lines in docs],
        }
    )
    params = {"min_template_share": share, "min_template_articles": least}
    expected = BoilerplateDetector(**params).fit(toolkit.split_lines(arts))
    with dask.config.set(scheduler="synchronous"), mock.patch.object(scale, "BATCH_CHARS", batch):
        got = fit_detector(DaskCorpus.from_corpus(arts, npartitions=npartitions), **params)
    pd.testing.assert_frame_equal(got.template_lines_, expected.template_lines_)
    pd.testing.assert_series_equal(got.n_articles_, expected.n_articles_)


def test_article_stats_equal(dask_corpus: DaskCorpus, pandas_stats: pd.DataFrame) -> None:
    lazy = toolkit.article_stats(dask_corpus)
    assert isinstance(lazy, dd.DataFrame)
    got = lazy.compute().reset_index(drop=True)
    assert got.dtypes.to_dict() == pandas_stats.dtypes.to_dict()
    pd.testing.assert_frame_equal(got, pandas_stats, **TOL)
    assert got["boilerplate_ratio"].gt(0).mean() > 0.5  # not a trivial comparison


def test_partitions_labelled_in_batches_give_the_same_numbers(
    pandas_corpus: toolkit.Corpus, pandas_stats: pd.DataFrame
) -> None:
    """Each partition is labelled a batch of whole articles at a time (memory bounded
    by the batch): statistics, detector and keyword counts do not change."""
    arts = pandas_corpus.articles
    dc = DaskCorpus.from_corpus(arts, npartitions=2)
    bounds = summary.batch_bounds(arts.iloc[: len(arts) // 2], 20_000)
    assert len(bounds) > 3  # many batches per partition
    with dask.config.set(scheduler="synchronous"), mock.patch.object(scale, "BATCH_CHARS", 20_000):
        det = fit_detector(dc)
        got = collect_article_stats(toolkit.article_stats(dc))
        counts = dask_term_counts(dc)
    expected = BoilerplateDetector().fit(toolkit.split_lines(arts))
    pd.testing.assert_frame_equal(det.template_lines_, expected.template_lines_)
    pd.testing.assert_frame_equal(got, pandas_stats, **TOL)
    pd.testing.assert_frame_equal(
        keyness_table(counts, "all"),
        keyness_table(term_counts(arts), "all"),
        **TOL,
    )


def test_outlet_stats_equal(dask_corpus: DaskCorpus, pandas_stats: pd.DataFrame) -> None:
    got = toolkit.outlet_stats(toolkit.article_stats(dask_corpus))
    pd.testing.assert_frame_equal(got, toolkit.outlet_stats(pandas_stats), **TOL)


def test_stats_of_a_dask_dataframe_with_empty_partitions(
    client: Client, pandas_corpus: toolkit.Corpus
) -> None:
    arts = pandas_corpus.articles
    with dask.config.set({"dataframe.convert-string": False}):
        ddf = dd.from_pandas(arts, npartitions=5, sort=False)
    sub = ddf[ddf["article_id"] < "040"]
    sizes = sub.map_partitions(len).compute().tolist()
    assert 0 in sizes  # ids are in file order: the last partitions are empty
    expected = toolkit.article_stats(arts[arts["article_id"] < "040"])
    got = toolkit.article_stats(sub).compute().reset_index(drop=True)
    pd.testing.assert_frame_equal(got, expected, **TOL)
    # collected partition by partition on the client: the same table, the same dtypes
    collected = collect_article_stats(toolkit.article_stats(sub))
    pd.testing.assert_frame_equal(collected, expected, **TOL)
    some = collect_article_stats(toolkit.article_stats(sub), ["outlet", "n_lines", "nope"])
    pd.testing.assert_frame_equal(some, expected[["outlet", "n_lines"]], **TOL)


@pytest.mark.parametrize(
    "kwargs",
    [{}, {"text": "raw"}, {"ngram": (1, 2), "top": 50}, {"by": None, "stop_words": None}],
)
def test_keyword_frequencies_equal(
    dask_corpus: DaskCorpus, pandas_corpus: toolkit.Corpus, kwargs: dict
) -> None:
    got = toolkit.keyword_frequencies(dask_corpus, **kwargs)
    expected = toolkit.keyword_frequencies(pandas_corpus, **kwargs)
    assert len(expected) > 100
    pd.testing.assert_frame_equal(got, expected, **TOL)


def test_keyness_equal(dask_corpus: DaskCorpus, pandas_corpus: toolkit.Corpus) -> None:
    for target, reference in [
        ("The Daily Clarion", "rest"),
        ("Вестник Севера", "The Ledger Daily"),
    ]:
        got = toolkit.keyness(dask_corpus, target, reference, with_log_odds=True)
        expected = toolkit.keyness(pandas_corpus, target, reference, with_log_odds=True)
        assert len(expected) > 30  # the Russian outlet's Cyrillic terms only
        pd.testing.assert_frame_equal(got, expected, **TOL)
    counts = dask_term_counts(dask_corpus, ngram=2)
    pd.testing.assert_frame_equal(
        keyness_table(counts, "all", min_count=2),
        keyness_table(pandas_corpus, "all", ngram=2, min_count=2),
        **TOL,
    )


def test_merge_term_counts_equals_one_pass(pandas_corpus: toolkit.Corpus) -> None:
    arts = pandas_corpus.articles
    det = BoilerplateDetector().fit(arts)  # one detector for all, as the Dask engine does
    whole = term_counts(arts, ngram=(1, 3), text="raw", templates=det)
    rng = np.random.default_rng(1)
    cuts = np.sort(rng.choice(np.arange(1, len(arts)), size=6, replace=False))
    bounds = zip([0, *cuts], [*cuts, len(arts)], strict=True)
    parts = [
        term_counts(arts.iloc[a:b], ngram=(1, 3), text="raw", templates=det) for a, b in bounds
    ]
    merged = merge_term_counts(parts)
    for attr in ("groups", "n_words", "n_docs", "names", "hosts", "template_terms"):
        np.testing.assert_array_equal(getattr(merged, attr), getattr(whole, attr))
    table = toolkit.keyword_frequencies(merged, stop_words="en")
    pd.testing.assert_frame_equal(table, toolkit.keyword_frequencies(whole, stop_words="en"))
    pd.testing.assert_frame_equal(
        toolkit.keyness_table(merged, stem=True), toolkit.keyness_table(whole, stem=True)
    )
    with pytest.raises(ValueError, match="different settings"):
        merge_term_counts([whole, term_counts(arts, text="raw")])


def test_stats_import_without_dask() -> None:
    code = (
        "import sys, toolkit, toolkit.stats, toolkit.stats.summary, toolkit.stats.keywords, "
        "toolkit.corpus; toolkit.load_corpus; "
        "print(any(m == 'dask' or m.startswith('dask.') for m in sys.modules))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == "False"


def test_workers_are_separate_processes(client: Client) -> None:
    pids = _worker_pids(client)
    assert len(set(pids)) == 2 and psutil.Process().pid not in pids


def _worker_pids(client: Client) -> list[int]:
    info = client.run(lambda: __import__("os").getpid())
    return [int(pid) for pid in info.values()]


def test_partition_without_letters_keeps_the_column_types() -> None:
    arts = pd.DataFrame(
        {
            "article_id": ["a", "b", "c", "d"],
            "outlet": ["X"] * 4,
            "text": ["The council met on Tuesday.", "The board agreed.", "12 34 56", "2024 -- 99"],
        }
    )
    dc = toolkit.load_corpus(arts, engine="dask", npartitions=2)
    with dask.config.set(scheduler="synchronous"):
        got = toolkit.article_stats(dc).compute()
    expected = toolkit.article_stats(arts)
    assert got["dominant_script"].dtype == expected["dominant_script"].dtype
    assert got["dominant_script"].isna().tolist() == [False, False, True, True]
