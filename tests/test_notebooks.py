"""The notebooks: committed clean, parameterised, and run in a real kernel.

nbmake (in the project's pytest options) already executes every notebook under
``notebooks/`` on the bundled corpus. The tests here check how the notebooks are
committed, and use :func:`nbrun.run_notebook` for what nbmake cannot do: run a notebook
on another corpus (a user's own, made in ``tmp_path``) and assert inside the kernel that a
widget re-renders. The exercises' own tests are in ``tests/test_exercises.py``.
"""

from __future__ import annotations

import ast
from pathlib import Path

import nbformat
import pytest
from nbrun import cell_text, run_notebook

ROOT = Path(__file__).resolve().parents[1]
NOTEBOOKS = ROOT / "notebooks"
ALL = sorted(NOTEBOOKS.rglob("*.ipynb"))
ALL = [p for p in ALL if ".ipynb_checkpoints" not in p.parts]
EXERCISES = sorted((NOTEBOOKS / "exercises").glob("*.ipynb"))
TEACHER = NOTEBOOKS / "teacher"  # the exercises with their solutions: tests/test_exercises.py


def _id(path: Path) -> str:
    return str(path.relative_to(NOTEBOOKS))


def _code_cells(nb: nbformat.NotebookNode) -> list[nbformat.NotebookNode]:
    return [c for c in nb.cells if c.cell_type == "code"]


def test_there_are_tutorials_and_exercises():
    names = {p.stem for p in NOTEBOOKS.glob("*.ipynb")}
    assert {
        "00_quickstart",
        "01_load_your_corpus",
        "02_compare_outlets",
        "03_boilerplate_and_repetition",
        "04_keywords_and_keyness",
        "05_stray_strings_and_scripts",
        "06_reuse_and_syndication",
    } <= names
    assert len(EXERCISES) >= 5
    assert sorted(p.name for p in TEACHER.glob("*.ipynb")) == [p.name for p in EXERCISES]


@pytest.mark.parametrize("nb_path", ALL, ids=_id)
def test_committed_without_outputs(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    nbformat.validate(nb)
    dirty = [
        i
        for i, c in enumerate(nb.cells)
        if c.cell_type == "code" and (c.outputs or c.execution_count is not None)
    ]
    assert not dirty, f"cells {dirty} carry outputs: clear them before committing"
    assert nb.metadata["kernelspec"]["name"] == "python3"
    assert "widgets" not in nb.metadata  # no stored widget state either


@pytest.mark.parametrize("nb_path", ALL, ids=_id)
def test_opens_with_purpose_level_and_time(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    first = nb.cells[0]
    assert first.cell_type == "markdown" and first.source.startswith("# ")
    for word in ("Level", "Time"):
        assert f"**{word}" in first.source or f"{word}:**" in first.source, word
    assert "What" in first.source  # what it is for / what you need to know


@pytest.mark.parametrize("nb_path", ALL, ids=_id)
def test_first_code_cell_is_the_parameters_cell(nb_path):
    nb = nbformat.read(nb_path, as_version=4)
    first = _code_cells(nb)[0]
    assert "parameters" in first.metadata.get("tags", [])
    tree = ast.parse(first.source)
    defaults = {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            name = node.targets[0].id  # type: ignore[attr-defined]
            env, default = (a.value for a in node.value.args)  # type: ignore[attr-defined]
            defaults[name] = (env, default)
    assert defaults["CORPUS"][0] == "TOOLKIT_CORPUS"
    assert defaults["OUT_DIR"] == ("TOOLKIT_OUT", "out")
    # the default corpus path is relative to the notebook and finds the bundled corpus
    assert (nb_path.parent / defaults["CORPUS"][1]).resolve() == (ROOT / "corpus").resolve()


# --------------------------------------------------------------------------- in a kernel

STORY = (
    "The county council agreed on {day} to spend {n} million on new flood defences along "
    "the river, after two winters of damage to homes and farmland near {town}."
)


def _write_user_corpus(folder: Path) -> Path:
    """A small corpus the way a user might have it: one sub-folder per outlet."""
    chrome = {
        "River Post": ("Menu\nNews Sport Weather\n", "\nSubscribe to the River Post\nShare"),
        "Hill Times": ("Hill Times | Home\n", "\nRead more stories\nComments (0)"),
        "Coast Daily": ("Sign in\n", "\nCookie settings\nВойти"),
    }
    towns = ["Ashby", "Brill", "Cole", "Dunmore"]
    for o, (outlet, (head, tail)) in enumerate(chrome.items()):
        (folder / outlet).mkdir(parents=True)
        for i, town in enumerate(towns):
            body = STORY.format(day=["Monday", "Tuesday"][i % 2], n=o + i + 2, town=town)
            quote = f'"We waited too long," said {town} resident Ann {outlet.split()[0]}.'
            text = f"{head}\n{body}\n\n{quote}\n\n{quote if (o + i) % 3 == 0 else ''}\n{tail}\n"
            (folder / outlet / f"{outlet[:4].lower()}_{i}.txt").write_text(text, "utf-8")
    return folder


def test_compare_outlets_on_a_users_own_corpus(tmp_path):
    corpus = _write_user_corpus(tmp_path / "my corpus")
    out = tmp_path / "out"
    nb = run_notebook(
        NOTEBOOKS / "02_compare_outlets.ipynb",
        parameters={"CORPUS": str(corpus), "OUT_DIR": str(out)},
        extra_cells=[
            # the comparer re-renders in the kernel when a control changes
            "n, before = comparer.n_renders, comparer.chart.value\n"
            "comparer.metric.value = 'duplicate_line_chr_fraction'\n"
            "assert comparer.n_renders == n + 1, comparer.n_renders\n"
            "assert comparer.chart.value != before and comparer.chart.value[:4] == b'\\x89PNG'\n"
            "from toolkit.schema import axis_label\n"
            "assert comparer.last_ax.get_xlabel() == axis_label('duplicate_line_chr_fraction')\n"
            "comparer.outlets.value = ('Coast Daily', 'River Post')\n"
            "assert comparer.n_renders == n + 2\n"
            # the outlets in the chart's order (highest mean first), as the static chart
            "shown = list(comparer.last_table['outlet'])\n"
            "assert sorted(shown) == ['Coast Daily', 'River Post'], shown\n"
            "assert shown == [o for o in comparer.outlet_order() if o in shown], shown\n"
            "assert comparer.last_error is None\n"
            "print('in-kernel checks passed', sorted(corpus.outlets))",
            # a second toolkit chart in the same kernel is still displayed inline
            "ax = plot_outlet_metric(stats, 'boilerplate_ratio')",
        ],
    )
    cells = nb.cells
    assert "in-kernel checks passed ['Coast Daily', 'Hill Times', 'River Post']" in cell_text(
        cells[-2]
    )
    assert any("image/png" in o.get("data", {}) for o in cells[-1].outputs)
    charts = [c for c in cells if c.cell_type == "code" and "plot_outlet_metric(" in c.source]
    for cell in charts:
        assert any("image/png" in o.get("data", {}) for o in cell.outputs), cell.source
    exported = sorted(p.name for p in (out / "exports").iterdir())
    assert "outlets_stray_chr_fraction_raw.png" in exported
    assert "outlets_stray_chr_fraction_raw.csv" in exported
    state = nb.metadata["widgets"]["application/vnd.jupyter.widget-state+json"]["state"]
    assert any(s["model_name"] == "ImageModel" for s in state.values())
