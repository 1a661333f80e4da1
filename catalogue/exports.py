"""Exports: the catalogue as of a date (JSON, .xlsx) and a decision's annex (.xlsx, re-importable)."""
from __future__ import annotations

import datetime as dt
import json
from pathlib import Path

from sqlalchemy.orm import Session

from .clock import today
from .content import LEVEL_LABELS
from .decisions import KIND_LABELS
from .models import Decision
from .queries import CatalogueFilter, catalogue_as_of
from .views import edition_dict

ANNEX_HEADERS = ("STT", "Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
                 "Loại thay đổi", "Thay thế cho", "Ghi chú")
CATALOGUE_HEADERS = ("Mã TTHC", "Tên TTHC", "Lĩnh vực", "Cấp thực hiện", "Cơ quan thực hiện",
                     "Hiệu lực từ", "Quyết định", "Thời hạn giải quyết", "Phí, lệ phí", "Số giấy tờ")


def export_catalogue_json(session: Session, path: Path, day: dt.date | None = None) -> int:
    day = day or today()
    editions = catalogue_as_of(session, CatalogueFilter(as_of=day))
    data = {"as_of": day.isoformat(), "count": len(editions),
            "procedures": [edition_dict(e) for e in editions]}
    path.write_text(json.dumps(data, ensure_ascii=False, indent=1), encoding="utf-8")
    return len(editions)


def export_catalogue_xlsx(session: Session, path: Path, day: dt.date | None = None) -> int:
    from openpyxl import Workbook

    day = day or today()
    editions = catalogue_as_of(session, CatalogueFilter(as_of=day))
    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Danh mục")
    sheet.append([f"DANH MỤC THỦ TỤC HÀNH CHÍNH CÓ HIỆU LỰC NGÀY {day:%d/%m/%Y}"])
    sheet.append(list(CATALOGUE_HEADERS))
    for e in editions:
        times = "; ".join(c.time_text or "" for c in e.channels if c.time_text)
        fees = "; ".join(f.text or "" for c in e.channels for f in c.fees if f.text)
        sheet.append([
            e.code, e.name, e.sector.name if e.sector else None,
            ", ".join(LEVEL_LABELS.get(lv.level, lv.level) for lv in e.levels),
            "; ".join(a.agency.name for a in e.agencies if a.role == "executing"),
            e.effective_from.isoformat(), e.decision.number if e.decision else None,
            times or None, fees or None, len(e.papers),
        ])
    workbook.save(path)
    return len(editions)


def export_decision_xlsx(session: Session, decision: Decision, path: Path) -> int:
    """The annex in the import columns, so importing the file gives the same decision items."""
    from openpyxl import Workbook

    workbook = Workbook(write_only=True)
    sheet = workbook.create_sheet("Phụ lục")
    sheet.append([f"DANH MỤC THỦ TỤC HÀNH CHÍNH (Kèm theo Quyết định số {decision.number}"
                  + (f" ngày {decision.date.day:02d} tháng {decision.date.month:02d} năm {decision.date.year}"
                     if decision.date else "") + ")"])
    sheet.append(list(ANNEX_HEADERS))
    items_by_id = {i.id: i for i in decision.items}
    for number, item in enumerate(decision.items, start=1):
        if item.kind == "replaced":
            successor = items_by_id.get(item.successor_item_id)
            code = successor.code if successor else item.successor_code
            replaces = item.code
        else:
            code, replaces = item.code, None
        sheet.append([
            item.row_number or number, code, item.name, item.sector,
            LEVEL_LABELS.get(item.level, item.level) if item.level else None, item.agency,
            KIND_LABELS[item.kind], replaces, item.note,
        ])
    workbook.save(path)
    return len(decision.items)
