"""The reviewer's pages and ``POST /api/v1/review``: uploads, results, downloads, limits, retention, history."""
from __future__ import annotations

import io
import json
import re
import time
import zipfile
from pathlib import Path

import pytest

from tests.review.corpus.builder import Spec, build_docx

from .pages_support import create_account, csrf_token, login, make_app

CLEAN = build_docx(Spec("quyet_dinh"))
FAULTY = build_docx(Spec("cong_van", page={"orientation": "landscape"}, fmt={"text": {"font": "Arial"}}))
REPORT_KEYS = {"file", "document_type", "profile", "compliant", "error", "findings"}
FINDING_KEYS = {"rule", "severity", "component", "property", "message", "expected", "actual", "location",
                "reference", "fix"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("review"), REVIEW_RATE_LIMIT="1000/60")
    yield application
    application.extensions["tthc"].close()


@pytest.fixture
def client(app):
    return app.test_client()


def zipped(**members: bytes) -> bytes:
    buffer = io.BytesIO()
    with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, data in members.items():
            archive.writestr(name, data)
    return buffer.getvalue()


def upload(client, files: list[tuple[str, bytes]], profile: str = "nd30", token: str | None = None):
    token = token or csrf_token(client, "/kiem-tra-van-ban")
    return client.post("/kiem-tra-van-ban", content_type="multipart/form-data", data={
        "csrf_token": token, "profile": profile, "file": [(io.BytesIO(data), name) for name, data in files]})


def result_url(response) -> str:
    assert response.status_code == 303, response.get_data(as_text=True)[:800]
    return response.headers["Location"]


def docx_comments(data: bytes) -> int:
    with zipfile.ZipFile(io.BytesIO(data)) as archive:
        if "word/comments.xml" not in archive.namelist():
            return 0
        return archive.read("word/comments.xml").decode("utf-8").count("<w:comment ")


# -- the form --------------------------------------------------------------------------------------

def test_upload_form_is_labelled_and_states_its_limits(client):
    html = client.get("/kiem-tra-van-ban").get_data(as_text=True)
    assert '<label for="file"' in html and 'id="file" name="file" type="file" multiple' in html
    assert 'name="csrf_token"' in html and "<legend>Bộ quy tắc</legend>" in html
    assert "Tối đa 20 văn bản và 50 MB mỗi lần" in html and "giữ tạm 30 phút" in html
    assert "/static/upload.js" in html


def test_upload_needs_the_csrf_token(client):
    response = client.post("/kiem-tra-van-ban", content_type="multipart/form-data",
                           data={"file": [(io.BytesIO(CLEAN), "a.docx")]})
    assert response.status_code == 400 and "CSRF" in response.get_data(as_text=True)


def test_upload_without_a_file_says_what_to_do(client):
    response = upload(client, [])
    assert response.status_code == 400 and "Hãy chọn ít nhất một tệp" in response.get_data(as_text=True)


# -- one document --------------------------------------------------------------------------------------

def test_one_document_goes_to_its_result_page_with_findings_text_and_downloads(client):
    url = result_url(upload(client, [("Công văn 15.docx", FAULTY)]))
    assert re.match(r"^/kiem-tra-van-ban/ket-qua/[^/]+/1$", url)
    html = client.get(url).get_data(as_text=True)
    assert "Công văn 15.docx" in html and "Không đạt" in html and "✘" in html
    assert "Các vấn đề theo thành phần thể thức" in html and "Trang văn bản" in html
    assert "ND30-102" in html and "Nghị định 30/2020/NĐ-CP" in html
    assert "⚑ Có vấn đề:" in html and 'class="para flagged"' in html and "Nội dung văn bản" in html
    for kind in ("nhan-xet.docx", "da-sua.docx", "bao-cao.json", "bao-cao.sarif"):
        assert f"{url}/{kind}" in html
    assert "Xóa ngay tệp và kết quả" in html and "rồi tự động xóa" in html

    annotated = client.get(f"{url}/nhan-xet.docx")
    assert annotated.status_code == 200 and annotated.mimetype.endswith("wordprocessingml.document")
    assert "C%C3%B4ng%20v%C4%83n%2015-nhan-xet.docx" in annotated.headers["Content-Disposition"]
    report = client.get(f"{url}/bao-cao.json").get_json()[0]
    assert docx_comments(annotated.data) == len(report["findings"]) > 0

    fixed = client.get(f"{url}/da-sua.docx")
    assert fixed.status_code == 200 and fixed.headers["Cache-Control"] == "no-store"
    from review.api import review_document
    after = review_document(io.BytesIO(fixed.data), "fixed.docx")
    safe_before = {f["rule"] for f in report["findings"] if f["fix"] and f["fix"]["safe"]}
    assert "ND30-102" in safe_before and "ND30-102" not in {f.rule for f in after.findings}

    sarif = json.loads(client.get(f"{url}/bao-cao.sarif").data)
    assert sarif["version"] == "2.1.0" and sarif["runs"][0]["results"]


def test_a_clean_document_is_compliant(client):
    html = client.get(result_url(upload(client, [("sach.docx", CLEAN)]))).get_data(as_text=True)
    assert "<strong>Đạt</strong>" in html and "✔" in html


# -- batches ---------------------------------------------------------------------------------------------

def test_three_files_give_batch_totals_by_rule_and_one_zip_of_copies(client):
    url = result_url(upload(client, [("a.docx", CLEAN), ("b.docx", FAULTY), ("c.docx", b"not a docx at all")]))
    assert re.match(r"^/kiem-tra-van-ban/ket-qua/[^/]+$", url)
    html = client.get(url).get_data(as_text=True)
    assert "Kết quả kiểm tra 3 tệp" in html
    assert "3 tệp đã kiểm tra, <strong>1</strong> không đạt, 1 không đọc được" in html
    assert "Theo quy tắc" in html and "<code>ND30-102</code>" in html
    assert "✔ Đạt" in html and "✘ Không đạt" in html and "⚠ Không đọc được" in html
    for n in (1, 2, 3):
        assert client.get(f"{url}/{n}").status_code == 200
    bad = client.get(f"{url}/3").get_data(as_text=True)
    assert "Không đọc được tệp" in bad and "nhan-xet.docx" not in bad

    reports = client.get(f"{url}/tai-ve/bao-cao.json").get_json()
    assert [r["file"] for r in reports] == ["a.docx", "b.docx", "c.docx"]
    assert all(set(r) == REPORT_KEYS for r in reports) and reports[2]["error"]
    archive = zipfile.ZipFile(io.BytesIO(client.get(f"{url}/tai-ve/tat-ca.zip").data))
    names = set(archive.namelist())
    assert {"bao-cao.json", "bao-cao.sarif", "nhan-xet/a-nhan-xet.docx", "nhan-xet/b-nhan-xet.docx",
            "da-sua/a-da-sua.docx", "da-sua/b-da-sua.docx"} <= names
    assert not any(n.startswith(("nhan-xet/c", "da-sua/c")) for n in names)
    page = client.get(f"{url}/tai-ve/bao-cao.html")
    assert page.status_code == 200 and b"<!doctype html>" in page.data[:50].lower()


def test_a_zip_batch_is_reviewed_member_by_member(client):
    url = result_url(upload(client, [("lo.zip", zipped(**{"a.docx": CLEAN, "thu-muc/b.docx": FAULTY, "x.pdf": b"%PDF"}))]))
    reports = client.get(f"{url}/tai-ve/bao-cao.json").get_json()
    assert [r["file"] for r in reports] == ["lo.zip/a.docx", "lo.zip/thu-muc/b.docx"]


def test_a_broken_zip_is_one_unreadable_report(client):
    url = result_url(upload(client, [("hong.zip", b"PK\x03\x04broken")]))
    report = client.get(f"{url}/bao-cao.json").get_json()[0]
    assert report["file"] == "hong.zip" and report["error"] and not report["compliant"]


def test_client_file_names_are_shown_not_used(client, app):
    url = result_url(upload(client, [("../../etc/passwd.docx", CLEAN)]))
    assert client.get(f"{url}/bao-cao.json").get_json()[0]["file"] == "passwd.docx"
    stored = [p.name for p in Path(app.instance_path, "review-tmp").rglob("*")]
    assert "passwd.docx" not in stored and all(re.match(r"^([0-9a-f]{24}|\d+\.bin|batch\.json|summary\.json)$", n)
                                               for n in stored)


# -- limits ------------------------------------------------------------------------------------------------

def test_too_many_documents_is_413_with_a_clear_message(client):
    response = upload(client, [(f"{i}.docx", CLEAN) for i in range(21)])
    assert response.status_code == 413
    assert "tối đa 20 văn bản; yêu cầu này có 21 văn bản" in response.get_data(as_text=True)
    response = upload(client, [("lo.zip", zipped(**{f"{i}.docx": CLEAN for i in range(21)}))])
    assert response.status_code == 413


def test_too_large_upload_is_413_with_a_clear_message(tmp_path):
    small = make_app(tmp_path, MAX_CONTENT_LENGTH=64 * 1024)
    client = small.test_client()
    response = upload(client, [("lon.docx", b"x" * 100_000)])
    assert response.status_code == 413
    assert "Tổng dung lượng tải lên vượt quá 64 KB, mức tối đa cho một lần gửi" in response.get_data(as_text=True)
    small.extensions["tthc"].close()


def test_uploads_are_rate_limited_per_address(tmp_path):
    limited = make_app(tmp_path, REVIEW_RATE_LIMIT="2/600")
    client = limited.test_client()
    token = csrf_token(client, "/kiem-tra-van-ban")
    assert upload(client, [("a.docx", CLEAN)], token=token).status_code == 303
    assert upload(client, [("a.docx", CLEAN)], token=token).status_code == 303
    refused = upload(client, [("a.docx", CLEAN)], token=token)
    assert refused.status_code == 429 and int(refused.headers["Retry-After"]) > 0
    assert "quá nhiều lần kiểm tra" in refused.get_data(as_text=True)
    other = limited.test_client()
    other_token = csrf_token(other, "/kiem-tra-van-ban")
    assert other.post("/kiem-tra-van-ban", environ_base={"REMOTE_ADDR": "10.9.9.9"}, content_type="multipart/form-data",
                      data={"csrf_token": other_token, "file": [(io.BytesIO(CLEAN), "a.docx")]}).status_code == 303
    limited.extensions["tthc"].close()


# -- retention -----------------------------------------------------------------------------------------------

def test_delete_now_removes_the_files_and_the_result(client, app):
    url = result_url(upload(client, [("a.docx", CLEAN)]))
    token = url.split("/")[3]
    batch_dirs = list((Path(app.instance_path) / "review-tmp").iterdir())
    form_token = csrf_token(client, url)
    response = client.post(f"/kiem-tra-van-ban/ket-qua/{token}/xoa", data={"csrf_token": form_token})
    assert response.status_code == 303 and "da_xoa=1" in response.headers["Location"]
    assert client.get(url).status_code == 404
    assert len(list((Path(app.instance_path) / "review-tmp").iterdir())) == len(batch_dirs) - 1
    assert "Đã xóa các tệp và kết quả kiểm tra" in client.get(response.headers["Location"]).get_data(as_text=True)


def test_anonymous_batches_expire_and_are_purged(client, app, monkeypatch):
    url = result_url(upload(client, [("a.docx", CLEAN)]))
    from app.web.review_pages import store
    with app.app_context():
        s = store()
        later = time.time() + 31 * 60
        monkeypatch.setattr(time, "time", lambda: later)
        assert client.get(url).status_code == 404
        assert s.purge(force=True) >= 1
    assert not any(p.is_dir() for p in (Path(app.instance_path) / "review-tmp").iterdir()
                   if p.name == url.split("/")[3])


@pytest.mark.parametrize("token", ["x", "eyJiIjoiMTIzIn0.abc.def", "../../etc"])
def test_forged_tokens_find_nothing(client, token):
    assert client.get(f"/kiem-tra-van-ban/ket-qua/{token}").status_code == 404
    assert client.get(f"/kiem-tra-van-ban/ket-qua/{token}/1/nhan-xet.docx").status_code == 404


# -- reviewers ---------------------------------------------------------------------------------------------

def test_reviewers_keep_a_history_that_others_cannot_open(app):
    create_account(app, "kiemtra1@example.vn", "reviewer")
    create_account(app, "kiemtra2@example.vn", "reviewer")
    create_account(app, "canbo@example.vn", "officer")
    first = app.test_client()
    login(first, "kiemtra1@example.vn")
    page = first.get("/kiem-tra-van-ban").get_data(as_text=True)
    assert "Tối đa 200 văn bản" in page and "lịch sử" in page
    assert 'href="/kiem-tra-van-ban/lich-su">Lịch sử kiểm tra văn bản</a>' in page  # in the account menu
    url = result_url(upload(first, [("a.docx", CLEAN), ("b.docx", FAULTY)]))
    assert "Kết quả được lưu trong" in first.get(url).get_data(as_text=True)
    history = first.get("/kiem-tra-van-ban/lich-su").get_data(as_text=True)
    assert "a.docx, b.docx" in history and url in history
    stored = Path(app.instance_path, "reviews")
    assert any(p.name.startswith("user-") for p in stored.iterdir())

    second = app.test_client()
    login(second, "kiemtra2@example.vn")
    assert second.get(url).status_code == 404
    assert "Chưa có lần kiểm tra nào" in second.get("/kiem-tra-van-ban/lich-su").get_data(as_text=True)
    assert app.test_client().get(url).status_code == 404  # anonymous
    officer = app.test_client()
    login(officer, "canbo@example.vn")
    assert officer.get("/kiem-tra-van-ban/lich-su").status_code == 403
    assert app.test_client().get("/kiem-tra-van-ban/lich-su").status_code in (302, 303)


# -- the API -------------------------------------------------------------------------------------------------

def post_api(client, files: list[tuple[str, bytes]], **form):
    """An anonymous program's call: no session, so no CSRF token either."""
    return client.post("/api/v1/review", content_type="multipart/form-data",
                       data={**form, "file": [(io.BytesIO(d), n) for n, d in files]})


def test_api_reviews_files_and_zip_members_in_the_report_contract(client, app):
    response = post_api(client, [("a.docx", CLEAN), ("b.docx", FAULTY), ("lo.zip", zipped(**{"c.docx": CLEAN}))])
    assert response.status_code == 200 and response.headers["Cache-Control"] == "no-store"
    reports = response.get_json()
    assert [r["file"] for r in reports] == ["a.docx", "b.docx", "lo.zip/c.docx"]
    assert all(set(r) == REPORT_KEYS for r in reports)
    assert reports[0]["compliant"] and not reports[1]["compliant"]
    assert all(set(f) == FINDING_KEYS for f in reports[1]["findings"])
    tmp = Path(app.instance_path, "review-tmp")
    before = {p.name for p in tmp.iterdir()} if tmp.exists() else set()
    post_api(client, [("a.docx", CLEAN)])
    after = {p.name for p in tmp.iterdir()} if tmp.exists() else set()
    assert after == before  # nothing kept after the response


@pytest.mark.parametrize("files, form, status, field", [
    ([], {}, 400, "file"),
    ([("a.docx", CLEAN)], {"profile": "khong-co"}, 400, "profile"),
    ([(f"{i}.docx", CLEAN) for i in range(21)], {}, 413, "file"),
])
def test_api_errors_use_the_one_error_shape(client, files, form, status, field):
    response = post_api(client, files, **form)
    body = response.get_json()
    assert response.status_code == status and set(body) == {"status", "error", "message", "errors"}
    assert body["errors"][0]["field"] == field and body["message"]


def test_api_unreadable_file_is_a_report_with_an_error(client):
    reports = post_api(client, [("ban-scan.pdf", b"%PDF-1.7\n%...."), ("rong.docx", b"")]).get_json()
    assert "PDF" in reports[0]["error"] and "rỗng" in reports[1]["error"].lower()
    assert all(r["findings"] == [] and not r["compliant"] for r in reports)


# -- the store on its own ------------------------------------------------------------------------------------

def _reviewed(name: str, data: bytes):
    from app.review_service import Upload, review_uploads
    return review_uploads([Upload(name, data)], "nd30")


def test_store_keeps_reports_but_not_bytes_beyond_its_size_bound(tmp_path):
    from app.review_store import BatchStore
    store = BatchStore(tmp_path, "secret", tmp_max_bytes=len(CLEAN) + 10)
    first = store.create(None, "nd30", _reviewed("a.docx", CLEAN))
    second = store.create(None, "nd30", _reviewed("b.docx", CLEAN))
    assert first.documents[0].stored and not second.documents[0].stored
    assert store.source(second, 1) is None and store.open(second.token, None).documents[0].report.file == "b.docx"


def test_store_tokens_are_bound_to_their_owner_and_expire(tmp_path, monkeypatch):
    from app.review_store import BatchStore
    store = BatchStore(tmp_path, "secret", tmp_minutes=30, retention_days=30)
    mine = store.create("user-7", "nd30", _reviewed("a.docx", CLEAN))
    assert store.open(mine.token, "user-7") is not None
    assert store.open(mine.token, "user-8") is None and store.open(mine.token, None) is None
    assert BatchStore(tmp_path, "other-secret").open(mine.token, "user-7") is None
    anonymous = store.create(None, "nd30", _reviewed("b.docx", CLEAN))
    assert [s.names for s in store.history("user-7")] == [["a.docx"]]
    later = time.time() + 31 * 60
    monkeypatch.setattr(time, "time", lambda: later)
    assert store.open(anonymous.token, None) is None and store.open(mine.token, "user-7") is not None
    assert store.purge(force=True) == 1
    much_later = time.time() + 31 * 86400
    monkeypatch.setattr(time, "time", lambda: much_later)
    assert store.purge(force=True) == 1 and store.history("user-7") == []
