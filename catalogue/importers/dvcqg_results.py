"""The "Kết quả xử lý" cell of the national portal as results with their codes.

The cell reads "<result>Mã: KQ.G01.00262<result>Mã: KQ.G19.000560Từ khóa…Mô tả…" followed by the
page's "Chọn cơ quan thực hiện … Nộp hồ sơ" widget. The code ends where the next result's name
starts: at a capital followed by a lower-case letter, or at a lower-case letter.
"""
from __future__ import annotations

import re

from catalogue.content import Result
from catalogue.importers.text_clean import clean_inline, is_placeholder

FIELD = "Kết quả thực hiện"
_TAIL = re.compile(r"Từ khóa|Chọn cơ quan thực hiện")
_CODE_MARK = re.compile(r"Mã\s*:\s*")
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
_CODE = re.compile(rf"(?:[A-Z](?![{_LOWER}])|[0-9.\-_])+")
_BULLET = re.compile(r"^[\s\-–+*•]+")
# The page offers online submission ("… Nộp hồ sơ") when this widget follows the results.
SUBMIT_WIDGET = "Nộp hồ sơ"


def parse_results(text: str | None) -> tuple[list[Result], list[str]]:
    """Results of a "kết quả xử lý" cell, and warnings."""
    body = clean_inline(text)
    tail = _TAIL.search(body)
    if tail:
        body = body[:tail.start()]
    if is_placeholder(body):
        return [], []
    parts = _CODE_MARK.split(body)
    warnings: list[str] = []
    names = [parts[0]]
    codes: list[str | None] = []
    for index, part in enumerate(parts[1:], start=1):
        part = part.strip()
        match = _CODE.match(part)
        code = match.group(0).strip(".-_") if match else ""
        rest = part[match.end():] if match else part
        if not (any(ch.isdigit() for ch in code) or len(code) >= 3):  # "KQ.G01.00262", "VBTT"
            warnings.append(f"{FIELD}: mã kết quả không hợp lệ «{part[:30]}»")
            code, rest = "", ("" if index == len(parts) - 1 else rest)
        codes.append(code or None)
        names.append(rest)
    results = []
    for name, code in zip(names, codes + [None]):
        name = _BULLET.sub("", name).strip(" ;,.")
        if name and not is_placeholder(name):
            results.append(Result(name=name[0].upper() + name[1:], code=code))
        elif code:
            warnings.append(f"{FIELD}: mã {code} không có tên kết quả")
    return results, warnings
