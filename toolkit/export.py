"""Save charts and tables reproducibly, safely and atomically.

Three promises hold for everything written here:

* **Reproducible**: saving the same figure or table twice gives byte-identical files
  (dates, software versions and random SVG ids are stripped or fixed), so exported
  results can be committed to git and diffed.
* **Safe**: CSV tables are escaped against spreadsheet formula injection
  (:func:`spreadsheet_safe`): a scraped headline starting with ``=`` never runs as a
  formula when a colleague opens the file in Excel or LibreOffice.
* **Atomic**: every file is written to a temporary file in the same folder and then
  moved over the target with :func:`os.replace`; an interrupted run leaves the old file
  intact, never a half-written one.

Every exported chart and table can carry a one-line method note
(:func:`method_note`: corpus, number of articles, statistic, settings).

This module does not import matplotlib (only :func:`save_figure` does, when called),
so the command line can export tables without loading it.
"""

from __future__ import annotations

import contextlib
import hashlib
import importlib.util
import io
import os
import re
import secrets
import stat
import unicodedata
from collections.abc import Iterable, Iterator
from pathlib import Path
from typing import IO, TYPE_CHECKING, Any

import pandas as pd

if TYPE_CHECKING:  # pragma: no cover
    from matplotlib.figure import Figure

__all__ = [
    "FIGURE_FORMATS",
    "MAX_FIGURE_INCHES",
    "MAX_FIGURE_PIXELS",
    "TABLE_FORMATS",
    "OutputInsideCorpusError",
    "atomic_write_bytes",
    "atomic_write_text",
    "atomic_writer",
    "bounded_layout",
    "check_outside",
    "corpus_roots",
    "file_slug",
    "method_note",
    "save_figure",
    "spreadsheet_safe",
    "write_table",
]

#: Figure formats :func:`save_figure` writes byte-reproducibly.
FIGURE_FORMATS: tuple[str, ...] = ("png", "svg", "pdf")
#: Table formats :func:`write_table` writes.
TABLE_FORMATS: tuple[str, ...] = ("csv", "parquet")

#: Leading characters that make a spreadsheet treat a cell as a formula (OWASP "CSV
#: injection": ``= + - @``, tab, carriage return), plus their full-width forms, which
#: some spreadsheet locales also accept.
FORMULA_PREFIXES: tuple[str, ...] = ("=", "+", "-", "@", "\t", "\r", "＝", "＋", "－", "＠")

#: Fixed salt for the ids matplotlib writes into SVG files (random by default).
_SVG_HASHSALT = "toolkit"

#: Per-format ``savefig(metadata=...)`` that removes dates and software versions.
_FIGURE_METADATA: dict[str, dict[str, Any]] = {
    "png": {"Software": None},
    "svg": {"Date": None, "Creator": None},
    "pdf": {"CreationDate": None, "ModDate": None, "Producer": None, "Creator": None},
}


# --------------------------------------------------------------------------- atomic files


@contextlib.contextmanager
def atomic_writer(path: str | os.PathLike[str]) -> Iterator[IO[bytes]]:
    """Open a binary file whose content replaces ``path`` only if the block succeeds.

    The data goes to a hidden temporary file in the same folder (so the final
    :func:`os.replace` is an atomic rename on the same file system), is flushed and
    synced to disk, and then replaces ``path``. If the block raises, the temporary
    file is removed and ``path`` keeps its old content (or stays absent). The new
    file gets the usual permissions of a newly created file (the umask applies).

    Parameters
    ----------
    path : str or os.PathLike
        The file to (re)write. Its folder must exist.

    Yields
    ------
    typing.IO[bytes]
        A binary file object open for writing.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> with atomic_writer(folder / "a.txt") as fh:
    ...     _ = fh.write(b"new")
    >>> (folder / "a.txt").read_bytes()
    b'new'
    >>> try:
    ...     with atomic_writer(folder / "a.txt") as fh:
    ...         _ = fh.write(b"half")
    ...         raise RuntimeError("interrupted")
    ... except RuntimeError:
    ...     pass
    >>> (folder / "a.txt").read_bytes(), sorted(p.name for p in folder.iterdir())
    (b'new', ['a.txt'])
    """
    target = Path(path)
    tmp = target.with_name(f".{target.name}.{secrets.token_hex(6)}.tmp")
    fh = open(tmp, "xb")  # closed below, before the rename
    try:
        try:
            yield fh
            fh.flush()
            os.fsync(fh.fileno())
        finally:
            fh.close()
        os.replace(tmp, target)
    except BaseException:
        with contextlib.suppress(FileNotFoundError):
            tmp.unlink()
        raise


def atomic_write_bytes(path: str | os.PathLike[str], data: bytes) -> Path:
    """Write ``data`` to ``path`` atomically (see :func:`atomic_writer`).

    Parameters
    ----------
    path : str or os.PathLike
        The file to (re)write; its folder must exist.
    data : bytes
        The complete new content.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.bin"
    >>> atomic_write_bytes(p, b"\\x00\\x01").read_bytes()
    b'\\x00\\x01'
    """
    with atomic_writer(path) as fh:
        fh.write(data)
    return Path(path)


def atomic_write_text(path: str | os.PathLike[str], text: str, *, encoding: str = "utf-8") -> Path:
    """Write ``text`` to ``path`` atomically, encoded as ``encoding``, newlines untouched.

    Parameters
    ----------
    path : str or os.PathLike
        The file to (re)write; its folder must exist.
    text : str
        The complete new content (``\\n`` stays ``\\n`` on every platform).
    encoding : str, default "utf-8"
        Text encoding.

    Returns
    -------
    pathlib.Path
        ``path``.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> p = pathlib.Path(tempfile.mkdtemp()) / "x.txt"
    >>> atomic_write_text(p, "Ёлка\\n").read_bytes()
    b'\\xd0\\x81\\xd0\\xbb\\xd0\\xba\\xd0\\xb0\\n'
    """
    return atomic_write_bytes(path, text.encode(encoding))


def _targets(
    path: str | os.PathLike[str], formats: Iterable[str], known: tuple[str, ...]
) -> list[tuple[str, Path]]:
    """Return ``(format, file)`` pairs: ``path`` with each format's suffix."""
    fmts = [str(f).lower().lstrip(".") for f in formats]
    if not fmts:
        raise ValueError("formats is empty: give at least one of " + ", ".join(known))
    unknown = [f for f in fmts if f not in known]
    if unknown:
        raise ValueError(f"unsupported format(s) {unknown}; use some of {list(known)}")
    base = Path(path)
    if base.suffix.lower().lstrip(".") in known:
        base = base.with_suffix("")
    # dict.fromkeys: drop repeated formats, keep the order
    return [(f, base.with_name(f"{base.name}.{f}")) for f in dict.fromkeys(fmts)]


# --------------------------------------------------------------------------- where outputs go


class OutputInsideCorpusError(ValueError):
    """An output path that lands inside a corpus once every symbolic link is followed."""


def corpus_roots(source: str | os.PathLike[str] | None) -> tuple[Path, ...]:
    """The resolved places a corpus is read from, which no output may land in.

    For a folder: the folder itself and the resolved target of every symbolic link
    found anywhere under it (the loader follows links, so a linked folder elsewhere is
    part of the corpus too; hidden entries and dangling links included, to be safe).
    Linked folders are searched in turn, each real folder once. For a file (a table,
    a zip, an HTML page): the file. For anything else (``None``, a path that does not
    exist, an in-memory corpus such as ``"<DataFrame>"``): no roots.

    Parameters
    ----------
    source : str, os.PathLike or None
        What was given to :func:`toolkit.load_corpus` (or a Corpus's ``source``).

    Returns
    -------
    tuple of pathlib.Path
        Absolute, resolved paths; the source itself first.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> top = pathlib.Path(tempfile.mkdtemp()).resolve()
    >>> (top / "corpus" / "A").mkdir(parents=True)
    >>> (top / "elsewhere").mkdir()
    >>> (top / "corpus" / "A" / "more").symlink_to(top / "elsewhere")
    >>> [p.relative_to(top).as_posix() for p in corpus_roots(top / "corpus")]
    ['corpus', 'elsewhere']
    >>> corpus_roots("<DataFrame>"), corpus_roots(None)
    ((), ())
    """
    if source is None:
        return ()
    path = Path(source)
    try:
        info = os.stat(path)
        root = path.resolve()
    except (OSError, RuntimeError, ValueError):  # missing, a link loop, a NUL in the name
        return ()
    if not stat.S_ISDIR(info.st_mode):
        return (root,)
    roots = [root]
    stack = [root]
    while stack:
        folder = stack.pop()
        try:
            with os.scandir(folder) as it:
                entries = list(it)
        except OSError:
            continue
        for entry in entries:
            if entry.is_symlink():
                try:
                    target = Path(entry.path).resolve()
                except (OSError, RuntimeError):  # a link loop: nothing to write into
                    continue
                if _inside(target, roots) is None:
                    roots.append(target)
                    if target.is_dir():
                        stack.append(target)
            elif entry.is_dir(follow_symlinks=False):
                stack.append(Path(entry.path))
    return tuple(roots)


def _inside(target: Path, roots: Iterable[Path]) -> Path | None:
    """The first root that ``target`` (resolved) is or lies under, else None."""
    for root in roots:
        if target == root or root in target.parents:
            return root
    return None


def check_outside(
    path: str | os.PathLike[str], roots: Iterable[Path], *, what: str = "output"
) -> Path:
    """Return ``path`` resolved, or raise when it lands inside one of ``roots``.

    Every symbolic link on the way is followed (:meth:`pathlib.Path.resolve`), so an
    output folder whose ``tables/`` is a link into the corpus is caught. A path that
    does not exist yet is resolved as far as it exists.

    Parameters
    ----------
    path : str or os.PathLike
        A file or folder about to be written (or written into).
    roots : iterable of pathlib.Path
        What :func:`corpus_roots` returned.
    what : str, default "output"
        How the message names the path (``"--out"``, ``"export folder"``).

    Returns
    -------
    pathlib.Path
        The resolved path.

    Raises
    ------
    OutputInsideCorpusError
        When the resolved path is a root or lies inside one.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> top = pathlib.Path(tempfile.mkdtemp()).resolve()
    >>> (top / "corpus").mkdir()
    >>> (top / "out").mkdir()
    >>> (top / "out" / "tables").symlink_to(top / "corpus")
    >>> roots = corpus_roots(top / "corpus")
    >>> check_outside(top / "out" / "index.html", roots) == top / "out" / "index.html"
    True
    >>> try:
    ...     check_outside(top / "out" / "tables" / "x.csv", roots)
    ... except OutputInsideCorpusError as exc:
    ...     print(str(exc).replace(str(top), "TOP").split(":")[0])
    output TOP/out/tables/x.csv (resolves to TOP/corpus/x.csv) is inside the corpus TOP/corpus
    """
    given = Path(path)
    target = given.resolve()
    root = _inside(target, roots)
    if root is not None:
        shown = f"{given} (resolves to {target})" if given.absolute() != target else str(given)
        raise OutputInsideCorpusError(
            f"{what} {shown} is inside the corpus {root}: the toolkit never writes into a "
            "corpus; choose a folder outside it"
        )
    return target


_TRANSLIT = str.maketrans(
    {
        **dict(zip("абвгдезийклмнопрстуфхцыэ", "abvgdezijklmnoprstufhcye", strict=True)),
        "ё": "e",
        "ж": "zh",
        "ч": "ch",
        "ш": "sh",
        "щ": "shch",
        "ъ": "",
        "ь": "",
        "ю": "yu",
        "я": "ya",
    }
)


def file_slug(name: str, *, max_length: int = 40) -> str:
    """A short, file-name-safe, collision-resistant stem for a name (an outlet's).

    The name is case-folded, Cyrillic transliterated, reduced to ASCII letters, digits
    and ``_``, cut to ``max_length`` characters, and followed by ``_`` and the first 8
    hex digits of the SHA-256 of the exact name. So the stem is stable (the same name
    gives the same stem in every run and corpus), bounded (at most ``max_length + 9``
    characters, whatever the name's length) and distinct for names that read alike
    (``"A 2"`` and ``"a_2"``, ``"A"`` and ``"a"``, two long names with one beginning),
    also on case-insensitive file systems. A name with no ASCII letter or digit gets
    ``outlet_`` before its hash.

    Parameters
    ----------
    name : str
        Any text, control characters and lone surrogates included.
    max_length : int, default 40
        Longest readable part, before the hash.

    Returns
    -------
    str
        ``[a-z0-9_]+``.

    Examples
    --------
    >>> file_slug("The Daily Clarion")
    'the_daily_clarion_44acdd2c'
    >>> file_slug("Вестник Севера")[:15]
    'vestnik_severa_'
    >>> file_slug("A 2") != file_slug("a_2"), file_slug("A") != file_slug("a")
    (True, True)
    >>> len(file_slug("x" * 10_000)), file_slug("???")[:7]
    (49, 'outlet_')
    """
    folded = name.casefold().translate(_TRANSLIT)
    ascii_name = unicodedata.normalize("NFKD", folded).encode("ascii", "ignore").decode()
    slug = re.sub(r"[^a-z0-9]+", "_", ascii_name).strip("_")[:max_length].rstrip("_")
    digest = hashlib.sha256(name.encode("utf-8", "surrogatepass")).hexdigest()[:8]
    return f"{slug or 'outlet'}_{digest}"


# --------------------------------------------------------------------------- method note


def method_note(
    *,
    corpus: str | None = None,
    n_articles: int | None = None,
    statistic: str | None = None,
    **settings: Any,
) -> str:
    """Build the one-line method note stamped under a chart or next to a table.

    Parameters
    ----------
    corpus : str, optional
        Name of the corpus (folder name, "demo corpus", ...).
    n_articles : int, optional
        Number of articles the result is computed from.
    statistic : str, optional
        What is shown ("repetition_rate: mean per outlet, 95% bootstrap CI").
    **settings
        Further settings, written as ``key=value`` in the given order; ``None`` values
        are left out. Newlines in any value are replaced by spaces so the note stays
        one line.

    Returns
    -------
    str
        The parts joined with ``" · "``; ``""`` when nothing was given.

    Examples
    --------
    >>> method_note(corpus="demo", n_articles=1200, statistic="repetition_rate",
    ...             text="clean", n_boot=1000, outlets=None)
    'Corpus: demo · 1,200 articles · Statistic: repetition_rate · text=clean · n_boot=1000'
    >>> method_note(n_articles=1)
    '1 article'
    >>> method_note()
    ''
    """
    parts: list[str] = []
    if corpus is not None:
        parts.append(f"Corpus: {corpus}")
    if n_articles is not None:
        parts.append(f"{n_articles:,} article{'' if n_articles == 1 else 's'}")
    if statistic is not None:
        parts.append(f"Statistic: {statistic}")
    parts.extend(f"{key}={value}" for key, value in settings.items() if value is not None)
    return " ".join(" · ".join(parts).split())


# --------------------------------------------------------------------------- figures


def save_figure(
    fig: Figure,
    path: str | os.PathLike[str],
    *,
    formats: Iterable[str] = FIGURE_FORMATS,
    dpi: int = 150,
    note: str | None = None,
) -> list[Path]:
    """Save ``fig`` in several formats, byte-reproducibly and atomically.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure (``ax.figure`` for a chart drawn by :mod:`toolkit.plots`).
    path : str or os.PathLike
        Target without or with suffix: ``charts/repetition`` and
        ``charts/repetition.png`` both write ``charts/repetition.png``,
        ``charts/repetition.svg`` and ``charts/repetition.pdf``. A suffix that is one of
        the formats is replaced; any other suffix is kept as part of the name
        (``report.v2`` -> ``report.v2.png``). The folder is created if missing.
    formats : iterable of str, default ("png", "svg", "pdf")
        Any of :data:`FIGURE_FORMATS`.
    dpi : int, default 150
        Resolution of the PNG (and of raster images embedded in SVG/PDF).
    note : str, optional
        A one-line method note (see :func:`method_note`) stamped in small grey type
        under the chart. It is added for the save only: the figure is unchanged after
        the call.

    Returns
    -------
    list of pathlib.Path
        The written files, in the order of ``formats``.

    Notes
    -----
    Reproducibility: PNG is written without the ``Software`` entry, SVG without date
    and creator and with a fixed ``svg.hashsalt`` (stable element ids), PDF without
    creation/modification dates, producer and creator. The same figure saved twice with
    the same matplotlib version gives identical bytes. ``bbox_inches="tight"`` grows
    the canvas so long outlet names and the note are never clipped, up to a limit
    (:func:`bounded_layout`): a hostile label cannot make a chart of billions of pixels.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> import matplotlib.pyplot as plt
    >>> fig, ax = plt.subplots()
    >>> _ = ax.plot([0, 1], [0, 1])
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> [p.name for p in save_figure(fig, folder / "line", note="Corpus: demo")]
    ['line.png', 'line.svg', 'line.pdf']
    >>> plt.close(fig)
    """
    targets = _targets(path, formats, FIGURE_FORMATS)
    targets[0][1].parent.mkdir(parents=True, exist_ok=True)
    rendered = _render(fig, [fmt for fmt, _ in targets], dpi=dpi, note=note)
    # everything rendered first: a failing format leaves every old file in place
    return [
        atomic_write_bytes(target, data)
        for (_, target), data in zip(targets, rendered, strict=True)
    ]


def _render(fig: Figure, formats: list[str], *, dpi: int, note: str | None) -> list[bytes]:
    """Render ``fig`` once per format with one frozen layout, leaving ``fig`` as it was.

    Layout engines such as constrained layout refine the axes positions a little at
    every draw, so two saves in a row would differ in the last digits. The layout is
    therefore computed once from the figure's current state, frozen for all formats,
    and the axes positions are restored afterwards: saving again starts from the same
    state and gives the same bytes.
    """
    import matplotlib as mpl

    saved = [
        (ax, ax.get_position(original=True), ax.get_position(), ax.get_in_layout())
        for ax in fig.axes
    ]
    engine = fig.get_layout_engine()
    if engine is not None:
        fig.draw_without_rendering()  # run the layout engine once, from the current state
    # the tight box is measured once, here, and given to every format: with
    # bbox_inches="tight" each savefig would draw the whole figure twice
    bbox = fig.get_tightbbox()
    stamp = _add_note(fig, note, bbox) if note else None
    out: list[bytes] = []
    try:
        if stamp is not None and bbox is not None:  # the note's own box joins the figure's
            from matplotlib.transforms import Bbox

            # no renderer given: the figure's own (any canvas, as get_tightbbox does)
            noted = stamp.get_window_extent().transformed(fig.dpi_scale_trans.inverted())
            bbox = Bbox.union([bbox, noted])
        elif stamp is not None:
            bbox = fig.get_tightbbox()
        bbox_inches, save_dpi = _bounds(fig, dpi=dpi, bbox=bbox)
        if engine is not None:
            fig.set_layout_engine("none")
        with mpl.rc_context({"svg.hashsalt": _SVG_HASHSALT}):
            for fmt in formats:
                buffer = io.BytesIO()
                fig.savefig(
                    buffer,
                    format=fmt,
                    dpi=save_dpi,
                    bbox_inches=bbox_inches,
                    metadata=_FIGURE_METADATA[fmt],
                )
                out.append(buffer.getvalue())
    finally:
        if stamp is not None:
            stamp.remove()
        if engine is not None:
            fig.set_layout_engine(engine)
        for ax, original, active, in_layout in saved:
            ax.set_position(original, which="original")
            ax.set_position(active, which="active")
            ax.set_in_layout(in_layout)
    return out


#: Widest or tallest canvas, in inches, that ``bbox_inches="tight"`` may grow a chart to.
MAX_FIGURE_INCHES = 60.0
#: Most pixels a saved raster chart may have (about 160 MB of RGBA while drawing), and
#: on its longer side (Agg draws at most 2**16).
MAX_FIGURE_PIXELS = 40_000_000
_MAX_SIDE_PIXELS = 30_000


def bounded_layout(fig: Figure, *, dpi: float) -> tuple[str | None, float]:
    """The ``bbox_inches`` and ``dpi`` to save ``fig`` with, within safe bounds.

    ``"tight"`` (grow the canvas to fit every label) unless that canvas would be wider
    or taller than :data:`MAX_FIGURE_INCHES`, in which case the figure keeps its own
    size and the overflowing labels are clipped (a 10,000-character label would
    otherwise give a chart 140,000 pixels wide). The resolution is then lowered if
    needed so the image has at most :data:`MAX_FIGURE_PIXELS` pixels, and at most
    30,000 on a side.

    Parameters
    ----------
    fig : matplotlib.figure.Figure
        The figure about to be saved.
    dpi : float
        The resolution asked for.

    Returns
    -------
    tuple
        ``(bbox_inches, dpi)`` for :meth:`matplotlib.figure.Figure.savefig`.

    Examples
    --------
    >>> import matplotlib
    >>> matplotlib.use("Agg")
    >>> from matplotlib.figure import Figure
    >>> fig = Figure(figsize=(4, 3))
    >>> ax = fig.add_subplot()
    >>> bounded_layout(fig, dpi=150)
    ('tight', 150)
    >>> _ = ax.set_ylabel("x" * 10_000)
    >>> bounded_layout(fig, dpi=150)
    (None, 150)
    """
    box, dpi = _bounds(fig, dpi=dpi)
    return ("tight" if box is not None else None), dpi


def _bounds(fig: Figure, *, dpi: float, bbox: Any = None) -> tuple[Any, float]:
    """:func:`bounded_layout` with the tight box itself (padded like ``savefig`` pads it)
    instead of ``"tight"``, so that several formats are saved from one measurement
    (``bbox``: the tight box in inches, when already measured)."""
    import matplotlib as mpl

    width, height = fig.get_size_inches()
    if bbox is None:
        bbox = fig.get_tightbbox()
    box = None
    if bbox is not None and max(bbox.width, bbox.height) <= MAX_FIGURE_INCHES:
        pad = mpl.rcParams["savefig.pad_inches"]
        box = bbox.padded(pad if isinstance(pad, int | float) else 0.1)
        width, height = max(bbox.width, 0.01), max(bbox.height, 0.01)
    if width * height * dpi * dpi > MAX_FIGURE_PIXELS:
        dpi = (MAX_FIGURE_PIXELS / (width * height)) ** 0.5
    if max(width, height) * dpi > _MAX_SIDE_PIXELS:
        dpi = _MAX_SIDE_PIXELS / max(width, height)
    return box, dpi


def _add_note(fig: Figure, note: str, bbox: Any = None) -> Any:
    """Put ``note`` just below everything already drawn on ``fig``; return the Text.

    ``bbox``: the figure's tight box (inches), when already measured.
    """
    if bbox is None:
        bbox = fig.get_tightbbox()  # inches, includes tick labels below the axes
    width, height = fig.get_size_inches()
    x = (bbox.x0 / width) if bbox is not None else 0.0
    y = ((bbox.y0 - 0.08) / height) if bbox is not None else 0.0
    return fig.text(
        x,
        y,
        " ".join(note.split()),
        ha="left",
        va="top",
        fontsize=8,
        color="0.4",
        parse_math=False,
    )


# --------------------------------------------------------------------------- tables


#: A plain decimal number (``-0.5``, ``+3``, ``-1e-9``): a spreadsheet reads it as that
#: number, never as a formula, so such a text cell is left as it is.
_PLAIN_NUMBER = r"[+-]?(?:[0-9]+(?:\.[0-9]*)?|\.[0-9]+)(?:[eE][+-]?[0-9]+)?"
_PLAIN_NUMBER_RE = re.compile(_PLAIN_NUMBER)


def _escape_formula(value: Any) -> Any:
    if (
        isinstance(value, str)
        and value.startswith(FORMULA_PREFIXES)
        and not _PLAIN_NUMBER_RE.fullmatch(value)
    ):
        return "'" + value
    return value


def _escape_labels(labels: pd.Index) -> pd.Index:
    if pd.api.types.is_object_dtype(labels.dtype) or pd.api.types.is_string_dtype(labels.dtype):
        return labels.map(_escape_formula)
    return labels


def _escape_objects(col: pd.Series) -> pd.Series:
    # a list, not Series.map: map re-infers the dtype, turning [2**53 + 1, None] into floats
    values = [_escape_formula(v) for v in col.tolist()]
    return pd.Series(values, index=col.index, dtype=object, name=col.name)


def _escape_column(col: pd.Series) -> pd.Series | None:
    """Return ``col`` with formula-like strings escaped, or None when nothing changes."""
    dtype = col.dtype
    if isinstance(dtype, pd.CategoricalDtype):
        cats = dtype.categories
        if not pd.api.types.is_string_dtype(cats.dtype):
            return None
        new_cats = cats.map(_escape_formula)
        if new_cats.is_unique:
            return col.cat.rename_categories(list(new_cats))
        # "'=x" already present next to "=x": fall back to plain strings
        return _escape_objects(col)
    if pd.api.types.is_object_dtype(dtype):
        return _escape_objects(col)
    if pd.api.types.is_string_dtype(dtype):
        formula = col.str.startswith(FORMULA_PREFIXES) & ~col.str.fullmatch(_PLAIN_NUMBER)
        mask = formula.fillna(False).astype(bool)
        return col.mask(mask, "'" + col) if mask.any() else None
    return None


def spreadsheet_safe(df: pd.DataFrame) -> pd.DataFrame:
    """Return a copy of ``df`` in which no text cell can run as a spreadsheet formula.

    A string cell that starts with ``=``, ``+``, ``-``, ``@``, a tab or a carriage
    return (OWASP "CSV injection"; also the full-width ``＝＋－＠``) gets a leading
    ``'``, which spreadsheets show as text. Only strings are touched: numbers
    (negative numbers included), booleans, dates and missing values keep their value
    and dtype. A string that is a plain decimal number (``"-0.5"``, ``"+3"``,
    ``"-1e-9"``: ASCII digits, one optional sign, point and exponent) is left as it is
    too: a spreadsheet reads it as that number, which cannot run anything. String
    column labels (and a string index) are escaped the same way, because wide tables
    use outlet names or terms as labels. The input is not modified.

    Parameters
    ----------
    df : pandas.DataFrame
        Any table.

    Returns
    -------
    pandas.DataFrame
        A new frame with the same shape, columns and dtypes.

    Examples
    --------
    >>> import pandas as pd
    >>> df = pd.DataFrame({"term": ["=cmd|' /C calc'!A0", "+1+1", "-2+3", "@SUM(1)", "-0.5"],
    ...                    "n": [-1, 2, -3, 4, 5]})
    >>> safe = spreadsheet_safe(df)
    >>> safe["term"].tolist()
    ["'=cmd|' /C calc'!A0", "'+1+1", "'-2+3", "'@SUM(1)", '-0.5']
    >>> safe["n"].tolist(), df["term"][0]
    ([-1, 2, -3, 4, 5], "=cmd|' /C calc'!A0")
    """
    out = df.copy()
    for i in range(out.shape[1]):
        escaped = _escape_column(out.iloc[:, i])
        if escaped is not None:
            out.isetitem(i, escaped.array)
    out.columns = _escape_labels(out.columns)
    out.index = _escape_labels(out.index)
    return out


def _has_pyarrow() -> bool:
    return importlib.util.find_spec("pyarrow") is not None


def write_table(
    df: pd.DataFrame,
    path: str | os.PathLike[str],
    *,
    formats: Iterable[str] = ("csv",),
    note: str | None = None,
    encoding: str = "utf-8",
) -> list[Path]:
    """Write a table as CSV and/or Parquet, atomically and reproducibly.

    Parameters
    ----------
    df : pandas.DataFrame
        The table. Its index is not written (``reset_index()`` first to keep it).
    path : str or os.PathLike
        Target without or with suffix (``tables/outlets`` or ``tables/outlets.csv``),
        handled like :func:`save_figure`. The folder is created if missing.
    formats : iterable of str, default ("csv",)
        Any of :data:`TABLE_FORMATS`. ``"parquet"`` needs pyarrow (a dependency of
        the toolkit); without it a :class:`ImportError` is raised.
    note : str, optional
        Method note (:func:`method_note`). The CSV stays a clean table (no comment
        line that would confuse readers), so the note goes to a sidecar text file
        ``<name>.note.txt`` next to it, and into the Parquet file's key-value metadata
        under ``toolkit.note``.
    encoding : str, default "utf-8"
        CSV encoding; ``"utf-8-sig"`` adds the byte-order mark old Excel versions need
        to recognise UTF-8 (Cyrillic text otherwise shows as mojibake there).

    Returns
    -------
    list of pathlib.Path
        The written files: one per format, in order, then the note file if any.

    Notes
    -----
    CSV cells are escaped with :func:`spreadsheet_safe`, because spreadsheets open CSV
    and evaluate formulas. Parquet keeps the raw, typed values: it is a file for
    pandas/Arrow/DuckDB, which never evaluate cell content, and escaping there would
    change the data (a line starting with ``-`` would no longer match its source).
    Newlines are ``\\n``; floats are written with full precision, so reading the CSV
    back gives the same numbers.

    Examples
    --------
    >>> import tempfile, pathlib
    >>> import pandas as pd
    >>> folder = pathlib.Path(tempfile.mkdtemp())
    >>> df = pd.DataFrame({"outlet": ["A", "=B"], "n": [1, -2]})
    >>> paths = write_table(df, folder / "t", formats=("csv", "parquet"), note="Corpus: demo")
    >>> [p.name for p in paths]
    ['t.csv', 't.parquet', 't.note.txt']
    >>> print(paths[0].read_text(encoding="utf-8"), end="")
    outlet,n
    A,1
    '=B,-2
    >>> pd.read_parquet(paths[1])["outlet"].tolist()
    ['A', '=B']
    """
    targets = _targets(path, formats, TABLE_FORMATS)
    if any(fmt == "parquet" for fmt, _ in targets) and not _has_pyarrow():
        raise ImportError("writing Parquet needs pyarrow: pip install pyarrow")
    targets[0][1].parent.mkdir(parents=True, exist_ok=True)
    written: list[Path] = []
    for fmt, target in targets:
        if fmt == "csv":
            text = spreadsheet_safe(df).to_csv(index=False, lineterminator="\n")
            written.append(atomic_write_text(target, text, encoding=encoding))
        else:
            written.append(atomic_write_bytes(target, _parquet_bytes(df, note)))
    if note:
        base = targets[0][1].with_suffix("")
        note_path = base.with_name(f"{base.name}.note.txt")
        written.append(atomic_write_text(note_path, " ".join(note.split()) + "\n"))
    return written


def _parquet_bytes(df: pd.DataFrame, note: str | None) -> bytes:
    import pyarrow as pa
    import pyarrow.parquet as pq

    table = pa.Table.from_pandas(df, preserve_index=False)
    if note:
        meta = dict(table.schema.metadata or {})
        meta[b"toolkit.note"] = " ".join(note.split()).encode("utf-8")
        table = table.replace_schema_metadata(meta)
    sink = io.BytesIO()
    pq.write_table(table, sink)
    return sink.getvalue()
