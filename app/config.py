"""Configuration from environment variables or the instance folder's ``config.py`` (DESIGN §3)."""
from __future__ import annotations

import os
from pathlib import Path
from typing import Any

DEFAULT_SECRET = "dev-secret-change-me"


class ConfigError(RuntimeError):
    """The configuration cannot run (e.g. production with debug on or without a secret)."""


def load_config(overrides: dict[str, Any] | None = None) -> dict[str, Any]:
    """Defaults ← instance ``config.py`` ← environment ← explicit overrides."""
    overrides = dict(overrides or {})
    instance = Path(overrides.get("TTHC_INSTANCE") or os.environ.get("TTHC_INSTANCE") or "instance").resolve()
    config: dict[str, Any] = {
        "TTHC_INSTANCE": str(instance),
        "TTHC_ENV": "development",
        "SECRET_KEY": DEFAULT_SECRET,
        "DATABASE_URL": f"sqlite:///{instance / 'tthc.sqlite'}",
        "SEARCH_BACKEND": "whoosh",
        "SEARCH_INDEX_DIR": str(instance / "search-index"),
        "LOAD_DEMO": True,
        "DEBUG": False,
        "MAX_CONTENT_LENGTH": 50 * 1024 * 1024,
    }
    instance_file = instance / "config.py"
    if instance_file.is_file():
        namespace: dict[str, Any] = {}
        exec(compile(instance_file.read_text(encoding="utf-8"), str(instance_file), "exec"), namespace)
        config.update({k: v for k, v in namespace.items() if k.isupper()})
    for key in ("TTHC_ENV", "SECRET_KEY", "DATABASE_URL", "SEARCH_BACKEND", "SEARCH_INDEX_DIR"):
        if os.environ.get(key):
            config[key] = os.environ[key]
    if os.environ.get("FLASK_DEBUG"):
        config["DEBUG"] = os.environ["FLASK_DEBUG"] not in ("0", "false", "")
    config.update(overrides)
    check(config)
    return config


def check(config: dict[str, Any]) -> None:
    if config["TTHC_ENV"] not in ("development", "production", "testing"):
        raise ConfigError(f"TTHC_ENV không hợp lệ: {config['TTHC_ENV']!r} (development hoặc production).")
    if config["SEARCH_BACKEND"] not in ("whoosh", "postgres"):
        raise ConfigError(f"SEARCH_BACKEND không hợp lệ: {config['SEARCH_BACKEND']!r} (whoosh hoặc postgres).")
    if config["TTHC_ENV"] == "production":
        if config.get("DEBUG"):
            raise ConfigError("Không chạy chế độ production khi bật debug.")
        if not config.get("SECRET_KEY") or config["SECRET_KEY"] == DEFAULT_SECRET:
            raise ConfigError("Chế độ production cần SECRET_KEY riêng (không dùng giá trị mặc định).")
