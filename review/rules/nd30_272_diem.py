"""ND30-272 — Điểm đánh bằng chữ cái tiếng Việt theo thứ tự, sau có dấu đóng ngoặc đơn.

Word's automatic letters skip "đ" and use "f", so lists made with them are often wrong.
Bad: "a." or "(a)"; "d)" followed by "e)"; "f)".
Good: "a)", "b)", "c)", "d)", "đ)", "e)", "g)".
"""
from __future__ import annotations

import re

from ..vocabulary import VIETNAMESE_POINT_LETTERS
from .base import PL1, Context, Rule
from .content import RESET_ROLES, full_text

POINT = re.compile(r"^\(?(?P<l>[a-zđ])(?P<d>\d*)\s*\)")
DOTTED = re.compile(r"^(?P<l>[a-zđ])\.\s+\S")


class Diem(Rule):
    code = "ND30-272"
    name = "Đánh thứ tự điểm"
    reference = f"{PL1}, Mục II, khoản 6, điểm đ"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        expected = 0
        for p in ctx.layout.content():
            role = ctx.layout.role(p)
            if role in RESET_ROLES or role == "khoan":
                expected = 0
                continue
            text = full_text(p)
            dotted = DOTTED.match(text) if role == "text" else None
            if dotted:
                letter = dotted.group("l")
                ctx.emit("text", "Thứ tự điểm dùng chữ cái, sau có dấu đóng ngoặc đơn \u201c)\u201d.", paragraph=p,
                         expected=f"{letter})", actual=f"{letter}.", fix=f"Viết \u201c{letter})\u201d.", safe=True)
                continue
            if role != "diem":
                continue
            match = POINT.match(text)
            if match is None or match.group("d"):
                continue
            letter = match.group("l")
            if text.startswith("("):
                ctx.emit("text", "Thứ tự điểm viết chữ cái và dấu đóng ngoặc đơn, không có ngoặc mở.", paragraph=p,
                         expected=f"{letter})", actual=f"({letter})", fix=f"Viết \u201c{letter})\u201d.", safe=True)
            want = VIETNAMESE_POINT_LETTERS[expected] if expected < len(VIETNAMESE_POINT_LETTERS) else None
            if letter not in VIETNAMESE_POINT_LETTERS:
                ctx.emit("text", f"\u201c{letter}\u201d không có trong bảng chữ cái tiếng Việt dùng đánh thứ tự điểm.",
                         paragraph=p, expected=f"{want})" if want else "", actual=f"{letter})",
                         fix="Đánh lại thứ tự điểm theo bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g, …).")
            elif want is not None and letter != want:
                ctx.emit("text", f"Điểm {letter}) không đúng thứ tự bảng chữ cái tiếng Việt (cần {want}).",
                         paragraph=p, expected=f"{want})", actual=f"{letter})",
                         fix="Đánh lại thứ tự điểm theo bảng chữ cái tiếng Việt (a, b, c, d, đ, e, g, …).")
            if letter in VIETNAMESE_POINT_LETTERS:
                expected = VIETNAMESE_POINT_LETTERS.index(letter) + 1
            else:
                expected += 1
