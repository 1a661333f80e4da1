"""Every route of ``app.url_map`` × every kind of visitor has a pinned status.

The expected statuses live in ``routes_officer.py`` (accounts, officer, admin, officer API) and
``routes_public.py`` (citizen and reviewer pages, public API): a route that is in neither table fails
``test_every_route_has_an_expected_status``, so nobody adds a route without deciding who may use it.
The same routes are used to check that no GET changes the database and that every state-changing
request without a CSRF token is refused and changes nothing.
"""
from __future__ import annotations

import pytest
from flask import url_for
from sqlalchemy import select

from catalogue import accounts, jobs
from catalogue import decisions as decision_service
from catalogue.models import Agency, Procedure, Sector

from . import routes_officer
from .staff_support import ROLES, add_token, fingerprint, make_app, staff_clients

try:
    from . import routes_public
except ImportError:  # not written yet: its routes then have no expected status and fail the test
    routes_public = None

IGNORED_METHODS = {"HEAD", "OPTIONS"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}
# Form fields that would make any of our forms valid: a refusal must come from the CSRF check.
PLAUSIBLE_FORM = {"number": "999/QĐ-THU", "kind": "new", "name": "Thủ tục thử", "revision": "1", "confirm": "1",
                  "email": "moi@example.vn", "role": "officer", "active": "0", "password": "mat-khau-du-dai-1",
                  "current_password": "x", "new_password": "mat-khau-du-dai-2", "confirm_password": "mat-khau-du-dai-2"}


def expected_table() -> dict[tuple[str, str], dict[str, int]]:
    table = dict(routes_officer.ROUTES)
    if routes_public is not None:
        overlap = set(table) & set(routes_public.ROUTES)
        assert not overlap, f"routes in both tables: {sorted(overlap)}"
        table.update(routes_public.ROUTES)
    return table


def app_routes(app) -> list[tuple[str, str, str]]:
    return sorted((method, rule.rule, rule.endpoint) for rule in app.url_map.iter_rules()
                  for method in rule.methods - IGNORED_METHODS)


@pytest.fixture(scope="module")
def app(tmp_path_factory):
    application = make_app(tmp_path_factory.mktemp("matrix"))
    yield application
    application.extensions["tthc"].close()


@pytest.fixture(scope="module")
def clients(app):
    return staff_clients(app)


@pytest.fixture(scope="module")
def sample_args(app, clients) -> dict[str, object]:
    """A real object for each variable part of a rule, so a 200 means the page really rendered."""
    db = app.extensions["tthc"].db
    with db.unit_of_work("test") as uow:
        draft = decision_service.create_draft(uow.session, "test", number="1/QĐ-MATRAN")
        item = decision_service.add_item(uow.session, "test", draft,
                                         decision_service.ItemInput(kind="new", name="Thủ tục mẫu"))
        job = jobs.start_job(uow.session, "test", "dvcqg", "mau.jsonl", 1)
        jobs.finish_job(uow.session, job.id, ok=True, message="xong")
        args = {"decision_id": draft.id, "item_id": item.id, "job_id": job.id}
    add_token(app, "reviewer@example.vn")
    with db.read() as session:
        args["user_id"] = accounts.find_user(session, "reviewer@example.vn").id
        args["token_id"] = accounts.list_tokens(session)[0].id
        args["procedure_id"] = session.scalar(select(Procedure.id).order_by(Procedure.id).limit(1))
        args["agency_id"] = session.scalar(select(Agency.id).order_by(Agency.id).limit(1))
        args["slug"] = session.scalar(select(Sector.slug).order_by(Sector.id).limit(1))
    args["filename"] = "site.css"
    args.update(getattr(routes_public, "SAMPLE_ARGS", {}))
    return args


def _url(app, endpoint: str, method: str, rule_args, sample_args) -> str:
    missing = [a for a in rule_args if a not in sample_args]
    assert not missing, f"{endpoint}: no sample value for {missing}; add one to SAMPLE_ARGS"
    with app.test_request_context():
        return url_for(endpoint, _method=method, **{a: sample_args[a] for a in rule_args})


def _request(client, method: str, url: str, data=None):
    """The response, read and closed (a file response keeps its file open until then)."""
    response = client.open(url, method=method, data=data, follow_redirects=False)
    response.get_data()
    response.close()
    return response


def _request_json(client, method: str, url: str, body):
    response = client.open(url, method=method, json=body)
    response.get_data()
    response.close()
    return response


def _is_csrf_refusal(response) -> bool:
    if response.is_json:
        return response.get_json().get("error") == "csrf"
    return "CSRF" in response.get_data(as_text=True)


def test_every_route_has_an_expected_status(app):
    table = expected_table()
    routes = {(m, r) for m, r, _ in app_routes(app)}
    assert sorted(routes - set(table)) == [], "routes without an expected status (add them to a routes table)"
    assert sorted(set(table) - routes) == [], "expected statuses for routes that no longer exist"
    for key, statuses in table.items():
        assert set(statuses) == set(ROLES), f"{key}: give a status for each of {ROLES}"


def test_route_matrix(app, clients, sample_args):
    table = expected_table()
    rules = {(m, r.rule): r for r in app.url_map.iter_rules() for m in r.methods - IGNORED_METHODS}
    mismatches = []
    for (method, rule), statuses in sorted(table.items()):
        if (method, rule) not in rules:
            continue
        url = _url(app, rules[(method, rule)].endpoint, method, rules[(method, rule)].arguments, sample_args)
        for role in ROLES:
            status = _request(clients[role], method, url).status_code
            if status != statuses[role]:
                mismatches.append(f"{method} {rule} as {role}: {status}, expected {statuses[role]}")
    assert mismatches == []


def test_no_get_changes_the_database(app, clients, sample_args):
    before = fingerprint(app)
    for method, rule, endpoint in app_routes(app):
        if method != "GET":
            continue
        rule_args = next(r.arguments for r in app.url_map.iter_rules() if r.rule == rule and method in r.methods)
        url = _url(app, endpoint, method, rule_args, sample_args)
        for role in ROLES:
            _request(clients[role], method, url)
    assert fingerprint(app) == before


def test_every_state_changing_request_without_csrf_token_is_refused(app, clients, sample_args):
    """As an administrator (who may do everything), with plausible data but no token: 400, nothing written."""
    before = fingerprint(app)
    refused = []
    for method, rule, endpoint in app_routes(app):
        if method not in UNSAFE:
            continue
        rule_args = next(r.arguments for r in app.url_map.iter_rules() if r.rule == rule and method in r.methods)
        url = _url(app, endpoint, method, rule_args, sample_args)
        for response in (_request(clients["admin"], method, url, data=PLAUSIBLE_FORM),
                         _request_json(clients["admin"], method, url, {"revision": 1, "number": "998/QĐ-X"})):
            if response.status_code != 400 or not _is_csrf_refusal(response):
                refused.append(f"{method} {rule} ({response.content_type}): {response.status_code}")
    assert refused == []
    assert fingerprint(app) == before
