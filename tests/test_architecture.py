"""The house rules that keep the package's shape: pure stats, documented public API."""

from __future__ import annotations

import ast
import inspect
import subprocess
import sys
from pathlib import Path

import pytest

import toolkit

ROOT = Path(__file__).resolve().parents[1]


def test_stats_imports_neither_matplotlib_nor_ipywidgets():
    code = (
        "import sys, toolkit, toolkit.stats.summary, toolkit.stats.keywords, "
        "toolkit.stats.repetition, toolkit.stats.boilerplate, toolkit.stats.scripts, "
        "toolkit.corpus, toolkit.text\n"
        "bad = [m for m in ('matplotlib', 'ipywidgets') if m in sys.modules]\n"
        "print(','.join(bad))"
    )
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert out.stdout.strip() == ""


@pytest.mark.parametrize("name", [n for n in toolkit.__all__ if not n.startswith("_")])
def test_public_name_is_documented_with_an_example(name):
    obj = getattr(toolkit, name)
    doc = inspect.getdoc(obj) or ""
    assert len(doc) > 40, f"toolkit.{name} has no real docstring"
    if inspect.isfunction(obj):
        assert "Examples" in doc and ">>>" in doc, f"toolkit.{name} has no runnable example"
        assert "Returns" in doc, f"toolkit.{name} does not say what it returns"


def test_unknown_attribute_raises():
    with pytest.raises(AttributeError):
        toolkit.no_such_function  # noqa: B018


def _toolkit_imports(path: Path) -> list[tuple[str, list[str]]]:
    """(module, names) of every ``toolkit`` import in a file, function-level ones included."""
    package = ".".join(path.relative_to(ROOT).with_suffix("").parts[:-1])
    found: list[tuple[str, list[str]]] = []
    for node in ast.walk(ast.parse(path.read_text("utf-8"))):
        if isinstance(node, ast.Import):
            found += [(alias.name, []) for alias in node.names]
        elif isinstance(node, ast.ImportFrom):
            module = node.module or ""
            if node.level:  # relative: resolved against the file's package
                base = package.split(".")[: len(package.split(".")) - node.level + 1]
                module = ".".join([*base, module] if module else base)
            found.append((module, [alias.name for alias in node.names]))
    return [(m, names) for m, names in found if m == "toolkit" or m.startswith("toolkit.")]


def test_io_and_corpus_never_import_upward():
    """io/ and corpus.py sit below text, stats and the Dask engine: they never import them."""
    allowed_io = ("toolkit.schema", "toolkit._progress", "toolkit.io")
    files = [*sorted((ROOT / "toolkit" / "io").glob("*.py")), ROOT / "toolkit" / "corpus.py"]
    assert len(files) > 5
    bad = []
    for path in files:
        for module, names in _toolkit_imports(path):
            if module == "toolkit.io" and names:  # from toolkit.io import decode
                module = f"toolkit.io.{names[0]}"
            ok = module in allowed_io or module.startswith("toolkit.io.")
            if not ok:
                bad.append(f"{path.relative_to(ROOT)} imports {module}")
            private = [n for n in names if n.startswith("_")]
            if private:
                bad.append(f"{path.relative_to(ROOT)} imports private {private} from {module}")
    assert not bad, "\n".join(bad)
