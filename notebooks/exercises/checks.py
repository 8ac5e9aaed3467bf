"""Self-checks for the classroom exercises.

Each ``check_*`` function computes the right answer from the corpus the student loaded
(so the exercises also work on another corpus) and compares it with the student's
answer. It never shows the right answer: it says "Correct", "Not yet" with a hint, or
"Not answered yet" while the answer is still ``None``.

The result is a :class:`Feedback`: it displays as its message in a notebook and is true
only when the answer is right, so a teacher's solution can ``assert`` it.

Examples
--------
>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
...     "text": ["Rain fell.\\n\\nRain fell.", "Sun shone all day.", "Wind blew."]})
>>> check_articles_with_repeats(None, arts)
Not answered yet: replace None with your answer and run this cell again.
>>> check_articles_with_repeats(1, arts)
Correct!
>>> bool(check_articles_with_repeats(2, arts))
False
"""

from __future__ import annotations

import math
from typing import Any

import pandas as pd

import toolkit

__all__ = [
    "Feedback",
    "check_articles_with_repeats",
    "check_cluttered_outlet",
    "check_first_publisher",
    "check_foreign_script_outlet",
    "check_top_key_term",
    "check_words_removed",
]


class Feedback:
    """The outcome of a check: shown as its message, true only when correct.

    Parameters
    ----------
    ok : bool or None
        True (correct), False (not yet) or None (not answered).
    message : str
        What the student reads.

    Examples
    --------
    >>> fb = Feedback(True, "Correct!")
    >>> bool(fb), fb
    (True, Correct!)
    """

    def __init__(self, ok: bool | None, message: str) -> None:
        self.ok = ok
        self.message = message

    def __bool__(self) -> bool:
        return self.ok is True

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        colour = {True: "#1b5e20", False: "#b35c00", None: "#555555"}[self.ok]
        import html

        return f'<b style="color:{colour}">{html.escape(self.message)}</b>'


def _unanswered() -> Feedback:
    return Feedback(
        None, "Not answered yet: replace None with your answer and run this cell again."
    )


def _correct() -> Feedback:
    return Feedback(True, "Correct!")


def _not_yet(hint: str) -> Feedback:
    return Feedback(False, f"Not yet: {hint}")


def _same_text(a: Any, b: Any) -> bool:
    return str(a).strip().casefold() == str(b).strip().casefold()


def _outlet_answer(answer: Any, corpus: Any) -> tuple[str | None, Feedback | None]:
    """Match an outlet name (case and spaces ignored); a Feedback when it is no outlet."""
    if not isinstance(answer, str):
        return None, _not_yet('give the outlet\'s name as text, in quotes, e.g. "Daily Planet".')
    outlets = sorted(toolkit.as_articles(corpus)["outlet"].astype(str).unique())
    for outlet in outlets:
        if _same_text(answer, outlet):
            return outlet, None
    return None, _not_yet(
        f"{answer!r} is not an outlet of this corpus. The outlets are: {', '.join(outlets)}."
    )


# --------------------------------------------------------------------------- exercise 1


def check_cluttered_outlet(answer: Any, corpus: Any) -> Feedback:
    """Exercise 1: the outlet with the highest mean ``boilerplate_ratio`` (raw text).

    Parameters
    ----------
    answer : str or None
        The student's outlet name.
    corpus : Corpus or pandas.DataFrame
        The corpus loaded in the notebook.

    Returns
    -------
    Feedback
    """
    if answer is None:
        return _unanswered()
    outlet, problem = _outlet_answer(answer, corpus)
    if problem is not None:
        return problem
    by_outlet = toolkit.outlet_stats(toolkit.article_stats(corpus), n_boot=10)
    means = by_outlet.set_index("outlet")["boilerplate_ratio_mean"]
    if outlet == means.idxmax():
        return _correct()
    if outlet == means.idxmin():
        return _not_yet("that is the *least* cluttered outlet. Sort from the largest value down.")
    medians = by_outlet.set_index("outlet")["boilerplate_ratio_median"]
    if outlet == medians.idxmax():
        return _not_yet("that outlet has the highest *median*; the question asks for the mean.")
    return _not_yet(
        "not the highest. Look at the column boilerplate_ratio_mean of outlet_stats and "
        "sort it with .sort_values(..., ascending=False)."
    )


# --------------------------------------------------------------------------- exercise 2


def check_articles_with_repeats(answer: Any, corpus: Any) -> Feedback:
    """Exercise 2: how many articles have at least one repeated line (exact or near).

    Parameters
    ----------
    answer : int or None
    corpus : Corpus or pandas.DataFrame

    Returns
    -------
    Feedback
    """
    if answer is None:
        return _unanswered()
    if isinstance(answer, bool) or not isinstance(answer, int | float) or answer != int(answer):
        return _not_yet("the answer is a whole number of articles, e.g. 12.")
    lines = toolkit.label_lines(corpus)
    repeated = lines.loc[lines["is_repeat"].astype(bool)]
    right = int(repeated["article_id"].nunique())
    if int(answer) == right:
        return _correct()
    if int(answer) == len(repeated) and len(repeated) != right:
        return _not_yet("you counted repeated *lines*. Count the *articles* that have one.")
    exact = int(repeated.loc[repeated["repeat_kind"] == "exact", "article_id"].nunique())
    if int(answer) == exact and exact != right:
        return _not_yet("you counted exact repeats only; near repeats count too.")
    if int(answer) > right:
        return _not_yet("too many. Is every article you counted really carrying a repeat?")
    return _not_yet("too few. Did you include the near repeats (repeat_kind 'near')?")


# --------------------------------------------------------------------------- exercise 3


def _words(texts: pd.Series) -> int:
    return int(texts.fillna("").str.count(r"\S+").sum())


def check_words_removed(answer: Any, corpus: Any) -> Feedback:
    """Exercise 3: the share of the corpus's words that cleaning removes (0 to 1).

    Words are whitespace-separated pieces (``text.split()``), counted in the raw and in
    the clean text (:func:`toolkit.article_texts`). Answers within 0.01 are right.

    Parameters
    ----------
    answer : float or None
    corpus : Corpus or pandas.DataFrame

    Returns
    -------
    Feedback
    """
    if answer is None:
        return _unanswered()
    if isinstance(answer, bool) or not isinstance(answer, int | float) or math.isnan(answer):
        return _not_yet("the answer is a number between 0 and 1, e.g. 0.25 for a quarter.")
    raw = _words(toolkit.article_texts(corpus, "raw"))
    clean = _words(toolkit.article_texts(corpus, "clean"))
    right = 1 - clean / raw if raw else math.nan
    if 1 < answer <= 100:
        return _not_yet("give a fraction between 0 and 1, not a percentage (0.25 for 25%).")
    if abs(answer - right) <= 0.01:
        return _correct()
    if abs(answer - (1 - right)) <= 0.01:
        return _not_yet("that is the share of words *kept*. The question asks what is removed.")
    if answer > right:
        return _not_yet("too high. Divide the words removed by the words of the *raw* text.")
    return _not_yet("too low. Did you count the words of every article, all outlets together?")


# --------------------------------------------------------------------------- exercise 4


def check_top_key_term(answer: Any, corpus: Any, target: str) -> Feedback:
    """Exercise 4: the top key term of ``target`` against the rest (G², clean text).

    Parameters
    ----------
    answer : str or None
    corpus : Corpus or pandas.DataFrame
    target : str
        The outlet of the exercise.

    Returns
    -------
    Feedback
    """
    if answer is None:
        return _unanswered()
    if not isinstance(answer, str):
        return _not_yet('give the word as text, in quotes, e.g. "harbour".')
    key = toolkit.keyness(corpus, target=target)
    positive = key[key["log_ratio"] > 0]
    by_g2 = positive.sort_values("g2", ascending=False)["term"].tolist()
    if by_g2 and _same_text(answer, by_g2[0]):
        return _correct()
    by_ratio = positive.sort_values("log_ratio", ascending=False)["term"].tolist()
    if by_ratio and _same_text(answer, by_ratio[0]):
        return _not_yet("that is the top word by Log Ratio. The question asks for G².")
    raw = toolkit.keyness(corpus, target=target, text="raw")
    raw_top = raw.loc[raw["log_ratio"] > 0, "term"].head(1).tolist()
    if raw_top and _same_text(answer, raw_top[0]):
        return _not_yet("that is the top word of the *raw* text. Use the clean text.")
    if any(_same_text(answer, t) for t in by_g2[:10]):
        return _not_yet("close: that word is in the top ten, but it is not the first.")
    return _not_yet("that word is not among the outlet's strongest key words. Sort by g2.")


# --------------------------------------------------------------------------- exercise 5


def check_foreign_script_outlet(answer: Any, corpus: Any) -> Feedback:
    """Exercise 5: among outlets writing mostly in Latin script, the one with most
    ``foreign_script`` stray lines.

    Parameters
    ----------
    answer : str or None
    corpus : Corpus or pandas.DataFrame

    Returns
    -------
    Feedback
    """
    if answer is None:
        return _unanswered()
    outlet, problem = _outlet_answer(answer, corpus)
    if problem is not None:
        return problem
    stats = toolkit.article_stats(corpus)
    script = stats.groupby("outlet")["dominant_script"].agg(lambda s: s.mode().iat[0])
    latin = script[script == "Latin"].index
    counts = stats[stats["outlet"].isin(latin)].groupby("outlet")["n_stray_foreign_script"].sum()
    if outlet == counts.idxmax():
        return _correct()
    if outlet not in latin:
        return _not_yet(
            "that outlet does not write mostly in Latin script. Keep only the articles whose "
            "dominant_script is 'Latin'."
        )
    return _not_yet("that outlet has fewer foreign-script lines than another one. Count again.")


# --------------------------------------------------------------------------- exercise 6


def check_first_publisher(answer: Any, corpus: Any) -> Feedback:
    """Exercise 6: the outlet that is most often the earlier publisher of a shared article.

    Parameters
    ----------
    answer : str or None
    corpus : Corpus or pandas.DataFrame

    Returns
    -------
    Feedback
    """
    if answer is None:
        return _unanswered()
    outlet, problem = _outlet_answer(answer, corpus)
    if problem is not None:
        return problem
    pairs = toolkit.near_duplicates(corpus)
    sources = pairs["source_outlet"].dropna()
    if sources.empty:
        return _not_yet("this corpus has no dated shared articles; nobody publishes first.")
    if outlet == sources.value_counts().idxmax():
        return _correct()
    republished = pairs.loc[pairs["source_outlet"].notna(), ["outlet_a", "outlet_b"]]
    copies = republished["outlet_b"].where(
        republished["outlet_a"] == pairs["source_outlet"], republished["outlet_a"]
    )
    if outlet == copies.value_counts().idxmax():
        return _not_yet("that outlet *republishes* most. Who published those stories first?")
    return _not_yet("count the values of the source_outlet column of the pairs table.")
