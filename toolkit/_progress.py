"""Progress bars for long work: shown in terminals and notebooks, never in logs or CI.

A bar is shown when the caller asks for it (``progress=True``), or when the caller
leaves the choice to the toolkit (``progress=None``), the work is long, and someone is
watching: stderr is a terminal, or the code runs in a Jupyter kernel (where
``tqdm.auto`` draws a notebook widget; ipykernel's stderr is not a terminal).

An app that shows progress itself (a widget's own progress bar) wraps the work in
:func:`report_progress`: every :func:`progress` loop inside then also tells its callback
how far it got, whether or not a bar is drawn.
"""

from __future__ import annotations

import contextlib
import contextvars
import os
import sys
from collections.abc import Callable, Iterable, Iterator
from typing import Any, TypeVar

_T = TypeVar("_T")

#: ``callback(description, done, total)``: ``done`` items of ``total`` (None if unknown).
ProgressCallback = Callable[[str, int, "int | None"], None]

_REPORTER: contextvars.ContextVar[ProgressCallback | None] = contextvars.ContextVar(
    "toolkit_progress_reporter", default=None
)


@contextlib.contextmanager
def report_progress(callback: ProgressCallback) -> Iterator[None]:
    """Send the progress of every :func:`progress` loop run inside to ``callback``.

    ``callback(description, done, total)`` is called before the first item (``done=0``)
    and after each item; ``description`` is the loop's ``desc`` (``""`` without one).

    Examples
    --------
    >>> seen = []
    >>> with report_progress(lambda desc, done, total: seen.append((desc, done, total))):
    ...     list(progress("ab", show=False, total=2, desc="letters"))
    ['a', 'b']
    >>> seen
    [('letters', 0, 2), ('letters', 1, 2), ('letters', 2, 2)]
    """
    token = _REPORTER.set(callback)
    try:
        yield
    finally:
        _REPORTER.reset(token)


def _reported(
    items: Iterable[_T], callback: ProgressCallback, total: int | None, desc: str
) -> Iterator[_T]:
    callback(desc, 0, total)
    for done, item in enumerate(items, start=1):
        yield item
        callback(desc, done, total)


def in_jupyter_kernel() -> bool:
    """Whether this code runs in a Jupyter kernel (checked without importing IPython).

    Examples
    --------
    >>> in_jupyter_kernel() in (True, False)
    True
    """
    ipython = sys.modules.get("IPython")
    if ipython is None:
        return False
    try:
        shell = ipython.get_ipython()
    except Exception:  # an IPython too old or too broken to ask: no bar
        return False
    return shell is not None and getattr(shell, "kernel", None) is not None


def want_progress(show: bool | None, long: bool) -> bool:
    """Whether to draw a bar: ``show`` if given, else for long work someone watches.

    Nobody watches when the ``CI`` environment variable is set or stderr is neither a
    terminal nor a notebook's.

    Examples
    --------
    >>> want_progress(True, long=False), want_progress(False, long=True)
    (True, False)
    >>> want_progress(None, long=False)
    False
    """
    if show is not None:
        return bool(show)
    if not long or os.environ.get("CI"):
        return False
    isatty = getattr(sys.stderr, "isatty", None)
    try:
        tty = bool(isatty and isatty())
    except ValueError:  # a closed stream
        tty = False
    return tty or in_jupyter_kernel()


def progress(
    items: Iterable[_T], *, show: bool, total: int | None = None, **tqdm_kwargs: Any
) -> Iterator[_T]:
    """``items``, through a ``tqdm.auto`` bar on stderr when ``show``.

    Examples
    --------
    >>> list(progress([1, 2], show=False))
    [1, 2]
    """
    callback = _REPORTER.get()
    if callback is not None:
        items = _reported(items, callback, total, str(tqdm_kwargs.get("desc", "")))
    if not show:
        yield from items
        return
    from tqdm.auto import tqdm

    yield from tqdm(items, total=total, file=sys.stderr, **tqdm_kwargs)
