"""The ``tthc`` command line on the embedded default: demo data, decisions, exports, stats, search."""
from __future__ import annotations

import json

import pytest
from click.testing import CliRunner
from openpyxl import Workbook

from app.cli import main


@pytest.fixture
def run(tmp_path):
    runner = CliRunner()
    env = {"TTHC_INSTANCE": str(tmp_path / "instance"), "DATABASE_URL": "", "SEARCH_BACKEND": ""}

    def invoke(*args, input=None):
        return runner.invoke(main, list(args), env=env, input=input, catch_exceptions=False)

    return invoke


@pytest.fixture
def demo(run):
    result = run("demo", "load")
    assert result.exit_code == 0, result.output
    assert "Đã nạp dữ liệu mẫu" in result.output
    return run


def test_demo_loads_once_and_lists_its_decisions(demo):
    again = demo("demo", "load")
    assert again.exit_code == 0 and "Đã nạp" not in again.output
    listing = demo("decision", "list").output.splitlines()
    assert len(listing) >= 2 and all("published" in line for line in listing)


def test_stats_json_reports_the_demo_history(demo):
    result = demo("stats", "--json")
    data = json.loads(result.output)
    assert data["total"]["new"] >= 30 and data["total"]["abolished"] >= 1 and data["total"]["simplified"] >= 1


def test_bad_dates_and_unknown_decisions_exit_non_zero_with_a_message(demo):
    bad = demo("stats", "--from", "31/02/2026")
    assert bad.exit_code != 0 and "ngày không hợp lệ" in bad.output
    missing = demo("decision", "show", "999/QĐ-KHONGCO")
    assert missing.exit_code == 1 and "Không tìm thấy quyết định" in missing.output


def _annex(path, code):
    wb = Workbook()
    ws = wb.active
    ws.append(["DANH MỤC THỦ TỤC HÀNH CHÍNH"])
    ws.append(["STT", "Mã TTHC", "Tên TTHC", "Cấp thực hiện", "Loại thay đổi"])
    ws.append([1, code, "Thủ tục bãi bỏ thử", "Cấp xã", "Bãi bỏ"])
    wb.save(path)
    return path


def test_import_validate_publish_export_round(demo, tmp_path):
    listing = json.loads(demo("export", "catalogue", "--format", "json", "-o", str(tmp_path / "c.json")).output
                         and (tmp_path / "c.json").read_text(encoding="utf-8"))
    code = next(p["code"] for p in listing["procedures"] if p["code"])
    imported = demo("import", "decision", str(_annex(tmp_path / "a.xlsx", code)), "--number", "77/QĐ-UBND",
                    "--date", "2026-11-01", "--effective", "2026-12-01", "--signer", "Lê Văn C")
    assert imported.exit_code == 0, imported.output
    assert "Mã dự thảo:" in imported.output
    assert demo("decision", "validate", "77/QĐ-UBND").exit_code == 0
    published = demo("decision", "publish", "77/QĐ-UBND")
    assert published.exit_code == 0 and "Đã công bố" in published.output
    again = demo("decision", "publish", "77/QĐ-UBND")
    assert again.exit_code == 1 and "đã được công bố" in again.output
    out = tmp_path / "annex.xlsx"
    assert demo("export", "decision", "77/QĐ-UBND", "-o", str(out)).exit_code == 0 and out.stat().st_size > 0
    after = json.loads(demo("decision", "show", "77/QĐ-UBND", "--json").output)
    assert after["status"] == "published" and after["items"][0]["code"] == code


def test_import_of_a_broken_annex_names_the_file(demo, tmp_path):
    bad = tmp_path / "hong.xlsx"
    bad.write_bytes(b"not a zip at all")
    result = demo("import", "decision", str(bad), "--number", "1/QĐ-X", "--effective", "2026-12-01")
    assert result.exit_code == 1 and "hong.xlsx" in result.output
    assert "1/QĐ-X" not in demo("decision", "list").output


def test_search_sync_check_and_query(demo):
    assert demo("search", "sync").exit_code == 0
    check = demo("search", "check")
    assert check.exit_code == 0 and "0 thủ tục lệch" in check.output
    found = json.loads(demo("search", "dang ky khai sinh", "--json", "--limit", "3").output)
    assert found["hits"] and "khai sinh" in found["hits"][0]["name"].lower()
    assert set(found) == {"total", "page", "per_page", "hits", "facets", "suggestion"}


def test_search_check_reports_mismatches_with_exit_1(demo):
    check = demo("search", "check")
    assert check.exit_code == 1 and "chưa có trong chỉ mục" in check.output


@pytest.mark.parametrize("builder", ["deflate_bomb", "declares_one_gib", "overlapping_entries", "truncated_docx",
                                     "random_bytes", "encrypted_docx", "macro_part"])
def test_hostile_annexes_are_refused_with_the_file_named_and_nothing_written(demo, tmp_path, builder):
    from tests.review import hostile_docs

    path = tmp_path / "phu-luc-doc-hai.xlsx"
    path.write_bytes(getattr(hostile_docs, builder)())
    before = demo("decision", "list").output
    result = demo("import", "decision", str(path), "--number", "66/QĐ-X", "--effective", "2026-12-01")
    assert result.exit_code == 1
    assert "phu-luc-doc-hai.xlsx" in result.output
    assert demo("decision", "list").output == before
