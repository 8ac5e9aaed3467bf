"""Outlets, dates and languages recovered at load time, and the load report."""

from __future__ import annotations

import json
import math
from pathlib import Path

import pandas as pd
import pytest

from toolkit import load_corpus
from toolkit.io.provenance import (
    DECIDED_OUTLET_SOURCES,
    add_known_sources,
    apply_outlets,
    provenance_summary,
    recover_metadata,
)
from toolkit.schema import ARTICLE_COLUMNS, PROVENANCE_COLUMNS

HERALD_CHROME = (
    "Harbour Herald: news from the bay since 1921\n"
    "Sign up for the morning tide newsletter\n"
    "Send your pictures to our photo desk today\n"
)
FORUM_CHROME = (
    "Welcome back to the valley forum pages\n"
    "Members may post three threads per day here\n"
    "Forum rules were updated last spring, read them\n"
)


def _flat_folder(root: Path) -> Path:
    """A scraper's flat folder: one titled Herald page, two untitled ones, an unnamed site."""
    root.mkdir(parents=True)
    pages = {
        "000_aa.txt": "Storm hits coast - Harbour Herald\nMarch 4, 2024 10:15 GMT\n"
        + HERALD_CHROME
        + "Rain fell over the bay all night and the pier closed.",
        "001_bb.txt": HERALD_CHROME
        + "Published: 5 March 2024\nThe ferries were late again this morning.",
        "002_cc.txt": HERALD_CHROME + "Updated 2 hours ago\nThe tide was higher than forecast.",
        "003_dd.txt": FORUM_CHROME + "Who else saw the heron by the weir on Sunday?",
        "004_ee.txt": FORUM_CHROME + "The bridge path is muddy again, take boots.",
        "005_ff.txt": "Городской совет закрыл старый мост на ремонт до весны.",
    }
    for name, text in pages.items():
        (root / name).write_text(text, "utf-8")
    return root


@pytest.fixture
def flat(tmp_path: Path) -> Path:
    return _flat_folder(tmp_path / "flat")


def _row(corpus, article_id: str) -> pd.Series:
    arts = corpus.articles
    return arts[arts["article_id"] == article_id].iloc[0]


def test_a_flat_folder_gets_outlets_dates_and_languages_from_its_pages(flat: Path) -> None:
    corpus = load_corpus(flat, progress=False)
    arts = corpus.articles
    assert list(arts.columns) == [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
    titled = _row(corpus, "000_aa")
    assert (titled["outlet"], titled["outlet_source"]) == ("Harbour Herald", "title")
    assert titled["outlet_evidence"] == "Storm hits coast - Harbour Herald"
    assert 0 < titled["outlet_confidence"] <= 1
    # one page's title names the pages that share its chrome
    for other in ("001_bb", "002_cc"):
        row = _row(corpus, other)
        assert (row["outlet"], row["outlet_source"]) == ("Harbour Herald", "template")
    # a site nothing names gets a stable readable label, the same for all its pages
    forum = {_row(corpus, a)["outlet"] for a in ("003_dd", "004_ee")}
    assert len(forum) == 1
    (label,) = forum
    assert label.startswith("site-") and "template lines" in label
    assert _row(corpus, "003_dd")["outlet_source"] == "template"
    assert math.isnan(_row(corpus, "003_dd")["outlet_confidence"])
    lone = _row(corpus, "005_ff")
    assert lone["outlet"] == "unknown" and lone["outlet_source"] is None
    # dates: the dateline of the first page, a "Published" line, a relative date left NaT
    assert titled["published_at"] == pd.Timestamp("2024-03-04 10:15", tz="UTC")
    assert _row(corpus, "001_bb")["date_source"] == "published"
    relative = _row(corpus, "002_cc")
    assert pd.isna(relative["published_at"]) and relative["date_source"] is None
    assert relative["date_reason"] == "relative date only (2 hours ago)"
    assert lone["language"] == "ru" and titled["language"] == "en"
    assert str(arts["published_at"].dtype) == "datetime64[ns, UTC]"


def test_the_load_report_counts_each_source(flat: Path) -> None:
    corpus = load_corpus(flat, progress=False)
    table = corpus.provenance()
    assert list(table.columns) == ["field", "source", "n_articles", "share"]
    counts = {(f, s): n for f, s, n, _ in table.itertuples(index=False)}
    assert counts[("outlet", "title")] == 1
    assert counts[("outlet", "template")] == 4
    assert counts[("outlet", "missing")] == 1
    assert counts[("date", "missing")] == 4  # relative, and three undated pages
    assert counts[("language", "en")] == 5 and counts[("language", "ru")] == 1
    for field in ("outlet", "date", "language"):
        assert table.loc[table["field"] == field, "n_articles"].sum() == len(corpus)
    assert "How outlets and dates were found" in corpus._repr_html_()


def test_a_manifest_and_a_folder_decide_over_the_pages(tmp_path: Path) -> None:
    root = tmp_path / "c"
    (root / "Bay Post").mkdir(parents=True)
    text = "Storm hits coast - Harbour Herald\nPublished: 5 March 2024\nRain fell."
    (root / "Bay Post" / "a.txt").write_text(text, "utf-8")
    (root / "b.txt").write_text(text, "utf-8")
    (root / "manifest.csv").write_text(
        "path,outlet,published_at\nb.txt,Listed Outlet,2020-01-01\n", "utf-8"
    )
    corpus = load_corpus(root, progress=False)
    a, b = _row(corpus, "a"), _row(corpus, "b")
    assert (a["outlet"], a["outlet_source"], a["outlet_confidence"]) == ("Bay Post", "folder", 1.0)
    assert (b["outlet"], b["outlet_source"]) == ("Listed Outlet", "manifest")
    assert b["published_at"] == pd.Timestamp("2020-01-01", tz="UTC")
    assert b["date_source"] == "manifest"
    assert a["date_source"] == "published"  # no manifest date for a: read from its text
    assert set(corpus.articles["outlet_source"]) <= DECIDED_OUTLET_SOURCES


def test_outlet_argument_and_table_columns_are_sources_too(tmp_path: Path) -> None:
    frame = pd.DataFrame({"site": ["Wire", None], "body": ["One. 4 March 2024", "Two."]})
    corpus = load_corpus(frame, columns={"outlet": "site", "text": "body"})
    assert corpus.articles["outlet_source"].tolist() == ["column", None]
    forced = load_corpus(frame, columns={"text": "body"}, outlet="Mine")
    assert forced.articles["outlet_source"].tolist() == ["user", "user"]
    rows = tmp_path / "t.jsonl"
    rows.write_text(
        "\n".join(json.dumps({"text": t, "date": "2024-01-02"}) for t in ("a b", "c d")), "utf-8"
    )
    dated = load_corpus(rows)
    assert dated.articles["date_source"].tolist() == ["column", "column"]


def test_infer_false_keeps_only_what_the_source_said(flat: Path) -> None:
    corpus = load_corpus(flat, progress=False, infer=False)
    arts = corpus.articles
    assert list(arts.columns) == [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
    # the page's own title suffix still names the titled page; nothing else is read
    assert _row(corpus, "000_aa")["outlet"] == "Harbour Herald"
    assert (arts["outlet"] == "unknown").sum() == 5
    assert arts["published_at"].isna().all() and arts["language"].isna().all()


def test_outlets_override_by_id_name_or_site_label(flat: Path) -> None:
    first = load_corpus(flat, progress=False)
    label = _row(first, "003_dd")["outlet"].split(" (")[0]
    corpus = load_corpus(
        flat,
        progress=False,
        outlets={label: "Valley Forum", "Harbour Herald": "The Herald", "002_cc": "Elsewhere"},
    )
    assert _row(corpus, "003_dd")["outlet"] == "Valley Forum"
    assert _row(corpus, "004_ee")["outlet"] == "Valley Forum"
    assert _row(corpus, "000_aa")["outlet"] == "The Herald"
    assert _row(corpus, "002_cc")["outlet"] == "Elsewhere"  # an id wins over a name
    assert set(corpus.articles.loc[corpus.articles["outlet"] != "unknown", "outlet_source"]) == {
        "user"
    }
    with pytest.raises(ValueError, match="neither an article id nor a loaded outlet"):
        load_corpus(flat, progress=False, outlets={"No Such Outlet": "X"})
    with pytest.raises(ValueError, match="non-empty outlet name"):
        load_corpus(flat, progress=False, outlets={"000_aa": ""})
    with pytest.raises(ValueError, match="outlets must be a dict"):
        load_corpus(flat, progress=False, outlets=["Harbour Herald"])  # type: ignore[arg-type]


def test_other_engines_refuse_pandas_only_arguments(flat: Path) -> None:
    with pytest.raises(ValueError, match="pandas engine"):
        load_corpus(flat, engine="dask", outlets={"000_aa": "X"})


def test_an_empty_corpus_has_the_columns_and_an_empty_report(tmp_path: Path) -> None:
    corpus = load_corpus(tmp_path, progress=False)
    assert list(corpus.articles.columns) == [*ARTICLE_COLUMNS, *PROVENANCE_COLUMNS]
    assert corpus.provenance().empty


def test_recover_metadata_changes_nothing_the_source_decided() -> None:
    arts = pd.DataFrame(
        {
            "article_id": ["a", "b"],
            "outlet": ["Wire", "Wire"],
            "title": [None, None],
            "url": [None, None],
            "text": ["Published: 5 March 2024\nStorm hits coast - Harbour Herald", ""],
            "published_at": pd.to_datetime(["2021-06-01", None], utc=True),
        }
    )
    out = recover_metadata(add_known_sources(arts.copy(), user_outlet=False))
    assert out["outlet"].tolist() == ["Wire", "Wire"]
    assert out["published_at"].iloc[0] == pd.Timestamp("2021-06-01", tz="UTC")
    assert out["date_reason"].tolist() == [None, "empty text"]
    assert out["site_group"].isna().all()  # no grouping is needed when every outlet is known
    assert out["language"].tolist() == ["en", None]


def test_apply_outlets_and_summary_on_empty_and_dirty_tables() -> None:
    empty = add_known_sources(
        pd.DataFrame(
            {"article_id": [], "outlet": [], "published_at": pd.to_datetime([], utc=True)}
        ),
        user_outlet=False,
    )
    assert provenance_summary(empty).empty
    dirty = add_known_sources(
        pd.DataFrame(
            {
                "article_id": ["x", "y"],
                "outlet": [None, "unknown"],
                "published_at": pd.to_datetime([None, None], utc=True),
                "language": pd.array(["en", None], dtype="str"),  # a table's own column
            }
        ),
        user_outlet=False,
    )
    assert dirty["language"].dtype == object and dirty["language"].tolist() == ["en", None]
    assert dirty["outlet_confidence"].isna().all()
    apply_outlets(dirty, {"y": "Named"})
    assert pd.isna(dirty["outlet"].iloc[0]) and dirty["outlet"].iloc[1] == "Named"
    assert dirty["outlet_confidence"].tolist()[1] == 1.0
    report = provenance_summary(dirty)
    assert report.loc[report["field"] == "outlet", "source"].tolist() == ["user", "missing"]


@pytest.mark.parametrize(
    ("title", "outlet"),
    [
        ("Moscow rejects claims - Sputnik International", "Sputnik International"),
        ("Harbour Herald | News, sport and weather from the bay", "Harbour Herald"),
        ("Business News | Northbridge Wire", "Northbridge Wire"),
    ],
)
def test_one_page_titles_name_their_outlet(tmp_path: Path, title: str, outlet: str) -> None:
    (tmp_path / "000_ab.txt").write_text(
        f"{title}\nThe ministry said on Monday that it would answer the letter.", "utf-8"
    )
    row = load_corpus(tmp_path, progress=False).articles.iloc[0]
    assert (row["outlet"], row["outlet_source"], row["outlet_evidence"]) == (outlet, "title", title)
