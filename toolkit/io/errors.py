"""What a load problem is: :class:`Problem` raised by the adapters, :class:`LoadError`.

Examples
--------
>>> sink = ErrorSink("collect")
>>> sink("a.txt", "empty", "the file is empty (0 bytes)")
>>> sink.frame().values.tolist()
[['a.txt', 'empty', 'the file is empty (0 bytes)']]
>>> ErrorSink("raise")("a.txt", "empty", "the file is empty (0 bytes)")
Traceback (most recent call last):
...
toolkit.io.errors.LoadError: empty: a.txt: the file is empty (0 bytes)
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Literal

import pandas as pd

from toolkit.schema import ERROR_COLUMNS, empty_errors

__all__ = ["EmptyCorpusWarning", "ErrorSink", "LoadError", "Problem", "Report"]

#: ``report(source_path, error, message)``: how adapters hand over a problem and go on.
Report = Callable[[str, str, str], None]


class EmptyCorpusWarning(UserWarning):
    """A load found no article at all (the errors and skipped tables say why)."""


class LoadError(Exception):
    """A problem met while loading with ``errors="raise"``.

    Attributes
    ----------
    source_path : str
        The file (or ``archive.zip!member``) the problem is about.
    error : str
        Short kind, the same as in :attr:`Corpus.errors` (``"empty"``, ``"binary"``...).
    message : str
        Human-readable explanation.
    """

    def __init__(self, source_path: str, error: str, message: str) -> None:
        super().__init__(f"{error}: {source_path}: {message}")
        self.source_path = source_path
        self.error = error
        self.message = message


class Problem(Exception):
    """One bad file or row (``error`` kind and ``message``), raised by an adapter.

    The loader turns it into an errors row (or a :class:`LoadError`) and goes on.
    """

    def __init__(self, error: str, message: str) -> None:
        super().__init__(message)
        self.error = error
        self.message = message


class ErrorSink:
    """A :data:`Report` that collects errors rows (``"collect"``) or raises (``"raise"``)."""

    def __init__(self, mode: Literal["collect", "raise"]) -> None:
        self.mode = mode
        self.rows: list[dict[str, str]] = []

    def __call__(self, source_path: str, error: str, message: str) -> None:
        if self.mode == "raise":
            raise LoadError(source_path, error, message)
        self.rows.append({"source_path": source_path, "error": error, "message": message})

    def frame(self) -> pd.DataFrame:
        """The errors table: ``source_path, error, message``, one row per problem."""
        if not self.rows:
            return empty_errors()
        return pd.DataFrame(self.rows, columns=list(ERROR_COLUMNS), dtype=object)
