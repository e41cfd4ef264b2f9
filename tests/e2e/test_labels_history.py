"""Labels, history and the audit log in Romanian, in a real window: a need
of identity documents is found by searching `acte de identitate` and shown
with its Romanian category; a draft note finalised shows as "Finalizată",
not as a change of content; an edit shows its changed words beside the
device's name; the audit log names the case code and kind of each record
and shows no UUID. Screenshots in artifacts/e2e/labels/."""

import re

from conftest import ARTIFACTS, create_vault_in_romanian, launch

import pytest

PASSPHRASE = "granite willow harbour lantern quietly"
CODE = "RO-2026-207"
DEVICE = "Laptop Iași"
SHOTS = ARTIFACTS / "labels"
UUID = re.compile(r"[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}", re.I)


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "labels", 4540, SHOTS) as a:
        yield a


def test_create_vault_in_romanian_and_name_the_laptop(app):
    create_vault_in_romanian(app, PASSPHRASE)
    app.click("nav-exchange")
    app.type("device-name", DEVICE)
    app.click("device-name-save")
    app.wait().until(lambda d: app.el("device-name").get_attribute("value") == DEVICE)


def test_add_a_case_with_an_identity_documents_need(app):
    app.click("nav-cases")
    app.click("new-case")
    app.type("case-code", CODE)
    app.click("case-save")
    app.text_in("case-title", CODE)
    app.click("add-need")
    app.select("need-category", "identity_documents")
    app.type("need-description", "pașaport pierdut la graniță")
    app.click("need-save")
    app.text_in("needs-section", "Acte de identitate")


def test_search_finds_the_need_by_its_romanian_category(app):
    app.click("nav-search")
    app.type("search-input", "acte de identitate")
    app.click("search-submit")
    app.wait().until(lambda d: len(app.all("search-hit")) == 1)
    hit = app.all("search-hit")[0].text
    assert "Nevoie" in hit and CODE in hit, hit
    labels = [e.text for e in app.all("hit-label")]
    assert "Acte de identitate" in labels, labels
    assert "identity_documents" not in hit and "identified" not in hit, hit
    app.shot("search-romanian-label")


def test_finalising_a_draft_is_no_change_of_content(app):
    app.click("nav-cases")
    app.text_in("case-list", CODE)
    app.click("case-link")
    app.text_in("case-title", CODE)
    app.click("new-note")
    app.type("note-narrative", "Am întâlnit-o la adăpost luni.")
    app.text_in("autosave", "Ciornă salvată")
    app.click("note-save")
    app.text_in("timeline", "adăpost luni")


def test_an_edit_shows_the_changed_words_and_the_device(app):
    app.click("edit-note")
    area = app.el("note-narrative")
    app.wait().until(lambda d: "adăpost" in area.get_attribute("value"))
    area.clear()
    area.send_keys("Am întâlnit-o la spital luni.")
    app.click("note-save")
    app.text_in("timeline", "spital luni")
    app.click("note-history")
    app.wait().until(lambda d: len(app.all("version")) == 3)
    states = [e.text for e in app.all("version-state")]
    assert states == ["Modificată", "Finalizată", "Creată"], states
    newest, finalised, _ = app.all("version")
    assert DEVICE in newest.text and "pe acest dispozitiv" in newest.text, newest.text
    assert not UUID.search(newest.text), newest.text
    words = app.el("change-words")
    deleted = [e.text for e in words.find_elements("css selector", "del")]
    inserted = [e.text for e in words.find_elements("css selector", "ins")]
    assert [d.strip() for d in deleted] == ["adăpost"] and [i.strip() for i in inserted] == ["spital"], (deleted, inserted)
    # Finalising lists no changed fields: no narrative, no draft flag.
    assert not finalised.find_elements("css selector", "dl"), finalised.text
    app.shot("history-changed-words")


def test_the_audit_log_names_case_code_and_kind_not_ids(app):
    app.click("nav-audit")
    app.text_in("audit-status", "intact")
    listing = app.el("audit-list").text
    assert f"{CODE} · Nevoie" in listing, listing
    assert f"{CODE} · Notă" in listing and f"{CODE} · Caz" in listing, listing
    assert "acest laptop" in listing, listing
    assert not UUID.search(listing), listing
    app.shot("audit-log-romanian")
