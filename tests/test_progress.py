"""Progress bars: drawn when asked or when someone watches long work, never in CI."""

from __future__ import annotations

import io
import sys
from types import SimpleNamespace

import pandas as pd
import pytest

from toolkit import _progress
from toolkit.stats.summary import article_stats, clear_cache, strip_boilerplate


def _arts(n: int = 12) -> pd.DataFrame:
    body = "The council met on Monday and approved the budget for the coming year."
    return pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(n)],
            "outlet": ["X", "Y"] * (n // 2),
            "text": [f"Subscribe\n\n{body} Item {i}.\n\nShare this" for i in range(n)],
        }
    )


class _Tty(io.StringIO):
    def isatty(self) -> bool:
        return True


def test_want_progress_rules(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    assert _progress.want_progress(None, long=True) is False  # nobody watches a pipe
    monkeypatch.setattr(sys, "stderr", _Tty())
    assert _progress.want_progress(None, long=True) is True
    assert _progress.want_progress(None, long=False) is False  # short work: no bar
    monkeypatch.setenv("CI", "true")
    assert _progress.want_progress(None, long=True) is False
    assert _progress.want_progress(True, long=False) is True  # asked for: always
    assert _progress.want_progress(False, long=True) is False


def test_a_jupyter_kernel_counts_as_watched(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.delenv("CI", raising=False)
    monkeypatch.setattr(sys, "stderr", io.StringIO())
    fake = SimpleNamespace(get_ipython=lambda: SimpleNamespace(kernel=object()))
    monkeypatch.setitem(sys.modules, "IPython", fake)
    assert _progress.in_jupyter_kernel()
    assert _progress.want_progress(None, long=True)
    fake_shell = SimpleNamespace(get_ipython=lambda: SimpleNamespace())  # a terminal IPython
    monkeypatch.setitem(sys.modules, "IPython", fake_shell)
    assert not _progress.in_jupyter_kernel()


def test_article_stats_draws_bars_over_batches_when_asked(
    capsys: pytest.CaptureFixture[str],
) -> None:
    arts = _arts()
    clear_cache()
    quiet = article_stats(arts, batch_chars=200, cache=False)
    assert capsys.readouterr().err == ""  # not a terminal, not a notebook: no bar
    loud = article_stats(arts, batch_chars=200, cache=False, progress=True)
    err = capsys.readouterr().err
    assert "counting the lines of 12 articles" in err
    assert "labelling the lines of 12 articles" in err
    pd.testing.assert_frame_equal(quiet, loud)
    strip_boilerplate(arts, batch_chars=200, cache=False, progress=True)
    assert "labelling the lines" in capsys.readouterr().err
    article_stats(arts, batch_chars=None, cache=False, progress=True)  # one batch
    article_stats(arts, batch_chars=None, cache=False, progress=False)
    assert capsys.readouterr().err == ""
