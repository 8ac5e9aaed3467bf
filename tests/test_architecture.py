"""The house rules that keep the package's shape: pure stats, documented public API."""

from __future__ import annotations

import inspect
import subprocess
import sys

import pytest

import toolkit


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
