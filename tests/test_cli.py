"""The command line: every command documented, clear errors, outputs on the demo corpus."""

from __future__ import annotations

import argparse
import io
import os
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


def test_summary_prints_the_findings(small_corpus, capsys):
    from toolkit.corpus import load_corpus
    from toolkit.findings_rules import findings

    assert main(["summary", str(small_corpus), "--n-boot", "50"]) == 0
    out = capsys.readouterr().out
    expected = findings(load_corpus(small_corpus, progress=False), n_boot=50)
    assert len(expected) and "\nFindings" in out
    flat = " ".join(out.split())
    for i, sentence in enumerate(expected["sentence"], start=1):
        assert f"{i}. {' '.join(sentence.split())}" in flat
    assert main(["summary", str(small_corpus), "--n-boot", "50", "--no-findings"]) == 0
    assert "Findings" not in capsys.readouterr().out
    assert main(["summary", str(small_corpus), "--n-boot", "50", "--format", "csv"]) == 0
    assert "Findings" not in capsys.readouterr().out  # the table stays a table


def test_report_lines_flag(small_corpus, tmp_path):
    assert main(["report", str(small_corpus), "--out", str(tmp_path / "a"), "--no-progress"]) == 0
    assert not (tmp_path / "a" / "tables" / "labelled_lines.csv").exists()
    argv = ["report", str(small_corpus), "--out", str(tmp_path / "b"), "--no-progress", "--lines"]
    assert main(argv) == 0
    lines = pd.read_csv(tmp_path / "b" / "tables" / "labelled_lines.csv")
    assert set(lines["outlet"]) == {"Harbour Herald", "Capital Ledger"}


def test_stats_to_csv_file(small_corpus, tmp_path):
    out = tmp_path / "stats.csv"
    assert main(["stats", str(small_corpus), "--level", "article", "--out", str(out)]) == 0
    table = pd.read_csv(out)
    assert len(table) == 4 and "boilerplate_ratio" in table.columns


def test_keyness_between_two_outlets(small_corpus, capsys):
    args = ["Capital Ledger", "Harbour Herald", "--format", "csv", "--min-count", "1"]
    code = main(["keyness", str(small_corpus), *args])
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


# --------------------------------------------------------------------------- hostile input

ESCAPES = ["\x1b]0;PWNED\x07", "\x1b[2J", "\x9b31m", "\u202e", "\u2066", "\x00"]
HOSTILE_OUTLETS = ["Evil \x1b]0;PWNED\x07 News", "Wipe \x1b[2J Daily", "\u202eRTL Override\u202c"]


@pytest.fixture
def hostile_corpus(tmp_path: Path) -> Path:
    """Outlet folders and file names holding terminal escapes, bidi overrides, formulas."""
    root = tmp_path / "hostile"
    outlets = [*HOSTILE_OUTLETS, "=HYPERLINK(1)", "-minus"]
    for k, outlet in enumerate(outlets):
        folder = root / outlet
        folder.mkdir(parents=True)
        for i in range(2):
            name = f"a{k}{i}\x1b[31m.txt" if k == 0 else f"a{k}{i}.txt"
            (folder / name).write_text(
                f"Share this\n\nStory {i}: the ferry{k} sailed at dawn and the harbour{k} "
                f"was quiet.\n\nThe tide{i} rose.\n",
                "utf-8",
            )
    return root


def _assert_terminal_safe(text: str) -> None:
    for bad in ESCAPES:
        assert bad not in text, repr(bad)
    assert not any(0x80 <= ord(c) <= 0x9F for c in text)


def test_summary_stats_keyness_inspect_never_print_escapes(hostile_corpus, capsys):
    runs = [
        ["summary", str(hostile_corpus), "--n-boot", "20"],
        ["stats", str(hostile_corpus), "--n-boot", "20"],
        ["stats", str(hostile_corpus), "--level", "article", "--format", "csv"],
        ["keyness", str(hostile_corpus), HOSTILE_OUTLETS[0], "--min-count", "1"],
        ["inspect", str(hostile_corpus), "a00\x1b[31m", "--colour", "never"],
    ]
    for argv in runs:
        assert main(argv) == 0, argv
        out, err = capsys.readouterr()
        _assert_terminal_safe(out)
        _assert_terminal_safe(err)
        assert "\\x1b" in out or "\\u202e" in out, argv  # shown, escaped
    # and in the error hints
    assert main(["keyness", str(hostile_corpus), "nope"]) == 2
    assert main(["inspect", str(hostile_corpus), "nope"]) == 2
    assert main(["summary", str(hostile_corpus / "nope\x1b[2J")]) == 2  # the path itself
    _, err = capsys.readouterr()
    _assert_terminal_safe(err)
    assert "\\x1b]0;PWNED\\x07" in err and "nope\\x1b[2J" in err


def test_csv_on_stdout_and_in_files_is_spreadsheet_safe(hostile_corpus, tmp_path, capsys):
    assert main(["stats", str(hostile_corpus), "--n-boot", "20", "--format", "csv"]) == 0
    table = pd.read_csv(io.StringIO(capsys.readouterr().out))
    outlets = set(table["outlet"])
    assert "'=HYPERLINK(1)" in outlets and "'-minus" in outlets
    assert not any(o.startswith(("=", "+", "-", "@")) for o in outlets)
    assert pd.api.types.is_float_dtype(table["repetition_rate_mean"])  # numbers stay numbers
    out = tmp_path / "stats.csv"
    assert main(["stats", str(hostile_corpus), "--n-boot", "20", "--out", str(out)]) == 0
    assert "'=HYPERLINK(1)" in set(pd.read_csv(out)["outlet"])
    # keyness has negative numbers: they stay plain numbers (`--`: an outlet named "-minus")
    argv = ["keyness", str(hostile_corpus), "--min-count", "1", "--format", "csv", "--", "-minus"]
    assert main(argv) == 0
    keyness = pd.read_csv(io.StringIO(capsys.readouterr().out))
    assert set(keyness["target"]) == {"'-minus"}
    assert pd.api.types.is_float_dtype(keyness["g2"]) and (keyness["g2"] < 0).any()


@pytest.mark.parametrize(
    ("argv", "hint"),
    [
        (["summary", "{root}/README.md"], "load a folder or one of"),
        (["summary", "{root}/nowhere"], "give a folder of articles"),
        (["stats", "{root}/empty"], "holds no article files"),
        (["summary", "{root}/unreadable"], "all 2 file(s) failed"),
        (["keyness", "{root}/empty", "X"], "holds no article files"),
        (["inspect", "{root}/empty", "x"], "holds no article files"),
        (["report", "{root}/empty", "--out", "{root}/rep"], "no articles to report on"),
        (["summary", "{root}/p.csv"], "named pipe (FIFO)"),
        (["report", "{root}/p.csv", "--out", "{root}/rep"], "named pipe (FIFO)"),
        (["keyness", "{root}/ok", "North", "--top", "-5"], "at least 1, not '-5'"),
        (["summary", "{root}/ok", "--n-boot", "x"], "at least 1, not 'x'"),
        (["stats", "{root}/ok", "--out", "{root}/t.xlsx"], "e.g. "),
        (["stats", "{root}/ok", "--out", "{root}"], "give a file name such as"),
        (["keyness", "{root}/ok", "North", "North"], "compare two outlets"),
        (["keyness", "{root}/one", "Solo"], "there is no rest"),
        (["keyness", "{root}/ok", "North", "South", "--min-count", "99"], "try --min-count"),
    ],
)
def test_bad_input_is_one_line_and_a_hint(tmp_path, capsys, argv, hint):
    root = tmp_path
    (root / "README.md").write_text("# not a corpus\n", "utf-8")
    (root / "empty").mkdir()
    (root / "unreadable" / "X").mkdir(parents=True)
    (root / "unreadable" / "X" / "a.txt").write_bytes(b"")
    (root / "unreadable" / "X" / "b.html").write_bytes(b"")
    for outlet in ("North", "South"):
        (root / "ok" / outlet).mkdir(parents=True)
        (root / "ok" / outlet / "a.txt").write_text(f"{outlet} news: the ferry sailed.", "utf-8")
    (root / "one" / "Solo").mkdir(parents=True)
    (root / "one" / "Solo" / "a.txt").write_text("The only outlet speaks.", "utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(root / "p.csv")
    elif "p.csv" in " ".join(argv):
        pytest.skip("no FIFOs here")
    argv = [a.format(root=root) for a in argv]
    try:
        code = main([*argv, "--no-progress"] if "--no-progress" not in argv else argv)
    except SystemExit as exc:  # argparse
        code = exc.code
    out, err = capsys.readouterr()
    assert code == 2, err
    lines = err.strip().splitlines()
    assert len(lines) == 1, lines
    assert lines[0].startswith(f"toolkit {argv[0]}: error: ") and hint in lines[0], lines[0]
    assert "Traceback" not in err and out == ""
    assert not (root / "rep").exists()


def test_warnings_become_one_line_notes_on_stderr(small_corpus, capsys, monkeypatch):
    import warnings

    import toolkit.stats.summary as summary

    real = summary.outlet_stats

    def noisy(*args, **kwargs):
        warnings.warn("Mean of empty slice\nsecond line", RuntimeWarning, stacklevel=1)
        warnings.warn("Mean of empty slice\nsecond line", RuntimeWarning, stacklevel=1)
        return real(*args, **kwargs)

    monkeypatch.setattr(summary, "outlet_stats", noisy)
    assert main(["stats", str(small_corpus), "--n-boot", "20"]) == 0
    out, err = capsys.readouterr()
    assert "Warning" not in out and "empty slice" not in out
    notes = [line for line in err.splitlines() if "note:" in line]
    assert notes == [
        "toolkit stats: note: Mean of empty slice\\x0asecond line [RuntimeWarning] (2 times)"
    ]


def test_an_unexpected_error_is_one_line_and_exit_1(small_corpus, capsys, monkeypatch):
    import toolkit.stats.summary as summary

    def broken(*args, **kwargs):
        raise KeyError("boom")

    monkeypatch.setattr(summary, "article_stats", broken)
    monkeypatch.delenv("TOOLKIT_DEBUG", raising=False)
    monkeypatch.setattr(sys, "argv", ["toolkit", "stats", str(small_corpus)])
    assert main() == 1  # as the command runs it
    err = capsys.readouterr().err
    assert err.strip() == (
        "toolkit stats: error: unexpected KeyError: 'boom' (please report it; set "
        "TOOLKIT_DEBUG=1 to see the traceback)"
    )
    monkeypatch.setenv("TOOLKIT_DEBUG", "1")
    assert main(["stats", str(small_corpus)], reraise=False) == 1
    assert "Traceback" in capsys.readouterr().err
    with pytest.raises(KeyError):  # called from Python with arguments: the error propagates
        main(["stats", str(small_corpus)])


def test_help_shows_a_plain_percent_sign(capsys):
    with pytest.raises(SystemExit):
        main(["summary", "--help"])
    out = capsys.readouterr().out
    assert "95% bootstrap" in out and "%%" not in out


def test_table_out_through_a_link_into_the_corpus_is_refused(small_corpus, tmp_path, capsys):
    before = {p: p.read_bytes() for p in small_corpus.rglob("*") if p.is_file()}
    (tmp_path / "outdir").symlink_to(small_corpus / "Harbour Herald")
    (tmp_path / "file.csv").symlink_to(next((small_corpus / "Capital Ledger").iterdir()))
    for out in (tmp_path / "outdir" / "t.csv", tmp_path / "file.csv", tmp_path / "outdir" / "t"):
        assert main(["stats", str(small_corpus), "--out", str(out)]) == 2
        assert "never writes into a corpus" in capsys.readouterr().err
    assert {p: p.read_bytes() for p in small_corpus.rglob("*") if p.is_file()} == before


@pytest.mark.parametrize("command", ["summary", "report"])
def test_a_file_name_that_is_not_utf8_loads_under_an_escaped_name(tmp_path, capsys, command):
    root = tmp_path / "c"
    try:
        (root / "A").mkdir(parents=True)
        Path(os.fsdecode(bytes(root / "A") + b"/bad\xfe.txt")).write_text("Ferry news.", "utf-8")
    except (OSError, UnicodeError):  # pragma: no cover - a file system that refuses it
        pytest.skip("this file system only takes UTF-8 names")
    (root / "A" / "ok.txt").write_text("The ferry sailed at dawn.", "utf-8")
    extra = ["--out", str(tmp_path / "rep")] if command == "report" else []
    assert main([command, str(root), *extra, "--no-progress"]) == 0  # the loader keeps it
    captured = capsys.readouterr()
    assert "Traceback" not in captured.err and "\\udcfe" not in captured.out + captured.err
