"""The command line: every command documented, clear errors, outputs on the demo corpus."""

from __future__ import annotations

import argparse
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

from toolkit.cli import build_parser, main


def _subcommands() -> dict[str, argparse.ArgumentParser]:
    parser = build_parser()
    action = next(a for a in parser._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


@pytest.fixture
def small_corpus(tmp_path: Path) -> Path:
    root = tmp_path / "news"
    for outlet, texts in {
        "Harbour Herald": [
            "Harbour strike ends\nSubscribe\n\nDock workers returned to work on Monday after "
            "a nine-day strike.\n\nThe union accepted a pay rise.",
            "Flood warning\nSubscribe\n\nResidents near the river were told to leave their "
            "homes.\n\nThe council opened two shelters.",
        ],
        "Capital Ledger": [
            "Rates held\nSign in\n\nThe central bank kept its main rate at 4 percent, and "
            "markets rose.\n\nInvestors had expected a cut.",
            "Tariffs\nSign in\n\nShares of exporters fell after the new tariffs were "
            "announced.\n\nMarkets closed lower.",
        ],
    }.items():
        folder = root / outlet
        folder.mkdir(parents=True)
        for i, text in enumerate(texts):
            (folder / f"{i:03d}_{outlet[:4].lower()}{i:012d}.txt").write_text(text, "utf-8")
    return root


def test_every_command_and_option_is_documented():
    commands = _subcommands()
    assert {"summary", "stats", "keyness", "inspect", "report"} <= set(commands)
    for name, sub in commands.items():
        assert sub.description, f"{name} has no description"
        for action in sub._actions:
            if isinstance(action, argparse._HelpAction):
                continue
            assert action.help, f"{name}: {action.dest} is undocumented"


@pytest.mark.parametrize("command", ["summary", "stats", "keyness", "inspect", "report"])
def test_help_exits_zero(command, capsys):
    with pytest.raises(SystemExit) as exc:
        main([command, "--help"])
    assert exc.value.code == 0
    assert "usage:" in capsys.readouterr().out


def test_missing_source_is_one_clear_line(tmp_path, capsys):
    assert main(["summary", str(tmp_path / "nowhere")]) == 2
    err = capsys.readouterr().err.strip().splitlines()
    assert len(err) == 1 and "no such file or folder" in err[0]


def test_bad_arguments_exit_2(small_corpus, capsys):
    with pytest.raises(SystemExit) as exc:
        main(["stats", str(small_corpus), "--level", "sentence"])
    assert exc.value.code == 2
    with pytest.raises(SystemExit) as exc:
        main(["summary", str(small_corpus), "--n-boot", "0"])
    assert exc.value.code == 2
    assert main(["keyness", str(small_corpus), "No Such Outlet"]) == 2
    assert "unknown outlet" in capsys.readouterr().err
    assert main(["inspect", str(small_corpus), "nope"]) == 2


def test_summary_prints_one_row_per_outlet(small_corpus, capsys):
    assert main(["summary", str(small_corpus), "--n-boot", "50"]) == 0
    out = capsys.readouterr().out
    assert "Harbour Herald" in out and "Capital Ledger" in out
    assert "Repetition rate %" in out and "Boilerplate ratio %" in out


def test_stats_to_csv_file(small_corpus, tmp_path):
    out = tmp_path / "stats.csv"
    assert main(["stats", str(small_corpus), "--level", "article", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert len(table) == 4 and "boilerplate_ratio" in table.columns


def test_keyness_between_two_outlets(small_corpus, capsys):
    code = main(
        ["keyness", str(small_corpus), "Capital Ledger", "Harbour Herald", "--format", "csv"]
    )
    assert code == 0
    table = pd.read_csv(__import__("io").StringIO(capsys.readouterr().out))
    assert {"term", "g2", "log_ratio", "p_value"} <= set(table.columns)


def test_inspect_shows_labels(small_corpus, capsys):
    article_id = next(small_corpus.rglob("*.txt")).stem
    assert main(["inspect", str(small_corpus), article_id, "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "boilerplate" in out and "\033[" not in out


def test_python_dash_m_runs():
    out = subprocess.run(
        [sys.executable, "-m", "toolkit", "--help"], capture_output=True, text=True, check=True
    )
    assert "report" in out.stdout
