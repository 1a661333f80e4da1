"""Jinja filters for Vietnamese display of dates, amounts and codes."""
from __future__ import annotations

import datetime as dt
from decimal import Decimal

from flask import Flask

from catalogue.content import LEVEL_LABELS


def vndate(value: dt.date | None) -> str:
    return f"{value.day:02d}/{value.month:02d}/{value.year}" if value else ""


def money(value: int | None) -> str:
    return "" if value is None else f"{value:,}".replace(",", ".")


def number(value: Decimal | int | float | None) -> str:
    if value is None:
        return ""
    value = Decimal(str(value))
    return str(int(value)) if value == value.to_integral_value() else str(value.normalize()).replace(".", ",")


def register(app: Flask) -> None:
    app.add_template_filter(vndate)
    app.add_template_filter(money)
    app.add_template_filter(number)
    app.add_template_filter(lambda level: LEVEL_LABELS.get(level, level), "levellabel")
