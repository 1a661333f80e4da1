"""The OpenAPI document: valid OpenAPI 3.1, complete, and true of what the API answers.

Besides validating the document, the tests send requests generated from it (Hypothesis draws each
documented parameter from its schema, or any text, or leaves it out) to every anonymous operation
and check that none answers 5xx and that every answer matches the schema documented for its status.
"""
from __future__ import annotations

import io
import string

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from jsonschema import Draft202012Validator, FormatChecker
from openapi_spec_validator import validate

from app.web.openapi import api_rules, openapi_path
from app.web.openapi_spec import OPERATIONS

from .pages_support import make_app

FUZZ = settings(max_examples=40, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("openapi"), REVIEW_RATE_LIMIT="100000/60")
    yield application
    application.extensions["tthc"].close()


@pytest.fixture(scope="module")
def client(app):
    return app.test_client()


@pytest.fixture(scope="module")
def document(client):
    response = client.get("/api/v1/openapi.json")
    assert response.status_code == 200
    return response.get_json()


def check_response(document: dict, path: str, method: str, response) -> None:
    """The status is documented and the JSON body matches its schema."""
    assert response.status_code < 500, (path, response.status_code, response.get_data(as_text=True)[:300])
    responses = document["paths"][path][method]["responses"]
    documented = responses.get(str(response.status_code)) or responses.get("default")
    assert documented, f"{method.upper()} {path}: status {response.status_code} is not documented"
    schema = documented.get("content", {}).get("application/json", {}).get("schema")
    if schema is not None:
        validator = Draft202012Validator({**schema, "components": document["components"]},
                                         format_checker=FormatChecker())
        errors = sorted(validator.iter_errors(response.get_json()), key=str)
        assert not errors, f"{method.upper()} {path} {response.status_code}: {errors[0].message} at {list(errors[0].absolute_path)}"


def test_the_document_is_valid_openapi_3_1(document):
    assert document["openapi"] == "3.1.0"
    validate(document)


def test_every_api_route_is_documented_and_nothing_else(app, document):
    endpoints = {rule.endpoint for rule in api_rules(app)}
    assert sorted(endpoints - set(OPERATIONS)) == [], "add these endpoints to app/web/openapi_spec.py"
    assert sorted(set(OPERATIONS) - endpoints) == [], "documented endpoints that no longer exist"
    for rule in api_rules(app):
        path, _ = openapi_path(rule.rule)
        for method in rule.methods - {"HEAD", "OPTIONS"}:
            operation = document["paths"][path][method.lower()]
            assert operation["summary"] and operation["responses"]


def test_officer_operations_require_credentials_and_public_ones_do_not(document):
    for path, operations in document["paths"].items():
        for operation in operations.values():
            if path.startswith("/decisions"):
                assert operation["security"] and "401" in operation["responses"]
            else:
                assert operation["security"] == []


@pytest.mark.parametrize("path, url", [
    ("/procedures", "/api/v1/procedures"), ("/procedures", "/api/v1/procedures?status=all&per_page=100"),
    ("/procedures/{procedure_id}", "/api/v1/procedures/1"),
    ("/procedures/{procedure_id}", "/api/v1/procedures/1?as_of=2020-01-01"),
    ("/procedures/{procedure_id}", "/api/v1/procedures/999999"),
    ("/procedures/{procedure_id}/history", "/api/v1/procedures/1/history"),
    ("/procedures/{procedure_id}/diff", "/api/v1/procedures/4/diff"),
    ("/procedures/{procedure_id}/diff", "/api/v1/procedures/1/diff"),
    ("/stats", "/api/v1/stats?by=sector"), ("/stats", "/api/v1/stats?by=month"),
    ("/search", "/api/v1/search?q=khai+sinh"), ("/search", "/api/v1/search?q=dang+ky+khia+sinh"),
    ("/search", "/api/v1/search?level=huyen"), ("/openapi.json", "/api/v1/openapi.json"),
])
def test_answers_match_their_documented_schema(client, document, path, url):
    check_response(document, path, "get", client.get(url))


def _value(schema: dict):
    """A strategy for one parameter: a value its schema allows, a value it does not, or any text."""
    if "enum" in schema:
        valid = st.sampled_from(schema["enum"])
    elif schema.get("type") == "integer":
        valid = st.integers(min_value=-3, max_value=10_500)
    elif schema.get("format") == "date":
        valid = st.dates().map(lambda d: d.isoformat())
    else:
        valid = st.text(max_size=60)
    return st.one_of(valid, st.text(alphabet=string.printable + "đĐăâêôơưáàảãạ", max_size=30))


def _anonymous_get_operations():
    from app.web.openapi_spec import OPERATIONS as operations
    return sorted(e for e, op in operations.items() if not op.get("security") and "requestBody" not in op)


@pytest.mark.parametrize("endpoint", _anonymous_get_operations())
def test_generated_requests_never_break_anonymous_operations(app, client, document, endpoint):
    rule = next(r for r in api_rules(app) if r.endpoint == endpoint)
    path, path_parameters = openapi_path(rule.rule)
    operation = document["paths"][path]["get"]
    query = {p["name"]: p["schema"] for p in operation.get("parameters", []) if p["in"] == "query"}
    params = st.fixed_dictionaries({}, optional={name: _value(schema) for name, schema in query.items()})
    ids = st.fixed_dictionaries({p["name"]: st.integers(min_value=0, max_value=60) for p in path_parameters})

    @FUZZ
    @given(params=params, ids=ids)
    def run(params, ids):
        url = "/api/v1" + path.format(**ids)
        check_response(document, path, "get", client.get(url, query_string=params))

    run()


@FUZZ
@given(files=st.lists(st.tuples(st.text(max_size=20), st.binary(max_size=3000)), max_size=3),
       suffixes=st.lists(st.sampled_from([".docx", ".zip", ".txt", ".doc", ""]), min_size=3, max_size=3),
       profile=st.one_of(st.none(), st.sampled_from(["nd30", "vbqppl", "khong-co"])))
def test_generated_uploads_never_break_the_review_api(client, document, files, suffixes, profile):
    data = {"file": [(io.BytesIO(content), name + suffix) for (name, content), suffix in zip(files, suffixes)]}
    if profile:
        data["profile"] = profile
    response = client.post("/api/v1/review", data=data, content_type="multipart/form-data")
    check_response(document, "/review", "post", response)
