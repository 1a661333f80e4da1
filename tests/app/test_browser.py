"""The pages in a real browser: Debian's headless Chromium driven by Playwright, against a real server.

The server runs in a thread on 127.0.0.1 (a free port) with the demo catalogue, and keeps the index
in sync as ``tthc serve`` does. Each flow saves a screenshot of every main page under
``test-artifacts/screenshots/`` (git-ignored) for a person to look at. The tests skip with the
reason when Chromium or Playwright is missing; nothing is downloaded.
"""
from __future__ import annotations

import base64
import datetime as dt
import io
import threading
import zipfile
from pathlib import Path

import pytest

from catalogue import search_sync
from catalogue.content import Channel, Paper, ProcedureContent, ProcessingTime
from catalogue.procedures import create_procedure
from tests.review.corpus.builder import Spec, build_docx

from .pages_support import PASSWORD, create_account, make_app

CHROMIUM = Path("/usr/bin/chromium")
ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync"]
SHOTS = Path(__file__).resolve().parents[2] / "test-artifacts" / "screenshots"
XSS_NAME = 'Thủ tục kiểm thử <script>alert("ten")</script><img src=x onerror=alert(2)>'

playwright_api = pytest.importorskip("playwright.sync_api", reason="Playwright is not installed (pip install playwright)")
pytestmark = pytest.mark.skipif(not CHROMIUM.exists(), reason="/usr/bin/chromium is absent (apt-get install chromium)")


@pytest.fixture(scope="module")
def server(tmp_path_factory):
    from werkzeug.serving import make_server

    app = make_app(tmp_path_factory.mktemp("browser"), REVIEW_RATE_LIMIT="1000/60")
    svc = app.extensions["tthc"]
    with svc.db.unit_of_work("test") as uow:
        content = ProcedureContent(
            name=XSS_NAME, sector="Hộ tịch", levels=["commune"],
            channels=[Channel("direct", ProcessingTime(text="<script>alert(3)</script>"))],
            papers=[Paper('<img src=x onerror=alert(4)> Tờ khai', form="<svg onload=alert(5)>", originals=1)],
            conditions="<iframe src=javascript:alert(6)></iframe>", online_level="full",
            online_url="javascript:alert(7)",
        )
        procedure, _ = create_procedure(uow.session, "test", content, code="9.999998", effective_from=dt.date(2025, 1, 1))
        app.config["XSS_ID"] = procedure.id
    search_sync.drain(svc.db, svc.search)
    svc.start_drainer()
    create_account(app, "canbo@example.vn", "officer")
    httpd = make_server("127.0.0.1", 0, app, threaded=True)
    thread = threading.Thread(target=httpd.serve_forever, name="test-server", daemon=True)
    thread.start()
    yield app, f"http://127.0.0.1:{httpd.server_port}"
    httpd.shutdown()
    thread.join(timeout=10)
    httpd.server_close()
    svc.close()


@pytest.fixture(scope="module")
def browser():
    with playwright_api.sync_playwright() as playwright:
        instance = playwright.chromium.launch(executable_path=str(CHROMIUM), args=ARGS)
        yield instance
        instance.close()


@pytest.fixture
def page(browser, tmp_path):
    """A fresh browser context; every JavaScript dialog is recorded (and dismissed)."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, accept_downloads=True, locale="vi-VN")
    tab = context.new_page()
    tab.dialogs = []

    def on_dialog(dialog):
        tab.dialogs.append(dialog.message)
        dialog.dismiss()

    tab.on("dialog", on_dialog)
    yield tab
    context.close()


def shot(page, name: str, *, full_page: bool = True) -> None:
    SHOTS.mkdir(parents=True, exist_ok=True)
    page.screenshot(path=str(SHOTS / f"{name}.png"), full_page=full_page)


# -- citizens ----------------------------------------------------------------------------------------

def test_citizen_searches_without_diacritics_opens_the_procedure_and_prints(server, page):
    _app, base = server
    page.goto(base + "/")
    shot(page, "01-home")
    page.get_by_label("Bạn cần làm thủ tục gì?").fill("dang ky khai sinh")
    page.keyboard.press("Enter")
    page.wait_for_url("**/tim-kiem?q=dang+ky+khai+sinh")
    first = page.locator("li.hit h3 a").first
    assert first.inner_text() == "Đăng ký khai sinh"
    assert page.locator("li.hit mark").count() > 0
    shot(page, "02-search-results")

    first.click()
    page.wait_for_url("**/thu-tuc/*")
    assert page.locator("h1").inner_text() == "Đăng ký khai sinh"
    checkbox = page.locator(".checklist input[type=checkbox]").first
    page.locator(".checklist label").first.click()  # the label ticks its box
    assert checkbox.is_checked()
    shot(page, "03-procedure")

    page.get_by_role("link", name="In danh sách giấy tờ").click()
    page.wait_for_url("**in=1")
    page.evaluate("() => { window.__printed = 0; window.print = () => { window.__printed += 1; }; }")
    page.get_by_role("button", name="In trang này").click()
    assert page.evaluate("window.__printed") == 1
    shot(page, "04-print-view")
    page.emulate_media(media="print")
    assert page.locator("header.site").is_hidden() and page.locator(".print-toolbar").is_hidden()
    assert page.locator(".checklist li").count() >= 4
    shot(page, "05-print-media")
    assert page.dialogs == []


def test_citizen_filters_results_pages_and_reads_the_history(server, page):
    _app, base = server
    page.goto(base + "/tim-kiem?q=dang+ky")
    page.locator(".facet").filter(has_text="Cấp thực hiện").get_by_role("link", name="Cấp xã").click()
    page.wait_for_url("**level=xa**")
    assert page.locator(".chips").get_by_text("Cấp xã").count() == 1
    shot(page, "06-search-filtered")
    page.goto(base + "/tim-kiem?q=dang+ky+khia+sinh")
    page.get_by_role("link", name="dang ky khai sinh").click()
    page.wait_for_url("**q=dang+ky+khai+sinh")
    page.goto(base + "/tim-kiem?q=cap+doi+giay+phep+lai+xe")
    page.locator("li.hit h3 a").first.click()
    page.get_by_role("link", name="Lịch sử thay đổi").first.click()
    page.wait_for_url("**/lich-su")
    assert page.get_by_text("Đang áp dụng").count() == 1
    assert page.locator("table.changes tbody tr").count() > 0
    shot(page, "07-history")
    page.goto(base + "/linh-vuc/ho-tich")
    shot(page, "08-sector")
    page.set_viewport_size({"width": 390, "height": 844})
    page.goto(base + "/")
    shot(page, "09-home-mobile", full_page=False)
    page.goto(base + "/tim-kiem?q=dang+ky+khai+sinh")
    shot(page, "10-search-mobile", full_page=False)
    page.locator("li.hit h3 a").first.click()
    shot(page, "11-procedure-mobile", full_page=False)
    page.locator("#channels-h").scroll_into_view_if_needed()
    page.evaluate("() => document.getElementById('channels-h').scrollIntoView()")
    shot(page, "11b-procedure-mobile-channels", full_page=False)
    assert page.evaluate("document.documentElement.scrollWidth <= window.innerWidth + 1")


def test_keyboard_reaches_the_search_box_and_the_skip_link(server, page):
    _app, base = server
    page.goto(base + "/thu-tuc/1")
    page.keyboard.press("Tab")
    assert page.evaluate("document.activeElement.className") == "skip"
    page.keyboard.press("Enter")
    assert page.evaluate("location.hash") == "#main"


# -- hostile text -----------------------------------------------------------------------------------------

def test_script_and_javascript_strings_render_inert(server, page):
    app, base = server
    pid = app.config["XSS_ID"]
    for url in (f"/thu-tuc/{pid}", f"/thu-tuc/{pid}?in=1", f"/thu-tuc/{pid}/lich-su",
                "/tim-kiem?q=" + "%3Cscript%3Ealert(8)%3C%2Fscript%3E", "/tim-kiem?q=javascript%3Aalert(9)",
                "/tim-kiem?q=th%E1%BB%A7+t%E1%BB%A5c+ki%E1%BB%83m+th%E1%BB%AD", "/tim-kiem?q=%22%3E%3Csvg%20onload%3Dalert(10)%3E"):
        page.goto(base + url)
        page.wait_for_load_state("load")
        scripts = page.eval_on_selector_all("script", "els => els.map(e => e.src)")
        assert all(src.startswith(base + "/static/") for src in scripts), scripts
        assert page.locator("a[href^='javascript:'], iframe, svg[onload], img[onerror]").count() == 0
    page.goto(base + f"/thu-tuc/{pid}")
    assert '<script>alert("ten")</script>' in page.locator("h1").inner_text()
    shot(page, "12-hostile-procedure")
    page.goto(base + "/tim-kiem?q=th%E1%BB%A7+t%E1%BB%A5c+ki%E1%BB%83m+th%E1%BB%AD")
    assert "<script>" in page.locator("li.hit h3").first.inner_text()
    shot(page, "13-hostile-search")
    assert page.dialogs == []


# -- reviewers ------------------------------------------------------------------------------------------------

def _drop_files(page, selector: str, files: list[tuple[str, bytes]]) -> None:
    """Drop files on an element as a person dragging them from a file manager would."""
    payload = [{"name": n, "data": base64.b64encode(d).decode("ascii")} for n, d in files]
    transfer = page.evaluate_handle("""files => {
        const transfer = new DataTransfer();
        for (const f of files) {
            const bytes = Uint8Array.from(atob(f.data), c => c.charCodeAt(0));
            transfer.items.add(new File([bytes], f.name, {type: "application/octet-stream"}));
        }
        return transfer;
    }""", payload)
    page.dispatch_event(selector, "dragenter", {"dataTransfer": transfer})
    page.dispatch_event(selector, "drop", {"dataTransfer": transfer})


def test_reviewer_drops_three_files_and_downloads_an_annotated_copy(server, page, tmp_path):
    _app, base = server
    files = [("Quyết định 12.docx", build_docx(Spec("quyet_dinh"))),
             ("Công văn 7.docx", build_docx(Spec("cong_van", page={"orientation": "landscape"},
                                                  fmt={"text": {"font": "Arial"}}))),
             ("Tờ trình 3.docx", build_docx(Spec("to_trinh", texts={"quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM"})))]
    page.goto(base + "/kiem-tra-van-ban")
    _drop_files(page, "[data-dropzone]", files)
    assert page.locator("[data-file-list] li").count() == 3
    assert "Quyết định 12.docx" in page.locator("[data-file-list]").inner_text()
    shot(page, "14-review-upload")
    page.get_by_role("button", name="Kiểm tra các tệp", exact=True).click()
    page.wait_for_url("**/kiem-tra-van-ban/ket-qua/*")
    assert "3 tệp đã kiểm tra" in page.locator(".lead").inner_text()
    assert page.locator("table.files tbody tr").count() == 3
    shot(page, "15-review-batch")

    page.get_by_role("link", name="Công văn 7.docx").click()
    page.wait_for_url("**/2")
    assert "Không đạt" in page.locator(".status").inner_text()
    assert page.locator(".para.flagged").count() > 0
    shot(page, "16-review-document")
    with page.expect_download() as info:
        page.get_by_role("link", name="Bản có nhận xét (.docx)").click()
    download = info.value
    assert download.suggested_filename == "Công văn 7-nhan-xet.docx"
    target = tmp_path / download.suggested_filename
    download.save_as(str(target))
    with zipfile.ZipFile(target) as archive:
        comments = archive.read("word/comments.xml").decode("utf-8")
    assert comments.count("<w:comment ") > 0 and "ND30-102" in comments
    assert page.dialogs == []


def test_upload_form_refuses_too_many_files_before_sending(server, page):
    _app, base = server
    page.goto(base + "/kiem-tra-van-ban")
    page.set_input_files("#file", [{"name": f"{i}.docx", "mimeType": "application/octet-stream", "buffer": b"x"}
                                   for i in range(21)])
    error = page.locator("[data-file-error]")
    assert error.is_visible() and "tối đa 20 tệp" in error.inner_text()
    page.get_by_role("button", name="Kiểm tra các tệp", exact=True).click()
    assert page.url.endswith("/kiem-tra-van-ban")  # not sent


# -- officers, then citizens -------------------------------------------------------------------------------------

def _annex(code: str, name: str) -> bytes:
    from openpyxl import Workbook

    book = Workbook()
    sheet = book.active
    sheet.append(["Phụ lục kèm theo Quyết định"])
    sheet.append(["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện", "Loại thay đổi",
                  "Thay thế cho", "Ghi chú"])
    sheet.append([1, code, name, "Lý lịch tư pháp", "Cấp tỉnh", "Sở Tư pháp", "bãi bỏ", None, None])
    buffer = io.BytesIO()
    book.save(buffer)
    return buffer.getvalue()


def test_officer_publishes_an_annex_and_citizens_see_the_change(server, page):
    app, base = server
    client = app.test_client()
    hit = client.get("/api/v1/search?q=ly+lich+tu+phap").get_json()["hits"][0]
    page.goto(base + "/dang-nhap")
    page.fill("#f-email", "canbo@example.vn")
    page.fill("#f-password", PASSWORD)
    page.get_by_role("button", name="Đăng nhập").click()
    page.wait_for_url("**/quan-tri/**")
    page.goto(base + "/quan-tri/quyet-dinh/nhap-phu-luc")
    page.set_input_files("#f-file", {"name": "phu-luc.xlsx", "buffer": _annex(hit["code"], hit["name"]),
                                     "mimeType": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"})
    today = dt.datetime.now(dt.timezone(dt.timedelta(hours=7))).date()
    page.fill("#f-number", "2001/QĐ-UBND")
    page.fill("#f-date", today.isoformat())
    page.fill("#f-effective_date", today.isoformat())
    page.fill("#f-issuer", "Ủy ban nhân dân tỉnh Minh Hòa")
    page.get_by_role("button", name="Tải lên và tạo dự thảo").click()
    page.wait_for_url("**/quan-tri/quyet-dinh/*")
    page.get_by_role("link", name="Xem trước thay đổi").click()
    assert page.get_by_text(hit["name"]).count() > 0
    shot(page, "17-officer-preview")
    page.go_back()
    page.get_by_role("link", name="Công bố…").click()
    page.locator("input[name=confirm]").check()
    page.get_by_role("button", name="Công bố").click()
    page.wait_for_load_state("load")

    citizen = page.context.browser.new_context(viewport={"width": 1280, "height": 900}).new_page()
    citizen.goto(base + f"/thu-tuc/{hit['id']}")
    assert "Thủ tục này đã bị bãi bỏ" in citizen.locator(".notice").first.inner_text()
    assert "2001/QĐ-UBND" in citizen.content()
    shot(citizen, "18-citizen-after-publish")
    citizen.goto(base + f"/thu-tuc/{hit['id']}/lich-su")
    assert "Bãi bỏ" in citizen.locator("ol.history > li").first.inner_text()
    assert "2001/QĐ-UBND" in citizen.locator("ol.history > li").first.inner_text()
    shot(citizen, "19-citizen-history-after-publish")
    citizen.context.close()

