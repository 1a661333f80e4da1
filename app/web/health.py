"""``GET /healthz`` for load balancers: is this web machine able to serve?

200 ``{"status": "ok"}`` when the database answers and its schema is at the migrations' head (a
machine running older or newer code than the database must not take traffic); 503 in the project's
error shape, with the reasons, otherwise. One short query per call: the full index check belongs to
``tthc check``, and a search backlog is not a reason to take one machine out of rotation.
"""
from __future__ import annotations

from flask import Blueprint, current_app, jsonify

from ..auth import access
from ..checks import schema_problems

bp = Blueprint("health", __name__)


@bp.get("/healthz")
@access("public")
def healthz():
    problems = schema_problems(current_app.extensions["tthc"].db.engine)
    if not problems:
        response = jsonify({"status": "ok"})
    else:
        response = jsonify({"status": 503, "error": "unavailable", "message": "Dịch vụ chưa sẵn sàng.",
                            "errors": [{"field": "database", "messages": problems}]})
        response.status_code = 503
    response.headers["Cache-Control"] = "no-store"
    return response
