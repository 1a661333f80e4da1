"""How much of the national portal's data the parser turns into structure, field by field.

For each field two shares are computed: over all records, and over the records whose source
actually has something in that field. The second share is the parser's quality; the first also
shows the source's gaps. "Has something" is judged on the raw record with simple, independent
checks (not with the parser), so a parser that silently drops data cannot raise its own score.
"""
from __future__ import annotations

import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from catalogue.content import ProcedureContent
from catalogue.importers.text_clean import clean_inline, is_placeholder

_CHANNEL_TIME = re.compile(r"(?:Trực tiếp|Trực tuyến|Dịch vụ bưu chính)\d")
_FEE_CELL = re.compile(r"Miễn phí|\d[\d.,]*\s*(?:VNĐ|Việt Nam Đồng|Đồng)")
_NO_CONDITION = re.compile(r"^không(?: có)?\W*$", re.IGNORECASE)


def _raw(record: dict, key: str) -> str:
    value = record.get(key)
    return clean_inline(value) if isinstance(value, str) else ""


def _has(key: str) -> Callable[[dict], bool]:
    return lambda record: not is_placeholder(_raw(record, key).strip("- "))


def states_time(record: dict) -> bool:
    """The channel table gives a number as the time of at least one channel."""
    return bool(_CHANNEL_TIME.search(_raw(record, "cach_thuc_thuc_hien")))


def states_fee(record: dict) -> bool:
    """The channel table gives "Miễn phí" or an amount in đồng for at least one channel."""
    return bool(_FEE_CELL.search(_raw(record, "cach_thuc_thuc_hien")))


def _has_conditions(record: dict) -> bool:
    text = _raw(record, "yeu_cau_dieu_kien")
    return not is_placeholder(text) and not _NO_CONDITION.match(text)


def _has_agency(record: dict) -> bool:
    keys = ("co_quan_thuc_hien", "co_quan_co_tham_quyen", "dia_chi_tiep_nhan",
            "co_quan_duoc_uy_quyen", "co_quan_phoi_hop")
    return any(_has(key)(record) for key in keys)


def _has_result_code(record: dict) -> bool:
    return "Mã:" in _raw(record, "ket_qua_xu_ly")


def _times(content: ProcedureContent):
    return [c.processing_time for c in content.channels if c.processing_time]


@dataclass(frozen=True)
class Measure:
    """One row of the table: what counts as parsed, and what counts as present in the source."""
    label: str
    parsed: Callable[[ProcedureContent], bool]
    present: Callable[[dict], bool]


MEASURES: tuple[Measure, ...] = (
    Measure("Thành phần hồ sơ: ≥1 giấy tờ có cấu trúc", lambda c: bool(c.papers),
            _has("thanh_phan_ho_so")),
    Measure("Thành phần hồ sơ: ≥1 mẫu đơn, tờ khai", lambda c: any(p.form for p in c.papers),
            lambda r: bool(re.search(r"(?i)\.(?:docx?|pdf|xlsx?)", _raw(r, "thanh_phan_ho_so")))),
    Measure("Cách thức thực hiện: ≥1 kênh", lambda c: bool(c.channels), _has("cach_thuc_thuc_hien")),
    Measure("Thời hạn giải quyết: có số", lambda c: any(t.value is not None for t in _times(c)),
            states_time),
    Measure("Thời hạn giải quyết: có số và đơn vị",
            lambda c: any(t.value is not None and t.unit for t in _times(c)), states_time),
    Measure("Phí, lệ phí: có số tiền hoặc ghi rõ miễn phí",
            lambda c: any(f.amount is not None for ch in c.channels for f in ch.fees), states_fee),
    Measure("Căn cứ pháp lý: ≥1 văn bản có số hiệu",
            lambda c: any(a.number for a in c.legal_basis), _has("can_cu_phap_ly")),
    Measure("Kết quả: ≥1 kết quả có mã", lambda c: any(r.code for r in c.results),
            _has_result_code),
    Measure("Kết quả: ≥1 kết quả", lambda c: bool(c.results), _has("ket_qua_xu_ly")),
    Measure("Cơ quan: ≥1 cơ quan", lambda c: bool(c.agencies), _has_agency),
    Measure("Trình tự thực hiện: ≥1 bước", lambda c: bool(c.steps), _has("trinh_tu_thuc_hien")),
    Measure("Yêu cầu, điều kiện", lambda c: bool(c.conditions), _has_conditions),
    Measure("Đối tượng thực hiện", lambda c: bool(c.audience), _has("doi_tuong_thuc_hien")),
    Measure("Cấp thực hiện", lambda c: bool(c.levels), _has("cap_thuc_hien")),
    Measure("Lĩnh vực", lambda c: bool(c.sector), _has("linh_vuc")),
    Measure("Loại thủ tục", lambda c: bool(c.procedure_type), _has("loai_thu_tuc")),
)


@dataclass(frozen=True)
class Row:
    label: str
    total: int
    parsed: int  # records with the structure, over all records
    present: int  # records whose source has the field
    parsed_where_present: int

    @property
    def share(self) -> float:
        return self.parsed / self.total if self.total else 0.0

    @property
    def share_where_present(self) -> float:
        return self.parsed_where_present / self.present if self.present else 0.0


def coverage(pairs: Iterable[tuple[dict, ProcedureContent]]) -> list[Row]:
    """The coverage table over (raw record, parsed content) pairs."""
    pairs = list(pairs)
    rows = []
    for measure in MEASURES:
        parsed = present = both = 0
        for record, content in pairs:
            is_parsed, is_present = measure.parsed(content), measure.present(record)
            parsed += is_parsed
            present += is_present
            both += is_parsed and is_present
        rows.append(Row(measure.label, len(pairs), parsed, present, both))
    return rows
