"""Hostile input over HTTP: every answer is a 4xx with a clear message or an inert page, never a 500.

- every hostile file class of the reviewer (``tests/review/hostile_docs.py``) posted to
  ``POST /api/v1/review`` and to the upload page, alone and inside batch zips;
- the same files and spreadsheet-specific attacks as a decision annex (.xlsx), and broken portal
  data (.jsonl / .jsonl.gz) as a background import;
- uploads over the size limit (413, the limit said in Vietnamese);
- malformed forms and JSON bodies to every state-changing route, as an administrator with a valid
  CSRF token: wrong types, missing fields, huge strings, impossible dates, non-UTF-8 bytes, deep
  nesting; and garbage query strings and huge ids to every GET route;
- markup (``<script>``, ``javascript:``, attribute breakers) typed into every field of a procedure
  by the officer's forms, published, then read back on the citizen pages, the history, search,
  and the officer's own pages.

Routes come from ``app.url_map`` (see ``route_samples``), so a route added later is attacked too.
"""
from __future__ import annotations

import gzip
import io
import random
import re
import zipfile
from pathlib import Path

import pytest
from openpyxl import Workbook
from sqlalchemy import select
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from catalogue import search_sync
from catalogue.models import Edition
from review.errors import MESSAGES
from tests.review.corpus.builder import Spec, build_docx
from tests.review.hostile_docs import (
    BILLION_LAUGHS, HOSTILE_CASES, RawEntry, deflate_bomb, ole2_file, raw_zip,
)

from .route_samples import UNSAFE, fetch, routes, sample_args, url
from .staff_support import csrf_token, fingerprint, form_fields, make_app, staff_clients

CLEAN = build_docx(Spec("quyet_dinh"))
VIETNAMESE = re.compile("[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]", re.I)
ERROR_SHAPE = {"status", "error", "message", "errors"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("hostile"), REVIEW_RATE_LIMIT="100000/60")
    yield application
    application.extensions["tthc"].close()
    pool = application.extensions.get("tthc_review_pool")
    if pool is not None:
        pool.close()


@pytest.fixture(scope="module")
def clients(app):
    return staff_clients(app)


@pytest.fixture(scope="module")
def args(app, clients):
    return sample_args(app, "reviewer@example.vn")


def multipart(files: list[tuple[str, str, bytes]], **fields: str) -> dict:
    """A multipart body encoded in memory (the test client leaves big spooled bodies unclosed)."""
    values = MultiDict(list(fields.items()))
    for field, name, data in files:
        values.add(field, FileStorage(io.BytesIO(data), filename=name))
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def assert_clear_refusal(response, where: str) -> None:
    """Not a 500; a 4xx says why in Vietnamese, in the one JSON shape under /api/."""
    assert response.status_code < 500, f"{where}: {response.status_code} {response.get_data(as_text=True)[:300]}"
    if response.status_code < 400:
        return
    if response.is_json:
        body = response.get_json()
        assert set(body) == ERROR_SHAPE and VIETNAMESE.search(body["message"]), f"{where}: {body}"
    else:
        assert VIETNAMESE.search(response.get_data(as_text=True)), f"{where}: no message"


def _uploads_left(app) -> list[Path]:
    folder = Path(app.config["TTHC_INSTANCE"]) / "uploads"
    return [p for p in folder.rglob("*") if p.is_file()] if folder.exists() else []


# -- hostile documents to the reviewer ------------------------------------------------------------------

@pytest.mark.parametrize("case", HOSTILE_CASES, ids=lambda c: c.name)
def test_every_hostile_document_class_gets_a_report_from_the_api(clients, case):
    data = case.build()
    response = clients["anonymous"].post("/api/v1/review", **multipart([("file", f"{case.name}.docx", data)]))
    assert response.status_code == 200, response.get_data(as_text=True)[:300]
    [report] = response.get_json()
    assert report["file"] == f"{case.name}.docx" and report["error"] == MESSAGES[case.code]
    assert report["findings"] == [] and report["compliant"] is False


@pytest.mark.parametrize("role", ["anonymous", "reviewer"])
def test_every_hostile_document_class_gets_an_inert_result_page(app, clients, role):
    """Uploaded through the page (by 20, the anonymous limit): each document's page says why, no bytes are kept."""
    client = clients[role]
    kept = len(list(Path(app.instance_path).rglob("*.bin")))
    for start in range(0, len(HOSTILE_CASES), 20):
        cases = HOSTILE_CASES[start:start + 20]
        files = [("file", f"<b onmouseover=alert(1)>{case.name}.docx", case.build()) for case in cases]
        token = csrf_token(client, "/kiem-tra-van-ban")
        response = client.post("/kiem-tra-van-ban", **multipart(files, csrf_token=token))
        assert response.status_code == 303, response.get_data(as_text=True)[:300]
        batch_url = response.headers["Location"]
        batch = client.get(batch_url).get_data(as_text=True)
        assert "<b onmouseover" not in batch and "&lt;b onmouseover=alert(1)&gt;" in batch
        assert f"{len(cases)} không đọc được" in batch
        for number, case in enumerate(cases, start=1):
            page = client.get(f"{batch_url}/{number}")
            html = page.get_data(as_text=True).replace("&#34;", '"')
            assert page.status_code == 200 and MESSAGES[case.code].split(".")[0] in html, case.name
            assert "nhan-xet.docx" not in html  # no copy is offered of a refused file
    assert len(list(Path(app.instance_path).rglob("*.bin"))) == kept


def _zip_of(members: dict[str, bytes]) -> bytes:
    return raw_zip([RawEntry(name, data) for name, data in members.items()])


@pytest.mark.parametrize("name, data, words", [
    ("lo-bom.zip", deflate_bomb(), "bom giải nén"),
    ("ngoai-thu-muc.zip", _zip_of({"../../evil.docx": CLEAN}), "không an toàn"),
    ("tuyet-doi.zip", _zip_of({"/etc/evil.docx": CLEAN}), "không an toàn"),
    ("rac.zip", random.Random(3).randbytes(2048), "không phải là tệp nén .zip"),
])
def test_hostile_batch_zips_are_reports_not_crashes(clients, name, data, words):
    response = clients["anonymous"].post("/api/v1/review", **multipart([("file", name, data)]))
    assert response.status_code == 200
    [report] = response.get_json()
    assert report["file"] == name and words in report["error"] and report["findings"] == []


def test_a_hostile_member_inside_a_batch_is_its_own_report(clients):
    batch = _zip_of({"tot.docx": CLEAN, "bom.docx": deflate_bomb(), "ghi-chu.txt": "Ghi chú".encode()})
    response = clients["anonymous"].post("/api/v1/review", **multipart([("file", "lo.zip", batch)]))
    reports = {r["file"]: r for r in response.get_json()}
    assert reports["lo.zip/tot.docx"]["error"] is None
    assert reports["lo.zip/bom.docx"]["error"] == MESSAGES["compression_ratio"]


# -- hostile spreadsheets to the officer ----------------------------------------------------------------

def _workbook_parts() -> list[tuple[str, bytes]]:
    workbook = Workbook()
    sheet = workbook.active
    sheet.append(["STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Loại thay đổi"])
    sheet.append([1, None, "Thủ tục", "Hộ tịch", "Cấp xã", "Mới ban hành"])
    buffer = io.BytesIO()
    workbook.save(buffer)
    with zipfile.ZipFile(buffer) as archive:
        return [(info.filename, archive.read(info)) for info in archive.infolist()]


def _workbook(replace: dict[str, bytes] | None = None, add: dict[str, bytes] | None = None) -> bytes:
    """A real annex workbook with parts replaced or added, zipped by hand (names ``zipfile`` refuses)."""
    parts = [(name, (replace or {}).get(name, data)) for name, data in _workbook_parts()]
    parts += list((add or {}).items())
    return raw_zip([RawEntry(name, data) for name, data in parts])


SHEET = "xl/worksheets/sheet1.xml"
SHEET_XML = (b'<?xml version="1.0" encoding="UTF-8"?>%s<worksheet xmlns="http://schemas.openxmlformats.org/'
             b'spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>%s</t></is></c></row>'
             b'</sheetData></worksheet>')
SPREADSHEET_ATTACKS = {  # built when a test runs, not when the module is collected
    "billion_laughs": lambda: _workbook({SHEET: SHEET_XML % (
        BILLION_LAUGHS.replace("w:document", "worksheet").encode(), b"&lol9;")}),
    "xxe_file": lambda: _workbook({SHEET: SHEET_XML % (
        b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "file:///etc/passwd">]>', b"&x;")}),
    "xxe_http": lambda: _workbook({SHEET: SHEET_XML % (
        b'<!DOCTYPE worksheet [<!ENTITY x SYSTEM "http://127.0.0.1:9/">]>', b"&x;")}),
    "sheet_bomb": lambda: _workbook({SHEET: b"<" + b" " * (20 * 1024 * 1024)}),
    "macro": lambda: _workbook(add={"xl/vbaProject.bin": b"\xcc" * 64}),
    "traversal": lambda: _workbook(add={"../../evil.xml": b"<a/>"}),
    "legacy_xls": lambda: ole2_file({"Workbook": b"\x09\x08" + b"\0" * 1000}),
    "docx_renamed": lambda: CLEAN,
    "broken_sheet_xml": lambda: _workbook({SHEET: b"<worksheet><sheetData><row><c>"}),
    "many_entries": lambda: _workbook(add={f"xl/media/p{i}.xml": b"<a/>" for i in range(600)}),
}
ANNEX_CASES = [(case.name, case.build) for case in HOSTILE_CASES] + list(SPREADSHEET_ATTACKS.items())


@pytest.mark.parametrize("name, build", ANNEX_CASES, ids=[n for n, _ in ANNEX_CASES])
def test_hostile_annex_spreadsheets_are_refused_with_a_message_and_change_nothing(app, clients, name, build):
    client = clients["officer"]
    before = fingerprint(app)
    token = csrf_token(client, "/quan-tri/quyet-dinh/nhap-phu-luc")
    response = client.post("/quan-tri/quyet-dinh/nhap-phu-luc", **multipart(
        [("file", f"{name}.xlsx", build())], csrf_token=token, number=f"1/QĐ-{name[:20]}",
        effective_date="2027-01-01"))
    assert response.status_code == 400, (name, response.status_code)
    html = response.get_data(as_text=True)
    assert 'id="f-file-err"' in html or "dòng không áp dụng được" in html, name
    assert_clear_refusal(response, name)
    assert fingerprint(app) == before and _uploads_left(app) == []


def _portal_job(app, client, filename: str, data: bytes) -> dict:
    from app.jobs import runner
    token = csrf_token(client, "/quan-tri/nhap-du-lieu")
    response = client.post("/quan-tri/nhap-du-lieu", **multipart([("file", filename, data)], csrf_token=token))
    assert_clear_refusal(response, filename)
    if response.status_code == 400:
        return {"status": "refused"}
    assert response.status_code == 302
    runner(app).join(timeout=60)
    job_url = response.headers["Location"]
    assert_clear_refusal(client.get(job_url), job_url)
    return client.get(job_url + "/tien-do").get_json()


@pytest.mark.parametrize("filename, data", [
    ("rac.jsonl.gz", random.Random(5).randbytes(4096)),
    ("cut.jsonl.gz", gzip.compress(b'{"a": 1}\n' * 1000)[:200]),
    ("latin1.jsonl", '{"tenTTHC": "Đăng ký"}\n'.encode("cp1258", errors="replace") + b"\xff\xfe\n"),
    ("khong-phai-json.jsonl", b"<html><script>alert(1)</script></html>\n{\n]\n"),
    ("sau.jsonl", b"[" * 100_000 + b"\n"),
    ("mot-dong-dai.jsonl.gz", gzip.compress(b'{"x": "' + b"a" * (8 * 1024 * 1024) + b'"}\n')),
])
def test_broken_portal_data_ends_its_job_with_a_message(app, clients, filename, data):
    before_uploads = _uploads_left(app)
    state = _portal_job(app, clients["officer"], filename, data)
    assert state["status"] in ("refused", "failed", "done"), state
    if state["status"] == "failed":
        assert VIETNAMESE.search(state["message"] or ""), state
    assert _uploads_left(app) == before_uploads


# -- too large -----------------------------------------------------------------------------------------

@pytest.fixture
def small_limit(app):
    saved = app.config["MAX_CONTENT_LENGTH"]
    app.config["MAX_CONTENT_LENGTH"] = 64 * 1024
    yield
    app.config["MAX_CONTENT_LENGTH"] = saved


def test_uploads_over_the_limit_are_413_with_the_limit_in_vietnamese(app, clients, small_limit, args):
    big = random.Random(9).randbytes(100 * 1024)
    anonymous, officer = clients["anonymous"], clients["officer"]
    cases = [
        (anonymous, "/api/v1/review", {}),
        (anonymous, "/kiem-tra-van-ban", {"csrf_token": csrf_token(anonymous, "/kiem-tra-van-ban")}),
        (officer, "/quan-tri/quyet-dinh/nhap-phu-luc", {"csrf_token": csrf_token(officer, "/quan-tri/")}),
        (officer, "/quan-tri/nhap-du-lieu", {"csrf_token": csrf_token(officer, "/quan-tri/")}),
    ]
    for client, target, fields in cases:
        response = client.post(target, **multipart([("file", "lon.xlsx", big)], **fields))
        text = response.get_data(as_text=True)
        assert response.status_code == 413, (target, response.status_code)
        assert "64 KB" in text and ("Hãy chia" in text or "chia thành" in text), target
        assert_clear_refusal(response, target)


def test_a_huge_form_field_is_refused_or_trimmed_never_a_500(app, clients):
    """Multipart fields are bounded (``MAX_FORM_MEMORY_SIZE``, 413); a plain form's text is cut to its field's size."""
    officer = clients["officer"]
    token = csrf_token(officer, "/quan-tri/quyet-dinh/moi")
    response = officer.post("/quan-tri/quyet-dinh/moi", **multipart([], csrf_token=token, number="x" * 600_000))
    assert response.status_code == 413
    assert_clear_refusal(response, "huge multipart field")
    response = officer.post("/quan-tri/quyet-dinh/moi", data={"csrf_token": token, "number": "Q" * 600_000,
                                                               "title": "Đ" * 600_000})
    assert response.status_code == 302
    decision = officer.get(response.headers["Location"]).get_data(as_text=True)
    assert "Q" * 100 in decision and "Q" * 101 not in decision


# -- malformed forms and JSON to every state-changing route ----------------------------------------------

FIELD_NAMES = (
    "number", "date", "effective_date", "issuer", "signer", "legal_bases", "title", "revision", "confirm",
    "kind", "code", "name", "sector", "level", "agency", "changed_parts", "successor_row", "successor_code", "note",
    "levels", "procedure_type", "audience", "steps", "conditions", "online_level", "online_url", "notes",
    "paper-0-name", "paper-0-originals", "paper-0-copies", "paper-0-group", "result-0-name", "agency-0-name",
    "agency-0-role", "legal-0-number", "channel-direct-enabled", "channel-direct-time_value",
    "channel-direct-time_unit", "channel-direct-fee-0-amount", "channel-direct-fee-0-kind",
    "email", "role", "active", "password", "current_password", "new_password", "confirm_password", "back",
    "profile", "next",
)
WRONG_VALUES = ("abc", "-1", "0", "1e999", "9" * 40, "nan", "-inf", "null", "[]", "{}", "2026-13-45",
                "31/02/2026", "9999-12-31", "0001-01-01", "\x00", "\u202e\u200b", " ", "../../etc/passwd",
                '"><img src=x onerror=alert(1)>')
SKIPPED_WRITES = {"/dang-xuat"}  # it would end the administrator's session; test_sessions covers it


def _unsafe_routes(app):
    return [r for r in routes(app) if r.method in UNSAFE and r.rule not in SKIPPED_WRITES]


def _raw_form(token: str, fields: tuple[str, ...], value: bytes) -> bytes:
    return b"&".join([b"csrf_token=" + token.encode()] + [f.encode() + b"=" + value for f in fields])


def form_variants(token: str) -> list[tuple[str, dict]]:
    variants: list[tuple[str, dict]] = [("missing fields", {"data": {"csrf_token": token}})]
    for value in WRONG_VALUES:
        variants.append((f"value {value[:12]!r}", {"data": {"csrf_token": token, **{f: value for f in FIELD_NAMES}}}))
    variants.append(("huge strings", {"data": {"csrf_token": token, **{f: "Đ" * 25_000 for f in FIELD_NAMES}}}))
    repeated = MultiDict([("csrf_token", token)] + [(f, v) for f in FIELD_NAMES for v in ("1", "abc", "")])
    variants.append(("repeated fields", {"data": repeated}))
    for label, raw in (("non-UTF-8 bytes", b"\xff\xfe\xc3\x28"), ("percent-encoded non-UTF-8", b"%FF%FE%C3%28")):
        variants.append((label, {"data": _raw_form(token, FIELD_NAMES, raw),
                                 "content_type": "application/x-www-form-urlencoded"}))
    variants.append(("multipart with a non-UTF-8 file name", multipart(
        [("file", "t\udcff\udcfe.xlsx".encode("utf-8", "surrogateescape").decode("latin-1"), b"PK\x03\x04")],
        csrf_token=token)))
    return variants


def json_variants(token: str) -> list[tuple[str, dict]]:
    headers = {"X-CSRFToken": token}
    raw = [("not JSON", b"{not json"), ("non-UTF-8 JSON", b'{"number": "\xff\xfe"}'), ("empty body", b""),
           ("deep nesting", b"[" * 100_000 + b"]" * 100_000), ("deep object", b'{"a":' * 50_000 + b"1" + b"}" * 50_000)]
    variants = [(label, {"data": body, "content_type": "application/json", "headers": headers}) for label, body in raw]
    documents = [("array", []), ("string", "Đ"), ("null", None), ("number", 12),
                 ("wrong types", {f: {"a": [1, None]} for f in FIELD_NAMES}),
                 ("huge numbers", {"revision": 10 ** 40, "successor_row": 10 ** 40, "number": 1e308,
                                   "date": 10 ** 20, "legal_bases": [10 ** 40]}),
                 ("bad dates", {"revision": 1, "number": "1/QĐ-X", "date": "2026-02-30",
                                "effective_date": "0000-00-00"}),
                 ("huge strings", {"revision": 1, **{f: "Đ" * 25_000 for f in FIELD_NAMES},
                                   "legal_bases": ["x" * 25_000] * 20}),
                 ("lists for scalars", {f: ["a", "b"] for f in FIELD_NAMES}),
                 ("booleans", {f: True for f in FIELD_NAMES})]
    variants += [(label, {"json": body, "headers": headers}) for label, body in documents]
    return variants


def test_malformed_forms_and_json_to_every_state_changing_route_are_never_a_500(app, clients, args):
    admin = clients["admin"]
    token = csrf_token(admin, "/tai-khoan")
    failures = []
    for route in _unsafe_routes(app):
        target = url(app, route, args)
        for label, kwargs in form_variants(token) + json_variants(token):
            response = fetch(admin, route.method, target, **kwargs)
            try:
                assert_clear_refusal(response, f"{route.method} {route.rule} ({label})")
            except AssertionError as exc:
                failures.append(str(exc)[:300])
        assert admin.get("/tai-khoan").status_code == 200, f"{route.rule} ended the administrator's session"
    assert failures == []


def test_malformed_login_forms_are_never_a_500(app):
    client = app.test_client()
    token = csrf_token(client, "/dang-nhap")
    for label, kwargs in form_variants(token):
        response = fetch(client, "POST", "/dang-nhap", **kwargs)
        assert_clear_refusal(response, f"login ({label})")


GARBAGE_QUERIES = (
    "page=abc&per_page=-5&q=%FF%FE&as_of=2026-13-45&from=x&to=y&status=%3Cscript%3E&format=..%2F..%2Fetc",
    "page=" + "9" * 40 + "&per_page=" + "9" * 40,
    "page=9999999999&per_page=100",
    "as_of=9999-12-31&from=0001-01-01&to=9999-12-31",
    "q=" + "Đ" * 5000 + "&sector=" + "x" * 5000 + "&level=%00",
    "q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E&sector=%3Cscript%3E&in=1",
    "from_edition=abc&to_edition=-1&seq=" + "9" * 30,
)


def test_garbage_query_strings_to_every_get_route_are_never_a_500(app, clients, args):
    failures = []
    for route in routes(app):
        if route.method != "GET":
            continue
        target = url(app, route, args)
        for query in GARBAGE_QUERIES:
            for role in ("anonymous", "admin"):
                response = fetch(clients[role], "GET", f"{target}?{query}")
                try:
                    assert_clear_refusal(response, f"GET {route.rule}?{query[:40]} as {role}")
                except AssertionError as exc:
                    failures.append(str(exc)[:300])
    assert failures == []


def test_huge_and_odd_ids_in_paths_are_404_not_500(app, clients, args):
    """Ids beyond a 64-bit integer, path tricks and absurd tokens name nothing: 404 (405 where the same
    path has a rule for another method), for reads and writes."""
    admin = clients["admin"]
    token = csrf_token(admin, "/tai-khoan")
    odd = {"decision_id": 10 ** 30, "item_id": 10 ** 30, "job_id": 10 ** 30, "user_id": 10 ** 30,
           "token_id": 10 ** 30, "procedure_id": 10 ** 30, "agency_id": 10 ** 30, "number": 10 ** 30,
           "slug": "\x00" + "x" * 3000, "token": "." * 5000, "kind": "../../etc/passwd", "filename": "../app.py"}
    answers = {}
    for route in routes(app):
        if route.arguments:
            target = url(app, route, {**args, **odd})
            response = fetch(admin, route.method, target, data={"csrf_token": token})
            assert_clear_refusal(response, f"{route.method} {route.rule}")
            answers[f"{route.method} {route.rule}"] = response.status_code
    assert set(answers.values()) <= {404, 405}, {k: v for k, v in answers.items() if v not in (404, 405)}


def test_numbers_too_large_for_the_database_in_query_strings_are_400(clients):
    admin = clients["admin"]
    for target in ("/quan-tri/?page=" + "9" * 30, "/quan-tri/nhat-ky?object_id=" + "9" * 30):
        response = fetch(admin, "GET", target)
        assert response.status_code == 400 and "lớn quá mức cho phép" in response.get_data(as_text=True)


def test_json_nested_too_deeply_is_a_400_in_the_error_shape(clients):
    admin = clients["admin"]
    token = csrf_token(admin, "/tai-khoan")
    response = fetch(admin, "POST", "/api/v1/decisions", data=b"[" * 100_000 + b"]" * 100_000,
                     content_type="application/json", headers={"X-CSRFToken": token})
    body = response.get_json()
    assert response.status_code == 400 and set(body) == ERROR_SHAPE and "JSON" in body["message"]


# -- markup in every procedure field -------------------------------------------------------------------

SCRIPT = '<script>alert("xss")</script>'
BREAKER = '"><img src=x onerror=alert(1)>'
SVG = "'><svg onload=alert(2)>"
TEXTAREA = "</textarea><script>alert(3)</script>"
LIVE = ("<script>alert", "<img src=x", "<svg onload", "</textarea><script")
JS_URL = re.compile(r"""(?:href|src|action|formaction)\s*=\s*["']?\s*javascript:""", re.I)


def marked(label: str) -> str:
    """A field value that carries every kind of markup and says which field it was."""
    return f"{label} {SCRIPT} {BREAKER} {SVG} {TEXTAREA} javascript:alert(4)"


def assert_inert(html: str, where: str) -> None:
    for live in LIVE:
        assert live not in html, f"{where}: live markup {live!r}"
    assert not JS_URL.search(html), f"{where}: javascript: URL"


@pytest.fixture(scope="module")
def published(app, clients):
    """A decision typed through the officer's forms with markup in every field, then published."""
    officer = clients["officer"]
    token = csrf_token(officer, "/quan-tri/quyet-dinh/moi")
    response = officer.post("/quan-tri/quyet-dinh/moi", data={
        "csrf_token": token, "number": "77/QĐ-THU\"><b>", "date": "2026-01-02", "effective_date": "2026-01-05",
        "issuer": marked("Cơ quan"), "signer": marked("Người ký"), "title": marked("Trích yếu"),
        "legal_bases": marked("Căn cứ")})
    assert response.status_code == 302, response.get_data(as_text=True)[:500]
    decision_id = int(response.headers["Location"].rstrip("/").split("/")[-1])
    page = officer.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True)
    row = form_fields(page, f"/quan-tri/quyet-dinh/{decision_id}/dong")
    for key, value in {"kind": "new", "name": marked("Tên thủ tục"), "sector": marked("Lĩnh vực"),
                       "level": "commune", "agency": marked("Cơ quan thực hiện"), "note": marked("Ghi chú")}.items():
        row[key] = value
    added = officer.post(f"/quan-tri/quyet-dinh/{decision_id}/dong", data=row)
    assert added.status_code == 302, added.get_data(as_text=True)[:800]
    page = officer.get(f"/quan-tri/quyet-dinh/{decision_id}").get_data(as_text=True)
    item_id = int(re.search(rf"/quan-tri/quyet-dinh/{decision_id}/dong/(\d+)/noi-dung", page).group(1))
    content_url = f"/quan-tri/quyet-dinh/{decision_id}/dong/{item_id}/noi-dung"
    content = form_fields(officer.get(content_url).get_data(as_text=True), content_url)
    text_fields = ["name", "sector", "procedure_type", "audience", "steps", "conditions", "notes",
                   "paper-0-name", "paper-0-form", "paper-0-quantity_text", "paper-0-case", "result-0-name",
                   "result-0-code", "agency-0-name", "agency-0-address", "legal-0-number", "legal-0-title",
                   "legal-0-article", "channel-direct-description", "channel-direct-time_text",
                   "channel-direct-fee-0-text"]
    for field in text_fields:
        content[field] = marked(field)
    content.setlist("levels", ["commune"])
    content.update({"online_level": "full", "online_url": f"https://dichvucong.example.vn/{BREAKER}",
                    "channel-direct-enabled": "1", "channel-direct-time_value": "3",
                    "channel-direct-time_unit": "working_day", "channel-direct-fee-0-kind": "fee",
                    "channel-direct-fee-0-amount": "10000", "paper-0-group": "submit", "agency-0-role": "receiving"})
    saved = officer.post(content_url, data=content)
    assert saved.status_code == 302, saved.get_data(as_text=True)[:800]
    js = dict(content)
    js["online_url"] = "javascript:alert(5)"
    refused = officer.post(content_url, data=MultiDict(js))
    assert refused.status_code == 400 and "phải bắt đầu bằng https://" in refused.get_data(as_text=True)
    preview = officer.get(f"/quan-tri/quyet-dinh/{decision_id}/xem-truoc").get_data(as_text=True)
    publish_url = f"/quan-tri/quyet-dinh/{decision_id}/cong-bo"
    form = form_fields(officer.get(publish_url).get_data(as_text=True), publish_url)
    form["confirm"] = "1"
    done = officer.post(publish_url, data=form)
    assert done.status_code == 302, done.get_data(as_text=True)[:800]
    svc = app.extensions["tthc"]
    search_sync.drain(svc.db, svc.search)
    with svc.db.read() as session:
        procedure_id = session.scalar(select(Edition.procedure_id).where(Edition.decision_id == decision_id))
    return {"decision_id": decision_id, "item_id": item_id, "procedure_id": procedure_id, "preview": preview}


def test_markup_typed_in_every_field_is_shown_as_text_everywhere(app, clients, published):
    anonymous, officer, admin = clients["anonymous"], clients["officer"], clients["admin"]
    pid, did, iid = published["procedure_id"], published["decision_id"], published["item_id"]
    assert_inert(published["preview"], "preview of the draft")
    procedure_page = anonymous.get(f"/thu-tuc/{pid}").get_data(as_text=True)
    assert "name &lt;script&gt;alert(&#34;xss&#34;)&lt;/script&gt;" in procedure_page
    assert "&#34;&gt;&lt;img src=x onerror=alert(1)&gt;" in procedure_page
    pages = {
        "procedure": (anonymous, f"/thu-tuc/{pid}"),
        "print view": (anonymous, f"/thu-tuc/{pid}?in=1"),
        "history": (anonymous, f"/thu-tuc/{pid}/lich-su"),
        "search by name": (anonymous, "/tim-kiem?q=name+alert+xss"),
        "search for markup": (anonymous, "/tim-kiem?q=%3Cscript%3Ealert(1)%3C%2Fscript%3E"),
        "search for a breaker": (anonymous, "/tim-kiem?q=%22%3E%3Cimg+src%3Dx+onerror%3Dalert(1)%3E"),
        "home": (anonymous, "/"),
        "decision": (officer, f"/quan-tri/quyet-dinh/{did}"),
        "decisions": (officer, "/quan-tri/"),
        "row": (officer, f"/quan-tri/quyet-dinh/{did}/dong/{iid}"),
        "content editor": (officer, f"/quan-tri/quyet-dinh/{did}/dong/{iid}/noi-dung"),
        "preview": (officer, f"/quan-tri/quyet-dinh/{did}/xem-truoc"),
        "statistics": (officer, "/quan-tri/thong-ke"),
        "audit log": (admin, "/quan-tri/nhat-ky"),
    }
    for where, (client, target) in pages.items():
        response = client.get(target)
        assert response.status_code in (200, 302), (where, response.status_code)
        assert_inert(response.get_data(as_text=True), where)
    hits = anonymous.get("/api/v1/search", query_string={"q": "name alert xss"}).get_json()["hits"]
    assert any(h["id"] == pid for h in hits)
    api = anonymous.get(f"/api/v1/procedures/{pid}")
    assert api.mimetype == "application/json" and api.get_json()["edition"]["content"]["name"] == marked("name")


def test_markup_in_sector_and_agency_pages_is_inert(app, clients, published):
    anonymous = clients["anonymous"]
    html = anonymous.get(f"/thu-tuc/{published['procedure_id']}").get_data(as_text=True)
    links = set(re.findall(r'href="(/(?:linh-vuc|co-quan)/[^"]+)"', html))
    assert links, "the procedure page links its sector or agency"
    for link in links:
        response = anonymous.get(link.replace("&amp;", "&"))
        assert response.status_code in (200, 404), link
        assert_inert(response.get_data(as_text=True), link)


def test_markup_in_review_file_names_is_inert(clients):
    client = clients["anonymous"]
    name = "<img src=x onerror=alert(1)><script>alert(9).docx"  # no quote or slash: a browser sends it so
    token = csrf_token(client, "/kiem-tra-van-ban")
    response = client.post("/kiem-tra-van-ban", **multipart([("file", name, CLEAN)], csrf_token=token))
    assert response.status_code == 303
    html = client.get(response.headers["Location"]).get_data(as_text=True)
    assert_inert(html, "review result")
    assert "&lt;script&gt;" in html

