"""The main job: `toolkit report SOURCE --out DIR`."""

from __future__ import annotations

import functools
import hashlib
import re
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import main
from toolkit.report import ReportError, build_report

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus"

EVIL = "<script>alert('x')</script>"


def _tree_digest(folder: Path) -> dict[str, str]:
    return {
        str(p.relative_to(folder)): hashlib.sha1(p.read_bytes()).hexdigest()
        for p in sorted(folder.rglob("*"))
        if p.is_file()
    }


@pytest.fixture(scope="module")
def demo_report(tmp_path_factory) -> Path:
    out = tmp_path_factory.mktemp("rep") / "report"
    before = _tree_digest(DEMO)
    assert main(["report", str(DEMO), "--out", str(out), "--no-progress"]) == 0
    assert _tree_digest(DEMO) == before, "the report wrote into the corpus"
    return out


def test_report_names_every_outlet(demo_report):
    page = (demo_report / "index.html").read_text("utf-8")
    manifest = pd.read_csv(DEMO / "manifest.csv")
    for outlet in manifest["outlet"].unique():
        assert outlet in page or __import__("html").escape(outlet) in page, outlet


def test_every_linked_file_exists(demo_report):
    page = (demo_report / "index.html").read_text("utf-8")
    links = re.findall(r"(?:href|src)='((?:charts|tables)/[^']+)'", page)
    assert any(link.startswith("charts/") for link in links)
    assert any(link.startswith("tables/") for link in links)
    for link in links:
        assert (demo_report / link).is_file(), link
    assert page.count("data:image/png;base64,") >= 8


def test_tables_are_written(demo_report):
    for name in (
        "article_stats",
        "outlet_stats",
        "keyword_frequencies",
        "keyness",
        "near_duplicates",
        "labelled_lines",
    ):
        table = pd.read_csv(demo_report / "tables" / f"{name}.csv")
        assert len(table.columns) > 1, name
        assert (demo_report / "tables" / f"{name}.parquet").is_file()
    charts = {p.suffix for p in (demo_report / "charts").iterdir()}
    assert charts == {".png", ".svg"}


def test_existing_folder_needs_force(demo_report, capsys):
    assert main(["report", str(DEMO), "--out", str(demo_report), "--no-progress"]) == 2
    assert "--force" in capsys.readouterr().err


def test_out_inside_corpus_is_refused(tmp_path):
    corpus = tmp_path / "c"
    (corpus / "X").mkdir(parents=True)
    (corpus / "X" / "a.txt").write_text("Some text about a flood in the valley.", "utf-8")
    with pytest.raises(ReportError, match="never writes into a corpus"):
        build_report(corpus, corpus / "report", progress=False)
    assert not (corpus / "report").exists()


def test_article_text_is_escaped(tmp_path):
    arts = pd.DataFrame(
        {
            "article_id": ["a", "b", "c"],
            "outlet": [f"Evil {EVIL}", "Plain", "Plain"],
            "text": [
                f"{EVIL}\n\nThe storm closed the coastal road for a day.",
                "The storm closed the coastal road for a day and a night.",
                "Farmers counted the damage to their orchards after the storm.",
            ],
        }
    )
    index = build_report(arts, tmp_path / "r", progress=False)
    page = index.read_text("utf-8")
    assert "<script" not in page.lower()
    assert "&lt;script&gt;" in page
    lines = pd.read_csv(tmp_path / "r" / "tables" / "labelled_lines.csv")
    assert len(lines) >= 4


# --------------------------------------------------------------------------- hostile outputs


def _two_outlets(root: Path) -> Path:
    for outlet, stories in {
        "North Star": ["The ferry to the island was cancelled after the storm.", "Rain again."],
        "South Wind": ["Wheat prices rose for the third week in a row.", "Markets fell."],
    }.items():
        (root / outlet).mkdir(parents=True)
        for i, story in enumerate(stories):
            (root / outlet / f"{i}.txt").write_text(f"Share this\n\n{story}\n", "utf-8")
    return root


def _digest_all(folder: Path) -> dict[str, str]:
    """Names and content of a tree, links included (not followed)."""
    out = {}
    for p in sorted(folder.rglob("*")):
        key = str(p.relative_to(folder))
        out[key] = (
            f"-> {p.readlink()}"
            if p.is_symlink()
            else hashlib.sha1(p.read_bytes()).hexdigest()
            if p.is_file()
            else "dir"
        )
    return out


@pytest.mark.parametrize("where", ["tables", "charts", "charts/outlet_repetition_rate.png", "."])
def test_links_from_the_report_folder_into_the_corpus_are_refused(
    tmp_path: Path, where: str, capsys: pytest.CaptureFixture[str]
) -> None:
    src = _two_outlets(tmp_path / "src")
    out = tmp_path / "out"
    out.mkdir()
    (out / "old.txt").write_text("an older report file", "utf-8")
    if where == ".":  # the report folder itself is a link into the corpus
        out = tmp_path / "out_link"
        out.symlink_to(src / "North Star")
    elif "/" in where:  # a file of an older report links to a corpus file
        (out / "charts").mkdir()
        (out / where).symlink_to(src / "North Star" / "0.txt")
    else:  # tables/ or charts/ links to an outlet folder of the corpus
        (out / where).symlink_to(src / "North Star")
    before_src, before_out = _digest_all(src), _digest_all(tmp_path / "out")
    code = main(["report", str(src), "--out", str(out), "--force", "--no-progress"])
    err = capsys.readouterr().err
    assert code == 2 and "never writes into a corpus" in err and len(err.splitlines()) == 1
    assert _digest_all(src) == before_src
    assert _digest_all(tmp_path / "out") == before_out  # nothing written at all


def test_a_corpus_link_to_a_folder_outside_makes_that_folder_part_of_the_corpus(
    tmp_path: Path,
) -> None:
    src = _two_outlets(tmp_path / "src")
    shared = tmp_path / "shared"
    (shared / "West").mkdir(parents=True)
    (shared / "West" / "w.txt").write_text("Share this\n\nThe bridge reopened today.\n", "utf-8")
    (src / "linked").symlink_to(shared)
    before = _digest_all(shared)
    with pytest.raises(ReportError, match="never writes into a corpus"):
        build_report(src, shared / "report", progress=False, n_boot=20)
    assert _digest_all(shared) == before


def test_an_empty_corpus_is_an_error_and_writes_nothing(tmp_path: Path) -> None:
    (tmp_path / "empty").mkdir()
    with pytest.raises(ReportError, match="no articles to report on"):
        build_report(tmp_path / "empty", tmp_path / "r", progress=False)
    (tmp_path / "bad" / "X").mkdir(parents=True)
    (tmp_path / "bad" / "X" / "a.txt").write_bytes(b"")
    with pytest.raises(ReportError, match=r"all 1 file\(s\) .* could not be loaded"):
        build_report(tmp_path / "bad", tmp_path / "r", progress=False)
    assert not (tmp_path / "r").exists()


def test_outlet_file_names_are_short_and_distinct(tmp_path: Path) -> None:
    outlets = ["A 2", "a", "a.", "a_2", "L" * 10_000, "L" * 9_999 + "M"]
    arts = pd.DataFrame(
        {
            "article_id": [f"{i}-{j}" for i in range(len(outlets)) for j in range(2)],
            "outlet": [o for o in outlets for _ in range(2)],
            "text": [
                f"Share this\n\nStory {j} of outlet {i}: the ferry{i} sailed at dawn{j}.\n"
                for i in range(len(outlets))
                for j in range(2)
            ],
        }
    )
    index = build_report(arts, tmp_path / "r", progress=False, n_boot=20)
    charts = sorted(p.name for p in (tmp_path / "r" / "charts").iterdir())
    keyness_pngs = [n for n in charts if n.startswith("keyness_") and n.endswith(".png")]
    assert len(keyness_pngs) == len(outlets)  # one chart per outlet: none overwritten
    assert max(len(n) for n in charts) < 80
    page = index.read_text("utf-8")
    for name in keyness_pngs:
        assert f"charts/{name}" in page
    from PIL import Image

    for name in charts:
        if name.endswith(".png"):
            with Image.open(tmp_path / "r" / "charts" / name) as img:
                assert max(img.size) < 5_000, name
    keyness = pd.read_csv(tmp_path / "r" / "tables" / "keyness.csv")
    assert set(keyness["target"]) == set(outlets)  # tables keep the full names


def test_charts_show_at_most_the_largest_outlets(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toolkit.report as report

    sizes = {"Big": 4, "Mid": 3, "Small": 2, "Tiny": 1, "Wee": 1}
    arts = pd.DataFrame(
        {
            "article_id": [f"{o}{j}" for o, n in sizes.items() for j in range(n)],
            "outlet": [o for o, n in sizes.items() for _ in range(n)],
            "text": [
                f"Share this\n\n{o} reports the tide{j} rose near the pier.\n"
                for o, n in sizes.items()
                for j in range(n)
            ],
        }
    )
    monkeypatch.setattr(report, "_chart_view", functools.partial(report._chart_view, limit=3))
    index = build_report(arts, tmp_path / "r", progress=False, n_boot=20)
    charts = {p.name for p in (tmp_path / "r" / "charts").glob("keyness_*.png")}
    assert len(charts) == 3 and {c.split("_")[1] for c in charts} == {"big", "mid", "small"}
    assert "The charts show the 3 outlets with the most articles (of 5)" in index.read_text("utf-8")
    keyness = pd.read_csv(tmp_path / "r" / "tables" / "keyness.csv")
    assert set(keyness["target"]) == set(sizes)
