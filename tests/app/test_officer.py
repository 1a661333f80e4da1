"""The officer's work on a decision: draft by form, rows with their problems, content, preview, publication.

Also the conflict page: a second officer saving from a page opened before the first one saved
gets HTTP 409 naming who changed the draft and when, and nothing of theirs is written.
"""
from __future__ import annotations

import re

import pytest
from sqlalchemy import select

from catalogue import accounts
from catalogue import decisions as decision_service
from catalogue.models import AuditEntry, Decision, Edition

from .staff_support import add_user, csrf_token, form_fields, logged_in, make_app, unlabelled_controls

EFFECTIVE = "2027-06-01"


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("officer"))
    add_user(application, "an@example.vn", "officer", name="Nguyễn Văn An")
    add_user(application, "binh@example.vn", "officer", name="Trần Thị Bình")
    yield application
    application.extensions["tthc"].close()


@pytest.fixture(scope="module")
def an(app):
    return logged_in(app, "an@example.vn")


@pytest.fixture(scope="module")
def binh(app):
    return logged_in(app, "binh@example.vn")


def _decision(app, number: str) -> Decision:
    with app.extensions["tthc"].db.read() as session:
        return decision_service.get_decision(session, number)


def _create(client, number: str, **fields) -> int:
    data = {"csrf_token": csrf_token(client, "/quan-tri/quyet-dinh/moi"), "number": number,
            "date": "2027-05-20", "effective_date": EFFECTIVE, "issuer": "UBND tỉnh", "signer": "Lê Văn C",
            "legal_bases": "Nghị định 63/2010/NĐ-CP\nNghị định 92/2017/NĐ-CP", **fields}
    response = client.post("/quan-tri/quyet-dinh/moi", data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    return int(re.search(r"/quyet-dinh/(\d+)$", response.headers["Location"]).group(1))


def _add(client, decision_id: int, **fields):
    page = client.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True)
    data = form_fields(page, f"/quan-tri/quyet-dinh/{decision_id}/dong")
    for key, value in fields.items():
        data.setlist(key, value if isinstance(value, list) else [value])
    return client.post(f"/quan-tri/quyet-dinh/{decision_id}/dong", data=data)


def test_a_draft_by_form_with_field_messages(app, an):
    token = csrf_token(an, "/quan-tri/quyet-dinh/moi")
    bad = an.post("/quan-tri/quyet-dinh/moi", data={"csrf_token": token, "number": " ", "date": "31/02/2027"})
    page = bad.get_data(as_text=True)
    assert bad.status_code == 400
    assert "Hãy nhập số quyết định" in page and "Ngày ký không hợp lệ" in page and 'aria-invalid="true"' in page
    decision_id = _create(an, "21/QĐ-UBND")
    decision = _decision(app, "21/QĐ-UBND")
    assert decision.id == decision_id and decision.status == "draft" and decision.created_by == "an@example.vn"
    assert decision.legal_bases == ["Nghị định 63/2010/NĐ-CP", "Nghị định 92/2017/NĐ-CP"]
    again = an.post("/quan-tri/quyet-dinh/moi", data={"csrf_token": token, "number": "21/QĐ-UBND"})
    assert again.status_code == 400 and "đã có trong hệ thống" in again.get_data(as_text=True)
    listing = an.get("/quan-tri/?status=draft").get_data(as_text=True)
    assert "21/QĐ-UBND" in listing and "Dự thảo" in listing


def test_rows_are_validated_one_by_one(app, an):
    decision_id = _create(an, "22/QĐ-UBND")
    assert _add(an, decision_id, kind="new", name="Cấp giấy phép thử nghiệm", sector="Hộ tịch",
                level="commune").status_code == 302
    assert _add(an, decision_id, kind="amended", code="9.000002", changed_parts=["papers", "processing_time"]
                ).status_code == 302
    assert _add(an, decision_id, kind="abolished", code="9.999999").status_code == 302
    missing = _add(an, decision_id, kind="amended", code="")
    assert missing.status_code == 400 and "Hãy nhập mã của thủ tục" in missing.get_data(as_text=True)
    page = an.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True)
    row3 = page[page.index('id="dong-3"'):]
    row3 = row3[:row3.index("</tr>")]
    assert "Không tìm thấy thủ tục mã 9.999999" in row3 and "has-problem" in page
    row2 = page[page.index('id="dong-2"'):]
    assert "Chưa nhập nội dung sửa đổi" in row2[:row2.index("</tr>")]
    assert "1 lỗi" in page


def test_edit_and_remove_rows(app, an):
    decision_id = _create(an, "23/QĐ-UBND")
    _add(an, decision_id, kind="abolished", code="9.999998")
    decision = _decision(app, "23/QĐ-UBND")
    item = decision.items[0]
    url = f"/quan-tri/quyet-dinh/{decision_id}/dong/{item.id}"
    data = form_fields(an.get(url).get_data(as_text=True), url)
    assert data["code"] == "9.999998" and data["revision"] == str(decision.revision)
    data["code"] = "9.000003"
    assert an.post(url, data=data).status_code == 302
    decision = _decision(app, "23/QĐ-UBND")
    assert decision.items[0].code == "9.000003"
    remove = f"{url}/xoa"
    form = form_fields(an.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True), remove)
    assert an.post(remove, data=form).status_code == 302
    assert _decision(app, "23/QĐ-UBND").items == []


def _content_url(decision_id: int, item_id: int) -> str:
    return f"/quan-tri/quyet-dinh/{decision_id}/dong/{item_id}/noi-dung"


def test_content_editor_starts_from_the_catalogue_and_saves_structured_content(app, an):
    decision_id = _create(an, "24/QĐ-UBND")
    _add(an, decision_id, kind="amended", code="9.000002", changed_parts=["papers", "processing_time", "fees"])
    item = _decision(app, "24/QĐ-UBND").items[0]
    url = _content_url(decision_id, item.id)
    page = an.get(url).get_data(as_text=True)
    data = form_fields(page, url)
    assert data["name"] == "Đăng ký kết hôn" and data["paper-0-name"] == "Tờ khai đăng ký kết hôn"
    assert data["channel-direct-enabled"] == "1" and data["channel-direct-time_unit"] == "working_day"
    # one paper fewer, a shorter time and a fee for the postal channel
    data["paper-1-name"] = ""
    data["channel-direct-time_value"] = "0,5"
    data["channel-postal-enabled"] = "1"
    data["channel-postal-time_value"] = "3"
    data["channel-postal-time_unit"] = "working_day"
    data["channel-postal-fee-0-kind"] = "fee"
    data["channel-postal-fee-0-amount"] = "25000"
    data["channel-postal-fee-0-text"] = "Cước bưu chính"
    data["legal-9-number"] = "123/2026/NĐ-CP"
    data["legal-9-title"] = "Nghị định về đăng ký hộ tịch"
    response = an.post(url, data=data)
    assert response.status_code == 302, response.get_data(as_text=True)
    item = _decision(app, "24/QĐ-UBND").items[0]
    content = item.content
    assert len(content["papers"]) == len([k for k in data if re.fullmatch(r"paper-\d+-name", k) and data[k]])
    direct = next(c for c in content["channels"] if c["kind"] == "direct")
    assert direct["processing_time"]["value"] == 0.5
    postal = next(c for c in content["channels"] if c["kind"] == "postal")
    assert postal["fees"] == [{"kind": "fee", "amount": 25000, "text": "Cước bưu chính"}]
    assert {"number": "123/2026/NĐ-CP", "title": "Nghị định về đăng ký hộ tịch", "article": None} in content["legal_basis"]
    preview = an.get(f"/quan-tri/quyet-dinh/{decision_id}/xem-truoc").get_data(as_text=True)
    assert "Giấy xác nhận tình trạng hôn nhân" in preview and "Thêm hình thức dịch vụ bưu chính" in preview
    assert "Thời hạn giải quyết" in preview and re.search(r"0[.,]5 ngày làm việc", preview)


def test_content_errors_come_back_next_to_the_row_as_typed(app, an):
    decision_id = _create(an, "25/QĐ-UBND")
    _add(an, decision_id, kind="new", name="Thủ tục có lỗi")
    item = _decision(app, "25/QĐ-UBND").items[0]
    url = _content_url(decision_id, item.id)
    data = form_fields(an.get(url).get_data(as_text=True), url)
    data["paper-0-name"] = "Đơn đề nghị"
    data["paper-0-originals"] = "hai"
    data["channel-online-enabled"] = "1"
    data["channel-online-time_value"] = "5"
    data["online_url"] = "javascript:alert(1)"
    response = an.post(url, data=data)
    page = response.get_data(as_text=True)
    assert response.status_code == 400
    assert 'id="f-paper-0-originals-err"' in page and "Số bản chính phải là số nguyên" in page
    assert 'value="hai"' in page  # as typed
    assert "Hãy chọn đơn vị của thời hạn" in page and "phải bắt đầu bằng https://" in page
    assert _decision(app, "25/QĐ-UBND").items[0].content is None


def test_a_stale_edit_is_a_conflict_naming_who_and_when(app, an, binh):
    decision_id = _create(an, "26/QĐ-UBND")
    _add(an, decision_id, kind="new", name="Thủ tục tranh chấp")
    item = _decision(app, "26/QĐ-UBND").items[0]
    url = _content_url(decision_id, item.id)
    first = form_fields(an.get(url).get_data(as_text=True), url)
    second = form_fields(binh.get(url).get_data(as_text=True), url)
    first["steps"] = "Bước 1: nộp hồ sơ"
    assert an.post(url, data=first).status_code == 302
    second["steps"] = "Bước 1: nộp hồ sơ trực tuyến"
    response = binh.post(url, data=second)
    page = response.get_data(as_text=True)
    assert response.status_code == 409
    assert "an@example.vn" in page and re.search(r"\d\d:\d\d:\d\d ngày \d\d/\d\d/\d{4}", page)
    assert "Bước 1: nộp hồ sơ trực tuyến" in page  # what Bình typed is shown, not lost
    assert f'href="{url}"' in page
    assert _decision(app, "26/QĐ-UBND").items[0].content["steps"] == ["Bước 1: nộp hồ sơ"]
    meta = form_fields(binh.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True),
                       f"/quan-tri/quyet-dinh/{decision_id}/thong-tin")
    meta["revision"] = str(int(meta["revision"]) - 1)
    assert binh.post(f"/quan-tri/quyet-dinh/{decision_id}/thong-tin", data=meta).status_code == 409


def test_publish_needs_confirmation_and_no_errors(app, an):
    decision_id = _create(an, "27/QĐ-UBND")
    _add(an, decision_id, kind="abolished", code="9.999997")
    url = f"/quan-tri/quyet-dinh/{decision_id}/cong-bo"
    page = an.get(url).get_data(as_text=True)
    assert "Chưa thể công bố" in page and "9.999997" in page
    token = csrf_token(an, url)
    revision = _decision(app, "27/QĐ-UBND").revision
    refused = an.post(url, data={"csrf_token": token, "revision": revision, "confirm": "1"})
    assert refused.status_code == 400 and _decision(app, "27/QĐ-UBND").status == "draft"

    decision_id = _create(an, "28/QĐ-UBND")
    _add(an, decision_id, kind="abolished", code="9.000003")
    _add(an, decision_id, kind="new", name="Thủ tục mới từ biểu mẫu", sector="Hộ tịch", level="commune")
    url = f"/quan-tri/quyet-dinh/{decision_id}/cong-bo"
    form = form_fields(an.get(url).get_data(as_text=True), url)
    assert "confirm" not in form  # the box is not ticked for the officer
    assert an.post(url, data=form).status_code == 400
    form["confirm"] = "1"
    done = an.post(url, data=form)
    assert done.status_code == 302
    assert "Đã công bố quyết định 28/QĐ-UBND: 2 thủ tục" in an.get(done.headers["Location"]).get_data(as_text=True)
    with app.extensions["tthc"].db.read() as session:
        decision = decision_service.get_decision(session, "28/QĐ-UBND")
        assert decision.status == "published" and decision.published_by == "an@example.vn"
        editions = session.scalars(select(Edition).where(Edition.decision_id == decision.id)).all()
        assert sorted(e.kind for e in editions) == ["abolished", "new"]
        actors = set(session.scalars(select(AuditEntry.actor).where(AuditEntry.object_id == decision.id,
                                                                    AuditEntry.object_type == "decision")))
        assert actors == {"an@example.vn"}
    assert an.get(url).status_code == 302  # nothing left to publish
    assert "Các thủ tục đã thay đổi" in an.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True)


def test_delete_a_draft_after_ticking_the_box(app, an):
    decision_id = _create(an, "29/QĐ-UBND")
    url = f"/quan-tri/quyet-dinh/{decision_id}/xoa"
    form = form_fields(an.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True), url)
    assert an.post(url, data=form).status_code == 302 and _decision(app, "29/QĐ-UBND")
    form["confirm"] = "1"
    assert an.post(url, data=form).status_code == 302
    with app.extensions["tthc"].db.read() as session:
        assert session.scalar(select(Decision.id).where(Decision.number == "29/QĐ-UBND")) is None


def test_writes_without_a_revision_are_refused(app, an):
    decision_id = _create(an, "30/QĐ-UBND")
    token = csrf_token(an, f"/quan-tri/quyet-dinh/{decision_id}")
    response = an.post(f"/quan-tri/quyet-dinh/{decision_id}/dong", data={"csrf_token": token, "kind": "new",
                                                                        "name": "Không có phiên bản"})
    assert response.status_code == 400 and "revision" in response.get_data(as_text=True)
    assert _decision(app, "30/QĐ-UBND").items == []


def test_annex_of_a_decision_downloads(app, an):
    decision = _decision(app, "105/QĐ-UBND")
    response = an.get(f"/quan-tri/quyet-dinh/{decision.id}/phu-luc.xlsx")
    assert response.status_code == 200 and response.data[:2] == b"PK"
    assert "phu-luc-105-qd-ubnd.xlsx" in response.headers["Content-Disposition"]


def test_every_form_control_of_the_staff_pages_has_a_label(app, an):
    add_user(app, "quantri@example.vn", "admin")
    admin = logged_in(app, "quantri@example.vn")
    decision_id = _create(an, "31/QĐ-UBND")
    _add(an, decision_id, kind="amended", code="9.000002")
    item = _decision(app, "31/QĐ-UBND").items[0]
    with app.extensions["tthc"].db.read() as session:
        user_id = accounts.find_user(session, "an@example.vn").id
    pages = ["/quan-tri/", "/quan-tri/quyet-dinh/moi", f"/quan-tri/quyet-dinh/{decision_id}",
             f"/quan-tri/quyet-dinh/{decision_id}/dong/{item.id}", _content_url(decision_id, item.id),
             f"/quan-tri/quyet-dinh/{decision_id}/xem-truoc", f"/quan-tri/quyet-dinh/{decision_id}/cong-bo",
             "/quan-tri/quyet-dinh/nhap-phu-luc", "/quan-tri/nhap-du-lieu", "/quan-tri/thong-ke",
             "/quan-tri/xuat-du-lieu", "/quan-tri/tai-khoan", f"/quan-tri/tai-khoan/{user_id}", "/quan-tri/khoa-api",
             "/quan-tri/nhat-ky", "/tai-khoan"]
    problems = {}
    for url in pages:
        response = admin.get(url)
        assert response.status_code == 200, url
        bad = unlabelled_controls(response.get_data(as_text=True))
        if bad:
            problems[url] = bad
    assert problems == {}
    assert unlabelled_controls(app.test_client().get("/dang-nhap").get_data(as_text=True)) == []
