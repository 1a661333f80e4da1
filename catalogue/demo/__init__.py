"""The demo catalogue shipped with the project, loaded into an empty database."""
