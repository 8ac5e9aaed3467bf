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


# --- Arrow's fast reader and the checking reader agree -------------------------------

_CELL = st.text(alphabet=st.sampled_from(list('ab ,;"\n\t\r\u00e9\u0416')), max_size=8)


def _both(text: str, delimiter: str) -> None:
    from toolkit.io.tables import read_delimited_checked

    fast = read_delimited(text, delimiter)
    checked = read_delimited_checked(text, delimiter)
    assert fast[0].columns.tolist() == checked[0].columns.tolist()
    assert fast[0].values.tolist() == checked[0].values.tolist()
    assert fast[1:] == checked[1:]


@settings(max_examples=300, deadline=None)
@given(
    st.integers(min_value=1, max_value=4).flatmap(
        lambda width: st.lists(st.lists(_CELL, min_size=width, max_size=width), max_size=6)
    ),
    st.sampled_from([",", ";", "\t"]),
    st.sampled_from([csv.QUOTE_MINIMAL, csv.QUOTE_ALL, csv.QUOTE_NONNUMERIC]),
)
def test_fast_reader_equals_checking_reader_on_written_tables(
    rows: list[list[str]], delimiter: str, quoting: int
) -> None:
    out = io.StringIO()
    writer = csv.writer(out, delimiter=delimiter, quoting=quoting, lineterminator="\n")
    width = len(rows[0]) if rows else 2
    writer.writerow([f"c{i}" for i in range(width)])
    writer.writerows(rows)
    _both(out.getvalue(), delimiter)


@settings(max_examples=300, deadline=None)
@given(st.text(alphabet=st.sampled_from(list('ab,"\n \r')), max_size=40))
def test_fast_reader_equals_checking_reader_on_any_text(body: str) -> None:
    _both("x,y\n" + body, ",")


def test_fast_reader_declines_what_it_might_read_differently() -> None:
    from toolkit.io.tables import _read_delimited_fast

    assert _read_delimited_fast('a,b\n1,"x\n', ",") is None  # unclosed quote
    assert _read_delimited_fast('a,b\n"a,"x,2\n', ",") is None  # text after a closing quote
    assert _read_delimited_fast("a,b\n1,2\n\n3,4\n", ",") is None  # blank line
    assert _read_delimited_fast("a,b\n1\n", ",") is None  # short row
    assert _read_delimited_fast("a,b\r\n1,2\r\n", ",") is None  # carriage returns
    fast = _read_delimited_fast('a,b\n"x\ny",2\n3,"q""uote"\n', ",")
    assert fast is not None
    frame, where, bad = fast
    assert frame.values.tolist() == [["x\ny", "2"], ["3", 'q"uote']]
    assert where == ["line 2", "line 4"] and bad == []
