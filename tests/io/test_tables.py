"""Tests of toolkit.io.tables: CSV/JSON records, read without losing the good rows."""

from __future__ import annotations

import csv
import io

from hypothesis import given, settings
from hypothesis import strategies as st

from toolkit.io.tables import read_delimited

_FIELD = st.text(
    alphabet=st.characters(exclude_categories=["Cs"], exclude_characters="\x00\r"),
    max_size=40,
)


@settings(max_examples=60, deadline=None)
@given(st.lists(st.tuples(_FIELD, _FIELD), min_size=1, max_size=8))
def test_read_delimited_round_trips_csv_writer_output(rows: list[tuple[str, str]]) -> None:
    buf = io.StringIO()
    writer = csv.writer(buf, lineterminator="\n")
    writer.writerow(["id", "text"])
    writer.writerows(rows)
    frame, where, problems = read_delimited(buf.getvalue(), ",")
    assert problems == []
    kept = [list(r) for r in rows if not (r == ("", ""))]
    got = frame.values.tolist()
    # a row of two empty fields is written as ',' and read back as two empty strings
    assert [r for r in got if r != ["", ""]] == [r for r in kept if r != ["", ""]]
    assert len(where) == len(got)
