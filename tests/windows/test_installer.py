"""The Windows installer (NSIS) under Wine: refused with a message and exit
code 2 where the WebView2 runtime is missing, installed for the current user
where it is present (files, Start menu entry, installed-apps entry, a CLI
that runs), and uninstalled leaving the user's vault in place.

Run by `make windows-installer-test` with FIELDNOTES_WIN_SETUP naming the
installer. Wine has no WebView2 runtime; its presence is the registry value
Microsoft documents for detecting it, set and removed here."""

import getpass
import os
import shutil
import subprocess
import time
from pathlib import Path

import pytest

from conftest import Cli

WV2 = r"HKCU\Software\Microsoft\EdgeUpdate\Clients\{F3017226-FE2A-4295-8BDF-00C3A9A7E4C5}"
UNINSTALL = r"HKCU\Software\Microsoft\Windows\CurrentVersion\Uninstall\Fieldnotes"
FILES = ("fieldnotes-desktop.exe", "fieldnotes.exe", "WebView2Loader.dll", "uninstall.exe")


def wine(*args, check=True):
    r = subprocess.run(["wine", *args], capture_output=True, text=True, timeout=300,
                       stdin=subprocess.DEVNULL)
    if check:
        assert r.returncode == 0, f"{args}: {r.returncode} {r.stderr}"
    return r


def user_dir(prefix: Path) -> Path:
    """The Wine user's profile: Wine names it after the Linux user."""
    return prefix / "drive_c" / "users" / getpass.getuser()


@pytest.fixture
def setup_exe():
    exe = os.environ.get("FIELDNOTES_WIN_SETUP")
    if not exe or not Path(exe).is_file():
        pytest.exit("FIELDNOTES_WIN_SETUP is not set: run `make windows-installer-test`", returncode=2)
    return exe


@pytest.fixture
def no_webview2(wine_prefix):
    wine("reg", "delete", WV2, "/f", check=False)
    yield
    wine("reg", "delete", WV2, "/f", check=False)


def test_install_use_and_uninstall(wine_prefix, setup_exe, no_webview2):
    home = user_dir(wine_prefix)
    installed = home / "AppData" / "Local" / "Programs" / "Fieldnotes"
    shortcut = home / "AppData" / "Roaming" / "Microsoft" / "Windows" / "Start Menu" / "Programs" / "Fieldnotes.lnk"

    vault = home / "Documents" / "Fieldnotes installer vault"  # made by the installed CLI below
    # The prefix outlives a run: what an earlier run installed goes first.
    for old in (installed, vault):
        shutil.rmtree(old, ignore_errors=True)
    shortcut.unlink(missing_ok=True)
    wine("reg", "delete", UNINSTALL, "/f", check=False)

    # No runtime: refused, with exit code 2, and nothing installed.
    assert wine(setup_exe, "/S", check=False).returncode == 2
    assert not installed.exists()

    # The runtime present: installed for this user.
    wine("reg", "add", WV2, "/v", "pv", "/t", "REG_SZ", "/d", "131.0.2903.70", "/f")
    wine(setup_exe, "/S")
    for name in FILES:
        assert (installed / name).is_file(), name
    assert shortcut.is_file()
    entry = wine("reg", "query", UNINSTALL).stdout
    assert "DisplayName    REG_SZ    Fieldnotes" in entry, entry
    assert "DisplayVersion" in entry and "uninstall.exe" in entry, entry

    # The installed CLI works, and its vault lives under the user's profile.
    cli = Cli(str(installed / "fieldnotes.exe"), r"C:\users\%s\Documents\%s" % (home.name, vault.name),
              True, home)
    assert cli.ok("--version", vault=False).startswith("fieldnotes ")
    cli.ok("init")
    assert (vault / "vault.json").is_file()

    # Uninstalled: the program files, the shortcut and the entry go; the vault stays.
    wine(str(installed / "uninstall.exe"), "/S")
    deadline = time.time() + 60  # the uninstaller runs on from a copy of itself
    while installed.exists() and time.time() < deadline:
        time.sleep(0.5)
    assert not installed.exists(), list(installed.iterdir())
    assert not shortcut.exists()
    assert wine("reg", "query", UNINSTALL, check=False).returncode != 0
    assert (vault / "vault.json").is_file()
