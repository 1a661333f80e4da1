"""Alembic migrations of the catalogue database."""
