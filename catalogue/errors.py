"""Errors the catalogue raises, each with a Vietnamese message a KSTT officer can act on."""
from __future__ import annotations

import datetime as dt
from dataclasses import dataclass


class CatalogueError(Exception):
    """Base class; ``str(err)`` is the user-facing Vietnamese message."""

    def __init__(self, message: str) -> None:
        super().__init__(message)
        self.message = message


class NotFound(CatalogueError):
    pass


@dataclass(frozen=True)
class Problem:
    """One reason a decision (or an import row) cannot apply."""
    message: str
    row: int | None = None  # the annex row number, when there is one
    field: str | None = None
    severity: str = "error"  # "error" blocks publishing, "warning" does not

    def describe(self) -> str:
        where = f"Dòng {self.row}: " if self.row is not None else ""
        return where + self.message


class ValidationFailed(CatalogueError):
    def __init__(self, problems: list[Problem]) -> None:
        self.problems = problems
        errors = [p for p in problems if p.severity == "error"]
        super().__init__(
            f"Quyết định có {len(errors)} lỗi: " + "; ".join(p.describe() for p in errors[:5])
            + (" …" if len(errors) > 5 else "")
        )


class ConflictError(CatalogueError):
    """A stale edit: someone else saved the object after it was read."""

    def __init__(self, what: str, changed_by: str | None, changed_at: dt.datetime | None) -> None:
        self.changed_by = changed_by
        self.changed_at = changed_at
        when = changed_at.astimezone(_vn()).strftime("%H:%M:%S ngày %d/%m/%Y") if changed_at else "vừa xong"
        who = changed_by or "một người dùng khác"
        super().__init__(
            f"{what} đã được {who} thay đổi lúc {when}, sau khi bạn mở nó. "
            "Hãy tải lại để xem bản mới nhất rồi sửa lại."
        )


def _vn():
    from .clock import VIETNAM
    return VIETNAM
