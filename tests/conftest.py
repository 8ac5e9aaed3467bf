"""Shared test set-up: headless matplotlib, notebook output folders outside the repo."""

from __future__ import annotations

import os
import tempfile
from pathlib import Path

import matplotlib
import pytest

matplotlib.use("Agg")
# Kernels started by nbmake inherit this process's environment: never force Agg there
# (it strips image/png from notebook outputs), and keep notebook files out of the repo.
os.environ.pop("MPLBACKEND", None)
os.environ.setdefault("TOOLKIT_OUT", tempfile.mkdtemp(prefix="toolkit-nb-"))

ROOT = Path(__file__).resolve().parents[1]
DEMO_CORPUS = ROOT / "corpus"


@pytest.fixture(autouse=True)
def _close_figures():
    yield
    import matplotlib.pyplot as plt

    plt.close("all")
