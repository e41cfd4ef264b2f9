"""Erasure reaches the other laptop: a field worker and a case lead trust
each other's cards; the worker records a case with a note holding a unique
word and an attached statement, records the survivor's consent to share
with the lead and sends the case; the lead imports it. The survivor then
withdraws consent, the worker erases the whole case through the
confirmation dialog and sends again; once the lead imports that bundle,
neither app shows the word or the case anywhere: case list, search, audit
log. Screenshots in artifacts/e2e/erasure/."""

import pytest
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, launch
from test_exchange import create, device_id, digits, export, import_bundle

WORKER_PASS = "copper thistle lagoon verdict sparrow"
LEAD_PASS = "marble cinder orchard lantern pivot"
CODE = "RO-2026-077"
WORD = "Quillmarsh"
NOTE = f"She named the recruiter {WORD} and the flat where they kept her."
STATEMENT = "statement.txt"
SHOTS = ARTIFACTS / "erasure"


@pytest.fixture(scope="module")
def counter():
    return [0]


@pytest.fixture(scope="module")
def worker(work_dir, counter):
    with launch(work_dir, "worker", 4632, SHOTS, counter, "worker-") as a:
        yield a


@pytest.fixture(scope="module")
def lead(work_dir, counter):
    with launch(work_dir, "lead", 4642, SHOTS, counter, "lead-") as a:
        yield a


def page_text(app) -> str:
    return app.d.find_element(By.TAG_NAME, "body").text


def search_hits(app, query: str) -> int:
    app.click("nav-search")
    app.type("search-input", query)
    app.click("search-submit")
    app.el("search-results")
    return len(app.all("search-hit"))


def shows_nothing_of_the_case(app, erased_here: bool) -> None:
    """The case list, search and the audit log show neither the word nor the
    code; the laptop that erased lists the erasure in its audit log."""
    app.click("nav-cases")
    app.el("no-cases")
    assert WORD not in page_text(app) and CODE not in page_text(app)
    app.shot("cases-after-erasure")
    assert search_hits(app, WORD) == 0
    assert search_hits(app, CODE) == 0
    app.shot("search-after-erasure")
    app.click("nav-audit")
    app.text_in("audit-status", "intact")
    if erased_here:
        app.text_in("audit-list", "Records erased")
    text = page_text(app)
    assert WORD not in text and CODE not in text
    app.shot("audit-after-erasure")


def test_two_laptops_trust_each_other(worker, lead, work_dir):
    create(worker, WORKER_PASS)
    create(lead, LEAD_PASS)
    for app, who, name in ((worker, "worker", "Worker laptop"), (lead, "lead", "Case lead")):
        app.click("nav-exchange")
        app.type("device-name", name)
        app.click("device-name-save")
        app.wait().until(lambda d: app.el("device-name").get_attribute("value") == name)
        path = work_dir / f"{who}-card.json"
        app.answer_dialog("save-card", path)
        app.click("card-save")
        app.wait().until(lambda d: path.exists())
    for app, other, other_name in ((lead, "worker", "Worker laptop"), (worker, "lead", "Case lead")):
        app.answer_dialog("card", work_dir / f"{other}-card.json")
        app.click("card-read")
        assert len(digits(app.el("card-fingerprint").text)) == 20
        app.click("trust-confirm")
        app.text_in_any("device-row", other_name)


def test_worker_records_and_sends_the_case(worker, lead, work_dir):
    worker.click("nav-cases")
    worker.click("new-case")
    worker.type("case-code", CODE)
    worker.click("case-save")
    worker.text_in("case-title", CODE)
    worker.click("add-consent")
    worker.select("consent-scope", "share_with_lead")
    worker.click("consent-save")
    worker.el("consent-withdraw")
    (work_dir / STATEMENT).write_text(f"Statement: the man called {WORD} took her passport.\n")
    worker.answer_dialog("attachment", work_dir / STATEMENT)
    worker.click("add-attachment")
    worker.text_in("attachments-section", STATEMENT)
    worker.click("new-note")
    worker.select("note-kind", "intake")
    worker.type("note-narrative", NOTE)
    worker.click("note-save")
    worker.text_in("timeline", WORD)
    export(worker, device_id(work_dir, "lead"), work_dir / "1-worker-to-lead.fnb")
    import_bundle(lead, work_dir / "1-worker-to-lead.fnb")
    lead.text_in("import-new-cases", "1")
    lead.click("nav-cases")
    lead.text_in("case-list", CODE)
    lead.click("case-link")
    lead.text_in("timeline", WORD)
    lead.text_in("attachments-section", STATEMENT)
    assert search_hits(lead, WORD) >= 1
    lead.shot("case-before-erasure")


def test_consent_withdrawn_then_the_case_is_erased_through_the_dialog(worker):
    worker.click("nav-cases")
    worker.click("case-link")
    worker.click("consent-withdraw")
    worker.click("withdraw-confirm")
    worker.click("withdraw-close")
    worker.click("erase-case")
    worker.el("erase-dialog")
    worker.text_in("erase-line-erase-what-case", CODE)
    worker.text_in("erase-line-erase-files", "1 attached file")
    worker.text_in("erase-line-erase-copies", "other laptops")
    worker.text_in("erase-line-erase-backups", "Backups made before now")
    worker.text_in("erase-line-erase-final", "cannot be undone")
    assert not worker.el("erase-confirm").is_enabled()
    worker.shot("erase-dialog")
    worker.select("erase-reason", "consent_withdrawn")
    worker.type("erase-typed", "RO-2026-07")
    assert not worker.el("erase-confirm").is_enabled()
    worker.el("erase-typed").send_keys(CODE[-1])
    worker.wait().until(lambda d: worker.el("erase-confirm").is_enabled())
    worker.shot("erase-dialog-confirmed")
    worker.click("erase-confirm")
    worker.el("no-cases", timeout=30)
    shows_nothing_of_the_case(worker, erased_here=True)


def test_the_erasure_travels_to_the_lead(worker, lead, work_dir):
    export(worker, device_id(work_dir, "lead"), work_dir / "2-worker-to-lead.fnb")
    import_bundle(lead, work_dir / "2-worker-to-lead.fnb")
    lead.show("import-summary")
    lead.shot("import-of-the-erasure")
    shows_nothing_of_the_case(lead, erased_here=False)
