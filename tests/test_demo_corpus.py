"""The bundled demo corpus: it loads as documented, and the detectors find what it holds.

The thresholds below sit a little under the values measured when the detectors were
written (see benchmarks/README.md); a drop below them is a regression.
"""

from __future__ import annotations

from pathlib import Path

import pandas as pd
import pytest

import toolkit

DEMO = Path(__file__).resolve().parents[1] / "corpus"


@pytest.fixture(scope="module")
def corpus():
    return toolkit.load_corpus(DEMO, progress=False)


@pytest.fixture(scope="module")
def scored(corpus) -> pd.DataFrame:
    lines = toolkit.label_lines(corpus)
    gold = pd.read_json(DEMO / "labels.jsonl", lines=True)
    gold = gold.rename(columns={"repeat_of": "gold_repeat_of", "text": "gold_text"})
    merged = lines.merge(gold, on=["article_id", "line_no"], how="outer", indicator=True)
    assert (merged["_merge"] == "both").all(), "gold labels and line table disagree"
    return merged


def test_loads_with_only_the_deliberate_error(corpus):
    manifest = pd.read_csv(DEMO / "manifest.csv")
    assert len(corpus.errors) == 1
    assert corpus.errors.iloc[0]["error"] == "empty"
    assert len(corpus.articles) == len(manifest) - 1 >= 80
    assert sorted(corpus.outlets) == sorted(manifest["outlet"].unique())
    assert len(corpus.outlets) >= 5
    assert (corpus.articles["outlet"] != "unknown").all()
    assert corpus.articles["published_at"].notna().all()
    assert {"utf-8", "cp1251", "utf-16"} <= set(corpus.articles["encoding"])


def _char_f1(pred: pd.Series, gold: pd.Series, weight: pd.Series) -> float:
    tp = weight[pred & gold].sum()
    precision = tp / weight[pred].sum()
    recall = tp / weight[gold].sum()
    return float(2 * precision * recall / (precision + recall))


def test_boilerplate_detector_against_gold(scored):
    f1 = _char_f1(~scored["is_boilerplate"], scored["label"].eq("body"), scored["n_chars"])
    assert f1 >= 0.85


def test_repeats_of_body_paragraphs_are_found(scored):
    gold = scored["gold_repeat_of"].notna() & scored["label"].eq("body")
    found = scored["is_repeat"] & gold
    assert found.sum() / gold.sum() >= 0.9
    # and they point at the right line
    assert (scored.loc[found, "repeat_of"] == scored.loc[found, "gold_repeat_of"]).mean() >= 0.9
    assert (scored["is_repeat"] & scored["gold_repeat_of"].isna()).sum() <= 2


def test_stray_strings_against_gold(scored):
    gold = scored["stray"].notna()
    pred = scored["stray_kind"].notna()
    assert (gold & pred).sum() / gold.sum() >= 0.9
    assert (gold & pred).sum() / pred.sum() >= 0.9
    both = gold & pred
    assert (scored.loc[both, "stray"] == scored.loc[both, "stray_kind"]).mean() >= 0.9


def test_republished_wire_stories_are_found(corpus):
    truth = pd.read_csv(DEMO / "labels_reuse_pairs.csv")
    found = toolkit.near_duplicates(corpus)
    keys = {frozenset(p) for p in zip(found["article_id_a"], found["article_id_b"], strict=True)}
    true_keys = {
        frozenset(p) for p in zip(truth["article_id_source"], truth["article_id_copy"], strict=True)
    }
    wire = truth[truth["kind"] != "sibling"]
    wire_keys = {
        frozenset(p) for p in zip(wire["article_id_source"], wire["article_id_copy"], strict=True)
    }
    assert len(keys & wire_keys) / len(wire_keys) >= 0.9  # recall of republished stories
    assert len(keys - true_keys) <= 1  # precision: no invented pairs
    # the wire published first, so it is named as the source of its copies
    from_wire = found[
        [
            frozenset(p) in wire_keys
            for p in zip(found["article_id_a"], found["article_id_b"], strict=True)
        ]
    ]
    assert (from_wire["source_outlet"] == "Northbridge Wire").all()


@pytest.mark.parametrize(
    ("outlet", "expected"),
    [
        ("The Ledger Daily", {"shares", "investors", "markets"}),
        ("Meridian Dispatch", {"military", "defence", "sanctions"}),
        ("Ossel Valley Gazette", {"residents", "council", "volunteers"}),
        ("The Daily Clarion", {"bosses", "fury", "furious", "slammed"}),
    ],
)
def test_outlets_differ_in_the_keywords_written_into_them(corpus, outlet, expected):
    table = toolkit.keyness(corpus, target=outlet, reference="rest")
    top = set(table.head(20)["term"])
    assert len(top & expected) >= 2, (outlet, sorted(top))
    assert (table.head(20)["g2"] > 0).all()
