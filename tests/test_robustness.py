"""Robustness: fuzzing the loader and every statistic with hostile text and bytes.

Every statistic must return values in range (fractions in [0, 1]) or NaN, and never
raise, on arbitrary Unicode (right-to-left scripts, combining marks, NUL and other
control characters, lines of only whitespace or punctuation, empty and one-line
articles). The loader must turn arbitrary bytes into articles or rows of ``errors``,
never an exception. Corpus edge cases not covered by ``tests/test_corpus.py`` are here
too: deep folders, symlink loops, unreadable files, duplicate ids, broken tables.
"""

from __future__ import annotations

import errno
import json
import os
import random
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

import toolkit
from toolkit.corpus import Corpus, load_corpus
from toolkit.schema import ARTICLE_COLUMNS, ERROR_COLUMNS
from toolkit.stats.repetition import gopher_repetition
from toolkit.stats.scripts import mark_stray
from toolkit.stats.summary import FRACTION_COLUMNS, STRAY_KINDS
from toolkit.text import normalize_text, split_lines

FUZZ = settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)

# --------------------------------------------------------------------------- strategies

#: Hand-picked hostile fragments mixed into the generated text.
NASTY: tuple[str, ...] = (
    "",
    "   ",
    "\t \u00a0 \u3000",
    "!!!",
    "... — ...",
    "«»“”„‟‹›",
    "*** ### ---",
    "\x00",
    "a\x00b\x00c",
    "\x01\x02\x1b[2J\x7f",
    "مرحبا بالعالم، هذا خبر عاجل.",
    "שלום עולם, זו כתבה קצרה.",
    "\u202eevil\u202c \u200f\u200e",
    "e\u0301\u0302\u0303 a\u0308\u0308 ñ",
    "\u0915\u094d\u0937",  # Devanagari conjunct
    "Z\u0351\u0352\u0353\u0354\u0355\u0356",  # zalgo
    "Подписаться на рассылку",
    "Subscribe to our newsletter",
    "Read more",
    "Photo: Staff Photographer / Agency",
    "ÐŸÐ¾Ð´Ð¿Ð¸ÑÐ°Ñ‚ÑŒÑÑ",  # mojibake
    "Pаypal sеcurity",  # mixed-script words
    "<script>alert(1)</script>",
    "&amp;&lt;b&gt; <div class='x'>",
    "\ufeff\u200b\u200d\u2060",
    "\u2028\u2029\x85",
    "👍🏽 🇺🇦 👨‍👩‍👧",
    "𝔘𝔫𝔦𝔠𝔬𝔡𝔢 ｆｕｌｌｗｉｄｔｈ",
    "1,200.5% 3.14 -7 +8 =SUM(A1)",
    "don't won’t U.S. cease-fire",
    "The council approved the budget after a long debate on Monday.",
    "Городской совет утвердил бюджет после долгих споров.",
)
_WORDS = ("the", "council", "budget", "river", "said", "мост", "совет", "خبر", "חדשות", "x")

_line = st.one_of(
    st.sampled_from(NASTY),
    st.text(max_size=40),  # any code point but surrogates
    st.lists(st.sampled_from(_WORDS), min_size=1, max_size=12).map(" ".join),
)
_sep = st.sampled_from(["\n", "\n\n", "\r\n", "\n \n", "\n\t\n\n"])


@st.composite
def texts(draw: Any) -> str:
    """An article text: 0-8 hostile lines, sometimes with a line or paragraph repeated."""
    lines = draw(st.lists(_line, max_size=8))
    if lines and draw(st.booleans()):
        lines.append(draw(st.sampled_from(lines)))
    sep = draw(_sep)
    return sep.join(lines)


@st.composite
def articles(draw: Any, min_size: int = 1, max_size: int = 5) -> pd.DataFrame:
    """An articles table of hostile texts over 1-3 outlets (some articles copied)."""
    body = draw(st.lists(texts(), min_size=min_size, max_size=max_size))
    if body and draw(st.booleans()):
        body.append(body[0])  # a syndicated copy, usually in another outlet
    outlets = draw(
        st.lists(
            st.sampled_from(["Daily Planet", "Вестник", "صحيفة", "<b>Evil</b>"]),
            min_size=len(body),
            max_size=len(body),
        )
    )
    return pd.DataFrame(
        {"article_id": [f"a{i}" for i in range(len(body))], "outlet": outlets, "text": body}
    )


# --------------------------------------------------------------------------- helpers


def assert_fraction(values: Any, name: str) -> None:
    """Every value is NaN or a float in [0, 1]."""
    arr = pd.to_numeric(pd.Series(values, dtype=object), errors="raise").to_numpy(dtype=float)
    ok = np.isnan(arr) | ((arr >= 0.0) & (arr <= 1.0))
    assert ok.all(), f"{name} out of [0, 1]: {arr[~ok][:5]}"


def assert_finite_or_nan(values: Any, name: str) -> None:
    arr = pd.to_numeric(pd.Series(values, dtype=object), errors="raise").to_numpy(dtype=float)
    assert not np.isinf(arr).any(), f"{name} has an infinite value"


def nonblank_lines(text: str) -> list[str]:
    return [line for line in text.split("\n") if line.strip()]


# --------------------------------------------------------------------------- statistics


@FUZZ
@given(arts=articles())
def test_fuzz_label_lines(arts: pd.DataFrame) -> None:
    before = arts.copy()
    lines = toolkit.label_lines(arts)
    pd.testing.assert_frame_equal(arts, before)  # the input is not mutated
    n_lines = sum(len(nonblank_lines(t)) for t in arts["text"])
    assert len(lines) == n_lines
    assert_fraction(lines["repeat_similarity"], "repeat_similarity")
    assert lines.loc[~lines["is_repeat"].astype(bool), "repeat_similarity"].isna().all()
    stray = lines["stray_chars"].to_numpy(dtype=int)
    assert ((stray >= 0) & (stray <= lines["n_chars"].to_numpy())).all()
    assert set(lines["stray_kind"].dropna()) <= set(STRAY_KINDS)
    assert lines["is_clean"].dtype == bool
    has_reason = lines["boilerplate_reason"].notna()
    assert (has_reason == lines["is_boilerplate"].astype(bool)).all()


@FUZZ
@given(arts=articles())
def test_fuzz_article_and_outlet_stats(arts: pd.DataFrame) -> None:
    stats = toolkit.article_stats(arts)
    assert stats["article_id"].tolist() == arts["article_id"].tolist()
    for col in FRACTION_COLUMNS:
        assert_fraction(stats[col], col)
    for col in [c for c in stats.columns if c.startswith("n_")]:
        assert (stats[col] >= 0).all(), col
    empty = ~arts["text"].map(lambda t: bool(t.strip())).to_numpy()
    for col in ("repetition_rate", "boilerplate_ratio", "stray_chr_fraction"):
        assert stats.loc[empty, col].isna().all(), f"{col} of an empty article is not NaN"
    outlets = toolkit.outlet_stats(stats, n_boot=50)
    assert sorted(outlets["outlet"]) == sorted(arts["outlet"].unique())
    for col in outlets.columns:
        if col.endswith(("_mean", "_median", "_ci_low", "_ci_high")) and col != "n_words_mean":
            assert_fraction(outlets[col], col)
    for rate in ("repetition_rate", "boilerplate_ratio", "stray_chr_fraction"):
        low, high = outlets[f"{rate}_ci_low"], outlets[f"{rate}_ci_high"]
        both = low.notna() & high.notna()
        assert (low[both] <= high[both] + 1e-12).all()


@FUZZ
@given(arts=articles())
def test_fuzz_strip_boilerplate(arts: pd.DataFrame) -> None:
    out = toolkit.strip_boilerplate(arts)
    assert out["text"].tolist() == arts["text"].tolist()  # the raw text is untouched
    lines = toolkit.label_lines(arts)
    repaired = lines.groupby("article_id")["repaired_text"].agg(lambda s: set(s.dropna()))
    for aid, raw, clean in zip(arts["article_id"], arts["text"], out["clean_text"], strict=True):
        assert isinstance(clean, str)
        # every clean line is a raw line, or the ftfy repair of a mojibake line
        allowed = set(nonblank_lines(raw)) | repaired.get(aid, set())
        assert set(nonblank_lines(clean)) <= allowed


@FUZZ
@given(arts=articles(min_size=2), mode=st.sampled_from(["raw", "clean"]))
def test_fuzz_near_duplicates(arts: pd.DataFrame, mode: str) -> None:
    pairs = toolkit.near_duplicates(arts, text=mode, shingle_size=2, threshold=0.3)
    assert_fraction(pairs["similarity"], "similarity")
    assert_fraction(pairs["shared_share"], "shared_share")
    ids = set(arts["article_id"])
    assert set(pairs["article_id_a"]) <= ids and set(pairs["article_id_b"]) <= ids
    assert (pairs["article_id_a"] != pairs["article_id_b"]).all()


@FUZZ
@given(arts=articles(), mode=st.sampled_from(["raw", "clean"]))
def test_fuzz_keyword_frequencies_and_keyness(arts: pd.DataFrame, mode: str) -> None:
    freqs = toolkit.keyword_frequencies(arts, text=mode, stop_words=None)
    assert (freqs["n"] >= 1).all() and (freqs["n_articles"] >= 1).all()
    assert (freqs["term"].str.len() > 0).all()
    per_10k = freqs["per_10k_words"].to_numpy(dtype=float)
    assert np.isfinite(per_10k).all() and (per_10k > 0).all() and (per_10k <= 10_000).all()
    target = arts["outlet"].iloc[0]
    key = toolkit.keyness(arts, target=target, text=mode, min_count=1, stop_words=None)
    assert_fraction(key["p_value"], "p_value")
    assert_finite_or_nan(key["g2"], "g2")
    assert_finite_or_nan(key["log_ratio"], "log_ratio")
    assert (key["n_target"] >= 0).all() and (key["n_reference"] >= 0).all()


@FUZZ
@given(arts=articles(), term=st.one_of(st.sampled_from(_WORDS), st.text(min_size=1, max_size=6)))
def test_fuzz_concordance(arts: pd.DataFrame, term: str) -> None:
    if not term.strip():
        with pytest.raises(ValueError):
            toolkit.concordance(arts, term, text="raw")
        return
    conc = toolkit.concordance(arts, term, text="raw", width=20)
    assert set(conc["article_id"]) <= set(arts["article_id"])
    for col in ("left", "match", "right"):
        assert conc[col].map(lambda s: isinstance(s, str)).all()
    assert (conc["left"].str.len() <= 20).all() and (conc["right"].str.len() <= 20).all()


@FUZZ
@given(arts=articles(), by=st.sampled_from([None, "outlet"]))
def test_fuzz_collocations(arts: pd.DataFrame, by: str | None) -> None:
    coll = toolkit.collocations(
        arts, by=by, text="raw", min_count=1, measure="both", stop_words=None
    )
    assert (coll["n"] >= 1).all()
    assert_finite_or_nan(coll["pmi"], "pmi")
    assert_finite_or_nan(coll["likelihood_ratio"], "likelihood_ratio")


@pytest.mark.parametrize("measure", ["pmi", "likelihood_ratio", "both"])
@pytest.mark.parametrize("text", ["the the", "000+000,"])
def test_collocations_of_a_word_repeated_once(text: str, measure: str) -> None:
    # nltk's 2x2 table for a word paired with itself in a two-word text has a negative
    # cell: the likelihood ratio is undefined (NaN), the PMI is log2(1*2 / (2*2)) = -1
    arts = pd.DataFrame({"article_id": ["a"], "outlet": ["A"], "text": [text]})
    coll = toolkit.collocations(arts, text="raw", min_count=1, stop_words=None, measure=measure)
    assert len(coll) == 1
    assert coll["pmi"].iloc[0] == pytest.approx(-1.0)
    assert np.isnan(coll["likelihood_ratio"].iloc[0])


@FUZZ
@given(text=st.one_of(texts(), st.text()))
def test_fuzz_tokenize(text: str) -> None:
    tokens = toolkit.tokenize(text, lower=False)
    assert all(isinstance(t, str) and t for t in tokens)
    lowered = toolkit.tokenize(text)
    assert len(lowered) == len(tokens)
    assert all(t == t.lower() for t in lowered)
    assert all(any(ch.isalnum() for ch in t) for t in tokens)


@FUZZ
@given(arts=articles())
def test_fuzz_mark_stray(arts: pd.DataFrame) -> None:
    lines = split_lines(arts)
    before = lines.copy()
    out = mark_stray(lines)
    pd.testing.assert_frame_equal(lines, before)
    assert len(out) == len(lines)
    stray = out["stray_chars"].to_numpy(dtype=int)
    assert ((stray >= 0) & (stray <= out["n_chars"].to_numpy())).all()
    kinds = out["stray_kind"]
    assert set(kinds.dropna()) <= set(STRAY_KINDS)
    assert (out.loc[kinds.isna(), "stray_chars"] == 0).all()
    assert out.loc[kinds.ne("mojibake") | kinds.isna(), "repaired_text"].isna().all()


@FUZZ
@given(body=st.lists(st.one_of(texts(), st.text()), max_size=6))
def test_fuzz_gopher_repetition(body: list[str]) -> None:
    gop = gopher_repetition(pd.Series(body, dtype=object))
    assert len(gop) == len(body) and gop.shape[1] == 13
    for col in gop.columns:
        assert_fraction(gop[col], col)
    for i, text in enumerate(body):
        if not text.strip():
            assert gop.iloc[i].isna().all(), "an empty text must give NaN, not 0"


@pytest.mark.parametrize("text", NASTY, ids=[f"nasty{i}" for i in range(len(NASTY))])
def test_every_statistic_on_each_nasty_fragment(text: str) -> None:
    """Each hostile fragment alone, as a one-line article, next to a normal article."""
    arts = pd.DataFrame(
        {
            "article_id": ["x", "y"],
            "outlet": ["A", "B"],
            "text": [text, "The council approved the budget.\n\nThe river rose."],
        }
    )
    stats = toolkit.article_stats(arts)
    for col in FRACTION_COLUMNS:
        assert_fraction(stats[col], col)
    toolkit.outlet_stats(stats, n_boot=20)
    toolkit.strip_boilerplate(arts)
    toolkit.near_duplicates(arts, text="raw")
    toolkit.keyword_frequencies(arts, text="raw")
    toolkit.keyness(arts, target="A", text="raw", min_count=1)
    toolkit.collocations(arts, text="raw", min_count=1)
    if text.strip():
        toolkit.concordance(arts, text.split()[0], text="raw")
    toolkit.tokenize(text)
    mark_stray(split_lines(arts))
    assert_fraction(gopher_repetition(arts["text"]).to_numpy().ravel(), "gopher")


def test_empty_corpus_and_empty_articles() -> None:
    empty = pd.DataFrame({"article_id": [], "outlet": [], "text": []})
    assert toolkit.article_stats(empty).empty
    assert toolkit.outlet_stats(toolkit.article_stats(empty)).empty
    assert toolkit.keyword_frequencies(empty).empty
    assert toolkit.near_duplicates(empty).empty
    assert toolkit.collocations(empty).empty
    assert toolkit.concordance(empty, "x").empty
    blank = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["A", "B"], "text": ["", " \n\t"]})
    stats = toolkit.article_stats(blank)
    assert stats[list(FRACTION_COLUMNS)].isna().all().all()
    assert (stats["n_lines"] == 0).all()


def test_lone_surrogates_in_a_dataframe_are_replaced_not_fatal() -> None:
    arts = pd.DataFrame(
        {"article_id": ["a"], "outlet": ["A"], "text": pd.Series(["bad \ud800 x"], dtype=object)}
    )
    stats = toolkit.article_stats(arts)
    assert stats["n_chars"].tolist() == [len("bad \ufffd x")]
    assert toolkit.strip_boilerplate(arts)["text"].tolist() == ["bad \ufffd x"]


# --------------------------------------------------------------------------- loader fuzz

_FILE_NAMES = ("a.txt", "b.html", "c.csv", "d.jsonl", "e.json", "f.tsv", "g.htm")


@settings(
    max_examples=40,
    deadline=None,
    suppress_health_check=[HealthCheck.too_slow, HealthCheck.function_scoped_fixture],
)
@given(
    blobs=st.lists(
        st.one_of(
            st.binary(max_size=300),
            texts().map(lambda t: t.encode("utf-8")),
            texts().map(lambda t: t.encode("utf-16")),
            texts().map(lambda t: t.encode("cp1251", "replace")),
            st.text(max_size=80).map(lambda t: t.encode("utf-8", "surrogatepass")),
            st.binary(max_size=80).map(lambda b: b"\xef\xbb\xbf" + b),  # BOM then junk
        ),
        min_size=1,
        max_size=len(_FILE_NAMES),
    )
)
def test_fuzz_load_corpus_on_arbitrary_bytes(tmp_path_factory: Any, blobs: list[bytes]) -> None:
    folder = tmp_path_factory.mktemp("fuzz")
    names = _FILE_NAMES[: len(blobs)]
    for name, blob in zip(names, blobs, strict=True):
        (folder / name).write_bytes(blob)
    corpus = load_corpus(folder)
    _check_corpus(corpus)
    articles = [n for n in names if n.endswith((".txt", ".html", ".htm"))]
    if articles:
        # one article or one errors row per article file; tables are ignored then
        sources = set(corpus.articles["source_path"]) | set(corpus.errors["source_path"])
        for name in articles:
            assert str(folder / name) in sources, name
    # each file alone, as a single-file source
    for name in names:
        _check_corpus(load_corpus(folder / name))


def _check_corpus(corpus: Corpus) -> None:
    assert list(corpus.articles.columns[: len(ARTICLE_COLUMNS)]) == list(ARTICLE_COLUMNS)
    assert list(corpus.errors.columns) == list(ERROR_COLUMNS)
    assert corpus.articles["article_id"].is_unique
    assert corpus.articles["text"].map(lambda t: isinstance(t, str) and bool(t.strip())).all()
    assert corpus.errors["message"].map(lambda m: isinstance(m, str) and len(m) > 5).all()
    # what was loaded can be measured
    stats = toolkit.article_stats(corpus)
    for col in ("repetition_rate", "boilerplate_ratio", "stray_chr_fraction"):
        assert_fraction(stats[col], col)


@FUZZ
@given(
    rows=st.lists(
        st.fixed_dictionaries(
            {"id": st.text(max_size=8), "outlet": st.text(max_size=8), "text": texts()}
        ),
        max_size=6,
    ),
    junk=st.lists(st.binary(max_size=40), max_size=3),
)
def test_fuzz_load_jsonl_and_csv_tables(
    tmp_path_factory: Any, rows: list[dict[str, str]], junk: list[bytes]
) -> None:
    folder = tmp_path_factory.mktemp("tables")
    jsonl = b"\n".join([json.dumps(r).encode() for r in rows] + junk)
    (folder / "t.jsonl").write_bytes(jsonl)
    frame = pd.DataFrame(rows, columns=["id", "outlet", "text"])
    csv_bytes = frame.to_csv(index=False).encode("utf-8") + b"\n".join(junk)
    (folder / "t.csv").write_bytes(csv_bytes)
    for name in ("t.jsonl", "t.csv"):
        corpus = load_corpus(folder / name)
        _check_corpus(corpus)
        assert len(corpus) <= len(rows) + len(junk)


# --------------------------------------------------------------------------- one 20 MB line


def _big_line(n_chars: int, seed: int = 0) -> str:
    rng = random.Random(seed)
    vocab = [*_WORDS, "Subscribe", "Москва", "مرحبا", "e\u0301", *(f"w{i}" for i in range(3000))]
    words = rng.choices(vocab, k=n_chars // 4)
    line = " ".join(words)
    while len(line) < n_chars:
        line = line + " " + line
    return line[:n_chars]


def test_a_single_20mb_line(tmp_path: Path) -> None:
    """A 20 MB file without a newline: loaded, tokenized and counted, nothing lost.

    Timings on this line (2 cores, 2026-11): load 1 s, gopher_repetition 4 s, tokenize
    4 s, keyword_frequencies 2 s, concordance 0.1 s; label_lines runs at about
    1.3 MB/s on such a line (see :func:`test_label_lines_on_one_long_mixed_line`).
    """
    line = _big_line(20_000_000)
    path = tmp_path / "one_line.txt"
    path.write_text(line, encoding="utf-8")
    (tmp_path / "small.txt").write_text("A short article about the council.\n", "utf-8")
    corpus = load_corpus(tmp_path)
    assert corpus.errors.empty
    big = corpus.articles[corpus.articles["article_id"] == "one_line"]
    assert big["text"].tolist() == [normalize_text(line)]  # NFC: nothing lost
    gop = gopher_repetition(big["text"])
    assert_fraction(gop.to_numpy().ravel(), "gopher")
    assert gop["top_ngram_chr_fraction_2"].iloc[0] > 0
    tokens = toolkit.tokenize(line[:5_000_000])
    assert len(tokens) > 500_000
    freqs = toolkit.keyword_frequencies(corpus, text="raw", by="article_id")
    assert freqs.loc[freqs["article_id"] == "one_line", "n"].sum() > 3_000_000
    conc = toolkit.concordance(corpus, "council", text="raw", max_lines=20)
    assert len(conc) == 20


def test_label_lines_on_one_long_mixed_line() -> None:
    """One 1 MB line of mixed Latin, Cyrillic and Arabic words is labelled as one line.

    Its speed (about 1.3 MB/s on 2 cores) is measured by ``benchmarks/bench_scripts.py``.
    """
    arts = pd.DataFrame(
        {"article_id": ["big"], "outlet": ["A"], "text": [_big_line(1_000_000, seed=1)]}
    )
    lines = toolkit.label_lines(arts, cache=False)
    assert len(lines) == 1
    assert lines["n_chars"].iloc[0] == 1_000_000
    assert 0 <= lines["stray_chars"].iloc[0] <= 1_000_000


# --------------------------------------------------------------------------- corpus edges


BODY = "The harbour board met on Tuesday and agreed to dredge the channel before winter.\n"


def _write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    if isinstance(content, str):
        content = content.encode("utf-8")
    path.write_bytes(content)
    return path


def _errors(corpus: Corpus) -> list[tuple[str, str]]:
    return [
        (str(p).rsplit("/", 1)[-1], str(e))
        for p, e in zip(corpus.errors["source_path"], corpus.errors["error"], strict=True)
    ]


def test_deeply_nested_folders(tmp_path: Path) -> None:
    deep = tmp_path / "Deep Outlet"
    for i in range(60):
        deep = deep / f"level{i:02d}"
    _write(deep / "bottom.txt", BODY)
    _write(tmp_path / "top.txt", BODY + "top")
    corpus = load_corpus(tmp_path)
    arts = corpus.articles.set_index("article_id")
    assert sorted(arts.index) == ["bottom", "top"]
    assert arts.loc["bottom", "outlet"] == "Deep Outlet"
    assert corpus.errors.empty
    assert load_corpus(tmp_path, recursive=False).articles["article_id"].tolist() == ["top"]


def test_symlink_loops_of_files_and_folders(tmp_path: Path) -> None:
    _write(tmp_path / "A" / "good.txt", BODY)
    os.symlink(tmp_path / "self.txt", tmp_path / "self.txt")  # a link to itself
    os.symlink(tmp_path / "ping.txt", tmp_path / "pong.txt")  # two links to each other
    os.symlink(tmp_path / "pong.txt", tmp_path / "ping.txt")
    (tmp_path / "B").mkdir()
    os.symlink(tmp_path / "C", tmp_path / "B" / "to_c")  # B/to_c -> C/to_b -> B
    (tmp_path / "C").mkdir()
    os.symlink(tmp_path / "B", tmp_path / "C" / "to_b")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["good"]
    found = dict(_errors(corpus))
    assert found["self.txt"] == "symlink_loop"
    assert found["ping.txt"] == "symlink_loop" and found["pong.txt"] == "symlink_loop"
    assert "symlink_loop" in {found.get("to_c"), found.get("to_b")}
    messages = " ".join(corpus.errors["message"])
    assert "link" in messages


def test_unreadable_files_io_error_and_a_folder_in_place_of_a_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    _write(tmp_path / "ok.txt", BODY)
    broken = _write(tmp_path / "disk_error.txt", BODY)
    (tmp_path / "manifest.csv").write_text("path,outlet\nok.txt,Wire\nfolder.txt,Wire\n")
    (tmp_path / "folder.txt").mkdir()  # a folder where the manifest expects a file
    real_open = open

    def failing_open(file: Any, *args: Any, **kwargs: Any) -> Any:
        if str(file) == str(broken):
            raise OSError(errno.EIO, "Input/output error", str(file))
        return real_open(file, *args, **kwargs)

    monkeypatch.setattr("builtins.open", failing_open)
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["ok"]
    assert corpus.articles["outlet"].tolist() == ["Wire"]
    found = _errors(corpus)
    assert ("disk_error.txt", "unreadable") in found
    assert "Input/output error" in " ".join(corpus.errors["message"])
    assert ("manifest.csv", "missing_file") in found  # folder.txt is not an article file
    # a table read through a failing open: an errors row, not an exception
    table = _write(tmp_path / "t" / "data.csv", "id,text\n1,hello there\n")
    broken = table
    corpus = load_corpus(table.parent)
    assert corpus.articles.empty and _errors(corpus) == [("data.csv", "unreadable")]


def test_duplicate_article_ids_across_files_and_tables(tmp_path: Path) -> None:
    _write(tmp_path / "x" / "one.txt", BODY)
    _write(tmp_path / "x" / "two.txt", BODY + "second")
    # the manifest gives both files the same id
    _write(tmp_path / "manifest.csv", "path,id,outlet\nx/one.txt,same,W\nx/two.txt,same,W\n")
    corpus = load_corpus(tmp_path)
    assert corpus.articles["article_id"].tolist() == ["same", "same~2"]
    assert [e for _, e in _errors(corpus)] == ["duplicate_id"]
    assert "'same'" in corpus.errors["message"].iloc[0]
    # two tables with overlapping ids
    tables = tmp_path / "tables"
    _write(tables / "a.csv", "id,outlet,text\n1,A,First text.\n2,A,Second text.\n")
    _write(tables / "b.jsonl", json.dumps({"id": "1", "outlet": "B", "text": "Other."}))
    corpus = load_corpus(tables)
    assert sorted(corpus.articles["article_id"]) == ["1", "1~2", "2"]
    assert corpus.articles["text"].tolist() == ["First text.", "Second text.", "Other."]
    assert [e for _, e in _errors(corpus)] == ["duplicate_id"]


def test_csv_with_broken_quoting_keeps_the_good_rows(tmp_path: Path) -> None:
    path = _write(
        tmp_path / "broken.csv",
        'id,outlet,text\n1,A,"fine, quoted"\n2,A,"never closed\n3,A,plain\n'
        '4,A,"stray "quote" inside"\n5,A,ok again\n6,A,"unclosed at the very end',
    )
    corpus = load_corpus(path)
    ids = corpus.articles["article_id"].tolist()
    assert "1" in ids and "5" in ids
    assert "6" not in ids
    kinds = {e for _, e in _errors(corpus)}
    assert kinds == {"bad_row"}
    assert all(m.startswith("line ") for m in corpus.errors["message"])


def test_jsonl_with_hostile_lines(tmp_path: Path) -> None:
    good = json.dumps({"id": "g", "outlet": "A", "text": "A good line."})
    lines = [
        good.encode(),
        b"{broken",
        b'{"id": "deep", "text": ' + b"[" * 100_000 + b"]" * 100_000 + b"}",
        b'{"id": 1' + b"1" * 5000 + b', "text": "huge number"}',
        b'{"id": "s", "outlet": "A", "text": "lone \\ud800 surrogate"}',
        b'{"id": "n", "outlet": "A", "text": "a NUL \\u0000 escape"}',
        b"\xff\xfe invalid utf-8 \xc3\x28",
        json.dumps({"id": "last", "outlet": "A", "text": "The end."}).encode(),
    ]
    path = _write(tmp_path / "hostile.jsonl", b"\n".join(lines))
    corpus = load_corpus(path)
    texts = dict(zip(corpus.articles["article_id"], corpus.articles["text"], strict=True))
    assert texts["g"] == "A good line." and texts["last"] == "The end."
    assert texts["s"] == "lone \ufffd surrogate"
    assert "n" in texts
    found = corpus.errors
    assert (found["error"] == "bad_row").sum() >= 3
    assert any("nested too deeply" in m for m in found["message"])
    assert any("digits" in m for m in found["message"])
    # the same as one JSON document
    deep = _write(tmp_path / "deep.json", "[" * 100_000 + "]" * 100_000)
    assert _errors(load_corpus(deep)) == [("deep.json", "bad_table")]


def test_a_few_nul_bytes_do_not_lose_a_table(tmp_path: Path) -> None:
    path = _write(tmp_path / "t.csv", b"id,text\n1,one bad\x00cell\n2,fine\n3,also fine\n")
    corpus = load_corpus(path)
    assert corpus.articles["article_id"].tolist() == ["1", "2", "3"]
    assert corpus.errors.empty
    lines = toolkit.label_lines(corpus)
    assert (
        lines.loc[lines["text"].str.contains("\x00", regex=False), "stray_kind"].eq("control").all()
    )
    # many NUL bytes: still a binary file
    binary = _write(tmp_path / "b" / "x.txt", b"ab\x00\x00\x00\x00cd\x00\x00")
    assert _errors(load_corpus(binary)) == [("x.txt", "binary")]


def test_manifest_naming_missing_files_and_escaping_paths(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    _write(corpus_dir / "here.txt", BODY)
    _write(tmp_path / "outside.txt", "A file outside the corpus folder.")
    _write(
        corpus_dir / "manifest.csv",
        "path,outlet\nhere.txt,W\ngone.txt,W\n../outside.txt,W\n/etc/passwd,W\n",
    )
    corpus = load_corpus(corpus_dir)
    assert corpus.articles["article_id"].tolist() == ["here"]
    assert corpus.articles["outlet"].tolist() == ["W"]
    assert [e for _, e in _errors(corpus)] == ["missing_file"] * 3
    messages = " ".join(corpus.errors["message"])
    assert "gone.txt" in messages and "outside.txt" in messages and "passwd" in messages
    assert "outside the corpus" not in " ".join(corpus.articles["text"])


def test_numbers_and_nan_in_hostile_json_values(tmp_path: Path) -> None:
    lines = [
        '{"id": 1e400, "outlet": NaN, "text": "Infinity id."}',
        '{"id": null, "outlet": ["x"], "text": {"nested": [1, 2]}}',
        '{"id": true, "outlet": {"name": "N"}, "text": 12345, "date": -1e300}',
    ]
    corpus = load_corpus(_write(tmp_path / "n.jsonl", "\n".join(lines)))
    _check_corpus(corpus)
    assert len(corpus) == 3
    assert "nan" not in corpus.articles["outlet"].tolist()


@FUZZ
@given(arts=articles(min_size=2, max_size=6), batch_chars=st.integers(1, 120))
def test_fuzz_batches_equal_one_pass(arts: pd.DataFrame, batch_chars: int) -> None:
    """Batched statistics (shared word pass, clean texts held as line places) equal one pass."""
    from toolkit.stats.summary import (
        article_stats,
        cached_clean_texts,
        clear_cache,
        strip_boilerplate,
    )

    arts = arts.assign(text=[t.encode("utf-8", "replace").decode("utf-8") for t in arts["text"]])
    whole = article_stats(arts, batch_chars=None, cache=False)
    clean = strip_boilerplate(arts, batch_chars=None, cache=False)["clean_text"].tolist()
    clear_cache()
    batched = article_stats(arts, batch_chars=batch_chars)
    pd.testing.assert_frame_equal(batched, whole, check_exact=True)
    held = cached_clean_texts(toolkit.schema.as_articles(arts))
    if held is not None:  # more than one batch: the clean texts of the pass are cached
        texts = held.texts() if hasattr(held, "texts") else held.tolist()
        assert texts == clean
    assert strip_boilerplate(arts, batch_chars=batch_chars)["clean_text"].tolist() == clean
    clear_cache()
