"""What an import did: rows read, created, updated, skipped, and the rows that failed and why."""
from __future__ import annotations

from dataclasses import dataclass, field

from ..errors import CatalogueError, Problem


@dataclass
class ImportReport:
    source: str
    read: int = 0
    created: int = 0
    updated: int = 0
    skipped: int = 0
    errors: list[Problem] = field(default_factory=list)
    warnings: list[Problem] = field(default_factory=list)
    decision_id: int | None = None

    def describe(self) -> str:
        lines = [f"{self.source}: đọc {self.read} dòng, tạo mới {self.created}, cập nhật {self.updated}, "
                 f"bỏ qua {self.skipped}, lỗi {len(self.errors)}."]
        lines += [f"  LỖI {p.describe()}" for p in self.errors]
        lines += [f"  Lưu ý {p.describe()}" for p in self.warnings]
        return "\n".join(lines)

    def to_dict(self) -> dict:
        return {
            "source": self.source, "read": self.read, "created": self.created, "updated": self.updated,
            "skipped": self.skipped, "decision_id": self.decision_id,
            "errors": [{"row": p.row, "field": p.field, "message": p.message} for p in self.errors],
            "warnings": [{"row": p.row, "field": p.field, "message": p.message} for p in self.warnings],
        }


class ImportFailed(CatalogueError):
    """Nothing was written; the report names every row that cannot apply."""

    def __init__(self, report: ImportReport) -> None:
        self.report = report
        super().__init__(report.describe())
