"""A small, simple mapper from the national portal's JSONL to ``EditionDocument``s, for benchmarks.

It only does what the benchmarks need: NFC, "Không có thông tin" placeholders dropped, levels
mapped to their codes. Every procedure gets one in-force edition (procedure id = line number).
"""
from __future__ import annotations

import gzip
import json
import re
import unicodedata
from datetime import date
from pathlib import Path

from search.interface import EditionDocument

ROOT = Path(__file__).resolve().parents[1]
DATA = ROOT.parent / "shared" / "data" / "catalogue" / "dvcqg-2642.jsonl.gz"
LEVELS = {"cấp bộ": "ministry", "cấp tỉnh": "province", "cấp xã": "commune", "cơ quan khác": "other"}
PLACEHOLDER = re.compile(r"Không có thông tin", re.IGNORECASE)


def text(value) -> str:
    value = unicodedata.normalize("NFC", str(value or ""))
    return PLACEHOLDER.sub(" ", value).strip()


def records(path: Path = DATA) -> list[dict]:
    with gzip.open(path, "rt", encoding="utf-8") as handle:
        return [json.loads(line) for line in handle if line.strip()]


def to_document(number: int, row: dict) -> EditionDocument:
    levels = [LEVELS[p.strip().lower()] for p in text(row.get("cap_thuc_hien")).split(",")
              if p.strip().lower() in LEVELS]
    agencies = [a for a in dict.fromkeys([text(row.get("co_quan_thuc_hien")),
                                          text(row.get("co_quan_co_tham_quyen"))]) if a]
    other = " \n".join(text(row.get(k)) for k in ("dia_chi_tiep_nhan", "co_quan_duoc_uy_quyen",
                                                   "co_quan_phoi_hop", "thu_tuc_lien_quan"))
    return EditionDocument(
        procedure_id=number, edition_id=number, revision=1, code=text(row.get("ma_thu_tuc")) or None,
        name=text(row.get("ten_thu_tuc")), sector=text(row.get("linh_vuc")) or None, levels=levels,
        agencies=agencies, online_level=None, status="in_force", effective_from=date(2020, 1, 1),
        papers=text(row.get("thanh_phan_ho_so")), result=text(row.get("ket_qua_xu_ly")),
        steps=text(row.get("trinh_tu_thuc_hien")), legal_basis=text(row.get("can_cu_phap_ly")),
        conditions=text(row.get("yeu_cau_dieu_kien")), audience=text(row.get("doi_tuong_thuc_hien")),
        fees=text(row.get("cach_thuc_thuc_hien")), other=other.strip(),
    )


def documents(path: Path = DATA) -> list[EditionDocument]:
    return [to_document(i, row) for i, row in enumerate(records(path), start=1)]


PROVINCES = (
    "Hà Nội", "Thành phố Hồ Chí Minh", "Hải Phòng", "Đà Nẵng", "Cần Thơ", "Huế", "Tuyên Quang",
    "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Ninh Bình", "Quảng Trị",
    "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Đồng Nai", "Tây Ninh",
    "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang", "Lai Châu", "Điện Biên", "Sơn La",
    "Lạng Sơn", "Quảng Ninh", "Thanh Hóa", "Nghệ An", "Hà Tĩnh", "Cao Bằng",
)
STREETS = ("Lê Lợi", "Trần Hưng Đạo", "Nguyễn Huệ", "Hùng Vương", "Lý Thường Kiệt", "Hai Bà Trưng",
           "Quang Trung", "Phan Đình Phùng", "Điện Biên Phủ", "Nguyễn Trãi")
NOTES = (
    "Tiếp nhận hồ sơ tại Trung tâm Phục vụ hành chính công {p}, số {n} đường {s}; buổi sáng từ 7 giờ 30 "
    "đến 11 giờ 30, buổi chiều từ 13 giờ 30 đến 17 giờ, từ thứ Hai đến thứ Sáu và sáng thứ Bảy.",
    "Người dân có thể nộp hồ sơ trực tuyến trên Cổng dịch vụ công của {p} hoặc gửi qua dịch vụ bưu chính "
    "công ích; kết quả được trả tại Bộ phận Một cửa hoặc gửi về địa chỉ đã đăng ký.",
    "Điện thoại hỗ trợ: 02{n:02d} 3{n:03d} {n:03d}; thư điện tử: motcua{n}@{slug}.gov.vn. Thời gian giải "
    "quyết có thể rút ngắn {k} ngày làm việc theo Quyết định số {n}/QĐ-UBND của Ủy ban nhân dân {p}.",
    "Phí, lệ phí áp dụng tại {p} theo Nghị quyết số {k}/2025/NQ-HĐND: {fee} đồng/hồ sơ; miễn cho người "
    "có công với cách mạng, hộ nghèo, người khuyết tật và đồng bào dân tộc thiểu số tại xã đặc biệt khó khăn.",
    "Lưu ý: tổ chức, cá nhân chịu trách nhiệm về tính chính xác của hồ sơ; trường hợp hồ sơ chưa đầy đủ, "
    "công chức tiếp nhận hướng dẫn một lần bằng văn bản trong ngày làm việc tại {p}.",
)


LOCAL_SHARE = 0.2  # local text added, relative to the national text of the procedure


def synthetic(docs: list[EditionDocument], size: int, seed: int = 7) -> list[EditionDocument]:
    """``size`` local variants of the real procedures, province by province, as a database would
    list them: each with its own agency, address, fees and notes (about a fifth of its text)."""
    import random

    rng = random.Random(seed)
    out = []
    for number in range(size):
        base = docs[number % len(docs)]
        province = PROVINCES[(number // len(docs)) % len(PROVINCES)]
        national = sum(len(getattr(base, f)) for f in ("name", "papers", "result", "steps", "legal_basis",
                                                        "conditions", "audience", "fees", "other"))
        notes: list[str] = []
        while sum(map(len, notes)) < LOCAL_SHARE * national or len(notes) < 2:
            values = {"p": province, "n": rng.randint(1, 999), "s": rng.choice(STREETS),
                      "k": rng.randint(1, 30), "fee": f"{rng.randint(1, 50) * 10_000:,}".replace(",", "."),
                      "slug": fold_ascii(province)}
            notes.append(rng.choice(NOTES).format(**values))
        status = "abolished" if rng.random() < 0.05 else "in_force"
        out.append(EditionDocument(
            procedure_id=100_000 + number, edition_id=100_000 + number, revision=1, code=base.code,
            name=base.name, sector=base.sector, levels=base.levels,
            agencies=[f"{a} {province}" for a in base.agencies] or [f"Ủy ban nhân dân {province}"],
            online_level=rng.choice(("full", "partial", None)), status=status,
            effective_from=date(2025, 7, 1) if status == "in_force" else date(2020, 1, 1),
            papers=base.papers, result=base.result, steps=base.steps, legal_basis=base.legal_basis,
            conditions=base.conditions, audience=base.audience,
            fees=f"{base.fees} {notes[0]}", other=" ".join(notes[1:]),
        ))
    return out


def fold_ascii(text: str) -> str:
    from search.analysis import fold

    return "".join(c for c in fold(text) if c.isalnum())
