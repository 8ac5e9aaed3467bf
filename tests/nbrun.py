"""Run a notebook in a real kernel from a test, with parameters and extra cells.

nbmake already executes every notebook under ``notebooks/`` with the environment's
defaults. This helper is for the tests that need more: another corpus (parameters
injected after the cell tagged ``parameters``, as papermill does) or assertions run
*inside* the kernel (``extra_cells`` appended at the end).
"""

from __future__ import annotations

import os
from collections.abc import Iterable, Mapping
from pathlib import Path
from typing import Any

import nbformat
from nbclient import NotebookClient

__all__ = ["cell_text", "run_notebook"]


def run_notebook(
    path: str | os.PathLike[str],
    *,
    parameters: Mapping[str, Any] | None = None,
    extra_cells: Iterable[str] = (),
    timeout: int = 120,
    cwd: str | os.PathLike[str] | None = None,
) -> Any:
    """Execute a notebook and return it with its outputs.

    Parameters
    ----------
    path : str or os.PathLike
        The ``.ipynb`` file (read, never written).
    parameters : mapping, optional
        Values assigned in a cell inserted right after the cell tagged ``parameters``
        (each value written with ``repr``).
    extra_cells : iterable of str
        Code cells appended at the end (in-kernel assertions).
    timeout : int, default 120
        Seconds allowed per cell.
    cwd : str or os.PathLike, optional
        Working folder of the kernel; the notebook's folder by default.

    Returns
    -------
    nbformat.NotebookNode
        The executed notebook (outputs filled in, widget state stored in its metadata).

    Raises
    ------
    nbclient.exceptions.CellExecutionError
        When a cell raises.
    """
    path = Path(path)
    nb = nbformat.read(path, as_version=4)
    if parameters:
        src = "\n".join(f"{k} = {v!r}" for k, v in parameters.items())
        cell = nbformat.v4.new_code_cell(src, metadata={"tags": ["injected-parameters"]})
        idx = next(
            (i + 1 for i, c in enumerate(nb.cells) if "parameters" in c.metadata.get("tags", [])),
            0,
        )
        nb.cells.insert(idx, cell)
    for src in extra_cells:
        nb.cells.append(nbformat.v4.new_code_cell(src))
    env_backend = os.environ.pop("MPLBACKEND", None)  # keep image/png in the kernel's outputs
    try:
        NotebookClient(
            nb,
            timeout=timeout,
            kernel_name="python3",
            resources={"metadata": {"path": str(cwd or path.parent)}},
            store_widget_state=True,
        ).execute()
    finally:
        if env_backend is not None:
            os.environ["MPLBACKEND"] = env_backend
    return nb


def cell_text(cell: Any) -> str:
    """Concatenate the text a code cell printed (stream outputs and text/plain results).

    Parameters
    ----------
    cell : nbformat.NotebookNode
        An executed code cell.

    Returns
    -------
    str
        Everything the cell wrote to stdout/stderr plus its ``text/plain`` results.
    """
    parts: list[str] = []
    for out in cell.get("outputs", []):
        if out.get("output_type") == "stream":
            parts.append(str(out.get("text", "")))
        elif "data" in out:
            parts.append(str(out["data"].get("text/plain", "")))
    return "".join(parts)
