"""A forgotten passphrase, recovered with the organisation's key on the
unlock screen: the organisation's key pair is made with `age-keygen`, the
vault is created with its public key, a case is recorded and the vault
locked. A key that is not the organisation's is refused in plain words
and the old passphrase still opens the vault; then the right key file
and a new passphrase open it, the case is there, the audit log records
the recovery, and after locking only the new passphrase opens it. The
recovery form is reached and left with the keyboard. Screenshots in
artifacts/e2e/recovery/."""

import shutil
import subprocess

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import ARTIFACTS, launch

OLD_PASS = "saffron ledger tundra mosaic whistle"
NEW_PASS = "violet orchard sleeps beneath granite moon"
CODE = "RO-2026-112"
SHOTS = ARTIFACTS / "recovery"


def keygen(path) -> str:
    """Writes an age identity file to `path`; its public key."""
    if not shutil.which("age-keygen"):
        pytest.fail("age-keygen is missing: install the Debian package `age`")
    subprocess.run(["age-keygen", "-o", str(path)], check=True, capture_output=True)
    for line in path.read_text().splitlines():
        if line.startswith("# public key: "):
            return line.removeprefix("# public key: ")
    raise AssertionError(f"no public key in {path}")


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "vault", 4700, SHOTS) as a:
        yield a


def open_recovery(app) -> None:
    """From the unlock screen to the recovery form, by keyboard only."""
    app.el("unlock-passphrase")
    app.tab_to("recover-instead")
    app.press(Keys.ENTER)
    app.el("recover-form")
    active = app.d.switch_to.active_element.get_attribute("data-testid")
    assert active == "recover-source-file", active


def fill_recovery(app, key_file) -> None:
    app.answer_dialog("recovery-key", key_file)
    app.click("recover-pick")
    app.text_in("recover-file", key_file.name)
    app.type("recover-passphrase", NEW_PASS)
    app.type("recover-confirm", NEW_PASS)
    app.wait().until(lambda d: app.el("recover-submit").is_enabled())


def unlock(app, passphrase: str) -> None:
    app.type("unlock-passphrase", passphrase)
    app.click("unlock-submit")


def test_a_vault_sealed_to_the_organisations_key_holds_a_case(app, work_dir):
    public = keygen(work_dir / "org-recovery.txt")
    keygen(work_dir / "someone-else.txt")
    app.type("create-passphrase", OLD_PASS)
    app.type("create-confirm", OLD_PASS)
    app.click("create-recovery-toggle")
    app.type("create-recovery", public)
    app.shot("created-with-recovery-key")
    app.click("create-submit")
    app.el("dashboard", timeout=60)
    app.click("nav-cases")
    app.click("new-case")
    app.type("case-code", CODE)
    app.click("case-save")
    app.text_in("case-title", CODE)
    app.click("lock")
    app.el("unlock-form")


def test_a_key_that_is_not_the_organisations_is_refused(app, work_dir):
    open_recovery(app)
    app.shot("recovery-form")
    fill_recovery(app, work_dir / "someone-else.txt")
    app.click("recover-submit")
    app.text_in("recover-error", "does not open this vault", timeout=60)
    assert "Nothing was changed" in app.el("recover-error").text
    app.shot("wrong-key-refused")
    app.click("recover-back")
    active = app.d.switch_to.active_element.get_attribute("data-testid")
    assert active == "unlock-passphrase", active
    unlock(app, OLD_PASS)
    app.el("dashboard", timeout=60)
    app.click("lock")
    app.el("unlock-form")


def test_the_organisations_key_opens_the_vault_under_a_new_passphrase(app, work_dir):
    open_recovery(app)
    fill_recovery(app, work_dir / "org-recovery.txt")
    notes = app.el("recover-notes").text
    assert "replaces the old one" in notes and "audit log" in notes
    app.shot("recovery-filled", readme="recover-with-organisation-key")
    app.click("recover-submit")
    app.el("dashboard", timeout=60)
    app.click("nav-cases")
    app.text_in("case-list", CODE)
    app.shot("recovered-case-list")
    app.click("nav-audit")
    app.text_in("audit-list", "Recovered with the organisation's key")
    app.text_in("audit-status", "intact")
    app.shot("recovery-in-audit-log")


def test_afterwards_only_the_new_passphrase_opens_it(app):
    app.click("lock")
    unlock(app, OLD_PASS)
    app.text_in("unlock-error", "passphrase is wrong", timeout=60)
    unlock(app, NEW_PASS)
    app.el("dashboard", timeout=60)
    app.click("nav-cases")
    app.text_in("case-list", CODE)
