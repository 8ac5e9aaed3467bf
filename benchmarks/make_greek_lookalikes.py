"""Make ``toolkit/stats/data/greek_lookalikes.tsv``: Greek letters that look like Latin ones.

The table lists every Greek letter that Unicode's confusables data (UTS #39,
``confusables.txt``) maps to a *Latin prototype*: a string that, once its combining
marks are dropped, is one or more Latin letters of Basic Latin, Latin-1 Supplement or
Latin Extended-A (the letters of ordinary European words: ``a``-``z``, ``ß``, ``ĸ``,
``þ``, ...). ``α`` -> ``a``, ``γ`` -> ``y``, ``Ϻ`` -> ``M``, ``η`` -> ``n`` + U+0329
and ``κ`` -> ``ĸ`` are in it; ``τ`` -> ``ᴛ`` (a phonetic small capital) and ``φ`` ->
``ɸ`` (an IPA letter) are not, and neither is ``μ``, which is itself a prototype (of
the micro sign). :func:`toolkit.stats.scripts.find_mixed_script_words` uses the table
to tell a Greek letter spelling a Latin word (``αbout``) from scientific notation
(``TNFα``).

Source: the ``confusables.json`` that the ``confusable_homoglyphs`` package (MIT) ships,
its version printed into the table's header; that file is Unicode's ``confusables.txt``
with each ``source -> prototype`` line stored in both directions. The direction is
recovered from the data's own shape: ``confusables.txt`` is idempotent (a prototype is
never a source), so a source has exactly one partner, its prototype, while a prototype
lists all of its sources. A pair of two letters that only list each other would be
ambiguous; none involves a Latin prototype of the range above today, and the script
stops with an error if an update brings one.

The data is Unicode's, under the Unicode License v3 (``toolkit/stats/data/LICENSE-unicode.txt``).

Usage: ``python benchmarks/make_greek_lookalikes.py [--check]`` (``--check``: exit 1 when
the committed table differs from the one the installed data gives, writing nothing).
Needs ``confusable_homoglyphs`` (in the ``dev`` extra); the toolkit itself only reads the table.
"""

from __future__ import annotations

import argparse
import importlib.metadata
import importlib.resources
import json
import sys
import unicodedata
from pathlib import Path

import regex

TABLE = Path(__file__).resolve().parents[1] / "toolkit" / "stats" / "data" / "greek_lookalikes.tsv"

_GREEK_LETTER = regex.compile(r"[\p{Script=Greek}&&\p{L}]", regex.V1)
_LATIN_LETTER = regex.compile(r"[\p{Script=Latin}&&\p{L}&&[\x41-\u017f]]", regex.V1)


def load_confusables() -> dict[str, list[str]]:
    """The installed ``confusable_homoglyphs`` data: character -> its confusable partners."""
    path = importlib.resources.files("confusable_homoglyphs") / "confusables.json"
    data = json.loads(path.read_text(encoding="utf-8"))
    return {key: [entry["c"] for entry in entries] for key, entries in data.items()}


def latin_letters(prototype: str) -> str | None:
    """The prototype without its combining marks, if that is Latin letters of the range."""
    bare = "".join(ch for ch in prototype if not unicodedata.category(ch).startswith("M"))
    if bare and all(_LATIN_LETTER.match(ch) for ch in bare):
        return bare
    return None


def build_rows(data: dict[str, list[str]]) -> list[tuple[str, str, str, str, str]]:
    """``(code, letter, prototype code points, latin, name)`` for each Greek look-alike."""
    rows = []
    for cp in range(0x110000):
        ch = chr(cp)
        if not _GREEK_LETTER.match(ch):
            continue
        partners = data.get(ch, [])
        if len(partners) != 1:  # none, or a prototype of several sources
            continue
        (target,) = partners
        back = data.get(target, [])
        if ch not in back:
            raise ValueError(f"{ch!r} -> {target!r} is not stored both ways")
        latin = latin_letters(target)
        if latin is None:
            continue
        if back == [ch] and not target.isascii():
            # each lists only the other: either could be the prototype
            raise ValueError(f"ambiguous pair {ch!r} <-> {target!r}: check confusables.txt")
        rows.append(
            (
                f"{cp:04X}",
                ch,
                " ".join(f"{ord(c):04X}" for c in target),
                latin,
                unicodedata.name(ch, ""),
            )
        )
    return rows


def render(rows: list[tuple[str, str, str, str, str]], version: str) -> str:
    """The table's text: a commented header, then one tab-separated row per letter."""
    head = [
        "# Greek letters that Unicode's confusables data (UTS #39 confusables.txt) maps to a",
        "# Latin prototype (Latin letters of U+0041-U+017F once combining marks are dropped).",
        "# Made by benchmarks/make_greek_lookalikes.py from the confusables.json of",
        f"# confusable_homoglyphs {version}; do not edit by hand.",
        "# Data: Copyright © Unicode, Inc., under the Unicode License v3 (LICENSE-unicode.txt).",
        "# Columns: code point, letter, prototype (code points), prototype letters, name.",
    ]
    body = ["\t".join(row) for row in rows]
    return "\n".join([*head, *body]) + "\n"


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--check", action="store_true", help="compare, do not write")
    args = parser.parse_args(argv)
    version = importlib.metadata.version("confusable_homoglyphs")
    text = render(build_rows(load_confusables()), version)
    if args.check:
        same = TABLE.exists() and TABLE.read_text(encoding="utf-8") == text
        print(f"{TABLE.name}: {'up to date' if same else 'differs from the installed data'}")
        return 0 if same else 1
    TABLE.write_text(text, encoding="utf-8", newline="\n")
    print(f"wrote {TABLE} ({text.count(chr(10)) - 6} letters)")
    return 0


if __name__ == "__main__":
    sys.exit(main())
