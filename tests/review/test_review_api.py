"""The reviewer's API: documents, folders, zip batches, unreadable files, the text report, and the
paragraph numbering shared with the other outputs."""
from __future__ import annotations

import io
import json
import zipfile

from review.api import review_document, review_paths
from review.docx_model import build_document
from review.docx_walk import body_paragraphs, paragraph_text
from review.reader import read_docx
from review.report import exit_status
from review.text_report import render_text, summary
from tests.review.corpus.builder import Spec, build_docx


def test_unreadable_input_becomes_an_error_report():
    report = review_document(b"this is not a docx", "broken.docx")
    assert report.error and not report.findings and not report.compliant
    assert report.to_dict()["error"] == report.error
    assert exit_status([report]) == 2


def test_paths_expand_folders_and_zip_batches(tmp_path):
    folder = tmp_path / "in"
    folder.mkdir()
    (folder / "a.docx").write_bytes(build_docx(Spec("quyet_dinh")))
    (folder / "b.docx").write_bytes(build_docx(Spec("cong_van", page={"left": 20})))
    (folder / "notes.md").write_text("bỏ qua", encoding="utf-8")
    batch = tmp_path / "lô.zip"
    with zipfile.ZipFile(batch, "w") as archive:
        archive.writestr("x/c.docx", build_docx(Spec("ke_hoach")))
        archive.writestr("d.txt", "Văn bản thuần")
        archive.writestr("e.pdf", b"%PDF-1.4")
    reports = review_paths([folder, batch])
    names = [r.file for r in reports]
    assert names == [str(folder / "a.docx"), str(folder / "b.docx"), f"{batch}/x/c.docx", f"{batch}/d.txt",
                     f"{batch}/e.pdf"]
    assert [r.compliant for r in reports[:3]] == [True, False, True]
    assert "PDF" in reports[-1].error  # a document that cannot be reviewed says why, never silence
    assert exit_status(reports) == 2
    assert exit_status(reports[:-1]) == 1
    data = json.loads(json.dumps([r.to_dict() for r in reports], ensure_ascii=False))
    assert data[1]["findings"][0]["rule"] == "ND30-103"
    assert data[1]["findings"][0]["location"] is None


def test_text_report_and_summary():
    good = review_document(build_docx(Spec("bao_cao")), "tot.docx")
    bad = review_document(build_docx(Spec("bao_cao", fmt={"ten_loai": {"size": 12}})), "sai.docx")
    broken = review_document(b"", "rong.docx")
    text = render_text([good, bad, broken])
    assert "KHÔNG ĐẠT" in text and "ND30-242" in text and "Không đọc được" in text
    assert "Đã kiểm tra 3 văn bản; 2 không đạt (trong đó 1 không đọc được)" in text
    figures = summary([good, bad, broken])
    assert figures["by_rule"] == {"ND30-242": 1} and figures["by_component"] == {"ten_loai": 1}


def test_paragraph_indices_match_the_shared_walk():
    data = build_docx(Spec("quyet_dinh", appendix=True, header_rows=2))
    package = read_docx(io.BytesIO(data))
    model = build_document(package)
    walked = body_paragraphs(package.xml(package.main_document_name))
    assert [p.text for p in model.paragraphs] == [paragraph_text(p) for p in walked]
    assert [p.index for p in model.paragraphs] == list(range(len(walked)))


def test_header_and_signature_tables_are_visible_in_the_model():
    model = build_document(read_docx(build_docx(Spec("cong_van"))))
    qh = next(p for p in model.paragraphs if p.text.startswith("CỘNG HÒA"))
    label = next(p for p in model.paragraphs if p.text == "Nơi nhận:")
    assert (qh.container.kind, qh.container.table, qh.container.cell) == ("table", 0, 1)
    assert (label.container.table, label.container.cell) == (1, 0)
    assert model.headers["word/header1.xml"].has_page_field
