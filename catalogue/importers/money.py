"""Reading phí and lệ phí out of Vietnamese text: amounts in đồng, the kind, "no fee" statements.

Shared by the importers because every source writes fees as prose ("50.000 đồng/lần",
"02 triệu đồng", "Không thu lệ phí") and statistics need a number, not prose. Only amounts in
đồng are returned; USD amounts and thresholds such as "dưới 50 tỷ" (capital, not a fee) are not
amounts of a fee.
"""
from __future__ import annotations

import re

_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"

# "50.000 đồng", "2,000,000 VNĐ", "400.000đ/lần", "8.000.000/lần", "5000 đồng", "15000000/lần Đồng".
_GROUPED = r"\d{1,3}(?:[.,]\d{3})+"
_AMOUNT = re.compile(
    rf"(?<![\d.,/])(?:(?P<num>{_GROUPED}|\d+)(?![.,]?\d)\s*(?:đồng|Đồng|đ|Đ|VNĐ|vnđ|VND)(?![{_LOWER}A-Z])"
    # Without a currency word only a per-unit price counts: "8.000.000/lần", "15000000/loại".
    rf"|(?P<per>{_GROUPED}|\d{{4,}})(?![.,]?\d)(?=/\s?[{_LOWER}]))"
)
# "02 triệu đồng", "2,1 tỷ đồng": multiplied amounts need the word "đồng" to count as money.
_SCALED = re.compile(r"(?<![\d.,])(?P<num>\d+(?:[.,]\d+)?)\s*(?P<scale>triệu|tỷ)\s+đồng", re.IGNORECASE)
_SCALES = {"triệu": 1_000_000, "tỷ": 1_000_000_000}

# A "phí" that is not part of "lệ phí" or "miễn phí".
_FEE_WORD = re.compile(r"(?<!lệ )(?<!miễn )\bphí\b")
_CHARGE_WORD = re.compile(r"\blệ phí\b")

# Short statements that the procedure costs nothing.
_NO_FEE = re.compile(
    r"^(?:không(?: có| thu(?: phí| lệ phí| phí, lệ phí)?| quy định| phải nộp(?: phí| lệ phí)?)?"
    r"|chưa quy định|miễn(?: phí| lệ phí| phí, lệ phí)?|0 ?(?:đồng|đ|vnđ))\W*$",
    re.IGNORECASE,
)


def parse_int_amount(digits: str) -> int | None:
    """"2,000,000" / "2.000.000" / "15000000" → 2000000; None if it is not a whole number."""
    plain = digits.replace(",", "").replace(".", "")
    if not plain.isdigit():
        return None
    if re.fullmatch(_GROUPED, digits) or digits.isdigit():
        return int(plain)
    return None


def amounts_in(text: str) -> list[int]:
    """Distinct amounts in đồng stated in free text, in order of appearance."""
    found: list[tuple[int, int]] = []
    for match in _AMOUNT.finditer(text):
        value = parse_int_amount(match.group("num") or match.group("per"))
        if value is not None:
            found.append((match.start(), value))
    for match in _SCALED.finditer(text):
        number = float(match.group("num").replace(",", "."))
        found.append((match.start(), int(round(number * _SCALES[match.group("scale").lower()]))))
    found.sort()
    result: list[int] = []
    for _, value in found:
        if value not in result:
            result.append(value)
    return result


def fee_kind(text: str) -> str | None:
    """"charge" if the text speaks only of lệ phí, "fee" if only of phí, else None."""
    lowered = text.lower()
    has_charge = bool(_CHARGE_WORD.search(lowered))
    has_fee = bool(_FEE_WORD.search(lowered))
    if has_charge and not has_fee:
        return "charge"
    if has_fee and not has_charge:
        return "fee"
    return None


def states_no_fee(text: str) -> bool:
    """True for short statements such as "Không", "Không thu lệ phí", "Miễn phí", "Chưa quy định"."""
    return bool(_NO_FEE.match(" ".join(text.split()).strip(" ()")))
