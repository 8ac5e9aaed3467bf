"""The classroom exercises: one source, two versions, and checks a student cannot game.

Each exercise is written once, with its solution, in ``notebooks/teacher/``; the students'
copy in ``notebooks/exercises/`` is generated from it (``notebooks/make_student_versions.py``)
and must be what is committed. The checks (:mod:`toolkit.classroom`) are tested here the
way a teacher would try them: the teacher's notebook is run with every check recording its
call, then each recorded check is called again with the blank answer, with wrong answers
and with every guess a student could make over the outlets' names; none may pass, and the
hints must not tell those guesses apart.
"""

from __future__ import annotations

import importlib.util
import itertools
import random
import re
from collections.abc import Callable
from pathlib import Path
from typing import Any

import nbformat
import pandas as pd
import pytest

import toolkit
import toolkit.classroom as classroom

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
TEACHER = sorted((NOTEBOOKS / "teacher").glob("*.ipynb"))
STUDENT = sorted((NOTEBOOKS / "exercises").glob("*.ipynb"))
CHECKS = [n for n in classroom.__all__ if n.startswith("check_")]


def _load_generator() -> Any:
    spec = importlib.util.spec_from_file_location(
        "make_student_versions", NOTEBOOKS / "make_student_versions.py"
    )
    assert spec is not None and spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    spec.loader.exec_module(module)
    return module


gen = _load_generator()


def _id(path: Path) -> str:
    return path.stem.split("_")[0]


# --------------------------------------------------------------------------- one source


def test_every_exercise_has_a_teacher_and_a_student_version():
    assert len(TEACHER) >= 8
    assert [p.name for p in STUDENT] == [p.name for p in TEACHER]
    assert not (NOTEBOOKS / "exercises" / "solutions").exists()  # no solutions for students


@pytest.mark.parametrize("path", TEACHER, ids=_id)
def test_committed_student_version_is_generated_from_the_teacher_version(path):
    teacher = nbformat.read(path, as_version=4)
    want = gen.render(gen.student_version(teacher, path.name))
    got = (NOTEBOOKS / "exercises" / path.name).read_text("utf-8")
    assert got == want, "run: python notebooks/make_student_versions.py"


def test_check_mode_fails_when_a_student_version_drifts(tmp_path, monkeypatch, capsys):
    for path in STUDENT:
        (tmp_path / path.name).write_bytes(path.read_bytes())
    monkeypatch.setattr(gen, "STUDENT", tmp_path)
    assert gen.main(["--check"]) == 0
    edited = tmp_path / STUDENT[0].name
    edited.write_text(edited.read_text("utf-8").replace("answer = None", "answer = 3"), "utf-8")
    (tmp_path / "ex99_left_over.ipynb").write_text("{}", "utf-8")
    assert gen.main(["--check"]) == 1
    err = capsys.readouterr().err
    assert f"out of date: {edited}" in err and "ex99_left_over.ipynb" in err
    assert gen.main([]) == 0  # regenerating repairs both
    assert gen.main(["--check"]) == 0


def _nb(*cells: tuple[str, str, dict[str, Any]]) -> Any:
    nb = nbformat.v4.new_notebook()
    for kind, src, meta in cells:
        new = nbformat.v4.new_code_cell if kind == "code" else nbformat.v4.new_markdown_cell
        nb.cells.append(new(src, metadata=meta))
    return nb


SOLUTION = {"nbgrader": {"solution": True, "grade": False, "grade_id": "q", "locked": False}}


def test_student_version_replaces_solutions_and_hides_tests():
    teacher = _nb(
        (
            "code",
            "answer = None\n    ### BEGIN SOLUTION\n    answer = 42\n    ### END SOLUTION\nanswer",
            SOLUTION,
        ),
        ("markdown", "Why?\n### BEGIN SOLUTION\nBecause.\n### END SOLUTION", SOLUTION),
        (
            "code",
            "fb = check(answer)\n### BEGIN HIDDEN TESTS\nassert fb\n### END HIDDEN TESTS\nfb",
            {},
        ),
        ("markdown", "all of it is the solution", SOLUTION),
    )
    teacher.cells[0].outputs = [nbformat.v4.new_output("stream", text="42")]
    teacher.cells[0].execution_count = 3
    student = gen.student_version(teacher)
    assert [c.source for c in student.cells] == [
        "answer = None\n    # YOUR CODE HERE\nanswer",
        "Why?\nYOUR ANSWER HERE",
        "fb = check(answer)\nfb",
        "YOUR ANSWER HERE",
    ]
    assert student.cells[0].outputs == [] and student.cells[0].execution_count is None
    assert "42" in teacher.cells[0].source  # the teacher's notebook is left as it was


@pytest.mark.parametrize(
    "source, meta, problem",
    [
        ("### BEGIN SOLUTION\nx = 1", SOLUTION, "never closed"),
        ("x = 1\n### END SOLUTION", SOLUTION, "without"),
        ("### BEGIN SOLUTION\n### BEGIN SOLUTION\n### END SOLUTION", SOLUTION, "inside"),
        ("### BEGIN SOLUTION\nx = 1\n### END SOLUTION", {}, "not marked as a solution"),
        ("### BEGIN HIDDEN TESTS\nassert x", {}, "never closed"),
    ],
)
def test_student_version_refuses_broken_markers(source, meta, problem):
    with pytest.raises(gen.SourceError, match=problem):
        gen.student_version(_nb(("code", source, meta)), "bad.ipynb")


@pytest.mark.parametrize("path", TEACHER, ids=_id)
def test_teacher_version_follows_nbgrader_conventions(path):
    nb = nbformat.read(path, as_version=4)
    graded = [c for c in nb.cells if "nbgrader" in c.metadata]
    ids = [c.metadata["nbgrader"]["grade_id"] for c in graded]
    assert len(ids) == len(set(ids)), "grade_id must be unique"
    answers = [c for c in graded if c.cell_type == "code" and c.metadata["nbgrader"]["solution"]]
    tests = [c for c in graded if c.metadata["nbgrader"]["grade"] and c.cell_type == "code"]
    written = [c for c in graded if c.cell_type == "markdown"]
    assert answers and tests and written
    for cell in graded:
        meta = cell.metadata["nbgrader"]
        assert meta["schema_version"] == 3 and isinstance(meta["locked"], bool)
        if meta["grade"]:
            assert meta["points"] > 0
    for cell in answers:  # the student's answer starts as None, the solution follows
        first = cell.source.split("\n")[0]
        assert re.fullmatch(r"\w+ = None\b.*", first) and "### BEGIN SOLUTION" in cell.source
    for cell in tests:  # each check is graded and asserted only in the teacher's version
        assert re.search(r"\bcheck_\w+\(", cell.source)
        assert "### BEGIN HIDDEN TESTS\nassert feedback" in cell.source
        assert not cell.metadata["nbgrader"]["solution"] and cell.metadata["nbgrader"]["locked"]
    for cell in written:
        assert cell.metadata["nbgrader"]["grade"] and "Teacher's notes" in cell.source


@pytest.mark.parametrize("path", STUDENT, ids=_id)
def test_student_version_gives_nothing_away(path):
    text = path.read_text("utf-8")
    for marker in ("BEGIN SOLUTION", "END SOLUTION", "HIDDEN TESTS", "Teacher's notes", "assert"):
        assert marker not in text, marker
    nb = nbformat.read(path, as_version=4)
    checks = [c.source for c in nb.cells if re.search(r"\bcheck_\w+\(", c.source)]
    assert checks and all("prediction=prediction" in src for src in checks)


def test_readme_explains_the_two_versions():
    readme = (NOTEBOOKS / "README.md").read_text("utf-8")
    for words in ("notebooks/teacher", "make_student_versions.py --check", "grade(", "nbgrader"):
        assert words in readme, words


# --------------------------------------------------------------------------- the checks

Call = tuple[str, Callable[..., Any], Any, tuple[Any, ...], dict[str, Any], Any]


def _run_in_process(
    path: Path, monkeypatch: pytest.MonkeyPatch, **parameters: Any
) -> tuple[dict[str, Any], list[Call]]:
    """Run a notebook's code cells here, every check recording its call and result."""
    calls: list[Call] = []
    for name in CHECKS:
        real = getattr(classroom, name)

        def recording(answer, corpus, *args, _real=real, _name=name, **kwargs):
            fb = _real(answer, corpus, *args, **kwargs)
            calls.append((_name, _real, answer, (corpus, *args), kwargs, fb))
            return fb

        monkeypatch.setattr(classroom, name, recording)
    monkeypatch.chdir(path.parent)  # where Jupyter runs it: CORPUS is relative to it
    nb = nbformat.read(path, as_version=4)
    ns: dict[str, Any] = {"__name__": "__main__"}
    for i, cell in enumerate(c for c in nb.cells if c.cell_type == "code"):
        exec(compile(cell.source, f"{path.name}, code cell {i}", "exec"), ns)
        if i == 0:  # the parameters cell, then the values of this run
            ns.update(parameters)
    return ns, calls


@pytest.fixture(scope="module")
def tmp_out(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("exercises-out")


def _wrong_answers(answer: Any, outlets: list[str] | None = None) -> list[Any]:
    """Answers near the right one that must not pass (``outlets``: the corpus's, to tell
    a ranking, where order matters, from a set of words)."""
    if isinstance(answer, bool):
        return [not answer]
    if isinstance(answer, int):
        return [answer + 1, answer - 1, answer * 2 + 1]
    if isinstance(answer, float):
        return [answer + 0.05, answer - 0.05, -answer if answer else 0.5]
    if isinstance(answer, str):
        return [answer[::-1] + "x", "", answer + " and more"]
    if isinstance(answer, dict):
        first = next(iter(answer))
        return [
            {k: v + 1 for k, v in answer.items()},
            {k: v for k, v in answer.items() if k != first},
            {**answer, "Another site": 1},
        ]
    if isinstance(answer, list):  # a ranking, a set of words or a set of pairs
        wrong = [answer[:-1], [*answer, "zzzz"]]
        if outlets is not None and sorted(map(str, answer)) == outlets and len(answer) > 1:
            wrong.append(answer[::-1])  # a ranking read the wrong way round
        if answer and isinstance(answer[0], tuple):
            outlets = sorted({o for pair in answer for o in pair})
            every = list(itertools.combinations(outlets, 2))
            wrong.append([p for p in every if p not in answer and p[::-1] not in answer])
        return wrong
    raise AssertionError(f"no wrong answers for {answer!r}")


def _guesses(answer: Any, outlets: list[str]) -> list[Any]:
    """What a student could try without measuring: every outlet's name, alone or in a
    list; for a ranking, a sample of orders; for pairs, every single pair, all, none."""
    guesses: list[Any] = [*outlets, *([o] for o in outlets), "", 0, 0.5, 1]
    if isinstance(answer, list) and sorted(map(str, answer)) == outlets:
        orders = list(itertools.permutations(outlets))
        random.Random(0).shuffle(orders)
        guesses += [list(p) for p in orders[:40] if list(p) != answer]
    if isinstance(answer, list) and answer and isinstance(answer[0], tuple):
        every = list(itertools.combinations(outlets, 2))
        guesses += [[p] for p in every] + [every, []]
    return [g for g in guesses if g != answer]


@pytest.fixture(scope="module")
def solved(tmp_out: Path) -> dict[str, tuple[dict[str, Any], list[Call]]]:
    """Each teacher's notebook run once in this process: its namespace and check calls."""
    out: dict[str, tuple[dict[str, Any], list[Call]]] = {}
    with pytest.MonkeyPatch.context() as mp:
        for path in TEACHER:
            out[_id(path)] = _run_in_process(path, mp, OUT_DIR=str(tmp_out / _id(path)))
            mp.undo()
    return out


@pytest.mark.parametrize("path", TEACHER, ids=_id)
def test_solution_passes_every_check(solved, path):
    _ns, calls = solved[_id(path)]
    nb = nbformat.read(path, as_version=4)
    n_checks = sum(bool(re.search(r"\bcheck_\w+\(", c.source)) for c in nb.cells)
    assert len(calls) == n_checks >= 1
    for name, _check, answer, _args, kwargs, fb in calls:
        assert fb.passed and fb.score == fb.points == 1.0, (name, answer, fb.reason)
        assert fb.to_dict()["status"] == "correct" and kwargs["prediction"] is not None


@pytest.mark.parametrize("path", TEACHER, ids=_id)
def test_blank_wrong_and_guessed_answers_do_not_pass(solved, path):
    _ns, calls = solved[_id(path)]
    for name, check, answer, args, kwargs, _fb in calls:
        blank = check(None, *args, **kwargs)
        assert not blank and blank.status == "not answered" and blank.score == 0, name
        unpredicted = check(answer, *args, **{**kwargs, "prediction": None})
        assert not unpredicted and unpredicted.reason == classroom.PREDICT_FIRST, name
        outlets = sorted(toolkit.as_articles(args[0])["outlet"].astype(str).unique())
        for wrong in [*_wrong_answers(answer, outlets), *_guesses(answer, outlets)]:
            fb = check(wrong, *args, **kwargs)
            assert not fb.passed and fb.score == 0 and fb.status == "not yet", (name, wrong)


@pytest.mark.parametrize("path", TEACHER, ids=_id)
def test_hints_never_narrow_down_the_answer(solved, path):
    _ns, calls = solved[_id(path)]
    for name, check, answer, args, kwargs, _fb in calls:
        outlets = sorted(toolkit.as_articles(args[0])["outlet"].astype(str).unique())
        # every outlet's name gets the same reason: a hint cannot single one out
        reasons = {check(o, *args, **kwargs).reason for o in outlets}
        assert len(reasons) == 1, (name, reasons)
        assert not re.search(r"\b(close|almost|nearly|too (high|low|many|few))\b", str(reasons))
        # a number off either way gets the same reason: no "too high", no bisection
        if isinstance(answer, int | float) and not isinstance(answer, bool):
            step = 7 if isinstance(answer, int) else 0.043
            above, below = (
                check(answer + step, *args, **kwargs),
                check(answer - step, *args, **kwargs),
            )
            assert above.reason == below.reason, (name, above.reason, below.reason)
        # and no reason spells the right answer out
        shown = " ".join(
            check(g, *args, **kwargs).reason for g in [*_wrong_answers(answer, outlets), *outlets]
        )
        for piece in _spelled(answer):
            assert piece not in shown, (name, piece)


def _spelled(answer: Any) -> list[str]:
    if isinstance(answer, bool):
        return []
    if isinstance(answer, int):
        return [f" {answer} ", f" {answer}."]
    if isinstance(answer, float):
        return [f"{answer:.3f}", f"{answer:.2f}"]
    if isinstance(answer, str):
        return [answer]
    if isinstance(answer, dict):
        return [repr(answer)]
    if isinstance(answer, list) and answer and isinstance(answer[0], str):
        return [repr(answer)]
    return [repr(answer)] if answer else []


@pytest.mark.parametrize("path", STUDENT, ids=_id)
def test_shipped_blank_answers_run_and_do_not_pass(path, tmp_out, monkeypatch):
    _ns, calls = _run_in_process(path, monkeypatch, OUT_DIR=str(tmp_out / f"student-{_id(path)}"))
    assert calls
    for name, *_rest, fb in calls:
        assert not fb and fb.status == "not answered" and fb.score == 0, name


def test_feedback_is_data_and_escaped_html():
    fb = classroom.Feedback(False, "Not yet: <script>x</script>", question="q", answer={1, 2})
    assert fb.to_dict() == {
        "question": "q",
        "status": "not yet",
        "passed": False,
        "score": 0.0,
        "points": 1.0,
        "reason": "Not yet: <script>x</script>",
        "answer": [1, 2],
        "prediction": None,
    }
    assert "<script>" not in fb._repr_html_() and "&lt;script&gt;" in fb._repr_html_()


def test_results_record_every_attempt():
    classroom.clear_results()
    arts = pd.DataFrame(
        {"article_id": ["a", "b"], "outlet": ["X", "Y"], "text": ["Hi.\n\nHi.", "Bye."]}
    )
    classroom.check_articles_with_repeats(None, arts, prediction=1)
    classroom.check_articles_with_repeats(1, arts, prediction=None)
    classroom.check_articles_with_repeats(1, arts, prediction=2)
    table = classroom.results()
    assert table["attempt"].tolist() == [1, 2, 3]
    assert table["status"].tolist() == ["not answered", "not answered", "correct"]
    assert table["prediction"].tolist() == [1, None, 2]
    classroom.clear_results()


# --------------------------------------------------------------------------- other corpora


def _write_flat_scrape(folder: Path) -> Path:
    """Pages as a scraper saves them: one flat folder, no manifest, the site on the page."""
    folder.mkdir(parents=True)
    sites = {
        "River Post": "Subscribe to the River Post",
        "Hill Times": "© 2024 Hill Times Media Ltd",
        "Coast Daily": "Cookie settings",
    }
    towns = ["Ashby", "Brill", "Cole", "Dunmore", "Eske"]
    for s, (site, footer) in enumerate(sites.items()):
        for i, town in enumerate(towns[: 3 + s]):
            title = (
                f"Flood defences approved for {town} | {site}"
                if i % 2 == 0
                else f"{town} council backs river plan - {site}"
            )
            body = (
                f"The county council agreed on Monday to spend {i + 2} million on new flood "
                f"defences along the river near {town}, after two winters of damage."
            )
            page = f"{title}\nMenu\nNews Sport Weather\n\n{body}\n\nShare\n{footer}\n"
            (folder / f"{s}{i:02d}_{town.lower()}.txt").write_text(page, "utf-8")
    return folder


def test_scraped_folder_exercise_runs_on_a_students_own_folder(tmp_path, monkeypatch):
    folder = _write_flat_scrape(tmp_path / "my scrape")
    ns, calls = _run_in_process(
        NOTEBOOKS / "teacher" / "ex07_a_folder_you_scraped.ipynb",
        monkeypatch,
        SCRAPED=str(folder),
        OUT_DIR=str(tmp_path / "out"),
    )
    assert ns["answer_sites"] == {"Coast Daily": 5, "Hill Times": 4, "River Post": 3}
    assert [c[0] for c in calls] == ["check_sites", "check_outlet_evidence"]
    assert all(c[-1].passed for c in calls)
    assert ns["answer_line"] in set(ns["scraped"].articles["outlet_evidence"])
    assert sorted(p.name for p in folder.iterdir()) == sorted(ns["files"])  # nothing written


def test_ranking_exercise_follows_the_users_corpus(tmp_path, monkeypatch):
    from test_notebooks import _write_user_corpus

    corpus = _write_user_corpus(tmp_path / "mine")
    ns, calls = _run_in_process(
        NOTEBOOKS / "teacher" / "ex01_most_cluttered_outlet.ipynb",
        monkeypatch,
        CORPUS=str(corpus),
        OUT_DIR=str(tmp_path / "out"),
    )
    assert sorted(ns["answer"]) == ["Coast Daily", "Hill Times", "River Post"]
    assert [fb.passed for *_rest, fb in calls] == [True]


# --------------------------------------------------------------------------- grading a class


def _hand_in(folder: Path, name: str, answer_code: str | None) -> Path:
    """Exercise 2 as a student hands it in: the stub replaced by ``answer_code``."""
    nb = nbformat.read(NOTEBOOKS / "exercises" / "ex02_repeated_paragraphs.ipynb", as_version=4)
    for cell in nb.cells:
        if answer_code is not None:
            cell.source = cell.source.replace(
                "answer = None  # a whole number of articles\n# YOUR CODE HERE", answer_code
            )
            cell.source = cell.source.replace(
                "prediction = None  # how many articles, before you measure", "prediction = 5"
            )
    path = folder / name / "ex02_repeated_paragraphs.ipynb"
    path.parent.mkdir(parents=True)
    nbformat.write(nb, path)
    return path


def test_grade_collects_a_class(tmp_path):
    right = _hand_in(tmp_path, "ann", "answer = int(repeats['article_id'].nunique())")
    wrong = _hand_in(tmp_path, "bob", "answer = len(repeats)")
    blank = _hand_in(tmp_path, "cy", None)
    broken = _hand_in(
        tmp_path, "dee", "answer = None\nanswer = repeats['no such column'].nunique()"
    )
    table = classroom.grade([right, wrong, blank, broken], corpus=ROOT / "corpus")
    assert list(table.columns) == classroom.GRADE_COLUMNS
    assert table["notebook"].tolist() == [str(p) for p in (right, wrong, blank, broken)]
    assert set(table["question"]) == {"check_articles_with_repeats"}
    assert table["score"].tolist() == [1.0, 0.0, 0.0, 0.0]
    assert table["status"].tolist() == ["correct", "not yet", "not answered", "not answered"]
    assert table["reason"].iloc[1].startswith("Not yet: you counted repeated *lines*")
    assert table["prediction"].tolist() == [5, 5, None, 5]
    assert table["error"].iloc[:3].isna().all() and "KeyError" in table["error"].iloc[3]
