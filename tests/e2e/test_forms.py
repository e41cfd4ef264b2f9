"""An interview that follows a form, in the real window: with the app in
Romanian, a worker opens a case and fills in the intake interview with its
questions asked in English, the survivor's language; the answers show on
the case page under their English questions, and search finds a text
answer. Then a needs assessment proposes needs, and confirming one of them
creates that need and only that one. Screenshots go to artifacts/e2e/forms/."""

import pytest
from selenium.webdriver.common.by import By

from conftest import ARTIFACTS, create_vault_in_romanian, launch

PASSPHRASE = "harbour violet pencil thunder slowly"
CODE = "RO-2026-077"
JOURNEY = "Recruited for a greenhouse job near Constanta"
SHOTS = ARTIFACTS / "forms"


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "forms", 4720, SHOTS) as a:
        yield a


def question(app, qid: str):
    return app.el(f"q-{qid}")


def choose(app, qid: str, value: str) -> None:
    """Ticks the radio button or checkbox `value` of question `qid`."""
    box = question(app, qid).find_element(By.CSS_SELECTOR, f"input[value='{value}']")
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", box)
    box.click()


def write(app, qid: str, text: str) -> None:
    field = question(app, qid).find_element(By.CSS_SELECTOR, "input, textarea")
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", field)
    field.send_keys(text)


def test_a_case_in_romanian(app):
    create_vault_in_romanian(app, PASSPHRASE)
    app.click("new-case")
    app.type("case-code", CODE)
    app.click("case-save")
    app.text_in("case-title", CODE)


def test_the_intake_form_asked_in_english(app):
    app.click("new-note")
    app.select("note-form", "intake")
    # The app's language by default; the survivor's is English.
    app.wait().until(lambda d: app.el("note-form-lang").get_attribute("value") == "ro")
    app.text_in("form-questions", "I s-a explicat persoanei scopul")
    app.select("note-form-lang", "en")
    app.text_in("form-questions", "Which language does the person prefer to speak?")
    assert "Urmează un formular" in app.el("note-editor").text, "the app itself stays in Romanian"
    for qid in ["purpose_explained", "consent_to_record", "can_stop_explained", "safe_place_tonight",
                "referral_explained"]:
        choose(app, qid, "yes")
    write(app, "preferred_language", "English")
    choose(app, "interpreter_used", "no")
    choose(app, "medical_help_today", "no")
    choose(app, "feels_safe_now", "unsure")
    choose(app, "immediate_needs", "food")
    choose(app, "immediate_needs", "clothing")
    choose(app, "dependants", "yes")
    # Asked only after a "yes" to the dependants question.
    write(app, "dependants_safe", "Two children with their grandmother")
    write(app, "journey", JOURNEY)
    app.shot("intake-in-english", readme="intake-form-in-english")
    # A required question left out is marked, and nothing is saved final.
    app.click("note-save")
    app.el("q-referral_consent-problem")
    app.text_in("q-referral_consent-problem", "răspuns")
    choose(app, "referral_consent", "yes")
    app.click("note-save")
    app.text_in("case-title", CODE)


def test_the_answers_on_the_case_page(app):
    app.text_in("form-answers", "întrebări puse în")
    app.text_in("answer-label-preferred_language", "Which language does the person prefer to speak?")
    app.text_in("answer-feels_safe_now", "Not sure")
    app.text_in("answer-immediate_needs", "Food")
    app.text_in("answer-journey", JOURNEY)
    app.text_in("answer-purpose_explained", "Yes")
    app.show("form-answers")
    app.shot("answers-on-case")


def test_search_finds_a_text_answer(app):
    app.click("nav-search")
    app.type("search-input", "greenhouse")
    app.click("search-submit")
    app.text_in_any("search-hit", CODE)
    app.shot("search-answer")
    app.click("search-hit")
    app.text_in("case-title", CODE)


def test_a_needs_assessment_proposes_needs_the_worker_confirms(app):
    app.click("new-note")
    app.select("note-form", "needs_assessment")
    app.select("note-form-lang", "en")
    choose(app, "accommodation", "no_fixed_place")
    choose(app, "feels_safe_from_exploiters", "yes")
    choose(app, "health_problem", "yes")
    choose(app, "money_for_daily_needs", "enough")
    choose(app, "knows_rights", "yes")
    app.click("note-save")
    app.el("proposals")
    app.text_in("proposed-need-accommodation", "Cazare")
    app.text_in("proposed-need-medical_health", "Sănătate")
    # Why, for the worker: in the app's language.
    app.text_in("proposals", "Unde locuiește persoana în prezent?: Fără un loc stabil")
    app.shot("proposals", readme="needs-assessment-proposals")
    app.click("proposed-need-accommodation")
    app.click("proposals-confirm")
    app.text_in("case-title", CODE)
    app.text_in("needs-section", "Cazare")
    needs = app.el("needs-section").text
    assert "Sănătate" not in needs, "an unconfirmed proposal creates nothing"
    assert len(app.all("need")) == 1
    app.show("needs-section")
    app.shot("need-confirmed")
