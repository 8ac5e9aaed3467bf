import time
from pathlib import Path
import pytest
from test_ui import KERNEL_READY
OUT = Path("/tmp/shots")

@pytest.mark.parametrize("name", ["03_boilerplate_and_repetition", "04_keywords_and_keyness", "06_reuse_and_syndication"])
def test_shot(page, lab_url, name):
    OUT.mkdir(exist_ok=True)
    page.goto(f"{lab_url}/lab/tree/notebooks/{name}.ipynb", wait_until="domcontentloaded")
    page.locator(".jp-NotebookPanel .jp-Cell").first.wait_for()
    page.wait_for_function(KERNEL_READY)
    page.get_by_role("menuitem", name="Run", exact=True).click()
    page.get_by_role("menuitem", name="Run All Cells", exact=True).click()
    time.sleep(3)
    page.wait_for_function("""() => [...document.querySelectorAll('.jp-Notebook .jp-InputArea-prompt')].every(p => !p.textContent.includes('*'))""", timeout=120000)
    time.sleep(2)
    boxes = page.locator(".jp-OutputArea-output .widget-vbox").all()
    for i, b in enumerate(boxes[:1]):
        b.scroll_into_view_if_needed()
        b.screenshot(path=str(OUT / f"{name}-{i}.png"))
    print(page.js_errors)
