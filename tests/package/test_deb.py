"""The Debian package, as an organisation's administrator would use it:
installed with apt, the app started from its menu entry's command and used
(create a vault, add a case, lock, unlock), the packaged CLI run, lintian
asked, then the package purged, leaving nothing behind but the user's vault.

Run by `make package-test` (under Xvfb, as root or with sudo) with
FIELDNOTES_DEB naming the .deb. The steps run in order; a run that stops
half-way still removes the package.
"""

import importlib.util
import os
import re
import shlex
import shutil
import subprocess
import tempfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
DEB = Path(os.environ.get("FIELDNOTES_DEB", ""))
ARTIFACTS = ROOT / "artifacts" / "package"
PASSPHRASE = "orbit lantern basalt meadow quietly"
CODE = "RO-2026-101"
PORT = int(os.environ.get("E2E_PORT", "4444"))
SUDO = [] if os.geteuid() == 0 else ["sudo"]

os.environ.setdefault("E2E_ARTIFACTS", str(ARTIFACTS))
# The e2e tests' harness (tauri-driver, WebKitWebDriver, App), loaded as a
# module: its fixtures and hooks are the e2e run's, not this one's.
_spec = importlib.util.spec_from_file_location("e2e_harness", ROOT / "tests" / "e2e" / "conftest.py")
harness = importlib.util.module_from_spec(_spec)
_spec.loader.exec_module(harness)


def run(*args, check=True, **kw):
    return subprocess.run(list(args), capture_output=True, text=True, check=check, **kw)


def cargo_version() -> str:
    text = (ROOT / "Cargo.toml").read_text()
    return re.search(r'^version = "([^"]+)"', text, re.M).group(1)


def field(name: str) -> str:
    return run("dpkg-deb", "--field", str(DEB), name).stdout.strip()


@pytest.fixture(scope="module")
def package():
    """The package's name; purged at the end whatever happened."""
    if not DEB.is_file():
        pytest.fail(f"FIELDNOTES_DEB={DEB} is not a file: run `make package-test`")
    shutil.rmtree(ARTIFACTS, ignore_errors=True)
    ARTIFACTS.mkdir(parents=True)
    name = field("Package")
    yield name
    run(*SUDO, "apt-get", "purge", "-y", "-qq", name, check=False)


@pytest.fixture(scope="module")
def home():
    """The user's folder: the vault and settings live here, and stay."""
    work = Path(tempfile.mkdtemp(prefix="fieldnotes-package-"))
    yield work
    shutil.rmtree(work, ignore_errors=True)


def test_control_fields(package):
    assert package == "fieldnotes"
    assert field("Version") == cargo_version()
    depends = field("Depends")
    for dep in ("libc6", "libwebkit2gtk-4.1-0", "libgtk-3-0", "libssl3"):
        assert dep in depends, depends
    assert field("Architecture") == "amd64"


def test_lintian_reports_no_errors(package):
    out = run("lintian", "--fail-on", "error", "--no-tag-display-limit", str(DEB), check=False)
    (ARTIFACTS / "lintian.txt").write_text(out.stdout + out.stderr)
    errors = [line for line in out.stdout.splitlines() if line.startswith("E:")]
    assert out.returncode == 0 and not errors, out.stdout + out.stderr


def test_installs_with_apt(package):
    out = run(*SUDO, "apt-get", "install", "-y", "-qq", str(DEB), check=False,
              env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    assert out.returncode == 0, out.stdout + out.stderr
    status = run("dpkg-query", "-W", "-f=${Status} ${Version}", package).stdout
    assert status == f"install ok installed {cargo_version()}", status
    files = run("dpkg", "-L", package).stdout.split()
    (ARTIFACTS / "files.txt").write_text("\n".join(files) + "\n")
    for path in ("/usr/bin/fieldnotes", "/usr/bin/fieldnotes-desktop",
                 "/usr/share/doc/fieldnotes/copyright",
                 "/usr/share/icons/hicolor/256x256/apps/fieldnotes-desktop.png"):
        assert path in files, path
    assert desktop_entry(files) is not None


def desktop_entry(files: list[str]) -> Path | None:
    entries = [Path(f) for f in files if f.startswith("/usr/share/applications/") and f.endswith(".desktop")]
    return entries[0] if len(entries) == 1 else None


def menu_command(package: str) -> Path:
    """The program the menu entry starts (its Exec line, field codes dropped)."""
    entry = desktop_entry(run("dpkg", "-L", package).stdout.split())
    text = entry.read_text()
    assert re.search(r"^Type=Application$", text, re.M), text
    assert re.search(r"^Name=Fieldnotes$", text, re.M), text
    exec_line = re.search(r"^Exec=(.+)$", text, re.M).group(1)
    argv = [a for a in shlex.split(exec_line) if not a.startswith("%")]
    found = shutil.which(argv[0])
    assert found, exec_line
    return Path(found)


def test_packaged_cli_works(package, home):
    env = dict(os.environ, FIELDNOTES_VAULT=str(home / "cli-vault"), FIELDNOTES_PASSPHRASE=PASSPHRASE)
    version = run("fieldnotes", "--version").stdout
    assert re.fullmatch(rf"fieldnotes {re.escape(cargo_version())} \(commit [0-9a-f]{{12}}\)\n", version), version
    assert shutil.which("fieldnotes") == "/usr/bin/fieldnotes"
    run("fieldnotes", "init", env=env)
    run("fieldnotes", "case", "add", "--code", CODE, "--nationality", "Romanian", env=env)
    listed = run("fieldnotes", "case", "list", env=env).stdout
    assert CODE in listed, listed
    wrong = run("fieldnotes", "case", "list", check=False,
                env=dict(env, FIELDNOTES_PASSPHRASE="not the passphrase at all"))
    assert wrong.returncode != 0 and "passphrase" in wrong.stderr.lower(), wrong.stderr


def test_installed_app_from_its_menu_entry(package, home):
    app_path = menu_command(package)
    assert app_path == Path("/usr/bin/fieldnotes-desktop"), app_path
    with harness.launch(home, "vault", PORT, ARTIFACTS, app=app_path) as app:
        harness.create_vault(app, PASSPHRASE)
        app.click("new-case")
        app.type("case-code", CODE)
        app.type("case-nationality", "Romanian")
        app.select("case-risk", "high")
        app.type("case-name", "Ana Ștefănescu")
        app.shot("installed-new-case")
        app.click("case-save")
        app.text_in("case-title", CODE)
        app.shot("installed-case")
        app.click("lock")
        app.type("unlock-passphrase", "not the passphrase at all")
        app.click("unlock-submit")
        app.text_in("unlock-error", "passphrase is wrong", timeout=60)
        app.type("unlock-passphrase", PASSPHRASE)
        app.click("unlock-submit")
        app.el("dashboard", timeout=60)
        app.click("nav-cases")
        app.text_in("case-list", CODE)
        app.shot("installed-unlocked")
    assert (home / "vault").is_dir()


def test_purge_leaves_only_the_vault(package, home):
    files = run("dpkg", "-L", package).stdout.split()
    out = run(*SUDO, "apt-get", "purge", "-y", "-qq", package, check=False,
              env=dict(os.environ, DEBIAN_FRONTEND="noninteractive"))
    assert out.returncode == 0, out.stdout + out.stderr
    assert run("dpkg-query", "-W", "-f=${Status}", package, check=False).stdout in ("", "not-installed")
    # Folders such as /usr/bin are shared with other packages; every file
    # and every folder of this package's own is gone.
    left = [f for f in files if Path(f).exists() and not Path(f).is_dir()]
    own_dirs = [f for f in files if "fieldnotes" in f.lower() and Path(f).is_dir()]
    assert not left and not own_dirs, left + own_dirs
    assert shutil.which("fieldnotes") is None
    # The user's data is theirs: both vaults are still there.
    assert any((home / "vault").iterdir())
    assert any((home / "cli-vault").iterdir())
