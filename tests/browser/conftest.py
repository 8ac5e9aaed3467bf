"""Fixtures for the real-browser tests: JupyterLab started here, Chromium via Playwright.

The JupyterLab server runs on 127.0.0.1 in its own process group (ended by its id at the
end of the session) over a *copy* of ``notebooks/`` in a temporary root, so the browser
never touches the repository. ``TOOLKIT_CORPUS`` points at the repository's ``corpus/``
(absolute path, since the copied notebooks' relative default would not find it).
Server logs and failure screenshots are kept under ``build/ui/``.
"""

from __future__ import annotations

import json
import os
import re
import shutil
import signal
import socket
import subprocess
import sys
import time
import urllib.error
import urllib.request
from collections.abc import Callable, Iterator
from pathlib import Path
from typing import Any

import pytest

ROOT = Path(__file__).resolve().parents[2]
BIN = Path(sys.executable).parent
CHROMIUM = os.environ.get("CHROMIUM", shutil.which("chromium") or "/usr/bin/chromium")
CHROMIUM_ARGS = [
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
]
ARTIFACTS = Path(os.environ.get("UI_ARTIFACTS", ROOT / "build" / "ui"))

if not Path(CHROMIUM).exists():
    pytest.skip("no Chromium (apt-get install -y chromium)", allow_module_level=True)


def _free_port(preferred: int) -> int:
    with socket.socket() as s:
        try:
            s.bind(("127.0.0.1", preferred))
            return preferred
        except OSError:
            s.bind(("127.0.0.1", 0))
            return int(s.getsockname()[1])


def _wait_http(url: str, proc: subprocess.Popen[bytes], log: Path, timeout: float = 90) -> None:
    deadline = time.monotonic() + timeout
    while time.monotonic() < deadline:
        if proc.poll() is not None:
            raise RuntimeError(f"server exited {proc.returncode}:\n{log.read_text()[-3000:]}")
        try:
            with urllib.request.urlopen(url, timeout=2):
                return
        except urllib.error.HTTPError:
            return  # it answered
        except OSError:
            time.sleep(0.3)
    raise TimeoutError(f"{url} not up:\n{log.read_text()[-3000:]}")


def _stop(proc: subprocess.Popen[bytes]) -> None:
    if proc.poll() is None:
        os.killpg(proc.pid, signal.SIGTERM)  # our own process group: server + its kernels
        try:
            proc.wait(15)
        except subprocess.TimeoutExpired:
            os.killpg(proc.pid, signal.SIGKILL)
            proc.wait()


def _start(
    cmd: list[str], url: str, tmp: Path, name: str, cwd: Path
) -> tuple[subprocess.Popen[bytes], Path]:
    env = dict(
        os.environ,
        TOOLKIT_CORPUS=str(ROOT / "corpus"),
        TOOLKIT_OUT=str(tmp / "out"),
        JUPYTER_RUNTIME_DIR=str(tmp / "runtime"),
        JUPYTER_CONFIG_DIR=str(tmp / "config"),
    )
    env.pop("MPLBACKEND", None)
    log = tmp / f"{name}.log"
    with log.open("w") as fh:
        proc = subprocess.Popen(
            cmd, cwd=cwd, env=env, stdout=fh, stderr=subprocess.STDOUT, start_new_session=True
        )
    try:
        _wait_http(url, proc, log)
    except Exception:
        _stop(proc)
        raise
    return proc, log


@pytest.fixture(scope="session")
def lab_url(tmp_path_factory: pytest.TempPathFactory) -> Iterator[str]:
    """Start JupyterLab over a copy of ``notebooks/``; yield its base URL."""
    tmp = tmp_path_factory.mktemp("lab")
    settings = tmp / "settings"
    overrides: dict[str, dict[str, Any]] = {  # no news toast; render every cell; no autosave
        "@jupyterlab/apputils-extension/notification.jupyterlab-settings": {
            "fetchNews": "false",
            "checkForUpdates": False,
        },
        "@jupyterlab/notebook-extension/tracker.jupyterlab-settings": {"windowingMode": "none"},
        "@jupyterlab/docmanager-extension/plugin.jupyterlab-settings": {"autosave": False},
    }
    for rel, value in overrides.items():
        (settings / rel).parent.mkdir(parents=True, exist_ok=True)
        (settings / rel).write_text(json.dumps(value))
    root = tmp / "root"
    shutil.copytree(
        ROOT / "notebooks",
        root / "notebooks",
        ignore=shutil.ignore_patterns("out", ".ipynb_checkpoints", "__pycache__"),
    )
    port = _free_port(8899)
    proc, log = _start(
        [
            str(BIN / "jupyter"),
            "lab",
            "--no-browser",
            f"--port={port}",
            "--ServerApp.ip=127.0.0.1",
            "--ServerApp.token=",
            "--ServerApp.password=",
            "--allow-root",
            f"--ServerApp.root_dir={root}",
            f"--LabApp.user_settings_dir={settings}",
            f"--LabApp.workspaces_dir={tmp / 'workspaces'}",
            "--LabApp.expose_app_in_browser=True",
        ],
        f"http://127.0.0.1:{port}/api/status",
        tmp,
        "lab",
        cwd=root,
    )
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        _stop(proc)
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        shutil.copy(log, ARTIFACTS / "lab.log")


#: The current notebook's kernel is connected and idle.
KERNEL_READY = """() => { const sc = window.jupyterapp?.shell.currentWidget?.sessionContext;
  const k = sc?.session?.kernel;
  return !!(sc && sc.isReady && k && k.connectionStatus === 'connected' && k.status === 'idle'); }"""
_CURRENT_PATH = "() => window.jupyterapp?.shell.currentWidget?.context?.path"
_PROMPTS = "[...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')]"
_STARTED = f"() => {_PROMPTS}.some(p => /\\[[0-9*]+\\]/.test(p.textContent))"
_FINISHED = f"() => {_PROMPTS}.every(p => !p.textContent.includes('*'))"


@pytest.fixture
def run_notebook(lab_url: str) -> Callable[[Any, str], None]:
    """Open ``notebooks/<name>`` in a fresh JupyterLab workspace and run all its cells.

    Each notebook gets its own workspace (no tab restored from an earlier test can take
    the focus), "Run All" is sent as a command once that notebook is current and its
    kernel idle, and sent again if no cell has started after 30 s (a command sent while
    the kernel is still connecting can be lost). Returns when no cell is queued or
    running and the kernel is idle again.
    """

    def run(page: Any, name: str) -> None:
        rel = f"notebooks/{name}"
        page.goto(
            f"{lab_url}/lab/workspaces/{Path(name).stem}/tree/{rel}",
            wait_until="domcontentloaded",
        )
        page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
        page.wait_for_function(
            f"(want) => ({_CURRENT_PATH})() === want && ({KERNEL_READY})()",
            arg=rel,
            timeout=120_000,
        )
        for attempt in range(3):
            page.evaluate("() => window.jupyterapp.commands.execute('notebook:run-all-cells')")
            try:
                page.wait_for_function(_STARTED, timeout=30_000)
                break
            except Exception:
                if attempt == 2:
                    raise
        page.wait_for_function(_FINISHED, timeout=180_000)
        page.wait_for_function(KERNEL_READY, timeout=120_000)

    return run


@pytest.fixture(scope="session")
def browser() -> Iterator[Any]:
    """One headless Debian Chromium for the session (never ``playwright install``)."""
    from playwright.sync_api import sync_playwright

    with sync_playwright() as p:
        b = p.chromium.launch(executable_path=CHROMIUM, headless=True, args=CHROMIUM_ARGS)
        yield b
        b.close()


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_makereport(item: pytest.Item, call: pytest.CallInfo[None]) -> Iterator[None]:
    outcome = yield
    rep = outcome.get_result()  # type: ignore[attr-defined]
    setattr(item, f"rep_{rep.when}", rep)


@pytest.fixture
def page(browser: Any, request: pytest.FixtureRequest) -> Iterator[Any]:
    """A fresh page; only loopback is reachable; JS errors collected in ``page.js_errors``."""
    ctx = browser.new_context(viewport={"width": 1280, "height": 1400})
    ctx.route(
        re.compile(r"^(?!https?://(127\.0\.0\.1|localhost)[:/]|data:|blob:)"),
        lambda route: route.abort(),
    )
    pg = ctx.new_page()
    pg.set_default_timeout(60_000)
    errors: list[str] = []
    pg.js_errors = errors

    def on_console(msg: Any) -> None:
        if msg.type == "error":
            errors.append(f"console: {msg.text}")

    pg.on("pageerror", lambda e: errors.append(f"pageerror: {e}"))
    pg.on("console", on_console)
    yield pg
    rep = getattr(request.node, "rep_call", None)
    if rep is not None and rep.failed:  # evidence for a red CI run
        ARTIFACTS.mkdir(parents=True, exist_ok=True)
        pg.screenshot(path=str(ARTIFACTS / f"FAILED-{request.node.name}.png"), full_page=True)
        (ARTIFACTS / f"FAILED-{request.node.name}.txt").write_text("\n".join(errors))
    ctx.close()
