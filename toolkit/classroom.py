"""Graded checks for the classroom exercises: a score and a reason a teacher can collect.

Each ``check_*`` function recomputes the right answer from the corpus the student loaded
(so an exercise works on the student's own corpus too) and compares the student's answer
with it. It returns a :class:`Feedback`: data (``passed``, ``score``, ``reason``,
:meth:`Feedback.to_dict`) that shows as its reason in a notebook and is true only when
the answer is right, so a teacher's solution can ``assert`` it.

A check never shows the right answer, never says how close a wrong answer is, nor in
which direction it is off. Its hints name a mistake the answer shows (ranked the wrong
way round, counted lines instead of articles, took the median) or repeat the method;
every other wrong answer gets the same reason, so guessing learns nothing. Questions
whose answer would be one of a few names are asked as a ranking, a number or a set.
A check given ``prediction=`` grades nothing until the student has written a
prediction (predict, then measure, then explain).

Every check a kernel runs is recorded: :func:`results` returns them as a table, and
:func:`grade` runs a class's notebooks and collects one row per student and question.

Examples
--------
>>> import pandas as pd
>>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
...     "text": ["Rain fell.\\n\\nRain fell.", "Sun shone all day.", "Wind blew."]})
>>> check_articles_with_repeats(None, arts)
Not answered yet: replace None with your answer and run this cell again.
>>> check_articles_with_repeats(1, arts, prediction=0)
Correct!
>>> fb = check_articles_with_repeats(2, arts)
>>> bool(fb), fb.score, fb.status
(False, 0.0, 'not yet')
"""

from __future__ import annotations

import html
import itertools
import json
import math
import tempfile
from collections.abc import Callable, Iterable, Mapping
from pathlib import Path
from typing import Any

import numpy as np
import pandas as pd

import toolkit
from toolkit.schema import as_articles
from toolkit.text import count_words

__all__ = [
    "NOT_ASKED",
    "Feedback",
    "check_articles_with_repeats",
    "check_cluttered_outlet",
    "check_difference_without_comments",
    "check_first_publisher",
    "check_foreign_script_outlet",
    "check_outlet_evidence",
    "check_site_words",
    "check_sites",
    "check_top_key_term",
    "check_undecided_pairs",
    "check_words_removed",
    "clear_results",
    "grade",
    "results",
]


class _NotAsked:
    """The default of ``prediction=``: the exercise does not ask for one."""

    def __repr__(self) -> str:
        return "NOT_ASKED"


#: ``prediction=NOT_ASKED`` (the default): the check grades without a prediction.
NOT_ASKED: Any = _NotAsked()

UNANSWERED = "Not answered yet: replace None with your answer and run this cell again."
PREDICT_FIRST = (
    "Predict first: write your prediction in the `prediction` cell above and run it, "
    "then run this check again."
)

#: Answers within this distance of a share (a fraction of two counts) are right.
SHARE_TOLERANCE = 0.001


class Feedback:
    """The outcome of a check: data a teacher can collect, shown as its reason.

    Parameters
    ----------
    ok : bool or None
        True (correct), False (not yet) or None (not answered, or no prediction yet).
    message : str
        What the student reads (the reason).
    question : str, default ""
        Which question it grades (the check's name).
    points : float, default 1.0
        What a right answer is worth.
    answer, prediction : object, optional
        What the student answered and predicted (kept for the teacher's table).

    Examples
    --------
    >>> fb = Feedback(True, "Correct!", question="q1", answer=3)
    >>> bool(fb), fb.passed, fb.score, fb
    (True, True, 1.0, Correct!)
    >>> fb.to_dict()["status"], Feedback(None, "Not answered yet.").score
    ('correct', 0.0)
    >>> print(Feedback(False, "Not yet: <b>").to_html())
    <b style="color:#b35c00">Not yet: &lt;b&gt;</b>
    """

    def __init__(
        self,
        ok: bool | None,
        message: str,
        *,
        question: str = "",
        points: float = 1.0,
        answer: Any = None,
        prediction: Any = NOT_ASKED,
    ) -> None:
        self.ok = ok
        self.message = message
        self.question = question
        self.points = float(points)
        self.answer = answer
        self.prediction = prediction

    @property
    def passed(self) -> bool:
        """True only when the answer is right."""
        return self.ok is True

    @property
    def score(self) -> float:
        """``points`` when the answer is right, else 0."""
        return self.points if self.passed else 0.0

    @property
    def reason(self) -> str:
        """Why: "Correct!", "Not yet: <hint>" or "Not answered yet: ..."."""
        return self.message

    @property
    def status(self) -> str:
        """``"correct"``, ``"not yet"`` or ``"not answered"``."""
        return {True: "correct", False: "not yet", None: "not answered"}[self.ok]

    def to_dict(self) -> dict[str, Any]:
        """The feedback as plain data (JSON-ready): question, status, passed, score,
        points, reason, answer, prediction."""
        return {
            "question": self.question,
            "status": self.status,
            "passed": self.passed,
            "score": self.score,
            "points": self.points,
            "reason": self.reason,
            "answer": _plain(self.answer),
            "prediction": None if self.prediction is NOT_ASKED else _plain(self.prediction),
        }

    def to_html(self) -> str:
        """The reason as one escaped, coloured line of HTML."""
        colour = {True: "#1b5e20", False: "#b35c00", None: "#555555"}[self.ok]
        return f'<b style="color:{colour}">{html.escape(self.message)}</b>'

    def __bool__(self) -> bool:
        return self.passed

    def __repr__(self) -> str:
        return self.message

    def _repr_html_(self) -> str:
        return self.to_html()


def _plain(value: Any) -> Any:
    """``value`` as JSON-ready data (lists, dicts, numbers, text); anything else as repr."""
    if value is None or isinstance(value, bool | str):
        return value
    if isinstance(value, np.generic):
        return _plain(value.item())
    if isinstance(value, int | float):
        return None if isinstance(value, float) and math.isnan(value) else value
    if isinstance(value, Mapping):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, set | frozenset):
        return sorted((_plain(v) for v in value), key=repr)
    if isinstance(value, list | tuple | pd.Series | np.ndarray):
        return [_plain(v) for v in list(value)]
    return repr(value)


# --------------------------------------------------------------------------- the record

_RESULTS: list[Feedback] = []

RESULT_COLUMNS = [
    "question",
    "attempt",
    "status",
    "passed",
    "score",
    "points",
    "reason",
    "answer",
    "prediction",
]


def results() -> pd.DataFrame:
    """Every check run in this kernel so far, in order: one row per run.

    Returns
    -------
    pandas.DataFrame
        ``question, attempt, status, passed, score, points, reason, answer,
        prediction``; ``attempt`` counts the runs of the same question (1, 2, ...).

    Examples
    --------
    >>> import pandas as pd
    >>> clear_results()
    >>> arts = pd.DataFrame({"article_id": ["a"], "outlet": ["X"], "text": ["Hi.\\n\\nHi."]})
    >>> _ = check_articles_with_repeats("one", arts), check_articles_with_repeats(1, arts)
    >>> results()[["question", "attempt", "status", "score"]]
                          question  attempt   status  score
    0  check_articles_with_repeats        1  not yet    0.0
    1  check_articles_with_repeats        2  correct    1.0
    """
    rows = [fb.to_dict() for fb in _RESULTS]
    columns = [c for c in RESULT_COLUMNS if c != "attempt"]
    table = pd.DataFrame(rows, columns=columns, dtype=object)  # answers keep their type
    table = table.astype({"passed": bool, "score": "float64", "points": "float64"})
    table.insert(1, "attempt", table.groupby("question").cumcount().astype("int64") + 1)
    return table


def clear_results() -> None:
    """Forget the checks recorded so far in this kernel.

    Examples
    --------
    >>> clear_results()
    >>> len(results())
    0
    """
    _RESULTS.clear()


def _record(
    question: str,
    answer: Any,
    prediction: Any,
    grade_answer: Callable[[], tuple[bool, str]],
) -> Feedback:
    """Grade ``answer`` (unless it or the prediction is missing) and record the result."""
    if prediction is None:
        ok, message = None, PREDICT_FIRST
    elif answer is None:
        ok, message = None, UNANSWERED
    else:
        right, hint = grade_answer()
        ok, message = right, ("Correct!" if right else f"Not yet: {hint}")
    fb = Feedback(ok, message, question=question, answer=answer, prediction=prediction)
    _RESULTS.append(fb)
    return fb


# --------------------------------------------------------------------------- answer shapes


def _same_text(a: Any, b: Any) -> bool:
    return str(a).strip().casefold() == str(b).strip().casefold()


def _number(answer: Any) -> float | None:
    """The answer as a float, or None when it is no number (bools and NaN included)."""
    if isinstance(answer, bool) or not isinstance(answer, int | float | np.number):
        return None
    value = float(answer)
    return None if math.isnan(value) else value


def _whole_number(answer: Any) -> int | None:
    value = _number(answer)
    return int(value) if value is not None and value == int(value) else None


def _canonical(name: Any, outlets: Iterable[str]) -> str | None:
    """The outlet ``name`` stands for (case and outer spaces ignored), or None."""
    if not isinstance(name, str):
        return None
    return next((o for o in outlets if _same_text(name, o)), None)


def _list_of_text(answer: Any) -> list[str] | None:
    """A list, tuple, set, Series, Index or array of strings as a list; None for anything
    else (a single str too)."""
    sequences = (list, tuple, set, frozenset, pd.Series, pd.Index, np.ndarray)
    if isinstance(answer, str) or not isinstance(answer, sequences):
        return None
    items = list(answer)
    return items if all(isinstance(x, str) for x in items) else None


def _ranking(answer: Any, outlets: list[str]) -> tuple[list[str] | None, str]:
    """The answer as a ranking of every outlet once, or None and what is wrong with it."""
    names = ", ".join(repr(o) for o in outlets)
    shape = (
        f"give a ranking: a list of the {len(outlets)} outlets' names, in quotes, "
        f"e.g. [{names}] in the order you find."
    )
    items = _list_of_text(answer) if not isinstance(answer, set | frozenset) else None
    if items is None:
        return None, shape
    ranked = [_canonical(x, outlets) for x in items]
    if None in ranked or len(set(ranked)) != len(ranked) or len(ranked) != len(outlets):
        return None, f"a ranking names each of these outlets exactly once: {names}."
    return [r for r in ranked if r is not None], ""


def _descending(values: pd.Series) -> bool:
    """True when the values never increase (NaN counts as lowest)."""
    arr = values.to_numpy(dtype=np.float64)
    arr = np.where(np.isnan(arr), -np.inf, arr)
    return bool(np.all(arr[:-1] >= arr[1:]))


def _share(answer: Any) -> tuple[float | None, str]:
    value = _number(answer)
    if value is None:
        return None, "the answer is a number between 0 and 1, e.g. 0.125 for an eighth."
    if not 0.0 <= value <= 1.0:
        return None, "a share is a number between 0 and 1 (0.25 for 25%), not a percentage."
    return value, ""


def _near(value: float, target: float) -> bool:
    return not math.isnan(target) and abs(value - target) <= SHARE_TOLERANCE + 1e-12


# --------------------------------------------------------------------------- exercise 1


def check_cluttered_outlet(answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED) -> Feedback:
    """Exercise 1: every outlet ranked from most to least cluttered (mean ``boilerplate_ratio``).

    Outlets whose means are equal may come in either order.

    Parameters
    ----------
    answer : list of str or None
        The student's ranking: every outlet's name once, the most cluttered first.
    corpus : Corpus or pandas.DataFrame
        The corpus loaded in the notebook.
    prediction : object, optional
        The student's prediction; ``None`` means not written yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": list("abcd"), "outlet": ["X", "X", "Y", "Y"],
    ...     "text": ["Menu\\nA long story about rain and floods in town.", "Menu\\nTwo.",
    ...              "A story.", "Another story about the weather today."]})
    >>> check_cluttered_outlet("X", arts).reason
    "Not yet: give a ranking: a list of the 2 outlets' names, in quotes, e.g. ['X', 'Y'] in the order you find."
    """

    def grade_answer() -> tuple[bool, str]:
        table = toolkit.outlet_stats(toolkit.article_stats(corpus), rates=()).set_index("outlet")
        ranked, problem = _ranking(answer, [str(o) for o in table.index])
        if ranked is None:
            return False, problem
        means = table.loc[ranked, "boilerplate_ratio_mean"]
        if _descending(means):
            return True, ""
        if _descending(-means):
            return False, "you ranked from the least to the most cluttered: start with the most."
        if _descending(table.loc[ranked, "boilerplate_ratio_median"]):
            return False, "that is the ranking by the *median*; the question asks for the mean."
        return False, (
            "rank the outlets by their mean boilerplate_ratio (outlet_stats, column "
            "boilerplate_ratio_mean), the largest first."
        )

    return _record("check_cluttered_outlet", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 2


def check_articles_with_repeats(
    answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED
) -> Feedback:
    """Exercise 2: how many articles have at least one repeated line (exact or near).

    Parameters
    ----------
    answer : int or None
        A whole number of articles.
    corpus : Corpus or pandas.DataFrame
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b"], "outlet": ["X", "Y"],
    ...                      "text": ["Rain fell.\\n\\nRain fell.\\n\\nRain fell.", "Sun."]})
    >>> check_articles_with_repeats(2, arts, prediction=1).reason
    'Not yet: you counted repeated *lines*. Count the *articles* that have one.'
    """

    def grade_answer() -> tuple[bool, str]:
        value = _whole_number(answer)
        if value is None:
            return False, "the answer is a whole number of articles, e.g. 12."
        lines = toolkit.label_lines(corpus)
        repeated = lines.loc[lines["is_repeat"].astype(bool)]
        right = int(repeated["article_id"].nunique())
        if value == right:
            return True, ""
        if value == len(repeated):
            return False, "you counted repeated *lines*. Count the *articles* that have one."
        exact = repeated.loc[repeated["repeat_kind"] == "exact", "article_id"].nunique()
        if value == int(exact):
            return False, "you counted exact repeats only; near repeats count too."
        return False, (
            "count the distinct article_id values of the lines whose is_repeat is True "
            "(exact and near repeats alike)."
        )

    return _record("check_articles_with_repeats", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 3


def check_words_removed(answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED) -> Feedback:
    """Exercise 3: the share of the corpus's words that cleaning removes (0 to 1).

    Words are the toolkit's words (:func:`toolkit.text.count_words`), counted in the raw
    and in the clean text (:func:`toolkit.article_texts`) of all articles together.
    Answers within ``SHARE_TOLERANCE`` (0.001) are right.

    Parameters
    ----------
    answer : float or None
    corpus : Corpus or pandas.DataFrame
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_words_removed(42, arts).reason
    'Not yet: a share is a number between 0 and 1 (0.25 for 25%), not a percentage.'
    """

    def grade_answer() -> tuple[bool, str]:
        value, problem = _share(answer)
        if value is None:
            return False, problem
        raw_texts = toolkit.article_texts(corpus, "raw")
        clean_texts = toolkit.article_texts(corpus, "clean")
        raw, clean = int(count_words(raw_texts).sum()), int(count_words(clean_texts).sum())
        right = 1 - clean / raw if raw else math.nan
        if _near(value, right):
            return True, ""
        if _near(value, 1 - right):
            return False, "that is the share of words *kept*. The question asks what is removed."
        split_raw = int(raw_texts.str.split().str.len().sum())
        split_clean = int(clean_texts.str.split().str.len().sum())
        if split_raw and _near(value, 1 - split_clean / split_raw):
            return False, (
                "you counted pieces between spaces. Count words as the toolkit does, "
                "with toolkit.text.count_words."
            )
        return False, (
            "add up the words of all raw texts and of all clean texts, then divide the "
            "words removed by the words of the raw text."
        )

    return _record("check_words_removed", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 4


def _top_terms(key: pd.DataFrame, n: int = 10) -> list[str]:
    """The ``n`` strongest terms of a keyness table that are more frequent in the target."""
    return [str(t).casefold() for t in key.loc[key["log_ratio"] > 0, "term"].head(n)]


def check_top_key_term(
    answer: Any, corpus: Any, target: str, *, prediction: Any = NOT_ASKED
) -> Feedback:
    """The top key term of ``target`` against the rest (G², clean text).

    Parameters
    ----------
    answer : str or None
    corpus : Corpus or pandas.DataFrame
    target : str
        The outlet of the exercise.
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_top_key_term(3, arts, "X").reason
    'Not yet: give the word as text, in quotes, e.g. "harbour".'
    """

    def grade_answer() -> tuple[bool, str]:
        if not isinstance(answer, str):
            return False, 'give the word as text, in quotes, e.g. "harbour".'
        by_g2 = _top_terms(toolkit.keyness(corpus, target=target), n=1)
        if by_g2 and _same_text(answer, by_g2[0]):
            return True, ""
        key = toolkit.keyness(corpus, target=target)
        by_ratio = key.sort_values("log_ratio", ascending=False, kind="stable")
        if _top_terms(by_ratio, n=1) == [answer.strip().casefold()]:
            return False, "that is the top word by Log Ratio. The question asks for G²."
        raw = _top_terms(toolkit.keyness(corpus, target=target, text="raw"), n=1)
        if raw == [answer.strip().casefold()]:
            return False, "that is the top word of the *raw* text. Use the clean text."
        return False, "sort the key words with a positive log_ratio by g2, largest first."

    return _record("check_top_key_term", answer, prediction, grade_answer)


def check_site_words(
    answer: Any, corpus: Any, target: str, *, prediction: Any = NOT_ASKED
) -> Feedback:
    """Exercise 4: the words of ``target``'s raw top ten that its clean top ten lacks.

    The top ten are the first ten terms with a positive ``log_ratio`` of
    :func:`toolkit.keyness` (ranked by G²) on the raw and on the clean text. The answer
    is a set: order, case and repeats do not matter.

    Parameters
    ----------
    answer : list of str or None
    corpus : Corpus or pandas.DataFrame
    target : str
        The outlet of the exercise.
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_site_words("cookies", arts, "X").reason
    'Not yet: give a list of words, each in quotes, e.g. ["menu", "share"].'
    """

    def grade_answer() -> tuple[bool, str]:
        items = _list_of_text(answer)
        if items is None:
            return False, 'give a list of words, each in quotes, e.g. ["menu", "share"].'
        given = {x.strip().casefold() for x in items}
        raw = set(_top_terms(toolkit.keyness(corpus, target=target, text="raw")))
        clean = set(_top_terms(toolkit.keyness(corpus, target=target)))
        if given == raw - clean:
            return True, ""
        if given == clean - raw and clean != raw:
            return False, (
                "those are clean words missing from the raw list; the question asks for the "
                "raw words missing from the clean list."
            )
        if given == raw:
            return False, "that is the whole raw top ten. Keep the words the clean list lacks."
        return False, (
            "take the ten strongest key words (positive log_ratio, ranked by g2) of the raw "
            "text and of the clean text, and keep the raw ones the clean list does not have."
        )

    return _record("check_site_words", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 5


def check_foreign_script_outlet(
    answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED
) -> Feedback:
    """Exercise 5: how many ``foreign_script`` stray lines the Latin-script articles carry.

    Counted over the articles whose ``dominant_script`` is ``"Latin"``, all outlets
    together (``n_stray_foreign_script`` of :func:`toolkit.article_stats`).

    Parameters
    ----------
    answer : int or None
        A whole number of lines.
    corpus : Corpus or pandas.DataFrame
    prediction : object, optional
        The outlet the student expects to carry most; ``None``: not written yet.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_foreign_script_outlet(1, arts, prediction="X")
    Correct!
    """

    def grade_answer() -> tuple[bool, str]:
        value = _whole_number(answer)
        if value is None:
            return False, "the answer is a whole number of lines, e.g. 12."
        stats = toolkit.article_stats(corpus)
        latin = stats[stats["dominant_script"] == "Latin"]
        right = int(latin["n_stray_foreign_script"].sum())
        if value == right:
            return True, ""
        if value == int(stats["n_stray_foreign_script"].sum()):
            return False, (
                "you counted the articles written in another script too. Keep the articles "
                "whose dominant_script is 'Latin'."
            )
        if value == int(latin["n_stray_lines"].sum()):
            return False, "you counted every kind of stray line; keep the foreign_script ones."
        return False, (
            "keep the articles whose dominant_script is 'Latin' and add up their "
            "n_stray_foreign_script."
        )

    return _record("check_foreign_script_outlet", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 6


def check_first_publisher(answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED) -> Feedback:
    """Exercise 6: the share of the dated shared pairs that the most frequent first
    publisher published first.

    Among the near-duplicate pairs whose ``source_outlet`` is known
    (:func:`toolkit.near_duplicates`), the share of the commonest ``source_outlet``.
    Answers within ``SHARE_TOLERANCE`` (0.001) are right.

    Parameters
    ----------
    answer : float or None
    corpus : Corpus or pandas.DataFrame
    prediction : object, optional
        The outlet the student expects to publish first; ``None``: not written yet.

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_first_publisher(0.5, arts, prediction=None).status
    'not answered'
    """

    def grade_answer() -> tuple[bool, str]:
        value, problem = _share(answer)
        if value is None:
            return False, problem
        pairs = toolkit.near_duplicates(corpus)
        sources = pairs["source_outlet"].dropna()
        if sources.empty:
            return False, "this corpus has no dated shared articles: nobody publishes first."
        top = int(sources.value_counts().iloc[0])
        right = top / len(sources)
        if _near(value, right):
            return True, ""
        if len(pairs) != len(sources) and _near(value, top / len(pairs)):
            return False, "leave out the pairs whose source_outlet is unknown (no dates)."
        if _near(value, 1 - right):
            return False, "that is the share of the *other* first publishers together."
        return False, (
            "count how often each outlet is the source_outlet, and divide the largest count "
            "by the number of pairs with a known source_outlet."
        )

    return _record("check_first_publisher", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 7


def check_sites(answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED) -> Feedback:
    """Exercise 7: the sites the toolkit found in a folder, with their number of pages.

    Parameters
    ----------
    answer : dict or None
        ``{site name: number of pages}``, one entry per site (names as in the ``outlet``
        column, case ignored).
    corpus : Corpus or pandas.DataFrame
        The folder as loaded.
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": list("abc"), "outlet": ["X", "X", "Y"],
    ...                      "text": ["One.", "Two.", "Three."]})
    >>> check_sites({"x": 2, "Y": 1}, arts), check_sites({"X": 3}, arts).passed
    (Correct!, False)
    """

    def grade_answer() -> tuple[bool, str]:
        shape = 'give a dictionary {site: number of pages}, e.g. {"Daily Planet": 12}.'
        if not isinstance(answer, Mapping) or not all(isinstance(k, str) for k in answer):
            return False, shape
        counts = as_articles(corpus)["outlet"].astype(str).value_counts()
        given: dict[str, Any] = {}
        for key, n in answer.items():
            site = _canonical(key, counts.index)
            if site is None or site in given:
                return False, (
                    "those are not the sites the toolkit found: take each name from the "
                    "outlet column, once."
                )
            given[site] = n
        if set(given) != set(counts.index):
            return False, "name every site the toolkit found, each once."
        if all(_whole_number(n) == int(counts[site]) for site, n in given.items()):
            return True, ""
        return False, "the sites are right; count the pages of each again (value_counts)."

    return _record("check_sites", answer, prediction, grade_answer)


def check_outlet_evidence(answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED) -> Feedback:
    """Exercise 7: the evidence line that named the page the toolkit is least sure of.

    The page with the lowest ``outlet_confidence`` (any of them on a tie); the answer is
    its ``outlet_evidence`` (case and outer spaces ignored).

    Parameters
    ----------
    answer : str or None
    corpus : Corpus or pandas.DataFrame
        A folder loaded with outlet inference (the ``outlet_confidence`` and
        ``outlet_evidence`` columns).
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_outlet_evidence("Home | X", arts).reason  # a table: no evidence columns
    'Not yet: the loader found no evidence of a site on these pages (outlet_confidence is empty), so no line named one: say why in your explanation.'
    """

    def grade_answer() -> tuple[bool, str]:
        if not isinstance(answer, str):
            return False, 'give the line as text, in quotes, e.g. "Home | Daily Planet".'
        arts = as_articles(corpus)
        if "outlet_confidence" not in arts or arts["outlet_confidence"].isna().all():
            return False, (
                "the loader found no evidence of a site on these pages (outlet_confidence is "
                "empty), so no line named one: say why in your explanation."
            )
        confidence = pd.to_numeric(arts["outlet_confidence"], errors="coerce")
        evidence = arts["outlet_evidence"].astype(str)
        least = evidence[confidence == confidence.min()]
        if any(_same_text(answer, e) for e in least):
            return True, ""
        if any(_same_text(answer, e) for e in evidence):
            return False, (
                "that line named another page. Find the page with the lowest "
                "outlet_confidence first."
            )
        if _canonical(answer, arts["outlet"].astype(str).unique()) is not None:
            return False, "that is a site's name; the question asks for the line that names it."
        return False, (
            "sort the pages by outlet_confidence and copy the outlet_evidence of the first."
        )

    return _record("check_outlet_evidence", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- exercise 8


def _intervals(corpus: Any) -> pd.DataFrame:
    """outlet -> boilerplate_ratio mean and 95% interval (outlets without one left out)."""
    table = toolkit.outlet_stats(toolkit.article_stats(corpus), rates=("boilerplate_ratio",))
    cols = ["boilerplate_ratio_mean", "boilerplate_ratio_ci_low", "boilerplate_ratio_ci_high"]
    return table.set_index("outlet")[cols].dropna()


def _pairs(answer: Any, outlets: list[str]) -> tuple[set[frozenset[str]] | None, str]:
    shape = 'give a list of pairs, e.g. [("Daily Planet", "Evening Star"), ...], or [] for none.'
    if isinstance(answer, str) or not isinstance(answer, list | tuple | set | frozenset):
        return None, shape
    found: set[frozenset[str]] = set()
    for pair in answer:
        if isinstance(pair, str) or not isinstance(pair, list | tuple | set | frozenset):
            return None, shape
        names = {_canonical(x, outlets) for x in pair}
        if len(pair) != 2 or None in names or len(names) != 2:
            return None, (
                "each pair names two different outlets among: "
                + ", ".join(repr(o) for o in outlets)
                + "."
            )
        found.add(frozenset(n for n in names if n is not None))
    return found, ""


def check_undecided_pairs(answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED) -> Feedback:
    """Exercise 8: the pairs of outlets whose 95% intervals of mean ``boilerplate_ratio``
    overlap (the differences the intervals cannot call real).

    Intervals are those of :func:`toolkit.outlet_stats` with its defaults. The answer is
    a set of pairs: the order of the pairs and within a pair does not matter.

    Parameters
    ----------
    answer : list of pairs of str or None
    corpus : Corpus or pandas.DataFrame
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_undecided_pairs([("X", "X")], arts).reason
    "Not yet: each pair names two different outlets among: 'X'."
    """

    def grade_answer() -> tuple[bool, str]:
        ci = _intervals(corpus)
        outlets = [str(o) for o in ci.index]
        given, problem = _pairs(answer, outlets)
        if given is None:
            return False, problem
        low, high = ci["boilerplate_ratio_ci_low"], ci["boilerplate_ratio_ci_high"]
        every = {frozenset(p) for p in itertools.combinations(outlets, 2)}
        overlapping = {
            p for p in every if all(low[a] <= high[b] for a, b in itertools.permutations(p))
        }
        if given == overlapping:
            return True, ""
        if given == every - overlapping and overlapping:
            return False, (
                "those are the pairs whose intervals are apart. The question asks for the "
                "pairs you cannot tell apart."
            )
        return False, (
            "two intervals overlap when the low end of each is below the high end of the "
            "other: check that for every pair of outlets."
        )

    return _record("check_undecided_pairs", answer, prediction, grade_answer)


def _boilerplate_means(lines: pd.DataFrame, *, drop: bool = False) -> pd.Series:
    """outlet -> mean over articles of boilerplate chars without comment blocks / chars.

    ``drop=True`` takes the comment-block lines out of the page altogether (numerator and
    denominator) instead of counting them as article text.
    """
    comment = lines["boilerplate_reason"].fillna("").astype(str).str.startswith("comment block")
    kept = lines[~comment] if drop else lines
    boiler = kept["is_boilerplate"].astype(bool) & ~comment.loc[kept.index]
    chars = kept["n_chars"].astype("float64")
    per_article = (
        pd.DataFrame(
            {
                "outlet": kept["outlet"],
                "article_id": kept["article_id"],
                "boiler": chars.where(boiler, 0.0),
                "chars": chars,
            }
        )
        .groupby(["outlet", "article_id"], sort=False)[["boiler", "chars"]]
        .sum()
    )
    ratio = per_article["boiler"] / per_article["chars"].where(per_article["chars"] > 0)
    return ratio.groupby(level="outlet").mean()


def check_difference_without_comments(
    answer: Any, corpus: Any, *, prediction: Any = NOT_ASKED
) -> Feedback:
    """Exercise 8: the gap between the two most cluttered outlets once comment blocks
    count as article text.

    The two outlets with the highest mean ``boilerplate_ratio`` (the first minus the
    second); the comment-block lines (``boilerplate_reason`` "comment block") count as
    article text instead of boilerplate. Answers within ``SHARE_TOLERANCE`` are right.

    Parameters
    ----------
    answer : float or None
        The first outlet's mean minus the second's (it may be negative).
    corpus : Corpus or pandas.DataFrame
    prediction : object, optional
        ``None``: the student has not predicted yet (nothing is graded).

    Returns
    -------
    Feedback

    Examples
    --------
    >>> import pandas as pd
    >>> arts = pd.DataFrame({"article_id": ["a", "b", "c"], "outlet": ["X", "X", "Y"],
    ...     "text": ["Rain fell on the town.\\nПоделиться", "Sun shone all day.", "Wind blew."]})
    >>> check_difference_without_comments(5, arts).reason
    'Not yet: the answer is a difference of two shares: a number between -1 and 1.'
    """

    def grade_answer() -> tuple[bool, str]:
        value = _number(answer)
        if value is None or abs(value) > 1:
            return False, "the answer is a difference of two shares: a number between -1 and 1."
        ci = _intervals(corpus)
        if len(ci) < 2:
            return False, "this corpus has fewer than two outlets with a boilerplate ratio."
        top = ci["boilerplate_ratio_mean"].sort_values(ascending=False, kind="stable")
        first, second = str(top.index[0]), str(top.index[1])
        without = _boilerplate_means(toolkit.label_lines(corpus))
        right = float(without[first] - without[second])
        if _near(value, right):
            return True, ""
        if _near(value, -right):
            return False, f"subtract the other way round: {first} minus {second}."
        if _near(value, float(top.iloc[0] - top.iloc[1])):
            return False, "that is the gap *with* the comment blocks counted as boilerplate."
        dropped = _boilerplate_means(toolkit.label_lines(corpus), drop=True)
        if _near(value, float(dropped[first] - dropped[second])):
            return False, (
                "you took the comment blocks out of the pages; keep them, as article text."
            )
        return False, (
            "for each outlet, take its mean boilerplate_ratio and subtract the part that "
            "comment blocks make up; then take the difference of the two outlets."
        )

    return _record("check_difference_without_comments", answer, prediction, grade_answer)


# --------------------------------------------------------------------------- a class's results

GRADE_COLUMNS = [
    "notebook",
    "question",
    "attempts",
    "status",
    "passed",
    "score",
    "points",
    "reason",
    "answer",
    "prediction",
    "error",
]

_MARK = "<<toolkit.classroom.results>>"


def grade(
    notebooks: Iterable[str | Path],
    *,
    corpus: str | Path | None = None,
    timeout: int = 300,
) -> pd.DataFrame:
    """Run each student's notebook in a fresh kernel and collect its checks.

    The notebooks run as handed in (cells that fail are noted, the rest still run),
    with ``OUT_DIR`` in a temporary folder and, when given, ``CORPUS`` set to
    ``corpus``. Each check counts with the last time it ran. This runs the students'
    code, with your rights: grade where that is safe (a container, a spare account).

    Parameters
    ----------
    notebooks : iterable of str or Path
        The handed-in ``.ipynb`` files (read, never written).
    corpus : str or Path, optional
        The corpus the exercises load (by default each notebook's own ``CORPUS``).
    timeout : int, default 300
        Seconds allowed per cell.

    Returns
    -------
    pandas.DataFrame
        One row per notebook and question: ``notebook, question, attempts, status,
        passed, score, points, reason, answer, prediction, error`` (``error``: the
        first cell that raised, or the reason the notebook could not run; a notebook
        with no check gets one row with ``question`` None).

    Examples
    --------
    >>> import nbformat, tempfile
    >>> folder = Path(tempfile.mkdtemp())
    >>> nb = nbformat.v4.new_notebook(cells=[nbformat.v4.new_code_cell(
    ...     "import pandas as pd\\n"
    ...     "from toolkit.classroom import check_articles_with_repeats\\n"
    ...     "arts = pd.DataFrame({'article_id': ['a'], 'outlet': ['X'], 'text': ['Hi.\\\\n\\\\nHi.']})\\n"
    ...     "check_articles_with_repeats(1, arts)")])
    >>> nbformat.write(nb, folder / "ann.ipynb")
    >>> grade([folder / "ann.ipynb"])[["question", "attempts", "status", "score"]]
                          question  attempts   status  score
    0  check_articles_with_repeats         1  correct    1.0
    """
    import nbformat
    from nbclient import NotebookClient

    rows: list[dict[str, Any]] = []
    for path in notebooks:
        path = Path(path)
        try:
            nb = nbformat.read(path, as_version=4)
        except Exception as exc:  # not a notebook: say so, grade the others
            rows.append({"notebook": str(path), "error": f"cannot read: {exc}"})
            continue
        with tempfile.TemporaryDirectory(prefix="toolkit-grade-") as out:
            params = {"OUT_DIR": out}
            if corpus is not None:
                params["CORPUS"] = str(Path(corpus).resolve())
            at = next(
                (
                    i + 1
                    for i, c in enumerate(nb.cells)
                    if "parameters" in c.metadata.get("tags", [])
                ),
                0,
            )
            assign = "\n".join(f"{k} = {v!r}" for k, v in params.items())
            nb.cells.insert(at, nbformat.v4.new_code_cell(assign))
            nb.cells.append(
                nbformat.v4.new_code_cell(
                    "import toolkit.classroom as _classroom\n"
                    f"print({_MARK!r} + _classroom.results().to_json(orient='records'))"
                )
            )
            error = None
            try:
                NotebookClient(
                    nb,
                    timeout=timeout,
                    kernel_name="python3",
                    allow_errors=True,
                    resources={"metadata": {"path": str(path.parent.resolve())}},
                ).execute()
            except Exception as exc:  # a dead kernel, a timeout: noted, not raised
                error = f"{type(exc).__name__}: {exc}"
        rows.extend(_graded_rows(str(path), nb, error))
    table = pd.DataFrame(rows, columns=GRADE_COLUMNS, dtype=object)
    return table.astype({"attempts": "Int64", "score": "float64", "points": "float64"})


def _graded_rows(name: str, nb: Any, error: str | None) -> list[dict[str, Any]]:
    """The last result of each question found in an executed notebook's outputs."""
    found: list[dict[str, Any]] = []
    for cell in nb.cells:
        for out in cell.get("outputs", []):
            if out.get("output_type") == "error" and error is None:
                error = f"{out.get('ename')}: {out.get('evalue')}"
            text = out.get("text", "") if out.get("output_type") == "stream" else ""
            if _MARK in text:
                found = json.loads(text.split(_MARK, 1)[1])
    if not found:
        return [{"notebook": name, "error": error}]
    attempts: dict[str, int] = {}
    last: dict[str, dict[str, Any]] = {}
    for result in found:  # in order: each question keeps its last run
        attempts[result["question"]] = attempts.get(result["question"], 0) + 1
        last[result["question"]] = result
    return [
        {**result, "notebook": name, "attempts": attempts[question], "error": error}
        for question, result in last.items()
    ]
