"""How long the review outputs take on a long document: SARIF, HTML, Word comments, safe fixes.

Run: ``.venv/bin/python bench/review_outputs.py`` (writes ``bench/results/review_outputs.json``).

The document is a synthetic quyết định of ``PARAGRAPHS`` body paragraphs after a header table, with
one finding on every ``EVERY``-th paragraph (size, font, bold, case, date and number kinds mixed,
all safe) plus page-level findings. Each output is timed as the best of ``REPEAT`` runs, so the
figures describe the code and not the machine's noise.
"""
from __future__ import annotations

import io
import json
import platform
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))

import docx  # noqa: E402
from docx.shared import Pt  # noqa: E402

from review import sarif  # noqa: E402
from review.annotate import annotate_docx  # noqa: E402
from review.docx_stories import read_document_text  # noqa: E402
from review.fix import fix_docx  # noqa: E402
from review.html_report import render_html  # noqa: E402
from review.report import Finding, Fix, Location, Report  # noqa: E402

PARAGRAPHS = 2000
EVERY = 4
REPEAT = 3
REFERENCE = "Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I"
KINDS = [
    ("noi_dung", "size", "13–14 pt", "12 pt"),
    ("noi_dung", "font", "Times New Roman", "Arial"),
    ("noi_dung", "bold", "không đậm", "đậm"),
    ("ten_loai", "case", "in hoa", "có chữ thường"),
    ("dia_danh_thoi_gian", "text", "ngày 05 tháng 3 năm 2024", "ngày 5 tháng 3 năm 2024"),
    ("so_ky_hieu", "text", "Số: 05/QĐ-UBND", "Số: 5/QĐ-UBND"),
]


def build_document() -> bytes:
    document = docx.Document()
    cells = document.add_table(rows=1, cols=2).rows[0].cells
    cells[0].paragraphs[0].text = "ỦY BAN NHÂN DÂN"
    cells[0].add_paragraph("Số: 5/QĐ-UBND")
    cells[1].paragraphs[0].text = "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM"
    cells[1].add_paragraph("Hà Nội, ngày 5 tháng 3 năm 2024")
    for index in range(PARAGRAPHS):
        run = document.add_paragraph().add_run(
            f"Khoản {index + 1}. Nội dung quy định ngày 5 tháng 3 năm 2024, số: 5/QĐ-UBND, thực hiện.")
        run.font.size = Pt(12)
        run.font.name = "Arial"
    buffer = io.BytesIO()
    document.save(buffer)
    return buffer.getvalue()


def build_report() -> Report:
    findings = [
        Finding("ND30-PAGE-001", "error", "page", "paper_size", "Khổ giấy không phải A4.", REFERENCE,
                "A4 (210 × 297 mm)", "215,9 × 279,4 mm", None, Fix("Đặt khổ A4.", True)),
        Finding("ND30-PAGE-003", "error", "page", "margin", "Lề trên sai.", REFERENCE,
                "Lề trên 20–25 mm", "25,4 mm", None, Fix("Đặt lề trên 25 mm.", True)),
    ]
    for index in range(4, PARAGRAPHS + 4, EVERY):
        component, prop, expected, actual = KINDS[(index // EVERY) % len(KINDS)]
        findings.append(Finding(
            f"ND30-BENCH-{prop.upper()}", "error", component, prop, f"Sai {prop}.", REFERENCE,
            expected, actual, Location("body", index, "Khoản"), Fix(f"Sửa {prop}.", True)))
    return Report(file="bench.docx", profile="nd30", document_type="Quyết định", findings=findings)


def best_of(action) -> float:
    times = []
    for _ in range(REPEAT):
        start = time.perf_counter()
        action()
        times.append(time.perf_counter() - start)
    return min(times)


def main() -> None:
    data = build_document()
    report = build_report()
    text = read_document_text(io.BytesIO(data))
    figures = {
        "paragraphs": len(text.body),
        "findings": len(report.findings),
        "docx_bytes": len(data),
        "seconds": {
            "read_paragraph_texts": best_of(lambda: read_document_text(io.BytesIO(data))),
            "sarif": best_of(lambda: sarif.dumps([report])),
            "html": best_of(lambda: render_html([report], {report.file: text})),
            "annotate": best_of(lambda: annotate_docx(io.BytesIO(data), report.findings, io.BytesIO())),
            "fix": best_of(lambda: fix_docx(io.BytesIO(data), report.findings, io.BytesIO())),
        },
        "html_bytes": len(render_html([report], {report.file: text}).encode("utf-8")),
        "sarif_bytes": len(sarif.dumps([report]).encode("utf-8")),
        "python": platform.python_version(),
        "repeat": REPEAT,
    }
    out = ROOT / "bench" / "results" / "review_outputs.json"
    out.parent.mkdir(parents=True, exist_ok=True)
    out.write_text(json.dumps(figures, ensure_ascii=False, indent=2) + "\n", encoding="utf-8")
    print(json.dumps(figures, ensure_ascii=False, indent=2))


if __name__ == "__main__":
    main()
