"""ND30-211 — Có tên cơ quan, tổ chức ban hành văn bản.

Bad: a header whose left column holds only "Số: 12/QĐ-UBND".
Good: "UBND TỈNH QUẢNG NINH" / "SỞ TÀI CHÍNH" above the số, ký hiệu.
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class CoQuanPresence(Rule):
    code = "ND30-211"
    name = "Có tên cơ quan ban hành"
    reference = f"{PL1}, Mục II, khoản 2"
    severity = "error"
    component = "co_quan_ban_hanh"

    def check(self, ctx: Context) -> None:
        if ctx.layout.get("co_quan_ban_hanh"):
            return
        ctx.emit("presence", "Không thấy tên cơ quan, tổ chức ban hành văn bản ở phía trên, bên trái trang đầu.",
                 expected="tên cơ quan ban hành (in hoa, đậm)", actual="không có",
                 fix="Thêm tên cơ quan, tổ chức ban hành ở ô số 2 (trên cùng, bên trái).")
