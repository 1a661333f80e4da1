"""ND30-231 — Địa danh và thời gian: "<Địa danh>, ngày … tháng … năm …", chữ số Ả Rập.

Bad: "Hà Nội ngày 05 tháng 3 năm 2024" (no comma), "hà Nội, ngày 05 tháng 3 năm 2024",
"Hà Nội, ngày 05/3/2024", "Hà Nội, Ngày 05 Tháng 3 Năm 2024".
Good: "Hà Nội, ngày 05 tháng 3 năm 2024"; "Thành phố Hồ Chí Minh, ngày 29 tháng 6 năm 2019".
"""
from __future__ import annotations

from ..text import squash
from .base import PL1, Context, Rule
from .dates import is_blank, parse_date

EXAMPLE = "Hà Nội, ngày 05 tháng 3 năm 2024"


class DateFormat(Rule):
    code = "ND30-231"
    name = "Định dạng địa danh và thời gian ban hành"
    reference = f"{PL1}, Mục II, khoản 4, điểm b, c"
    severity = "error"
    component = "dia_danh_thoi_gian"

    def check(self, ctx: Context) -> None:
        p = ctx.layout.first("dia_danh_thoi_gian")
        if p is None:
            if ctx.layout.first("quoc_hieu") is not None and ctx.layout.document_type != "Biên bản":
                ctx.emit("presence", "Không thấy địa danh và thời gian ban hành văn bản.", expected=EXAMPLE,
                         actual="không có", fix="Thêm dòng địa danh, ngày tháng năm dưới Tiêu ngữ.")
            return
        text = squash(p.text)
        match = parse_date(p)
        if match is None:
            ctx.emit("text", "Địa danh và thời gian phải viết đầy đủ theo dạng \u201c<Địa danh>, ngày … tháng … năm …\u201d.",
                     paragraph=p, expected=EXAMPLE, actual=text, fix="Viết lại theo mẫu \u201c" + EXAMPLE + "\u201d.",
                     safe=True)
            return
        problems = []
        place = match.group("place")
        if not place:
            problems.append("thiếu địa danh")
        elif not match.group("comma"):
            problems.append("sau địa danh phải có dấu phẩy (,)")
        words = [match.group(k) for k in ("w_day", "w_month", "w_year")]
        if any(w != w.lower() for w in words):
            problems.append("các chữ \u201cngày\u201d, \u201ctháng\u201d, \u201cnăm\u201d viết thường")
        for key, name in (("d", "ngày"), ("m", "tháng"), ("y", "năm")):
            value = match.group(key)
            if not is_blank(value) and not value.isdigit():
                problems.append(f"số chỉ {name} phải là chữ số Ả Rập")
        year = match.group("y")
        if year.isdigit() and len(year) != 4:
            problems.append("năm phải viết đủ bốn chữ số")
        if problems:
            ctx.emit("text", "Địa danh và thời gian viết không đúng: " + "; ".join(problems) + ".", paragraph=p,
                     expected=EXAMPLE, actual=text, fix="Viết lại theo mẫu \u201c" + EXAMPLE + "\u201d.", safe=True)
        if place and place[0].isalpha() and place[0].islower():
            ctx.emit("case", "Chữ cái đầu của địa danh phải viết hoa.", paragraph=p, expected=place[0].upper() + place[1:],
                     actual=place, fix="Viết hoa chữ cái đầu của địa danh.", safe=True)
