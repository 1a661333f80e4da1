"""Vietnamese names for the report's codes (components, properties, severities, parts).

The JSON contract speaks in stable English codes; every human-facing output (HTML, Word comments,
SARIF descriptions) shows the reviewer the Vietnamese term from Phụ lục I instead. One table keeps
those outputs saying the same thing.
"""
from __future__ import annotations

COMPONENT_LABELS = {
    "page": "Trang văn bản",
    "quoc_hieu": "Quốc hiệu",
    "tieu_ngu": "Tiêu ngữ",
    "co_quan_chu_quan": "Tên cơ quan, tổ chức chủ quản",
    "co_quan_ban_hanh": "Tên cơ quan, tổ chức ban hành",
    "so_ky_hieu": "Số, ký hiệu văn bản",
    "dia_danh_thoi_gian": "Địa danh và thời gian ban hành",
    "ten_loai": "Tên loại văn bản",
    "trich_yeu": "Trích yếu nội dung",
    "kinh_gui": "Kính gửi",
    "noi_dung": "Nội dung văn bản",
    "chuc_vu": "Quyền hạn, chức vụ người ký",
    "ho_ten": "Họ tên người ký",
    "noi_nhan": "Nơi nhận",
    "so_trang": "Số trang",
    "dau": "Dấu, chữ ký",
    "phu_luc": "Phụ lục",
    "other": "Khác",
}

PROPERTY_LABELS = {
    "presence": "có mặt",
    "text": "nội dung chữ",
    "case": "chữ hoa, chữ thường",
    "font": "phông chữ",
    "size": "cỡ chữ",
    "bold": "chữ đậm",
    "italic": "chữ nghiêng",
    "underline": "gạch chân",
    "color": "màu chữ",
    "alignment": "căn lề",
    "indent": "thụt lề",
    "spacing": "khoảng cách",
    "margin": "lề trang",
    "paper_size": "khổ giấy",
    "orientation": "hướng trang",
    "line": "đường kẻ",
    "position": "vị trí",
}

SEVERITY_LABELS = {"error": "Lỗi", "warning": "Cảnh báo", "info": "Cần kiểm tra"}

PART_LABELS = {"body": "thân văn bản", "header": "đầu trang", "footer": "chân trang"}


def component_label(code: str) -> str:
    return COMPONENT_LABELS.get(code, code)


def property_label(code: str) -> str:
    return PROPERTY_LABELS.get(code, code)


def severity_label(code: str) -> str:
    return SEVERITY_LABELS.get(code, code)


def part_label(code: str) -> str:
    return PART_LABELS.get(code, code)


def location_label(part: str, paragraph: int) -> str:
    """"đoạn 13" for body paragraph index 12; the part is named when it is a header or footer."""
    if part == "body":
        return f"đoạn {paragraph + 1}"
    return f"đoạn {paragraph + 1} ({part_label(part)})"
