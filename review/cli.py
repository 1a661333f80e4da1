"""``tthc review``: check .docx files, folders and .zip batches against Nghị định 30/2020/NĐ-CP.

The report goes to standard output (or ``--output``) as text, JSON (one list of report objects,
the contract of the design), a self-contained HTML page, or SARIF. ``--fix DIR`` writes a copy of
each readable .docx with the safe fixes applied and ``--annotate DIR`` a copy with a Word comment at
each finding; what was written and what was skipped is told on standard error, so standard output
stays a clean report. Exit status: 2 if a file could not be read, else 1 if there is an
error-level finding, else 0.
"""
from __future__ import annotations

import io
import json
import os
import zipfile
from collections.abc import Callable
from pathlib import Path

import click
from lxml import etree

from review import sarif
from review.annotate import annotate_docx
from review.api import review_document, review_paths
from review.docx_stories import DocumentText, read_document_text
from review.errors import DocumentReadError
from review.fix import fix_bytes
from review.html_report import render_html
from review.outputs import OutputNamer, is_docx, source_bytes
from review.profiles import DEFAULT_PROFILE, PROFILES
from review.report import Finding, Report, exit_status
from review.rules import RULES_BY_CODE
from review.text_report import render_text

FORMATS = ("text", "json", "html", "sarif")
# python-docx may still refuse an odd package the safe reader accepted; such a file gets no copy.
_COPY_ERRORS = (KeyError, ValueError, zipfile.BadZipFile, etree.LxmlError, DocumentReadError, OSError)


def _review(paths: list[str], profile: str) -> list[Report]:
    return review_paths(paths, profile)


def _review_bytes(data: bytes, name: str, profile: str) -> Report:
    return review_document(io.BytesIO(data), name, profile)


def _rule_names() -> dict[str, str]:
    return {code: rule.name for code, rule in RULES_BY_CODE.items()}


def _json(reports: list[Report]) -> str:
    return json.dumps([r.to_dict() for r in reports], ensure_ascii=False, indent=2)


def _texts(reports: list[Report]) -> dict[str, DocumentText]:
    texts: dict[str, DocumentText] = {}
    for report in reports:
        if report.error is not None:
            continue
        try:
            data = source_bytes(report.file)
            if is_docx(data, report.file):
                texts[report.file] = read_document_text(io.BytesIO(data))
        except _COPY_ERRORS:
            continue
    return texts


def _write_copies(
    reports: list[Report], directory: Path, suffix: str,
    write: Callable[[bytes, Report, Path], str],
) -> None:
    """Write one copy per readable .docx into ``directory``; report each on standard error."""
    directory.mkdir(parents=True, exist_ok=True)
    namer = OutputNamer(directory, protected=[r.file for r in reports])
    for report in reports:
        if report.error is not None:
            continue
        try:
            data = source_bytes(report.file)
        except _COPY_ERRORS:
            data = None
        if not is_docx(data, report.file):
            click.echo(f"Bỏ qua {report.file}: chỉ tạo được bản sao cho tệp .docx.", err=True)
            continue
        target = namer.path_for(report.file, suffix)
        try:
            summary = write(data, report, target)
        except _COPY_ERRORS as exc:
            click.echo(f"Không ghi được bản sao của {report.file}: {exc}", err=True)
            continue
        click.echo(f"Đã ghi {target}: {summary}", err=True)


def _write_fixed(profile: str) -> Callable[[bytes, Report, Path], str]:
    """Fix, review the copy again, fix what surfaced (see ``review.fix.fix_bytes``), write it."""
    def write(data: bytes, report: Report, target: Path) -> str:
        def rereview(fixed: bytes) -> list[Finding]:
            return _review_bytes(fixed, report.file, profile).findings

        fixed, result = fix_bytes(data, report.findings, rereview)
        target.write_bytes(fixed)
        lines = [f"{len(result.applied)} sửa tự động, {len(result.skipped)} bỏ qua."]
        lines += [f"  bỏ qua {o.finding.rule}: {o.note}" for o in result.skipped]
        return "\n".join(lines)
    return write


def _write_annotated(data: bytes, report: Report, target: Path) -> str:
    return f"{annotate_docx(io.BytesIO(data), report.findings, target)} nhận xét."


@click.command("review")
@click.argument("paths", nargs=-1, required=True, type=click.Path(exists=True, path_type=str))
@click.option("--profile", type=click.Choice(sorted(PROFILES)), default=DEFAULT_PROFILE, show_default=True,
              help="Bộ quy tắc kiểm tra.")
@click.option("--format", "output_format", type=click.Choice(FORMATS), default="text", show_default=True,
              help="Định dạng báo cáo.")
@click.option("--fix", "fix_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi bản sao đã sửa tự động các lỗi an toàn.")
@click.option("--annotate", "annotate_dir", type=click.Path(file_okay=False, path_type=Path),
              help="Thư mục ghi bản sao có nhận xét (comment) của Word tại từng lỗi.")
@click.option("--output", "-o", "output_file", type=click.Path(dir_okay=False, path_type=Path),
              help="Ghi báo cáo vào tệp này thay vì in ra màn hình.")
def review(paths: tuple[str, ...], profile: str, output_format: str, fix_dir: Path | None,
                   annotate_dir: Path | None, output_file: Path | None) -> None:
    """Kiểm tra thể thức văn bản (.docx, thư mục, tệp .zip) theo Nghị định 30/2020/NĐ-CP."""
    inputs = list(paths)
    protected = {os.path.abspath(p) for p in inputs}
    if output_file is not None and os.path.abspath(output_file) in protected:
        raise click.UsageError("Tệp báo cáo --output không được trùng với tệp đầu vào.")
    reports = _review(inputs, profile)

    if output_format == "json":
        rendered = _json(reports)
    elif output_format == "sarif":
        rendered = sarif.dumps(reports, _rule_names())
    elif output_format == "html":
        rendered = render_html(reports, _texts(reports))
    else:
        rendered = render_text(reports)

    if fix_dir is not None:
        _write_copies(reports, fix_dir, "da-sua", _write_fixed(profile))
    if annotate_dir is not None:
        _write_copies(reports, annotate_dir, "nhan-xet", _write_annotated)

    if output_file is not None:
        output_file.parent.mkdir(parents=True, exist_ok=True)
        output_file.write_text(rendered if rendered.endswith("\n") else rendered + "\n", encoding="utf-8")
    else:
        click.echo(rendered)
    click.get_current_context().exit(exit_status(reports))
