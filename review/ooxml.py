"""WordprocessingML names and the small attribute readers every part parser needs.

Kept apart so the style resolver, the numbering resolver and the body walker read attributes the
same way (on/off values, integer twips, namespaced names) without importing each other.
"""
from __future__ import annotations

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
A_NS = "http://schemas.openxmlformats.org/drawingml/2006/main"
WPS_NS = "http://schemas.microsoft.com/office/word/2010/wordprocessingShape"
V_NS = "urn:schemas-microsoft-com:vml"
MC_NS = "http://schemas.openxmlformats.org/markup-compatibility/2006"

NSMAP = {"w": W_NS, "r": R_NS, "a": A_NS, "wps": WPS_NS, "v": V_NS, "mc": MC_NS}

REL_HEADER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/header"
REL_FOOTER = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/footer"
REL_STYLES = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles"
REL_NUMBERING = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/numbering"
REL_THEME = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/theme"
REL_SETTINGS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships/settings"


def w(name: str) -> str:
    """Clark name of a w: element or attribute."""
    return f"{{{W_NS}}}{name}"


def r(name: str) -> str:
    return f"{{{R_NS}}}{name}"


def local(tag: object) -> str:
    """Local name of an element tag; comments and processing instructions give ''."""
    if not isinstance(tag, str):
        return ""
    return tag.rsplit("}", 1)[-1]


def attr(el, name: str) -> str | None:
    """A w: attribute of ``el`` (or None when ``el`` is None or lacks it)."""
    if el is None:
        return None
    return el.get(w(name))


def on_off(el) -> bool | None:
    """An ST_OnOff element: absent → None, present without val or with a true value → True."""
    if el is None:
        return None
    val = el.get(w("val"))
    if val is None:
        return True
    return val.lower() not in ("0", "false", "off", "none")


def int_attr(el, name: str) -> int | None:
    """An integer attribute; tolerates the '720.0' and '1cm'-free decimals some writers emit."""
    raw = attr(el, name)
    if raw is None:
        return None
    try:
        return int(float(raw))
    except ValueError:
        return None
