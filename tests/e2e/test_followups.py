"""Follow-ups in the real window: a case with none says so; one is added,
edited in place (title, a due date this week, assigned to a colleague whose
card is on the roster), shows under "Due this week" on the overview beside
an overdue one (marked), links back to its case, leaves the list when
completed, comes back when reopened, and is deleted with the erasure's
confirmation, after which the case and the overview say there is nothing.
The colleague's laptop is a vault made with the real `fieldnotes` CLI.
Screenshots go to artifacts/e2e/followups/."""

import json
import os
import subprocess
from datetime import date, timedelta

import pytest
from selenium.common.exceptions import NoSuchElementException, StaleElementReferenceException
from selenium.webdriver.common.by import By
from selenium.webdriver.support.ui import Select, WebDriverWait

from conftest import ARTIFACTS, CLI, launch

PASSPHRASE = "heron quietly maps cobalt lantern"
ANA_PASS = "saffron quarry nettle beacon tundra"
CODE = "RO-2026-310"
TASK = "Call the clinic"
EDITED = "Call the clinic about the scan"
LATE = "Send the housing form"
SHOTS = ARTIFACTS / "followups"
# The add form, found from its date field (the form has no id of its own).
ADD_FORM = "//form[.//input[@data-testid='followup-due']]"


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "followups", 4780, SHOTS) as a:
        yield a


def ana(work_dir, *args: str) -> str:
    """Runs the real CLI on the colleague's vault; returns its output."""
    if not CLI.exists():
        pytest.fail(f"{CLI} is missing: build it with `make e2e`")
    env = dict(os.environ, FIELDNOTES_PASSPHRASE=ANA_PASS)
    for name in ("FIELDNOTES_PASSPHRASE_FILE", "FIELDNOTES_VAULT"):
        env.pop(name, None)
    done = subprocess.run(
        [str(CLI), "--vault", str(work_dir / "ana"), *args],
        env=env, stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=120,
    )
    assert done.returncode == 0, f"fieldnotes {' '.join(args)}: {done.stderr}"
    return done.stdout


def until(app, condition, timeout: float = 15):
    """Waits for `condition`, trying again while the list re-renders under it."""
    ignored = (StaleElementReferenceException, NoSuchElementException, StopIteration)
    return WebDriverWait(app.d, timeout, ignored_exceptions=ignored).until(condition)


def en_gb(d: date) -> str:
    """A date as the English app writes it: dd/mm/yyyy."""
    return d.strftime("%d/%m/%Y")


def add_follow_up(app, title: str, due: str = "") -> None:
    app.d.find_element(By.XPATH, f"{ADD_FORM}//input[1]").send_keys(title)
    if due:
        app.el("followup-due").send_keys(due)
    app.d.find_element(By.XPATH, f"{ADD_FORM}//button[@type='submit']").click()
    app.text_in_any("followup-title", title)


def item(app, title: str):
    """The case page's list item of the follow-up `title`."""
    return next(e for e in app.all("followup") if title in e.text)


def in_item(app, title: str, testid: str):
    return item(app, title).find_element(By.CSS_SELECTOR, f'[data-testid="{testid}"]')


def click_in_item(app, title: str, testid: str) -> None:
    button = until(app, lambda d: in_item(app, title, testid))
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", button)
    button.click()


def due_titles(app) -> list[str]:
    app.click("nav-dashboard")
    section = app.el("due-week")
    until(app, lambda d: app.all("due-week-item") or app.all("due-week-empty"))
    # A tuple, so that an empty list is an answer too.
    return until(app, lambda d: ([
        e.text for e in section.find_elements(By.CSS_SELECTOR, '[data-testid="due-week-item"]')
    ],))[0]


def open_case(app) -> None:
    app.click("nav-cases")
    app.click("case-link")
    app.text_in("case-title", CODE)


def test_a_colleague_on_the_roster_and_a_case_without_follow_ups(app, work_dir):
    app.type("create-passphrase", PASSPHRASE)
    app.type("create-confirm", PASSPHRASE)
    app.click("create-submit")
    app.el("dashboard", timeout=60)
    app.text_in("due-week-empty", "Nothing is due this week.")

    ana(work_dir, "init")
    card = work_dir / "ana-card.json"
    ana(work_dir, "card", "--name", "Ana", "--out", str(card))
    app.click("nav-exchange")
    app.answer_dialog("card", card)
    app.click("card-read")
    app.el("card-preview")
    app.click("trust-confirm")
    app.text_in_any("device-row", "Ana")

    app.click("nav-cases")
    app.click("new-case")
    app.type("case-code", CODE)
    app.click("case-save")
    app.text_in("case-title", CODE)
    app.text_in("followups-empty", "No follow-ups yet.")
    app.show("followups-empty")
    app.shot("no-follow-ups")


def test_a_follow_up_is_added_edited_and_assigned(app, work_dir):
    add_follow_up(app, TASK)
    add_follow_up(app, LATE, en_gb(date.today() - timedelta(days=9)))
    app.text_in("followups-open-count", "2 open follow-ups")

    click_in_item(app, TASK, "followup-edit")
    app.el("followup-edit-form")
    app.type("followup-edit-title", EDITED)
    app.el("followup-edit-due").send_keys(en_gb(date.today()))
    ana_id = json.loads((work_dir / "ana-card.json").read_text())["device_id"]
    assignee = Select(app.el("followup-edit-assignee"))
    assert [o.text for o in assignee.options][0] == "No one"
    assignee.select_by_value(ana_id)
    app.shot("follow-up-edit")
    app.click("followup-edit-save")
    app.wait().until(lambda d: not app.all("followup-edit-form"))
    assert "Assigned to Ana" in until(app, lambda d: in_item(app, EDITED, "followup-assignee").text)
    assert date.today().strftime("%-d %b %Y") in until(app, lambda d: item(app, EDITED).text)
    app.shot("follow-up-assigned")


def test_due_this_week_on_the_overview_marks_the_overdue_one(app):
    titles = due_titles(app)
    assert len(titles) == 2, titles
    assert LATE in titles[0] and "Overdue" in titles[0], titles
    assert EDITED in titles[1] and "Assigned to Ana" in titles[1] and "Overdue" not in titles[1], titles
    app.show("due-week")
    app.shot("due-this-week")
    app.d.find_elements(By.CSS_SELECTOR, '[data-testid="due-week-case"]')[1].click()
    app.text_in("case-title", CODE)


def test_completed_it_leaves_the_list_and_reopened_it_is_back(app):
    click_in_item(app, EDITED, "followup-complete")
    until(app, lambda d: in_item(app, EDITED, "followup-reopen"))
    click_in_item(app, LATE, "followup-complete")
    app.text_in("followups-open-count", "0 open follow-ups")
    assert due_titles(app) == []
    app.text_in("due-week-empty", "Nothing is due this week.")

    open_case(app)
    click_in_item(app, EDITED, "followup-reopen")
    until(app, lambda d: in_item(app, EDITED, "followup-complete"))
    titles = due_titles(app)
    assert len(titles) == 1 and EDITED in titles[0], titles


def test_deleted_with_confirmation_they_are_gone(app):
    open_case(app)
    for title in (EDITED, LATE):
        click_in_item(app, title, "erase-followup")
        app.el("erase-dialog")
        assert not app.el("erase-confirm").is_enabled()
        app.select("erase-reason", "entered_in_error")
        app.type("erase-typed", "ERASE")
        app.click("erase-confirm")
        until(app, lambda d: not any(title in e.text for e in app.all("followup")))
    app.text_in("followups-empty", "No follow-ups yet.")
    assert due_titles(app) == []
    app.text_in("due-week-empty", "Nothing is due this week.")
    app.shot("nothing-due")
