"""ND30-214 — Dưới tên cơ quan ban hành có đường kẻ ngang, nét liền.

Bad: nothing under "SỞ TÀI CHÍNH".
Good: a short centred horizontal line (1/3 to 1/2 of the text; the length is left to the reviewer).
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class CoQuanLine(Rule):
    code = "ND30-214"
    name = "Đường kẻ dưới tên cơ quan ban hành"
    reference = f"{PL1}, Mục II, khoản 2, điểm b"
    severity = "warning"
    component = "co_quan_ban_hanh"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        if ctx.layout.lines.get("co_quan_ban_hanh") is False:
            ctx.emit("line", "Không thấy đường kẻ ngang nét liền dưới tên cơ quan, tổ chức ban hành.",
                     paragraph=ctx.layout.get("co_quan_ban_hanh")[-1], expected="đường kẻ ngang nét liền",
                     actual="không có",
                     fix="Vẽ đường kẻ ngang nét liền dài 1/3 đến 1/2 dòng chữ, cân đối dưới tên cơ quan.")
