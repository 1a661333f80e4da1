"""The officers' JSON API for decisions, driven by a program with a bearer token."""
from __future__ import annotations

import re

import pytest

from .staff_support import add_token, add_user, make_app

SHAPE = {"status", "error", "message", "errors"}


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("officer-api"))
    add_user(application, "api@example.vn", "officer")
    add_user(application, "doc@example.vn", "reviewer")
    yield application
    application.extensions["tthc"].close()


@pytest.fixture(scope="module")
def api(app):
    headers = {"Authorization": f"Bearer {add_token(app, 'api@example.vn')}"}
    client = app.test_client()

    def call(method: str, url: str, json=None):
        return client.open(url, method=method, json=json, headers=headers)
    return call


def test_draft_items_validation_preview_and_publication(api):
    created = api("POST", "/api/v1/decisions", {"number": "40/QĐ-UBND", "date": "2027-05-02",
                                               "effective_date": "2027-06-01", "signer": "Phạm D",
                                               "legal_bases": ["Nghị định 63/2010/NĐ-CP"]})
    assert created.status_code == 201
    decision = created.get_json()
    assert created.headers["Location"] == f"/api/v1/decisions/{decision['id']}"
    assert decision["status"] == "draft" and decision["legal_bases"] == ["Nghị định 63/2010/NĐ-CP"]
    base = f"/api/v1/decisions/{decision['id']}"

    added = api("POST", f"{base}/items", {"revision": decision["revision"], "kind": "abolished", "code": "9.999980"})
    assert added.status_code == 201 and added.get_json()["items"][0]["code"] == "9.999980"
    revision = added.get_json()["revision"]
    stale = api("POST", f"{base}/items", {"revision": decision["revision"], "kind": "new", "name": "Muộn"})
    body = stale.get_json()
    assert stale.status_code == 409 and set(body) == SHAPE and "api@example.vn" in body["message"]

    validation = api("GET", f"{base}/validation").get_json()
    assert validation["publishable"] is False
    assert {"row": 1, "field": "code", "severity": "error"}.items() <= validation["problems"][0].items()
    refused = api("POST", f"{base}/publish", {"revision": revision})
    body = refused.get_json()
    assert refused.status_code == 400 and body["error"] == "validation_failed"
    assert body["errors"] == [{"field": "items.1.code", "messages": ["Không tìm thấy thủ tục mã 9.999980 trong danh mục."]}]

    second = api("POST", f"{base}/items", {"revision": revision, "kind": "amended", "code": "9.000002",
                                          "changed_parts": ["name"]})
    assert second.status_code == 201
    preview = api("GET", f"{base}/preview").get_json()
    assert [p["code"] for p in preview["procedures"]] == ["9.999980", "9.000002"]


def test_publish_through_the_api(api):
    decision = api("POST", "/api/v1/decisions", {"number": "41/QĐ-UBND", "effective_date": "2027-06-01",
                                                 "date": "2027-05-01", "signer": "Phạm D"}).get_json()
    base = f"/api/v1/decisions/{decision['id']}"
    decision = api("POST", f"{base}/items", {"revision": decision["revision"], "kind": "new",
                                            "name": "Thủ tục mới qua API", "level": "province"}).get_json()
    published = api("POST", f"{base}/publish", {"revision": decision["revision"]})
    body = published.get_json()
    assert published.status_code == 200 and body["editions"] == 1 and body["decision"]["status"] == "published"
    assert body["warnings"] == []
    listing = api("GET", "/api/v1/decisions?status=published&per_page=100").get_json()
    assert "41/QĐ-UBND" in [d["number"] for d in listing["items"]]
    assert api("GET", f"{base}/preview").status_code == 400


def test_partial_edit_of_a_draft_and_a_stale_edit(api):
    decision = api("POST", "/api/v1/decisions", {"number": "43/QĐ-UBND", "signer": "Phạm D"}).get_json()
    base = f"/api/v1/decisions/{decision['id']}"
    edited = api("PATCH", base, {"revision": decision["revision"], "title": "Công bố thủ tục hộ tịch",
                                 "effective_date": "01/07/2027"})
    body = edited.get_json()
    assert edited.status_code == 200 and body["title"] == "Công bố thủ tục hộ tịch"
    assert body["effective_date"] == "2027-07-01" and body["signer"] == "Phạm D" and body["number"] == "43/QĐ-UBND"
    assert body["revision"] > decision["revision"] and body["updated_by"] == "api@example.vn"

    stale = api("PATCH", base, {"revision": decision["revision"], "title": "Bản cũ"})
    conflict = stale.get_json()
    assert stale.status_code == 409 and set(conflict) == SHAPE and conflict["error"] == "conflict"
    assert "api@example.vn" in conflict["message"] and re.search(r"\d\d:\d\d:\d\d ngày \d\d/\d\d/\d{4}",
                                                                 conflict["message"])
    assert api("GET", base).get_json()["title"] == "Công bố thủ tục hộ tịch"

    nothing = api("PATCH", base, {"revision": body["revision"]})
    assert nothing.status_code == 400 and set(nothing.get_json()) == SHAPE
    api("POST", "/api/v1/decisions", {"number": "44/QĐ-UBND"})
    taken = api("PATCH", base, {"revision": body["revision"], "number": "44/QĐ-UBND", "date": "mai"})
    assert taken.status_code == 400 and {e["field"] for e in taken.get_json()["errors"]} == {"number", "date"}
    assert api("PATCH", "/api/v1/decisions/999999", {"revision": 1, "title": "x"}).status_code == 404


def test_bad_input_gets_field_errors_in_the_one_shape(api):
    response = api("POST", "/api/v1/decisions", {"number": "", "effective_date": "mai"})
    body = response.get_json()
    assert response.status_code == 400 and set(body) == SHAPE
    assert {e["field"] for e in body["errors"]} == {"number", "effective_date"}
    not_json = api("POST", "/api/v1/decisions", None)
    assert not_json.status_code == 400 and "JSON" in not_json.get_json()["message"]
    decision = api("POST", "/api/v1/decisions", {"number": "42/QĐ-UBND"}).get_json()
    no_revision = api("POST", f"/api/v1/decisions/{decision['id']}/items", {"kind": "new", "name": "x"})
    assert no_revision.status_code == 400 and "revision" in no_revision.get_json()["message"]
    bad_kind = api("POST", f"/api/v1/decisions/{decision['id']}/items", {"revision": decision["revision"], "kind": "x"})
    assert bad_kind.status_code == 400 and bad_kind.get_json()["errors"][0]["field"] == "kind"
    assert api("GET", "/api/v1/decisions/999999").status_code == 404


def test_who_may_call_it(app):
    anonymous = app.test_client().get("/api/v1/decisions")
    assert anonymous.status_code == 401 and set(anonymous.get_json()) == SHAPE
    reviewer = app.test_client().get("/api/v1/decisions",
                                     headers={"Authorization": f"Bearer {add_token(app, 'doc@example.vn')}"})
    assert reviewer.status_code == 403 and set(reviewer.get_json()) == SHAPE
