"""ND30-246 — Chữ "V/v" chỉ dùng cho trích yếu công văn.

Văn bản có tên loại đặt trích yếu ngay dưới tên loại (Mẫu 1.2 viết "Về việc …"); "V/v" là cách
viết của ô 5b dành cho công văn.
Bad: "QUYẾT ĐỊNH" followed by "V/v ban hành Quy chế làm việc".
Good: "QUYẾT ĐỊNH" followed by "Về việc ban hành Quy chế làm việc" or "Ban hành Quy chế làm việc".
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context, Rule


class NoVvForNamedTypes(Rule):
    code = "ND30-246"
    name = "Không dùng \u201cV/v\u201d cho văn bản có tên loại"
    reference = f"{PL1}, Mục II, khoản 5, điểm b; {PL1.split(', Phụ lục')[0]}, Phụ lục III, Mẫu 1.2"
    severity = "warning"
    component = "trich_yeu"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        if layout.is_cong_van or not layout.get("ten_loai"):
            return
        first = layout.first("trich_yeu")
        if first is not None and squash(first.text).lower().startswith("v/v"):
            ctx.emit("text", "Văn bản có tên loại không ghi trích yếu sau chữ \u201cV/v\u201d.", paragraph=first,
                     expected="Về việc …", actual=squash(first.text)[:30],
                     fix="Thay \u201cV/v\u201d bằng \u201cVề việc\u201d hoặc bỏ đi.", safe=True)
