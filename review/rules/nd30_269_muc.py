"""ND30-269 — "Mục", "Tiểu mục": số Ả Rập, dòng riêng, canh giữa, đậm; tiêu đề in hoa, đậm.

Bad: "Mục I" (Roman numeral), or "Mục 1" with the title "Quản lý văn bản" in lower case.
Good: "Mục 1" then "QUẢN LÝ VĂN BẢN", both bold and centred.
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context, Rule
from .typography import check_align, check_case, check_flag


class Muc(Rule):
    code = "ND30-269"
    name = "Trình bày mục, tiểu mục"
    reference = f"{PL1}, Mục II, khoản 6, điểm d, đ"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        content = layout.content()
        for i, p in enumerate(content):
            if layout.role(p) not in ("muc", "tieu_muc"):
                continue
            number = squash(p.text).split()[-1]
            if not number.isdigit():
                ctx.emit("text", "Số thứ tự của mục, tiểu mục phải dùng chữ số Ả Rập.", paragraph=p,
                         expected="Mục 1, Mục 2, …", actual=squash(p.text),
                         fix="Đánh số mục bằng chữ số Ả Rập.", safe=True)
            nxt = content[i + 1] if i + 1 < len(content) else None
            titled = nxt is not None and layout.role(nxt) == "muc_title"
            if not titled:
                ctx.emit("presence", "Mục phải có tiêu đề.", paragraph=p, expected="tiêu đề in hoa, đậm",
                         actual="không có tiêu đề", fix="Thêm tiêu đề của mục ngay dưới, canh giữa.")
            if not ctx.document.formatted:
                continue
            check_align(ctx, p, "center", "Dòng mục")
            check_flag(ctx, p, "bold", True, "Dòng mục")
            if titled:
                check_case(ctx, nxt, True, "Tiêu đề mục")
                check_flag(ctx, nxt, "bold", True, "Tiêu đề mục")
