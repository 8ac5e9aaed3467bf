"""Zip archives, read in memory like a folder, with limits on members and inflated bytes.

Examples
--------
>>> import io, zipfile
>>> buf = io.BytesIO()
>>> with zipfile.ZipFile(buf, "w") as z:
...     z.writestr("news/a.txt", "One.")
...     z.writestr("../evil.txt", "No.")
>>> messages = []
>>> with open_zip(buf.getvalue(), "n.zip", lambda *row: messages.append(row)) as archive:
...     entries = zip_entries(archive, "n.zip", lambda *row: messages.append(row),
...                           max_members=None, max_total_bytes=None)
...     [(e.rel, e.source_path, e.read(None)) for e in entries]
[('a.txt', 'n.zip!news/a.txt', b'One.')]
>>> messages
[('n.zip!../evil.txt', 'unsafe_path', "member path '../evil.txt' climbs out of the archive with '..'; refused")]
"""

from __future__ import annotations

import io
import re
import struct
import zipfile
import zlib
from collections.abc import Callable
from pathlib import Path, PurePosixPath
from typing import Any

from toolkit.io.errors import Problem, Report
from toolkit.io.files import FileEntry

__all__ = ["open_zip", "zip_entries"]


def open_zip(data_or_path: Path | bytes, display: str, report: Report) -> zipfile.ZipFile | None:
    """Open an archive (a path or its bytes); ``None`` and a report if it is not one."""
    try:
        handle: Any = io.BytesIO(data_or_path) if isinstance(data_or_path, bytes) else data_or_path
        try:
            return zipfile.ZipFile(handle)
        except UnicodeDecodeError:  # member names flagged UTF-8 that are not
            data = data_or_path if isinstance(data_or_path, bytes) else Path(handle).read_bytes()
            fixed = _unflag_bad_names(data)
            if fixed is None:
                raise zipfile.BadZipFile("member names flagged UTF-8 are not UTF-8") from None
            report(
                display,
                "bad_name",
                "member names flagged as UTF-8 are not; they are read as cp437 (the zip "
                "default), so those names may look garbled",
            )
            return zipfile.ZipFile(io.BytesIO(fixed))
    except PermissionError:
        report(display, "unreadable", "permission denied")
    except (zipfile.BadZipFile, OSError) as exc:
        report(display, "unreadable", f"not a readable zip archive: {exc}")
    return None


def _unflag_bad_names(data: bytes) -> bytes | None:
    """The archive with the UTF-8 flag cleared on members whose name is not UTF-8.

    Walks the central directory from the end-of-central-directory record (no search
    through member data); ``None`` if the archive's directory cannot be read so.
    """
    end = data.rfind(b"PK\x05\x06", max(0, len(data) - 65_557))
    if end < 0 or end + 22 > len(data):
        return None
    count, _, offset = struct.unpack_from("<HII", data, end + 10)
    out = bytearray(data)
    pos = offset
    for _ in range(count):
        if data[pos : pos + 4] != b"PK\x01\x02" or pos + 46 > len(data):
            return None
        flags = struct.unpack_from("<H", data, pos + 8)[0]
        n_name, n_extra, n_comment = struct.unpack_from("<HHH", data, pos + 28)
        name = data[pos + 46 : pos + 46 + n_name]
        if flags & 0x800:
            try:
                name.decode("utf-8")
            except UnicodeDecodeError:
                struct.pack_into("<H", out, pos + 8, flags & ~0x800)
                local = struct.unpack_from("<I", data, pos + 42)[0]
                if data[local : local + 4] == b"PK\x03\x04":  # its local header says it too
                    local_flags = struct.unpack_from("<H", data, local + 6)[0]
                    struct.pack_into("<H", out, local + 6, local_flags & ~0x800)
        pos += 46 + n_name + n_extra + n_comment
    return bytes(out)


def zip_entries(
    archive: zipfile.ZipFile,
    display: str,
    report: Report,
    *,
    max_members: int | None,
    max_total_bytes: int | None,
) -> list[FileEntry] | None:
    """The files of an open archive, as a folder's (``None`` if it is over a limit).

    Members with absolute or ``..`` paths are refused (``unsafe_path``); hidden and
    ``__MACOSX`` members are skipped; zips inside the zip are not read
    (``unsupported``). One top-level folder wrapping every member acts as the root.
    Each entry reads its member with the bytes actually inflated capped by
    ``max_total_bytes`` over the whole archive (``zip_limit``).
    """
    infos = archive.infolist()
    if max_members is not None and len(infos) > max_members:
        report(
            display,
            "zip_limit",
            f"{len(infos):,} members is over zip_max_members={max_members:,}; "
            "nothing loaded from this archive",
        )
        return None
    total = sum(info.file_size for info in infos)
    if max_total_bytes is not None and total > max_total_bytes:
        report(
            display,
            "zip_limit",
            f"{total:,} bytes uncompressed is over zip_max_total_bytes={max_total_bytes:,}; "
            "nothing loaded from this archive",
        )
        return None
    budget = {"left": max_total_bytes}
    files: list[zipfile.ZipInfo] = []
    for info in infos:
        if info.is_dir():
            continue
        name = info.filename
        unsafe = _unsafe_member(name)
        if unsafe:
            report(f"{display}!{name}", "unsafe_path", f"member path {name!r} {unsafe}; refused")
            continue
        parts = PurePosixPath(name.replace("\\", "/")).parts
        if any(p.startswith(".") or p == "__MACOSX" for p in parts):
            continue
        files.append(info)
    rels = [info.filename.replace("\\", "/") for info in files]
    # a zipped folder: one top-level folder wrapping every member acts as the root
    firsts = {PurePosixPath(r).parts[0] for r in rels}
    strip = len(firsts) == 1 and all(len(PurePosixPath(r).parts) > 1 for r in rels)
    entries: list[FileEntry] = []
    for info, rel in zip(files, rels, strict=True):
        if strip:
            rel = str(PurePosixPath(*PurePosixPath(rel).parts[1:]))
        source = f"{display}!{info.filename}"
        if rel.lower().endswith(".zip"):
            report(source, "unsupported", "zip archives inside a zip are not read")
            continue
        entries.append(FileEntry(rel, source, _zip_reader(archive, info, budget)))
    return entries


def _unsafe_member(name: str) -> str | None:
    norm = name.replace("\\", "/")
    if norm.startswith("/") or re.match(r"^[A-Za-z]:", norm):
        return "is absolute"
    if ".." in norm.split("/"):
        return "climbs out of the archive with '..'"
    if "\x00" in norm:
        return "contains a NUL byte"
    return None


def _zip_reader(
    archive: zipfile.ZipFile, info: zipfile.ZipInfo, budget: dict[str, int | None]
) -> Callable[[int | None], bytes]:
    def read(limit: int | None) -> bytes:
        if info.flag_bits & 0x1:
            raise Problem("unreadable", "the member is encrypted")
        if limit is not None and info.file_size > limit:
            raise Problem(
                "too_large", f"{info.file_size:,} bytes is over max_file_bytes={limit:,}; skipped"
            )
        left = budget["left"]
        cap = info.file_size + 1
        if left is not None:
            cap = min(cap, left + 1)
        try:
            with archive.open(info) as fh:
                data = fh.read(cap)
        except (zipfile.BadZipFile, zlib.error, OSError, EOFError, NotImplementedError) as exc:
            raise Problem("unreadable", f"cannot read this member: {exc}") from None
        if len(data) > info.file_size:
            raise Problem(
                "zip_limit",
                f"the member inflates past the {info.file_size:,} bytes its header declares; "
                "refused",
            )
        if left is not None:
            if len(data) > left:
                raise Problem("zip_limit", "the archive inflates past zip_max_total_bytes")
            budget["left"] = left - len(data)
        return data

    return read
