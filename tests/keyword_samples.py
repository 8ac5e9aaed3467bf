"""Sample articles shared by the keyword tests (tests/stats/keywords/)."""

from __future__ import annotations

import pandas as pd

# Written for these tests (no text copied from real articles).
CLEAN_HERALD = (
    "The harbour flooded after the storm on Monday, the port authority said.\n\n"
    "Harbour workers pumped water from the docks while the storm moved east."
)
CLEAN_COURIER = (
    "Wheat prices rose for a third week as farmers held back grain, traders said.\n\n"
    "The ministry said wheat exports would stay open despite the prices."
)
DIRTY_HERALD = (
    "Subscribe\nLog in or register\n\n"
    + CLEAN_HERALD
    + "\n\n“The harbour flooded after the storm on Monday,” the port authority said.\n\n"
    "Подписаться на рассылку\nRead more: Storm warnings for the coast"
)


def arts_of(
    texts: list[str], outlets: list[str], dates: list[str | None] | None = None
) -> pd.DataFrame:
    frame = pd.DataFrame(
        {
            "article_id": [f"a{i}" for i in range(len(texts))],
            "outlet": outlets,
            "text": texts,
        }
    )
    if dates is not None:
        frame["published_at"] = dates
    return frame


EMPTY = pd.DataFrame({"article_id": [], "outlet": [], "text": []})
BLANK = arts_of([""], ["Herald"])


__all__ = ["BLANK", "CLEAN_COURIER", "CLEAN_HERALD", "DIRTY_HERALD", "EMPTY", "arts_of"]
