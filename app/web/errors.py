"""One error shape for the API, Vietnamese error pages for people; never a stack trace.

Every request gets a short random id, sent back in the ``X-Request-Id`` header of every response.
An unexpected error is logged with that id and its traceback, and the answer — a page or the JSON
error shape — shows only a Vietnamese sentence and the id: a citizen can quote the id, and the
operator finds the traceback with it, while the response never carries a traceback, an SQL
statement, a file path or a library's own message. If even the error page cannot be drawn (the
template or the database behind it is what failed), a minimal page is sent instead.
"""
from __future__ import annotations

import logging
import secrets

from flask import Flask, current_app, g, has_request_context, jsonify, render_template, request
from markupsafe import escape
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
REQUEST_ID_HEADER = "X-Request-Id"


def request_id() -> str:
    """This request's id (made on first use): 12 hex digits, quoted in logs, pages and headers."""
    if not has_request_context():
        return "-"
    if "tthc_request_id" not in g:
        g.tthc_request_id = secrets.token_hex(6)
    return g.tthc_request_id


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


def _size_text(size: int) -> str:
    if size >= 1024 * 1024:
        return f"{size / (1024 * 1024):.0f} MB"
    return f"{max(1, size // 1024)} KB"


def too_large_message() -> str:
    """The 413 sentence with the configured limit, for any form or API that has no sentence of its own."""
    limit = int(current_app.config.get("MAX_CONTENT_LENGTH") or 0)
    if not limit:
        return MESSAGES[413]
    return (f"Dữ liệu gửi lên quá lớn: mỗi lần gửi tối đa {_size_text(limit)}. "
            "Hãy chọn tệp nhỏ hơn hoặc chia thành nhiều lần gửi.")


def server_error(exc: BaseException | None = None, status: int = 500):
    """Log the failure with its traceback and the request id; answer with the id and nothing else."""
    rid = request_id()
    log.error("unhandled error, request id %s: %s %s", rid, request.method, request.path,
              exc_info=(type(exc), exc, exc.__traceback__) if exc is not None else None)
    message = f"{MESSAGES[500]} Mã lỗi: {rid}."
    try:
        return error_response(status, message)
    except Exception:  # the error page itself failed (template, database): a page that needs nothing
        log.exception("the error page failed too, request id %s", rid)
        page = (f'<!doctype html><html lang="vi"><meta charset="utf-8"><title>Lỗi {status}</title>'
                f"<h1>Lỗi {status}</h1><p>{escape(message)}</p></html>")
        return page, status, {"Content-Type": "text/html; charset=utf-8"}


def register(app: Flask) -> None:
    app.teardown_appcontext(close_session)

    @app.after_request
    def _tag(response):
        response.headers[REQUEST_ID_HEADER] = request_id()
        return response

    @app.errorhandler(HTTPException)
    def _http(exc: HTTPException):
        status = exc.code or 500
        if status >= 500:
            return server_error(exc, status)
        if status == 413:
            return error_response(413, too_large_message(), error="payload_too_large")
        return error_response(status, MESSAGES.get(status))

    @app.errorhandler(NotFound)
    def _not_found(exc: NotFound):
        return error_response(404, str(exc))

    @app.errorhandler(ConflictError)
    def _conflict(exc: ConflictError):
        return error_response(409, str(exc))

    @app.errorhandler(CatalogueError)
    def _catalogue(exc: CatalogueError):
        return error_response(400, str(exc))

    @app.errorhandler(OverflowError)
    def _overflow(exc: OverflowError):
        # A number from the request too large for the database or the calendar (a page far past the
        # end, a huge id in a query string): the client's mistake, said as such; logged in case not.
        log.warning("number out of range, request id %s: %s %s", request_id(), request.method, request.path,
                    exc_info=exc)
        return error_response(400, "Một giá trị số trong yêu cầu lớn quá mức cho phép (ví dụ số trang hoặc "
                                   "mã số). Hãy kiểm tra lại đường dẫn hoặc dữ liệu gửi lên.")

    @app.errorhandler(Exception)
    def _unexpected(exc: Exception):
        return server_error(exc)
