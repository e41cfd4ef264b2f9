"""The main flow of the desktop app, in a real window, in order: create a
vault, add a case with an interview, an attachment and a need, change the
need, search, reveal the identity and change it, lock and unlock (a wrong
passphrase first), change the passphrase, read the About, switch to Romanian, edit a note
and read its history. Each step leaves a screenshot in artifacts/e2e/."""

import pathlib
import re
import subprocess

from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

PASSPHRASE = "orbit lantern basalt meadow quietly"
# The passphrase from test_change_passphrase on: later unlocks must use it.
NEW_PASSPHRASE = "harbour quietly basalt orbit lantern"
CODE = "RO-2026-017"
NAME = "Maria Popescu"
NARRATIVE = "Wants to contact her mother; passport held by the recruiter in Leeds."
NEED = "replacement passport and ID card"
CONTACT = "+40 721 555 019"


def test_create_vault(app):
    app.type("create-passphrase", PASSPHRASE)
    app.text_in("strength", "Good enough")
    app.type("create-confirm", PASSPHRASE)
    app.shot("create-vault", readme="create-vault")
    app.click("create-submit")
    app.el("dashboard", timeout=60)
    app.shot("empty-dashboard")
    app.click("nav-cases")
    app.el("no-cases")
    app.shot("empty-case-list")


def test_add_case(app):
    app.click("new-case")
    app.type("case-code", CODE)
    app.type("case-nationality", "Romanian")
    app.select("case-risk", "high")
    app.type("case-name", NAME)
    app.shot("new-case-form")
    app.click("case-save")
    app.text_in("case-title", CODE)
    assert NAME not in app.d.page_source, "the identity must stay hidden until revealed"
    app.shot("case-page")


def test_add_interview(app):
    app.click("new-note")
    app.select("note-kind", "intake")
    app.type("note-place", "Shelter, Bucharest")
    app.type("note-narrative", NARRATIVE)
    app.text_in("autosave", "Draft saved")
    app.shot("interview-editor")
    app.click("note-save")
    app.text_in("timeline", "recruiter in Leeds")


def test_add_attachment(app):
    # A passport scan shows the survivor's face: the photograph consent first.
    app.click("add-consent")
    app.select("consent-scope", "photographs")
    app.click("consent-save")
    app.el("consent-withdraw")
    app.click("add-attachment")
    app.text_in("attachments-section", "passport-scan.png")
    app.click("open-attachment")
    img = app.el("attachment-image")
    assert img.get_attribute("src").startswith("blob:")
    app.wait().until(lambda d: d.execute_script("return arguments[0].naturalWidth", img) == 96)
    app.shot("attachment")


def test_add_need(app):
    app.click("add-need")
    app.select("need-category", "identity_documents")
    app.type("need-description", "replacement passport")
    app.click("need-save")
    app.text_in("needs-section", "replacement passport")
    app.text_in("needs-section", "Identity documents")
    app.shot("case-with-need")


def test_edit_need(app):
    app.click("edit-need")
    assert app.el("need-description").get_attribute("value") == "replacement passport"
    assert app.el("need-category").get_attribute("value") == "identity_documents"
    app.type("need-description", NEED)
    app.select("need-priority", "high")
    app.shot("need-editor")
    app.click("need-save")
    app.text_in("needs-section", NEED)
    assert not app.all("need-form"), "the form closes once the need is saved"
    app.text_in("need", "High")
    app.text_in("need-saved", "Need saved")
    app.shot("case-with-edited-need")


def test_edit_case(app):
    app.click("edit-case")
    app.select("case-risk", "medium")
    app.click("case-save")
    app.text_in("case-risk-badge", "Medium")


def test_search(app):
    app.click("nav-search")
    app.type("search-input", "passport")
    app.click("search-submit")
    app.wait().until(lambda d: len(app.all("search-hit")) >= 2)
    marks = [m.text.lower() for m in app.d.find_elements(By.CSS_SELECTOR, "[data-testid=search-results] mark")]
    assert "passport" in marks
    assert NAME not in app.d.page_source
    app.shot("search")


def test_reveal_identity(app):
    app.all("search-hit")[0].click()
    app.text_in("case-title", CODE)
    app.click("reveal-identity")
    app.text_in("identity-name", NAME)
    app.shot("identity-revealed")
    app.click("nav-audit")
    app.text_in("audit-status", "intact")
    app.text_in("audit-list", "Identity revealed")
    app.shot("audit-log", readme="audit-log")


def test_edit_identity(app):
    app.click("nav-cases")
    app.click("case-link")
    app.text_in("case-title", CODE)
    app.click("reveal-identity")
    app.text_in("identity-name", NAME)
    app.click("edit-identity")
    assert app.el("identity-name").get_attribute("value") == NAME
    app.type("identity-contacts", CONTACT)
    app.shot("identity-editor")
    app.click("identity-save")
    app.text_in("identity-saved", "hidden again")
    source = app.d.page_source
    assert NAME not in source and CONTACT not in source, "saving hides the identity again"
    app.click("reveal-identity")
    app.text_in("identity", CONTACT)
    app.text_in("identity-name", NAME)
    app.shot("identity-edited")
    app.click("hide-identity")
    assert CONTACT not in app.d.page_source


def test_lock_and_unlock(app):
    app.click("lock")
    app.type("unlock-passphrase", "not the passphrase at all")
    app.click("unlock-submit")
    app.text_in("unlock-error", "passphrase is wrong", timeout=60)
    app.shot("wrong-passphrase")
    app.type("unlock-passphrase", PASSPHRASE)
    app.click("unlock-submit")
    app.el("dashboard", timeout=60)
    app.text_in("bar-identity_documents", "1")
    app.shot("dashboard")
    app.click("nav-cases")
    app.text_in("case-list", CODE)
    app.shot("unlocked")


def test_quick_lock_shortcut(app):
    app.d.find_element(By.TAG_NAME, "body").send_keys(Keys.CONTROL, Keys.SHIFT, "l")
    app.el("unlock-passphrase")
    assert CODE not in app.d.page_source
    app.type("unlock-passphrase", PASSPHRASE)
    app.click("unlock-submit")
    app.el("nav-cases", timeout=60)


def test_change_passphrase(app):
    app.click("nav-settings")
    app.text_in("passphrase-form", "Backups made before the change")
    app.type("passphrase-current", PASSPHRASE)
    app.type("passphrase-new", NEW_PASSPHRASE)
    app.text_in("strength", "Good enough")
    app.type("passphrase-confirm", NEW_PASSPHRASE)
    app.shot("change-passphrase")
    app.click("passphrase-save")
    app.text_in("passphrase-changed", "Passphrase changed", timeout=60)
    for field in ("passphrase-current", "passphrase-new", "passphrase-confirm"):
        assert app.el(field).get_attribute("value") == ""
    app.shot("passphrase-changed")
    # From now on only the new passphrase opens the vault.
    app.click("lock")
    app.type("unlock-passphrase", PASSPHRASE)
    app.click("unlock-submit")
    app.text_in("unlock-error", "passphrase is wrong", timeout=60)
    app.type("unlock-passphrase", NEW_PASSPHRASE)
    app.click("unlock-submit")
    app.el("nav-cases", timeout=60)


def test_about_names_version_and_commit(app):
    # The version comes from the workspace's Cargo.toml alone; the commit is
    # the one this checkout is at (the app was built from it).
    root = pathlib.Path(__file__).resolve().parents[2]
    version = re.search(r'^version = "([^"]+)"', (root / "Cargo.toml").read_text(), re.M).group(1)
    commit = subprocess.run(["git", "rev-parse", "--short=12", "HEAD"], cwd=root,
                            capture_output=True, text=True, check=True).stdout.strip()
    app.click("nav-settings")
    about = app.el("about-version")
    assert about.text == f"Version {version}, built from commit {commit}.", about.text
    app.d.execute_script("arguments[0].scrollIntoView()", about)
    app.shot("about")


def test_switch_to_romanian(app):
    app.click("nav-settings")
    app.select("language", "ro")
    app.click("settings-save")
    app.text_in("settings-saved", "Setările au fost salvate")
    app.click("nav-cases")
    assert app.el("nav-cases").text == "Cazuri"
    assert app.el("lock").text == "Blochează"
    assert app.d.execute_script("return document.documentElement.lang") == "ro"
    body = app.d.find_element(By.TAG_NAME, "body").text
    assert "Nevoi deschise" in body and "Open needs" not in body
    app.shot("romanian-case-list")


def test_edit_note_and_history(app):
    app.click("case-link")
    app.click("edit-note")
    area = app.el("note-narrative")
    app.wait().until(lambda d: "Leeds" in area.get_attribute("value"))
    area.send_keys(" Update: the passport was recovered.")
    app.click("note-save")
    app.text_in("timeline", "passport was recovered")
    app.click("note-history")
    app.wait().until(lambda d: len(app.all("version")) >= 2)
    newest = app.all("version")[0].text
    assert "passport was recovered" in newest
    assert "Modificată" in newest and "pe acest dispozitiv" in newest
    app.shot("note-history-romanian")
