"""Imports of the national portal's data run in a thread, recorded as an ``ImportJob`` row.

A web request only saves the upload and starts the job, so it returns at once; the page of the job
polls for progress. The import itself is one unit of work (all records or none), the job row is
written in short transactions before and after it, and the uploaded file is deleted when the job
ends, whatever the outcome.
"""
from __future__ import annotations

import datetime as dt
import logging
import shutil
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from catalogue import jobs
from catalogue.errors import CatalogueError
from catalogue.importers.report import ImportFailed

log = logging.getLogger("tthc.jobs")


@dataclass
class Progress:
    done: int = 0
    total: int | None = None


class JobRunner:
    """Starts import threads and keeps the progress of those this process runs."""

    def __init__(self, services: Any) -> None:
        self.services = services
        self._progress: dict[int, Progress] = {}
        self._threads: list[threading.Thread] = []
        self._lock = threading.Lock()

    def start_dvcqg(self, actor: str, path: Path, filename: str, effective: dt.date | None) -> int:
        """Import ``path``, which sits alone in a folder of its own: the job removes that folder."""
        with self.services.db.unit_of_work(actor) as uow:
            job_id = jobs.start_job(uow.session, actor, "dvcqg", filename, None).id
        with self._lock:
            self._progress[job_id] = Progress()
            thread = threading.Thread(target=self._run_dvcqg, args=(job_id, actor, path, effective),
                                      name=f"import-job-{job_id}", daemon=True)
            self._threads = [t for t in self._threads if t.is_alive()] + [thread]
        thread.start()
        return job_id

    def progress(self, job_id: int) -> Progress | None:
        with self._lock:
            p = self._progress.get(job_id)
            return Progress(p.done, p.total) if p else None

    def join(self, timeout: float | None = None) -> None:
        """Wait for the running jobs (used at shutdown and by tests)."""
        with self._lock:
            threads = list(self._threads)
        for thread in threads:
            thread.join(timeout)

    def _tick(self, job_id: int):
        def advance(count: int) -> None:
            with self._lock:
                self._progress[job_id].done += count
        return advance

    def _run_dvcqg(self, job_id: int, actor: str, path: Path, effective: dt.date | None) -> None:
        from catalogue.importers.dvcqg import import_dvcqg, open_lines

        ok, message, report = False, "", None
        try:
            with open_lines(path) as lines:
                total = sum(1 for line in lines if line.strip())
            with self._lock:
                self._progress[job_id].total = total
            with self.services.db.unit_of_work(actor) as uow:
                result = import_dvcqg(uow.session, actor, path, effective_from=effective,
                                      progress=self._tick(job_id))
            ok, report = True, result.to_dict()
            message = (f"Đã nhập {result.read} thủ tục: tạo mới {result.created}, cập nhật {result.updated}, "
                       f"không đổi {result.skipped}.")
        except ImportFailed as exc:
            report = exc.report.to_dict()
            message = f"Không nhập gì cả: {len(exc.report.errors)} dòng có lỗi."
        except (CatalogueError, UnicodeDecodeError, OSError, EOFError) as exc:
            message = f"Không đọc được tệp: {exc}"
        except Exception:  # the job must end with a status, whatever happened
            log.exception("import job %s failed", job_id)
            message = "Đã xảy ra lỗi ngoài ý muốn khi nhập dữ liệu; không có gì được ghi."
        finally:
            shutil.rmtree(path.parent, ignore_errors=True)
        try:
            with self.services.db.unit_of_work(actor) as uow:
                jobs.finish_job(uow.session, job_id, ok=ok, message=message, report=report)
        except Exception:
            log.exception("could not record the end of import job %s", job_id)
        with self._lock:
            self._progress.pop(job_id, None)


def runner(app: Any) -> JobRunner:
    """The process's job runner, created on first use."""
    if "tthc_jobs" not in app.extensions:
        app.extensions.setdefault("tthc_jobs", JobRunner(app.extensions["tthc"]))
    return app.extensions["tthc_jobs"]
