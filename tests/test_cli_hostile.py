"""Every command of the CLI on a hostile corpus, each in its own process, with a timeout.

For each run: it returns within its time limit (no hang, e.g. on a FIFO named like a
table), stderr holds no ``Traceback``, the exit code is the expected one, nothing
reaching the terminal holds a raw escape sequence, and afterwards every file of the
corpus, and of the folder a corpus link points to, is byte-for-byte unchanged.
"""

from __future__ import annotations

import hashlib
import os
import stat
import subprocess
import sys
from pathlib import Path

import pandas as pd
import pytest

pytestmark = pytest.mark.slow

ROOT = Path(__file__).resolve().parents[1]
TIMEOUT = 180  # seconds per command: generous, the machine may be busy

EVIL_OUTLETS = [
    "Evil \x1b]0;PWNED\x07 News",
    "Wipe \x1b[2J Daily",
    "\u202eRTL Override\u202c",
    '=HYPERLINK("http://x","y")',
    "C1 \x9b31m Post",
]
STORY = (
    "Share this\n\nThe ferry to the island was cancelled after the storm, officials said. "
    "Repairs to the pier will take {i} weeks.\n\nThe harbour{k} master spoke.\n"
)


def _digest(root: Path) -> dict[str, str]:
    """Every entry under ``root``, links not followed; regular files by content hash."""
    out: dict[str, str] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                kind = f"link {os.readlink(path)}"
            elif stat.S_ISREG(info.st_mode):
                kind = f"file {oct(info.st_mode)} {hashlib.sha256(path.read_bytes()).hexdigest()}"
            else:  # a folder, a FIFO: never opened
                kind = f"{stat.S_IFMT(info.st_mode)} {oct(info.st_mode)}"
            out[str(path.relative_to(root))] = kind
    return out


@pytest.fixture(scope="module")
def hostile(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Path]:
    base = tmp_path_factory.mktemp("hostile")
    src = base / "corpus"
    for k, outlet in enumerate(EVIL_OUTLETS):
        folder = src / outlet
        folder.mkdir(parents=True)
        for i in range(3):
            name = f"id{k}{i}\x1b[31m.txt" if k == 0 else f"id{k}{i}.txt"
            (folder / name).write_text(STORY.format(i=i, k=k), "utf-8")
    junk = src / "Junk"
    junk.mkdir()
    (junk / "empty.txt").write_bytes(b"")
    (junk / "binary.html").write_bytes(bytes(range(256)) * 40)
    (junk / "loop.txt").symlink_to(junk / "loop.txt")
    (junk / "dangling.txt").symlink_to(base / "nowhere.txt")
    (junk / "one_long_line.txt").write_text("word " * 40_000, "utf-8")
    deep = junk
    for level in range(40):
        deep = deep / f"d{level}"
    deep.mkdir(parents=True)
    (deep / "deep.txt").write_text(STORY.format(i=9, k=9), "utf-8")
    if hasattr(os, "mkfifo"):
        os.mkfifo(junk / "pipe.csv")  # inside a folder: skipped by the loader, never opened
        os.mkfifo(base / "p.csv")  # as the corpus itself
    shared = base / "shared"  # outside the corpus, but linked from it
    (shared / "Linked Wire").mkdir(parents=True)
    (shared / "Linked Wire" / "w.txt").write_text(STORY.format(i=4, k=4), "utf-8")
    (src / "linked").symlink_to(shared)
    table = base / "table.csv"
    pd.DataFrame(
        {
            "id": ["t1", "t2", "t3", "t4"],
            "outlet": ["L" * 10_000, "L" * 10_000, "a", "A 2"],
            "text": [
                "=cmd|' /C calc'!A0 and the ferry sailed.",
                "-2+3 storms hit the coast again this week.",
                "@SUM(1) the council met on Monday.",
                "+1 the bridge reopened after repairs.",
            ],
        }
    ).to_csv(table, index=False)
    (base / "empty").mkdir()
    out = base / "out"  # an older report folder whose tables/ links into the corpus
    out.mkdir()
    (out / "tables").symlink_to(src / EVIL_OUTLETS[1])
    return {"base": base, "src": src, "shared": shared, "table": table, "out": out}


def _run(args: list[str]) -> subprocess.CompletedProcess[str]:
    env = {**os.environ, "PYTHONPATH": str(ROOT), "MPLBACKEND": "Agg"}
    env.pop("TOOLKIT_DEBUG", None)
    return subprocess.run(
        [sys.executable, "-m", "toolkit", *args],
        capture_output=True,
        text=True,
        encoding="utf-8",
        errors="surrogateescape",
        timeout=TIMEOUT,
        cwd=ROOT,
        env=env,
        check=False,
    )


def _cases(h: dict[str, Path]) -> list[tuple[list[str], int]]:
    src, base = str(h["src"]), h["base"]
    fifo = [(["summary", str(base / "p.csv")], 2)] if hasattr(os, "mkfifo") else []
    return [
        (["summary", src, "--n-boot", "50"], 0),
        (["stats", src, "--n-boot", "50"], 0),
        (["stats", src, "--level", "article", "--format", "csv"], 0),
        (["stats", src, "--n-boot", "50", "--out", str(base / "stats.csv")], 0),
        (["keyness", src, EVIL_OUTLETS[0], "--min-count", "1"], 0),
        (["keyness", src, "No such outlet"], 2),
        (["inspect", src, "id00\x1b[31m", "--colour", "always"], 0),
        (["inspect", src, "nope"], 2),
        (["report", src, "--out", str(base / "report"), "--top-terms", "5"], 0),
        (["report", src, "--out", str(h["out"]), "--force"], 2),  # tables/ -> corpus
        (["report", src, "--out", str(h["shared"] / "report")], 2),  # linked = corpus
        (["stats", src, "--out", str(h["src"] / "x.csv")], 2),
        (["summary", str(h["table"]), "--n-boot", "20"], 0),
        (["report", str(h["table"]), "--out", str(base / "report_table")], 0),
        (["summary", str(base / "empty")], 2),
        (["summary", str(ROOT / "README.md")], 2),
        (["keyness", src, EVIL_OUTLETS[0], "--top", "-5"], 2),
        (["stats", src, "--out", str(base / "x.xlsx")], 2),
        *fifo,
    ]


def test_every_command_on_a_hostile_corpus(hostile: dict[str, Path]) -> None:
    before = {name: _digest(hostile[name]) for name in ("src", "shared")}
    for args, code in _cases(hostile):
        shown = [a[:40] for a in args]
        try:
            done = _run([*args, "--no-progress"])
        except subprocess.TimeoutExpired:  # pragma: no cover - the failure being tested
            pytest.fail(f"{shown} did not return within {TIMEOUT} s")
        assert "Traceback" not in done.stderr, (shown, done.stderr[-2000:])
        assert done.returncode == code, (shown, done.stderr[-2000:])
        if code:
            assert len(done.stderr.strip().splitlines()) == 1, (shown, done.stderr)
        for stream in (done.stdout, done.stderr):
            # (--colour always adds the toolkit's own \x1b[2m, [33m, [35m, [0m only)
            for bad in ("\x1b]", "\x1b[2J", "\x1b[31m", "\x07", "\x9b", "\u202e"):
                assert bad not in stream, (shown, repr(bad))
        assert {name: _digest(hostile[name]) for name in before} == before, shown
    assert not (hostile["out"] / "index.html").exists()
    assert (hostile["base"] / "report" / "index.html").is_file()
    stats = pd.read_csv(hostile["base"] / "stats.csv")
    assert not stats["outlet"].str.startswith(("=", "+", "-", "@")).any()
