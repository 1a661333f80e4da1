"""ND30-291 — Có phần "Nơi nhận".

Bad: a document with a signature but no "Nơi nhận:" list.
Good: "Nơi nhận:" at the left of the signature line, then "- …;" items and "- Lưu: VT, …".
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class NoiNhanPresence(Rule):
    code = "ND30-291"
    name = "Có nơi nhận"
    reference = f"{PL1}, Mục II, khoản 9"
    severity = "error"
    component = "noi_nhan"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        if layout.first("quoc_hieu") is None and not ctx.document.formatted:
            return
        if not any(layout.role(p) == "label" for p in layout.get("noi_nhan")):
            ctx.emit("presence", "Không thấy phần \u201cNơi nhận\u201d.", expected="Nơi nhận: …", actual="không có",
                     fix="Thêm \u201cNơi nhận:\u201d và danh sách nơi nhận, dòng cuối \u201c- Lưu: VT, …\u201d.")
