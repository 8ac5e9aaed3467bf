"""Tests of toolkit.export: reproducible figures, safe tables, atomic files."""

from __future__ import annotations

import matplotlib

matplotlib.use("Agg")

import os
import re
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import matplotlib.pyplot as plt
import numpy as np
import pandas as pd
import pytest
from hypothesis import given
from hypothesis import strategies as st
from matplotlib.figure import Figure

from toolkit import export
from toolkit.export import (
    atomic_write_bytes,
    atomic_write_text,
    atomic_writer,
    method_note,
    save_figure,
    spreadsheet_safe,
    write_table,
)

SIGNATURES = {"png": b"\x89PNG\r\n\x1a\n", "pdf": b"%PDF-"}
NOTE = "Corpus: demo · 42 articles · Statistic: repetition_rate · n_boot=1000"


@pytest.fixture(autouse=True)
def _close_figures() -> Iterator[None]:
    yield
    plt.close("all")


@pytest.fixture
def figure() -> Figure:
    fig, (left, right) = plt.subplots(1, 2, figsize=(6, 3), layout="constrained")
    left.barh([0, 1], [0.2, 0.5])
    left.set_yticks([0, 1], labels=["The Evening Chronicle of the Northern Provinces", "Вести"])
    image = right.imshow(np.arange(12, dtype=float).reshape(3, 4))
    fig.colorbar(image, ax=right, label="per 10,000 words")
    return fig


def leftover_temp_files(folder: Path) -> list[str]:
    return sorted(p.name for p in folder.iterdir() if p.name.endswith(".tmp"))


# --------------------------------------------------------------------------- figures


def test_save_figure_formats_and_signatures(tmp_path: Path, figure: Figure) -> None:
    paths = save_figure(figure, tmp_path / "charts" / "outlets")
    assert [p.name for p in paths] == ["outlets.png", "outlets.svg", "outlets.pdf"]
    data = {p.suffix[1:]: p.read_bytes() for p in paths}
    assert data["png"].startswith(SIGNATURES["png"])
    assert data["pdf"].startswith(SIGNATURES["pdf"])
    head = data["svg"][:200]
    assert head.startswith(b"<?xml") and b"<svg" in data["svg"][:1000]
    assert leftover_temp_files(tmp_path / "charts") == []


def test_save_figure_is_byte_identical(tmp_path: Path, figure: Figure) -> None:
    first = [p.read_bytes() for p in save_figure(figure, tmp_path / "a", note=NOTE)]
    second = [p.read_bytes() for p in save_figure(figure, tmp_path / "a", note=NOTE)]
    assert first == second
    # no dates, software versions or random ids left in the files
    svg, pdf = first[1].decode("utf-8"), first[2]
    assert "<dc:date>" not in svg and "Matplotlib v" not in svg
    assert b"/CreationDate" not in pdf and b"/Producer" not in pdf
    assert b"Software" not in first[0]


def test_save_figure_suffix_handling(tmp_path: Path, figure: Figure) -> None:
    assert [p.name for p in save_figure(figure, tmp_path / "x.png", formats=("svg",))] == ["x.svg"]
    assert [p.name for p in save_figure(figure, tmp_path / "v1.2", formats=["PNG"])] == ["v1.2.png"]
    with pytest.raises(ValueError, match="unsupported"):
        save_figure(figure, tmp_path / "x", formats=("gif",))
    with pytest.raises(ValueError, match="empty"):
        save_figure(figure, tmp_path / "x", formats=())


def test_note_is_stamped_for_the_save_only(tmp_path: Path, figure: Figure) -> None:
    texts_before = list(figure.texts)
    (plain,) = save_figure(figure, tmp_path / "plain", formats=("svg",))
    (noted,) = save_figure(figure, tmp_path / "noted", formats=("svg",), note=NOTE)
    assert NOTE in noted.read_text(encoding="utf-8")  # SVG keeps the text in a comment
    assert NOTE not in plain.read_text(encoding="utf-8")
    assert figure.texts == texts_before
    (again,) = save_figure(figure, tmp_path / "again", formats=("svg",))
    assert again.read_bytes() == plain.read_bytes()


def test_note_is_below_the_chart_not_clipped(tmp_path: Path, figure: Figure) -> None:
    from PIL import Image

    (plain,) = save_figure(figure, tmp_path / "plain", formats=("png",))
    (noted,) = save_figure(figure, tmp_path / "noted", formats=("png",), note=NOTE)
    with Image.open(plain) as a, Image.open(noted) as b:
        assert b.size[1] > a.size[1]  # the canvas grew to hold the note


def test_save_figure_interrupted_keeps_old_files(
    tmp_path: Path, figure: Figure, monkeypatch: pytest.MonkeyPatch
) -> None:
    old = save_figure(figure, tmp_path / "chart")
    old_bytes = [p.read_bytes() for p in old]
    figure.axes[0].set_title("changed")

    def broken_replace(src: Any, dst: Any) -> None:
        raise OSError("disk full")

    monkeypatch.setattr(export.os, "replace", broken_replace)
    with pytest.raises(OSError, match="disk full"):
        save_figure(figure, tmp_path / "chart", note=NOTE)
    assert [p.read_bytes() for p in old] == old_bytes
    assert leftover_temp_files(tmp_path) == []
    assert len(figure.texts) == 0  # the note was removed although the save failed


def test_export_does_not_import_matplotlib() -> None:
    code = "import sys, toolkit.export; print('matplotlib' in sys.modules)"
    out = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, timeout=60
    )
    assert out.stdout.strip() == "False"


# --------------------------------------------------------------------------- method note


def test_method_note() -> None:
    note = method_note(
        corpus="demo\ncorpus", n_articles=12000, statistic="keyness (G²)", text="clean", top=None
    )
    assert note == "Corpus: demo corpus · 12,000 articles · Statistic: keyness (G²) · text=clean"
    assert "\n" not in note
    assert method_note(n_articles=0) == "0 articles"


# --------------------------------------------------------------------------- spreadsheet safety


def test_spreadsheet_safe_neutralises_formulas() -> None:
    df = pd.DataFrame(
        {
            "text": ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "\tx", "\rx", "plain", None],
            "n": [-1, 2, -3, 4, 5, 6, 7, 8],
            "x": [-1.5, 0.0, np.nan, 2.0, -3.0, 1.0, 1.0, 1.0],
            "flag": [True, False] * 4,
        }
    )
    before = df.copy(deep=True)
    safe = spreadsheet_safe(df)
    assert safe["text"].tolist()[:7] == [
        "'=cmd|' /C calc'!A0",
        "'+1+1",
        "'-2+3",
        "'@SUM(1)",
        "'\tx",
        "'\rx",
        "plain",
    ]
    assert pd.isna(safe["text"].iloc[7])
    pd.testing.assert_frame_equal(safe[["n", "x", "flag"]], df[["n", "x", "flag"]])
    assert list(safe.dtypes) == list(df.dtypes)
    pd.testing.assert_frame_equal(df, before)  # input untouched


def test_spreadsheet_safe_object_categorical_and_labels() -> None:
    df = pd.DataFrame(
        {
            "mixed": pd.Series([-5, "=1+1", 2.5, None], dtype=object),
            "cat": pd.Categorical(["-x", "y", "-x", "y"]),
            "=HYPERLINK(1)": [1, 2, 3, 4],
        }
    )
    safe = spreadsheet_safe(df)
    assert safe["mixed"].tolist()[:3] == [-5, "'=1+1", 2.5]
    assert safe["cat"].tolist() == ["'-x", "y", "'-x", "y"]
    assert isinstance(safe["cat"].dtype, pd.CategoricalDtype)
    assert list(safe.columns) == ["mixed", "cat", "'=HYPERLINK(1)"]
    assert list(df.columns)[2] == "=HYPERLINK(1)"


def _is_plain_number(cell: str) -> bool:
    """A cell a spreadsheet reads as a number: ASCII digits, a sign, a point, an exponent."""
    return re.fullmatch(r"[+-]?([0-9]+(\.[0-9]*)?|\.[0-9]+)([eE][+-]?[0-9]+)?", cell) is not None


@pytest.mark.parametrize("dtype", [object, "string", "category"])
def test_numbers_in_text_cells_stay_numbers(dtype: Any, tmp_path: Path) -> None:
    cells = ["-0.5", "+3", "-1e-9", "-.5", "-2+3", "-0.5x", "－0.5", "-", "\t-1", "-1,5"]
    frame = pd.DataFrame({"cell": pd.Series(cells, dtype=dtype), "x": -0.5})
    safe = spreadsheet_safe(frame)
    assert list(safe["cell"].astype(str)) == [
        "-0.5",
        "+3",
        "-1e-9",
        "-.5",
        "'-2+3",
        "'-0.5x",
        "'－0.5",
        "'-",
        "'\t-1",
        "'-1,5",
    ]
    text = write_table(frame, tmp_path / "n")[0].read_text("utf-8")
    assert text.splitlines()[1] == "-0.5,-0.5"  # a number stays a number, in text and float


@given(
    st.lists(
        st.one_of(
            st.text(max_size=12),
            st.from_regex(r"[+-][0-9]{1,4}(\.[0-9]{0,3})?", fullmatch=True),
            st.integers(),
            st.none(),
        ),
        max_size=20,
    )
)
def test_spreadsheet_safe_property(cells: list[Any]) -> None:
    df = pd.DataFrame({"c": pd.Series(cells, dtype=object)})
    out = spreadsheet_safe(df)["c"].tolist()
    for original, escaped in zip(cells, out, strict=True):
        if isinstance(original, str):
            assert not escaped.startswith(export.FORMULA_PREFIXES) or _is_plain_number(escaped)
            assert escaped in (original, "'" + original)
            formula = original.startswith(export.FORMULA_PREFIXES) and not _is_plain_number(
                original
            )
            assert (escaped != original) == formula
        else:
            assert pd.isna(escaped) if original is None else escaped == original


# --------------------------------------------------------------------------- tables


@pytest.fixture
def table() -> pd.DataFrame:
    return pd.DataFrame(
        {
            "outlet": ["Вести", "=evil()", "Bugle"],
            "term": ["-based", "fire", "@home"],
            "n": [3, -2, 0],
            "share": [0.1, 1 / 3, np.nan],
        }
    )


def test_write_table_csv_is_safe_and_reproducible(tmp_path: Path, table: pd.DataFrame) -> None:
    (csv,) = write_table(table, tmp_path / "terms.csv")
    assert csv.name == "terms.csv"
    text = csv.read_text(encoding="utf-8")
    assert text.splitlines()[0] == "outlet,term,n,share"
    assert "'=evil()" in text and "'-based" in text and "'@home" in text
    back = pd.read_csv(csv, encoding="utf-8")
    assert back["outlet"].tolist() == ["Вести", "'=evil()", "Bugle"]
    assert back["n"].tolist() == [3, -2, 0]
    assert back["share"].iloc[1] == 1 / 3  # full float precision
    first = csv.read_bytes()
    write_table(table, tmp_path / "terms")
    assert csv.read_bytes() == first


def test_write_table_parquet_keeps_raw_values_and_note(tmp_path: Path, table: pd.DataFrame) -> None:
    import pyarrow.parquet as pq

    paths = write_table(table, tmp_path / "t", formats=("csv", "parquet"), note=NOTE)
    assert [p.name for p in paths] == ["t.csv", "t.parquet", "t.note.txt"]
    back = pd.read_parquet(paths[1])
    assert back["outlet"].tolist() == table["outlet"].tolist()
    assert back["term"].tolist() == table["term"].tolist()
    meta = pq.read_schema(paths[1]).metadata
    assert meta[b"toolkit.note"].decode("utf-8") == NOTE
    assert paths[2].read_text(encoding="utf-8") == NOTE + "\n"
    assert NOTE not in paths[0].read_text(encoding="utf-8")  # the CSV stays a clean table
    again = write_table(table, tmp_path / "t", formats=("csv", "parquet"), note=NOTE)
    assert [p.read_bytes() for p in again] == [p.read_bytes() for p in paths]


def test_write_table_rejects_unknown_format(tmp_path: Path, table: pd.DataFrame) -> None:
    with pytest.raises(ValueError, match="xlsx"):
        write_table(table, tmp_path / "t", formats=("xlsx",))


# --------------------------------------------------------------------------- atomic writes


def test_atomic_writer_failure_midway_keeps_old_file(tmp_path: Path) -> None:
    target = tmp_path / "report.html"
    target.write_text("old report", encoding="utf-8")
    with pytest.raises(RuntimeError, match="interrupted"):
        with atomic_writer(target) as fh:
            fh.write(b"<html>half")
            raise RuntimeError("interrupted")
    assert target.read_text(encoding="utf-8") == "old report"
    assert leftover_temp_files(tmp_path) == []


def test_atomic_write_replace_failure_keeps_old_file(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    target = tmp_path / "t.csv"
    atomic_write_text(target, "a,b\n1,2\n")
    monkeypatch.setattr(export.os, "replace", lambda src, dst: (_ for _ in ()).throw(OSError()))
    with pytest.raises(OSError):
        atomic_write_bytes(target, b"new")
    assert target.read_text(encoding="utf-8") == "a,b\n1,2\n"
    assert leftover_temp_files(tmp_path) == []


def test_atomic_write_new_file_has_normal_permissions(tmp_path: Path) -> None:
    target = atomic_write_text(tmp_path / "x.txt", "Ёлка\n")
    assert target.read_bytes() == "Ёлка\n".encode()
    umask = os.umask(0)
    os.umask(umask)
    assert target.stat().st_mode & 0o777 == 0o666 & ~umask


# --------------------------------------------------------------------------- where outputs go


def test_corpus_roots_follow_every_link_out_of_the_corpus(tmp_path: Path) -> None:
    corpus, elsewhere, further = tmp_path / "corpus", tmp_path / "elsewhere", tmp_path / "further"
    (corpus / "A").mkdir(parents=True)
    (elsewhere / "deep").mkdir(parents=True)
    further.mkdir()
    (tmp_path / "one.txt").write_text("x", "utf-8")
    (corpus / "A" / "ext").symlink_to(elsewhere)  # a folder outside
    (elsewhere / "deep" / "more").symlink_to(further)  # a link inside the linked folder
    (corpus / ".hidden").symlink_to(tmp_path / "one.txt")  # a file outside, hidden
    (corpus / "loop").symlink_to(corpus / "loop")  # a link loop: no hang, no root
    (corpus / "back").symlink_to(corpus)  # a link back inside: nothing new
    (corpus / "dangling").symlink_to(tmp_path / "not_yet")
    roots = export.corpus_roots(corpus)
    assert roots[0] == corpus.resolve()
    assert set(roots) == {
        corpus.resolve(),
        elsewhere.resolve(),
        further.resolve(),
        (tmp_path / "one.txt").resolve(),
        (tmp_path / "not_yet").resolve(),
    }
    table = tmp_path / "t.csv"
    table.write_text("text\nx\n", "utf-8")
    assert export.corpus_roots(table) == (table.resolve(),)
    assert export.corpus_roots(tmp_path / "missing") == ()
    assert export.corpus_roots("<DataFrame>") == () == export.corpus_roots(None)


def test_check_outside_resolves_links_before_judging(tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    (corpus / "A").mkdir(parents=True)
    out = tmp_path / "out"
    out.mkdir()
    (out / "tables").symlink_to(corpus / "A")
    (out / "file.csv").symlink_to(corpus / "A" / "a.txt")
    roots = export.corpus_roots(corpus)
    assert export.check_outside(out / "index.html", roots) == (out / "index.html").resolve()
    for inside in (
        out / "tables",
        out / "tables" / "x.csv",
        out / "file.csv",
        corpus,
        corpus / "n",
    ):
        with pytest.raises(export.OutputInsideCorpusError, match="never writes into a corpus"):
            export.check_outside(inside, roots)
    with pytest.raises(ValueError, match=r"resolves to .*corpus/A"):  # a ValueError subclass
        export.check_outside(out / "tables", roots, what="--out")
    assert export.check_outside(corpus, ()) == corpus.resolve()  # no roots: anything goes


def test_file_slug_is_bounded_distinct_and_stable() -> None:
    names = ["A 2", "a_2", "a 2", "A", "a", "a.", "L" * 10_000, "L" * 9_999 + "M", "Вести", "???"]
    slugs = [export.file_slug(n) for n in names]
    assert len(set(slugs)) == len(names)
    assert len({s.casefold() for s in slugs}) == len(names)  # case-insensitive file systems
    assert all(re.fullmatch(r"[a-z0-9_]{1,49}", s) for s in slugs), slugs
    assert export.file_slug("The Daily Clarion") == "the_daily_clarion_44acdd2c"  # stable
    assert export.file_slug("\udcff\x1b[2J").startswith("2j_")  # surrogates, escapes
    assert export.file_slug("Вести") == "vesti_" + export.file_slug("Вести")[-8:]


def test_a_huge_label_does_not_make_a_huge_chart(tmp_path: Path) -> None:
    fig, ax = plt.subplots(figsize=(4, 3))
    ax.barh(["L" * 10_000, "short"], [1, 2])
    assert export.bounded_layout(fig, dpi=150) == (None, 150)
    paths = save_figure(fig, tmp_path / "huge", formats=("png",), note="L" * 10_000)
    from PIL import Image

    with Image.open(paths[0]) as img:
        width, height = img.size
    assert width <= 4 * 150 + 1 and height <= 3 * 150 + 1
    tall = Figure(figsize=(8, 4_000))  # 10,000 outlets at 0.4 inches each
    tall.add_subplot().plot([0, 1])
    bbox, dpi = export.bounded_layout(tall, dpi=150)
    assert bbox is None and 4_000 * dpi <= 30_000 and 8 * 4_000 * dpi**2 <= 40_000_001
