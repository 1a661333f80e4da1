"""Response headers for the citizen and reviewer pages: a strict Content-Security-Policy.

Procedure texts come from imports and decisions, and reviewed documents from anyone; escaping is
the first defence, and this policy the second: only our own scripts and styles run (no inline
script, no ``javascript:`` URL, no plugin), forms post only to us, and no other site may frame the
pages. Headers an application-wide policy already set are left as they are.
"""
from __future__ import annotations

from flask import Response

CSP = ("default-src 'self'; script-src 'self'; style-src 'self'; img-src 'self' data:; object-src 'none'; "
       "base-uri 'none'; frame-ancestors 'none'; form-action 'self'")


def add_page_headers(response: Response) -> Response:
    response.headers.setdefault("Content-Security-Policy", CSP)
    response.headers.setdefault("X-Content-Type-Options", "nosniff")
    response.headers.setdefault("Referrer-Policy", "same-origin")
    response.headers.setdefault("X-Frame-Options", "DENY")
    return response
