"""ND30-243 — Trích yếu (văn bản có tên loại): ngay dưới tên loại, in thường, cỡ 13–14, đứng, đậm.

Bad: no trích yếu under "KẾ HOẠCH", or "VỀ VIỆC BAN HÀNH QUY CHẾ" all in capitals, or not bold.
Good: "Về việc ban hành Quy chế làm việc", 13 or 14 pt, bold, upright, centred.
"""
from __future__ import annotations

from .base import PL1, Context
from .typography import StyleRule

WITHOUT_SUBJECT = ("Giấy giới thiệu", "Giấy nghỉ phép")


class TrichYeuStyle(StyleRule):
    code = "ND30-243"
    name = "Trình bày trích yếu văn bản có tên loại"
    reference = f"{PL1}, Mục II, khoản 5, điểm b; Mục V"
    severity = "error"
    component = "trich_yeu"
    label = "Trích yếu nội dung"
    spec = {"upper": False, "size": (13, 14), "bold": True, "italic": False, "align": "center"}
    needs_formatting = False

    def paragraphs(self, ctx: Context):
        if ctx.layout.is_cong_van or not ctx.document.formatted:
            return []
        return super().paragraphs(ctx)

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        title = layout.first("ten_loai")
        if title is not None and not layout.get("trich_yeu") and layout.document_type not in WITHOUT_SUBJECT:
            ctx.emit("presence", "Không thấy trích yếu nội dung ngay dưới tên loại văn bản.", paragraph=title,
                     expected="trích yếu nội dung dưới tên loại", actual="không có",
                     fix="Thêm trích yếu nội dung (in thường, đậm, canh giữa) ngay dưới tên loại.")
        super().check(ctx)
