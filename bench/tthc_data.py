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
