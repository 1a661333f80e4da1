"""Field coverage of the importers' parsers over the real scrapes; writes docs/field-coverage.md.

    .venv/bin/python bench/field_coverage.py [--data ../shared/data] [--out docs/field-coverage.md]

Parses every record of the national portal's 2,642-record scrape (and the 157 Phú Thọ police
pages), counts for each field how many records get structure out of it, and writes the table.
The parse time is printed, not written: it depends on the machine, the table does not.
"""
from __future__ import annotations

import argparse
import sys
import time
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
if str(ROOT) not in sys.path:
    sys.path.insert(0, str(ROOT))

from catalogue.content import ProcedureContent  # noqa: E402
from catalogue.importers import dvcqg_parse, phutho_parse  # noqa: E402
from catalogue.importers.coverage import Row, coverage  # noqa: E402

DVCQG_FILE = Path("catalogue") / "dvcqg-2642.jsonl.gz"
PHUTHO_FILE = Path("catalogue") / "phutho-police-157.json"

INTRO = """\
# Field coverage of the portal importers

How much of the real data `catalogue/importers` turns into structured content. Regenerate with
`.venv/bin/python bench/field_coverage.py` (needs `../shared/data`); do not edit by hand.

## National portal (dichvucong.gov.vn), {total} records

Columns:

- **Structured, all records**: share of all {total} records for which the parser produced the
  structure named in the row (for example at least one paper with its own name and quantity).
- **Source has it**: number of records whose raw field contains something for that row, judged
  by a simple check on the scrape itself, independent of the parser (not empty, not "Không có
  thông tin"; for times, a channel cell that starts with a number; for fees, "Miễn phí" or an
  amount in đồng; for result codes, a "Mã:" label).
- **Structured, where the source has it**: share of those records that got the structure. This
  is the parser's own quality; the gap between the two shares is the source's gaps.

| Field | Structured, all records | Source has it | Structured, where the source has it |
|---|---:|---:|---:|
"""

NOTES = """
Why some shares stay below 100 %:

- Papers: {papers_empty} records have nothing in the papers field, and {papers_missing} carry no papers
  table (the scrape put steps text or a result code there); those get a warning.
- Time with a unit: the portal shows a bare number ("Trực tuyến1Miễn phí") for many customs, justice
  and agriculture procedures. The number is kept; a unit is added only when the channel's own
  description states it for that number.
- Fees: "Miễn phí" followed by a note that sets the fee elsewhere ("Theo quy định của Luật phí và lệ
  phí…", "Mức lệ phí do Hội đồng nhân dân cấp tỉnh quyết định"), notes with several amounts for
  different cases, and amounts under 1,000 đồng (a lost thousands group) keep their text and get no
  amount rather than a wrong one.
"""

PHUTHO_INTRO = """
## Phú Thọ provincial police pages, {total} records

Prose pages without tables ("Trang thông tin điện tử Công an tỉnh Phú Thọ"); share of records with
each structure.

| Field | Structured |
|---|---:|
"""


def _percent(share: float) -> str:
    return f"{share * 100:.1f} %"


def _count(number: int) -> str:
    return f"{number:,}"


def dvcqg_rows(data: Path) -> tuple[list[Row], int, float]:
    records = list(dvcqg_parse.read_records(data / DVCQG_FILE))
    started = time.perf_counter()
    parsed = [dvcqg_parse.parse_record(record) for record in records]
    elapsed = time.perf_counter() - started
    return coverage((r, p.content) for r, p in zip(records, parsed)), len(records), elapsed


def phutho_rows(data: Path) -> list[tuple[str, float]]:
    return phutho_table([phutho_parse.parse_record(r).content
                         for r in phutho_parse.read_procedures(data / PHUTHO_FILE)])


def phutho_table(contents: list[ProcedureContent]) -> list[tuple[str, float]]:
    """Share of the Phú Thọ pages with each structure (the pages have no fields to compare with)."""
    checks = (
        ("Thành phần hồ sơ: ≥1 giấy tờ", lambda c: bool(c.papers)),
        ("Thành phần hồ sơ: ≥1 mẫu đính kèm", lambda c: any(p.form for p in c.papers)),
        ("Thời hạn giải quyết: có số và đơn vị", lambda c: any(
            ch.processing_time and ch.processing_time.unit for ch in c.channels)),
        ("Phí, lệ phí: có số tiền hoặc ghi rõ miễn phí", lambda c: any(
            f.amount is not None for ch in c.channels for f in ch.fees)),
        ("Căn cứ pháp lý: ≥1 văn bản có số hiệu", lambda c: any(a.number for a in c.legal_basis)),
        ("Trình tự thực hiện: ≥1 bước", lambda c: bool(c.steps)),
        ("Mức dịch vụ công trực tuyến", lambda c: bool(c.online_level)),
    )
    return [(label, sum(map(check, contents)) / len(contents)) for label, check in checks]


def render(rows: list[Row], total: int, phutho: list[tuple[str, float]], phutho_total: int) -> str:
    """The Markdown document (deterministic: no times, no paths)."""
    lines = [INTRO.format(total=_count(total))]
    for row in rows:
        lines.append(f"| {row.label} | {_percent(row.share)} | {_count(row.present)} "
                     f"| {_percent(row.share_where_present)} |\n")
    papers = rows[0]
    lines.append(NOTES.format(papers_empty=papers.total - papers.present,
                              papers_missing=papers.present - papers.parsed_where_present))
    lines.append(PHUTHO_INTRO.format(total=phutho_total))
    lines.extend(f"| {label} | {_percent(share)} |\n" for label, share in phutho)
    return "".join(lines)


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--data", type=Path, default=ROOT.parent / "shared" / "data")
    parser.add_argument("--out", type=Path, default=ROOT / "docs" / "field-coverage.md")
    args = parser.parse_args(argv)
    if not (args.data / DVCQG_FILE).is_file():
        print(f"Không tìm thấy dữ liệu: {args.data / DVCQG_FILE}", file=sys.stderr)
        return 2
    rows, total, elapsed = dvcqg_rows(args.data)
    phutho = phutho_rows(args.data)
    phutho_total = len(phutho_parse.read_procedures(args.data / PHUTHO_FILE))
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(render(rows, total, phutho, phutho_total), encoding="utf-8")
    print(f"{total} bản ghi phân tích trong {elapsed:.2f} s; đã ghi {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
