"""End to end over the built corpus: clean documents pass, every planted violation is found."""
from __future__ import annotations

import pytest
from tests.review.corpus.builder import build_docx, build_text
from tests.review.corpus.cases import CLEAN, KINDS, PLANTED

from review.api import review_document
from review.rules import RULES_BY_CODE


@pytest.mark.parametrize("name,spec", CLEAN, ids=[c[0] for c in CLEAN])
def test_clean_documents_have_no_error(name, spec):
    report = review_document(build_docx(spec), f"{name}.docx")
    assert report.error is None
    errors = [(f.rule, f.component, f.property, f.message) for f in report.findings if f.severity == "error"]
    assert errors == []
    assert report.compliant
    assert report.document_type is not None


@pytest.mark.parametrize("name,spec,expected", PLANTED, ids=[c[0] for c in PLANTED])
def test_planted_violation_is_found(name, spec, expected):
    report = review_document(build_docx(spec), f"{name}.docx")
    found = {(f.rule, f.component, f.property) for f in report.findings}
    assert expected in found, sorted(found)
    finding = next(f for f in report.findings if (f.rule, f.component, f.property) == expected)
    assert finding.reference == RULES_BY_CODE[expected[0]].reference
    assert finding.message and finding.expected


def test_corpus_size_and_coverage():
    assert len(CLEAN) + len(PLANTED) >= 50
    assert len(KINDS) >= 6
    planted_rules = {expected[0] for _, _, expected in PLANTED}
    nd30_rules = {code for code in RULES_BY_CODE if code.startswith("ND30-")}
    assert nd30_rules <= planted_rules


def test_the_document_type_comes_from_the_ten_loai_or_the_vv():
    expected = {"quyet_dinh": "Quyết định", "cong_van": "Công văn", "ke_hoach": "Kế hoạch",
                "bao_cao": "Báo cáo", "thong_bao": "Thông báo", "to_trinh": "Tờ trình"}
    for kind, name in expected.items():
        assert review_document(build_docx(CLEAN[KINDS.index(kind) * 2][1]), "x.docx").document_type == name


@pytest.mark.parametrize("kind", KINDS)
def test_plain_text_of_a_clean_document_has_no_error(kind):
    from tests.review.corpus.builder import Spec
    report = review_document(build_text(Spec(kind)).encode("utf-8"), f"{kind}.txt")
    assert report.error is None
    assert [f.rule for f in report.findings if f.severity == "error"] == []
