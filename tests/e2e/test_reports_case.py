"""A case summary made from the case page in Romanian: the dialog asks the
language, the identity (left out here), the period and the notes; the PDF
is saved through the native dialog, read back with pdftotext, its pages
drawn with pdftoppm into artifacts/e2e/reports-case/ (page 1 and the
provenance page also as the README's images); then it is checked on the
Reports screen (intact), a byte is changed and it is checked again
(changed)."""

import shutil
import subprocess
import pytest

from conftest import ARTIFACTS, README_SHOTS, create_vault_in_romanian, launch

PASSPHRASE = "harbour violet tundra lantern quietly"
CODE = "RO-2026-115"
NAME = "Maria Ionescu"
NARRATIVE = "A lucrat la o fermă în Spania; șeful i-a luat actele. Își dorește să se întoarcă acasă."
PLACE = "Centrul de primire, Iași"
SHOTS = ARTIFACTS / "reports-case"


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "reports-case", 4566, SHOTS) as a:
        yield a


def run(*args: str) -> str:
    done = subprocess.run(args, capture_output=True, check=True)
    return done.stdout.decode()


def test_a_case_with_an_interview(app):
    create_vault_in_romanian(app, PASSPHRASE)
    app.click("new-case")
    app.type("case-code", CODE)
    app.type("case-name", NAME)
    app.select("case-risk", "high")
    app.click("case-save")
    app.text_in("case-title", CODE)
    app.click("new-note")
    app.select("note-kind", "intake")
    app.type("note-place", PLACE)
    app.type("note-narrative", NARRATIVE)
    app.click("note-save")
    app.text_in("timeline", "fermă în Spania")


def test_the_summary_is_made_in_romanian_from_the_case_page(app, work_dir):
    app.click("case-report")
    app.el("report-dialog")
    app.select("report-lang", "ro")
    assert len(app.all("report-note")) == 1
    app.click("report-identity")
    app.el("report-identity-warning")
    app.click("report-identity")  # left out after all
    app.shot("report-dialog")
    out = work_dir / "rezumat.pdf"
    app.answer_dialog("save-report", out)
    app.click("report-save")
    app.text_in("report-saved", "rezumat.pdf", timeout=60)
    app.shot("report-saved")
    app.click("report-close")
    assert out.read_bytes().startswith(b"%PDF-")


def test_the_pdf_says_what_the_case_holds_and_not_the_identity(work_dir):
    text = run("pdftotext", str(work_dir / "rezumat.pdf"), "-")
    for expected in ["Rezumatul cazului", CODE, "Confidențial", "Pagina 1 din", "fermă în Spania", "șeful",
                     PLACE, "Interviu inițial", "Ridicat", "Anexă: proveniența"]:
        assert expected in text, expected
    assert NAME not in text


def test_the_pages_are_drawn_and_kept(work_dir):
    pages = SHOTS / "pdf"
    shutil.rmtree(pages, ignore_errors=True)
    pages.mkdir(parents=True)
    run("pdftoppm", "-png", "-r", "80", str(work_dir / "rezumat.pdf"), str(pages / "page"))
    drawn = sorted(pages.glob("page-*.png"))
    assert len(drawn) >= 2, drawn
    assert all(p.stat().st_size > 5000 for p in drawn)
    README_SHOTS.mkdir(parents=True, exist_ok=True)
    shutil.copy(drawn[0], README_SHOTS / "report-case-1.png")
    pdf = str(work_dir / "rezumat.pdf")
    for number, page in enumerate(drawn, 1):
        if "Anexă: proveniența" in run("pdftotext", "-f", str(number), "-l", str(number), pdf, "-"):
            shutil.copy(page, README_SHOTS / "report-case-provenance.png")
            break
    else:
        raise AssertionError("no page holds the provenance appendix")


def test_the_summary_is_intact_on_the_reports_screen(app, work_dir):
    app.click("nav-reports")
    app.answer_dialog("open-report", work_dir / "rezumat.pdf")
    app.click("verify-report-pick")
    app.text_in("verify-report-result", "Intact", timeout=30)
    assert app.el("verify-report-result").get_attribute("data-outcome") == "intact"
    app.text_in("verify-report-case", CODE)
    app.text_in("verify-report-signer", "acest laptop")
    app.shot("report-intact", readme="report-verify")


def test_a_changed_byte_is_caught(app, work_dir):
    original = (work_dir / "rezumat.pdf").read_bytes()
    changed = bytearray(original)
    changed[len(changed) // 2] ^= 0x01
    bad = work_dir / "rezumat-schimbat.pdf"
    bad.write_bytes(bytes(changed))
    app.answer_dialog("open-report", bad)
    app.click("verify-report-pick")
    app.wait(30).until(lambda d: app.el("verify-report-result").get_attribute("data-outcome") == "changed")
    app.text_in("verify-report-result", "Modificat")
    app.shot("report-changed")


def test_the_report_is_in_the_audit_log(app):
    app.click("nav-audit")
    app.text_in("audit-list", CODE)
    app.shot("report-audited")
