"""Parsing of query parameters, with Vietnamese messages for bad values (→ 400, never 500)."""
from __future__ import annotations

import datetime as dt

from flask import request

from catalogue.errors import CatalogueError


def date_param(name: str) -> dt.date | None:
    value = request.args.get(name)
    if not value:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise CatalogueError(f"Tham số {name} phải là ngày dạng YYYY-MM-DD.") from None


def int_param(name: str, default: int, *, minimum: int = 1, maximum: int | None = None) -> int:
    value = request.args.get(name)
    if value in (None, ""):
        return default
    try:
        number = int(value)
    except ValueError:
        raise CatalogueError(f"Tham số {name} phải là số nguyên.") from None
    if number < minimum or (maximum is not None and number > maximum):
        bound = f" và không quá {maximum}" if maximum is not None else ""
        raise CatalogueError(f"Tham số {name} phải từ {minimum}{bound}.")
    return number


def choice_param(name: str, choices: tuple[str, ...], default: str | None = None) -> str | None:
    value = request.args.get(name) or default
    if value is not None and value not in choices:
        raise CatalogueError(f"Tham số {name} phải là một trong: {', '.join(choices)}.")
    return value
