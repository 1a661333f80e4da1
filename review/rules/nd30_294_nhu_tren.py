"""ND30-294 — Công văn, tờ trình có "Kính gửi": nơi nhận bắt đầu bằng "Như trên".

Bad: a công văn with "Kính gửi: Sở Nội vụ" whose nơi nhận starts "- Sở Nội vụ;".
Good: "Nơi nhận:" / "- Như trên;" / "- Lưu: VT, VP.".
"""
from __future__ import annotations

from ..text import fold
from .base import PL1, Context, Rule


class NhuTren(Rule):
    code = "ND30-294"
    name = "Nơi nhận bắt đầu bằng \u201cNhư trên\u201d"
    reference = f"{PL1}, Mục II, khoản 9, điểm b"
    severity = "warning"
    component = "noi_nhan"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        if not layout.get("kinh_gui"):
            return
        items = [p for p in layout.get("noi_nhan") if layout.role(p) == "item"]
        if items and "NHU TREN" not in fold(items[0].text):
            ctx.emit("text", "Văn bản có \u201cKính gửi\u201d thì nơi nhận đầu tiên là \u201cNhư trên\u201d.",
                     paragraph=items[0], expected="- Như trên;", actual=items[0].text.strip(),
                     fix="Thêm dòng \u201c- Như trên;\u201d đầu danh sách nơi nhận.")
