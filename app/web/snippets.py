"""Rendering the search backend's highlighted fragments without trusting them.

The backend returns fragments that are already HTML-escaped with ``<mark>`` around the matched
words. Marking them ``|safe`` would make the page only as safe as every backend, now and later.
Instead the fragment is taken apart: the only markup kept is a balanced ``<mark>…</mark>``; every
other piece is unescaped once (undoing the backend's escaping) and escaped again by us, so a
literal ``<script>`` in a procedure's text, escaped or not, reaches the browser as text.
"""
from __future__ import annotations

import html
import re

from markupsafe import Markup, escape

_TAG = re.compile(r"(</?mark>)", re.IGNORECASE)


def marked(fragment: str | None) -> Markup:
    """The fragment as safe HTML whose only elements are ``<mark>`` (balanced, never nested)."""
    out: list[str] = []
    open_mark = False
    for piece in _TAG.split(fragment or ""):
        tag = piece.lower()
        if tag == "<mark>":
            if not open_mark:
                out.append("<mark>")
                open_mark = True
        elif tag == "</mark>":
            if open_mark:
                out.append("</mark>")
                open_mark = False
        elif piece:
            out.append(str(escape(html.unescape(piece))))
    if open_mark:
        out.append("</mark>")
    return Markup("".join(out))


def http_url(url: str | None) -> str | None:
    """``url`` when it is an absolute http(s) link, else None (a ``javascript:`` link is never output)."""
    if not url:
        return None
    cleaned = url.strip()
    if re.match(r"https?://[^\s\"'<>]+$", cleaned, re.IGNORECASE):
        return cleaned
    return None
