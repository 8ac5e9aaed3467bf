"""The article rows of a folder or zip, kept by column, their texts moved to Arrow.

Examples
--------
>>> rows = ArticleRows(chunk_chars=4)
>>> for i, text in enumerate(["One.", "Two.", "Three."]):
...     rows.append({"article_id": f"a{i}", "outlet": "X", "title": None, "text": text,
...                  "published_at": None, "url": None, "source_path": f"a{i}.txt",
...                  "encoding": "utf-8", "outlet_source": "user", "date_source": None})
>>> len(rows), rows.frame()["text"].tolist()
(3, ['One.', 'Two.', 'Three.'])
"""

from __future__ import annotations

from typing import Any

import numpy as np
import pandas as pd
import pyarrow as pa

from toolkit.io.provenance import ROW_SOURCE_COLUMNS
from toolkit.schema import ARTICLE_COLUMNS, replace_surrogates

__all__ = ["ArticleRows", "arrow_texts"]


def arrow_texts(texts: list[str]) -> pa.Array:
    """Texts as an Arrow ``large_string`` array (the storage of pandas' ``str`` dtype).

    Lone UTF-16 surrogates, which no UTF-8 string can hold, become U+FFFD (as
    :func:`toolkit.schema.as_articles` replaces them).
    """
    try:
        encoded = [t.encode("utf-8") for t in texts]
    except UnicodeEncodeError:
        encoded = [replace_surrogates(t).encode("utf-8") for t in texts]
    # buffers of the exact size, each allocated once: Arrow's builder would grow them
    # by doubling, and the outgrown ones stay resident (fragments of the heap)
    offsets = np.zeros(len(encoded) + 1, dtype=np.int64)
    np.cumsum([len(b) for b in encoded], out=offsets[1:])
    data = b"".join(encoded)
    return pa.LargeStringArray.from_buffers(len(encoded), pa.py_buffer(offsets), pa.py_buffer(data))


class ArticleRows:
    """The article rows of a loader, kept by column; texts moved to Arrow as they come.

    ``append`` takes one row (a dict with the keys of :data:`ARTICLE_COLUMNS` and of
    :data:`~toolkit.io.provenance.ROW_SOURCE_COLUMNS`);
    :meth:`frame` makes the table, whose ``text`` column is the Arrow chunks, not a
    copy of them.
    """

    def __init__(self, chunk_chars: int) -> None:
        self.chunk_chars = chunk_chars
        self.columns: dict[str, list[Any]] = {
            c: [] for c in ARTICLE_COLUMNS + ROW_SOURCE_COLUMNS if c != "text"
        }
        self._texts: list[str] = []
        self._chars = 0
        self._chunks: list[pa.Array] = []
        self._n = 0

    def __len__(self) -> int:
        return self._n

    def append(self, row: dict[str, Any]) -> None:
        for name, values in self.columns.items():
            values.append(row[name])
        text = row["text"]
        self._texts.append(text)
        self._chars += len(text)
        self._n += 1
        if self._chars >= self.chunk_chars:
            self._flush()

    def _flush(self) -> None:
        if self._texts:
            self._chunks.append(arrow_texts(self._texts))
            self._texts, self._chars = [], 0

    def frame(self) -> pd.DataFrame:
        """The rows as a table (:data:`ARTICLE_COLUMNS` and the row sources, ``text`` of
        dtype ``str``)."""
        self._flush()
        text = pa.chunked_array(self._chunks, type=pa.large_string())
        data: dict[str, Any] = {
            # the optional columns stay objects (what as_articles makes of them anyway)
            name: values if name in ("article_id", "outlet") else pd.Series(values, dtype=object)
            for name, values in self.columns.items()
        }
        data["text"] = pd.Series(pd.array(text, dtype="str"), copy=False)
        return pd.DataFrame(data, columns=list(ARTICLE_COLUMNS + ROW_SOURCE_COLUMNS))
