"""Text normalisation, line splitting and words: the step from articles to lines.

Nothing here removes content. :func:`normalize_text` only unifies Unicode composition
and newlines (the loader applies it); :func:`normalize_for_matching` builds the key
under which two lines count as "the same" (case, quote marks, dashes and spacing
folded); :func:`split_lines` turns an articles table into the lines table every
detector works on; :data:`WORD_PATTERN` is the one definition of a word, which every
statistic that counts or lists words uses (:func:`words`, :func:`count_words`).
"""

from __future__ import annotations

import re
import unicodedata
from functools import lru_cache
from itertools import chain
from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa
import pyarrow.compute as pc

from toolkit.io.decode import normalize_text
from toolkit.schema import LINE_COLUMNS, as_articles

__all__ = [
    "ALNUM",
    "LETTER",
    "RUN_CHARS",
    "SEPARATORS",
    "WORD_CHAR",
    "WORD_JOINERS",
    "WORD_PATTERN",
    "WORD_RE",
    "char_runs",
    "count_words",
    "factorize_words",
    "flat_words",
    "fold_punctuation",
    "normalize_for_matching",
    "normalize_text",
    "separator_of",
    "split_lines",
    "words",
]

#: Quote marks and dashes folded to ASCII before two lines are compared.
_FOLD_TABLE = str.maketrans(
    {
        **dict.fromkeys("“”„‟«»″〝〞＂", '"'),
        **dict.fromkeys("‘’‚‛′‹›`´", "'"),
        **dict.fromkeys("‐‑‒–—―−﹘﹣－", "-"),
        "\u00ad": None,  # soft hyphen
        "\u200b": None,  # zero width space
        "\u200c": None,
        "\u200d": None,
        "\ufeff": None,
    }
)


#: The characters of :data:`_FOLD_TABLE` and what each becomes: ``re.sub`` over them is
#: 4x faster than ``str.translate``, which looks every character up in the table.
_FOLD_TO = {chr(code): (new or "") for code, new in _FOLD_TABLE.items()}
_FOLD_RE = re.compile("[" + "".join(re.escape(ch) for ch in _FOLD_TO) + "]")


def _fold(text: str) -> str:
    return _FOLD_RE.sub(lambda m: _FOLD_TO[m.group()], text)


def fold_punctuation(text: str) -> str:
    """Fold typographic quote marks and dashes to ASCII and drop invisible characters.

    Examples
    --------
    >>> fold_punctuation("“I’m convinced” — he said")
    '"I\\'m convinced" - he said'
    """
    return _fold(text)


def normalize_for_matching(texts: Any) -> Any:
    """Return the matching key of a string or of every string in a Series.

    The key is: Unicode NFKC, quote marks and dashes folded
    (:func:`fold_punctuation`), runs of whitespace collapsed to one space, stripped,
    case folded. Two lines with the same key are exact repeats for the toolkit's
    repetition and boilerplate statistics.

    Parameters
    ----------
    texts : str or pandas.Series of str

    Returns
    -------
    str or pandas.Series
        Same type as the input.

    Examples
    --------
    >>> normalize_for_matching("  “We will  share”, LAVROV said ")
    '"we will share", lavrov said'
    >>> normalize_for_matching(pd.Series(["A\\u00a0B", "‘a’ – b"])).tolist()
    ['a b', "'a' - b"]
    """
    if isinstance(texts, str):
        return matching_key(texts)
    s = pd.Series(texts, dtype=object)
    # a comprehension over the column beats pandas' str accessors here (measured)
    return pd.Series([matching_key(t) for t in s.tolist()], index=s.index, dtype=object)


def matching_key(text: str) -> str:
    if text.isascii():  # NFKC keeps ASCII; of the folded characters only "`" is ASCII
        if "`" in text:
            text = text.replace("`", "'")
        # printable ASCII has no whitespace but " ": single inner spaces need no collapsing
        if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
            return text.lower()
        return " ".join(text.split()).lower()  # casefold() is lower() on ASCII
    if not unicodedata.is_normalized("NFKC", text):  # the check is cheaper than a copy
        text = unicodedata.normalize("NFKC", text)
    if _FOLD_RE.search(text):
        text = _fold(text)
    if text.isprintable() and "  " not in text and text[:1] != " " and text[-1:] != " ":
        return text.casefold()  # no whitespace but single inner spaces (as above)
    return " ".join(text.split()).casefold()


def split_lines(data: Any) -> pd.DataFrame:
    """Split every article into its non-empty lines.

    Parameters
    ----------
    data : Corpus or pandas.DataFrame
        Articles (at least ``article_id, outlet, text``).

    Returns
    -------
    pandas.DataFrame
        One row per line whose text is not blank, in article order then line order,
        with columns:

        - ``article_id``, ``outlet``: from the article;
        - ``line_no``: 1-based position of the line in ``text.split("\\n")``
          (blank lines are counted, so gold labels and editors agree);
        - ``para_id``: 0-based index of the paragraph (a block of lines separated
          by one or more blank lines) the line belongs to;
        - ``text``: the line as it stands in the article;
        - ``norm``: its matching key (:func:`normalize_for_matching`);
        - ``n_chars``: ``len(text)`` in code points.

    Examples
    --------
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"],
    ...                      "text": ["Title\\nSubscribe\\n\\nBody “one”.\\n"]})
    >>> split_lines(arts)[["line_no", "para_id", "text", "norm", "n_chars"]].values.tolist()
    [[1, 0, 'Title', 'title', 5], [2, 0, 'Subscribe', 'subscribe', 9], [4, 1, 'Body “one”.', 'body "one".', 11]]
    """
    return split_articles(as_articles(data))


def split_articles(arts: pd.DataFrame) -> pd.DataFrame:
    """:func:`split_lines` of a validated articles table (:func:`as_articles`)."""
    return split_line_lists(arts)[0]


def split_line_lists(arts: pd.DataFrame) -> tuple[pd.DataFrame, list[str], list[str]]:
    """:func:`split_articles`, and its ``text`` and ``norm`` columns as lists (the
    strings themselves, which later steps would otherwise read back from the frame)."""
    if arts.empty:
        frame = pd.DataFrame({c: pd.Series(dtype=object) for c in LINE_COLUMNS})
        frame = frame.astype({"line_no": "int64", "para_id": "int64", "n_chars": "int64"})
        return frame, [], []
    lines, row, line_no, para_id = _split(arts["text"].tolist())
    keys = [matching_key(t) for t in lines]
    columns = {  # `take` keeps the columns' dtype (no round trip through Python strings)
        "article_id": arts["article_id"].array.take(row),
        "outlet": arts["outlet"].array.take(row),
        "line_no": line_no,
        "para_id": para_id,
        "text": pd.Series(lines, dtype=_STR),
        "norm": pd.Series(keys, dtype=_STR),
        "n_chars": np.fromiter(map(len, lines), dtype=np.int64, count=len(lines)),
    }
    return pd.DataFrame({c: columns[c] for c in LINE_COLUMNS}), lines, keys


#: The dtype pandas gives a column of strings (``str`` from pandas 3, else object).
_STR = pd.Series(["a"]).dtype


def _split(texts: list[Any]) -> tuple[list[str], np.ndarray, np.ndarray, np.ndarray]:
    """The non-blank lines of ``texts`` (missing texts count as ``""``), in order.

    Returns the lines and, per line, its text's position, its 1-based ``line_no`` in
    ``text.split("\\n")`` and the 0-based index of its paragraph (blocks of lines
    separated by blank lines; whitespace-only lines are blank).
    """
    parts = [t.split("\n") if isinstance(t, str) else [""] for t in texts]
    counts = np.fromiter(map(len, parts), dtype=np.int64, count=len(parts))
    flat = list(chain.from_iterable(parts))
    n = len(flat)
    starts = np.repeat(np.cumsum(counts) - counts, counts)
    line_no = np.arange(1, n + 1, dtype=np.int64) - starts
    blank = np.fromiter((not t or t.isspace() for t in flat), dtype=bool, count=n)
    prev_blank = np.ones(n, dtype=bool)  # a text's first line starts a paragraph
    prev_blank[1:] = blank[:-1]
    prev_blank[starts == np.arange(n)] = True
    opens = (~blank & prev_blank).astype(np.int64)
    cum = np.cumsum(opens)
    para_id = cum - (cum - opens)[starts] - 1
    keep = np.flatnonzero(~blank)
    row = np.repeat(np.arange(len(parts), dtype=np.int64), counts)
    return [flat[i] for i in keep.tolist()], row[keep], line_no[keep], para_id[keep]


def line_keys(texts: list[Any]) -> tuple[np.ndarray, np.ndarray, list[str]]:
    """Per non-blank line of ``texts``: its text's position, ``line_no`` and matching key."""
    lines, row, line_no, _ = _split(texts)
    return row, line_no, [matching_key(t) for t in lines]


# --------------------------------------------------------------------------- words

#: A letter or a digit: ``str.isalnum`` (Unicode categories L and N), never ``_``.
ALNUM = r"[^\W_]"
#: A letter: alphanumeric but not a decimal digit (``str.isalpha``, and the few numerals
#: such as ``²`` or ``Ⅻ`` that are not decimal digits).
LETTER = r"[^\W\d_]"

# The characters a word is made of (``str.isalnum``, or Unicode category M: a combining
# mark) in the BMP, and the combining marks outside it, of Python 3.11's Unicode 14.0, as
# ranges for ``re``: it has no ``\p{M}``, and it tests a class of BMP ranges with one
# bitmap look-up (faster than its own ``\w`` test). tests/test_text.py checks them
# against ``unicodedata`` (and prints them anew when Python's Unicode changes).
_WORD_CHARS_BMP = (
    r"\u0030-\u0039\u0041-\u005a\u0061-\u007a\u00aa\u00b2-\u00b3\u00b5\u00b9-\u00ba\u00bc-\u00be"
    r"\u00c0-\u00d6\u00d8-\u00f6\u00f8-\u02c1\u02c6-\u02d1\u02e0-\u02e4\u02ec\u02ee\u0300-\u0374"
    r"\u0376-\u0377\u037a-\u037d\u037f\u0386\u0388-\u038a\u038c\u038e-\u03a1\u03a3-\u03f5"
    r"\u03f7-\u0481\u0483-\u052f\u0531-\u0556\u0559\u0560-\u0588\u0591-\u05bd\u05bf\u05c1-\u05c2"
    r"\u05c4-\u05c5\u05c7\u05d0-\u05ea\u05ef-\u05f2\u0610-\u061a\u0620-\u0669\u066e-\u06d3"
    r"\u06d5-\u06dc\u06df-\u06e8\u06ea-\u06fc\u06ff\u0710-\u074a\u074d-\u07b1\u07c0-\u07f5\u07fa"
    r"\u07fd\u0800-\u082d\u0840-\u085b\u0860-\u086a\u0870-\u0887\u0889-\u088e\u0898-\u08e1"
    r"\u08e3-\u0963\u0966-\u096f\u0971-\u0983\u0985-\u098c\u098f-\u0990\u0993-\u09a8\u09aa-\u09b0"
    r"\u09b2\u09b6-\u09b9\u09bc-\u09c4\u09c7-\u09c8\u09cb-\u09ce\u09d7\u09dc-\u09dd\u09df-\u09e3"
    r"\u09e6-\u09f1\u09f4-\u09f9\u09fc\u09fe\u0a01-\u0a03\u0a05-\u0a0a\u0a0f-\u0a10\u0a13-\u0a28"
    r"\u0a2a-\u0a30\u0a32-\u0a33\u0a35-\u0a36\u0a38-\u0a39\u0a3c\u0a3e-\u0a42\u0a47-\u0a48"
    r"\u0a4b-\u0a4d\u0a51\u0a59-\u0a5c\u0a5e\u0a66-\u0a75\u0a81-\u0a83\u0a85-\u0a8d\u0a8f-\u0a91"
    r"\u0a93-\u0aa8\u0aaa-\u0ab0\u0ab2-\u0ab3\u0ab5-\u0ab9\u0abc-\u0ac5\u0ac7-\u0ac9\u0acb-\u0acd"
    r"\u0ad0\u0ae0-\u0ae3\u0ae6-\u0aef\u0af9-\u0aff\u0b01-\u0b03\u0b05-\u0b0c\u0b0f-\u0b10"
    r"\u0b13-\u0b28\u0b2a-\u0b30\u0b32-\u0b33\u0b35-\u0b39\u0b3c-\u0b44\u0b47-\u0b48\u0b4b-\u0b4d"
    r"\u0b55-\u0b57\u0b5c-\u0b5d\u0b5f-\u0b63\u0b66-\u0b6f\u0b71-\u0b77\u0b82-\u0b83\u0b85-\u0b8a"
    r"\u0b8e-\u0b90\u0b92-\u0b95\u0b99-\u0b9a\u0b9c\u0b9e-\u0b9f\u0ba3-\u0ba4\u0ba8-\u0baa"
    r"\u0bae-\u0bb9\u0bbe-\u0bc2\u0bc6-\u0bc8\u0bca-\u0bcd\u0bd0\u0bd7\u0be6-\u0bf2\u0c00-\u0c0c"
    r"\u0c0e-\u0c10\u0c12-\u0c28\u0c2a-\u0c39\u0c3c-\u0c44\u0c46-\u0c48\u0c4a-\u0c4d\u0c55-\u0c56"
    r"\u0c58-\u0c5a\u0c5d\u0c60-\u0c63\u0c66-\u0c6f\u0c78-\u0c7e\u0c80-\u0c83\u0c85-\u0c8c"
    r"\u0c8e-\u0c90\u0c92-\u0ca8\u0caa-\u0cb3\u0cb5-\u0cb9\u0cbc-\u0cc4\u0cc6-\u0cc8\u0cca-\u0ccd"
    r"\u0cd5-\u0cd6\u0cdd-\u0cde\u0ce0-\u0ce3\u0ce6-\u0cef\u0cf1-\u0cf2\u0d00-\u0d0c\u0d0e-\u0d10"
    r"\u0d12-\u0d44\u0d46-\u0d48\u0d4a-\u0d4e\u0d54-\u0d63\u0d66-\u0d78\u0d7a-\u0d7f\u0d81-\u0d83"
    r"\u0d85-\u0d96\u0d9a-\u0db1\u0db3-\u0dbb\u0dbd\u0dc0-\u0dc6\u0dca\u0dcf-\u0dd4\u0dd6"
    r"\u0dd8-\u0ddf\u0de6-\u0def\u0df2-\u0df3\u0e01-\u0e3a\u0e40-\u0e4e\u0e50-\u0e59\u0e81-\u0e82"
    r"\u0e84\u0e86-\u0e8a\u0e8c-\u0ea3\u0ea5\u0ea7-\u0ebd\u0ec0-\u0ec4\u0ec6\u0ec8-\u0ecd"
    r"\u0ed0-\u0ed9\u0edc-\u0edf\u0f00\u0f18-\u0f19\u0f20-\u0f33\u0f35\u0f37\u0f39\u0f3e-\u0f47"
    r"\u0f49-\u0f6c\u0f71-\u0f84\u0f86-\u0f97\u0f99-\u0fbc\u0fc6\u1000-\u1049\u1050-\u109d"
    r"\u10a0-\u10c5\u10c7\u10cd\u10d0-\u10fa\u10fc-\u1248\u124a-\u124d\u1250-\u1256\u1258"
    r"\u125a-\u125d\u1260-\u1288\u128a-\u128d\u1290-\u12b0\u12b2-\u12b5\u12b8-\u12be\u12c0"
    r"\u12c2-\u12c5\u12c8-\u12d6\u12d8-\u1310\u1312-\u1315\u1318-\u135a\u135d-\u135f\u1369-\u137c"
    r"\u1380-\u138f\u13a0-\u13f5\u13f8-\u13fd\u1401-\u166c\u166f-\u167f\u1681-\u169a\u16a0-\u16ea"
    r"\u16ee-\u16f8\u1700-\u1715\u171f-\u1734\u1740-\u1753\u1760-\u176c\u176e-\u1770\u1772-\u1773"
    r"\u1780-\u17d3\u17d7\u17dc-\u17dd\u17e0-\u17e9\u17f0-\u17f9\u180b-\u180d\u180f-\u1819"
    r"\u1820-\u1878\u1880-\u18aa\u18b0-\u18f5\u1900-\u191e\u1920-\u192b\u1930-\u193b\u1946-\u196d"
    r"\u1970-\u1974\u1980-\u19ab\u19b0-\u19c9\u19d0-\u19da\u1a00-\u1a1b\u1a20-\u1a5e\u1a60-\u1a7c"
    r"\u1a7f-\u1a89\u1a90-\u1a99\u1aa7\u1ab0-\u1ace\u1b00-\u1b4c\u1b50-\u1b59\u1b6b-\u1b73"
    r"\u1b80-\u1bf3\u1c00-\u1c37\u1c40-\u1c49\u1c4d-\u1c7d\u1c80-\u1c88\u1c90-\u1cba\u1cbd-\u1cbf"
    r"\u1cd0-\u1cd2\u1cd4-\u1cfa\u1d00-\u1f15\u1f18-\u1f1d\u1f20-\u1f45\u1f48-\u1f4d\u1f50-\u1f57"
    r"\u1f59\u1f5b\u1f5d\u1f5f-\u1f7d\u1f80-\u1fb4\u1fb6-\u1fbc\u1fbe\u1fc2-\u1fc4\u1fc6-\u1fcc"
    r"\u1fd0-\u1fd3\u1fd6-\u1fdb\u1fe0-\u1fec\u1ff2-\u1ff4\u1ff6-\u1ffc\u2070-\u2071\u2074-\u2079"
    r"\u207f-\u2089\u2090-\u209c\u20d0-\u20f0\u2102\u2107\u210a-\u2113\u2115\u2119-\u211d\u2124"
    r"\u2126\u2128\u212a-\u212d\u212f-\u2139\u213c-\u213f\u2145-\u2149\u214e\u2150-\u2189"
    r"\u2460-\u249b\u24ea-\u24ff\u2776-\u2793\u2c00-\u2ce4\u2ceb-\u2cf3\u2cfd\u2d00-\u2d25\u2d27"
    r"\u2d2d\u2d30-\u2d67\u2d6f\u2d7f-\u2d96\u2da0-\u2da6\u2da8-\u2dae\u2db0-\u2db6\u2db8-\u2dbe"
    r"\u2dc0-\u2dc6\u2dc8-\u2dce\u2dd0-\u2dd6\u2dd8-\u2dde\u2de0-\u2dff\u2e2f\u3005-\u3007"
    r"\u3021-\u302f\u3031-\u3035\u3038-\u303c\u3041-\u3096\u3099-\u309a\u309d-\u309f\u30a1-\u30fa"
    r"\u30fc-\u30ff\u3105-\u312f\u3131-\u318e\u3192-\u3195\u31a0-\u31bf\u31f0-\u31ff\u3220-\u3229"
    r"\u3248-\u324f\u3251-\u325f\u3280-\u3289\u32b1-\u32bf\u3400-\u4dbf\u4e00-\ua48c\ua4d0-\ua4fd"
    r"\ua500-\ua60c\ua610-\ua62b\ua640-\ua672\ua674-\ua67d\ua67f-\ua6f1\ua717-\ua71f\ua722-\ua788"
    r"\ua78b-\ua7ca\ua7d0-\ua7d1\ua7d3\ua7d5-\ua7d9\ua7f2-\ua827\ua82c\ua830-\ua835\ua840-\ua873"
    r"\ua880-\ua8c5\ua8d0-\ua8d9\ua8e0-\ua8f7\ua8fb\ua8fd-\ua92d\ua930-\ua953\ua960-\ua97c"
    r"\ua980-\ua9c0\ua9cf-\ua9d9\ua9e0-\ua9fe\uaa00-\uaa36\uaa40-\uaa4d\uaa50-\uaa59\uaa60-\uaa76"
    r"\uaa7a-\uaac2\uaadb-\uaadd\uaae0-\uaaef\uaaf2-\uaaf6\uab01-\uab06\uab09-\uab0e\uab11-\uab16"
    r"\uab20-\uab26\uab28-\uab2e\uab30-\uab5a\uab5c-\uab69\uab70-\uabea\uabec-\uabed\uabf0-\uabf9"
    r"\uac00-\ud7a3\ud7b0-\ud7c6\ud7cb-\ud7fb\uf900-\ufa6d\ufa70-\ufad9\ufb00-\ufb06\ufb13-\ufb17"
    r"\ufb1d-\ufb28\ufb2a-\ufb36\ufb38-\ufb3c\ufb3e\ufb40-\ufb41\ufb43-\ufb44\ufb46-\ufbb1"
    r"\ufbd3-\ufd3d\ufd50-\ufd8f\ufd92-\ufdc7\ufdf0-\ufdfb\ufe00-\ufe0f\ufe20-\ufe2f\ufe70-\ufe74"
    r"\ufe76-\ufefc\uff10-\uff19\uff21-\uff3a\uff41-\uff5a\uff66-\uffbe\uffc2-\uffc7\uffca-\uffcf"
    r"\uffd2-\uffd7\uffda-\uffdc"
)
_MARKS_ASTRAL = (
    r"\U000101fd\U000102e0\U00010376-\U0001037a\U00010a01-\U00010a03\U00010a05-\U00010a06"
    r"\U00010a0c-\U00010a0f\U00010a38-\U00010a3a\U00010a3f\U00010ae5-\U00010ae6"
    r"\U00010d24-\U00010d27\U00010eab-\U00010eac\U00010f46-\U00010f50\U00010f82-\U00010f85"
    r"\U00011000-\U00011002\U00011038-\U00011046\U00011070\U00011073-\U00011074"
    r"\U0001107f-\U00011082\U000110b0-\U000110ba\U000110c2\U00011100-\U00011102"
    r"\U00011127-\U00011134\U00011145-\U00011146\U00011173\U00011180-\U00011182"
    r"\U000111b3-\U000111c0\U000111c9-\U000111cc\U000111ce-\U000111cf\U0001122c-\U00011237"
    r"\U0001123e\U000112df-\U000112ea\U00011300-\U00011303\U0001133b-\U0001133c"
    r"\U0001133e-\U00011344\U00011347-\U00011348\U0001134b-\U0001134d\U00011357"
    r"\U00011362-\U00011363\U00011366-\U0001136c\U00011370-\U00011374\U00011435-\U00011446"
    r"\U0001145e\U000114b0-\U000114c3\U000115af-\U000115b5\U000115b8-\U000115c0"
    r"\U000115dc-\U000115dd\U00011630-\U00011640\U000116ab-\U000116b7\U0001171d-\U0001172b"
    r"\U0001182c-\U0001183a\U00011930-\U00011935\U00011937-\U00011938\U0001193b-\U0001193e"
    r"\U00011940\U00011942-\U00011943\U000119d1-\U000119d7\U000119da-\U000119e0\U000119e4"
    r"\U00011a01-\U00011a0a\U00011a33-\U00011a39\U00011a3b-\U00011a3e\U00011a47"
    r"\U00011a51-\U00011a5b\U00011a8a-\U00011a99\U00011c2f-\U00011c36\U00011c38-\U00011c3f"
    r"\U00011c92-\U00011ca7\U00011ca9-\U00011cb6\U00011d31-\U00011d36\U00011d3a"
    r"\U00011d3c-\U00011d3d\U00011d3f-\U00011d45\U00011d47\U00011d8a-\U00011d8e"
    r"\U00011d90-\U00011d91\U00011d93-\U00011d97\U00011ef3-\U00011ef6\U00016af0-\U00016af4"
    r"\U00016b30-\U00016b36\U00016f4f\U00016f51-\U00016f87\U00016f8f-\U00016f92\U00016fe4"
    r"\U00016ff0-\U00016ff1\U0001bc9d-\U0001bc9e\U0001cf00-\U0001cf2d\U0001cf30-\U0001cf46"
    r"\U0001d165-\U0001d169\U0001d16d-\U0001d172\U0001d17b-\U0001d182\U0001d185-\U0001d18b"
    r"\U0001d1aa-\U0001d1ad\U0001d242-\U0001d244\U0001da00-\U0001da36\U0001da3b-\U0001da6c"
    r"\U0001da75\U0001da84\U0001da9b-\U0001da9f\U0001daa1-\U0001daaf\U0001e000-\U0001e006"
    r"\U0001e008-\U0001e018\U0001e01b-\U0001e021\U0001e023-\U0001e024\U0001e026-\U0001e02a"
    r"\U0001e130-\U0001e136\U0001e2ae\U0001e2ec-\U0001e2ef\U0001e8d0-\U0001e8d6"
    r"\U0001e944-\U0001e94a\U000e0100-\U000e01ef"
)

#: One character a word goes on with: a letter, a digit or a combining mark
#: (``\p{L}``, ``\p{N}``, ``\p{M}``). The astral ranges are tried only for an astral
#: character: a class holding them too is tested by a scan of its ranges.
WORD_CHAR = rf"(?:[{_WORD_CHARS_BMP}]|(?=[\U00010000-\U0010ffff])(?:{ALNUM}|[{_MARKS_ASTRAL}]))"
#: Characters that join two runs of letters/digits into one word: apostrophes
#: (``' ’ ʼ``), hyphens (``- ‐ ‑``), the soft hyphen and the zero-width (non-)joiner.
WORD_JOINERS = "'’ʼ-‐‑\u00ad\u200c\u200d"
_JOINER_CLASS = "[" + "".join(map(re.escape, WORD_JOINERS)) + "]"
# what a word goes on with after a run of BMP letters, digits and marks: a joiner
# followed by a letter/digit, "." or "," between two digits, an astral letter/digit/mark
_ON = (
    rf"(?:{_JOINER_CLASS}(?={ALNUM})|[.,](?<=\d.)(?=\d)"
    rf"|(?=[\U00010000-\U0010ffff])(?:{ALNUM}|[{_MARKS_ASTRAL}]))"
)

#: The word, in Python ``re`` syntax (see :func:`words` for the definition): an
#: abbreviation written with periods, else a letter or digit followed by letters,
#: digits and combining marks, where one joiner (:data:`WORD_JOINERS`) or, between two
#: digits, one ``.`` or ``,`` may stand between two letters/digits. Written for speed
#: (a little faster than ``[^\W_]+(?:[-'’][^\W_]+)*``, twice as fast on Devanagari or
#: vocalised Arabic): possessive quantifiers (no backtracking), runs of BMP word
#: characters as one bitmap class, and the period of an abbreviation tested before its
#: lookbehind, which most words then never run.
WORD_PATTERN = (
    rf"{ALNUM}(?:"
    rf"\.(?<={LETTER}\.)(?:{LETTER}\.)+"  # U.S., т.е.
    rf"|[{_WORD_CHARS_BMP}]*+(?:{_ON}[{_WORD_CHARS_BMP}]*+)*+"  # cease-fire, 1,200, हिन्दी
    r")"
)
#: :data:`WORD_PATTERN`, compiled.
WORD_RE = re.compile(WORD_PATTERN)


def words(text: str) -> list[str]:
    """The words of a text, in order: the one word definition of the toolkit.

    Every statistic that counts or lists words uses this definition: ``n_words`` of
    :func:`~toolkit.stats.summary.article_stats`, the Gopher repetition values, line
    repeats and near-duplicate articles (:mod:`toolkit.stats.repetition`), and the
    keyword tokens, n-grams and collocations (:mod:`toolkit.stats.keywords`, which
    then normalises and filters them in a separate, documented step). A word is, in
    this order of preference:

    1. an abbreviation written with periods, single letters each followed by ``.``:
       ``U.S.``, ``т.е.`` (periods included);
    2. a number with decimal or thousands separators, ``3.5``, ``1,200``, ``4,5``: a
       ``.`` or ``,`` between two digits joins (``2026`` is a plain run of digits);
    3. runs of letters, digits and combining marks, joined across single apostrophes
       and hyphens (:data:`WORD_JOINERS`): ``cease-fire``, ``северо-запад``,
       ``don't``, ``O'Neill``, ``COVID-19``, ``हिन्दी``.

    Why so, for news in many languages:

    - **Letters and digits** are those of Unicode (``str.isalnum``: any script, any
      digits), so numbers are words, as a reader counts them ("in 2026" is two
      words); keyword tables can leave them out (``keep_numbers``).
    - **Combining marks** (``\\p{M}``) never start a word but continue one: Devanagari
      vowel signs and virama, Arabic and Hebrew vowel points, Thai and Bengali marks,
      and accents of text that is not in NFC are part of the letter they sit on
      (``str.isalnum`` alone would cut ``हिन्दी`` into three "words").
    - **Joiners** inside a word keep compounds and elisions whole; the soft hyphen
      and the zero-width non-joiner (Persian ``می\\u200cشود``) are invisible inside a word.
      A joiner at either end of a word is not part of it (``'90s`` is ``90s``).
    - **Underscores, punctuation, symbols, emoji and whitespace** are never part of a
      word (``foo_bar`` is two words; underscores in news text are mostly form lines,
      handles and file names), so no word is empty and none spans a line break.

    Parameters
    ----------
    text : str
        Any text; ``""`` gives ``[]``.

    Returns
    -------
    list of str
        The words as they stand in the text (no case folding, no normalisation).

    Examples
    --------
    >>> words("The U.S. cease-fire: 1,200 troops, 3.5 km; don't panic!")
    ['The', 'U.S.', 'cease-fire', '1,200', 'troops', '3.5', 'km', "don't", 'panic']
    >>> words("На северо-западе, в 2026 году"), words("हिन्दी समाचार")
    (['На', 'северо-западе', 'в', '2026', 'году'], ['हिन्दी', 'समाचार'])
    >>> words("snake_case -- 'quoted' ... e-mail@x.org"), words("")
    (['snake', 'case', 'quoted', 'e-mail', 'x', 'org'], [])
    """
    return WORD_RE.findall(text)


def count_words(texts: Any) -> np.ndarray:
    """The number of :func:`words` of every text.

    Parameters
    ----------
    texts : pandas.Series or iterable of str
        Missing values (and anything that is not a string) count as ``""``.

    Returns
    -------
    numpy.ndarray of int64
        One count per text, in order.

    Examples
    --------
    >>> count_words(["The U.S. cease-fire held.", "", None, "1,200 troops"]).tolist()
    [4, 0, 0, 2]
    """
    values = texts.tolist() if isinstance(texts, pd.Series) else list(texts)
    findall = WORD_RE.findall
    return np.fromiter(
        (len(findall(t)) if isinstance(t, str) else 0 for t in values),
        dtype=np.int64,
        count=len(values),
    )


#: Characters tried, in order, as a text separator when many texts are tokenized in one
#: regex pass (:func:`separator_of`): none of them is part of a word.
SEPARATORS: tuple[str, ...] = ("\x00", "\x01", "\x02", "\x03", "\ue000", "\uffff")


@lru_cache(maxsize=len(SEPARATORS))
def _words_or(sep: str) -> re.Pattern[str]:
    """:data:`WORD_PATTERN` or ``sep``, compiled on first use (5 ms each)."""
    return re.compile(f"{WORD_PATTERN}|{re.escape(sep)}")


def separator_of(texts: list[str]) -> str | None:
    """The first of :data:`SEPARATORS` that occurs in none of ``texts`` (None if each does).

    Examples
    --------
    >>> separator_of(["a", "b\\x00"]), separator_of([]), separator_of(list(SEPARATORS))
    ('\\x01', None, None)
    """
    if not texts:
        return None
    return next((c for c in SEPARATORS if not any(c in t for t in texts)), None)


def flat_words(texts: list[str]) -> tuple[list[str], np.ndarray, str | None]:
    """All :func:`words` of ``texts`` in one list, in one regex pass when possible.

    The texts are joined with a separator that occurs in none of them
    (:func:`separator_of`) and tokenized at once (about a third faster than one call
    per text); the separator then stands in the list after the words of every text
    (no word contains it), and the counts are left empty for the caller to take from
    its positions. Without such a separator (None), one pass per text, and the counts
    are the words of each text.

    Parameters
    ----------
    texts : list of str

    Returns
    -------
    (list of str, numpy.ndarray of int64, str or None)
        The words (with the separators), the words per text (empty when a separator
        was used), and the separator.

    Examples
    --------
    >>> flat_words(["Rain fell.", "", "Sun"])
    (['Rain', 'fell', '\\x00', '\\x00', 'Sun', '\\x00'], array([], dtype=int64), '\\x00')
    >>> found, counts, sep = flat_words(["a\\x00b\\x01\\x02\\x03\\ue000\\uffff", "c d"])
    >>> found, counts.tolist(), sep
    (['a', 'b', 'c', 'd'], [2, 2], None)
    """
    sep = separator_of(texts)
    if sep is None:
        found = [WORD_RE.findall(t) for t in texts]
        counts = np.fromiter(map(len, found), dtype=np.int64, count=len(texts))
        return list(chain.from_iterable(found)), counts, None
    return _words_or(sep).findall(sep.join(texts) + sep), np.zeros(0, dtype=np.int64), sep


def factorize_words(found: list[str]) -> tuple[np.ndarray, list[str], np.ndarray]:
    """Number a list of words by first sight, and measure each one.

    Arrow's hash table and length kernel (about 1.6x ``pandas.factorize``); pandas and
    Python when Arrow refuses a string (a lone surrogate).

    Parameters
    ----------
    found : list of str
        Words (of :func:`flat_words`, say).

    Returns
    -------
    (numpy.ndarray of int64, list of str, numpy.ndarray of int64)
        The code of every word (``distinct[code]`` is the word), the distinct words in
        order of first sight, and the length of every word in code points.

    Examples
    --------
    >>> codes, distinct, lengths = factorize_words(["rain", "Rain", "rain", "дождь"])
    >>> codes.tolist(), distinct, lengths.tolist()
    ([0, 1, 0, 2], ['rain', 'Rain', 'дождь'], [4, 4, 4, 5])
    """
    try:
        arr = pa.array(found, type=pa.large_string())
    except (UnicodeEncodeError, pa.ArrowException):  # lone surrogates
        codes, uniques = pd.factorize(np.array(found, dtype=object))
        lengths = np.fromiter(map(len, found), dtype=np.int64, count=len(found))
        return codes.astype(np.int64), uniques.tolist(), lengths
    encoded = pc.dictionary_encode(arr)
    codes = encoded.indices.to_numpy(zero_copy_only=False).astype(np.int64)
    lengths = pc.utf8_length(arr).to_numpy(zero_copy_only=False).astype(np.int64)
    return codes, encoded.dictionary.to_pylist(), lengths


#: Characters of text that a pass holds at once (see :func:`char_runs`): the hash
#: tables and token lists of about 1 MB of text stay small and in cache, and a batch of
#: labelled lines takes some 40-50x that in memory.
RUN_CHARS = 1_000_000


def char_runs(
    lengths: np.ndarray | list[int],
    limit: int | None,
    *,
    starts: np.ndarray | None = None,
    block: int | None = None,
) -> list[tuple[int, int]]:
    """Cut consecutive items into runs of about ``limit`` characters: the one chunker.

    Every pass that works a run at a time (labelling batches of articles, hashing the
    words of a chunk of texts, scanning scripts, tokenizing keywords) cuts its input
    with this function. A run ends before the item that would take it past ``limit``
    characters; an item longer than ``limit`` is a run of its own.

    Parameters
    ----------
    lengths : array-like of int
        Characters of each item, in order.
    limit : int or None
        Characters per run; ``None``: one run of everything.
    starts : numpy.ndarray, optional
        Sorted positions where a run may begin (say, the first line of each article,
        so that a run holds whole articles); any position by default.
    block : int, optional
        A run never crosses a multiple of ``block`` items.

    Returns
    -------
    list of (int, int)
        ``[start, stop)`` ranges covering ``0 .. len(lengths)`` in order (``[]`` for no
        items).

    Examples
    --------
    >>> char_runs([3, 2, 0, 5, 1, 1], 5)
    [(0, 3), (3, 4), (4, 6)]
    >>> char_runs([3, 2, 0, 5, 1, 1], 5, starts=np.array([0, 2, 4]))
    [(0, 2), (2, 4), (4, 6)]
    >>> char_runs([1, 1, 1], None), char_runs([], 10)
    ([(0, 3)], [])
    """
    ends = np.cumsum(np.asarray(lengths, dtype=np.int64))
    n = len(ends)
    if n == 0:
        return []
    if limit is None:
        return [(0, n)]
    if int(limit) < 1:
        raise ValueError(f"the characters per run must be a positive number or None, got {limit!r}")
    runs = []
    start = 0
    while start < n:
        before = int(ends[start - 1]) if start else 0
        stop = max(int(np.searchsorted(ends, before + int(limit), side="right")), start + 1)
        if block is not None:
            stop = min(stop, (start // block + 1) * block)
        if starts is not None and stop < n:
            at = int(np.searchsorted(starts, stop, side="right")) - 1  # last start <= stop
            if at < 0 or int(starts[at]) <= start:  # a single item too long: up to the next
                at = int(np.searchsorted(starts, start, side="right"))
                stop = int(starts[at]) if at < len(starts) else n
            else:
                stop = int(starts[at])
        stop = min(stop, n)
        runs.append((start, stop))
        start = stop
    return runs
