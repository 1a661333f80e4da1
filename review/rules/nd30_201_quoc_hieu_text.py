"""ND30-201 — Quốc hiệu "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM".

Bad: no quốc hiệu, or "Cộng hòa xã hội chủ nghĩa Việt Nam" / "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆTNAM".
Good: "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM" (the decree's own table also writes "CỘNG HOÀ").
"""
from __future__ import annotations

from ..text import squash
from ..vocabulary import QUOC_HIEU, QUOC_HIEU_VARIANTS
from .base import PL1, Context, Rule


class QuocHieuText(Rule):
    code = "ND30-201"
    name = "Quốc hiệu đúng và đủ"
    reference = f"{PL1}, Mục II, khoản 1, điểm a"
    severity = "error"
    component = "quoc_hieu"

    def check(self, ctx: Context) -> None:
        p = ctx.layout.first("quoc_hieu")
        if p is None:
            ctx.emit("presence", "Văn bản không có Quốc hiệu.", expected=QUOC_HIEU, actual="không có",
                     fix="Thêm Quốc hiệu ở phía trên, bên phải trang đầu.")
            return
        text = squash(p.shown_text)
        if text in QUOC_HIEU_VARIANTS:
            return
        if text.upper() in QUOC_HIEU_VARIANTS:
            return
        ctx.emit("text", "Quốc hiệu viết không đúng.", paragraph=p, expected=QUOC_HIEU, actual=text,
                 fix=f"Sửa thành \u201c{QUOC_HIEU}\u201d.")
