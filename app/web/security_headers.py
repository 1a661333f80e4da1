"""Security headers on every response: pages, API, static files, errors and redirects.

Procedure texts come from imports and decisions, and reviewed documents from anyone; escaping is
the first defence, and this policy the second: only our own scripts and styles run (no inline
script or style, no ``javascript:`` URL, no plugin), forms post only to us, no ``<base>`` can
redirect relative links, and no other site may frame the pages (``frame-ancestors`` for current
browsers, ``X-Frame-Options`` for old ones). The same policy goes on JSON and files: it costs
nothing there and covers a response a browser is tricked into rendering.

HTTPS only (``Strict-Transport-Security``): a browser ignores the header on plain HTTP (RFC 6797
§8.1) and for a bare IP address, so sending it always cannot lock anyone out of a development
server on ``http://127.0.0.1``. In production it asks for one year (``HSTS_MAX_AGE``), the usual
value and the minimum the browsers' preload lists accept; elsewhere one hour, so a test server
reached once through TLS is not pinned for long. ``includeSubDomains`` is left out: a ministry's
domain may host other sites still on plain HTTP, and the operator who knows better can set the
header in the reverse proxy.

Uploads and the copies made from them are only ever sent as attachments (``review_pages._send``)
with names built by ``review.outputs.safe_stem``; ``nosniff`` stops a browser from guessing that
a download is HTML. Headers a view already set are left as they are.
"""
from __future__ import annotations

from flask import Flask, Response, current_app

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")
HSTS_PRODUCTION = 365 * 24 * 3600
HSTS_ELSEWHERE = 3600


def _hsts() -> str:
    config = current_app.config
    default = HSTS_PRODUCTION if config.get("TTHC_ENV") == "production" else HSTS_ELSEWHERE
    return f"max-age={int(config.get('HSTS_MAX_AGE', default))}"


def add_page_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    response.headers.setdefault("Cross-Origin-Opener-Policy", "same-origin")
    response.headers.setdefault("Strict-Transport-Security", _hsts())
    return response


def register(app: Flask) -> None:
    """Put the headers on every response of the app, whatever blueprint (or none) answered."""
    app.after_request(add_page_headers)
