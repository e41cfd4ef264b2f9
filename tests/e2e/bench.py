"""Desktop benchmarks (BENCHMARKS.md): cold start to the unlock screen,
unlock to the case list with 10,000 cases, opening a case with 500 notes,
idle memory of the whole app (all its processes) after opening that case,
and the size of the release binary.

Run by `make desktop-bench` under Xvfb, on the release binary and a vault
seeded by `examples/seed.rs`. Each timing is the median of RUNS fresh
launches; times are measured from the test side through WebDriver, so they
include its round trips (a few ms each).
"""

import json
import os
import shutil
import signal
import statistics
import subprocess
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from conftest import ROOT, App, wait_port, PORT  # noqa: E402

from selenium import webdriver  # noqa: E402
from selenium.webdriver.common.options import ArgOptions  # noqa: E402

APP = Path(os.environ.get("FIELDNOTES_APP", ROOT / "target" / "release" / "fieldnotes-desktop"))
VAULT = Path(os.environ["BENCH_VAULT"])
PASS = os.environ["SEED_PASSPHRASE"]
RUNS = int(os.environ.get("BENCH_RUNS", "3"))
OUT = ROOT / "artifacts" / "bench"


def tree(root_pid: int) -> list[int]:
    """The pid and every descendant's."""
    children: dict[int, list[int]] = {}
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                ppid = int((p / "stat").read_text().rsplit(")", 1)[1].split()[1])
            except (OSError, IndexError, ValueError):
                continue
            children.setdefault(ppid, []).append(int(p.name))
    out, todo = [], [root_pid]
    while todo:
        pid = todo.pop()
        out.append(pid)
        todo.extend(children.get(pid, []))
    return out


def memory(pids: list[int]) -> dict:
    """Resident (RSS) and proportional (PSS) memory of each process and in all, MiB."""
    per = {}
    for pid in pids:
        try:
            text = Path(f"/proc/{pid}/smaps_rollup").read_text()
            name = Path(f"/proc/{pid}/comm").read_text().strip()
        except OSError:
            continue
        kb = {l.split(":")[0]: int(l.split()[1]) for l in text.splitlines()[1:] if l.split()[-1] == "kB"}
        per[f"{name}[{pid}]"] = {"rss_mib": round(kb["Rss"] / 1024, 1), "pss_mib": round(kb["Pss"] / 1024, 1)}
    return {
        "rss_mib": round(sum(p["rss_mib"] for p in per.values()), 1),
        "pss_mib": round(sum(p["pss_mib"] for p in per.values()), 1),
        "processes": per,
    }


def app_pid() -> int:
    for p in Path("/proc").iterdir():
        if p.name.isdigit():
            try:
                if Path(os.readlink(p / "exe")) == APP.resolve():
                    return int(p.name)
            except OSError:
                continue
    raise RuntimeError("the app is not running")


def session() -> webdriver.Remote:
    options = ArgOptions()
    options.set_capability("browserName", "wry")
    options.set_capability("tauri:options", {"application": str(APP)})
    return webdriver.Remote(command_executor=f"http://127.0.0.1:{PORT}", options=options)


def one_run(work: Path, measure_memory: bool) -> dict:
    vault = work / "vault"
    if vault.exists():
        shutil.rmtree(vault)
    shutil.copytree(VAULT, vault)
    r: dict = {}
    t0 = time.perf_counter()
    d = session()
    app = App(d, OUT, OUT)
    try:
        app.el("unlock-passphrase", timeout=60)
        r["cold_start_s"] = time.perf_counter() - t0
        if measure_memory:
            time.sleep(5)
            r["unlock_screen_memory"] = memory(tree(app_pid()))
        app.type("unlock-passphrase", PASS)
        t0 = time.perf_counter()
        app.click("unlock-submit")
        # The overview is the landing screen; its figures cover every record.
        app.wait(120).until(lambda _: app.all("status-identified"))
        r["unlock_to_dashboard_s"] = time.perf_counter() - t0
        app.click("nav-cases")
        app.text_in("case-list", "RO-00001", timeout=120)
        r["unlock_to_list_s"] = time.perf_counter() - t0
        app.type("case-filter", "BIG-1")
        app.wait().until(lambda _: len(app.all("case-link")) == 1)
        t0 = time.perf_counter()
        app.click("case-link")
        app.wait(120).until(lambda _: len(app.all("note-text")) == 500)
        r["open_case_500_notes_s"] = time.perf_counter() - t0
        if measure_memory:
            time.sleep(10)
            pids = tree(app_pid())
            r["idle_memory"] = memory(pids)
            if os.environ.get("BENCH_SMAPS"):
                for pid in pids:
                    shutil.copy(f"/proc/{pid}/smaps", OUT / f"smaps-{pid}.txt")
            app.shot("bench-case-500-notes")
    finally:
        d.quit()
    return r


def main() -> None:
    OUT.mkdir(parents=True, exist_ok=True)
    work = Path(tempfile.mkdtemp(prefix="fieldnotes-bench-"))
    env = dict(os.environ, FIELDNOTES_VAULT=str(work / "vault"), FIELDNOTES_CONFIG_DIR=str(work / "config"))
    log = open(OUT / "tauri-driver.log", "wb")
    drv = subprocess.Popen(
        ["tauri-driver", "--port", str(PORT), "--native-driver", "/usr/bin/WebKitWebDriver"],
        env=env, stdout=log, stderr=subprocess.STDOUT,
    )
    try:
        wait_port(PORT)
        wait_port(PORT + 1)
        runs = [one_run(work, measure_memory=(i == RUNS - 1)) for i in range(RUNS)]
    finally:
        drv.send_signal(signal.SIGTERM)
        drv.wait(timeout=20)
        log.close()
        shutil.rmtree(work, ignore_errors=True)
    stripped = OUT / "fieldnotes-desktop.stripped"
    shutil.copy(APP, stripped)
    subprocess.run(["strip", str(stripped)], check=True)
    result = {
        "runs": runs,
        "median": {k: round(statistics.median(r[k] for r in runs), 3)
                   for k in ("cold_start_s", "unlock_to_dashboard_s", "unlock_to_list_s", "open_case_500_notes_s")},
        "unlock_screen_memory": runs[-1]["unlock_screen_memory"],
        "idle_memory": runs[-1]["idle_memory"],
        "binary_mib": round(APP.stat().st_size / 2**20, 1),
        "binary_stripped_mib": round(stripped.stat().st_size / 2**20, 1),
    }
    stripped.unlink()
    (OUT / "desktop.json").write_text(json.dumps(result, indent=2))
    print(json.dumps(result, indent=2))


if __name__ == "__main__":
    main()
