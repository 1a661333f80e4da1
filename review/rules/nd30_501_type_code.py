"""ND30-501 — Chữ viết tắt tên loại trong ký hiệu đúng Phụ lục III và khớp tên loại.

Bad: "KẾ HOẠCH" numbered "Số: 45/QĐ-STC"; "Số: 12/QD-UBND" (QD instead of QĐ); "Số: 15/TTR-STC".
Good: "KẾ HOẠCH" with "Số: 45/KH-STC"; "TỜ TRÌNH" with "Số: 15/TTr-STC".
"""
from __future__ import annotations

from ..text import squash
from ..vocabulary import CONG_VAN, TYPE_ABBREVIATIONS, type_from_code
from .base import PL3, Context, Rule


class TypeCode(Rule):
    code = "ND30-501"
    name = "Chữ viết tắt tên loại trong ký hiệu"
    reference = f"{PL3}, Mục I; Phụ lục I, Phần I, Mục II, khoản 3, điểm b"
    severity = "error"
    component = "so_ky_hieu"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        number = layout.first("so_ky_hieu")
        code = layout.type_code
        kind = layout.document_type
        if number is None or not code or kind in (None, CONG_VAN) or not layout.get("ten_loai"):
            return
        wanted = TYPE_ABBREVIATIONS.get(kind)
        if wanted is None or code == wanted:
            return
        looks_like = type_from_code(code)
        if looks_like == kind:
            message = f"Chữ viết tắt tên loại phải viết đúng Phụ lục III: \u201c{wanted}\u201d."
        else:
            message = f"Ký hiệu \u201c{code}\u201d không khớp tên loại {kind.lower()} (viết tắt là \u201c{wanted}\u201d)."
        ctx.emit("text", message, paragraph=number, expected=wanted, actual=code,
                 fix=f"Sửa ký hiệu thành \u201c{squash(number.text).replace(code, wanted, 1)}\u201d.")
