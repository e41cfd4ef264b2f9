"""A PDF attached to a case is shown inside the app, from bytes held in
memory: a vault is created, a case added, a one-page PDF (written here by
hand) attached through the native dialog, opened, read with the keyboard,
zoomed and closed; then no file outside the vault's encrypted store holds
the document's text. Screenshots in artifacts/e2e/documents/.

pdf.js draws the pages on canvases: WebKitGTK's own viewer needs inline
styles that the app's CSP refuses."""

import os
import time
from pathlib import Path

import pytest
from selenium.webdriver.common.keys import Keys

from conftest import ARTIFACTS, create_vault, launch

PASSPHRASE = "copper thistle lagoon ember softly"
CODE = "RO-2026-077"
LINE = "Fieldnotes referral letter 2026"
SHOTS = ARTIFACTS / "documents"


# A 160x80 one-bit image, white with a black 120x40 box from (20, 20),
# CCITT Group 4 encoded (ImageMagick's `-compress Group4`): the fax encoding
# of scanned letters, which pdf.js decodes with its WebAssembly decoder.
FAX_BOX = bytes.fromhex("fffff2200f028fffffffffffffffffffffffffffffc7ffffc0040040")


def minimal_pdf(text: str) -> bytes:
    """A valid one-page US Letter PDF: `text` in Helvetica near the top and
    FAX_BOX drawn 320x160 points with its lower left corner at (72, 380), so
    the black box spans x 112-352 and y 420-500. The cross-reference table
    is exact."""
    content = f"BT /F1 28 Tf 72 700 Td ({text}) Tj ET q 320 0 0 160 72 380 cm /Im1 Do Q".encode()
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>",
        b"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792]"
        b" /Resources << /Font << /F1 4 0 R >> /XObject << /Im1 6 0 R >> >> /Contents 5 0 R >>",
        b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>",
        b"<< /Length %d >>\nstream\n" % len(content) + content + b"\nendstream",
        b"<< /Type /XObject /Subtype /Image /Width 160 /Height 80 /ColorSpace /DeviceGray"
        b" /BitsPerComponent 1 /Filter /CCITTFaxDecode /DecodeParms << /K -1 /Columns 160 /Rows 80 >>"
        b" /Length %d >>\nstream\n" % len(FAX_BOX) + FAX_BOX + b"\nendstream",
    ]
    out = bytearray(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n")
    offsets = []
    for number, body in enumerate(objects, 1):
        offsets.append(len(out))
        out += b"%d 0 obj\n" % number + body + b"\nendobj\n"
    xref = len(out)
    out += b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1)
    for offset in offsets:
        out += b"%010d 00000 n \n" % offset
    out += b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    return bytes(out)


# The share of the canvas's pixels that are not near white; -1 while the
# page is not drawn.
INK = """
const c = arguments[0];
if (c.dataset.drawn !== 'true' || !c.width || !c.height) return -1;
const px = c.getContext('2d').getImageData(0, 0, c.width, c.height).data;
let ink = 0;
for (let i = 0; i < px.length; i += 4) if (px[i] < 200 || px[i + 1] < 200 || px[i + 2] < 200) ink++;
return ink / (px.length / 4);
"""


# The grey level (0 black, 255 white) at a point of the page, in points
# from its lower left corner.
GREY = """
const [c, x, y] = arguments;
const px = c.getContext('2d').getImageData(Math.floor(x / 612 * c.width), Math.floor((1 - y / 792) * c.height), 1, 1).data;
return Math.round((px[0] + px[1] + px[2]) / 3);
"""


@pytest.fixture(scope="module")
def app(work_dir):
    with launch(work_dir, "documents", 4480, SHOTS) as a:
        yield a


@pytest.fixture(scope="module")
def started():
    return time.time()


def active(app) -> str:
    return app.d.switch_to.active_element.get_attribute("data-testid")


def drawn_page(app):
    page = app.el("pdf-page", timeout=30)
    app.wait(30).until(lambda d: d.execute_script(INK, page) > 0)
    return page


def test_a_case_gets_a_pdf_attached(app, work_dir, started):
    create_vault(app, PASSPHRASE)
    app.click("new-case")
    app.type("case-code", CODE)
    app.click("case-save")
    app.text_in("case-title", CODE)
    pdf = work_dir / "referral-letter.pdf"
    pdf.write_bytes(minimal_pdf(LINE))
    app.answer_dialog("attachment", pdf)
    app.click("add-attachment")
    app.text_in_any("attachment", "referral-letter.pdf", timeout=30)
    app.shot("pdf-attached")


def test_the_pdf_is_drawn_inside_the_app(app):
    app.click("open-attachment")
    app.text_in("pdf-pages", "1 page", timeout=30)
    page = drawn_page(app)
    pixels = app.d.execute_script("return [arguments[0].width, arguments[0].height]", page)
    shown = page.size
    # A US Letter page drawn to the viewer's width; a line of text and a
    # box are a little ink on a white page.
    assert pixels[0] > 300 and abs(pixels[1] / pixels[0] - 792 / 612) < 0.01, pixels
    assert shown["width"] > 300 and shown["height"] > 300, shown
    ink = app.d.execute_script(INK, page)
    assert 0.001 < ink < 0.2, ink
    # The scanned box is drawn: black inside, white around it.
    grey = lambda x, y: app.d.execute_script(GREY, page, x, y)  # noqa: E731
    assert grey(232, 460) < 40 and grey(140, 440) < 40, (grey(232, 460), grey(140, 440))
    assert grey(232, 560) > 215 and grey(232, 360) > 215 and grey(400, 460) > 215
    # pdf.js parses in its own worker (a local asset), not in the page.
    assert app.d.execute_script("return typeof globalThis.pdfjsWorker") == "undefined"
    assert active(app) == "attachment-close"
    app.show("pdf-viewer")
    app.shot("pdf-open")


def test_the_pdf_is_zoomed_and_scrolled_with_the_keyboard(app):
    page = app.el("pdf-page")
    before = app.d.execute_script("return arguments[0].width", page)
    app.tab_to("pdf-zoom-in")
    app.press(Keys.ENTER)
    app.press(Keys.ENTER)
    app.text_in("pdf-viewer", "150 %")
    drawn_page(app)
    after = app.d.execute_script("return arguments[0].width", page)
    assert abs(after / before - 1.5) < 0.02, (before, after)
    app.show("pdf-viewer")
    app.shot("pdf-zoomed")
    area = app.el("pdf-pages-scroll")
    app.tab_to("pdf-pages-scroll")
    top = lambda: app.d.execute_script("return arguments[0].scrollTop", area)  # noqa: E731
    left = lambda: app.d.execute_script("return arguments[0].scrollLeft", area)  # noqa: E731
    assert top() == 0 and left() == 0
    app.press(Keys.PAGE_DOWN)
    app.wait().until(lambda d: top() > 100)
    app.press(Keys.RIGHT)
    app.wait().until(lambda d: left() > 0)


def test_the_pdf_is_drawn_again_when_the_window_is_resized(app):
    page = app.el("pdf-page")
    width = lambda: app.d.execute_script("return arguments[0].width", page)  # noqa: E731
    before = width()
    app.d.set_window_size(1000, 800)
    try:
        app.wait().until(lambda d: width() < before * 0.9)
        drawn_page(app)
    finally:
        app.d.set_window_size(1280, 800)
    app.wait().until(lambda d: width() == before)


def test_the_pdf_closes_with_escape_and_with_the_close_button(app):
    app.tab_to("pdf-pages-scroll")
    app.press(Keys.ESCAPE)
    app.wait().until(lambda d: not app.all("attachment-viewer"))
    # The focus is back on the file's link: Enter opens it again.
    assert active(app) == "open-attachment"
    app.press(Keys.ENTER)
    drawn_page(app)
    assert active(app) == "attachment-close"
    app.press(Keys.ENTER)
    app.wait().until(lambda d: not app.all("attachment-viewer"))
    assert not app.all("pdf-page")
    app.shot("pdf-closed")


def test_a_damaged_pdf_says_so(app, work_dir):
    damaged = work_dir / "damaged.pdf"
    damaged.write_bytes(b"%PDF-1.4\nthis is not a document\n%%EOF\n")
    app.answer_dialog("attachment", damaged)
    app.click("add-attachment")
    app.text_in_any("attachment", "damaged.pdf", timeout=30)
    link = next(e for e in app.all("open-attachment") if e.text == "damaged.pdf")
    app.d.execute_script("arguments[0].scrollIntoView({block: 'center'})", link)
    link.click()
    app.text_in("pdf-viewer", "could not be shown", timeout=30)
    assert not app.all("pdf-page")
    app.show("pdf-viewer")
    app.shot("pdf-damaged")
    app.click("attachment-close")
    app.wait().until(lambda d: not app.all("attachment-viewer"))


def test_no_file_holds_the_document_in_the_clear(work_dir, started):
    """The places WebKit and the system could have put it (temporary files,
    caches, the webview's data, the vault itself): no file written since
    the test began holds the document's text, except the one it was
    attached from. (Under WebDriver the webview keeps a persistent data
    folder; in normal use it is incognito and keeps none.)"""
    source = (work_dir / "referral-letter.pdf").resolve()
    home = Path.home()
    roots = {Path("/tmp"), Path(os.environ.get("TMPDIR", "/tmp")), work_dir, home / ".cache", home / ".local" / "share"}
    needle = LINE.encode()
    scanned, found = 0, []
    for root in roots:
        for folder, _, files in os.walk(root):
            for name in files:
                path = Path(folder) / name
                try:
                    st = path.lstat()
                    if not path.is_file() or path.is_symlink() or st.st_mtime < started - 1 or st.st_size > 64 << 20:
                        continue
                    if path.resolve() == source:
                        continue
                    scanned += 1
                    if needle in path.read_bytes():
                        found.append(str(path))
                except OSError:
                    continue
    assert scanned > 0
    assert found == [], found
