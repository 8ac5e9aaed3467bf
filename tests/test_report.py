"""The main job: `toolkit report SOURCE --out DIR`."""

from __future__ import annotations

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
