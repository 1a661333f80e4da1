"""Vietnamese full-text search of procedures: analysis, one interface, two backends.

``search.interface`` is the only module the rest of the project imports; ``open_backend`` picks
the embedded Whoosh index or the PostgreSQL tables behind it.
"""
