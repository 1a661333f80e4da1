"""Statistics with charts, and downloads of the catalogue (JSON, .xlsx).

The numbers are those provinces report (``catalogue.stats``): procedures added, simplified,
amended, replaced and abolished, and what the simplifications cut — processing time per unit,
papers, fees and steps. Charts are SVG drawn on the server (``app.charts``), each followed by the
table of its numbers.
"""
from __future__ import annotations

import io
from pathlib import Path
from tempfile import TemporaryDirectory

from flask import render_template, send_file

from catalogue.clock import today
from catalogue.content import TIME_UNIT_LABELS
from catalogue.exports import export_catalogue_json, export_catalogue_xlsx
from catalogue.stats import compute_stats

from ...auth import access
from ...charts import Series, bar_chart, column_chart
from ..db import read_session
from ..params import choice_param, date_param
from . import bp

KIND_SERIES = (Series("new", "Mới ban hành"), Series("amended", "Sửa đổi, bổ sung"),
               Series("replaced", "Thay thế"), Series("abolished", "Bãi bỏ"))
SIMPLIFIED_SERIES = (Series("simplified", "Được đơn giản hóa"),)
XLSX = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"


def _month_label(key: str) -> str:
    year, _, month = key.partition("-")
    return f"{month}/{year}" if month else key


@bp.get("/thong-ke")
@access("officer")
def statistics():
    session = read_session()
    start, end = date_param("from"), date_param("to")
    monthly = compute_stats(session, start=start, end=end, by="month")
    by_sector = compute_stats(session, start=start, end=end, by="sector")
    months = sorted(monthly.groups)
    month_values = {_month_label(m): monthly.groups[m].to_dict() for m in months}
    month_labels = [_month_label(m) for m in months]
    sectors = sorted(by_sector.groups, key=lambda k: (-sum(getattr(by_sector.groups[k], s.key)
                                                           for s in KIND_SERIES), k))
    sector_values = {k: by_sector.groups[k].to_dict() for k in sectors}
    period = "toàn bộ thời gian" if not (start or end) else (
        f"từ {start:%d/%m/%Y} " if start else "") + (f"đến {end:%d/%m/%Y}" if end else "")
    charts = {
        "months": column_chart(
            "bieu-do-thang", "Số thủ tục thay đổi theo tháng hiệu lực, theo loại thay đổi",
            f"Cột chồng theo tháng ({period}); mỗi đoạn là một loại thay đổi; số liệu ở bảng ngay dưới.",
            month_labels, KIND_SERIES, month_values, unit="thủ tục"),
        "sectors": bar_chart(
            "bieu-do-linh-vuc", "Số thủ tục thay đổi theo lĩnh vực, theo loại thay đổi",
            f"Thanh ngang chồng theo lĩnh vực ({period}); số liệu ở bảng ngay dưới.",
            sectors, KIND_SERIES, sector_values, unit="thủ tục"),
        "simplified": column_chart(
            "bieu-do-don-gian-hoa", "Số thủ tục được đơn giản hóa theo tháng hiệu lực",
            f"Cột theo tháng ({period}); số liệu ở bảng ngay dưới.",
            month_labels, SIMPLIFIED_SERIES, month_values, unit="thủ tục"),
    }
    return render_template(
        "officer/statistics.html", total=monthly.total, charts=charts, months=months,
        month_label=_month_label, monthly=monthly.groups, sectors=sectors, by_sector=by_sector.groups,
        start=start, end=end, period=period, KIND_SERIES=KIND_SERIES, TIME_UNIT_LABELS=TIME_UNIT_LABELS,
    )


@bp.get("/xuat-du-lieu")
@access("officer")
def exports():
    return render_template("officer/exports.html", today=today())


@bp.get("/xuat-du-lieu/danh-muc")
@access("officer")
def export_catalogue():
    """The catalogue in force on ``as_of`` (default today) as JSON or .xlsx."""
    fmt = choice_param("format", ("json", "xlsx"), "xlsx")
    day = date_param("as_of") or today()
    with TemporaryDirectory() as folder:
        path = Path(folder) / f"catalogue.{fmt}"
        (export_catalogue_json if fmt == "json" else export_catalogue_xlsx)(read_session(), path, day)
        data = path.read_bytes()
    return send_file(io.BytesIO(data), as_attachment=True, download_name=f"danh-muc-tthc-{day.isoformat()}.{fmt}",
                     mimetype="application/json" if fmt == "json" else XLSX)
