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


# --------------------------------------------------------------------------- import graph

_ROOT = Path(toolkit.__file__).parent

#: The house's dependency direction, lowest first: a module may import only modules of a
#: lower rank, or of its own rank inside its own package (acyclic, checked below).
#: ``toolkit.scale`` (the Dask engine) sits at the edge: it imports the statistics and
#: registers its types with them; nothing imports it.
_RANKS: tuple[tuple[str, ...], ...] = (
    ("toolkit._progress", "toolkit.schema"),
    ("toolkit.io",),
    ("toolkit.corpus",),
    ("toolkit.text",),
    ("toolkit.stats",),
    ("toolkit.plots", "toolkit.export", "toolkit.findings_rules"),
    ("toolkit.widgets", "toolkit.report", "toolkit.classroom"),
    ("toolkit.cli",),
    ("toolkit.__main__", "toolkit.scale"),
)


def _modules() -> dict[str, Path]:
    mods = {}
    for path in _ROOT.rglob("*.py"):
        parts = ["toolkit", *path.relative_to(_ROOT).with_suffix("").parts]
        if parts[-1] == "__init__":
            parts = parts[:-1]
        mods[".".join(parts)] = path
    return mods


def _imports(mods: dict[str, Path]) -> dict[str, set[tuple[str, str]]]:
    """Per module, the (toolkit module, imported name) pairs of every import statement
    in it, function-level and ``TYPE_CHECKING`` imports included."""
    out: dict[str, set[tuple[str, str]]] = {}
    for mod, path in mods.items():
        package = mod if path.name == "__init__.py" else mod.rpartition(".")[0]
        found: set[tuple[str, str]] = set()
        for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
            if isinstance(node, ast.Import):
                found |= {(a.name, "") for a in node.names if a.name.startswith("toolkit")}
            elif isinstance(node, ast.ImportFrom):
                base = node.module or ""
                if node.level:
                    pkg = package.split(".")[: len(package.split(".")) - node.level + 1]
                    base = ".".join([*pkg, *([base] if base else [])])
                if base.startswith("toolkit"):
                    for alias in node.names:
                        sub = f"{base}.{alias.name}"
                        found.add((sub, "") if sub in mods else (base, alias.name))
        out[mod] = found
    return out


def _rank(mod: str) -> tuple[int, str]:
    for rank, group in enumerate(_RANKS):
        for prefix in group:
            if mod == prefix or mod.startswith(prefix + "."):
                return rank, prefix
    raise AssertionError(f"{mod} has no place in the dependency direction (_RANKS)")


def test_every_import_follows_the_dependency_direction():
    mods = _modules()
    bad = []
    for mod, found in _imports(mods).items():
        if mod == "toolkit":
            continue  # the package's lazy facade (imports nothing at import time)
        for target, _name in found:
            if target == "toolkit" or target == mod:
                continue
            (r_from, g_from), (r_to, g_to) = _rank(mod), _rank(target)
            if r_to > r_from or (r_to == r_from and g_to != g_from):
                bad.append(f"{mod} -> {target}")
    assert not bad, "imports against the direction:\n" + "\n".join(sorted(bad))


def test_import_graph_has_no_cycle():
    mods = _modules()
    edges = {
        m: {t for t, _ in found if t in mods and t not in (m, "toolkit")}
        for m, found in _imports(mods).items()
    }
    state: dict[str, int] = {}
    cycle: list[str] = []

    def visit(node: str, path: list[str]) -> bool:
        state[node] = 1
        for nxt in sorted(edges.get(node, ())):
            if state.get(nxt) == 1:
                cycle.extend([*path[path.index(nxt) :], nxt] if nxt in path else [node, nxt])
                return True
            if state.get(nxt) is None and visit(nxt, [*path, nxt]):
                return True
        state[node] = 2
        return False

    for m in sorted(edges):
        if state.get(m) is None and visit(m, [m]):
            break
    assert not cycle, "import cycle: " + " -> ".join(cycle)


def test_no_private_name_is_imported_across_modules():
    mods = _modules()
    bad = sorted(
        f"{mod} imports {name} from {target}"
        for mod, found in _imports(mods).items()
        for target, name in found
        if name.startswith("_") and not name.endswith("__") and target != mod
    )
    assert not bad, "\n".join(bad)


def test_nothing_imports_the_dask_engine_widgets_or_cli():
    importers = {
        target: sorted(
            m
            for m, found in _imports(_modules()).items()
            if (target, "") in found or any(t == target for t, _ in found)
        )
        for target in ("toolkit.scale", "toolkit.widgets", "toolkit.cli")
    }
    assert importers == {
        "toolkit.scale": [],
        "toolkit.widgets": [],
        "toolkit.cli": ["toolkit.__main__"],
    }
