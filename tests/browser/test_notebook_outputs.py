"""Every notebook, run as a reader runs it: no output cell holds a Python warning.

nbmake runs the notebooks too, but only fails on an error; a warning printed under a
chart (matplotlib's layout warnings, pandas' deprecations) passes it. Here each notebook
is executed with nbclient (:func:`nbrun.run_notebook`) and its outputs are read the way a
reader would: stderr streams and displayed warnings. It lives with the browser tests,
the slow "as a user would" checks.
"""

from __future__ import annotations

import re
from pathlib import Path

import pytest
from nbrun import run_notebook

ROOT = Path(__file__).resolve().parents[2]
NOTEBOOKS = sorted((ROOT / "notebooks").glob("*.ipynb")) + sorted(
    (ROOT / "notebooks" / "exercises").glob("*.ipynb")
)
WARNING = re.compile(r"\b\w*Warning\b")

#: Notebooks known to warn, each with its reason (strict: the fix must remove it).
KNOWN: dict[str, str] = {}


def _warnings(nb) -> list[str]:
    found = []
    for i, cell in enumerate(nb.cells):
        for out in cell.get("outputs", []):
            if out.get("output_type") == "stream" and out.get("name") == "stderr":
                text = out.get("text", "")
            elif out.get("output_type") in ("display_data", "execute_result"):
                text = out.get("data", {}).get("text/plain", "")
                text = text if "warnings.warn" in text or "Warning:" in text else ""
            else:
                continue
            if WARNING.search(text):
                found.append(f"cell {i}: {text.strip()[:300]}")
    return found


@pytest.mark.parametrize(
    "path",
    [
        pytest.param(p, marks=pytest.mark.xfail(strict=True, reason=KNOWN[p.name]))
        if p.name in KNOWN
        else p
        for p in NOTEBOOKS
    ],
    ids=lambda p: p.name,
)
def test_no_output_cell_holds_a_python_warning(path: Path, tmp_path: Path) -> None:
    nb = run_notebook(path, parameters={"OUT_DIR": str(tmp_path / "out")})
    assert not _warnings(nb)
