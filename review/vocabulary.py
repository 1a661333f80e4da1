"""The fixed vocabularies of Nghị định 30/2020/NĐ-CP that layout and rules share.

``TYPE_ABBREVIATIONS`` is Phụ lục III, Mục I, as written (Công văn and thư công have none).
``LEGAL_TYPES`` are the normative types (Luật, Nghị định, …) that the VBQPPL profile meets; they
are recognised as a tên loại but have no Phụ lục III abbreviation.
"""
from __future__ import annotations

from .text import fold

TYPE_ABBREVIATIONS: dict[str, str] = {
    "Nghị quyết": "NQ",
    "Quyết định": "QĐ",
    "Chỉ thị": "CT",
    "Quy chế": "QC",
    "Quy định": "QyĐ",
    "Thông cáo": "TC",
    "Thông báo": "TB",
    "Hướng dẫn": "HD",
    "Chương trình": "CTr",
    "Kế hoạch": "KH",
    "Phương án": "PA",
    "Đề án": "ĐA",
    "Dự án": "DA",
    "Báo cáo": "BC",
    "Biên bản": "BB",
    "Tờ trình": "TTr",
    "Hợp đồng": "HĐ",
    "Công điện": "CĐ",
    "Bản ghi nhớ": "BGN",
    "Bản thỏa thuận": "BTT",
    "Giấy ủy quyền": "GUQ",
    "Giấy mời": "GM",
    "Giấy giới thiệu": "GGT",
    "Giấy nghỉ phép": "GNP",
    "Phiếu gửi": "PG",
    "Phiếu chuyển": "PC",
    "Phiếu báo": "PB",
    "Bản sao y": "SY",
    "Bản trích sao": "TrS",
    "Bản sao lục": "SL",
}
CONG_VAN = "Công văn"
LEGAL_TYPES = ("Luật", "Bộ luật", "Pháp lệnh", "Nghị định", "Thông tư", "Thông tư liên tịch", "Lệnh")

CODE_TO_TYPE: dict[str, str] = {code: name for name, code in TYPE_ABBREVIATIONS.items()}
_FOLDED_CODES = {fold(code): code for code in CODE_TO_TYPE}
_FOLDED_TYPES = {fold(name): name for name in (*TYPE_ABBREVIATIONS, *LEGAL_TYPES)}
_FOLDED_TYPES[fold("Giấy uỷ quyền")] = "Giấy ủy quyền"

AUTHORITY_PREFIXES = ("TM.", "KT.", "TL.", "TUQ.", "Q.")
TITLE_WORDS = (
    "CHỦ TỊCH", "PHÓ CHỦ TỊCH", "GIÁM ĐỐC", "PHÓ GIÁM ĐỐC", "BỘ TRƯỞNG", "THỨ TRƯỞNG",
    "CHÁNH VĂN PHÒNG", "PHÓ CHÁNH VĂN PHÒNG", "CỤC TRƯỞNG", "PHÓ CỤC TRƯỞNG", "VỤ TRƯỞNG",
    "PHÓ VỤ TRƯỞNG", "TRƯỞNG BAN", "PHÓ TRƯỞNG BAN", "TRƯỞNG PHÒNG", "PHÓ TRƯỞNG PHÒNG",
    "HIỆU TRƯỞNG", "PHÓ HIỆU TRƯỞNG", "THỦ TƯỚNG", "PHÓ THỦ TƯỚNG", "TỔNG GIÁM ĐỐC",
    "PHÓ TỔNG GIÁM ĐỐC", "CHÁNH THANH TRA", "PHÓ CHÁNH THANH TRA", "TỔNG CỤC TRƯỞNG",
    "PHÓ TỔNG CỤC TRƯỞNG", "VIỆN TRƯỞNG", "PHÓ VIỆN TRƯỞNG", "THƯ KÝ", "CHỦ TỌA", "CHỦ TRÌ",
    "TRƯỞNG ĐOÀN", "CHỦ NHIỆM", "BÍ THƯ", "GIÁM ĐỐC SỞ", "TRƯỞNG CÔNG AN",
)
_FOLDED_TITLES = tuple(fold(t) for t in TITLE_WORDS)

DECISION_WORDS = ("QUYẾT ĐỊNH:", "QUYẾT NGHỊ:", "CHỈ THỊ:", "QUY ĐỊNH:")

VIETNAMESE_POINT_LETTERS = ("a", "b", "c", "d", "đ", "e", "g", "h", "i", "k", "l", "m", "n", "o",
                            "p", "q", "r", "s", "t", "u", "v", "x", "y")

QUOC_HIEU = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
QUOC_HIEU_VARIANTS = (QUOC_HIEU, "CỘNG HOÀ XÃ HỘI CHỦ NGHĨA VIỆT NAM")
TIEU_NGU = "Độc lập - Tự do - Hạnh phúc"


def type_from_heading(text: str) -> str | None:
    """The type named by a tên loại line ('QUYẾT ĐỊNH' → 'Quyết định'), or None."""
    if len(text) > 40:
        return None
    return _FOLDED_TYPES.get(fold(text))


def type_from_code(code: str) -> str | None:
    """The type of a Phụ lục III abbreviation; exact spelling first, then a folded match."""
    if code in CODE_TO_TYPE:
        return CODE_TO_TYPE[code]
    exact = _FOLDED_CODES.get(fold(code))
    return CODE_TO_TYPE[exact] if exact else None


def starts_with_title(text: str) -> bool:
    """True for a signer's title line: an authority prefix or a known leadership title."""
    folded = fold(text[:60])
    if any(folded.startswith(fold(p)) for p in AUTHORITY_PREFIXES):
        return True
    return any(folded == t or folded.startswith(t + " ") for t in _FOLDED_TITLES)
