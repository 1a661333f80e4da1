"""Small data cases per rule, on plain text or on one changed formatting value (like sqlfluff's
rule fixtures): each case says which rule must (or must not) fire on a few lines."""
from __future__ import annotations

import pytest

from review.api import review_model
from review.model import Document, Paragraph, Run, Spacing
from review.plaintext import document_from_text

HEADER = ["UBND TỈNH QUẢNG NINH", "SỞ TÀI CHÍNH", "{so}", "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
          "Độc lập - Tự do - Hạnh phúc", "{date}", ""]
TAIL = ["", "Nơi nhận:", "- Như trên;", "- Lưu: VT, VP.", "GIÁM ĐỐC", "", "Nguyễn Văn An"]


def text_doc(body: list[str], so: str = "Số: 12/QĐ-STC", date: str = "Quảng Ninh, ngày 05 tháng 3 năm 2024",
             title: tuple[str, ...] = ("QUYẾT ĐỊNH", "Về việc ban hành Quy chế")) -> str:
    header = [line.format(so=so, date=date) for line in HEADER]
    return "\n".join(header + list(title) + body + TAIL)


BODY = ["Điều 1. Ban hành Quy chế làm việc.", "Điều 2. Hiệu lực thi hành", "1. Quyết định có hiệu lực từ ngày ký.",
        "2. Các quy định trái với Quyết định này bị bãi bỏ./."]

# (id, text, rule, should_fire)
TEXT_CASES = [
    ("clean", text_doc(BODY), None, False),
    ("so-leading-zero", text_doc(BODY, so="Số: 7/QĐ-STC"), "ND30-223", True),
    ("so-two-digits", text_doc(BODY, so="Số: 07/QĐ-STC"), "ND30-223", False),
    ("so-blank-draft", text_doc(BODY, so="Số:      /QĐ-STC"), "ND30-223", False),
    ("so-lower-notation", text_doc(BODY, so="Số: 12/qđ-stc"), "ND30-222", True),
    ("so-mixed-case-code", text_doc(BODY, so="Số: 12/TTr-STC", title=("TỜ TRÌNH", "Về việc x")), "ND30-222", False),
    ("so-year-vbqppl", text_doc(BODY, so="Số: 12/2024/QĐ-UBND"), "ND30-222", False),
    ("date-blank-day", text_doc(BODY, date="Quảng Ninh, ngày    tháng 3 năm 2024"), "ND30-231", False),
    ("date-capital-words", text_doc(BODY, date="Quảng Ninh, Ngày 05 Tháng 3 Năm 2024"), "ND30-231", True),
    ("date-lower-place", text_doc(BODY, date="quảng Ninh, ngày 05 tháng 3 năm 2024"), "ND30-231", True),
    ("date-two-digit-year", text_doc(BODY, date="Quảng Ninh, ngày 05 tháng 3 năm 24"), "ND30-231", True),
    ("date-day-9", text_doc(BODY, date="Quảng Ninh, ngày 9 tháng 3 năm 2024"), "ND30-232", True),
    ("date-month-2", text_doc(BODY, date="Quảng Ninh, ngày 19 tháng 2 năm 2024"), "ND30-232", True),
    ("date-month-02", text_doc(BODY, date="Quảng Ninh, ngày 19 tháng 02 năm 2024"), "ND30-232", False),
    ("date-month-10", text_doc(BODY, date="Quảng Ninh, ngày 19 tháng 10 năm 2024"), "ND30-233", False),
    ("date-month-03", text_doc(BODY, date="Quảng Ninh, ngày 19 tháng 03 năm 2024"), "ND30-233", True),
    ("dieu-no-title", text_doc(["Điều 1.", "Điều 2. Hiệu lực./."]), "ND30-270", True),
    ("khoan-restart-per-dieu", text_doc(BODY + ["Điều 3. Trách nhiệm", "1. Văn phòng thi hành./."]), "ND30-271", False),
    ("diem-d-dd-e", text_doc(["Điều 1. Nội dung", "1. Gồm:", "a) một;", "b) hai;", "c) ba;", "d) bốn;", "đ) năm;",
                              "e) sáu./."]), "ND30-272", False),
    ("diem-f", text_doc(["Điều 1. Nội dung", "1. Gồm:", "a) một;", "f) hai./."]), "ND30-272", True),
    ("diem-dotted", text_doc(["Điều 1. Nội dung", "1. Gồm:", "a. một;", "b. hai./."]), "ND30-272", True),
    ("citation-lower-chuong", text_doc(["Điều 1. Áp dụng quy định tại chương II của Luật này./."]), "ND30-402", True),
    ("citation-upper", text_doc(["Điều 1. Áp dụng quy định tại khoản 2 Điều 5 của Luật này./."]), "ND30-402", False),
    ("org-bo-luat", text_doc(["Điều 1. Theo quy định của Bộ Luật Dân sự./."]), "ND30-403", True),
    ("org-uy-ban-ok", text_doc(["Điều 1. Ủy ban nhân dân tỉnh chịu trách nhiệm./."]), "ND30-403", False),
    ("place-quan-1", text_doc(["Điều 1. Trụ sở đặt tại quận 1./."]), "ND30-404", True),
    ("sentence-after-stop", text_doc(["Điều 1. Nội dung", "Sở đã làm xong. các phòng theo dõi./."]), "ND30-401", True),
    ("sentence-abbreviation", text_doc(["Điều 1. Nội dung", "Trụ sở tại TP. Hạ Long./."]), "ND30-401", False),
    ("authority-slash", text_doc(BODY).replace("GIÁM ĐỐC", "T/M ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), "ND30-281", True),
    ("authority-tm", text_doc(BODY).replace("GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN\nCHỦ TỊCH"), "ND30-281", False),
    ("can-cu-order", text_doc(["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật A;", "Căn cứ Luật B.", "QUYẾT ĐỊNH:"] + BODY),
     "ND30-267", False),
    ("can-cu-comma", text_doc(["CHỦ TỊCH ỦY BAN NHÂN DÂN TỈNH", "Căn cứ Luật A,", "Căn cứ Luật B.", "QUYẾT ĐỊNH:"] + BODY),
     "ND30-267", True),
    ("cong-van-code-ok", text_doc(["Nội dung công văn./."], so="Số: 125/STC-NS",
                                  title=("V/v hướng dẫn",)), "ND30-502", False),
    ("nfc", text_doc(BODY).replace("Hiệu lực", "Hie\u0302\u0323u lực"), "ND30-105", True),
]


@pytest.mark.parametrize("case_id,text,rule,fires", TEXT_CASES, ids=[c[0] for c in TEXT_CASES])
def test_text_case(case_id, text, rule, fires):
    report = review_model(document_from_text(text), f"{case_id}.txt")
    rules = {f.rule for f in report.findings}
    if rule is None:
        assert [f for f in report.findings if f.severity == "error"] == []
    else:
        assert (rule in rules) is fires, [(f.rule, f.message) for f in report.findings]


def formatted(paragraphs: list[tuple[str, dict]]) -> Document:
    out = []
    for i, (text, fmt) in enumerate(paragraphs):
        run = Run(text, font=fmt.get("font", "Times New Roman"), size_pt=fmt.get("size", 14),
                  bold=fmt.get("bold", False), italic=fmt.get("italic", False), caps=False, underline=False,
                  color=fmt.get("color", "AUTO"))
        out.append(Paragraph(index=i, text=text, runs=[run], alignment=fmt.get("align", "justify"),
                             spacing=Spacing(0, fmt.get("after", 120), fmt.get("line", 240), fmt.get("rule", "auto"))))
    return Document(paragraphs=out)


# (id, line spacing value, rule, expected to fire) on body paragraphs in 14 pt
SPACING_CASES = [
    ("single", dict(line=240), False), ("one-and-half", dict(line=360), False), ("double", dict(line=480), True),
    ("exact-17", dict(line=340, rule="exact"), False), ("exact-13", dict(line=260, rule="exact"), True),
    ("exact-24", dict(line=480, rule="exact"), False), ("exact-30", dict(line=600, rule="exact"), True),
]


@pytest.mark.parametrize("case_id,fmt,fires", SPACING_CASES, ids=[c[0] for c in SPACING_CASES])
def test_line_spacing_cases(case_id, fmt, fires):
    body = "Nội dung văn bản được trình bày bằng chữ in thường, canh đều hai lề, kiểu chữ đứng."
    doc = formatted([(body, fmt), (body, fmt)])
    report = review_model(doc, "x.docx")
    assert ("ND30-265" in {f.rule for f in report.findings}) is fires


def test_practice_profile_accepts_half_points_and_en_dash():
    doc = formatted([("CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM", dict(size=13.5, bold=True, align="center")),
                     ("Độc lập – Tự do – Hạnh phúc", dict(size=13, bold=True, align="center"))])
    strict = {f.rule for f in review_model(doc, "x.docx", "nd30").findings}
    practice = {f.rule for f in review_model(doc, "x.docx", "nd30-practice").findings}
    assert {"ND30-202", "ND30-203"} <= strict
    assert not {"ND30-202", "ND30-203"} & practice
