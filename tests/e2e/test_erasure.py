"""Erasure reaches the other laptop: a field worker and a case lead trust
each other's cards; the worker records a case with a note holding a unique
word and an attached statement, records the survivor's consent to share
with the lead and sends the case; the lead imports it. The survivor then
withdraws consent, the worker erases the whole case through the
confirmation dialog and sends again; once the lead imports that bundle,
neither app shows the word or the case anywhere: case list, search, audit
log. A third laptop, a vault driven through the real `fieldnotes` CLI that
both apps trust, received the case before the erasure and never learns of
it; its bundle of everything it holds, relayed to the lead afterwards, is
merged without bringing the case back. Screenshots in artifacts/e2e/erasure/."""

import json
import os
import subprocess

import pytest
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, CLI, launch
from test_exchange import create, device_id, digits, export, import_bundle

WORKER_PASS = "copper thistle lagoon verdict sparrow"
LEAD_PASS = "marble cinder orchard lantern pivot"
THIRD_PASS = "saffron quarry nettle beacon tundra"
THIRD_NAME = "Third laptop"
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


def third(work_dir, *args: str) -> str:
    """Runs the real CLI on the third laptop's vault; returns its output."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: build it with `make e2e`")
    env = dict(os.environ, FIELDNOTES_PASSPHRASE=THIRD_PASS)
    for name in ("FIELDNOTES_PASSPHRASE_FILE", "FIELDNOTES_VAULT"):
        env.pop(name, None)
    done = subprocess.run(
        [str(CLI), "--vault", str(work_dir / "third"), *args],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, f"fieldnotes {' '.join(args)}: {done.stderr}"
    return done.stdout


def page_text(app) -> str:
    return app.d.find_element(By.TAG_NAME, "body").text


def search_hits(app, query: str) -> int:
    app.click("nav-search")
    app.type("search-input", query)
    app.click("search-submit")
    # Results follow the typing: wait for those of the whole query.
    app.wait().until(lambda _: app.el("search-count").get_attribute("data-query") == query)
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


def test_a_third_laptop_on_the_cli_and_both_apps_trust_each_other(worker, lead, work_dir):
    third(work_dir, "init")
    card = work_dir / "third-card.json"
    third(work_dir, "card", "--name", THIRD_NAME, "--out", str(card))
    shown = json.loads(card.read_text())["fingerprint"]
    for other in ("worker", "lead"):
        out = third(work_dir, "trust", "add", str(work_dir / f"{other}-card.json"), "--yes")
        assert "Trusted" in out and device_id(work_dir, other) in out
    for app in (worker, lead):
        app.click("nav-exchange")
        app.answer_dialog("card", card)
        app.click("card-read")
        # What the third laptop's CLI printed is what the app shows.
        assert digits(app.el("card-fingerprint").text) == digits(shown)
        app.click("trust-confirm")
        app.text_in_any("device-row", THIRD_NAME)
    lead.show("roster")
    lead.shot("roster-with-third-laptop")


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


def test_the_third_laptop_gets_a_copy_before_the_erasure(worker, work_dir):
    # Away from the exchange screen first, so only the third laptop is chosen.
    worker.click("nav-cases")
    export(worker, device_id(work_dir, "third"), work_dir / "1-worker-to-third.fnb")
    worker.show("export-result")
    worker.shot("exported-to-third-laptop")
    report = json.loads(third(work_dir, "import", str(work_dir / "1-worker-to-third.fnb"), "--json"))
    assert report["new_by_kind"].get("case") == 1, report
    assert report["new_blobs"] == 1, report
    held = third(work_dir, "records", "--json")
    assert CODE in held and WORD in held


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
    worker.shot("erase-dialog", readme="erase-dialog")
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


def test_a_bundle_relayed_from_the_third_laptop_does_not_bring_it_back(lead, work_dir):
    # The third laptop never imported the erasure: it still holds the case.
    held = third(work_dir, "records", "--json")
    assert CODE in held and WORD in held
    bundle = work_dir / "3-third-to-lead.fnb"
    sent = json.loads(third(
        work_dir, "export", "--to", device_id(work_dir, "lead"), "--all",
        "--out", str(bundle), "--json",
    ))
    # The bundle really carries the older copy: the case's versions and
    # the statement's content, nothing left out for want of consent.
    assert sent["versions"] >= 4 and sent["blobs"] == 1, sent
    assert sent["left_out"] == [], sent
    import_bundle(lead, bundle)
    assert not lead.all("import-error")
    lead.text_in("import-summary", THIRD_NAME)
    for line in ("import-new-cases", "import-new-notes", "import-new-other", "import-edits"):
        assert digits(lead.el(line).text) == "0", line
    # The lead is told what was refused, not left with only zeros.
    assert int(digits(lead.el("import-refused-erased").text)) >= 4
    lead.show("import-summary")
    lead.shot("import-of-the-relayed-copy")
    shows_nothing_of_the_case(lead, erased_here=False)
