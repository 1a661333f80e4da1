"""Blueprints of the web application."""
from __future__ import annotations

from flask import Flask


def register_blueprints(app: Flask) -> None:
    from . import account, admin, api, errors, filters, input_limits, officer, officer_api, public
    from . import openapi, review_api, review_pages, security_headers

    input_limits.register(app)  # before the rules bind their converters
    app.register_blueprint(public.bp)
    app.register_blueprint(api.bp, url_prefix="/api/v1")
    app.register_blueprint(account.bp)
    app.register_blueprint(officer.bp)
    app.register_blueprint(admin.bp)
    app.register_blueprint(officer_api.bp)
    app.register_blueprint(review_pages.bp)
    app.register_blueprint(review_api.bp)
    app.register_blueprint(openapi.bp)
    from .health import bp as health_bp
    app.register_blueprint(health_bp)
    errors.register(app)
    security_headers.register(app)
    filters.register(app)
