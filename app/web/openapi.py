"""``GET /api/v1/openapi.json``: the OpenAPI 3.1 document of every ``/api/v1`` route.

The paths come from the routes Flask has (so a path, a method or a path parameter can never be
documented wrong) and each operation's text, parameters and responses from
``app.web.openapi_spec.OPERATIONS``, keyed by endpoint. Another module may add its endpoints with
:func:`describe`. An ``/api/v1`` route without an entry still appears, with its docstring as its
summary, so the document is never silently short; the tests require an entry for each.
"""
from __future__ import annotations

import copy
import re
from typing import Any

from flask import Blueprint, Flask, current_app, jsonify

from ..auth import access
from .openapi_spec import OPERATIONS, SCHEMAS

bp = Blueprint("openapi", __name__, url_prefix="/api/v1")

PREFIX = "/api/v1"
_CONVERTER = re.compile(r"<(?:(?P<converter>[a-z]+)(?:\([^)]*\))?:)?(?P<name>\w+)>")
_PATH_TYPES = {"int": {"type": "integer", "minimum": 0}, "float": {"type": "number"}}
VERSION = "1.0.0"


def describe(endpoint: str, operation: dict[str, Any]) -> None:
    """Document (or re-document) the operation of ``endpoint``."""
    OPERATIONS[endpoint] = operation


def api_rules(app: Flask):
    """The ``/api/v1`` URL rules, sorted by path."""
    return sorted((r for r in app.url_map.iter_rules() if r.rule.startswith(PREFIX)), key=lambda r: r.rule)


def openapi_path(rule: str) -> tuple[str, list[dict[str, Any]]]:
    """``/api/v1/procedures/<int:procedure_id>`` → ``/procedures/{procedure_id}`` and its path parameters."""
    parameters = []
    for match in _CONVERTER.finditer(rule):
        schema = _PATH_TYPES.get(match.group("converter") or "", {"type": "string"})
        parameters.append({"name": match.group("name"), "in": "path", "required": True, "schema": dict(schema)})
    return _CONVERTER.sub(lambda m: "{" + m.group("name") + "}", rule[len(PREFIX):]) or "/", parameters


def build_document(app: Flask) -> dict[str, Any]:
    paths: dict[str, dict[str, Any]] = {}
    for rule in api_rules(app):
        path, path_parameters = openapi_path(rule.rule)
        for method in sorted((rule.methods or set()) - {"HEAD", "OPTIONS"}):
            operation = copy.deepcopy(OPERATIONS.get(rule.endpoint) or _fallback(app, rule.endpoint))
            operation["operationId"] = rule.endpoint.replace(".", "_")
            if path_parameters:
                operation["parameters"] = path_parameters + operation.get("parameters", [])
                operation["responses"].setdefault("404", {"description": "Không tìm thấy.", "content": {
                    "application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
            if operation.get("security") is None:
                operation["security"] = []  # anonymous: no credentials needed
            paths.setdefault(path, {})[method.lower()] = operation
    return {
        "openapi": "3.1.0",
        "info": {
            "title": "API tra cứu thủ tục hành chính và kiểm tra thể thức văn bản",
            "version": VERSION,
            "description": "Danh mục thủ tục hành chính có phiên bản (tra cứu theo ngày, lịch sử, so sánh), tìm kiếm "
                           "tiếng Việt, thống kê, kiểm tra thể thức văn bản theo Nghị định 30/2020/NĐ-CP và quyết định "
                           "công bố (cho cán bộ). Lỗi luôn có dạng `Error`; nội dung dành cho người đọc bằng tiếng Việt.",
            "license": {"name": "MIT", "identifier": "MIT"},
        },
        "servers": [{"url": PREFIX}],
        "paths": paths,
        "components": {
            "schemas": copy.deepcopy(SCHEMAS),
            "securitySchemes": {
                "bearerAuth": {"type": "http", "scheme": "bearer",
                               "description": "Khóa API do quản trị viên cấp: `Authorization: Bearer <khóa>`."},
                "cookieAuth": {"type": "apiKey", "in": "cookie", "name": app.config.get("SESSION_COOKIE_NAME", "session"),
                               "description": "Phiên đăng nhập của trình duyệt; yêu cầu ghi cần thêm tiêu đề X-CSRFToken."},
            },
        },
    }


def _fallback(app: Flask, endpoint: str) -> dict[str, Any]:
    view = app.view_functions.get(endpoint)
    summary = ((view.__doc__ or "").strip().splitlines() or [endpoint])[0] if view else endpoint
    return {"summary": summary, "responses": {"default": {"description": "Xem mã nguồn của " + endpoint}}}


@bp.get("/openapi.json")
@access("public")
def document():
    cached = current_app.extensions.get("tthc_openapi")
    if cached is None:
        cached = current_app.extensions["tthc_openapi"] = build_document(current_app)
    return jsonify(cached)
