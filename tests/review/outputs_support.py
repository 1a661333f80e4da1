"""Small .docx documents and hand-made reports for the output tests (SARIF, HTML, comments, fixes).

The sample is laid out like a real quyết định: a borderless header table (cơ quan and số ký hiệu on
the left, quốc hiệu, tiêu ngữ and the date on the right), then the body. Its paragraph indices in
reading order are fixed and named below, so findings can point at them.
"""
from __future__ import annotations

from pathlib import Path

import docx
from docx.shared import Pt

from review.report import Finding, Fix, Location, Report

REFERENCE = "Nghị định 30/2020/NĐ-CP, Phụ lục I, Phần I"

# Reading order of the sample: the two header cells, then the body.
CO_QUAN_CHU_QUAN, CO_QUAN, SO_KY_HIEU = 0, 1, 2
QUOC_HIEU, TIEU_NGU, DIA_DANH = 3, 4, 5
TEN_LOAI, TRICH_YEU, CAN_CU, DIEU_1, NOI_NHAN = 6, 7, 8, 9, 10

TEXTS = [
    "UBND TỈNH BẮC NINH", "SỞ NỘI VỤ", "Số: 5/QĐ-SNV",
    "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", "Độc lập - Tự do - Hạnh phúc",
    "Bắc Ninh, ngày 5 tháng 3 năm 2024",
    "Quyết định", "Về việc ban hành quy chế làm việc <b>&amp;</b>",
    "Căn cứ Luật Tổ chức chính quyền địa phương;",
    "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc.",
    "Nơi nhận:",
]


def build_sample(path: Path, *, header_text: str = "Trang 2") -> Path:
    """Write the sample quyết định to ``path``: US Letter, Arial 12 in Điều 1, plain everywhere."""
    document = docx.Document()
    table = document.add_table(rows=1, cols=2)
    left, right = table.cell(0, 0), table.cell(0, 1)
    left.paragraphs[0].add_run(TEXTS[CO_QUAN_CHU_QUAN])
    left.add_paragraph(TEXTS[CO_QUAN])
    left.add_paragraph().add_run("Số: ").italic = False
    left.paragraphs[-1].add_run("5/QĐ-SNV")
    right.paragraphs[0].add_run(TEXTS[QUOC_HIEU])
    right.add_paragraph(TEXTS[TIEU_NGU])
    date = right.add_paragraph()
    for piece in ("Bắc Ninh, ngày ", "5", " tháng 3 năm 2024"):
        date.add_run(piece)
    for index in range(TEN_LOAI, NOI_NHAN + 1):
        paragraph = document.add_paragraph()
        run = paragraph.add_run(TEXTS[index])
        if index == DIEU_1:
            run.font.name = "Arial"
            run.font.size = Pt(12)
    document.sections[0].header.paragraphs[0].text = header_text
    document.save(str(path))
    return path


def finding(rule: str, component: str, prop: str, *, paragraph: int | None = None, part: str = "body",
            severity: str = "error", expected: str = "", actual: str = "", safe: bool | None = True,
            message: str | None = None, text: str = "") -> Finding:
    location = None if paragraph is None else Location(part, paragraph, text)
    fix = None if safe is None else Fix(f"Sửa {prop} theo quy định", safe)
    return Finding(
        rule=rule, severity=severity, component=component, property=prop,
        message=message or f"Sai {prop} của {component}", reference=REFERENCE,
        expected=expected, actual=actual, location=location, fix=fix,
    )


def sample_findings() -> list[Finding]:
    """One finding of each output-relevant kind, on the sample's paragraphs."""
    return [
        finding("ND30-PAGE-001", "page", "paper_size", expected="A4 (210 × 297 mm)", actual="215,9 × 279,4 mm"),
        finding("ND30-PAGE-003", "page", "margin", expected="Lề trên 20–25 mm", actual="25,4 mm", severity="warning"),
        finding("ND30-SKH-002", "so_ky_hieu", "text", paragraph=SO_KY_HIEU, expected="Số: 05/QĐ-SNV",
                actual="Số: 5/QĐ-SNV", text=TEXTS[SO_KY_HIEU]),
        finding("ND30-TL-001", "ten_loai", "case", paragraph=TEN_LOAI, expected="chữ in hoa",
                actual="chữ thường", text=TEXTS[TEN_LOAI]),
        finding("ND30-ND-004", "noi_dung", "font", paragraph=DIEU_1, expected="Times New Roman",
                actual="Arial", text=TEXTS[DIEU_1][:30]),
        finding("ND30-ND-005", "noi_dung", "size", paragraph=DIEU_1, expected="13–14 pt", actual="12 pt"),
        finding("ND30-DAU-001", "dau", "presence", severity="info", safe=None,
                message="Kiểm tra dấu và chữ ký <script>alert(1)</script>"),
        finding("ND30-ST-001", "so_trang", "position", paragraph=0, part="header", severity="warning",
                safe=False, text="Trang 2"),
    ]


def sample_report(path: Path | str, findings: list[Finding] | None = None) -> Report:
    return Report(file=str(path), profile="nd30", document_type="Quyết định",
                  findings=sample_findings() if findings is None else findings)


def unreadable_report(name: str = "hong.docx") -> Report:
    return Report(file=name, profile="nd30", error="Tệp không phải .docx hợp lệ (không mở được tệp nén).")
