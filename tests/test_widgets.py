"""The widget apps, in process and without a kernel: set a control, check what was drawn.

ipywidgets runs ``observe`` callbacks synchronously when a test assigns ``.value``, so
every assertion below sees the state right after the callback.
"""

from __future__ import annotations

import html
import math
from pathlib import Path

import pandas as pd
import pytest

from toolkit.plots import metric_label
from toolkit.widgets import (
    ArticleInspector,
    KeywordExplorer,
    OutletComparer,
    ReuseExplorer,
    highlight_shared,
    render_lines_html,
    shared_word_mask,
)

ROOT = Path(__file__).resolve().parents[1]
DEMO = ROOT / "corpus"

EVIL = (
    "Harbour news <script>alert(1)</script>\n\n"
    'Photo: <img src=x onerror=alert(1)> and <a href="javascript:alert(1)">click here</a>\n\n'
    "The harbour master said the new crane will arrive on Thursday morning."
)

STORY = (
    "The regional council voted on Tuesday to close two coastal roads after storms "
    "washed away large parts of the embankment near the old harbour, officials said. "
    "Repairs are expected to take at least six weeks and will cost several million."
)


def _synthetic() -> pd.DataFrame:
    """Three outlets, 12 articles: chrome, repeats, Cyrillic UI text, a shared story."""
    alpha = [
        "Subscribe to our newsletter\n\nLog in or register\n\n"
        "Fishermen in Port Sela landed a record catch of herring this week.\n\n"
        "“Fishermen in Port Sela landed a record catch of herring this week.”\n\n"
        "Share this article",
        "Subscribe to our newsletter\n\nLog in or register\n\n"
        "The town library will open on Sundays from next month, the mayor said.\n\n"
        "Share this article",
        "Subscribe to our newsletter\n\nLog in or register\n\n" + STORY + "\n\nShare this article",
        "Subscribe to our newsletter\n\nLog in or register\n\n" + EVIL + "\n\nShare this article",
    ]
    beta = [
        "Photo: Staff\n\nBus drivers will strike on Monday over pay, their union announced.\n\n"
        "Подписаться на рассылку",
        "Photo: Staff\n\nThe herring season has been the best in a decade for local boats.\n\n"
        "Подписаться на рассылку",
        "Photo: Staff\n\n" + STORY.replace("officials said", "a spokesman confirmed") + "\n\n"
        "Подписаться на рассылку",
        "Photo: Staff\n\nA new ferry route links the islands with the mainland twice a day.\n\n"
        "The ferry route links the islands with the mainland twice a day.",
    ]
    gamma = [
        "Напечатать\n\nВ порту Села рыбаки поймали рекордное количество сельди.\n\nВойти",
        "Напечатать\n\nГородская библиотека будет открыта по воскресеньям.\n\nВойти",
        "Напечатать\n\nВодители автобусов объявили забастовку в понедельник.\n\nВойти",
        "Напечатать\n\nНовый паром соединит острова с материком дважды в день.\n\nВойти",
    ]
    rows = []
    for outlet, texts in (("Alpha Post", alpha), ("Beta Times", beta), ("Гамма", gamma)):
        for i, text in enumerate(texts):
            rows.append(
                {
                    "article_id": f"{outlet[:1].lower()}{i}",
                    "outlet": outlet,
                    "title": f"Story {i}",
                    "text": text,
                    "published_at": pd.Timestamp("2024-03-01", tz="UTC") + pd.Timedelta(days=i),
                }
            )
    rows[6]["published_at"] = pd.Timestamp("2024-03-05", tz="UTC")  # beta copies alpha later
    return pd.DataFrame(rows)


@pytest.fixture(scope="module")
def arts() -> pd.DataFrame:
    return _synthetic()


def _values(dropdown) -> list:
    """The values of a selection widget whose options are (label, value) pairs."""
    return [value for _label, value in dropdown.options]


def _no_raw_markup(*values: str) -> None:
    for value in values:
        assert "<script>" not in value
        assert "<img src=x" not in value
        assert 'href="javascript:' not in value


# --------------------------------------------------------------------------- OutletComparer


def test_outlet_comparer_follows_its_controls(arts, tmp_path):
    app = OutletComparer(arts, export_dir=tmp_path, n_boot=200)
    assert app.last_error is None, app.status.value
    assert app.n_renders == 1 and app.chart.value[:4] == b"\x89PNG"
    assert app.last_ax.get_xlabel() == metric_label("repetition_rate")
    assert set(_values(app.metric)) >= {
        "repetition_rate",
        "boilerplate_ratio",
        "stray_chr_fraction",
        "cyrillic_chr_fraction",
        "duplicate_line_chr_fraction",
        "top_ngram_chr_fraction_2",
    }
    first = app.chart.value

    app.metric.value = "boilerplate_ratio"
    assert app.n_renders == 2 and app.chart.value != first
    assert app.last_ax.get_xlabel() == metric_label("boilerplate_ratio")
    assert list(app.last_table.columns) == [
        "outlet",
        "n_articles",
        "boilerplate_ratio_mean",
        "boilerplate_ratio_median",
        "boilerplate_ratio_ci_low",
        "boilerplate_ratio_ci_high",
        "note",
    ]
    table = app.last_table.set_index("outlet")
    expected = app.article_table.groupby("outlet")["boilerplate_ratio"].mean()
    assert table["boilerplate_ratio_mean"].to_dict() == pytest.approx(expected.to_dict())
    assert (table["boilerplate_ratio_ci_low"] <= table["boilerplate_ratio_mean"] + 1e-12).all()
    assert "Alpha Post" in app.table.value

    app.outlets.value = ("Beta Times", "Гамма")
    ticks = [t.get_text() for t in app.last_ax.get_yticklabels()]
    order = app.outlet_order()  # as the static chart: highest mean on top
    assert [t.split(" (n=")[0] for t in ticks] == [o for o in order if o != "Alpha Post"]
    assert all(t.endswith("(n=4, too few to compare)") for t in ticks)  # 4 < 5 articles
    assert list(app.last_table["outlet"]) == [o for o in order if o != "Alpha Post"]
    assert app.n_renders == 3

    app.outlets.value = ()  # nothing selected: a message, no redraw, no error
    assert app.n_renders == 3 and app.last_error is None
    assert "Select at least one outlet" in app.status.value


def test_outlet_comparer_menu_shows_labels_values_stay_column_names(arts):
    from toolkit import schema

    app = OutletComparer(arts, n_boot=50)
    for shown, column in app.metric.options:
        assert shown == schema.label(column) and shown != column
    assert "duplicate_ngram_chr_fraction_7" in _values(app.metric)
    assert "Duplicate word 7-grams" in [shown for shown, _value in app.metric.options]
    app.metric.value = "duplicate_ngram_chr_fraction_7"
    assert app.last_ax.get_xlabel() == schema.axis_label("duplicate_ngram_chr_fraction_7")
    assert "Duplicate word 7-grams, mean" in app.table.value  # the table headers too
    assert "Duplicate word 7-grams" in app.status.value


def test_outlet_comparer_accepts_a_metric_alias(arts):
    app = OutletComparer(arts, metric="boilerplate_chr_fraction", n_boot=50)
    assert app.last_error is None, app.status.value
    assert app.metric.value == "boilerplate_ratio"
    assert app.last_ax.get_xlabel() == metric_label("boilerplate_ratio")


def test_outlet_comparer_clean_text_changes_the_numbers(arts):
    app = OutletComparer(arts, metric="boilerplate_ratio", n_boot=100)
    raw = app.last_table.set_index("outlet")["boilerplate_ratio_mean"]
    app.text.value = "clean"
    assert app.last_error is None, app.status.value
    clean = app.last_table.set_index("outlet")["boilerplate_ratio_mean"]
    assert app.n_renders == 2
    # the chrome lines are gone from the clean text: far less boilerplate is left
    assert (clean.fillna(0) < raw).all()
    assert (app.article_table["n_chars"] <= app._article_stats("raw")["n_chars"]).all()


def test_outlet_comparer_updates_compute_no_article_statistics(arts, monkeypatch):
    import toolkit.stats.summary as summary

    app = OutletComparer(arts, n_boot=100)
    metrics = _values(app.metric)
    # both text modes' article statistics exist once the app is built ...
    assert set(app._stats) == {"raw", "clean"}
    expected = {m: summary.outlet_stats(app.article_table, n_boot=100, rates=(m,)) for m in metrics}
    calls: list[tuple[str, ...]] = []
    real_outlet_stats = summary.outlet_stats

    def counted(*args, **kwargs):
        calls.append(kwargs["rates"])
        return real_outlet_stats(*args, **kwargs)

    with monkeypatch.context() as patched:  # ... so no update labels lines or computes them
        for name in ("label_lines", "article_stats", "strip_boilerplate"):
            patched.setattr(summary, name, _must_not_run)
        patched.setattr(summary, "outlet_stats", counted)
        for metric in [*reversed(metrics), *metrics]:
            app.metric.value = metric
            assert app.last_error is None, app.status.value
            # the interval shown is the one outlet_stats gives for this metric alone
            shown = app.last_table.sort_values("outlet")
            both = [c for c in shown.columns if c in expected[metric].columns]
            assert f"{metric}_ci_low" in both
            pd.testing.assert_frame_equal(
                shown[both].reset_index(drop=True),
                expected[metric][both].reset_index(drop=True),
            )
            means = app.article_table.groupby("outlet")[metric].mean()
            assert shown[f"{metric}_mean"].tolist() == pytest.approx(
                means[shown["outlet"]].tolist(), nan_ok=True
            )
        # one outlet table per metric, computed on its first visit, never again
        assert sorted(calls) == sorted((m,) for m in metrics if m != "repetition_rate")
        app.outlets.value = ("Alpha Post",)
        app.text.value = "clean"
        app.text.value = "raw"
        assert app.last_error is None and app.n_renders == 1 + 2 * len(metrics) + 2


def test_outlet_comparer_caps_the_article_dots(arts):
    from matplotlib.collections import PathCollection

    app = OutletComparer(arts, n_boot=50, max_articles=2)
    (strip,) = [c for c in app.last_ax.collections if isinstance(c, PathCollection)]
    assert len(strip.get_offsets()) == 3 * 2  # three outlets of four articles, two dots each
    assert "≤2 per outlet" in strip.get_label()
    assert app.last_table["n_articles"].tolist() == [4, 4, 4]  # numbers use every article
    ticks = [t.get_text() for t in app.last_ax.get_yticklabels()]
    assert all(t.endswith("(n=4, too few to compare)") for t in ticks)
    every = OutletComparer(arts, n_boot=50, max_articles=None)
    (strip,) = [c for c in every.last_ax.collections if isinstance(c, PathCollection)]
    assert len(strip.get_offsets()) == every.article_table["repetition_rate"].notna().sum()


def test_outlet_comparer_export_writes_png_svg_csv(arts, tmp_path):
    app = OutletComparer(arts, export_dir=tmp_path / "exports", n_boot=100)
    app.metric.value = "stray_chr_fraction"
    written = app.export()
    names = sorted(p.name for p in written)
    assert names == [
        "outlets_stray_chr_fraction_raw.csv",
        "outlets_stray_chr_fraction_raw.note.txt",
        "outlets_stray_chr_fraction_raw.png",
        "outlets_stray_chr_fraction_raw.svg",
    ]
    for p in written:
        assert p.parent == tmp_path / "exports" and p.stat().st_size > 0
    assert (tmp_path / "exports" / "outlets_stray_chr_fraction_raw.png").read_bytes()[:4] == (
        b"\x89PNG"
    )
    table = pd.read_csv(tmp_path / "exports" / "outlets_stray_chr_fraction_raw.csv", comment="#")
    assert set(table["outlet"]) == {"Alpha Post", "Beta Times", "Гамма"}
    app.export_button.click()  # the button does the same
    assert app.last_error is None and "Saved" in app.status.value


def test_outlet_comparer_default_export_dir_follows_env(arts, tmp_path, monkeypatch):
    monkeypatch.setenv("TOOLKIT_OUT", str(tmp_path))
    assert OutletComparer(arts, n_boot=50).export_dir == tmp_path / "exports"


def test_errors_are_shown_not_raised(arts):
    app = OutletComparer(arts, n_boot=50)
    app._article_stats = None  # type: ignore[assignment,method-assign]  # break the app
    app.metric.value = "boilerplate_ratio"
    assert isinstance(app.last_error, TypeError)
    assert "Something went wrong" in app.status.value
    assert any("TypeError" in o.get("text", "") for o in app.messages.outputs)


# --------------------------------------------------------------------------- ArticleInspector


def test_article_inspector_labels_every_line(arts):
    app = ArticleInspector(arts, article_id="a0")
    assert app.last_error is None, app.status.value
    lines = app.last_table
    assert list(lines["line_no"]) == [1, 3, 5, 7, 9]
    view = app.view.value
    assert "boilerplate: " in view
    repeat = lines[lines["is_repeat"]]
    assert list(repeat["line_no"]) == [7] and int(repeat["repeat_of"].iloc[0]) == 5
    assert "repeat of line 5, similarity 1.00" in view
    assert app.chart.value[:4] == b"\x89PNG" and app.n_renders == 1
    assert app.last_ax.get_xlabel() == "% of the article's characters"


def test_article_inspector_follows_outlet_and_article(arts):
    app = ArticleInspector(arts)
    assert app.outlet.value == "Alpha Post" and app.article.value == "a0"
    app.outlet.value = "Beta Times"
    assert app.article.value == "b0" and app.n_renders == 2  # one redraw, not two
    assert "stray foreign_script" in app.view.value  # the Cyrillic UI line
    app.article.value = "b3"
    assert app.n_renders == 3
    numbers = app.numbers.value
    assert "Repetition rate" in numbers and "Boilerplate ratio" in numbers


def test_article_inspector_escapes_scraped_markup(arts):
    app = ArticleInspector(arts, article_id="a3")
    assert app.last_error is None
    view = app.view.value
    _no_raw_markup(view, app.numbers.value)
    assert "&lt;script&gt;alert(1)&lt;/script&gt;" in view
    assert "&lt;img src=x onerror=alert(1)&gt;" in view
    assert "javascript:" in view  # shown, but as text inside escaped markup
    assert html.escape('<a href="javascript:alert(1)">') in view


def test_render_lines_html_escapes_reasons_too():
    lines = pd.DataFrame(
        {
            "line_no": [1],
            "text": ["ok"],
            "is_boilerplate": [True],
            "boilerplate_reason": ["<b>reason</b>"],
            "is_repeat": [False],
            "repeat_of": [pd.NA],
            "repeat_similarity": [math.nan],
            "stray_kind": ["markup"],
            "stray_text": ["<script>"],
        }
    )
    out = render_lines_html(lines)
    assert "&lt;b&gt;reason&lt;/b&gt;" in out and "<b>reason" not in out
    assert "&lt;script&gt;" in out and "<script>" not in out


# --------------------------------------------------------------------------- KeywordExplorer


def test_keyword_explorer_follows_its_controls(arts):
    app = KeywordExplorer(arts, target="Alpha Post", text="raw")
    assert app.last_error is None, app.status.value
    assert app.n_renders == 1 and app.chart.value[:4] == b"\x89PNG"
    assert app.last_ax.get_xlabel().startswith("Log-likelihood G², signed")
    table = app.last_table
    assert {"term", "g2", "log_ratio"} <= set(table.columns)
    assert (table["log_ratio"] > 0).all()
    assert list(table["g2"]) == sorted(table["g2"], reverse=True)
    assert list(app.term.options) == list(table["term"])
    first = app.chart.value

    app.stat.value = "log_ratio"
    assert app.n_renders == 2 and app.chart.value != first
    assert app.last_ax.get_xlabel().startswith("Log Ratio")
    app.top_k.value = 5
    assert len(app.last_table) <= 5 and app.n_renders == 3
    app.reference.value = "Beta Times"
    assert set(app.last_table["reference"]) == {"Beta Times"}
    app.target.value = "Beta Times"  # same as the reference: a message, no chart
    assert app.n_renders == 4 and "other than the target" in app.status.value


def test_keyword_explorer_concordance_is_escaped(arts):
    app = KeywordExplorer(arts, target="Alpha Post", text="raw")
    terms = list(app.term.options)
    assert terms
    app.term.value = terms[-1]
    conc = app.last_concordance
    assert len(conc) >= 1
    assert set(conc["outlet"]) == {"Alpha Post"}
    assert html.escape(str(terms[-1])) in app.concordance.value
    for term in ("script", "alert", "onerror"):
        if term in terms:
            app.term.value = term
            _no_raw_markup(app.concordance.value)
    _no_raw_markup(app.concordance.value)


def test_keyword_explorer_clean_text_drops_chrome_words(arts):
    import toolkit

    # the chrome words are key on the raw text when nothing is filtered out ...
    everything = toolkit.keyness(arts, target="Alpha Post", text="raw", keep_artifacts=True)
    assert {"subscribe", "newsletter"} & set(everything["term"].head(40))
    app = KeywordExplorer(arts, target="Alpha Post", text="raw", top_k=40)
    app.text.value = "clean"
    clean_terms = set(app.last_table["term"])
    # ... and gone from the explorer's clean text
    assert "subscribe" not in clean_terms and "newsletter" not in clean_terms


# --------------------------------------------------------------------------- ReuseExplorer


def test_reuse_explorer_finds_the_shared_story(arts):
    app = ReuseExplorer(arts, threshold=0.5, text="raw")
    assert app.last_error is None, app.status.value
    pairs = app.last_table
    assert len(pairs) == 1
    assert {pairs.loc[0, "article_id_a"], pairs.loc[0, "article_id_b"]} == {"a2", "b2"}
    assert app.pair.value == 0 and app.chart.value[:4] == b"\x89PNG"
    assert app.view.value.count("<mark>") >= 2
    assert "regional council voted on Tuesday" in app.view.value
    assert 0.5 < app.shared_share <= 1.0
    assert "Published first by <b>Alpha Post</b>" in app.view.value
    n = app.n_renders
    app.threshold.value = 0.95  # nothing that similar
    assert app.n_renders == n + 1 and app.last_table.empty
    assert "No shared articles" in app.view.value


def test_reuse_explorer_escapes(arts):
    evil = arts.copy()
    evil.loc[evil["article_id"] == "b2", "text"] = (
        STORY + "\n\n<script>alert(1)</script> <img src=x onerror=alert(1)>"
    )
    app = ReuseExplorer(evil, text="raw")
    assert len(app.last_table) == 1
    _no_raw_markup(app.view.value)
    assert "&lt;script&gt;" in app.view.value


def test_shared_word_mask_and_highlight():
    a = "One two three four five six."
    b = "Zero one two three four five, seven."
    ma, mb = shared_word_mask(a, b, min_words=3)
    assert ma == [True, True, True, True, True, False]
    assert mb == [False, True, True, True, True, True, False]
    assert shared_word_mask("a b", "c d") == ([False, False], [False, False])
    ha, _, share = highlight_shared("", "words here")
    assert ha == "" and math.isnan(share)
    ha, _, _ = highlight_shared("<i>x</i>\nline two here now", "line two here now")
    assert ha == "&lt;i&gt;x&lt;/i&gt;<br><mark>line two here now</mark>"


# --------------------------------------------------------------------------- demo corpus


def _must_not_run(*args, **kwargs):
    raise AssertionError("statistics recomputed on a control change")


@pytest.mark.skipif(not (DEMO / "manifest.csv").exists(), reason="demo corpus not built")
def test_every_app_on_the_demo_corpus(tmp_path, monkeypatch):
    import toolkit.stats.summary as summary
    from toolkit.corpus import load_corpus

    corpus = load_corpus(DEMO)
    outlets = corpus.outlets
    assert len(outlets) == 6
    comparer = OutletComparer(corpus, export_dir=tmp_path)
    assert comparer.last_error is None, comparer.status.value
    with monkeypatch.context() as patched:  # a metric change only redraws: no new stats
        for name in ("label_lines", "article_stats"):
            patched.setattr(summary, name, _must_not_run)
        comparer.metric.value = "boilerplate_ratio"
        assert comparer.last_error is None, comparer.status.value
    assert len(comparer.last_table) == 6
    comparer.text.value = "clean"
    assert comparer.last_error is None and comparer.n_renders == 3

    inspector = ArticleInspector(corpus)
    inspector.outlet.value = outlets[-1]
    assert inspector.last_error is None and len(inspector.last_table) > 0

    keywords = KeywordExplorer(corpus)
    assert keywords.last_error is None and len(keywords.last_table) > 0
    keywords.target.value = outlets[1]
    assert keywords.last_error is None and keywords.n_renders == 2

    reuse = ReuseExplorer(corpus)
    assert reuse.last_error is None and len(reuse.last_table) > 0
    assert "<mark>" in reuse.view.value


# --------------------------------------------------------------------------- exports stay outside


@pytest.fixture
def corpus_folder(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for outlet, story in (("North", "The ferry sailed at dawn."), ("South", "Wheat prices rose.")):
        for i in range(2):
            (root / outlet).mkdir(parents=True, exist_ok=True)
            (root / outlet / f"{i}.txt").write_text(f"Share this\n\n{story} Day {i}.\n", "utf-8")
    return root


def _files(folder: Path) -> dict[str, bytes]:
    return {str(p.relative_to(folder)): p.read_bytes() for p in folder.rglob("*") if p.is_file()}


def test_exports_default_outside_the_corpus_when_started_inside_it(
    corpus_folder: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv("TOOLKIT_OUT", raising=False)
    before = _files(corpus_folder)
    monkeypatch.chdir(corpus_folder / "North")  # a notebook started inside the corpus
    app = OutletComparer(corpus_folder, n_boot=20)
    written = app.export()
    assert app.export_dir == corpus_folder.parent.resolve() / "news-exports"
    assert len(written) == 4 and all(p.parent == app.export_dir for p in written)
    assert _files(corpus_folder) == before and not (corpus_folder / "North" / "exports").exists()
    monkeypatch.chdir(corpus_folder.parent)  # outside the corpus: ./exports as before
    assert OutletComparer(corpus_folder, n_boot=20).export_dir == Path("exports")


def test_an_export_folder_inside_the_corpus_is_refused(
    corpus_folder: Path, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toolkit

    before = _files(corpus_folder)
    (tmp_path / "sneaky").symlink_to(corpus_folder / "South")
    for inside in (corpus_folder / "exports", tmp_path / "sneaky" / "exports"):
        with pytest.raises(ValueError, match="never writes into a corpus"):
            OutletComparer(corpus_folder, n_boot=20, export_dir=inside)
    # an environment variable pointing inside: the app works, the export says no
    monkeypatch.setenv("TOOLKIT_OUT", str(corpus_folder / "North"))
    app = OutletComparer(toolkit.load_corpus(corpus_folder), n_boot=20)  # a loaded Corpus
    assert app.export() == []
    assert "Not saved" in app.status.value and "never writes into a corpus" in app.status.value
    # a link made after the app was built is caught at export time too
    monkeypatch.setenv("TOOLKIT_OUT", str(tmp_path / "later"))
    app = OutletComparer(corpus_folder, n_boot=20)
    (tmp_path / "later").symlink_to(corpus_folder / "South")
    assert app.export() == [] and "Not saved" in app.status.value
    assert _files(corpus_folder) == before


# --------------------------------------------------------------------------- issue 20


def _bigger(arts: pd.DataFrame, copies: int) -> pd.DataFrame:
    """``copies`` copies of the articles under new ids (a corpus of several batches)."""
    return pd.concat(
        [arts.assign(article_id=arts["article_id"] + f"-{k}") for k in range(copies)],
        ignore_index=True,
    )


def test_outlet_comparer_shows_the_statistics_progress_inside_the_app():
    from toolkit.corpus import load_corpus
    from toolkit.stats.summary import BATCH_CHARS, clear_cache

    demo = load_corpus(DEMO).articles
    copies = -(-2 * BATCH_CHARS // int(demo["text"].str.len().sum()))  # at least 2 batches
    big = _bigger(demo, copies)
    clear_cache()
    app = OutletComparer(big, n_boot=50)
    assert app.last_error is None, app.status.value
    stages = [stage for stage, *_ in app.progress_log]
    assert [s for s in dict.fromkeys(stages)] == [
        "Step 1 of 3 · statistics of the raw text",
        "Step 2 of 3 · statistics of the clean text",
        "Step 3 of 3 · outlet templates, for reading the articles",
    ]
    # the statistics' own loops reported through the app: each batch of articles labelled
    labelled = [r for r in app.progress_log if r[1].startswith("labelling the lines")]
    assert labelled and labelled[-1][2] == labelled[-1][3] >= 2  # done == total batches
    raw = [r for r in labelled if r[0].startswith("Step 1")]
    assert [done for _s, _d, done, _t in raw] == list(range(raw[0][3] + 1))
    assert app.progress.max >= 1 and app.progress_box.layout.display == "none"  # done
    assert app.build_seconds is not None and app.built


class _FakeShell:
    """Enough of an IPython shell for ``post_run_cell`` callbacks."""

    def __init__(self) -> None:
        self.callbacks: list = []
        self.events = self

    def register(self, event: str, func) -> None:
        assert event == "post_run_cell"
        self.callbacks.append(func)

    def unregister(self, event: str, func) -> None:
        self.callbacks.remove(func)

    def run_cell(self) -> None:
        for func in list(self.callbacks):
            func(None)


def test_outlet_comparer_in_a_kernel_is_shown_first_then_built(arts, monkeypatch):
    import IPython

    shell = _FakeShell()
    monkeypatch.setattr(IPython, "get_ipython", lambda: shell)
    app = OutletComparer(arts, n_boot=50, defer=True)
    assert not app.built and app.n_renders == 0 and len(shell.callbacks) == 1
    assert app.progress_box.layout.display == "flex"  # the progress shows at once
    assert "Computing the statistics" in app.status.value
    shell.run_cell()  # the cell that made (and displayed) the app has finished
    assert app.built and app.n_renders == 1 and app.last_error is None
    assert shell.callbacks == [] and app.progress_box.layout.display == "none"
    # a control used before the cell ends builds the app at once, and only once
    early = OutletComparer(arts, n_boot=50, defer=True)
    early.metric.value = "boilerplate_ratio"
    assert early.built and early.n_renders == 1
    assert early.last_ax.get_xlabel() == metric_label("boilerplate_ratio")
    shell.run_cell()
    assert early.n_renders == 1 and shell.callbacks == []


def test_outlet_comparer_orders_outlets_like_the_static_chart(arts):
    from toolkit.plots import plot_outlet_metric

    app = OutletComparer(arts, metric="boilerplate_ratio", n_boot=100)
    static = plot_outlet_metric(app.article_table, "boilerplate_ratio", n_boot=100)
    expected = [t.get_text().split(" (n=")[0] for t in static.get_yticklabels()]
    shown = [t.get_text().split(" (n=")[0] for t in app.last_ax.get_yticklabels()]
    assert shown == expected == app.outlet_order() == list(app.last_table["outlet"])
    assert [v for _label, v in app.inspect.options][1:] == expected
    means = app.last_table["boilerplate_ratio_mean"].tolist()
    assert means == sorted(means, reverse=True)


def test_outlet_comparer_table_is_labelled_in_percent_csv_keeps_names(arts, tmp_path):
    from toolkit import schema

    app = OutletComparer(arts, metric="boilerplate_ratio", n_boot=100, export_dir=tmp_path)
    mean = float(app.last_table["boilerplate_ratio_mean"].iloc[0])
    assert 0 < mean < 1
    assert f"{mean:.1%}" in app.table.value  # 0.116 is shown as 11.6%
    assert f"{mean:.3f}</td>" not in app.table.value
    assert "boilerplate_ratio_mean" not in app.table.value  # headers are labels
    assert schema.label("boilerplate_ratio_mean") in app.table.value
    app.export()
    table = pd.read_csv(tmp_path / "outlets_boilerplate_ratio_raw.csv", comment="#")
    assert list(table.columns) == list(app.last_table.columns)  # machine names
    assert table["boilerplate_ratio_mean"].between(0, 1).all()  # fractions, not percent


def test_small_samples_are_said_in_words(arts):
    few = arts[(arts["outlet"] != "Гамма") | (arts["article_id"] == "г0")]
    app = OutletComparer(few, n_boot=50)
    notes = app.last_table.set_index("outlet")["note"]
    assert notes["Гамма"] == "too few articles to compare (n=1)"
    assert "Too few articles to compare" in app.status.value and "Гамма (n=1)" in app.status.value
    row = app.last_table.set_index("outlet").loc["Гамма"]
    assert math.isnan(row["repetition_rate_ci_low"]) and math.isnan(row["repetition_rate_ci_high"])
    assert "too few articles to compare (n=1)" in app.table.value


def test_choosing_an_outlet_opens_the_inspector_on_its_articles(arts):
    app = OutletComparer(arts, metric="repetition_rate", n_boot=50)
    assert app.inspector is None and app.inspector_box.children == ()
    app.inspect.value = "Alpha Post"
    inspector = app.inspector
    assert inspector is not None and app.inspector_box.children == (inspector,)
    stats = app.article_table[app.article_table["outlet"] == "Alpha Post"]
    ranked = stats.sort_values("repetition_rate", ascending=False, kind="stable")
    assert [v for _label, v in inspector.article.options] == ranked["article_id"].tolist()
    assert inspector.article.value == ranked["article_id"].iloc[0]
    first_label = inspector.article.options[0][0]
    assert f"Repetition rate {ranked['repetition_rate'].iloc[0]:.1%}" in first_label
    assert inspector.outlet.label.startswith("Selection: Alpha Post")
    assert inspector.last_error is None and "repeat" in inspector.view.value
    app.inspect.value = "Beta Times"  # the same inspector, new articles
    assert app.inspector is inspector
    assert set(v for _l, v in inspector.article.options) == {"b0", "b1", "b2", "b3"}
    app.inspect.value = None
    assert app.inspector_box.children == ()


def test_inspector_labels_one_article_as_the_whole_corpus_does(arts):
    from toolkit.stats.summary import article_stats, label_lines

    whole = label_lines(arts)
    every = article_stats(arts)
    app = ArticleInspector(arts)
    for aid in arts["article_id"]:
        mine = app._lines_of(aid)
        expected = whole[whole["article_id"] == aid].reset_index(drop=True)
        pd.testing.assert_frame_equal(mine, expected, check_dtype=False)
        ours = app._numbers_of(aid, mine).reset_index(drop=True)
        theirs = every[every["article_id"] == aid].reset_index(drop=True)
        pd.testing.assert_frame_equal(ours, theirs, check_dtype=False)


def test_inspector_numbers_are_labelled_percentages(arts):
    app = ArticleInspector(arts, article_id="a0")
    row = app._numbers_of("a0", app.last_table)
    assert f"{float(row['boilerplate_ratio'].iloc[0]):.1%}" in app.numbers.value
    assert "Boilerplate ratio" in app.numbers.value and "boilerplate_ratio" not in app.numbers.value


def test_inspector_selection_and_back_to_an_outlet(arts):
    app = ArticleInspector(
        arts, article_ids=["b2", "a2", "nope"], labels=["x", "y", "z"], title="t"
    )
    assert app.outlet.label == "Selection: t"
    assert [v for _l, v in app.article.options] == ["b2", "a2"]  # unknown ids left out
    assert app.article.value == "b2" and app.article.options[0][0].endswith(" · x")
    app.outlet.value = "Гамма"
    assert [v for _l, v in app.article.options] == ["г0", "г1", "г2", "г3"]
    assert app.last_error is None


def test_choosing_a_reuse_cell_keeps_its_pairs_and_opens_the_inspector(arts):
    app = ReuseExplorer(arts, threshold=0.5, text="raw")
    cells = [v for _label, v in app.cell.options]
    assert cells == [None, ("Alpha Post", "Beta Times")]  # a1 published before b2's copy
    assert app.cell.options[1][0] == "Alpha Post → Beta Times: 1 pair"
    app.cell.value = ("Alpha Post", "Beta Times")
    assert app.last_error is None and len(app.last_table) == 1
    inspector = app.inspector
    assert inspector is not None and app.inspector_box.children == (inspector,)
    assert [v for _l, v in inspector.article.options] == ["a2", "b2"]  # the source first
    assert inspector.outlet.label == "Selection: Alpha Post → Beta Times"
    app.cell.value = None
    assert app.inspector_box.children == ()


def test_keyword_explorer_speaks_in_labels(arts):
    app = KeywordExplorer(arts, target="Alpha Post", text="raw")
    assert app.reference.label == "the rest of the corpus" and app.reference.value == "rest"
    assert "the rest of the corpus" in app.status.value
    for header in ("Article", "Left context", "Match", "Right context"):
        assert f">{header}</th>" in app.concordance.value


@pytest.mark.skipif(not (DEMO / "manifest.csv").exists(), reason="demo corpus not built")
def test_no_warning_from_any_app_on_the_demo_corpus(tmp_path):
    import warnings

    from toolkit.corpus import load_corpus

    corpus = load_corpus(DEMO)
    with warnings.catch_warnings():
        warnings.simplefilter("error")
        comparer = OutletComparer(corpus, export_dir=tmp_path, n_boot=100)
        for metric in ("boilerplate_ratio", "duplicate_ngram_chr_fraction_7"):
            comparer.metric.value = metric
        comparer.text.value = "clean"
        comparer.inspect.value = corpus.outlets[0]
        keywords = KeywordExplorer(corpus)
        keywords.stat.value = "log_ratio"
        reuse = ReuseExplorer(corpus)
        reuse.cell.value = reuse.cell.options[-1][1]
    for app in (comparer, comparer.inspector, keywords, reuse, reuse.inspector):
        assert app is not None and app.last_error is None, app.status.value
    assert all(not t.endswith("too few to compare)") for t in comparer.last_table["note"])
