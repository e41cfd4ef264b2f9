"""Accessibility in the real window: axe-core's WCAG 2.0, 2.1 and 2.2 rules
at levels A and AA find nothing on any screen, in English and in Romanian
(create, unlock, overview, cases, a case with data, the note editor,
history, search with hits, exchange, backup, audit log, settings); the
sidebar's Romanian labels fit a 1024x700 window; a core flow works from
the keyboard alone (unlock, Cases, a case, a new note, save) and the erase
dialog keeps the focus inside until Escape, then gives it back. The steps
that show what the README shows write its screenshots, in both languages.
Screenshots go to artifacts/e2e/a11y/."""

import pytest
from selenium.webdriver.common.action_chains import ActionChains
from selenium.webdriver.common.by import By
from selenium.webdriver.common.keys import Keys

from conftest import ARTIFACTS, launch

PASSPHRASE = "orbit lantern basalt meadow quietly"
CODE = "RO-2026-031"
NARRATIVE = "Met at the shelter with an interpreter; wants her passport back before the hearing."
KEYBOARD_NOTE = "Phoned the legal aid office; appointment on Thursday."
SHOTS = ARTIFACTS / "a11y"


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "a11y", 4480, SHOTS) as a:
        yield a


def screens(app, lang: str) -> None:
    """Visits every screen of the unlocked app and checks each with axe-core."""
    app.click("nav-cases")
    app.el("case-list")
    app.axe(f"the case list ({lang})")
    app.shot("cases", readme=f"cases-{lang}")
    app.click("case-link")
    app.text_in("case-title", CODE)
    app.text_in("needs-section", "passport")
    app.axe(f"a case ({lang})")
    app.shot("case", readme=f"case-{lang}")
    app.click("new-note")
    app.el("note-narrative")
    app.axe(f"the note editor ({lang})")
    app.click("nav-cases")
    app.click("case-link")
    app.click("note-history")
    app.wait().until(lambda d: len(app.all("version")) >= 1)
    app.axe(f"a note's history ({lang})")
    app.click("nav-dashboard")
    app.el("dashboard")
    app.text_in("bar-identity_documents", "1")
    app.axe(f"the overview ({lang})")
    app.shot("overview", readme=f"overview-{lang}")
    app.click("nav-search")
    app.type("search-input", "passport")
    app.click("search-submit")
    app.wait().until(lambda d: len(app.all("search-hit")) >= 1)
    app.axe(f"search with hits ({lang})")
    app.shot("search", readme=f"search-{lang}")
    app.click("nav-exchange")
    app.el("import")
    app.axe(f"exchange ({lang})")
    app.click("nav-backup")
    app.el("backup-folder-pick")
    app.axe(f"backup ({lang})")
    app.click("nav-audit")
    app.el("audit-list")
    app.axe(f"the audit log ({lang})")
    app.click("nav-settings")
    app.el("settings-form")
    app.axe(f"settings ({lang})")


def test_create_and_unlock_screens(app):
    app.el("create-passphrase", timeout=60)
    app.axe("the create screen")
    app.type("create-passphrase", PASSPHRASE)
    app.type("create-confirm", PASSPHRASE)
    app.text_in("strength", "Good enough")
    app.axe("the create screen, filled in")
    app.click("create-submit")
    app.el("dashboard", timeout=60)
    app.click("lock")
    app.el("unlock-passphrase")
    app.axe("the unlock screen")
    app.type("unlock-passphrase", "not the passphrase at all")
    app.click("unlock-submit")
    app.el("unlock-error", timeout=60)
    app.axe("the unlock screen after a wrong passphrase")
    app.type("unlock-passphrase", PASSPHRASE)
    app.click("unlock-submit")
    app.el("dashboard", timeout=60)


def test_the_check_reports_what_it_finds(app):
    # An image without a text alternative and a text too faint to read.
    app.d.execute_script(
        """const p = document.createElement('p');
        p.id = 'a11y-probe';
        p.style.color = '#dddddd';
        p.textContent = 'faint';
        p.appendChild(document.createElement('img'));
        document.getElementById('content').prepend(p);"""
    )
    with pytest.raises(AssertionError) as found:
        app.axe("a probe")
    app.d.execute_script("document.getElementById('a11y-probe').remove()")
    assert "image-alt" in str(found.value) and "color-contrast" in str(found.value), found.value
    assert "#a11y-probe" in str(found.value)
    app.axe("the overview, without the probe")


def test_conflicts_show_only_when_there_are_some(app):
    assert not app.all("nav-conflicts"), "no conflicts: no Conflicts entry in the sidebar"
    entries = [e.get_attribute("data-testid") for e in app.d.find_elements(By.CSS_SELECTOR, "nav .navlink")]
    assert entries[0] == "nav-cases", entries
    app.el("lock")


def test_every_screen_in_english(app):
    app.click("nav-cases")
    app.click("new-case")
    app.type("case-code", CODE)
    app.select("case-risk", "high")
    app.click("case-save")
    app.text_in("case-title", CODE)
    app.click("add-need")
    app.select("need-category", "identity_documents")
    app.type("need-description", "replacement passport")
    app.click("need-save")
    app.text_in("needs-section", "replacement passport")
    app.click("new-note")
    app.select("note-kind", "intake")
    app.type("note-narrative", NARRATIVE)
    app.text_in("autosave", "Draft saved")
    app.shot("note-editor", readme="note-editor-en")
    app.click("note-save")
    app.text_in("timeline", "passport back")
    screens(app, "en")


def test_every_screen_in_romanian(app):
    app.select("language", "ro")
    app.click("settings-save")
    app.text_in("settings-saved", "Setările au fost salvate")
    assert app.d.execute_script("return document.documentElement.lang") == "ro"
    app.axe("settings (ro)")
    screens(app, "ro")
    app.click("nav-cases")
    app.click("case-link")
    app.click("note-history")
    app.wait().until(lambda d: len(app.all("version")) >= 1)
    app.shot("history", readme="history-ro")


def test_romanian_labels_fit_a_small_window(app):
    app.d.set_window_size(1024, 700)
    try:
        app.click("nav-cases")
        app.el("case-list")
        clipped = app.d.execute_script(
            """return [...document.querySelectorAll('.sidebar .navlink, .sidebar .lock, .navgroup')]
                 .filter((e) => e.scrollWidth > e.clientWidth || e.getClientRects().length !== 1
                   || e.getBoundingClientRect().height > 2.2 * parseFloat(getComputedStyle(e).fontSize) + 16)
                 .map((e) => e.textContent.trim())"""
        )
        assert clipped == [], f"labels that wrap or are clipped at 1024x700: {clipped}"
        lock = app.el("lock").rect
        height = app.d.execute_script("return window.innerHeight")
        assert lock["y"] + lock["height"] <= height, "the lock button is in view"
        assert app.el("nav-backup").text == "Copii de siguranță"
        app.shot("romanian-1024x700", readme="sidebar-ro-1024x700")
    finally:
        app.d.set_window_size(1280, 800)


def focused(app) -> str:
    return app.d.switch_to.active_element.get_attribute("data-testid") or ""


def test_a_core_flow_from_the_keyboard(app):
    app.click("lock")
    app.el("unlock-passphrase")
    app.wait().until(lambda d: focused(app) == "unlock-passphrase")
    app.press(PASSPHRASE)
    app.press(Keys.ENTER)
    app.el("dashboard", timeout=60)
    # The first Tab reaches the link that skips the sidebar.
    app.d.execute_script("document.activeElement && document.activeElement.blur()")
    app.press(Keys.TAB)
    assert focused(app) == "skip-to-content"
    app.tab_to("nav-cases")
    app.press(Keys.ENTER)
    app.el("case-list")
    app.tab_to("case-link")
    app.press(Keys.ENTER)
    app.text_in("case-title", CODE)
    # The list's link is gone: the focus is in the content, not back at the top.
    assert app.d.execute_script("return document.getElementById('content').contains(document.activeElement)")
    app.tab_to("new-note")
    app.press(Keys.ENTER)
    app.el("note-narrative")
    app.tab_to("note-narrative")
    app.press(KEYBOARD_NOTE)
    app.tab_to("note-save")
    app.press(Keys.SPACE)
    app.text_in("timeline", "legal aid office")
    app.shot("saved-from-the-keyboard")


def test_the_erase_dialog_holds_the_focus_and_gives_it_back(app):
    app.tab_to("erase-case")
    app.press(Keys.ENTER)
    app.el("erase-typed")
    dialog = app.el("erase-dialog")
    for _ in range(12):
        app.press(Keys.TAB)
        assert app.d.execute_script("return arguments[0].contains(document.activeElement)", dialog)
    ActionChains(app.d).key_down(Keys.SHIFT).send_keys(Keys.TAB).key_up(Keys.SHIFT).perform()
    assert app.d.execute_script("return arguments[0].contains(document.activeElement)", dialog)
    app.axe("the erase dialog (ro)")
    app.press(Keys.ESCAPE)
    app.wait().until(lambda d: not app.all("erase-dialog"))
    app.wait().until(lambda d: focused(app) == "erase-case")
    app.text_in("case-title", CODE)
