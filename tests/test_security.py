"""Security: nothing is lost, nothing runs, nothing escapes.

* the toolkit never writes inside a source corpus (full tree digest before/after);
* report and export files are replaced atomically: an interrupted run leaves the old
  report intact;
* every HTML view escapes article text, outlet names, titles, file names and messages;
* exported CSV cells cannot run as spreadsheet formulas;
* zips cannot write outside (or anywhere) and cannot inflate past their limits;
* nothing loads pickles or evaluates text.
"""

from __future__ import annotations

import csv
import hashlib
import html
import io
import json
import os
import re
import shutil
import stat
import zipfile
from collections.abc import Callable, Iterator
from html.parser import HTMLParser
from pathlib import Path
from typing import Any

import pandas as pd
import pytest

import toolkit
from toolkit.cli import main
from toolkit.corpus import load_corpus
from toolkit.export import FORMULA_PREFIXES, spreadsheet_safe, write_table
from toolkit.report import ReportError, build_report

pytestmark = pytest.mark.filterwarnings("ignore:.*without a publication date:UserWarning")

ROOT = Path(__file__).resolve().parents[1]
PACKAGE = ROOT / "toolkit"

SCRIPT = "<script>alert(1)</script>"
IMG = "<img src=x onerror=alert(1)>"
LINK = '<a href="javascript:alert(1)">click here</a>'
EVIL_LINE = f"Breaking {SCRIPT} {IMG} {LINK}"

STORIES = (
    "The harbour board agreed on Tuesday to dredge the northern channel before winter "
    "storms arrive, a spokesman said after the meeting in the old customs house.",
    "Teachers across the region will strike on Friday over pay, their union announced, "
    "closing most secondary schools for the day and delaying exams.",
    "A new ferry will link the two islands with the mainland twice a day from May, "
    "the transport office said, replacing a service cancelled last year.",
)


# --------------------------------------------------------------------------- helpers


def tree_digest(root: Path) -> dict[str, tuple[str, int, int, str]]:
    """Every entry under ``root`` (files, folders, links): kind, mode, mtime_ns, content hash."""
    out: dict[str, tuple[str, int, int, str]] = {}
    for dirpath, dirnames, filenames in os.walk(root, followlinks=False):
        for name in [*dirnames, *filenames]:
            path = Path(dirpath) / name
            info = path.lstat()
            if stat.S_ISLNK(info.st_mode):
                kind, digest = "link", os.readlink(path)
            elif stat.S_ISDIR(info.st_mode):
                kind, digest = "dir", ""
            else:
                kind, digest = "file", hashlib.sha256(path.read_bytes()).hexdigest()
            out[str(path.relative_to(root))] = (kind, info.st_mode, info.st_mtime_ns, digest)
    top = root.lstat()
    out["."] = ("dir", top.st_mode, top.st_mtime_ns, "")
    return out


class _TagCollector(HTMLParser):
    """Every start tag of a page with its attributes, as a browser's tokenizer sees them."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.tags: list[tuple[str, list[tuple[str, str | None]]]] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.tags.append((tag, attrs))


def assert_no_active_markup(page: str, where: str) -> None:
    """No script element, event-handler attribute or javascript: URL survives in ``page``."""
    assert re.search(r"<\s*script", page, re.I) is None, f"<script in {where}"
    parser = _TagCollector()
    parser.feed(page)
    parser.close()
    for tag, attrs in parser.tags:
        assert tag != "script", f"<script> element in {where}"
        for name, value in attrs:
            assert not name.startswith("on"), f"<{tag} {name}=...> event handler in {where}"
            url = "".join((value or "").split()).lower()
            assert not url.startswith(("javascript:", "vbscript:")), f"{url} in {where}"
            if tag == "img" and name == "src":
                assert value != "x", f"the payload's <img> is live in {where}"


def write(path: Path, content: str | bytes) -> Path:
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_bytes(content.encode("utf-8") if isinstance(content, str) else content)
    return path


def make_corpus_folder(root: Path) -> Path:
    """A small folder corpus: outlets as sub-folders, an HTML page, a manifest, bad files."""
    for i, story in enumerate(STORIES):
        write(root / "Harbour Herald" / f"hh{i}.txt", f"Subscribe\n\n{story}\n\n{story}\n")
        write(root / "Capital Ledger" / f"cl{i}.txt", f"Log in or register\n\n{story} More.\n")
    write(root / "page.html", f"<html><body><p>{STORIES[0]}</p>{SCRIPT}</body></html>")
    write(root / "manifest.csv", "path,outlet\npage.html,Web Desk\nmissing.txt,Web Desk\n")
    write(root / "empty.txt", b"")
    return root


# --------------------------------------------------------------------------- never writes


def test_nothing_is_written_inside_the_corpus(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = make_corpus_folder(tmp_path / "corpus")
    os.symlink(src / "Harbour Herald", src / "link_to_herald")  # a link loop-ish duplicate
    before = tree_digest(src)

    corpus = load_corpus(src)
    assert len(corpus) >= 6
    lines = toolkit.label_lines(corpus)
    stats = toolkit.article_stats(corpus, lines=lines)
    toolkit.outlet_stats(stats, n_boot=20)
    toolkit.strip_boilerplate(corpus, lines=lines)
    toolkit.keyword_frequencies(corpus)
    toolkit.keyness(corpus, target="Harbour Herald", min_count=1)
    toolkit.concordance(corpus, "harbour")
    toolkit.collocations(corpus, min_count=1)
    toolkit.near_duplicates(corpus, text="raw")
    build_report(src, tmp_path / "report", progress=False, n_boot=20)
    assert (tmp_path / "report" / "index.html").is_file()

    # asked to write inside the corpus: refused, and nothing written there either
    with pytest.raises(ReportError, match="never writes into a corpus"):
        build_report(src, src / "report", progress=False, n_boot=20)
    with pytest.raises(ReportError):
        build_report(src, src, force=True, progress=False, n_boot=20)
    assert main(["stats", str(src), "--out", str(src / "stats.csv")]) == 2
    assert main(["report", str(src), "--out", str(src / "Harbour Herald"), "--force"]) == 2
    assert "never writes into a corpus" in capsys.readouterr().err

    assert tree_digest(src) == before


def test_a_corpus_file_where_the_report_writes_is_refused(tmp_path: Path) -> None:
    out = tmp_path / "rep"
    table = write(out / "tables" / "articles.csv", "id,outlet,text\n1,A,Some text here.\n")
    before = tree_digest(out)
    with pytest.raises(ReportError, match="overwritten"):
        build_report(table, out, force=True, progress=False, n_boot=20)
    index = write(tmp_path / "other" / "index.html", f"<p>{STORIES[1]}</p>")
    with pytest.raises(ReportError, match="overwritten"):
        build_report(index, index.parent, force=True, progress=False, n_boot=20)
    assert tree_digest(out) == before
    # a table --out onto the corpus file itself
    assert main(["stats", str(table), "--out", str(table)]) == 2
    assert main(["stats", str(table), "--out", str(table.with_suffix(""))]) == 2
    assert tree_digest(out) == before


# --------------------------------------------------------------------------- atomic outputs


def _report_files(out: Path) -> dict[str, bytes]:
    return {str(p.relative_to(out)): p.read_bytes() for p in sorted(out.rglob("*")) if p.is_file()}


@pytest.fixture(scope="module")
def two_reports(tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """An old report (corpus A) and the files a complete run on corpus B writes."""
    base = tmp_path_factory.mktemp("atomic")
    old_src = make_corpus_folder(base / "old_corpus")
    new_src = base / "new_corpus"
    for i, story in enumerate(STORIES):
        write(new_src / "North Star" / f"n{i}.txt", f"Share this\n\n{story} Update {i}.\n")
        write(new_src / "South Wind" / f"s{i}.txt", f"{story}\n\nRead more\n")
    reference = base / "reference"
    assert main(["report", str(new_src), "--out", str(reference), "--no-progress"]) == 0
    old_report = base / "old_report"
    assert main(["report", str(old_src), "--out", str(old_report), "--no-progress"]) == 0
    return {
        "base": base,
        "old_report": old_report,
        "new_src": new_src,
        "new_files": _report_files(reference),
    }


def _fail_on_call(
    monkeypatch: pytest.MonkeyPatch, target: str, n: int, *, module: Any
) -> Callable[..., Any]:
    """Patch ``module.target`` so that its ``n``-th call raises RuntimeError."""
    real = getattr(module, target)
    calls = {"n": 0}

    def wrapper(*args: Any, **kwargs: Any) -> Any:
        calls["n"] += 1
        if calls["n"] == n:
            raise RuntimeError(f"simulated crash in {target}")
        return real(*args, **kwargs)

    monkeypatch.setattr(module, target, wrapper)
    return wrapper


def _crash_in_write(monkeypatch: pytest.MonkeyPatch) -> None:
    """The disk fills up while index.html is being written (after the data went out)."""
    import toolkit.export as export

    real_fsync = os.fsync

    def failing_fsync(fd: int) -> None:
        name = os.readlink(f"/proc/self/fd/{fd}") if os.path.exists("/proc/self/fd") else ""
        if "index.html" in name:
            raise OSError(28, "No space left on device")
        real_fsync(fd)

    monkeypatch.setattr(export.os, "fsync", failing_fsync)


CRASHES: dict[str, Callable[[pytest.MonkeyPatch], Any]] = {
    "in the middle of build_report (keyness)": lambda mp: _fail_on_call(
        mp, "keyness", 2, module=__import__("toolkit.stats.keywords", fromlist=["keyness"])
    ),
    "in save_figure (4th chart)": lambda mp: _fail_on_call(
        mp, "save_figure", 4, module=__import__("toolkit.export", fromlist=["save_figure"])
    ),
    "in write_table (3rd table)": lambda mp: _fail_on_call(
        mp, "write_table", 3, module=__import__("toolkit.export", fromlist=["write_table"])
    ),
    "while writing index.html": _crash_in_write,
}


@pytest.mark.parametrize("crash", list(CRASHES))
def test_interrupted_report_leaves_the_old_report_intact(
    two_reports: dict[str, Any], monkeypatch: pytest.MonkeyPatch, crash: str
) -> None:
    out = two_reports["base"] / f"report_{abs(hash(crash))}"
    shutil.copytree(two_reports["old_report"], out)  # an existing report, made by the CLI
    old_files = _report_files(out)
    assert "index.html" in old_files and "tables/article_stats.csv" in old_files

    CRASHES[crash](monkeypatch)
    with pytest.raises((RuntimeError, OSError)):
        main(["report", str(two_reports["new_src"]), "--out", str(out), "--force", "--no-progress"])
    monkeypatch.undo()

    now = _report_files(out)
    assert now["index.html"] == old_files["index.html"], "index.html changed"
    new_files = two_reports["new_files"]
    for name, data in now.items():
        # every file is either the old one or the new one, complete: never half-written
        assert data == old_files.get(name) or data == new_files.get(name), name
    assert set(old_files) <= set(now), "an old report file disappeared"
    leftovers = [p.name for p in out.rglob("*") if p.name.startswith(".") or ".tmp" in p.name]
    assert leftovers == []
    for name, data in now.items():
        if name.endswith(".csv"):
            rows = list(csv.reader(io.StringIO(data.decode("utf-8"))))
            assert rows and len({len(r) for r in rows}) == 1, f"{name} is not a complete table"


def test_atomic_write_keeps_the_old_file_when_the_rename_fails(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import toolkit.export as export

    path = tmp_path / "t"
    write_table(pd.DataFrame({"a": [1, 2]}), path)
    old = (tmp_path / "t.csv").read_bytes()

    def failing_replace(src: Any, dst: Any) -> None:
        raise OSError(18, "Invalid cross-device link")

    monkeypatch.setattr(export.os, "replace", failing_replace)
    with pytest.raises(OSError):
        write_table(pd.DataFrame({"a": [3, 4, 5]}), path)
    assert (tmp_path / "t.csv").read_bytes() == old
    assert sorted(p.name for p in tmp_path.iterdir()) == ["t.csv"]


# --------------------------------------------------------------------------- safe HTML


def evil_corpus(root: Path) -> Path:
    """A CSV corpus whose outlets, titles, texts and one bad date carry HTML payloads."""
    rows = []
    for i, story in enumerate(STORIES):
        for outlet in (f"Evil {SCRIPT}", f'Good "Quotes" {IMG}', "Plain"):
            rows.append(
                {
                    "id": f"{outlet[:4]}{i}",
                    "outlet": outlet,
                    "title": f"{LINK} {i}",
                    "text": f'{EVIL_LINE}\n\n{story}\n\n=HYPERLINK("http://x","y")\n\n'
                    f"+cmd|' /C calc'!A0\n\n-2+3 said {outlet}\n\n@SUM(1+1)",
                    "date": "2024-03-0" + str(i + 1),
                }
            )
    rows[0]["date"] = SCRIPT  # a bad date: its value is quoted in an errors message
    frame = pd.DataFrame(rows)
    path = root / "evil.csv"
    root.mkdir(parents=True, exist_ok=True)
    frame.to_csv(path, index=False)
    return path


@pytest.fixture(scope="module")
def evil_report(tmp_path_factory: pytest.TempPathFactory) -> Path:
    base = tmp_path_factory.mktemp("evil")
    src = evil_corpus(base / "src")
    build_report(src, base / "report", progress=False, n_boot=20, lines=True)
    return base / "report"


def test_report_html_escapes_everything(evil_report: Path) -> None:
    page = (evil_report / "index.html").read_text("utf-8")
    assert_no_active_markup(page, "index.html")
    # the payloads are there, as text
    assert html.escape(f"Evil {SCRIPT}") in page
    assert html.escape(IMG) in page
    assert html.escape(SCRIPT) in page  # in the load errors table (bad date)
    # self-contained and offline: images inline, links relative to the report folder
    parser = _TagCollector()
    parser.feed(page)
    for tag, attrs in parser.tags:
        for name, value in attrs:
            if name == "src":
                assert (value or "").startswith("data:image/"), f"<{tag} src={value!r}>"
            if name == "href":
                assert (value or "").startswith(("#", "charts/", "tables/")), value


def test_corpus_repr_html_escapes(tmp_path: Path) -> None:
    corpus = load_corpus(evil_corpus(tmp_path))
    corpus.source = f"{LINK}{IMG}"
    page = corpus._repr_html_()
    assert_no_active_markup(page, "Corpus._repr_html_")
    assert html.escape(f"Evil {SCRIPT}") in page
    assert "javascript:" in page  # shown as text, not as a link


def _html_widgets(app: Any) -> Iterator[Any]:
    import ipywidgets as w

    stack = [app]
    while stack:
        node = stack.pop()
        if isinstance(node, w.HTML | w.HTMLMath):
            yield node
        stack.extend(getattr(node, "children", ()))
    for value in vars(app).values():
        if isinstance(value, w.HTML | w.HTMLMath):
            yield value


def test_widget_html_escapes(tmp_path: Path) -> None:
    widgets = pytest.importorskip("toolkit.widgets")
    corpus = load_corpus(evil_corpus(tmp_path))
    evil_outlet = f"Evil {SCRIPT}"
    first_id = corpus.articles.loc[corpus.articles["outlet"] == evil_outlet, "article_id"].iloc[0]
    apps = [
        widgets.OutletComparer(corpus, export_dir=tmp_path / "exports", n_boot=20),
        widgets.ArticleInspector(corpus, article_id=first_id),
        widgets.KeywordExplorer(corpus, target=evil_outlet, text="raw"),
        widgets.ReuseExplorer(corpus, text="raw"),
    ]
    seen = []
    for app in apps:
        assert app.last_error is None, app.status.value
        for widget in _html_widgets(app):
            assert_no_active_markup(widget.value, type(app).__name__)
            seen.append(widget.value)
    keywords = apps[2]
    for term in ("script", "alert", "onerror", "javascript", "img"):
        if term in list(keywords.term.options):
            keywords.term.value = term
            assert_no_active_markup(keywords.concordance.value, f"concordance of {term}")
            seen.append(keywords.concordance.value)
    joined = "\n".join(seen)
    assert html.escape(SCRIPT) in joined and html.escape(LINK) in joined
    lines = toolkit.label_lines(corpus)
    assert_no_active_markup(widgets.render_lines_html(lines), "render_lines_html")
    a, b, _ = widgets.highlight_shared(EVIL_LINE + " " + STORIES[0], STORIES[0] + EVIL_LINE)
    assert_no_active_markup(a + b, "highlight_shared")


# --------------------------------------------------------------------------- safe CSV


def _cell_is_safe(cell: str) -> bool:
    if not cell.startswith(FORMULA_PREFIXES):
        return True
    try:
        float(cell)  # a negative number is a number, not a formula
    except ValueError:
        return False
    return True


def test_report_tables_are_spreadsheet_safe(evil_report: Path) -> None:
    tables = sorted((evil_report / "tables").glob("*.csv"))
    assert len(tables) >= 6
    n_escaped = 0
    for path in tables:
        with path.open(encoding="utf-8", newline="") as fh:
            for row in csv.reader(fh):
                for cell in row:
                    assert _cell_is_safe(cell), f"{path.name}: formula cell {cell!r}"
                    n_escaped += cell.startswith("'") and cell[1:2] in "=+-@"
    assert n_escaped >= 4  # the =HYPERLINK, +cmd, -2+3 and @SUM lines were there, escaped
    lines = pd.read_csv(evil_report / "tables" / "labelled_lines.csv", dtype=str)
    assert '\'=HYPERLINK("http://x","y")' in set(lines["text"])


def test_write_table_neutralises_every_formula_prefix(tmp_path: Path) -> None:
    values = [f"{p}1+1" for p in FORMULA_PREFIXES] + ["ok", "-3", None]
    frame = pd.DataFrame({"cell": values, "n": range(len(values))})
    frame.columns = pd.Index(["=label", "n"])
    path = write_table(frame, tmp_path / "x")[0]
    with path.open(encoding="utf-8", newline="") as fh:
        rows = list(csv.reader(fh))
    for row in rows:
        for cell in row:
            assert not cell.startswith(FORMULA_PREFIXES) or cell == "-3" or cell.isdigit(), cell
    assert spreadsheet_safe(frame).iloc[:, 0].tolist()[0] == "'=1+1"
    assert frame.iloc[0, 0] == "=1+1"  # the input is not modified
    # escaping never changes a non-string cell (a 2**53 + 1 id stays exact, not a float)
    mixed = pd.DataFrame({"id": pd.Series([2**53 + 1, None, "=x"], dtype=object)})
    text = write_table(mixed, tmp_path / "ids")[0].read_text("utf-8")
    assert text.splitlines() == ["id", "9007199254740993", '""', "'=x"]


# --------------------------------------------------------------------------- zips


def test_zip_with_parent_paths_writes_nothing_anywhere(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    work = tmp_path / "a" / "b" / "c"
    work.mkdir(parents=True)
    monkeypatch.chdir(work)  # relative writes would land here
    token = "escape_" + hashlib.sha1(str(tmp_path).encode()).hexdigest()[:8]
    archive = work / "evil.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr(f"../{token}.txt", STORIES[0])
        zf.writestr(f"../../../{token}_deep.txt", STORIES[0])
        zf.writestr(f"ok/../../{token}_mid.txt", STORIES[0])
        zf.writestr(f"..\\{token}_win.txt", STORIES[0])
        zf.writestr(f"/tmp/{token}_abs.txt", STORIES[0])
        zf.writestr("C:/Windows/x.txt", STORIES[0])
        zf.writestr("fine/good.txt", STORIES[1])
        link = zipfile.ZipInfo("fine/link.txt")
        link.external_attr = (stat.S_IFLNK | 0o777) << 16  # a symlink member
        zf.writestr(link, "/etc/passwd")
    before = tree_digest(tmp_path)
    corpus = load_corpus(archive)
    assert set(corpus.articles["article_id"]) == {"good", "link"}
    # the symlink member is a text holding a path, never followed
    link_text = corpus.articles.set_index("article_id").loc["link", "text"]
    assert link_text == "/etc/passwd"
    unsafe = corpus.errors[corpus.errors["error"] == "unsafe_path"]
    assert len(unsafe) == 6
    assert all("refused" in m for m in unsafe["message"])
    assert tree_digest(tmp_path) == before
    for folder in [tmp_path, *tmp_path.parents, Path("/tmp")]:
        assert not list(folder.glob(f"{token}*")), folder


def test_zip_bomb_is_refused_at_the_default_limits(tmp_path: Path) -> None:
    archive = tmp_path / "bomb.zip"
    with zipfile.ZipFile(archive, "w", compression=zipfile.ZIP_DEFLATED) as zf:
        zf.writestr("small.txt", STORIES[0])
        with zf.open("bomb.txt", "w", force_zip64=True) as fh:
            chunk = b"a" * (1 << 20)
            for _ in range(510):  # 510 MB of one letter, over zip_max_total_bytes=500 MB
                fh.write(chunk)
    assert archive.stat().st_size < 2_000_000
    before = tree_digest(tmp_path)
    corpus = load_corpus(archive)
    assert len(corpus) == 0
    assert corpus.errors["error"].tolist() == ["zip_limit"]
    assert "zip_max_total_bytes=500,000,000" in corpus.errors["message"].iloc[0]
    assert tree_digest(tmp_path) == before
    # with a higher total limit, the member still meets max_file_bytes (50 MB)
    corpus = load_corpus(archive, zip_max_total_bytes=None)
    assert corpus.articles["article_id"].tolist() == ["small"]
    assert corpus.errors["error"].tolist() == ["too_large"]


# --------------------------------------------------------------------------- no pickle/eval

FORBIDDEN = {
    "pickle": r"\bpickle\b",
    "eval(": r"\beval\(",
    "exec(": r"\bexec\(",
    "yaml.load": r"yaml\.(?:unsafe_)?load\b",
    "read_pickle": r"read_pickle",
    "allow_pickle=True": r"allow_pickle\s*=\s*True",
    "marshal": r"\bmarshal\.loads?\b",
    "shelve": r"\bshelve\b",
    "os.system / subprocess": r"\bos\.system\(|\bsubprocess\b",
    "__import__": r"__import__\(",
    # offline: no network client anywhere in the package
    "network": r"urllib\.request|urlopen|\bimport requests\b|http\.client|\bimport socket\b|\bsocket\.\w|"
    r"nltk\.download|\bhttpx\b|\baiohttp\b",
}


def test_package_source_never_unpickles_or_evaluates() -> None:
    sources = sorted(PACKAGE.rglob("*.py"))
    assert len(sources) >= 10
    found = []
    for path in sources:
        text = path.read_text("utf-8")
        for name, pattern in FORBIDDEN.items():
            for match in re.finditer(pattern, text):
                line = text.count("\n", 0, match.start()) + 1
                found.append(f"{path.relative_to(ROOT)}:{line}: {name}")
    assert found == []


PAYLOADS = (
    "__import__('os').system('touch PWNED')",
    "{{7*7}} ${7*7} #{7*7}",
    "=cmd|' /C calc'!A0",
    "!!python/object/apply:os.system ['touch PWNED']",
    "<?php system('id'); ?>",
    "'; DROP TABLE articles; --",
)


class _Boom:
    def __reduce__(self) -> tuple[Any, ...]:
        return (os.system, ("touch PWNED_PICKLE",))


def test_malicious_looking_values_are_loaded_as_plain_text(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    import pickle as pk  # only to build a hostile payload; the package never imports it

    monkeypatch.chdir(tmp_path)
    records = [
        {"id": f"p{i}", "outlet": payload, "title": payload, "text": f"{payload}\n{STORIES[0]}"}
        for i, payload in enumerate(PAYLOADS)
    ]
    jsonl = write(tmp_path / "src" / "a.jsonl", "\n".join(json.dumps(r) for r in records))
    (tmp_path / "src2").mkdir()
    pd.DataFrame(records).to_csv(tmp_path / "src2" / "a.csv", index=False)
    blob = pk.dumps(_Boom())
    par = pd.DataFrame({**{k: [r[k] for r in records] for k in records[0]}})
    par["blob"] = [blob] * len(par)
    (tmp_path / "src3").mkdir()
    par.to_parquet(tmp_path / "src3" / "a.parquet")
    for source in (jsonl, tmp_path / "src2" / "a.csv", tmp_path / "src3" / "a.parquet"):
        corpus = load_corpus(source)
        arts = corpus.articles.set_index("article_id")
        for i, payload in enumerate(PAYLOADS):
            assert arts.loc[f"p{i}", "outlet"] == payload
            assert arts.loc[f"p{i}", "title"] == payload
            assert arts.loc[f"p{i}", "text"].startswith(payload)
        if "blob" in arts.columns:
            assert arts["blob"].map(lambda b: b == blob).all()  # bytes, never unpickled
        toolkit.article_stats(corpus)
    assert not list(tmp_path.rglob("PWNED*"))
    assert not Path("PWNED").exists() and not Path("PWNED_PICKLE").exists()


def test_terminal_output_neutralises_control_characters(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    src = tmp_path / "c"
    body = "\n\n".join(STORIES * 2)  # long enough for 3 control characters to be text
    write(src / "Wire" / "a1.txt", f"{body}\n\nEvil \x1b]0;pwned\x07 \x1b[2J title\n")
    write(src / "Wire" / "a2.txt", STORIES[1])
    write(src / "Wire" / "bad\x1b[31m.txt", b"")
    assert main(["inspect", str(src), "a1", "--colour", "never"]) == 0
    out = capsys.readouterr().out
    assert "\x1b" not in out and "\x07" not in out
    assert "\\x1b]0;pwned\\x07" in out
    assert main(["summary", str(src), "--n-boot", "20"]) == 0
    captured = capsys.readouterr()
    assert "\x1b" not in captured.out and "\x1b" not in captured.err
    assert "bad\\x1b[31m.txt" in captured.err
