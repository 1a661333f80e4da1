"""One error shape for the API, Vietnamese error pages for people; never a stack trace."""
from __future__ import annotations

import logging
import uuid

from flask import Flask, jsonify, render_template, request
from werkzeug.exceptions import HTTPException

from catalogue.errors import CatalogueError, ConflictError, NotFound

from .db import close_session

log = logging.getLogger("tthc")

MESSAGES = {
    400: "Yêu cầu không hợp lệ.",
    401: "Bạn cần đăng nhập để dùng chức năng này.",
    403: "Bạn không có quyền truy cập trang này.",
    404: "Không tìm thấy trang hoặc dữ liệu được yêu cầu.",
    405: "Phương thức không được hỗ trợ.",
    409: "Dữ liệu đã bị người khác thay đổi.",
    413: "Tệp tải lên quá lớn.",
    429: "Bạn thao tác quá nhanh, hãy thử lại sau ít phút.",
    500: "Đã xảy ra lỗi ngoài ý muốn. Chúng tôi đã ghi nhận và sẽ khắc phục.",
}


def wants_json() -> bool:
    return request.path.startswith("/api/")


def error_response(status: int, message: str | None = None, errors: list | None = None, error: str | None = None):
    message = message or MESSAGES.get(status, "Lỗi.")
    if wants_json():
        body = {"status": status, "error": error or _slug(status), "message": message, "errors": errors or []}
        return jsonify(body), status
    return render_template("error.html", status=status, message=message, errors=errors or []), status


def _slug(status: int) -> str:
    return {400: "bad_request", 401: "unauthorized", 403: "forbidden", 404: "not_found", 405: "method_not_allowed",
            409: "conflict", 413: "payload_too_large", 429: "too_many_requests"}.get(status, "server_error")


def register(app: Flask) -> None:
    app.teardown_appcontext(close_session)

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        return error_response(exc.code or 500, MESSAGES.get(exc.code or 500))

    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound):
        return error_response(404, str(exc))

    @app.errorhandler(ConflictError)
    def _conflict(exc: ConflictError):
        return error_response(409, str(exc))

    @app.errorhandler(CatalogueError)
    def _catalogue(exc: CatalogueError):
        return error_response(400, str(exc))

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        request_id = uuid.uuid4().hex[:12]
        log.exception("unhandled error, request id %s", request_id)
        return error_response(500, f"{MESSAGES[500]} Mã lỗi: {request_id}.")
