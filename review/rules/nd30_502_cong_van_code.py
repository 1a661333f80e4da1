"""ND30-502 — Ký hiệu công văn gồm chữ viết tắt tên cơ quan và đơn vị soạn thảo, không có mã tên loại.

Phụ lục III has no abbreviation for công văn: "CV" is not a type code.
Bad: a công văn numbered "Số: 125/CV-STC" or "Số: 125/QĐ-STC".
Good: "Số: 125/STC-NS" (cơ quan - đơn vị soạn thảo), "Số: 12/UBND-VX".
"""
from __future__ import annotations

from ..text import fold
from ..vocabulary import type_from_code
from .base import PL1, Context, Rule


class CongVanCode(Rule):
    code = "ND30-502"
    name = "Ký hiệu công văn"
    reference = f"{PL1}, Mục II, khoản 3, điểm b"
    severity = "error"
    component = "so_ky_hieu"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        code = layout.type_code
        number = layout.first("so_ky_hieu")
        if not layout.is_cong_van or not code or number is None or layout.get("ten_loai"):
            return
        if fold(code) == "CV" or type_from_code(code):
            ctx.emit("text", f"Ký hiệu công văn không có chữ viết tắt tên loại (\u201c{code}\u201d); ký hiệu gồm chữ "
                             "viết tắt tên cơ quan và đơn vị soạn thảo.", paragraph=number,
                     expected="<cơ quan>-<đơn vị soạn thảo>", actual=code,
                     fix="Bỏ chữ viết tắt tên loại khỏi ký hiệu công văn.")
