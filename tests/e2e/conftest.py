"""Fixtures of the end-to-end tests: the real debug app, driven through
tauri-driver and WebKitWebDriver, on a temporary vault.

Run under Xvfb by `make e2e`. tauri-driver is stopped with SIGTERM (a killed
driver orphans WebKitWebDriver, which then hangs the run); port 4444 is
fixed, so one run at a time.
"""

import contextlib
import os
import re
import shutil
import signal
import socket
import struct
import subprocess
import tempfile
import time
import zlib
from pathlib import Path

import pytest
from selenium import webdriver
from selenium.webdriver.common.by import By
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.keys import Keys
from selenium.webdriver.common.options import ArgOptions
from selenium.webdriver.support import expected_conditions as EC
from selenium.webdriver.support.ui import Select, WebDriverWait

ROOT = Path(__file__).resolve().parents[2]
APP = Path(os.environ.get("FIELDNOTES_APP", ROOT / "target" / "debug" / "fieldnotes-desktop"))
ARTIFACTS = Path(os.environ.get("E2E_ARTIFACTS", ROOT / "artifacts" / "e2e"))
# The CLI built beside the app (`make e2e` builds both).
CLI = Path(os.environ.get("FIELDNOTES_CLI", APP.parent / "fieldnotes"))
# One run at a time per port; E2E_PORT lets a second checkout run beside it.
PORT = int(os.environ.get("E2E_PORT", "4444"))
# The README's screenshots: written by the steps that show a screen the README
# shows, from the build under test (`make readme-screenshots` writes them into
# docs/screenshots; any other run beside its own artifacts).
README_SHOTS = Path(os.environ.get("E2E_README_SHOTS", ARTIFACTS / "readme"))
# The folders the tests make (vaults, drives, files), shown as the home folder
# in the README's screenshots: no test path on screen there.
TEMP_PATHS = re.escape(tempfile.gettempdir()) + r"/fieldnotes-e2e-[^/\s]+"
AXE = ROOT / "ui" / "node_modules" / "axe-core" / "axe.min.js"
# The WCAG 2.0, 2.1 and 2.2 rules at levels A and AA.
AXE_TAGS = ["wcag2a", "wcag2aa", "wcag21a", "wcag21aa", "wcag22aa"]


def tiny_png(path: Path, w: int = 96, h: int = 64) -> None:
    """Writes a small gradient PNG (the attachment of the flow)."""
    rows = b"".join(
        b"\x00" + bytes(v for x in range(w) for v in (40 + x, 93 + y, 98)) for y in range(h)
    )

    def chunk(kind: bytes, data: bytes) -> bytes:
        return struct.pack(">I", len(data)) + kind + data + struct.pack(">I", zlib.crc32(kind + data))

    ihdr = struct.pack(">IIBBBBB", w, h, 8, 2, 0, 0, 0)
    path.write_bytes(
        b"\x89PNG\r\n\x1a\n" + chunk(b"IHDR", ihdr) + chunk(b"IDAT", zlib.compress(rows)) + chunk(b"IEND", b"")
    )


def create_vault(app, passphrase: str) -> None:
    """Creates the vault in a fresh window and opens the case list."""
    app.type("create-passphrase", passphrase)
    app.type("create-confirm", passphrase)
    app.click("create-submit")
    app.el("dashboard", timeout=60)
    app.click("nav-cases")


def create_vault_in_romanian(app, passphrase: str) -> None:
    """Creates the vault in a fresh window, switches the app to Romanian
    and opens the case list."""
    create_vault(app, passphrase)
    app.click("nav-settings")
    app.select("language", "ro")
    app.click("settings-save")
    app.text_in("settings-saved", "Setările au fost salvate")
    app.click("nav-cases")


def wait_port(port: int, timeout: float = 20) -> None:
    deadline = time.time() + timeout
    while time.time() < deadline:
        with socket.socket() as s:
            if s.connect_ex(("127.0.0.1", port)) == 0:
                return
        time.sleep(0.1)
    raise RuntimeError(f"tauri-driver did not listen on port {port}")


class App:
    """The driven app, with helpers that address elements by data-testid."""

    def __init__(self, driver: webdriver.Remote, shots: Path, picks: Path, prefix: str = "", counter=None):
        self.d = driver
        self.shots = shots
        self.picks = picks
        self.prefix = prefix
        # Apps of one test share a counter, so screenshots sort in step order.
        self.counter = counter if counter is not None else [0]

    def wait(self, timeout: float = 15) -> WebDriverWait:
        return WebDriverWait(self.d, timeout)

    def el(self, testid: str, timeout: float = 15):
        return self.wait(timeout).until(
            EC.visibility_of_element_located((By.CSS_SELECTOR, f'[data-testid="{testid}"]'))
        )

    def all(self, testid: str):
        return self.d.find_elements(By.CSS_SELECTOR, f'[data-testid="{testid}"]')

    def click(self, testid: str, timeout: float = 15) -> None:
        e = self.wait(timeout).until(
            EC.element_to_be_clickable((By.CSS_SELECTOR, f'[data-testid="{testid}"]'))
        )
        # WebKitWebDriver does not scroll the app's inner scroll area by itself.
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", e)
        e.click()

    def type(self, testid: str, text: str) -> None:
        e = self.el(testid)
        e.clear()
        e.send_keys(text)

    def select(self, testid: str, value: str) -> None:
        Select(self.el(testid)).select_by_value(value)

    def text_in_any(self, testid: str, text: str, timeout: float = 15) -> None:
        """Waits until one of the elements with `testid` contains `text`."""
        self.wait(timeout).until(lambda d: any(text in e.text for e in self.all(testid)))

    def text_in(self, testid: str, text: str, timeout: float = 15) -> None:
        self.wait(timeout).until(
            EC.text_to_be_present_in_element((By.CSS_SELECTOR, f'[data-testid="{testid}"]'), text)
        )

    def tab_to(self, testid: str, presses: int = 80) -> None:
        """Presses Tab until the element with `testid` has the focus, as a
        keyboard-only user would. (WebKit does not apply :focus-visible to
        WebDriver's synthetic keys, so the focus ring itself is not checked.)"""
        for _ in range(presses):
            if self.d.switch_to.active_element.get_attribute("data-testid") == testid:
                return
            self.press(Keys.TAB)
        raise AssertionError(f"{testid} was not reached with {presses} presses of Tab")

    def press(self, key: str) -> None:
        """Presses a key on whatever has the focus."""
        ActionChains(self.d).send_keys(key).perform()

    def show(self, testid: str) -> None:
        """Scrolls the element into the middle of the window, for a screenshot."""
        self.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", self.el(testid))

    def answer_dialog(self, purpose: str, path) -> None:
        """Answers the next native dialog of `purpose` with `path` (builds with the `e2e` feature)."""
        (self.picks / purpose).write_text(str(path))

    def shot(self, name: str, readme: str | None = None) -> Path:
        """A screenshot of the whole window in the step's artifacts; with
        `readme`, also the README's image of that name."""
        self.counter[0] += 1
        path = self.shots / f"{self.counter[0]:02d}-{self.prefix}{name}.png"
        time.sleep(0.3)  # let the last paint land
        self.d.save_screenshot(str(path))
        if readme:
            README_SHOTS.mkdir(parents=True, exist_ok=True)
            # The pointer on the app's name, off every control: no hover marks.
            brand = self.d.find_elements(By.CSS_SELECTOR, ".sidebar .brand")
            if brand:
                ActionChains(self.d).move_to_element(brand[0]).perform()
                time.sleep(0.2)  # the hover state follows on the next paint
            self.d.execute_script(MASK_PATHS, TEMP_PATHS)
            try:
                self.d.save_screenshot(str(README_SHOTS / f"{readme}.png"))
            finally:
                self.d.execute_script(UNMASK_PATHS)
        return path

    def axe(self, context: str = "") -> None:
        """Runs axe-core on the window with the WCAG 2.x A and AA rules and
        fails with the violations, one line per element."""
        if not self.d.execute_script("return !!window.axe"):
            self.d.execute_script(AXE.read_text() + "\n;window.axe = axe;")
        # From the top of the screen: an element cut by the edge of the scrolled
        # content is one whose colours axe-core cannot measure.
        self.d.execute_script("document.getElementById('content')?.scrollTo(0, 0)")
        result = self.d.execute_async_script(
            """const done = arguments[arguments.length - 1];
            const found = (v) => ({id: v.id, help: v.help, impact: v.impact,
              nodes: v.nodes.map((n) => [n.target.join(' '), n.failureSummary || n.any.map((a) => a.message).join(' ')])});
            window.axe.run(document, {runOnly: {type: 'tag', values: arguments[0]}})
              .then((r) => done(r.violations.map(found).concat(r.incomplete.filter((v) => v.id === 'color-contrast')
                .map((v) => ({...found(v), id: 'color-contrast (not measurable)'})))))
              .catch((e) => done({error: String(e)}));""",
            AXE_TAGS,
        )
        if isinstance(result, dict):
            raise AssertionError(f"axe-core failed to run on {context}: {result['error']}")
        if result:
            lines = [f"axe-core found {len(result)} kinds of violations on {context or 'this screen'}:"]
            for v in result:
                lines.append(f"- {v['id']} ({v['impact']}): {v['help']}")
                for target, summary in v["nodes"][:8]:
                    lines.append(f"    {target}: {' '.join((summary or '').split())}")
            raise AssertionError("\n".join(lines))


# Shows the tests' temporary folders as "~" in text and fields, keeping what
# was there to put back; returns how many places changed.
MASK_PATHS = """
const re = new RegExp(arguments[0], 'g');
const kept = [];
const mask = () => {
  const walk = document.createTreeWalker(document.body, NodeFilter.SHOW_TEXT);
  while (walk.nextNode()) {
    const n = walk.currentNode;
    if (n.data.search(re) >= 0) { kept.push([n, 'data', n.data]); n.data = n.data.replace(re, '~'); }
  }
  for (const e of document.querySelectorAll('input, textarea')) {
    if (e.value.search(re) >= 0) { kept.push([e, 'value', e.value]); e.value = e.value.replace(re, '~'); }
  }
};
mask();
// A screen that draws a path again while the screenshot is taken is masked again.
const watch = new MutationObserver(mask);
watch.observe(document.body, {subtree: true, childList: true, characterData: true});
window.__fieldnotesMasked = {kept, watch};
return kept.length;
"""
UNMASK_PATHS = """
const masked = window.__fieldnotesMasked;
if (masked) {
  masked.watch.disconnect();
  for (const [node, key, value] of masked.kept.reverse()) node[key] = value;
}
window.__fieldnotesMasked = null;
"""


def pytest_sessionstart(session):
    if ARTIFACTS.exists():
        shutil.rmtree(ARTIFACTS)
    ARTIFACTS.mkdir(parents=True)


@contextlib.contextmanager
def launch(work: Path, name: str, port: int, shots: Path, counter=None, prefix: str = "", app: Path = APP):
    """Starts tauri-driver on `port` (WebKitWebDriver on `port + 1`) and the
    app (the build under test, or an installed one) on the vault
    `work/<name>`; yields an App; stops everything."""
    if not app.exists():
        pytest.fail(f"{app} is missing: build it with `make desktop`")
    picks = work / f"{name}-picks"
    picks.mkdir(parents=True, exist_ok=True)
    shots.mkdir(parents=True, exist_ok=True)
    env = dict(
        os.environ,
        FIELDNOTES_VAULT=str(work / name),
        FIELDNOTES_CONFIG_DIR=str(work / f"{name}-config"),
        FIELDNOTES_E2E_PICKS=str(picks),
        LANG="en_GB.UTF-8",
    )
    log = open(ARTIFACTS / f"tauri-driver-{name}.log", "wb")
    driver_proc = subprocess.Popen(
        [
            "tauri-driver",
            "--port",
            str(port),
            "--native-port",
            str(port + 1),
            "--native-driver",
            "/usr/bin/WebKitWebDriver",
        ],
        env=env,
        stdout=log,
        stderr=subprocess.STDOUT,
    )
    driver = None
    try:
        wait_port(port)
        wait_port(port + 1)  # WebKitWebDriver, behind tauri-driver
        caps = {"browserName": "wry", "tauri:options": {"application": str(app)}}
        options = ArgOptions()
        for k, v in caps.items():
            options.set_capability(k, v)
        for attempt in range(5):
            try:
                driver = webdriver.Remote(command_executor=f"http://127.0.0.1:{port}", options=options)
                break
            except Exception:  # the native driver may still be starting
                if attempt == 4:
                    raise
                time.sleep(1)
        driver.set_window_size(1280, 800)
        yield App(driver, shots, picks, prefix, counter)
    finally:
        if driver is not None:
            driver.quit()
        driver_proc.send_signal(signal.SIGTERM)
        try:
            driver_proc.wait(timeout=10)
        except subprocess.TimeoutExpired:
            driver_proc.terminate()
            driver_proc.wait(timeout=10)
        log.close()


@pytest.fixture(scope="session")
def app():
    """The app of the main flow, on a fresh vault."""
    work = Path(tempfile.mkdtemp(prefix="fieldnotes-e2e-"))
    try:
        with launch(work, "vault", PORT, ARTIFACTS) as a:
            tiny_png(work / "passport-scan.png")
            a.answer_dialog("attachment", work / "passport-scan.png")
            yield a
    finally:
        shutil.rmtree(work, ignore_errors=True)


@pytest.fixture(scope="module")
def work_dir():
    """A temporary folder for a module's vaults, drives and files."""
    work = Path(tempfile.mkdtemp(prefix="fieldnotes-e2e-"))
    yield work
    shutil.rmtree(work, ignore_errors=True)
