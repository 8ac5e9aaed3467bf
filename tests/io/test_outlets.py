"""Tests of toolkit.io.outlets: the outlet named by a page-title suffix in the text."""

from __future__ import annotations

import pytest

from toolkit.io.outlets import infer_outlet_from_text, split_title_suffix


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("", None),
        ("- Read more\nText", None),
        ("- Advertisement -\nText", None),
        ("Headline here | rt.com\nText.", "rt.com"),
        ("Opening line.\n- The Moscow Times\nBody.", "The Moscow Times"),
        ("Prices fall - officials said on Monday\nBody.", None),
        ("Home | World | Europe\nBody.", None),
        ("Talks resume in Geneva | World | Daily Ledger\nBody.", "Daily Ledger"),
    ],
)
def test_infer_outlet_from_text_cases(text: str, expected: str | None) -> None:
    result = infer_outlet_from_text(text)
    assert (result[0] if result else None) == expected


def test_split_title_suffix_needs_a_longer_headline_and_an_outlet_like_name() -> None:
    assert split_title_suffix("Storms move east | Metro Wire") == ("Storms move east", "Metro Wire")
    assert split_title_suffix("Wire | Metro Wire Service") is None  # head shorter than name
    assert split_title_suffix("Prices fall - officials said") is None
