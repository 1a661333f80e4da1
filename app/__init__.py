"""The Flask application: composes the catalogue, search and review packages (DESIGN §3)."""
from __future__ import annotations

from pathlib import Path
from typing import Any

from flask import Flask

from .config import load_config
from .services import Services


def create_app(config: dict[str, Any] | None = None) -> Flask:
    """Build the app; nothing touches the database or the index until a request or command needs it."""
    settings = load_config(config)
    instance = Path(settings["TTHC_INSTANCE"])
    app = Flask(__name__, instance_path=str(instance), instance_relative_config=True)
    app.config.update(settings)
    app.config.setdefault("JSON_SORT_KEYS", False)
    app.json.ensure_ascii = False
    app.extensions["tthc"] = Services(app.config)

    from . import auth
    auth.init_app(app)
    from .web import register_blueprints
    register_blueprints(app)
    from .cli import register_flask_commands
    register_flask_commands(app)
    return app


def services(app: Flask) -> Services:
    return app.extensions["tthc"]
