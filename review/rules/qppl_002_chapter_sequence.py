"""QPPL-002 — Chương đánh số La Mã liên tục từ "Chương I".

Bad: "Chương I", "Chương III" (II skipped); "CHƯƠNG 2" (Arabic numeral).
Good: "Chương I", "Chương II", "Chương III".
"""
from __future__ import annotations

import re

from ..numbering import roman
from ..text import squash
from .base import Context, Rule

REFERENCE = "Nghị định 78/2025/NĐ-CP, Điều 64, khoản 3"
ROMAN = re.compile(r"^[IVXLCDM]+$")


def roman_value(text: str) -> int | None:
    for n in range(1, 200):
        if roman(n).upper() == text:
            return n
    return None


class ChapterSequence(Rule):
    code = "QPPL-002"
    name = "Chương đánh số La Mã liên tục"
    reference = REFERENCE
    severity = "warning"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        expected = 1
        for p in ctx.layout.content("chuong"):
            number = squash(p.text).split(" ", 1)[-1].strip()
            if number.isdigit():
                value = int(number)
                ctx.emit("text", "Số thứ tự chương dùng chữ số La Mã.", paragraph=p,
                         expected=f"Chương {roman(value).upper()}", actual=squash(p.text),
                         fix="Đánh số chương bằng chữ số La Mã.")
            elif ROMAN.match(number.upper()):
                value = roman_value(number.upper())
            else:
                continue
            if value is not None and value != expected:
                ctx.emit("text", f"Chương không liên tục (cần Chương {roman(expected).upper()}).", paragraph=p,
                         expected=f"Chương {roman(expected).upper()}", actual=squash(p.text),
                         fix="Đánh lại số thứ tự các chương liên tục từ Chương I.")
            if value is not None:
                expected = value + 1
