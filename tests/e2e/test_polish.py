"""The polish a support worker notices, in the real window, in Romanian:
a follow-up date typed as Romanians write it (zz.ll.aaaa) is saved and
shown back in Romanian, a date written month first is refused as it is
typed; a wrong passphrase leaves the focus in the passphrase field; the
quick exit (Escape twice) hides everything behind a blank, unbranded page
and locks, and Escape twice again shows the unlock screen; the neutral
window title names the real window "Documente". Screenshots go to
artifacts/e2e/polish/."""

import subprocess
import time

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ARTIFACTS, create_vault_in_romanian, launch

PASSPHRASE = "orbit lantern basalt meadow quietly"
CODE = "RO-2026-044"
TASK = "Programare la consulat"
SHOTS = ARTIFACTS / "polish"
# The follow-up form, found from its date field (the form has no id of its own).
FOLLOWUP_FORM = "//form[.//input[@data-testid='followup-due']]"


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "polish", 4470, SHOTS) as a:
        yield a


def window_names() -> str:
    """The titles of the X windows on the display (the real window title,
    which WebDriver does not see: it reads the page's title)."""
    return subprocess.run(["xwininfo", "-root", "-tree"], capture_output=True, text=True, check=True).stdout


def escape_twice(app) -> None:
    ActionChains(app.d).send_keys(Keys.ESCAPE).send_keys(Keys.ESCAPE).perform()


def unlock(app) -> None:
    app.type("unlock-passphrase", PASSPHRASE)
    app.click("unlock-submit")
    app.el("nav-cases", timeout=60)


def test_a_case_in_romanian(app):
    create_vault_in_romanian(app, PASSPHRASE)
    app.click("new-case")
    dob = app.el("case-dob")
    assert dob.get_attribute("value") == "", "an empty date field is empty"
    assert dob.get_attribute("placeholder") == "zz.ll.aaaa"
    app.type("case-code", CODE)
    app.click("case-save")
    app.text_in("case-title", CODE)


def test_a_follow_up_date_written_the_romanian_way(app):
    due = app.el("followup-due")
    assert due.get_attribute("value") == ""
    assert due.get_attribute("placeholder") == "zz.ll.aaaa"
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", due)
    # Month first, as the system's American date fields wanted: refused as typed.
    due.send_keys("12/31/2026")
    app.text_in("followup-due-problem", "Scrieți data ca zz.ll.aaaa")
    assert due.get_attribute("aria-invalid") == "true"
    app.shot("date-refused")
    due.clear()
    app.d.find_element(By.XPATH, f"{FOLLOWUP_FORM}//input[1]").send_keys(TASK)
    due.send_keys("5.3.2026")
    app.d.find_element(By.XPATH, f"{FOLLOWUP_FORM}//button[@type='submit']").click()
    section = app.d.find_element(By.XPATH, "//section[@aria-labelledby='fu-h']")
    app.wait().until(lambda d: TASK in section.text)
    item = section.find_element(By.XPATH, f".//li[contains(., '{TASK}')]")
    assert "5 mar. 2026" in item.text, item.text
    assert app.el("followup-due").get_attribute("value") == "", "the field empties for the next task"
    app.shot("follow-up-saved")
    # The time of an interview: date and 24-hour time, the Romanian way.
    app.click("new-note")
    when = app.el("note-when")
    assert when.get_attribute("value") == "" and when.get_attribute("placeholder") == "zz.ll.aaaa hh:mm"
    when.send_keys("05.03.2026 18:45")
    app.type("note-narrative", "Interviu la adăpost.")
    app.shot("interview-time")
    app.click("note-save")
    app.text_in("timeline", "5 mar. 2026, 18:45")


def test_a_wrong_passphrase_leaves_the_focus_in_its_field(app):
    app.click("lock")
    app.type("unlock-passphrase", "not the passphrase at all")
    app.click("unlock-submit")
    app.text_in("unlock-error", "greșită", timeout=60)
    app.wait().until(
        lambda d: d.switch_to.active_element.get_attribute("data-testid") == "unlock-passphrase"
    )
    # Typing goes straight into the field again.
    app.press(PASSPHRASE)
    app.press(Keys.ENTER)
    app.el("nav-cases", timeout=60)


def test_the_quick_exit_hides_everything_and_locks(app):
    app.click("nav-cases")
    app.text_in("case-list", CODE)
    before = window_names().count('"Fieldnotes"')
    escape_twice(app)
    page = app.el("neutral-screen")
    assert page.text.strip() == ""
    source = app.d.page_source
    assert CODE not in source and "Fieldnotes" not in app.d.find_element(By.TAG_NAME, "body").text
    assert app.d.title == "Documente"
    assert '"Documente"' in window_names()
    assert window_names().count('"Fieldnotes"') == before - 1
    app.shot("quick-exit")
    time.sleep(0.7)  # two presses, not four
    escape_twice(app)
    field = app.el("unlock-passphrase")
    assert not app.all("neutral-screen")
    app.wait().until(lambda d: d.switch_to.active_element == field)
    assert window_names().count('"Fieldnotes"') == before
    app.shot("after-quick-exit")
    unlock(app)
    app.click("nav-cases")
    app.text_in("case-list", CODE)


def test_the_neutral_window_title(app):
    # Other apps of the run may still have windows on the display: this
    # app's window is the one whose title changes.
    before = window_names().count('"Fieldnotes"')
    app.click("nav-settings")
    app.click("neutral-title")
    app.click("settings-save")
    app.text_in("settings-saved", "Setările au fost salvate")
    app.wait().until(lambda d: d.title == "Documente")
    names = window_names()
    assert '"Documente"' in names, names
    assert names.count('"Fieldnotes"') == before - 1, names
    app.show("quick-exit-help")
    app.shot("neutral-title-setting")
