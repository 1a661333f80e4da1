"""ND30-401 — Viết hoa chữ cái đầu câu: sau dấu chấm, chấm hỏi, chấm than và khi xuống dòng.

Only running text is checked, and only after a word of at least two lower-case letters, so abbreviations
("TP.", "v.v.") and numbered points ("a)") are not mistaken for sentence ends.
Bad: "Sở đã hoàn thành nhiệm vụ. các phòng tiếp tục theo dõi."
Good: "Sở đã hoàn thành nhiệm vụ. Các phòng tiếp tục theo dõi."
"""
from __future__ import annotations

import re

from .base import PL2, Context, Rule

AFTER_STOP = re.compile(r"(?<=[a-zà-ỹđ]{2})[.?!]\s+(?P<word>[a-zà-ỹđ][a-zà-ỹđ]*)")
ROLES = ("text", "khoan", "diem", "dieu")
PREFIX = re.compile(r"^\s*(?:\d+(?:\.\d+)*[.)]|[a-zđ]\)|[-–+•])\s*")


class SentenceCapital(Rule):
    code = "ND30-401"
    name = "Viết hoa chữ cái đầu câu"
    reference = f"{PL2}, Mục I"
    severity = "warning"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        previous_closed = True
        for p in ctx.layout.content(*ROLES):
            text = PREFIX.sub("", p.text).strip()
            if not text:
                continue
            first = text[0]
            if previous_closed and first.isalpha() and first.islower():
                self._emit(ctx, p, text.split()[0])
            else:
                match = AFTER_STOP.search(text)
                if match:
                    self._emit(ctx, p, match.group("word"))
            previous_closed = text.endswith((".", "?", "!", ":")) or ctx.layout.role(p) != "text"

    @staticmethod
    def _emit(ctx: Context, p, word: str) -> None:
        ctx.emit("case", f"Chữ cái đầu câu \u201c{word}\u201d phải viết hoa.", paragraph=p,
                 expected=word[0].upper() + word[1:], actual=word, fix="Viết hoa chữ cái đầu câu.", safe=True)
