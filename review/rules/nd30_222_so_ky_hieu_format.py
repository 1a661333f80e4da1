"""ND30-222 — Số, ký hiệu: "Số:", số Ả Rập, "/" rồi ký hiệu in hoa, các nhóm nối bằng "-" không cách.

Bad: "Số 12/QĐ-UBND" (no colon), "Số: 12/QĐ - UBND" (spaces round the hyphen), "Số: 12-QĐ-UBND"
(no slash), "Số: 12/qđ-ubnd" (lower case).
Good: "Số: 12/QĐ-UBND", "Số: 05/BNV-VP", "Số: 12/UBND-VX"; a draft may leave the number blank:
"Số:      /QĐ-UBND".
"""
from __future__ import annotations

import re

from ..text import squash
from ..vocabulary import CODE_TO_TYPE
from .base import PL1, Context, Rule

GROUP = re.compile(r"^[A-ZĐ0-9][A-ZĐ0-9&.()]*$")


class SoKyHieuFormat(Rule):
    code = "ND30-222"
    name = "Định dạng số, ký hiệu"
    reference = f"{PL1}, Mục II, khoản 3, điểm a, c"
    severity = "error"
    component = "so_ky_hieu"

    def check(self, ctx: Context) -> None:
        p = ctx.layout.first("so_ky_hieu")
        if p is None:
            return
        text = squash(p.text)
        match = ctx.layout.number_match
        problems = []
        if not re.match(r"^S[ốỐ]\s*:", text, re.IGNORECASE):
            problems.append("sau từ \u201cSố\u201d phải có dấu hai chấm (:)")
        if match is None:
            problems.append("giữa số và ký hiệu phải có dấu gạch chéo (/)")
        else:
            number, notation = match.group("number"), match.group("notation")
            if number and not number.isdigit():
                problems.append("số văn bản phải ghi bằng chữ số Ả Rập")
            if re.search(r"\s-|-\s", notation):
                problems.append("giữa các nhóm chữ viết tắt có dấu gạch nối (-), không cách chữ")
            groups = [g for g in re.split(r"\s*-\s*", notation) if g]
            if not groups:
                problems.append("thiếu ký hiệu sau dấu gạch chéo (/)")
            for group in groups:
                if group in CODE_TO_TYPE:
                    continue
                if not GROUP.match(group):
                    problems.append(f"nhóm \u201c{group}\u201d của ký hiệu phải viết in hoa, không có khoảng trắng")
                    break
        if problems:
            ctx.emit("text", "Số, ký hiệu viết không đúng: " + "; ".join(problems) + ".", paragraph=p,
                     expected="Số: 12/QĐ-UBND", actual=text,
                     fix="Viết theo dạng \u201cSố: <số>/<ký hiệu>\u201d, các nhóm chữ viết tắt nối bằng \u201c-\u201d.",
                     safe=True)
