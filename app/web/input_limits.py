"""Bounds on what a request can carry into the app, so hostile input ends in a 4xx, not a 500.

- **Ids in paths** (``<int:…>``) must fit the databases' 64-bit integers. A larger number cannot
  name anything, so it does not match the route (404), instead of reaching SQLite as a Python int
  it refuses to bind (``OverflowError``, a 500 before this).
- **JSON bodies** nested deeper than Python's recursion limit (``[[[[…`` a hundred thousand times)
  make ``json.loads`` raise ``RecursionError``, which Flask's ``get_json(silent=True)`` does not
  catch. Here it counts as what it is, malformed JSON: ``None`` for a silent read, else a 400.

Other numbers that are too large (a page number whose offset overflows) are answered 400 by the
``OverflowError`` handler of ``app.web.errors``.
"""
from __future__ import annotations

from typing import Any

from flask import Flask, Request
from werkzeug.exceptions import BadRequest
from werkzeug.routing import IntegerConverter

DB_INT_MAX = 2 ** 63 - 1


class DatabaseIdConverter(IntegerConverter):
    """``<int:…>`` that matches only numbers a database integer column can hold."""

    def __init__(self, map, fixed_digits: int = 0, min: int | None = None, max: int | None = None,  # noqa: A002
                 signed: bool = False) -> None:
        super().__init__(map, fixed_digits=fixed_digits, min=min, max=DB_INT_MAX if max is None else max,
                         signed=signed)


class BoundedJSONRequest(Request):
    """A request whose JSON body nested too deeply is malformed JSON, not a crash."""

    def get_json(self, force: bool = False, silent: bool = False, cache: bool = True) -> Any:
        try:
            return super().get_json(force=force, silent=silent, cache=cache)
        except RecursionError:
            if silent:
                return None
            raise BadRequest("JSON nested too deeply") from None


def register(app: Flask) -> None:
    """Install both bounds; call before the blueprints add their rules (converters bind then)."""
    app.url_map.converters["int"] = DatabaseIdConverter
    app.request_class = BoundedJSONRequest
