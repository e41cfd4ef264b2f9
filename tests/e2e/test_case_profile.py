"""The case profile in a real window, in Romanian: a case with gender, an
age band that makes the survivor a child, two exploitation types, countries
of origin and exploitation, English as language, an NRM referral and a
proceedings entry; the case page shows them by name in Romanian with the
child badge; an edit adds a third exploitation type; search finds the case
by a Romanian exploitation label. Screenshots in artifacts/e2e/profile/."""

import pytest

from conftest import ARTIFACTS, create_vault_in_romanian, launch

PASSPHRASE = "orbit lantern basalt meadow quietly"
CODE = "RO-2026-101"
SHOTS = ARTIFACTS / "profile"


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "profile", 4520, SHOTS) as a:
        yield a


def pick(app, testid: str, text: str, code: str) -> None:
    """Types into a code picker and takes the listed name of `code`."""
    app.type(testid, text)
    app.d.find_element(
        "css selector", f'[data-testid="{testid}-option"][data-code="{code}"]'
    ).click()
    app.wait().until(
        lambda d: d.find_elements("css selector", f'[data-testid="{testid}-chip"][data-code="{code}"]')
    )


def test_create_vault_in_romanian(app):
    create_vault_in_romanian(app, PASSPHRASE)


def test_create_a_case_with_its_profile(app):
    app.click("new-case")
    app.type("case-code", CODE)
    app.el("case-profile-fields")
    app.select("case-gender", "female")
    app.select("case-age-band", "15_17")
    app.type("case-identified-on", "10.11.2026")
    app.click("case-exploitation-sexual")
    app.click("case-exploitation-labour")
    pick(app, "case-origin", "Rom", "RO")
    pick(app, "case-exploitation-country", "Regatul", "GB")
    pick(app, "case-languages", "engl", "en")
    app.select("case-referral", "ngo")
    app.click("identification-add")
    app.select("identification-kind", "uk_nrm_referral")
    app.type("identification-date", "12.11.2026")
    app.click("proceedings-add")
    app.select("proceedings-status", "witness")
    app.type("proceedings-date", "20.11.2026")
    app.type("proceedings-note", "Audiere la parchet")
    app.shot("new-case-form-with-profile")
    app.click("case-save")
    app.text_in("case-title", CODE)


def test_the_case_page_shows_the_profile_in_romanian(app):
    app.text_in("case-child-badge", "Copil")
    app.text_in("profile-gender", "Feminin")
    app.text_in("profile-age_band", "15–17 ani")
    app.text_in("profile-exploitation_types", "Exploatare sexuală")
    app.text_in("profile-exploitation_types", "Exploatare prin muncă")
    app.text_in("profile-countries_of_origin", "România")
    app.text_in("profile-countries_of_exploitation", "Regatul Unit")
    app.text_in("profile-languages", "engleză")
    app.text_in("profile-identification", "Trimitere în NRM")
    app.text_in("profile-proceedings", "Martor")
    app.text_in("profile-proceedings", "Martor (Audiere la parchet)")
    assert "RO" not in app.el("profile-countries_of_origin").text.split()
    app.shot("case-page-profile", readme="case-profile-romanian")


def test_edit_the_profile(app):
    app.click("edit-case")
    app.el("case-profile-fields")
    app.click("case-exploitation-domestic_servitude")
    app.shot("edit-case-profile")
    app.click("case-save")
    app.text_in("profile-exploitation_types", "Servitute domestică")
    app.text_in("profile-exploitation_types", "Exploatare sexuală")
    app.text_in("profile-countries_of_origin", "România")
    app.text_in("case-child-badge", "Copil")


def test_the_list_shows_the_child_badge(app):
    app.click("nav-cases")
    app.text_in("case-list", CODE)
    app.text_in("case-child-badge", "Copil")
    app.shot("case-list-child")


def test_search_finds_the_case_by_a_romanian_exploitation_label(app):
    app.click("nav-search")
    app.type("search-input", "muncă")
    app.click("search-submit")
    app.text_in_any("search-hit", CODE)
    app.shot("search-by-exploitation")
