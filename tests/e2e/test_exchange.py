"""Two laptops exchanging records through the real app, then a backup and a
restore onto a third: a field worker and a case lead create vaults, compare
and trust each other's identity cards, the worker records a case and sends
it, the lead imports it, both edit the same note, bundles go both ways, the
conflict is merged by hand on the lead's laptop and travels back, the
worker backs up to a folder and a new laptop restores from it; at last the
lead revokes the worker's laptop and the note's history marks the worker's
versions as from a revoked laptop. Every step leaves a screenshot in
artifacts/e2e/exchange/.

Native file dialogs are answered through the e2e build's
FIELDNOTES_E2E_PICKS hook (App.answer_dialog)."""

import json
import re

import pytest
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ARTIFACTS, launch

WORKER_PASS = "orbit lantern basalt meadow quietly"
LEAD_PASS = "granite willow harbour pencil drift"
CODE = "RO-2026-031"
FIRST = "Intake at the shelter; wants to work again."
WORKER_EDIT = " Worker: she found a bakery job."
LEAD_EDIT = " Lead: legal aid booked for Monday."
MERGED = "Intake at the shelter. She found a bakery job; legal aid booked for Monday."
SHOTS = ARTIFACTS / "exchange"


@pytest.fixture(scope="module")
def counter():
    return [0]


@pytest.fixture(scope="module")
def worker(work_dir, counter):
    with launch(work_dir, "worker", 4450, SHOTS, counter, "worker-") as a:
        yield a


@pytest.fixture(scope="module")
def lead(work_dir, counter):
    with launch(work_dir, "lead", 4460, SHOTS, counter, "lead-") as a:
        yield a


def digits(text: str) -> str:
    return re.sub(r"\D", "", text)


def device_id(work_dir, name: str) -> str:
    return json.loads((work_dir / f"{name}-card.json").read_text())["device_id"]


def create(app, passphrase: str) -> None:
    app.type("create-passphrase", passphrase)
    app.type("create-confirm", passphrase)
    app.click("create-submit")
    app.el("dashboard", timeout=60)


def export(app, to: str, out) -> None:
    app.click("nav-exchange")
    app.click(f"export-to-{to}")
    app.click("scope-since")
    app.answer_dialog("save-bundle", out)
    app.click("export-run")
    app.text_in("export-result", out.name, timeout=30)


def import_bundle(app, bundle) -> None:
    app.click("nav-exchange")
    app.answer_dialog("bundle", bundle)
    app.click("import-run")
    app.el("import-summary", timeout=30)


def edit_note(app, words: str) -> None:
    app.click("nav-cases")
    app.click("case-link")
    app.click("edit-note")
    area = app.el("note-narrative")
    app.wait().until(lambda d: "shelter" in area.get_attribute("value"))
    area.send_keys(words)
    app.click("note-save")
    app.text_in("timeline", words.strip())


def test_two_laptops_create_vaults_and_name_themselves(worker, lead):
    create(worker, WORKER_PASS)
    create(lead, LEAD_PASS)
    for app, name in ((worker, "Worker laptop"), (lead, "Case lead")):
        app.click("nav-exchange")
        app.type("device-name", name)
        app.click("device-name-save")
        app.wait().until(lambda d: app.el("device-name").get_attribute("value") == name)
    assert len(digits(worker.el("my-fingerprint").text)) == 20
    worker.shot("identity-card")


def test_cards_are_compared_aloud_and_trusted_both_ways(worker, lead, work_dir):
    shown = {}
    for app, name in ((worker, "worker"), (lead, "lead")):
        path = work_dir / f"{name}-card.json"
        app.answer_dialog("save-card", path)
        app.click("card-save")
        app.el("card-saved")
        app.wait().until(lambda d: path.exists())
        shown[name] = digits(app.el("my-fingerprint").text)
    for app, other, other_name in ((lead, "worker", "Worker laptop"), (worker, "lead", "Case lead")):
        app.answer_dialog("card", work_dir / f"{other}-card.json")
        app.click("card-read")
        app.el("card-preview")
        # What the colleague reads out from their screen is what this one shows.
        assert digits(app.el("card-fingerprint").text) == shown[other]
        app.shot("compare-fingerprint", readme="compare-fingerprint")
        app.click("trust-confirm")
        app.text_in_any("device-row", other_name)
    lead.shot("roster")


def test_worker_records_a_case_and_sends_it_to_the_lead(worker, work_dir):
    worker.click("nav-cases")
    worker.click("new-case")
    worker.type("case-code", CODE)
    worker.click("case-save")
    worker.text_in("case-title", CODE)
    # The survivor consents to sharing with the case lead: without it the
    # export leaves the case out.
    worker.click("add-consent")
    worker.select("consent-scope", "share_with_lead")
    worker.click("consent-save")
    worker.el("consent-withdraw")
    worker.click("new-note")
    worker.select("note-kind", "intake")
    worker.type("note-narrative", FIRST)
    worker.click("note-save")
    worker.text_in("timeline", "wants to work again")
    export(worker, device_id(work_dir, "lead"), work_dir / "1-worker-to-lead.fnb")
    worker.show("export-result")
    worker.shot("exported")


def test_lead_imports_and_sees_the_case(lead, work_dir):
    import_bundle(lead, work_dir / "1-worker-to-lead.fnb")
    lead.text_in("import-summary", "Worker laptop")
    lead.text_in("import-new-cases", "1")
    lead.show("import-summary")
    lead.shot("import-summary", readme="import-summary")
    lead.click("nav-cases")
    lead.text_in("case-list", CODE)
    lead.click("case-link")
    lead.text_in("timeline", "wants to work again")
    lead.shot("imported-case")


def test_a_second_import_of_the_same_bundle_changes_nothing(lead, work_dir):
    import_bundle(lead, work_dir / "1-worker-to-lead.fnb")
    lead.el("import-already")
    lead.show("import-already")
    lead.shot("already-imported")


def test_both_edit_the_same_note_and_bundles_go_both_ways(worker, lead, work_dir):
    edit_note(worker, WORKER_EDIT)
    edit_note(lead, LEAD_EDIT)
    export(worker, device_id(work_dir, "lead"), work_dir / "2-worker-to-lead.fnb")
    export(lead, device_id(work_dir, "worker"), work_dir / "3-lead-to-worker.fnb")
    import_bundle(lead, work_dir / "2-worker-to-lead.fnb")
    lead.el("import-see-conflicts")
    lead.show("import-summary")
    lead.shot("import-with-conflict")
    import_bundle(worker, work_dir / "3-lead-to-worker.fnb")
    worker.el("import-see-conflicts")


def test_a_bundle_for_another_laptop_is_refused_in_plain_words(lead, work_dir):
    # The lead's own bundle to the worker is not encrypted to the lead.
    lead.click("nav-exchange")
    lead.answer_dialog("bundle", work_dir / "3-lead-to-worker.fnb")
    lead.click("import-run")
    lead.text_in("import-error", "not made for this laptop", timeout=30)
    lead.show("import-error")
    lead.shot("import-refused")


def test_the_conflict_is_merged_by_hand_on_the_lead(lead):
    # The sidebar offers Conflicts only now, with how many there are.
    lead.text_in("nav-conflicts-count", "1")
    lead.click("nav-conflicts")
    lead.el("conflict-item")
    lead.axe("the conflicts screen")
    columns = lead.all("conflict-version")
    assert len(columns) == 2
    both = " ".join(c.text for c in columns)
    assert "bakery job" in both and "legal aid" in both
    lead.shot("conflict-side-by-side", readme="conflict-side-by-side")
    merge = lead.el("merge-text")
    assert "bakery job" in merge.get_attribute("value")
    assert "legal aid" in merge.get_attribute("value")
    lead.type("merge-text", MERGED)
    lead.click("merge-save")
    lead.el("conflict-resolved")
    lead.shot("conflict-resolved")
    lead.click("conflict-history")
    lead.wait().until(lambda d: len(lead.all("version")) >= 4)
    # The merge shows as the words it changed: the lead's are among those added.
    added = " ".join(i.text for i in lead.all("version")[0].find_elements(By.CSS_SELECTOR, "ins"))
    for word in ("legal", "aid", "booked", "Monday"):
        assert word in added, added
    lead.shot("history-after-merge")


def test_the_resolution_travels_back_to_the_worker(worker, lead, work_dir):
    export(lead, device_id(work_dir, "worker"), work_dir / "4-lead-to-worker.fnb")
    import_bundle(worker, work_dir / "4-lead-to-worker.fnb")
    # No conflict left: the sidebar no longer offers Conflicts.
    worker.wait().until(lambda d: not worker.all("nav-conflicts"))
    worker.click("nav-cases")
    worker.click("case-link")
    worker.text_in("timeline", "She found a bakery job; legal aid booked")
    worker.shot("merged-note-on-worker")
    worker.click("nav-dashboard")
    worker.text_in("last-export", "20")
    worker.shot("dashboard")


def test_worker_backs_up_to_a_folder_with_the_keyboard_only(worker, work_dir):
    drive = work_dir / "usb-stick"
    drive.mkdir()
    worker.answer_dialog("backup-folder", drive)
    worker.d.execute_script("document.activeElement && document.activeElement.blur()")
    worker.tab_to("nav-backup")
    worker.press(Keys.ENTER)
    worker.tab_to("backup-folder-pick")
    worker.press(Keys.ENTER)
    worker.text_in("backup-target", str(drive))
    worker.tab_to("backup-run")
    worker.press(Keys.ENTER)
    worker.el("backup-result", timeout=120)
    worker.el("backup-verified", timeout=60)
    # One backup set for the vault: its snapshot and the sealed files.
    assert len(list(drive.glob("fieldnotes-*/snapshots/*.fnbackup"))) == 1
    assert (next(drive.glob("fieldnotes-*")) / "set.json").exists()
    worker.show("backup-result")
    worker.shot("backup-verified", readme="backup-verified")


def test_a_new_laptop_restores_the_backup_and_sees_the_same_cases(work_dir, counter):
    backup = next((work_dir / "usb-stick").glob("fieldnotes-*/snapshots/*.fnbackup"))
    with launch(work_dir, "new-laptop", 4470, SHOTS, counter, "new-laptop-") as app:
        app.click("restore-instead")
        app.answer_dialog("backup-file", backup)
        app.click("restore-pick")
        app.text_in("restore-file", backup.name)
        app.type("restore-passphrase", "not the right one at all")
        app.click("restore-run")
        app.el("restore-error", timeout=60)
        app.shot("restore-wrong-passphrase")
        app.type("restore-passphrase", WORKER_PASS)
        app.click("restore-run")
        app.el("dashboard", timeout=120)
        app.click("nav-cases")
        app.text_in("case-list", CODE)
        app.click("case-link")
        app.text_in("timeline", "She found a bakery job; legal aid booked")
        app.shot("restored-case")


def test_the_lead_revokes_the_worker_and_history_marks_its_versions(lead, work_dir):
    worker_id = device_id(work_dir, "worker")
    lead.click("nav-exchange")
    lead.click(f"revoke-{worker_id}")
    lead.click("revoke-confirm")
    lead.text_in("roster-status", "Worker laptop was revoked")
    lead.text_in_any("device-status", "Revoked on")
    lead.shot("worker-revoked")
    lead.click("nav-cases")
    lead.click("case-link")
    lead.click("note-history")
    lead.wait().until(lambda d: len(lead.all("version")) >= 4)
    marked = [
        v.text
        for v in lead.all("version")
        if v.find_elements(By.CSS_SELECTOR, '[data-testid="version-revoked"]')
    ]
    # The worker wrote the note and its first edit; the lead the rest.
    assert len(marked) == 2, marked
    # Named as the lead's roster knows the worker's laptop, not by its id.
    for text in marked:
        assert "from a revoked laptop" in text and "by Worker laptop" in text, text
    assert "revoked" not in lead.all("version")[0].text
    lead.text_in("history-revoked-note", "has been revoked")
    lead.show("history")
    lead.shot("history-from-a-revoked-laptop", readme="history-from-a-revoked-laptop")
