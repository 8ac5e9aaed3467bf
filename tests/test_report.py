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
        "findings",
        "article_stats",
        "outlet_stats",
        "keyword_frequencies",
        "keyness",
        "near_duplicates",
        "boilerplate_fingerprint",
        "stray_lines",
    ):
        table = pd.read_csv(demo_report / "tables" / f"{name}.csv")
        assert len(table.columns) > 1, name
        assert (demo_report / "tables" / f"{name}.parquet").is_file()
    # the labelled lines are several times the corpus: only with --lines
    assert not (demo_report / "tables" / "labelled_lines.csv").exists()
    assert "--lines" in (demo_report / "index.html").read_text("utf-8")
    charts = {p.suffix for p in (demo_report / "charts").iterdir()}
    assert charts == {".png", ".svg"}


def test_the_page_opens_with_the_findings_and_their_links_resolve(demo_report):
    page = (demo_report / "index.html").read_text("utf-8")
    found = pd.read_csv(demo_report / "tables" / "findings.csv")
    assert len(found) >= 5
    lead = page[page.index("<section id='findings'>") : page.index("</section>")]
    assert page.index("<section id='findings'>") < page.index("<h2 id='s0'>")
    for sentence in found["sentence"]:
        assert __import__("html").escape(sentence) in lead
    ids = set(re.findall(r"id='([^']+)'", page))
    targets = re.findall(r"href='#([^']+)'", lead)
    assert targets and set(targets) <= ids
    kinds = set(found["kind"])
    assert {"republication_source", "distinctive_terms", "load_problem"} <= kinds
    # every rate finding links to its own chart
    for row in found[found["kind"].isin(["highest", "lowest", "no_difference"])].itertuples():
        assert f"chart-outlet_{row.statistic}" in targets


def test_the_title_says_what_the_corpus_is(demo_report):
    page = (demo_report / "index.html").read_text("utf-8")
    title = re.search(r"<title>(.*)</title>", page).group(1)
    corpus = __import__("toolkit").load_corpus(DEMO, progress=False)
    n, k = len(corpus.articles), corpus.articles["outlet"].nunique()
    assert title.startswith(f"{DEMO.name}: {n} articles from {k} outlets")
    assert "Corpus report" not in title


def test_a_small_outlet_gets_no_interval_and_is_named(tmp_path: Path) -> None:
    texts = [f"Share this\n\nThe tide{i} rose near the pier on day {i}." for i in range(7)]
    arts = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(6)] + ["t0"],
            "outlet": ["Big"] * 6 + ["Tiny"],
            "text": texts,
        }
    )
    index = build_report(arts, tmp_path / "r", progress=False, n_boot=50)
    page = index.read_text("utf-8")
    assert "fewer than 5 articles (Tiny)" in page
    found = pd.read_csv(tmp_path / "r" / "tables" / "findings.csv")
    assert "Tiny has only 1 article" in " ".join(found["sentence"])
    table = page[page.index(">Outlet statistics</h3>") :]
    row = re.search(r"<tr>\s*<td>Tiny</td>(.*?)</tr>", table, re.S).group(1)
    cells = re.findall(r"<td>(.*?)</td>", row)
    assert cells[0] == "1" and cells.count("–") == 6  # three rates, two bounds each


def test_the_lines_are_written_in_batches_and_equal_the_whole_table(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toolkit
    import toolkit.stats.summary as summary

    corpus = toolkit.load_corpus(DEMO, progress=False)
    toolkit.clear_cache()
    whole = toolkit.label_lines(corpus, cache=False)
    stats = toolkit.article_stats(corpus, lines=whole)
    fingerprint = toolkit.boilerplate_fingerprint(whole, top=15)
    monkeypatch.setattr(summary, "BATCH_CHARS", 20_000)  # about ten batches
    assert len(summary.batch_bounds(corpus.articles, summary.BATCH_CHARS)) > 5
    build_report(corpus, tmp_path / "r", progress=False, n_boot=50, lines=True)
    tables = tmp_path / "r" / "tables"
    lines = pd.read_parquet(tables / "labelled_lines.parquet")
    keys = ["article_id", "line_no", "is_boilerplate", "is_repeat", "stray_kind", "text"]

    def plain(frame: pd.DataFrame) -> pd.DataFrame:
        part = frame[keys].astype(object)
        return part.where(part.notna(), None).reset_index(drop=True)

    pd.testing.assert_frame_equal(plain(lines), plain(whole))
    assert len(pd.read_csv(tables / "labelled_lines.csv")) == len(whole)
    got = pd.read_parquet(tables / "article_stats.parquet")
    pd.testing.assert_frame_equal(got, stats.reset_index(drop=True), check_dtype=False)
    got = pd.read_parquet(tables / "boilerplate_fingerprint.parquet")
    pd.testing.assert_frame_equal(got, fingerprint, check_dtype=False)
    assert "tables/labelled_lines.csv" in (tmp_path / "r" / "index.html").read_text("utf-8")


def test_charts_drawn_by_two_processes_are_the_same_files(tmp_path: Path) -> None:
    arts = pd.DataFrame(
        {
            "article_id": [f"{o}{i}" for o in "AB" for i in range(3)],
            "outlet": [o for o in "AB" for _ in range(3)],
            "text": [
                f"Share this\n\n{o} story {i}: the ferry sailed late."
                for o in "AB"
                for i in range(3)
            ],
        }
    )
    one = build_report(arts, tmp_path / "one", progress=False, n_boot=20, workers=1).parent
    two = build_report(arts, tmp_path / "two", progress=False, n_boot=20, workers=2).parent
    assert _tree_digest(one / "charts") == _tree_digest(two / "charts")
    assert len(list((one / "charts").iterdir())) >= 10


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
    index = build_report(arts, tmp_path / "r", progress=False, lines=True)
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
