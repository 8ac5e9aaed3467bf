"""Write the students' exercises from the teachers' versions, the one source.

Each exercise is written once, with its solution, in ``notebooks/teacher/``, marked the
way nbgrader marks a source notebook: in a cell whose metadata says
``nbgrader: {solution: true}``, the lines between ``### BEGIN SOLUTION`` and
``### END SOLUTION`` are the teacher's; in any cell, the lines between
``### BEGIN HIDDEN TESTS`` and ``### END HIDDEN TESTS`` are checks the student does not
see. The student version in ``notebooks/exercises/`` is the same notebook with those
regions replaced (a code solution by ``# YOUR CODE HERE``, a written one by
``YOUR ANSWER HERE``, hidden tests by nothing) and its outputs cleared. nbgrader makes the
same student version with::

    c.ClearSolutions.code_stub = {"python": "# YOUR CODE HERE"}
    c.ClearSolutions.text_stub = "YOUR ANSWER HERE"

Usage::

    python notebooks/make_student_versions.py          # (re)write notebooks/exercises/
    python notebooks/make_student_versions.py --check  # exit 1 if one differs or is missing
"""

from __future__ import annotations

import argparse
import copy
import re
import sys
from pathlib import Path
from typing import Any

import nbformat

HERE = Path(__file__).resolve().parent
TEACHER = HERE / "teacher"
STUDENT = HERE / "exercises"

CODE_STUB = "# YOUR CODE HERE"
TEXT_STUB = "YOUR ANSWER HERE"
SOLUTION = ("BEGIN SOLUTION", "END SOLUTION")
HIDDEN_TESTS = ("BEGIN HIDDEN TESTS", "END HIDDEN TESTS")


class SourceError(ValueError):
    """A teacher's notebook whose markers the student version cannot be made from."""


def _replace_regions(
    source: str, markers: tuple[str, str], stub: str | None, where: str
) -> tuple[str, bool]:
    """Replace each region between the two marker lines (markers included) by ``stub``
    indented like the opening marker; ``stub=None`` removes the region."""
    begin, end = markers
    out: list[str] = []
    inside = found = False
    for line in source.split("\n"):
        if begin in line:
            if inside:
                raise SourceError(f"{where}: {begin!r} inside another region")
            inside = found = True
            if stub is not None:
                indent = re.match(r"\s*", line).group(0)  # type: ignore[union-attr]
                out.extend(indent + s for s in stub.split("\n"))
        elif end in line:
            if not inside:
                raise SourceError(f"{where}: {end!r} without {begin!r}")
            inside = False
        elif not inside:
            out.append(line)
    if inside:
        raise SourceError(f"{where}: {begin!r} is never closed")
    return "\n".join(out), found


def student_version(teacher: Any, name: str = "notebook") -> Any:
    """The student's notebook made from a teacher's (which is left unchanged).

    Parameters
    ----------
    teacher : nbformat.NotebookNode
    name : str
        For error messages.

    Returns
    -------
    nbformat.NotebookNode
        Solutions replaced by the stubs, hidden tests removed, outputs cleared.

    Raises
    ------
    SourceError
        When a marker is unbalanced, or a solution region sits in a cell that is not
        marked ``nbgrader.solution``.
    """
    nb = copy.deepcopy(teacher)
    for i, cell in enumerate(nb.cells):
        where = f"{name}, cell {i}"
        grading = cell.metadata.get("nbgrader", {})
        stub = CODE_STUB if cell.cell_type == "code" else TEXT_STUB
        source, solved = _replace_regions(cell.source, SOLUTION, stub, where)
        if solved and not grading.get("solution"):
            raise SourceError(f"{where}: a solution region in a cell not marked as a solution")
        if grading.get("solution") and not solved:
            source = stub  # nbgrader's rule: a solution cell without markers is all solution
        source, _ = _replace_regions(source, HIDDEN_TESTS, None, where)
        cell.source = source
        if cell.cell_type == "code":
            cell.outputs = []
            cell.execution_count = None
    return nb


def render(nb: Any) -> str:
    """The notebook as the text committed to the repository."""
    text = nbformat.writes(nb)
    return text if text.endswith("\n") else text + "\n"  # as nbformat.write ends a file


def expected() -> dict[Path, str]:
    """Every student notebook, as it should be committed, by path."""
    out = {}
    for path in sorted(TEACHER.glob("*.ipynb")):
        teacher = nbformat.read(path, as_version=4)
        out[STUDENT / path.name] = render(student_version(teacher, path.name))
    return out


def _shown(path: Path) -> str:
    return str(path.relative_to(HERE.parent)) if path.is_relative_to(HERE.parent) else str(path)


def main(argv: list[str] | None = None) -> int:
    """Write (or with ``--check`` compare) the student versions; the exit status."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument(
        "--check", action="store_true", help="write nothing; exit 1 when a student version differs"
    )
    args = parser.parse_args(argv)
    want = expected()
    stale = sorted(set(STUDENT.glob("*.ipynb")) - set(want))
    if args.check:
        differ = [p for p, text in want.items() if not p.exists() or p.read_text("utf-8") != text]
        for path in differ:
            print(f"out of date: {_shown(path)}", file=sys.stderr)
        for path in stale:
            print(f"no teacher's version: {_shown(path)}", file=sys.stderr)
        if differ or stale:
            print("run: python notebooks/make_student_versions.py", file=sys.stderr)
            return 1
        print(f"{len(want)} student versions up to date")
        return 0
    STUDENT.mkdir(exist_ok=True)
    for path, text in want.items():
        path.write_text(text, encoding="utf-8")
    for path in stale:
        path.unlink()
    print(f"wrote {len(want)} student versions to {_shown(STUDENT)}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
