"""load_corpus(engine=...): the built-in pandas engine, registered engines, entry points."""

from __future__ import annotations

import subprocess
import sys
import tomllib
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

from toolkit.corpus import (
    Corpus,
    available_engines,
    load_corpus,
    register_engine,
    unregister_engine,
)

ROOT = Path(__file__).resolve().parents[1]


def _fake_distribution(root: Path, points: dict[str, str]) -> None:
    """An installed distribution (its metadata only) offering ``points`` as engines."""
    info = root / "toolkit_engine_probe-0.0.dist-info"
    info.mkdir()
    (info / "METADATA").write_text(
        "Metadata-Version: 2.1\nName: toolkit-engine-probe\nVersion: 0.0\n", "utf-8"
    )
    lines = [f"{name} = {value}" for name, value in points.items()]
    (info / "entry_points.txt").write_text("[toolkit.engines]\n" + "\n".join(lines) + "\n")


def test_pandas_is_the_built_in_engine() -> None:
    frame = pd.DataFrame({"text": ["One."]})
    assert isinstance(load_corpus(frame, engine="pandas"), Corpus)
    assert "pandas" in available_engines()
    with pytest.raises(ValueError, match="built in"):
        register_engine("pandas", lambda source, **kwargs: None)
    with pytest.raises(TypeError, match="callable"):
        register_engine("nothing", None)  # type: ignore[arg-type]
    with pytest.raises(ValueError, match="only apply to engine='dask'"):
        load_corpus(frame, npartitions=2)  # type: ignore[call-overload]


def test_registered_engine_gets_every_argument() -> None:
    seen: dict[str, Any] = {}

    def engine(source: Any, **kwargs: Any) -> str:
        seen.update(kwargs, source=source)
        return "a corpus"

    register_engine("probe", engine)
    try:
        assert "probe" in available_engines()
        assert load_corpus("src", engine="probe", npartitions=3, outlet="X") == "a corpus"
    finally:
        unregister_engine("probe")
    assert seen == {
        "source": "src",
        "npartitions": 3,
        "partition_size": None,
        "columns": None,
        "outlet": "X",
        "errors": "collect",
        "max_file_bytes": 50_000_000,
        "zip_max_total_bytes": 500_000_000,
        "zip_max_members": 100_000,
        "recursive": True,
    }
    assert "probe" not in available_engines()
    with pytest.raises(ValueError, match=r"unknown engine 'probe'; available engines: .*pandas"):
        load_corpus("src", engine="probe")


def test_entry_point_engines_are_imported_only_when_used(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    (tmp_path / "probe_engine.py").write_text(
        "def load(source, **kwargs):\n    return ('probe', source)\n", "utf-8"
    )
    _fake_distribution(
        tmp_path, {"probe-ep": "probe_engine:load", "broken-ep": "toolkit.no_such_engine:load"}
    )
    monkeypatch.syspath_prepend(str(tmp_path))
    monkeypatch.delitem(sys.modules, "probe_engine", raising=False)
    assert {"probe-ep", "broken-ep"} <= set(available_engines())
    assert "probe_engine" not in sys.modules
    assert load_corpus("src", engine="probe-ep") == ("probe", "src")
    with pytest.raises(ImportError, match=r'pip install "toolkit\[broken-ep\]"'):
        load_corpus("src", engine="broken-ep")
    monkeypatch.delitem(sys.modules, "probe_engine")


def _run(code: str, *args: str) -> str:
    out = subprocess.run(
        [sys.executable, "-c", code, *args], capture_output=True, text=True, check=True, cwd=ROOT
    )
    return out.stdout.strip()


def test_dask_engine_comes_from_the_pyproject_entry_point(tmp_path: Path) -> None:
    pytest.importorskip("dask.dataframe")
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text("utf-8"))
    points = pyproject["project"]["entry-points"]["toolkit.engines"]
    assert points == {"dask": "toolkit.scale:load_corpus_dask"}
    _fake_distribution(tmp_path, points)  # what `pip install toolkit` writes
    folder = tmp_path / "corpus"
    folder.mkdir()
    (folder / "a.txt").write_text("One.", "utf-8")
    setup = "import sys; sys.path.insert(0, sys.argv[1]); import toolkit\n"
    load = "dc = toolkit.load_corpus(sys.argv[2], engine='dask', npartitions=1)\n"
    show = "print(type(dc).__module__, type(dc).__name__, len(dc.compute()))"
    got = _run(setup + load + show, str(tmp_path), str(folder))
    assert got.split() == ["toolkit.scale", "DaskCorpus", "1"]
    no_dask = "sys.modules['dask'] = None  # import dask fails, as when it is not installed\n"
    catch = f"try:\n    {load}except ImportError as exc:\n    print(exc)"
    message = _run(setup + no_dask + catch, str(tmp_path), str(folder))
    assert "'dask' engine" in message and 'pip install "toolkit[dask]"' in message
