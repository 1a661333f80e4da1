"""ND30-205 — Dưới Tiêu ngữ có đường kẻ ngang, nét liền.

Bad: nothing under "Độc lập - Tự do - Hạnh phúc".
Good: a drawn horizontal line (or a bottom border, or the tiêu ngữ underlined) right below it.
Its length (equal to the text) needs a rendering and is left to the reviewer.
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class TieuNguLine(Rule):
    code = "ND30-205"
    name = "Đường kẻ dưới Tiêu ngữ"
    reference = f"{PL1}, Mục II, khoản 1, điểm b"
    severity = "warning"
    component = "tieu_ngu"
    needs_formatting = True

    def check(self, ctx: Context) -> None:
        if ctx.layout.lines.get("tieu_ngu") is False:
            ctx.emit("line", "Không thấy đường kẻ ngang nét liền dưới Tiêu ngữ.",
                     paragraph=ctx.layout.first("tieu_ngu"), expected="đường kẻ ngang nét liền",
                     actual="không có", fix="Vẽ đường kẻ ngang nét liền dưới Tiêu ngữ, dài bằng dòng chữ.")
