"""Blueprints of the web application."""
from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import api, errors, filters, public

    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    errors.register(app)
    filters.register(app)
