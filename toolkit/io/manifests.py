"""Manifests of a folder: a ``manifest.csv``/``.tsv``/``.jsonl`` naming each article file's
id, outlet, title, date and url.

Examples
--------
>>> from toolkit.io.files import FileEntry
>>> data = b"path,outlet,published_at\\nWorld/a1.txt,Daily Planet,2024-03-01\\ngone.txt,X,\\n"
>>> problems = []
>>> index = read_manifests([FileEntry("manifest.csv", "m/manifest.csv", lambda limit: data)],
...                        lambda *row: problems.append(row))
>>> meta = index.lookup("World/a1.txt")
>>> meta["outlet"], meta["published_at"]
('Daily Planet', Timestamp('2024-03-01 00:00:00+0000', tz='UTC'))
>>> index.report_missing(lambda *row: problems.append(row))
>>> problems
[('m/manifest.csv', 'missing_file', "the manifest names 'gone.txt' but no such article file was found")]
"""

from __future__ import annotations

from pathlib import PurePosixPath
from typing import Any

import numpy as np
import pandas as pd

from toolkit.io.errors import Problem, Report
from toolkit.io.files import FileEntry, join_rel, stem_of, suffix_of
from toolkit.io.outlets import outlet_value
from toolkit.io.tables import PATH_GUESSES, column_list, parse_dates, read_table, resolve_columns

__all__ = ["Manifests", "read_manifests"]


class Manifests:
    """What the manifests of a folder say about its files, by path and by article id."""

    def __init__(self) -> None:
        self.by_path: dict[str, dict[str, Any]] = {}
        self.by_id: dict[str, dict[str, Any]] = {}
        self._used_paths: set[str] = set()
        self._used_ids: set[str] = set()

    def lookup(self, rel: str) -> dict[str, Any] | None:
        """The manifest fields of the file at ``rel`` (by its path, else by its stem)."""
        meta = self.by_path.get(rel)
        if meta is not None:
            self._used_paths.add(rel)
            return meta
        stem = stem_of(rel)
        if stem in self.by_id:
            self._used_ids.add(stem)
            return self.by_id[stem]
        return None

    def report_missing(self, report: Report) -> None:
        """Report (``missing_file``) each manifest row that no :meth:`lookup` found."""
        for rel, meta in self.by_path.items():
            if rel not in self._used_paths:
                report(
                    meta["_manifest"],
                    "missing_file",
                    f"the manifest names {meta['_name']!r} but no such article file was found",
                )
        for key, meta in self.by_id.items():
            if key not in self._used_ids and meta.get("_path_key") is None:
                report(
                    meta["_manifest"],
                    "missing_file",
                    f"the manifest names article {key!r} but no file {key}.txt/.html was found",
                )


def read_manifests(entries: list[FileEntry], report: Report) -> Manifests:
    """Read the manifests of a folder (bad rows, dates and tables reported).

    Parameters
    ----------
    entries : list of FileEntry
        The manifest files; paths in them are relative to the manifest's folder.
    report : callable
        ``report(source_path, error, message)``.

    Returns
    -------
    Manifests
    """
    index = Manifests()
    for entry in entries:
        try:
            frame, where, problems, _ = read_table(entry.read(None), suffix_of(entry.rel))
        except Problem as exc:
            report(entry.source_path, exc.error, exc.message)
            continue
        for message in problems:
            report(entry.source_path, "bad_row", message)
        _add_records(index, entry, frame, where, report)
    return index


def _add_records(
    index: Manifests, entry: FileEntry, frame: pd.DataFrame, where: list[str], report: Report
) -> None:
    mapping, _ = resolve_columns(frame.columns, None)
    lower = {str(c).strip().lower(): c for c in frame.columns}
    path_col = next((lower[g] for g in PATH_GUESSES if g in lower), None)
    id_col = mapping.get("article_id")
    if path_col is None and id_col is None:
        report(
            entry.source_path,
            "bad_table",
            f"a manifest needs a path or article_id/id column; it has: {column_list(frame)}",
        )
        return
    base = PurePosixPath(entry.rel).parent
    fields = {k: v for k, v in mapping.items() if k in {"outlet", "title", "url"}}
    records = frame.to_dict("records")
    dates: pd.Series | None = None
    if "published_at" in mapping:
        dates, bad = parse_dates(frame[mapping["published_at"]])
        for j in np.flatnonzero(bad.to_numpy()):
            report(
                entry.source_path,
                "bad_date",
                f"{where[j]}: published_at {records[j][mapping['published_at']]!r} "
                "could not be parsed; left as NaT",
            )
    for i, rec in enumerate(records):
        meta: dict[str, Any] = {"_manifest": entry.source_path}
        for key, src in fields.items():
            value = outlet_value(rec.get(src)) if key == "outlet" else rec.get(src)
            if value is not None and not (isinstance(value, float) and np.isnan(value)):
                value = str(value).strip()
                if value:
                    meta[key] = value
        if dates is not None and not pd.isna(dates.iloc[i]):
            meta["published_at"] = dates.iloc[i]
        ident = rec.get(id_col) if id_col is not None else None
        if ident is not None and str(ident).strip():
            meta["article_id"] = str(ident).strip()
        raw_path = rec.get(path_col) if path_col is not None else None
        if raw_path is not None and str(raw_path).strip():
            name = str(raw_path).strip().replace("\\", "/")
            key = join_rel(base, name)
            meta["_name"] = name
            meta["_path_key"] = key
            index.by_path[key] = meta
        elif "article_id" in meta:
            key = meta["article_id"]
            if base != PurePosixPath("."):
                meta["_base"] = str(base)
            index.by_id[key] = meta
