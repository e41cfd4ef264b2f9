"""Anonymised statistics from the Reports screen: a vault with three cases,
the preview of the suppressed tables ("<5"), the CSV, XLSX and PDF saved
through the native dialog and checked, the PDF's page drawn with pdftoppm
into the artifacts and the README's images, and the screen in English and
Romanian. Screenshots in artifacts/e2e/reports-stats/."""

import datetime
import re
import shutil
import subprocess
import zipfile

import pytest

from conftest import ARTIFACTS, README_SHOTS, create_vault, launch

PASSPHRASE = "harbour lantern meadow quietly spun"
SHOTS = ARTIFACTS / "reports-stats"
CODES = ["ST-001", "ST-002", "ST-003"]


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "reports-stats", 4490, SHOTS) as a:
        yield a


def this_month() -> str:
    return datetime.date.today().strftime("%Y-%m")


def test_three_cases_are_added(app):
    create_vault(app, PASSPHRASE)
    for code in CODES:
        app.click("new-case")
        app.type("case-code", code)
        app.click("case-save")
        app.text_in("case-title", code)
        app.click("nav-cases")


def test_the_preview_shows_small_counts_as_fewer_than_five(app):
    app.click("nav-reports")
    app.type("stats-from", this_month())
    app.type("stats-to", this_month())
    app.click("stats-show")
    app.text_in("stats-preview", "<5", timeout=30)
    gender = app.el("stats-table-cases_by_gender").text
    # Three cases: the total is "<5", no row shows 1, 2 or 3, and no code.
    assert "<5" in gender
    preview = app.el("stats-preview").text
    for code in CODES:
        assert code not in preview
    for line in preview.splitlines():
        assert not line.rstrip().endswith((" 1", " 2", " 3")), line
    app.show("stats")
    app.shot("reports-preview", readme="reports-stats")


def saved(app, work_dir, fmt: str):
    out = work_dir / f"statistics.{fmt}"
    app.answer_dialog("save-statistics", out)
    app.click(f"stats-save-{fmt}")
    app.text_in("stats-saved", str(out), timeout=60)
    assert out.exists() and out.stat().st_size > 0
    return out


def test_csv_xlsx_and_pdf_are_saved(app, work_dir):
    csv = saved(app, work_dir, "csv").read_text(encoding="utf-8")
    assert "Cases by gender,Count" in csv and "Total,<5" in csv
    for code in CODES:
        assert code not in csv

    xlsx = saved(app, work_dir, "xlsx")
    with zipfile.ZipFile(xlsx) as z:
        strings = z.read("xl/sharedStrings.xml").decode()
    assert "Cases by gender" in strings and "&lt;5" in strings

    pdf = saved(app, work_dir, "pdf")
    text = subprocess.run(["pdftotext", "-layout", str(pdf), "-"], capture_output=True,
                          text=True, check=True).stdout
    assert "Anonymised statistics" in text and "Cases by gender" in text and "<5" in text
    pages = subprocess.run(["pdfinfo", str(pdf)], capture_output=True, text=True, check=True).stdout
    assert re.search(r"^Pages:\s+1$", pages, re.M), pages
    SHOTS.mkdir(parents=True, exist_ok=True)
    subprocess.run(["pdftoppm", "-png", "-r", "80", "-singlefile", str(pdf), str(SHOTS / "report-stats")],
                   check=True)
    README_SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(SHOTS / "report-stats.png", README_SHOTS / "report-stats.png")


def test_the_reports_screen_in_romanian(app, work_dir):
    app.click("nav-settings")
    app.select("language", "ro")
    app.click("settings-save")
    app.text_in("settings-saved", "Setările au fost salvate")
    app.click("nav-reports")
    app.text_in("stats", "Statistici anonimizate")
    assert app.el("stats-lang").get_attribute("value") == "ro"
    app.type("stats-from", this_month())
    app.type("stats-to", this_month())
    app.click("stats-show")
    app.text_in("stats-preview", "Cazuri după gen", timeout=30)
    app.text_in("stats-preview", "<5")
    app.show("stats")
    app.shot("reports-preview-ro", readme="reports-stats-ro")
    csv = saved(app, work_dir, "csv").read_text(encoding="utf-8")
    assert "Cazuri după gen,Număr" in csv
