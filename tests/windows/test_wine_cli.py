"""The Windows build of the CLI under Wine: the whole working day on one
vault, and bundles and backups carried both ways between it and the Linux
build, all under folders named with spaces and Romanian letters."""

import json
import os
from pathlib import Path

from conftest import PASS, PERSON, Cli, win_path

# A scan of some size, so attachments cross several chunks.
SCAN = bytes((i * 7919 + 13) % 251 for i in range(300_000))


def record_day(cli, place, code):
    """A case with a note, a need, consent and an attachment; returns their ids."""
    cli.new_id("case", "add", "--code", code, "--name", "Ioana Mărgărit", "--language", "ro")
    for scope in ("share_with_lead", "photographs", "referral"):
        cli.new_id("consent", "add", "--case", code, "--scope", scope)
    note = cli.new_id(
        "note", "add", "--case", code, "--kind", "intake",
        "--text", "Pașaportul e la recrutor, în Leeds; vrea să-și sune mama.",
    )
    need = cli.new_id(
        "need", "add", "--case", code, "--category", "identity_documents",
        "--text", "pașaport nou", "--priority", "high",
    )
    cli.ok("need", "set", need, "--status", "referred")
    scan = place / f"scan {code} țară.pdf"
    scan.write_bytes(SCAN)
    attachment = cli.new_id(
        "attach", "add", "--case", code, "--type", "application/pdf", scan
    )
    return {"note": note, "need": need, "attachment": attachment}


def assert_day(cli, place, code, ids):
    """What `record_day` wrote reads back through `cli`, attachment byte for byte."""
    cases = cli.json("case", "list")
    assert [c["code"] for c in cases] == [code], cases
    hits = cli.json("search", "Leeds")
    assert [h["record_id"] for h in hits] == [ids["note"]], hits
    records = {r["record_id"]: r for r in cli.json("records")}
    assert set(ids.values()) <= set(records), records.keys()
    out = place / f"copie {code} ă.pdf"
    cli.ok("attach", "get", ids["attachment"], "--out", out)
    assert out.read_bytes() == SCAN
    out.unlink()
    assert "intact" in cli.ok("audit", "verify")
    cli.ok("check")


def test_a_working_day_in_a_vault_under_the_users_profile(windows, wine_prefix, place):
    # The vault in C:\users\Ana Ștefănescu\Documents, a Windows path the exe sees as is.
    profile = wine_prefix / "drive_c" / "users" / PERSON
    windows.vault = f"C:\\users\\{PERSON}\\Documents\\Fieldnotes vault"
    out = windows.ok("init")
    assert "Created a vault" in out, out
    assert (profile / "Documents" / "Fieldnotes vault" / "vault.json").is_file()

    err = windows.fail(4, "case", "list", passphrase="not the passphrase")
    assert "passphrase is wrong" in err, err
    assert windows.json("case", "list") == []

    ids = record_day(windows, place, "RO-1")
    assert_day(windows, place, "RO-1", ids)
    need = next(r for r in windows.json("records") if r["record_id"] == ids["need"])
    assert "referred" in json.dumps(need), need

    # A backup to a "drive", restored into a second folder, then over it.
    usb = place / "USB Știck"
    usb.mkdir()
    snapshot = windows.json("backup", "--to", usb)["path"]
    assert snapshot.startswith(win_path(usb)), snapshot
    assert "checked all 1 attachment" in windows.ok("backup", "verify", snapshot)
    restored = Cli(windows.exe, place / "restaurat ă", True, place)
    restored.ok("restore", snapshot)
    assert_day(restored, place, "RO-1", ids)

    restored.new_id("case", "add", "--code", "RO-2")
    assert "vault_exists" in restored.fail(1, "restore", snapshot)
    restored.ok("restore", snapshot, "--replace")
    assert [c["code"] for c in restored.json("case", "list")] == ["RO-1"]
    aside = list((place).glob("restaurat ă.replaced-*"))
    assert len(aside) == 1, aside

    # A new passphrase: the key file is replaced over the old one (MoveFileEx
    # on Windows), and only the new passphrase opens the vault afterwards.
    key_files = sorted(p.name for p in (profile / "Documents" / "Fieldnotes vault").iterdir())
    new = "copper meadow lantern ninety harbour"
    windows.ok("passwd", env={"FIELDNOTES_NEW_PASSPHRASE": new})
    assert "passphrase is wrong" in windows.fail(4, "case", "list")
    assert [c["code"] for c in windows.json("case", "list", passphrase=new)] == ["RO-1"]
    after = sorted(p.name for p in (profile / "Documents" / "Fieldnotes vault").iterdir())
    assert after == key_files, "no temporary file left beside the key file"


def test_the_default_vault_is_under_roaming_appdata(windows, wine_prefix):
    r = windows.run("init", vault=False)
    out = r.stdout.decode()
    assert r.returncode == 0, r.stderr.decode()
    assert "\\AppData\\Roaming\\Fieldnotes\\Fieldnotes\\data\\vault" in out, out
    users = wine_prefix / "drive_c" / "users"
    made = list(users.glob("*/AppData/Roaming/Fieldnotes/Fieldnotes/data/vault/vault.json"))
    assert len(made) == 1, made
    assert windows.run("case", "list", vault=False).returncode == 0


def trust_each_other(a, b, place):
    cards = {}
    for cli, name in ((a, "a"), (b, "b")):
        cards[name] = cli.card(place / f"card {name} ș.json")
    a.ok("trust", "add", place / "card b ș.json", "--yes")
    b.ok("trust", "add", place / "card a ș.json", "--yes")
    return cards["a"]["device_id"], cards["b"]["device_id"]


def exchange(sender, receiver, receiver_id, place, code):
    ids = record_day(sender, place, code)
    bundle = place / f"pachet {code} ș.fnbundle"
    out = sender.ok("export", "--to", receiver_id, "--out", bundle)
    assert "Wrote" in out, out
    report = receiver.json("import", bundle)
    assert report["already_imported"] is False, report
    codes = [c["code"] for c in receiver.json("case", "list")]
    assert code in codes, codes
    out = place / f"primit {code}.pdf"
    receiver.ok("attach", "get", ids["attachment"], "--out", out)
    assert out.read_bytes() == SCAN
    assert [h["record_id"] for h in receiver.json("search", "Leeds")
            if h["case_code"] == code] == [ids["note"]]


def test_bundles_cross_between_the_windows_and_linux_builds(windows, linux, place):
    windows.ok("init")
    linux.ok("init")
    win_id, linux_id = trust_each_other(windows, linux, place)
    exchange(windows, linux, linux_id, place, "WIN-1")
    exchange(linux, windows, win_id, place, "LIN-1")
    assert sorted(c["code"] for c in windows.json("case", "list")) == ["LIN-1", "WIN-1"]


def test_backups_restore_across_the_windows_and_linux_builds(windows, linux, place):
    for maker, opener, code in ((windows, linux, "WIN-B"), (linux, windows, "LIN-B")):
        maker.vault = place / f"seif {code}"
        maker.ok("init")
        ids = record_day(maker, place, code)
        usb = place / f"USB {code} ă"
        usb.mkdir()
        snapshot = maker.json("backup", "--to", usb)["path"]
        # The other build names the same file its own way.
        snapshot = Path(snapshot.removeprefix("Z:").replace("\\", "/"))
        assert snapshot.is_file(), snapshot
        target = Cli(opener.exe, place / f"restaurat {code}", opener.windows, place)
        target.ok("restore", snapshot)
        assert_day(target, place, code, ids)
        assert os.path.isfile(place / f"restaurat {code}" / "vault.json")


def test_drives_are_listed_through_the_windows_api(windows):
    # The Windows build lists volumes with sysinfo (FindFirstVolumeW and
    # GetDriveTypeW). Wine reports no volume for its mapped folders, so no
    # drive can be plugged in here: this checks that the Windows path runs
    # and says what to do, in text and in JSON.
    assert windows.json("drives", vault=False, passphrase=None) == []
    out = windows.ok("drives", vault=False, passphrase=None)
    assert "No removable drive is mounted" in out, out
    assert "--to DIR" in out, out
