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
    "article_ids",
    "join_rel",
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


def sort_entries(
    entries: list[FileEntry],
) -> tuple[list[FileEntry], list[FileEntry], list[FileEntry]]:
    """Sort the files of a folder into ``(articles, manifests, tables)``; drop the rest.

    README*, LICENSE*, CHANGELOG*, labels* and hidden files are neither.
    """
    articles: list[FileEntry] = []
    manifests: list[FileEntry] = []
    tables: list[FileEntry] = []
    for entry in entries:
        name = posixpath.basename(entry.rel)
        suffix = suffix_of(name)
        if name.lower() in MANIFEST_NAMES:
            manifests.append(entry)
        elif _is_skipped_name(name):
            continue
        elif suffix in ARTICLE_SUFFIXES:
            articles.append(entry)
        elif suffix in TABLE_SUFFIXES:
            tables.append(entry)
    return articles, manifests, tables


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
        ``too_large`` (more than ``limit`` bytes), ``unreadable`` or ``symlink_loop``.
    """
    try:
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


def walk_folder(
    root: Path, display: str, *, recursive: bool, report: Report
) -> list[tuple[str, str, str]]:
    """List the files under ``root``: (relative posix path, display path, path).

    Paths are strings (a :class:`~pathlib.Path` per file of a big folder costs several
    times more memory).

    Symbolic links are followed, but never into a folder already visited (a loop or a
    second link to the same folder: reported as ``symlink_loop``). Hidden files and
    folders (``.name``) are skipped. Sorted by relative path.
    """
    out: list[tuple[str, str, str]] = []
    st = os.stat(root)
    visited = {(st.st_dev, st.st_ino): ""}
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
            child_rel = f"{rel}/{item.name}" if rel else item.name
            shown = _display(display, child_rel)
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
        stack.extend(reversed(subdirs))
    out.sort(key=lambda t: t[0])
    return out


def _display(display: str, rel: str) -> str:
    if not rel:
        return display
    return f"{display.rstrip('/')}/{rel}" if display else rel
