"""Folders of files: which files are articles, tables or manifests, and reading them.

Examples
--------
>>> suffix_of("World/a1.TXT"), stem_of("World/a1.TXT"), join_rel(PurePosixPath("a"), "../b.txt")
('.txt', 'a1', 'b.txt')
>>> article_ids(["a/x.txt", "b/x.txt", "y.txt"])
['x', 'x@b', 'y']
"""

from __future__ import annotations

import errno
import os
import posixpath
import stat
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path, PurePosixPath

from toolkit.io.errors import Problem, Report

__all__ = [
    "ARTICLE_SUFFIXES",
    "MANIFEST_NAMES",
    "TABLE_SUFFIXES",
    "FileEntry",
    "SortedEntries",
    "article_ids",
    "file_kind",
    "join_rel",
    "printable_name",
    "read_file",
    "sort_entries",
    "stem_of",
    "suffix_of",
    "walk_folder",
]

#: File suffixes read as one article each inside a folder or zip.
ARTICLE_SUFFIXES: frozenset[str] = frozenset({".txt", ".html", ".htm"})
#: File suffixes read as tables (one article per row).
TABLE_SUFFIXES: frozenset[str] = frozenset(
    {".csv", ".tsv", ".tab", ".jsonl", ".ndjson", ".json", ".parquet", ".pq"}
)
#: File names (lower case) read as a manifest of a folder.
MANIFEST_NAMES: frozenset[str] = frozenset({"manifest.csv", "manifest.jsonl", "manifest.tsv"})
#: Name prefixes (lower case) of files in a folder that are never articles.
_SKIP_PREFIXES: tuple[str, ...] = (
    "readme",
    "license",
    "licence",
    "changelog",
    "labels",
    "manifest",
)


@dataclass(slots=True)
class FileEntry:
    """A file of a folder or zip: its path relative to the root and how to read it.

    ``read(limit)`` returns the bytes, or raises :class:`~toolkit.io.errors.Problem`
    (``too_large`` over ``limit`` bytes, ``unreadable``...).
    """

    rel: str
    source_path: str
    read: Callable[[int | None], bytes]


def _is_skipped_name(name: str) -> bool:
    low = name.lower()
    return low.startswith(".") or low.startswith(_SKIP_PREFIXES)


@dataclass(slots=True)
class SortedEntries:
    """The files of a folder or zip by role (:func:`sort_entries`)."""

    articles: list[FileEntry]
    manifests: list[FileEntry]
    tables: list[FileEntry]
    #: zips inside the folder: never opened (load one on its own)
    archives: list[FileEntry]
    #: every other file: not data this loader reads (README*, images, PDFs...)
    other: list[FileEntry]


def sort_entries(entries: list[FileEntry]) -> SortedEntries:
    """Sort the files of a folder into articles, manifests, tables, zips and the rest.

    README*, LICENSE*, CHANGELOG*, labels* and hidden files are none of the first four.

    Examples
    --------
    >>> entries = [FileEntry(n, n, lambda limit: b"") for n in
    ...            ("a.txt", "manifest.csv", "t.csv", "z.zip", "README.md", "p.pdf")]
    >>> found = sort_entries(entries)
    >>> [[e.rel for e in group] for group in (found.articles, found.manifests, found.tables,
    ...                                       found.archives, found.other)]
    [['a.txt'], ['manifest.csv'], ['t.csv'], ['z.zip'], ['README.md', 'p.pdf']]
    """
    out = SortedEntries([], [], [], [], [])
    for entry in entries:
        name = posixpath.basename(entry.rel)
        suffix = suffix_of(name)
        if name.lower() in MANIFEST_NAMES:
            out.manifests.append(entry)
        elif _is_skipped_name(name):
            out.other.append(entry)
        elif suffix in ARTICLE_SUFFIXES:
            out.articles.append(entry)
        elif suffix in TABLE_SUFFIXES:
            out.tables.append(entry)
        elif suffix == ".zip":
            out.archives.append(entry)
        else:
            out.other.append(entry)
    return out


def article_ids(rels: list[str]) -> list[str]:
    """The ``article_id`` of each file: its stem, ``stem@folder`` for a repeated stem."""
    shared = {k for k, n in Counter(stem_of(r) for r in rels).items() if n > 1}
    seen: Counter[str] = Counter()
    out = []
    for rel in rels:
        stem = stem_of(rel)
        if stem in shared:
            seen[stem] += 1
            if seen[stem] > 1:
                out.append(f"{stem}@{posixpath.dirname(rel) or '.'}")
                continue
        out.append(stem)
    return out


def suffix_of(name: str) -> str:
    """Lower-case suffix of the last path component (``"a/b.TXT"`` -> ``".txt"``)."""
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return base[dot:].lower() if dot > 0 else ""


def stem_of(name: str) -> str:
    base = name.rpartition("/")[2]
    dot = base.rfind(".")
    return base[:dot] if dot > 0 else base


def join_rel(base: PurePosixPath, name: str) -> str:
    parts: list[str] = [p for p in base.parts if p != "."]
    for part in PurePosixPath(name).parts:
        if part in {".", "/"}:
            continue
        if part == "..":
            if parts:
                parts.pop()
        else:
            parts.append(part)
    return "/".join(parts)


def read_file(path: Path, limit: int | None) -> bytes:
    """The bytes of a file, at most ``limit`` of them (``None``: no limit).

    Raises
    ------
    toolkit.io.errors.Problem
        ``too_large`` (more than ``limit`` bytes), ``unreadable``, ``symlink_loop`` or
        ``special_file`` (a FIFO, socket or device: not opened).
    """
    try:
        kind = file_kind(os.stat(path).st_mode)
        if kind is not None:  # a FIFO would block, a device never end: never opened
            raise Problem("special_file", f"{kind}; not opened")
        with open(path, "rb") as fh:
            if limit is None:
                return fh.read()
            size = os.fstat(fh.fileno()).st_size
            # read what the file holds: fh.read(limit + 1) reserves limit + 1 bytes
            data = fh.read(size + 1) if 0 < size <= limit else b""
            if size <= limit and not 0 < len(data) <= size:  # no size (/proc), or grown
                data += fh.read(limit + 1 - len(data))
            if size > limit or len(data) > limit:
                size = os.fstat(fh.fileno()).st_size
                raise Problem(
                    "too_large", f"{size:,} bytes is over max_file_bytes={limit:,}; skipped"
                )
    except PermissionError:
        raise Problem("unreadable", "permission denied") from None
    except IsADirectoryError:
        raise Problem("unreadable", "is a directory") from None
    except OSError as exc:
        kind = "symlink_loop" if exc.errno == errno.ELOOP else "unreadable"
        raise Problem(kind, f"cannot read: {exc.strerror or exc}") from None
    return data


def file_kind(mode: int) -> str | None:
    """What a non-regular, non-folder file is (``"a FIFO (named pipe)"``...), else None.

    Examples
    --------
    >>> import stat
    >>> file_kind(stat.S_IFIFO), file_kind(stat.S_IFREG) is None
    ('a FIFO (named pipe)', True)
    """
    if stat.S_ISREG(mode) or stat.S_ISDIR(mode):
        return None
    if stat.S_ISFIFO(mode):
        return "a FIFO (named pipe)"
    if stat.S_ISSOCK(mode):
        return "a socket"
    if stat.S_ISCHR(mode):
        return "a character device"
    if stat.S_ISBLK(mode):
        return "a block device"
    return "not a regular file"


def printable_name(name: str) -> str:
    r"""A file name that any text column can hold: bytes that are not UTF-8 (which
    ``os`` hands over as lone surrogates) are written as ``\xff``.

    Examples
    --------
    >>> printable_name("caf\udce9.txt"), printable_name("ok.txt")
    ('caf\\xe9.txt', 'ok.txt')
    """
    try:
        name.encode("utf-8")
    except UnicodeEncodeError:
        return os.fsencode(name).decode("utf-8", "backslashreplace")
    return name


def _inside(path: str, root: str) -> bool:
    try:
        return os.path.commonpath([path, root]) == root
    except ValueError:  # different drives
        return False


def walk_folder(
    root: Path,
    display: str,
    *,
    recursive: bool,
    report: Report,
    follow_links: bool = False,
) -> list[tuple[str, str, str]]:
    """List the files under ``root``: (relative posix path, display path, path).

    Paths are strings (a :class:`~pathlib.Path` per file of a big folder costs several
    times more memory).

    Symbolic links are followed inside ``root``, never into a folder already visited (a
    loop or a second link to the same folder: ``symlink_loop``). A link that leads out
    of ``root`` is reported (``outside_link``) and not followed unless
    ``follow_links``. FIFOs, sockets and devices are reported (``special_file``) and
    never opened. A name that is not UTF-8 is kept with its bytes escaped
    (:func:`printable_name`) and reported (``bad_name``). Hidden files and folders
    (``.name``) are skipped. Sorted by relative path.
    """
    out: list[tuple[str, str, str]] = []
    st = os.stat(root)
    visited = {(st.st_dev, st.st_ino): ""}
    root_real = os.path.realpath(root)
    stack: list[tuple[Path, str]] = [(root, "")]
    while stack:
        folder, rel = stack.pop()
        try:
            with os.scandir(folder) as it:
                items = sorted(it, key=lambda e: e.name)
        except OSError as exc:
            report(_display(display, rel), "unreadable", f"cannot list folder: {exc.strerror}")
            continue
        subdirs: list[tuple[Path, str]] = []
        for item in items:
            if item.name.startswith("."):
                continue
            name = printable_name(item.name)
            child_rel = f"{rel}/{name}" if rel else name
            shown = _display(display, child_rel)
            if name != item.name:
                report(
                    shown,
                    "bad_name",
                    "the file name is not valid UTF-8; its bytes are written as \\xNN in "
                    "article_id and source_path",
                )
            if not follow_links and item.is_symlink():
                target = os.path.realpath(item.path)
                if not _inside(target, root_real):
                    report(
                        shown,
                        "outside_link",
                        f"a symbolic link out of the corpus folder (to {printable_name(target)}); "
                        "not followed (load_corpus(..., follow_links=True) reads it)",
                    )
                    continue
            try:
                info = os.stat(item.path)  # follows symlinks
            except OSError as exc:
                if exc.errno == errno.ELOOP:
                    report(shown, "symlink_loop", "a symbolic link that points to itself")
                elif item.is_symlink():
                    report(shown, "unreadable", "a broken symbolic link")
                else:
                    report(shown, "unreadable", f"cannot stat: {exc.strerror}")
                continue
            if stat.S_ISDIR(info.st_mode):
                if not recursive:
                    continue
                key = (info.st_dev, info.st_ino)
                if key in visited:
                    report(
                        shown,
                        "symlink_loop",
                        f"links to a folder already read ({visited[key] or 'the root'}); "
                        "not read twice",
                    )
                    continue
                visited[key] = child_rel
                subdirs.append((Path(item.path), child_rel))
            elif stat.S_ISREG(info.st_mode):
                out.append((child_rel, shown, item.path))
            else:
                report(shown, "special_file", f"{file_kind(info.st_mode)}; not opened")
        stack.extend(reversed(subdirs))
    out.sort(key=lambda t: t[0])
    return out


def _display(display: str, rel: str) -> str:
    if not rel:
        return display
    return f"{display.rstrip('/')}/{rel}" if display else rel
