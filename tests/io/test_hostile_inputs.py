"""Hostile inputs to the loader: each loads or becomes an errors row, fast, never a crash.

Every test runs under a timeout (a hang fails instead of stalling the suite) and checks
that the source tree is byte for byte what it was before the load.
"""

from __future__ import annotations

import hashlib
import io
import os
import struct
import sys
import zipfile
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_corpus

pytestmark = pytest.mark.timeout(120)


def _tree_hash(root: Path) -> dict[str, str]:
    """Every regular file below ``root`` (links not followed) and the hash of its bytes."""
    out = {}
    for folder, _, files in os.walk(root):
        for name in files:
            path = Path(folder, name)
            if path.is_symlink() or not path.is_file():
                out[str(path)] = "special"
                continue
            out[str(path)] = hashlib.sha256(path.read_bytes()).hexdigest()
    return out


class Untouched:
    """``seal()`` after writing the fixture files; at the end of the test, every file
    below the folder must still be what it was when sealed (the loader only reads)."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.before: dict[str, str] | None = None

    def seal(self) -> None:
        self.before = _tree_hash(self.root)

    def check(self) -> None:
        assert self.before is not None, "seal() was never called"
        assert _tree_hash(self.root) == self.before


@pytest.fixture
def untouched(tmp_path: Path):
    guard = Untouched(tmp_path)
    yield guard
    guard.check()


def _errors(corpus) -> list[str]:
    return corpus.errors["error"].tolist()


@pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="needs FIFOs")
def test_fifos_are_reported_never_opened(tmp_path: Path) -> None:
    (tmp_path / "a.txt").write_text("The pier reopened on Friday.", "utf-8")
    os.mkfifo(tmp_path / "x.txt")
    os.mkfifo(tmp_path / "y.csv")
    corpus = load_corpus(tmp_path, progress=False)
    assert corpus.articles["article_id"].tolist() == ["a"]
    rows = corpus.errors.set_index("error")
    assert _errors(corpus).count("special_file") == 2
    assert "FIFO" in rows.loc["special_file", "message"].iloc[0]
    for name in ("x.txt", "y.csv"):
        alone = load_corpus(tmp_path / name, progress=False)
        assert len(alone) == 0 and _errors(alone) == ["special_file"]


@pytest.mark.skipif(not Path("/dev/zero").exists(), reason="needs /dev/zero")
def test_links_to_devices_and_out_of_the_folder(tmp_path: Path) -> None:
    corpus_dir = tmp_path / "corpus"
    corpus_dir.mkdir()
    outside = tmp_path / "secret.txt"
    outside.write_text("A private note that is not part of the corpus.", "utf-8")
    (corpus_dir / "a.txt").write_text("The pier reopened on Friday.", "utf-8")
    (corpus_dir / "zero.csv").symlink_to("/dev/zero")
    (corpus_dir / "leak.txt").symlink_to(outside)
    (corpus_dir / "inside.txt").symlink_to(corpus_dir / "a.txt")
    corpus = load_corpus(corpus_dir, progress=False)
    assert sorted(corpus.articles["article_id"]) == ["a", "inside"]
    kinds = dict(zip(corpus.errors["source_path"], corpus.errors["error"], strict=True))
    assert kinds[str(corpus_dir / "leak.txt")] == "outside_link"
    assert kinds[str(corpus_dir / "zero.csv")] == "outside_link"
    followed = load_corpus(corpus_dir, progress=False, follow_links=True)
    assert sorted(followed.articles["article_id"]) == ["a", "inside", "leak"]
    assert "special_file" in _errors(followed)  # /dev/zero is never read, even when followed
    table = load_corpus(corpus_dir / "zero.csv", progress=False)
    assert _errors(table) == ["special_file"]


def test_impossible_dates_become_nat_with_a_bad_date_row(untouched) -> None:
    root = untouched.root
    (root / "p").mkdir()
    for i, day in enumerate(("0001-01-01", "9999-12-31")):
        (root / "p" / f"page{i}.html").write_text(
            f"<html><head><meta property='article:published_time' content='{day}'></head>"
            "<body><p>Published: 5 March 2024</p><p>The ferry sailed again.</p></body></html>",
            "utf-8",
        )
    untouched.seal()
    corpus = load_corpus(root / "p", progress=False)
    assert _errors(corpus) == ["bad_date", "bad_date"]
    # the page's own text is read instead of the impossible meta date
    assert corpus.articles["published_at"].tolist() == [pd.Timestamp("2024-03-05", tz="UTC")] * 2
    assert corpus.articles["date_source"].tolist() == ["published"] * 2
    (root / "t.csv").write_text(
        "text,date\nOne story.,0001-01-01\nTwo.,9999-12-31\nThree.,1e20\nFour.,2024-01-02\n",
        "utf-8",
    )
    untouched.seal()
    table = load_corpus(root / "t.csv", progress=False)
    assert table.articles["published_at"].notna().tolist() == [False, False, False, True]
    assert _errors(table) == ["bad_date"]
    epochs = pd.DataFrame({"text": ["a b", "c d", "e f"], "date": [1e20, 1.7e9, 1.7e12]})
    loaded = load_corpus(epochs, infer=False)
    assert loaded.articles["published_at"].dt.year.tolist()[1:] == [2023, 2023]
    assert pd.isna(loaded.articles["published_at"].iloc[0])


@pytest.mark.skipif(sys.platform != "linux", reason="needs byte file names")
def test_a_file_name_that_is_not_utf8_loads_under_an_escaped_name(untouched) -> None:
    root = untouched.root
    folder = root / "names"
    folder.mkdir()
    with open(os.path.join(os.fsencode(folder), b"caf\xe9.txt"), "wb") as fh:
        fh.write("The café opened.".encode())
    untouched.seal()
    corpus = load_corpus(folder, progress=False)
    assert corpus.articles["article_id"].tolist() == ["caf\\xe9"]
    assert corpus.articles["text"].tolist() == ["The café opened."]
    assert _errors(corpus) == ["bad_name"]


def test_skipped_files_are_counted_and_data_files_named(untouched) -> None:
    root = untouched.root
    folder = root / "mixed"
    folder.mkdir()
    (folder / "a.txt").write_text("The pier reopened on Friday.", "utf-8")
    (folder / "photo.jpg").write_bytes(b"\xff\xd8\xff")
    (folder / "paper.pdf").write_bytes(b"%PDF-1.4")
    (folder / "scan.pdf").write_bytes(b"%PDF-1.4")
    (folder / "README.md").write_text("notes", "utf-8")
    (folder / "export.csv").write_text("text\nA row.\n", "utf-8")
    with zipfile.ZipFile(folder / "more.zip", "w") as zf:
        zf.writestr("b.txt", "Another story.")
    untouched.seal()
    corpus = load_corpus(folder, progress=False)
    assert corpus.articles["article_id"].tolist() == ["a"]
    assert corpus.skipped.values.tolist() == [[".pdf", 2], [".jpg", 1], [".md", 1]]
    skipped = corpus.errors[corpus.errors["error"] == "skipped"]
    assert sorted(Path(p).name for p in skipped["source_path"]) == ["export.csv", "more.zip"]
    assert all("load it on its own" in m for m in skipped["message"])


def test_many_identical_rows_get_unique_ids_in_linear_time(tmp_path: Path) -> None:
    (tmp_path / "dup.csv").write_text("text\n" + "a\n" * 50_000, "utf-8")
    corpus = load_corpus(tmp_path / "dup.csv", progress=False, infer=False)
    ids = corpus.articles["article_id"]
    assert ids.is_unique and len(ids) == 50_000
    assert ids.iloc[2].endswith("~3") and ids.iloc[-1].endswith("~50000")


@pytest.mark.timeout(60)
def test_a_table_with_thousands_of_columns_loads(tmp_path: Path) -> None:
    header = "text," + ",".join(f"c{i}" for i in range(5_000))
    row = "A short story," + ",".join("1" for _ in range(5_000))
    (tmp_path / "wide.csv").write_text(header + "\n" + "\n".join([row] * 10), "utf-8")
    corpus = load_corpus(tmp_path / "wide.csv", progress=False, infer=False)
    assert len(corpus) == 10 and corpus.articles.shape[1] > 5_000


def test_lone_surrogates_in_a_frame_are_repaired_and_reported() -> None:
    frame = pd.DataFrame(
        {
            "text": ["broken \ud800 text", "fine text"],
            "outlet": ["Wire\udfff", "Post"],
            "article_id": ["a\ud800", "b"],
            "note": ["\udc80", "ok"],
        },
        dtype=object,
    )
    corpus = load_corpus(frame, infer=False)
    arts = corpus.articles
    assert arts["text"].tolist() == ["broken \ufffd text", "fine text"]
    assert arts["outlet"].tolist() == ["Wire\ufffd", "Post"]
    assert arts["article_id"].tolist() == ["a\ufffd", "b"]
    assert arts["note"].tolist() == ["\ufffd", "ok"]
    assert _errors(corpus) == ["bad_text"] * 4


def test_a_binary_text_column_is_decoded_like_a_file(tmp_path: Path) -> None:
    frame = pd.DataFrame(
        {"text": ["Дождь идёт.".encode("cp1251"), b"Plain words here."], "outlet": "X"}
    )
    frame.to_parquet(tmp_path / "t.parquet")
    corpus = load_corpus(tmp_path / "t.parquet", progress=False, infer=False)
    assert corpus.articles["text"].tolist() == ["Дождь идёт.", "Plain words here."]


def test_tables_have_a_byte_limit(tmp_path: Path) -> None:
    (tmp_path / "big.csv").write_text("text\n" + "A row of text.\n" * 100, "utf-8")
    corpus = load_corpus(tmp_path / "big.csv", max_table_bytes=100, infer=False)
    assert len(corpus) == 0 and _errors(corpus) == ["too_large"]
    assert "max_table_bytes=100" in corpus.errors["message"].iloc[0]
    assert len(load_corpus(tmp_path / "big.csv", max_table_bytes=None, infer=False)) == 100
    with pytest.raises(ValueError, match="max_table_bytes"):
        load_corpus(tmp_path / "big.csv", max_table_bytes=-1)


def _zip_with_false_utf8_name(path: Path) -> None:
    """A zip whose first member's name is flagged UTF-8 but holds bytes that are not."""
    buf = io.BytesIO()
    with zipfile.ZipFile(buf, "w") as zf:
        zf.writestr("aaaa.txt", "The first story of the archive.")
        zf.writestr("ok.txt", "The second story.")
    data = bytearray(buf.getvalue())
    start = 0
    while (at := data.find(b"aaaa.txt", start)) >= 0:
        data[at : at + 4] = b"\xff\xfe\xfd\xfc"
        start = at + 1
    for signature, offset in ((b"PK\x03\x04", 6), (b"PK\x01\x02", 8)):
        at = data.find(signature)
        flags = struct.unpack_from("<H", data, at + offset)[0]
        struct.pack_into("<H", data, at + offset, flags | 0x800)
    path.write_bytes(bytes(data))


def test_a_zip_member_name_falsely_flagged_utf8_still_loads(untouched) -> None:
    archive = untouched.root / "bad.zip"
    _zip_with_false_utf8_name(archive)
    untouched.seal()
    corpus = load_corpus(archive, infer=False)
    assert sorted(corpus.articles["text"]) == [
        "The first story of the archive.",
        "The second story.",
    ]
    assert _errors(corpus) == ["bad_name"]
