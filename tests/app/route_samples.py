"""Every route of the app with a real object for each variable part, for tests that walk them all.

The header, error-page and hostile-input tests take the routes from ``app.url_map``, so a route
added later is walked too (``test_route_matrix.py`` keeps ``routes_officer.py`` and
``routes_public.py`` equal to the same map). Each variable part of a rule gets a real value — a
draft decision with a row, a finished import job, an account, an API token, a kept review batch — so
a 200 means a page really rendered.
"""
from __future__ import annotations

import io
from dataclasses import dataclass

from flask import Flask, url_for
from sqlalchemy import select

from catalogue import accounts, jobs
from catalogue import decisions as decision_service
from catalogue.models import Agency, Procedure, Sector
from tests.review.corpus.builder import Spec, build_docx

from .staff_support import add_token, csrf_token

IGNORED_METHODS = {"HEAD", "OPTIONS"}
UNSAFE = {"POST", "PUT", "PATCH", "DELETE"}


@dataclass(frozen=True)
class Route:
    method: str
    rule: str
    endpoint: str
    arguments: frozenset[str]


def routes(app: Flask) -> list[Route]:
    return sorted((Route(method, rule.rule, rule.endpoint, frozenset(rule.arguments))
                   for rule in app.url_map.iter_rules() for method in rule.methods - IGNORED_METHODS),
                  key=lambda r: (r.rule, r.method))


def sample_args(app: Flask, reviewer_email: str) -> dict[str, object]:
    """Real values for every variable part of the app's rules (a kept anonymous review batch included)."""
    db = app.extensions["tthc"].db
    with db.unit_of_work("test") as uow:
        draft = decision_service.create_draft(uow.session, "test", number="1/QĐ-MAU")
        item = decision_service.add_item(uow.session, "test", draft,
                                         decision_service.ItemInput(kind="new", name="Thủ tục mẫu"))
        job = jobs.start_job(uow.session, "test", "dvcqg", "mau.jsonl", 1)
        jobs.finish_job(uow.session, job.id, ok=True, message="xong")
        args: dict[str, object] = {"decision_id": draft.id, "item_id": item.id, "job_id": job.id}
    add_token(app, reviewer_email)
    with db.read() as session:
        args["user_id"] = accounts.find_user(session, reviewer_email).id
        args["token_id"] = accounts.list_tokens(session)[0].id
        args["procedure_id"] = session.scalar(select(Procedure.id).order_by(Procedure.id).limit(1))
        args["agency_id"] = session.scalar(select(Agency.id).order_by(Agency.id).limit(1))
        args["slug"] = session.scalar(select(Sector.slug).order_by(Sector.id).limit(1))
    args["filename"] = "site.css"
    args["token"] = review_batch(app)
    args["number"] = 1
    args["kind"] = "bao-cao.json"
    return args


def review_batch(app: Flask, name: str = "Quyết định mẫu.docx", data: bytes | None = None) -> str:
    """The token of an anonymous review batch of one document."""
    client = app.test_client()
    token = csrf_token(client, "/kiem-tra-van-ban")
    response = client.post("/kiem-tra-van-ban", content_type="multipart/form-data", data={
        "csrf_token": token, "file": [(io.BytesIO(data or build_docx(Spec("quyet_dinh"))), name)]})
    assert response.status_code == 303, response.get_data(as_text=True)[:500]
    return response.headers["Location"].split("/ket-qua/")[1].split("/")[0]


def url(app: Flask, route: Route, args: dict[str, object]) -> str:
    missing = [a for a in route.arguments if a not in args]
    assert not missing, f"{route.endpoint}: no sample value for {missing}; add one to sample_args"
    with app.test_request_context():
        return url_for(route.endpoint, _method=route.method, **{a: args[a] for a in route.arguments})


def fetch(client, method: str, target: str, **kwargs):
    """The response, read and closed (a file response keeps its file open until then)."""
    response = client.open(target, method=method, follow_redirects=False, **kwargs)
    response.get_data()
    response.close()
    return response
