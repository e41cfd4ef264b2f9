#!/usr/bin/env python3
"""Finishes the .deb that the Tauri bundler made, as debhelper would for a
Debian package: strips the two binaries (dh_strip), computes the shared
library dependencies from them (dpkg-shlibdeps), adds the Debian changelog
made from CHANGELOG.md (dh_installchangelogs), sets the maintainer, and
recomputes md5sums and Installed-Size before building the package again.

    finish_deb.py IN.deb OUT.deb VERSION "NAME <ADDRESS>"

The version must be the one in Cargo.toml; the changelog's date is the last
commit's (or SOURCE_DATE_EPOCH), so the same source gives the same file.
"""

import email.utils
import textwrap
import gzip
import hashlib
import os
import re
import subprocess
import sys
import tempfile
from datetime import datetime, timezone
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
BINARIES = ("usr/bin/fieldnotes", "usr/bin/fieldnotes-desktop")
DOC = "usr/share/doc/fieldnotes"


def run(*args, **kw) -> str:
    return subprocess.run(list(args), check=True, capture_output=True, text=True, **kw).stdout


def source_date() -> int:
    if "SOURCE_DATE_EPOCH" in os.environ:
        return int(os.environ["SOURCE_DATE_EPOCH"])
    try:
        return int(run("git", "-C", str(ROOT), "log", "-1", "--format=%ct").strip())
    except (subprocess.CalledProcessError, FileNotFoundError, ValueError):
        return 0


def changes(version: str) -> list[str]:
    """The bullets of CHANGELOG.md's section of this version (else the newest)."""
    text = (ROOT / "CHANGELOG.md").read_text()
    sections = re.split(r"^## ", text, flags=re.M)[1:]
    mine = [s for s in sections if s.split()[0] == version]
    newest = (mine or sections or [""])[0]
    items, current = [], None
    for line in newest.splitlines()[1:]:
        if line.startswith("- "):
            current = line[2:].strip()
            items.append(current)
        elif line.startswith("  ") and current is not None:
            items[-1] += " " + line.strip()
        else:
            current = None
    return items or [f"Version {version}."]


def debian_changelog(version: str, maintainer: str) -> bytes:
    lines = [f"fieldnotes ({version}) unstable; urgency=medium", ""]
    for item in changes(version):
        words, line = item.split(), "  *"
        for w in words:
            if len(line) + 1 + len(w) > 78:
                lines.append(line)
                line = "   "
            line += " " + w
        lines.append(line)
    date = email.utils.format_datetime(datetime.fromtimestamp(source_date(), timezone.utc))
    lines += ["", f" -- {maintainer}  {date}", ""]
    return "\n".join(lines).encode()


def shlibs_depends(root: Path) -> str:
    """dpkg-shlibdeps over the binaries, run where it finds a debian/control."""
    with tempfile.TemporaryDirectory() as d:
        (Path(d) / "debian").mkdir()
        (Path(d) / "debian" / "control").write_text("Source: fieldnotes\n\nPackage: fieldnotes\nArchitecture: any\n")
        out = run("dpkg-shlibdeps", "-O", *[f"-e{root / b}" for b in BINARIES], cwd=d)
    return re.search(r"shlibs:Depends=(.*)", out).group(1).strip()


def control(root: Path, depends: str, maintainer: str) -> None:
    path = root / "DEBIAN" / "control"
    text = path.read_text()
    size = sum(f.stat().st_size for f in root.rglob("*") if f.is_file() and "DEBIAN" not in f.parts)
    fields = {"Depends": depends, "Maintainer": maintainer, "Installed-Size": str((size + 1023) // 1024)}
    for name, value in fields.items():
        text = re.sub(rf"^{name}: .*$", f"{name}: {value}", text, flags=re.M)
    # The long description as Debian wants it: continuation lines under 80.
    text = re.sub(r"^ (\S.{79,})$", lambda m: textwrap.fill(m.group(1), 78, initial_indent=" ",
                  subsequent_indent=" "), text, flags=re.M)
    path.write_text(text)


def md5sums(root: Path) -> None:
    lines = []
    for f in sorted(root.rglob("*")):
        if f.is_file() and "DEBIAN" not in f.relative_to(root).parts:
            lines.append(f"{hashlib.md5(f.read_bytes()).hexdigest()}  {f.relative_to(root)}\n")
    (root / "DEBIAN" / "md5sums").write_text("".join(lines))


def main() -> None:
    if len(sys.argv) != 5:
        sys.exit(__doc__)
    src, dst, version, maintainer = sys.argv[1:]
    with tempfile.TemporaryDirectory() as d:
        root = Path(d) / "root"
        run("dpkg-deb", "-R", src, str(root))
        for b in BINARIES:
            run("strip", "--strip-unneeded", "--remove-section=.comment", "--remove-section=.note", str(root / b))
        changelog = root / DOC / "changelog.gz"
        changelog.write_bytes(gzip.compress(debian_changelog(version, maintainer), 9, mtime=0))
        os.chmod(changelog, 0o644)
        depends = shlibs_depends(root)
        control(root, depends, maintainer)
        md5sums(root)
        run("dpkg-deb", "--root-owner-group", "-Zxz", "--build", str(root), dst)
    print(f"{dst}: Depends: {depends}")


if __name__ == "__main__":
    main()
