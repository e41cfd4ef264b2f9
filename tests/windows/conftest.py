"""Running the Windows `fieldnotes.exe` under Wine beside the Linux build.

`make windows-test` sets FIELDNOTES_WIN_EXE (the cross-built exe), FIELDNOTES_CLI
(the Linux debug build) and WINEPREFIX (a prefix of its own under target/). Every
command gets its vault and passphrase explicitly, as the Rust CLI tests do.

Paths: a Linux folder reaches the Windows build through Wine's Z: drive
(`Z:\\tmp\\...`); the Windows-only vault lives in the prefix's own C:\\users.
Both carry spaces and Romanian letters, the point of the exercise.
"""

import json
import os
import shutil
import subprocess
import uuid
from pathlib import Path

import pytest

PASS = "violet harbour lantern seventeen quietly"
# A person's name with spaces and letters outside ASCII, as on a real laptop.
PERSON = "Ana Ștefănescu"


def _need(var):
    value = os.environ.get(var)
    if not value:
        pytest.exit(f"{var} is not set: run `make windows-test`", returncode=2)
    return value


def win_path(path):
    """The Windows name of a Linux path, through Wine's Z: drive (the root)."""
    return "Z:" + str(path).replace("/", "\\")


class Cli:
    """One build of `fieldnotes` driving one vault."""

    def __init__(self, exe, vault, windows, home):
        self.exe = exe
        self.vault = vault
        self.windows = windows
        self.home = home

    def path(self, p):
        """How this build names `p`: a Windows name for the exe, as is for Linux."""
        if not self.windows or isinstance(p, str):
            return str(p)
        return win_path(p)

    def run(self, *args, passphrase=PASS, vault=True, env=None):
        extra = env
        env = {
            "PATH": os.environ["PATH"],
            "HOME": str(self.home),
            "XDG_DATA_HOME": str(self.home / "xdg-data"),
            "LANG": "C.UTF-8",
            "LC_ALL": "C.UTF-8",
        }
        for var in ("WINEPREFIX", "WINEDEBUG", "WINEDLLOVERRIDES", "WINEARCH"):
            if var in os.environ:
                env[var] = os.environ[var]
        if passphrase is not None:
            env["FIELDNOTES_PASSPHRASE"] = passphrase
        env.update(extra or {})
        argv = [self.path(a) if isinstance(a, Path) else a for a in args]
        if vault:
            argv = ["--vault", self.path(self.vault), *argv]
        command = ["wine", self.exe, *argv] if self.windows else [self.exe, *argv]
        return subprocess.run(command, env=env, capture_output=True, timeout=300)

    def ok(self, *args, **kw):
        r = self.run(*args, **kw)
        out, err = r.stdout.decode(), r.stderr.decode()
        assert r.returncode == 0, f"{args} exited {r.returncode}: {err}{out}"
        assert "panicked" not in err, err
        return out

    def json(self, *args, **kw):
        return json.loads(self.ok(*args, "--json", **kw))

    def new_id(self, *args, **kw):
        return str(uuid.UUID(self.ok(*args, **kw).strip().splitlines()[-1]))

    def fail(self, code, *args, **kw):
        r = self.run(*args, **kw)
        err = r.stderr.decode()
        assert r.returncode == code, f"{args} exited {r.returncode}, not {code}: {err}"
        assert "panicked" not in err, err
        return err

    def card(self, out):
        self.ok("card", "--name", "windows" if self.windows else "linux", "--out", out)
        return json.loads(self.ok("card"))


@pytest.fixture(scope="session")
def wine_prefix():
    prefix = Path(_need("WINEPREFIX"))
    quiet = {"stdin": subprocess.DEVNULL, "stdout": subprocess.DEVNULL, "stderr": subprocess.DEVNULL}
    # One server for the whole run, so each command starts in well under a
    # second; and Wine's own services started now, outside any command whose
    # output a test reads: they would inherit its pipes and hold them open.
    subprocess.run(["wineserver", "-k"], check=False, **quiet)
    subprocess.run(["wineserver", "-p"], check=True, **quiet)
    subprocess.run(["wine", "cmd", "/c", "exit"], check=True, **quiet)
    # The prefix outlives a run (it takes a while to make): vaults an earlier
    # run left in it go first.
    users = prefix / "drive_c" / "users"
    for old in [users / PERSON, *users.glob("*/AppData/Roaming/Fieldnotes")]:
        shutil.rmtree(old, ignore_errors=True)
    yield prefix
    subprocess.run(["wineserver", "-k"], check=False)


@pytest.fixture
def place(tmp_path):
    """A Linux folder whose name has a space and Romanian letters."""
    p = tmp_path / PERSON / "Dosare și copii"
    p.mkdir(parents=True)
    return p


@pytest.fixture
def windows(wine_prefix, place):
    return Cli(_need("FIELDNOTES_WIN_EXE"), place / "vault win", True, place)


@pytest.fixture
def linux(place):
    return Cli(_need("FIELDNOTES_CLI"), place / "vault linux", False, place)
