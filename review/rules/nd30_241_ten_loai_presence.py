"""ND30-241 — Văn bản có tên loại phải ghi tên loại (chỉ công văn không có tên loại).

Bad: "Số: 12/QĐ-UBND" in the header but no "QUYẾT ĐỊNH" line above the trích yếu.
Good: "QUYẾT ĐỊNH" centred under the header; a công văn has none and a "V/v" trích yếu instead.
"""
from __future__ import annotations

from ..vocabulary import CONG_VAN
from .base import PL1, Context, Rule


class TenLoaiPresence(Rule):
    code = "ND30-241"
    name = "Có tên loại văn bản"
    reference = f"{PL1}, Mục II, khoản 5"
    severity = "error"
    component = "ten_loai"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        if layout.get("ten_loai") or layout.is_cong_van or layout.first("quoc_hieu") is None:
            return
        kind = layout.document_type
        expected = kind.upper() if kind and kind != CONG_VAN else "tên loại văn bản (QUYẾT ĐỊNH, KẾ HOẠCH, …)"
        ctx.emit("presence", "Không thấy tên loại văn bản dưới phần đầu văn bản"
                 + (f" (ký hiệu cho thấy đây là {kind.lower()})." if kind else "."),
                 expected=expected, actual="không có",
                 fix="Thêm tên loại văn bản in hoa, đậm, canh giữa; nếu là công văn, ghi trích yếu sau chữ \u201cV/v\u201d.")
