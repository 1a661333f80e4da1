"""ND30-251 — Công văn và tờ trình có phần "Kính gửi".

Bad: a công văn whose body starts right after the header with no addressee.
Good: "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh." before the body.
(A báo cáo needs it only when sent to a superior, which the text cannot tell: it is not checked.)
"""
from __future__ import annotations

from .base import DECREE, Context, Rule

TYPES = ("Công văn", "Tờ trình")


class KinhGuiPresence(Rule):
    code = "ND30-251"
    name = "Công văn, tờ trình có \u201cKính gửi\u201d"
    reference = f"{DECREE}, Phụ lục I, Phần I, Mục II, khoản 9, điểm b"
    severity = "error"
    component = "kinh_gui"

    def check(self, ctx: Context) -> None:
        if ctx.layout.document_type in TYPES and not ctx.layout.get("kinh_gui"):
            ctx.emit("presence", f"{ctx.layout.document_type} phải có phần \u201cKính gửi\u201d.",
                     expected="Kính gửi: …", actual="không có",
                     fix="Thêm \u201cKính gửi:\u201d và tên cơ quan, tổ chức, cá nhân nhận văn bản trước phần nội dung.")
