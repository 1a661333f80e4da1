"""The app factory, configuration, pages and the JSON API on the demo catalogue."""
from __future__ import annotations

import pytest

from app import create_app
from app.cli import prepare_database
from app.config import ConfigError
from catalogue import search_sync


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    instance = tmp_path_factory.mktemp("instance")
    application = create_app({"TTHC_INSTANCE": str(instance), "DATABASE_URL": f"sqlite:///{instance / 'db.sqlite'}",
                              "SEARCH_INDEX_DIR": str(instance / "index"), "TTHC_ENV": "testing"})
    prepare_database(application)
    svc = application.extensions["tthc"]
    search_sync.drain(svc.db, svc.search)
    yield application
    svc.close()


@pytest.fixture
def client(app):
    return app.test_client()


def test_production_refuses_debug_and_the_default_secret(tmp_path):
    with pytest.raises(ConfigError, match="SECRET_KEY"):
        create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "production"})
    with pytest.raises(ConfigError, match="debug"):
        create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "production", "SECRET_KEY": "x" * 32,
                    "DEBUG": True})
    create_app({"TTHC_INSTANCE": str(tmp_path), "TTHC_ENV": "production", "SECRET_KEY": "x" * 32})


def test_instance_config_file_is_read(tmp_path):
    (tmp_path / "config.py").write_text('SEARCH_BACKEND = "postgres"\n', encoding="utf-8")
    assert create_app({"TTHC_INSTANCE": str(tmp_path)}).config["SEARCH_BACKEND"] == "postgres"


def test_home_and_procedure_pages(client):
    home = client.get("/")
    assert home.status_code == 200 and "Danh mục thủ tục hành chính" in home.get_data(as_text=True)
    found = client.get("/api/v1/search?q=dang+ky+khai+sinh").get_json()
    page = client.get(f"/thu-tuc/{found['hits'][0]['id']}").get_data(as_text=True)
    assert "Giấy tờ cần chuẩn bị" in page and "Thời hạn giải quyết" in page


def test_history_page_shows_what_changed(client):
    amended = client.get("/api/v1/procedures?per_page=100").get_json()["items"]
    changed = [p for p in amended if p["kind"] == "amended"]
    assert changed
    page = client.get(f"/thu-tuc/{changed[0]['procedure_id']}/lich-su").get_data(as_text=True)
    assert "Sửa đổi, bổ sung" in page and "Ban hành mới" in page


def test_api_error_shape(client):
    for url in ("/api/v1/procedures/999999", "/api/v1/procedures?page=0", "/api/v1/procedures?as_of=hôm-nay",
                "/api/v1/nothing-here"):
        response = client.get(url)
        body = response.get_json()
        assert response.status_code in (400, 404)
        assert set(body) == {"status", "error", "message", "errors"} and body["status"] == response.status_code


@pytest.mark.parametrize("q", [
    "", "x" * 10_240, "!!! ??? ...", "🙂🙂 📄", "AND OR NOT *", '"unbalanced', "name:value", "((()", "-", "\\",
])
def test_bad_search_input_never_breaks(client, q):
    response = client.get("/api/v1/search", query_string={"q": q})
    assert response.status_code in (200, 400)
    body = response.get_json()
    if response.status_code == 200:
        assert set(body) == {"total", "page", "per_page", "hits", "facets", "suggestion"}
    else:
        assert body["message"]


@pytest.mark.parametrize("params", [
    {"per_page": "51"}, {"page": "0"}, {"level": "huyen"}, {"online_level": "3"}, {"as_of": "2026-13-01"},
    {"include_abolished": "maybe"}, {"status": "deleted"},
])
def test_bad_search_parameters_are_400(client, params):
    response = client.get("/api/v1/search", query_string={"q": "khai sinh", **params})
    assert response.status_code == 400 and response.get_json()["message"]


def test_search_contract_and_filters(client):
    body = client.get("/api/v1/search?q=khai+sinh&level=xa&per_page=5").get_json()
    assert body["per_page"] == 5 and body["hits"]
    assert all("xa" in hit["levels"] for hit in body["hits"])
    assert set(body["facets"]) == {"sector", "level", "agency", "online_level", "status"}
    hit = body["hits"][0]
    assert set(hit) == {"id", "code", "name", "sector", "levels", "score", "highlights"}
