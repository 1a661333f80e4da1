"""ND30-285 — Có quyền hạn, chức vụ và họ tên của người ký.

Bad: a document ending with the nơi nhận and no "GIÁM ĐỐC" / "Nguyễn Văn An".
Good: the chức vụ in capitals and the signer's name under it, in the right column of the signature.
"""
from __future__ import annotations

from .base import PL1, Context, Rule


class SignerPresence(Rule):
    code = "ND30-285"
    name = "Có chức vụ, họ tên người ký"
    reference = f"{PL1}, Mục II, khoản 7"
    severity = "error"
    component = "chuc_vu"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        if layout.first("quoc_hieu") is None and not ctx.document.formatted:
            return
        if not layout.get("chuc_vu"):
            ctx.emit("presence", "Không thấy quyền hạn, chức vụ của người ký.", expected="chức vụ in hoa, đậm",
                     actual="không có", fix="Thêm quyền hạn, chức vụ của người ký ở ô số 7a.")
        if not layout.get("ho_ten"):
            ctx.emit("presence", "Không thấy họ tên của người ký.", component="ho_ten",
                     expected="họ và tên người ký", actual="không có",
                     fix="Thêm họ và tên người ký dưới chức vụ.")
