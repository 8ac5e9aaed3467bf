"""Tests of toolkit.io.dates: every printed format, the choice between candidates, safety."""

from __future__ import annotations

import time

import pandas as pd
import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from toolkit.io.dates import (
    DATE_COLUMNS,
    DATE_SOURCES,
    DateFound,
    date_from_url,
    find_date,
    find_dates,
)


def one(text: str, **kwargs: object) -> pd.Series:
    """The single row of find_dates([text])."""
    return find_dates([text], **kwargs).iloc[0]  # type: ignore[arg-type]


def utc(value: str) -> pd.Timestamp:
    return pd.Timestamp(value).tz_convert("UTC")


# Hand-written pages: (text, expected UTC instant, expected source).
FORMATS = [
    ("Mayor resigns\nBy Ada Holm\n19.01.2016\nThe mayor said...", "2016-01-19T00:00Z", "byline"),
    ("Mayor resigns\n2016-01-19T12:45:00+03:00\nThe mayor said", "2016-01-19T09:45Z", "iso"),
    ("Mayor resigns\n2016-01-19T12:45:00Z\n", "2016-01-19T12:45Z", "iso"),
    ("Mayor resigns\nJanuary 19, 2016 12:45 GMT\nThe mayor...", "2016-01-19T12:45Z", "byline"),
    ("Mayor resigns\nJan 19, 2016\nThe mayor said", "2016-01-19T00:00Z", "byline"),
    ("Mayor resigns\nJan. 19, 2016\nThe mayor said", "2016-01-19T00:00Z", "byline"),
    ("Mayor resigns\n19 January 2016\nThe mayor said", "2016-01-19T00:00Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 6:40 AM UTC\nText", "2024-03-04T06:40Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 6:40 PM UTC\nText", "2024-03-04T18:40Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 12:05 a.m. UTC\nText", "2024-03-04T00:05Z", "byline"),
    ("Mayor resigns\nSunday 10 March 2024 6:30 pm\nText", "2024-03-10T18:30Z", "byline"),
    ("Mayor resigns\nTuesday 8th January 2008 16:05 GMT\n", "2008-01-08T16:05Z", "byline"),
    ("Мэр ушёл в отставку\n19 января 2016\nМэр заявил", "2016-01-19T00:00Z", "byline"),
    ("Мэр ушёл в отставку\n19 января 2016, 12:45\nМэр заявил", "2016-01-19T12:45Z", "byline"),
    ("Мэр ушёл в отставку\n28 марта 2024, 18:00 МСК\n", "2024-03-28T15:00Z", "byline"),
    ("Мэр ушёл\n19 января 2016 г. в 12:45 (MSK)\n", "2016-01-19T09:45Z", "byline"),
    ("Мэр ушёл\n3 янв. 2016\n", "2016-01-03T00:00Z", "byline"),
    ("Mayor resigns\nPublished: 18:30, 5 Mar 2024\nText", "2024-03-05T18:30Z", "published"),
    ("Mayor resigns\nPublished 11 March 2024\nText", "2024-03-11T00:00Z", "published"),
    ("Mayor resigns\nPosted on Tue, Jan. 08, 2008 09:15 PM\n", "2008-01-08T21:15Z", "published"),
    ("Мэр ушёл\nОпубликовано 19 января 2016, 12:45\n", "2016-01-19T12:45Z", "published"),
    ("Mayor resigns\nUpdated 19 January 2016 10:00 EST\n", "2016-01-19T15:00Z", "updated"),
    ("Мэр ушёл\nОбновлено: 19.01.2016 10:00\n", "2016-01-19T10:00Z", "updated"),
    ("Mayor resigns\nPosted 10/10/2012 09:14:00 PM\n", "2012-10-10T21:14Z", "published"),
    ("Mayor resigns\nBy Ada Holm, 6/20/04\n", "2004-06-20T00:00Z", "byline"),
    ("Mayor resigns\n2016/01/19\n", "2016-01-19T00:00Z", "byline"),
    ("Mayor resigns\n11:24 pm October 26, 2011\n", "2011-10-26T23:24Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 6:40 AM CET\n", "2024-03-04T05:40Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 6:40 AM EDT\n", "2024-03-04T10:40Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 06:40 +0530\n", "2024-03-04T01:10Z", "byline"),
    ("Mayor resigns\nMarch 4, 2024 06:40 GMT+2\n", "2024-03-04T04:40Z", "byline"),
    ("Mayor resigns\nJuly 24, 2012, 8:38 a.m. ET\n", "2012-07-24T12:38Z", "byline"),
    ("Mayor resigns\nJanuary 24, 2012, 8:38 a.m. ET\n", "2012-01-24T13:38Z", "byline"),
    ("Mayor resigns\n6:05 PM on 09/21/2012\n", "2012-09-21T18:05Z", "byline"),
    ("Mayor resigns\nBy Ann Lee // November 6th, 2012 // 6:25 pm\n", "2012-11-06T18:25Z", "byline"),
    (
        "Tech help\nContact us at help@example.org / Last update: 9 Dec 2006\n",
        "2006-12-09T00:00Z",
        "updated",
    ),
]


@pytest.mark.parametrize(("text", "expected", "source"), FORMATS)
def test_formats(text: str, expected: str, source: str) -> None:
    row = one(text)
    assert row["published_at"] == utc(expected), row["date_raw"]
    assert row["date_source"] == source
    assert row["date_reason"] is None


def test_columns_dtype_and_index() -> None:
    texts = pd.Series(["Jan 19, 2016", "", None], index=["a", "b", "c"])
    found = find_dates(texts)
    assert tuple(found.columns) == DATE_COLUMNS
    assert list(found.index) == ["a", "b", "c"]
    assert str(found["published_at"].dtype) == "datetime64[ns, UTC]"
    assert found["date_reason"].tolist() == [None, "empty text", "empty text"]
    assert set(found["date_source"].dropna()) <= set(DATE_SOURCES)


def test_input_not_mutated() -> None:
    texts = pd.Series(["Jan 19, 2016", "x"])
    copy = texts.copy()
    find_dates(texts, titles=["Title here", None])
    pd.testing.assert_series_equal(texts, copy)


def test_empty_input() -> None:
    found = find_dates([])
    assert list(found.columns) == list(DATE_COLUMNS)
    assert len(found) == 0
    assert str(found["published_at"].dtype) == "datetime64[ns, UTC]"


# ------------------------------------------------------------------------ choosing


def test_published_beats_updated_on_one_line() -> None:
    row = one("Title\nPublished: 07:30, 3 Apr 2024 | Updated: 10:15, 3 Apr 2024\n")
    assert row["published_at"] == utc("2024-04-03T07:30Z")
    assert row["date_source"] == "published"


def test_published_beats_updated_in_either_order() -> None:
    row = one("Title\nUpdated 5 April 2024 10:00\nPublished 3 April 2024 09:00\n")
    assert row["published_at"] == utc("2024-04-03T09:00Z")


def test_updated_is_used_when_alone() -> None:
    row = one("Title\nLast updated: April 5, 2024\nThe text of the story goes on here.")
    assert row["date_source"] == "updated"
    assert row["published_at"] == utc("2024-04-05T00:00Z")


def test_russian_updated_only_time_is_ignored() -> None:
    row = one("Заголовок\n15 марта 2024, 17:10 • Обновлено 18:08\nТекст")
    assert row["published_at"] == utc("2024-03-15T17:10Z")


def test_byline_beats_body_dates() -> None:
    text = (
        "The council closed the old bridge in 2005, and on January 6, 2011 it opened a new one "
        "that cost far more than planned, the auditors said.\n"
        "Bridge reopens\nBy Ada Holm\nMarch 4, 2024\n"
        "On January 6 the mayor promised repairs."
    )
    row = one(text)
    assert row["published_at"] == utc("2024-03-04T00:00Z")
    assert row["date_source"] == "byline"


def test_byline_among_separated_chrome() -> None:
    line = (
        "by Ann Lee | @annlee | Share on the social networks | Comment | 12 comments | May 2, 2019"
    )
    assert one("Title\n" + line + "\n")["date_source"] == "byline"


def test_body_date_is_the_last_resort() -> None:
    text = "The council said on January 6, 2011 that the old bridge would close for repairs soon."
    row = one(text)
    assert row["date_source"] == "body"
    assert row["published_at"] == utc("2011-01-06T00:00Z")


def test_body_without_year_gives_reason() -> None:
    row = one("The council said on January 6 that the old bridge would close for repairs.")
    assert pd.isna(row["published_at"])
    assert row["date_reason"] == "no year (January 6)"


def test_first_byline_wins_over_comment_dates() -> None:
    text = (
        "Bridge reopens\nMay 2, 2019\nText of the story.\nComments\nAnn, May 9, 2019 at 5:48 pm\n"
    )
    assert one(text)["published_at"] == utc("2019-05-02T00:00Z")


def test_title_moves_the_choice_past_a_header_date() -> None:
    text = "Monday, 16 January 2008\nHome  News  Sport\nBridge reopens\n09 January 2008 - 11:14AM\n"
    assert one(text)["published_at"] == utc("2008-01-16T00:00Z")
    row = one(text, titles=["Bridge reopens"])
    assert row["published_at"] == utc("2008-01-09T11:14Z")


def test_dateline_takes_year_from_another_date() -> None:
    text = (
        "Markets News | Wire\n"
        "PORT HALDEN, March 4 (Northbridge Wire) - Dockworkers walked out.\n"
        "More from the Wire\nUpdated: March 5, 2024 09:00\n"
    )
    row = one(text)
    assert row["date_source"] == "dateline"
    assert row["published_at"] == utc("2024-03-04T00:00Z")
    assert row["date_raw"] == "March 4"


def test_dateline_year_rolls_back_over_new_year() -> None:
    text = "OSLO, Dec 30 (Wire) - Talks failed.\nUpdated January 2, 2025 10:00\n"
    assert one(text)["published_at"] == utc("2024-12-30T00:00Z")


def test_russian_dateline() -> None:
    text = "МОСКВА, 19 января — Переговоры сорвались.\nОбновлено 20 января 2016, 10:00\n"
    row = one(text)
    assert (row["date_source"], row["published_at"]) == ("dateline", utc("2016-01-19T00:00Z"))


def test_dateline_without_year_stays_nat_with_reason() -> None:
    row = one("PORT HALDEN, March 4 (Northbridge Wire) - Dockworkers walked out on Monday.")
    assert pd.isna(row["published_at"])
    assert row["date_reason"] == "dateline without year (March 4)"


def test_byline_wins_over_dateline() -> None:
    text = "By Ann Lee\nMarch 4, 2024 6:40 AM UTC\n\nPORT HALDEN, March 4 (Wire) - Workers left."
    row = one(text)
    assert (row["date_source"], row["published_at"]) == ("byline", utc("2024-03-04T06:40Z"))


# ----------------------------------------------------------------------- no date


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("Title\nUpdated 2 hours ago\nText", "relative date only (2 hours ago)"),
        ("Заголовок\n5 минут назад\nТекст", "relative date only (5 минут назад)"),
        ("Заголовок\nвчера, 12:45\nТекст", "relative date only (вчера)"),
        ("Title\nPosted yesterday\n", "relative date only (yesterday)"),
        ("Title\nNo dates at all in here.\n", "none found"),
        ("", "empty text"),
        ("   \n\t", "empty text"),
        ("Title\n13/13/2016\n", "invalid date (13/13/2016)"),
        ("Title\n30.02.2016\n", "invalid date (30.02.2016)"),
        ("Title\n31 April 2016\n", "invalid date (31 April 2016)"),
        ("Title\n32.01.2016\n", "invalid date (32.01.2016)"),
        ("Title\n19.13.2016\n", "invalid date (19.13.2016)"),
        ("Title\nMarch 4, 1850\n", "out of range (March 4, 1850)"),
        ("Title\n2016-01-19T25:61:00\n", "none found"),
        ("Title\n4 March 2250\n", "out of range (4 March 2250)"),
        ("Title\nMarch 4, 2024 13:05 PM\n", "invalid time (March 4, 2024 13:05 PM)"),
        ("The may 20 people came", "none found"),
    ],
)
def test_no_date(text: str, reason: str) -> None:
    row = one(text)
    assert pd.isna(row["published_at"])
    assert row["date_source"] is None and row["date_raw"] is None
    assert row["date_reason"] == reason


def test_invalid_date_does_not_hide_a_valid_one() -> None:
    row = one("Title\n30.02.2016\nPublished 1 March 2016\n")
    assert row["published_at"] == utc("2016-03-01T00:00Z")


def test_numbers_that_are_not_dates() -> None:
    for text in ("Version 1.2.2016.4 released", "Call 0140 555 0192", "Score 4/5/6/7", "1.0767"):
        assert pd.isna(one(text)["published_at"]), text


# --------------------------------------------------------------------- time zones


def test_default_tz_applies_to_times_without_zone() -> None:
    text = "Заголовок\n4 марта 2024, 15:00\n"
    assert one(text)["published_at"] == utc("2024-03-04T15:00Z")
    assert one(text, default_tz="Europe/Moscow")["published_at"] == utc("2024-03-04T12:00Z")
    assert one(text, default_tz="+03:00")["published_at"] == utc("2024-03-04T12:00Z")


def test_default_tz_follows_daylight_saving() -> None:
    text = "Title\nMonday 8 April 2024 2:30 pm\n"
    assert one(text, default_tz="Europe/London")["published_at"] == utc("2024-04-08T13:30Z")


def test_printed_zone_beats_default() -> None:
    text = "Title\nMarch 4, 2024 6:40 AM UTC\n"
    assert one(text, default_tz="Europe/Moscow")["published_at"] == utc("2024-03-04T06:40Z")


def test_default_tz_per_row() -> None:
    texts = ["Title\n4 March 2024 15:00\n", "Заголовок\n4 марта 2024, 15:00\n"]
    found = find_dates(texts, default_tz=["UTC", "Europe/Moscow"])
    assert found["published_at"].tolist() == [utc("2024-03-04T15:00Z"), utc("2024-03-04T12:00Z")]


def test_bad_arguments() -> None:
    with pytest.raises(ValueError, match="unknown time zone"):
        find_dates(["x"], default_tz="Mars/Olympus")
    with pytest.raises(ValueError, match="titles has 2 values for 1 texts"):
        find_dates(["x"], titles=["a", "b"])


# ---------------------------------------------------------------------------- urls


@pytest.mark.parametrize(
    ("url", "expected"),
    [
        ("https://news.example/world/2016/01/19/strike", "2016-01-19"),
        ("https://news.example/economy/20240304/845994.html", "2024-03-04"),
        ("https://news.example/port-walkout-2024-03-04/", "2024-03-04"),
        ("http://blog.example/2005_06_12_archive.html", "2005-06-12"),
        ("https://news.example/story/2016/13/45/", None),
        ("https://news.example/article/845994201601.html", None),
        ("https://20160119.example/", None),
        ("", None),
        (None, None),
    ],
)
def test_date_from_url(url: str | None, expected: str | None) -> None:
    got = date_from_url(url)
    assert got == (None if expected is None else pd.Timestamp(expected, tz="UTC"))


def test_urls_are_only_a_fallback() -> None:
    texts = ["Title\nMarch 4, 2024\n", "Title without any date"]
    urls = ["https://x.example/2020/01/01/a", "https://x.example/2020/01/02/b"]
    found = find_dates(texts, urls=urls)
    assert found["published_at"].tolist() == [utc("2024-03-04T00:00Z"), utc("2020-01-02T00:00Z")]
    assert found["date_source"].tolist() == ["byline", "url"]


# ---------------------------------------------------------------------- find_date


def test_find_date() -> None:
    got = find_date("Title\nPublished 11 March 2024\n")
    assert got == DateFound(utc("2024-03-11T00:00Z"), "published", "11 March 2024")
    assert find_date("Updated 8 hours ago") is None
    assert find_date("") is None


# ------------------------------------------------------------------------- safety


@pytest.mark.parametrize(
    "line",
    [
        "x - " * 250_000,
        "1.2.3.4.5.6.7.8.9.0." * 50_000,
        "19.01.2016 " * 90_000,
        "March 4, " * 110_000,
        "1" * 1_000_000,
        "12:30 " * 160_000,
        "Published " * 100_000,
        "PORT, March 4 (" * 60_000,
    ],
    ids=["x-dash", "digits-dots", "dates", "months", "digits", "times", "labels", "datelines"],
)
def test_pathological_line_is_linear(line: str) -> None:
    start = time.process_time()
    find_dates([line])
    assert time.process_time() - start < 2.0  # about 0.1-0.8 s; quadratic would take minutes


@settings(max_examples=300, deadline=None, suppress_health_check=[HealthCheck.too_slow])
@given(st.lists(st.text(max_size=300), max_size=4))
def test_never_raises_and_always_utc(texts: list[str]) -> None:
    found = find_dates(texts)
    assert len(found) == len(texts)
    assert str(found["published_at"].dtype) == "datetime64[ns, UTC]"
    for value, reason in zip(found["published_at"], found["date_reason"], strict=True):
        assert pd.isna(value) != (reason is None)
        if not pd.isna(value):
            assert (
                pd.Timestamp("1899-12-30", tz="UTC")
                <= value
                <= pd.Timestamp("2101-01-02", tz="UTC")
            )


_DATEISH = st.sampled_from(
    ["19", ".", "01", "2016", " ", "января", "Jan", "March", ",", ":", "12", "45", "PM",
     "UTC", "MSK", "+03:00", "T", "-", "/", "\n", "Published", "Updated", "ago", "2 hours",
     "99", "1850", "2250", "13", "30", "02", "(", ")", "PARIS"]
)  # fmt: skip


@settings(max_examples=300, deadline=None)
@given(st.lists(_DATEISH, max_size=40).map("".join))
def test_date_like_noise_never_raises(text: str) -> None:
    found = find_dates([text])
    value = found["published_at"].iloc[0]
    assert pd.isna(value) or value.tzinfo is not None
