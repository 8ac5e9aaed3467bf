"""pytest set-up for the notebooks that nbmake runs (also when ``pytest notebooks`` alone).

Kernels inherit this process's environment: never force the Agg backend there (it strips
``image/png`` from notebook outputs), and send the files the notebooks write to a
temporary folder, never into the repository.
"""

from __future__ import annotations

import os
import tempfile

os.environ.pop("MPLBACKEND", None)
os.environ.setdefault("TOOLKIT_OUT", tempfile.mkdtemp(prefix="toolkit-nb-"))
