"""The loader moves article texts into Arrow chunk by chunk: the same table as at once."""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import toolkit.corpus as corpus_module
from toolkit.corpus import load_corpus
from toolkit.io.provenance import PROVENANCE_COLUMNS
from toolkit.io.rows import ArticleRows, arrow_texts
from toolkit.schema import ARTICLE_COLUMNS


def _write_folder(root: Path, n: int = 25) -> None:
    for i in range(n):
        outlet = ["Daily Planet", "Metro Wire", "Вестник"][i % 3]
        folder = root / outlet if i % 5 else root
        folder.mkdir(parents=True, exist_ok=True)
        text = f"Story {i} | Metro Wire\n" + "Rain fell on the harbour. Дождь. " * (i % 4 + 1)
        (folder / f"a{i}.txt").write_text(text, encoding="utf-8")
    (root / "Metro Wire" / "a1.txt").write_bytes(b"")  # an empty file: an errors row
    (root / "Daily Planet" / "a0.txt").write_text("x" * 400, encoding="utf-8")  # a stem twice


@pytest.mark.parametrize("chunk_chars", [1, 200, 10**9])
def test_text_chunks_give_the_same_corpus(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, chunk_chars: int
) -> None:
    _write_folder(tmp_path)
    reference = load_corpus(tmp_path, progress=False)
    monkeypatch.setattr(corpus_module, "TEXT_CHUNK_CHARS", chunk_chars)
    chunked = load_corpus(tmp_path, progress=False)
    pd.testing.assert_frame_equal(reference.articles, chunked.articles, check_exact=True)
    pd.testing.assert_frame_equal(reference.errors, chunked.errors)
    assert list(chunked.articles.columns) == [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
    assert chunked.articles["text"].dtype == "str"
    n_chunks = chunked.articles["text"].array._pa_array.num_chunks
    if chunk_chars == 1:
        assert n_chunks == len(chunked)  # one text per chunk
    elif chunk_chars == 200:
        assert 1 < n_chunks < len(chunked)
    else:
        assert n_chunks == 1
    assert chunked.errors["error"].tolist() == ["empty"]
    assert "a0@." in chunked.articles["article_id"].tolist()


def test_rows_buffer_keeps_order_and_values() -> None:
    rows = ArticleRows(chunk_chars=5)
    for i in range(7):
        rows.append(
            {
                "article_id": f"a{i}",
                "outlet": "X",
                "title": None if i % 2 else f"T{i}",
                "text": "abc" * i,
                "published_at": None,
                "url": None,
                "source_path": f"f/a{i}.txt",
                "encoding": "utf-8",
                "outlet_source": "folder",
                "date_source": None,
            }
        )
    assert len(rows) == 7
    frame = rows.frame()
    assert frame["text"].tolist() == ["abc" * i for i in range(7)]
    assert frame["title"].tolist() == [None if i % 2 else f"T{i}" for i in range(7)]
    assert frame["article_id"].tolist() == [f"a{i}" for i in range(7)]
    assert frame["outlet_source"].tolist() == ["folder"] * 7
    assert frame["text"].array._pa_array.num_chunks > 1


def test_lone_surrogates_in_a_text_become_replacement_characters() -> None:
    arr = arrow_texts(["ok", "bad \ud800 text", ""])
    assert arr.to_pylist() == ["ok", "bad \ufffd text", ""]


@pytest.mark.parametrize("extra", [0, 1])
def test_max_file_bytes_is_inclusive(tmp_path: Path, extra: int) -> None:
    (tmp_path / "a.txt").write_text("x" * (100 + extra), encoding="utf-8")
    corpus = load_corpus(tmp_path, max_file_bytes=100, progress=False)
    if extra:
        assert len(corpus) == 0
        assert corpus.errors["error"].tolist() == ["too_large"]
        assert corpus.errors["message"][0].startswith("101 bytes is over max_file_bytes=100")
    else:
        assert corpus.articles["text"].tolist() == ["x" * 100]
        assert len(corpus.errors) == 0
