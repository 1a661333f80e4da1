"""Reviews run in worker processes with a memory and a time limit, at most N at once.

Two documents are crafted to stay inside every structural limit of the safe reader and still cost
too much: 450,000 empty paragraphs (11 MB, stored uncompressed so the ratio check passes) take
about 20 s and several hundred MB in the model and the rules. With the limits scaled down for the
test (2 s, 256 MB) each is stopped, its report says why in Vietnamese (DESIGN §6: ``error`` set,
``findings`` empty, ``compliant`` false), and the very next document is reviewed normally. The
other failures — a child that dies, a bug in a rule, a busy pool — are provoked with the jobs of
``isolation_jobs``, run through the same pool.
"""
from __future__ import annotations

import io
import logging
import os
import pickle
import threading
import time
from pathlib import Path

import pytest
from werkzeug.datastructures import FileStorage, MultiDict
from werkzeug.test import encode_multipart

from app import create_app
from app.review_service import PRELOAD, annotate_job, review_job
from app.review_worker import ReviewPool, WorkerLimitError, WorkerSettings, _decode
from tests.review.corpus.builder import Spec, build_docx
from tests.review.hostile_docs import RawEntry, document_xml, minimal_parts, raw_zip

from . import isolation_jobs as jobs
from .pages_support import csrf_token

CLEAN = build_docx(Spec("quyet_dinh"))
FAULTY = build_docx(Spec("cong_van", page={"orientation": "landscape"}, fmt={"text": {"font": "Arial"}}))


def costly_document() -> bytes:
    """450,000 empty paragraphs: under the reader's 500,000-element limit, 11 MB, stored."""
    xml = document_xml('<w:p w:rsidR="00A1B2C3"/>' * 450_000)
    return raw_zip([RawEntry(name, data, deflate=False) for name, data in minimal_parts(xml)])


class SwappingPool(ReviewPool):
    """The app's pool, running a test job in place of a real one (the child imports it by name)."""

    def __init__(self, settings: WorkerSettings, swaps: dict) -> None:
        super().__init__(settings, PRELOAD)
        self.swaps = swaps

    def run(self, function, *args):
        return super().run(self.swaps.get(function, function), *args)


def make_review_app(folder: Path, **config):
    """An app for the reviewer only: no catalogue needed, a generous rate limit."""
    settings = {"TTHC_INSTANCE": str(folder), "DATABASE_URL": f"sqlite:///{folder / 'db.sqlite'}",
                "SEARCH_INDEX_DIR": str(folder / "index"), "TTHC_ENV": "testing", "SECRET_KEY": "test-secret",
                "REVIEW_RATE_LIMIT": "1000/60"}
    settings.update(config)
    return create_app(settings)


def pool_of(app) -> ReviewPool:
    with app.app_context():
        from app.review_service import worker_pool
        return worker_pool()


def swap(app, swaps: dict) -> SwappingPool:
    pool = SwappingPool(WorkerSettings.from_config(app.config), swaps)
    app.extensions["tthc_review_pool"] = pool
    return pool


@pytest.fixture
def make(tmp_path):
    """Apps made by the test, their pools stopped at the end."""
    made = []

    def factory(**config):
        app = make_review_app(tmp_path / f"app{len(made)}", **config)
        made.append(app)
        return app

    yield factory
    for app in made:
        pool = app.extensions.get("tthc_review_pool")
        if pool is not None:
            pool.close()


@pytest.fixture
def pool():
    created = ReviewPool(WorkerSettings(workers=2, timeout_s=10, queue_timeout_s=30), PRELOAD)
    yield created
    created.close()


def multipart(files: list[tuple[str, bytes]], **fields: str) -> dict:
    """Keyword arguments of a multipart POST, encoded in memory.

    The test client spools a body over 500 KB to a temporary file it never closes (a
    ResourceWarning); an encoded body of bytes avoids that.
    """
    values = MultiDict(list(fields.items()))
    for name, data in files:
        values.add("file", FileStorage(io.BytesIO(data), filename=name))
    boundary, body = encode_multipart(values)
    return {"data": body, "content_type": f"multipart/form-data; boundary={boundary}"}


def post_api(client, files: list[tuple[str, bytes]]):
    response = client.post("/api/v1/review", **multipart(files))
    assert response.status_code == 200, response.get_data(as_text=True)[:500]
    return response.get_json()


def assert_unreadable(report: dict, name: str, words: str) -> None:
    """The contract of DESIGN §6 for a file that could not be reviewed."""
    assert report["file"] == name and report["findings"] == [] and report["compliant"] is False
    assert words in report["error"], report["error"]


def assert_reviewed(report: dict) -> None:
    assert report["error"] is None and report["document_type"] == "Quyết định", report


# -- settings and reuse -------------------------------------------------------------------------

def test_limits_come_from_the_config_with_the_documented_defaults():
    assert WorkerSettings.from_config({}) == WorkerSettings(workers=2, memory_mb=512, timeout_s=30.0)
    chosen = WorkerSettings.from_config({"REVIEW_WORKERS": "3", "REVIEW_MEMORY_MB": 300, "REVIEW_TIMEOUT_S": "4.5"})
    assert (chosen.workers, chosen.memory_mb, chosen.timeout_s) == (3, 300, 4.5)
    with pytest.raises(ValueError):
        WorkerSettings.from_config({"REVIEW_WORKERS": 0})


def test_each_document_is_reviewed_in_a_child_process_that_is_reused(make):
    app = make()
    client = app.test_client()
    assert_reviewed(post_api(client, [("a.docx", CLEAN)])[0])
    pool = pool_of(app)
    first = pool.pids()
    assert len(first) == 1 and first[0] != os.getpid()
    assert_reviewed(post_api(client, [("b.docx", CLEAN)])[0])
    assert pool.pids() == first  # the same child, not one per document


def test_the_web_process_itself_never_parses_an_upload(make, monkeypatch):
    """Break the reviewer in the web process: reviews still work, because they happen elsewhere."""
    import app.review_service as service

    def refuse(*_args, **_kwargs):
        raise AssertionError("the web process parsed an upload")

    monkeypatch.setattr(service, "review_document", refuse)
    monkeypatch.setattr(service, "read_document_text", refuse)
    monkeypatch.setattr(service, "annotate_docx", refuse)
    monkeypatch.setattr(service, "fix_bytes", refuse)
    app = make()
    client = app.test_client()
    assert_reviewed(post_api(client, [("a.docx", CLEAN)])[0])
    token = csrf_token(client, "/kiem-tra-van-ban")
    response = client.post("/kiem-tra-van-ban", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": [(io.BytesIO(FAULTY), "cv.docx")]})
    url = response.headers["Location"]
    assert "Nội dung văn bản" in client.get(url).get_data(as_text=True)
    for kind in ("nhan-xet.docx", "da-sua.docx"):
        copy = client.get(f"{url}/{kind}")
        assert copy.status_code == 200 and copy.data.startswith(b"PK")


def test_at_most_n_jobs_run_at_once_whatever_the_number_of_threads(pool):
    results: list[dict] = []
    lock = threading.Lock()

    def one() -> None:
        value, _ = pool.run(jobs.nap, 0.4)
        with lock:
            results.append(value)

    threads = [threading.Thread(target=one) for _ in range(5)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert len(results) == 5
    events = sorted([(r["start"], 1) for r in results] + [(r["end"], -1) for r in results])
    running = most = 0
    for _moment, change in events:
        running += change
        most = max(most, running)
    assert most <= 2
    assert len({r["pid"] for r in results}) <= 2


# -- limits ---------------------------------------------------------------------------------------

def test_a_document_that_takes_too_long_is_stopped_and_the_next_is_reviewed(make):
    app = make(REVIEW_TIMEOUT_S=2, REVIEW_MEMORY_MB=4096)
    client = app.test_client()
    assert_reviewed(post_api(client, [("truoc.docx", CLEAN)])[0])
    before = pool_of(app).pids()
    slow = post_api(client, [("dai.docx", costly_document())])[0]
    assert_unreadable(slow, "dai.docx", "quá nhiều thời gian để kiểm tra (quá 2 giây)")
    assert pool_of(app).pids() != before  # the killed child was replaced
    assert_reviewed(post_api(client, [("sau.docx", CLEAN)])[0])


def test_a_document_that_needs_too_much_memory_is_stopped_and_the_next_is_reviewed(make):
    app = make(REVIEW_TIMEOUT_S=120, REVIEW_MEMORY_MB=256)
    client = app.test_client()
    reports = post_api(client, [("lon.docx", costly_document()), ("sau.docx", CLEAN)])
    assert_unreadable(reports[0], "lon.docx", "quá nhiều bộ nhớ để kiểm tra (vượt 256 MB)")
    assert_reviewed(reports[1])


def test_the_upload_page_shows_the_limit_and_keeps_working(make):
    app = make(REVIEW_TIMEOUT_S=1)
    swap(app, {review_job: jobs.slow_when_named})
    client = app.test_client()
    token = csrf_token(client, "/kiem-tra-van-ban")
    response = client.post("/kiem-tra-van-ban", content_type="multipart/form-data", data={
        "csrf_token": token, "file": [(io.BytesIO(CLEAN), "cham.docx"), (io.BytesIO(CLEAN), "nhanh.docx")]})
    assert response.status_code == 303
    batch = client.get(response.headers["Location"]).get_data(as_text=True)
    assert "cham.docx" in batch and "nhanh.docx" in batch
    slow = client.get(response.headers["Location"] + "/1").get_data(as_text=True)
    assert "quá nhiều thời gian để kiểm tra (quá 1 giây)" in slow
    assert "nhan-xet.docx" not in slow  # nothing of it was kept to copy
    fast = client.get(response.headers["Location"] + "/2").get_data(as_text=True)
    assert "Nội dung văn bản" in fast and "quá nhiều thời gian" not in fast


def test_a_child_that_dies_is_replaced(pool):
    first = pool.run(jobs.own_pid)[0]["pid"]
    with pytest.raises(WorkerLimitError) as failure:
        pool.run(jobs.die)
    assert failure.value.kind == "crashed" and "bị dừng bất thường" in failure.value.message
    assert pool.run(jobs.own_pid)[0]["pid"] != first


def test_an_allocation_beyond_the_memory_limit_is_reported_as_such():
    small = ReviewPool(WorkerSettings(workers=1, memory_mb=200, timeout_s=30), PRELOAD)
    try:
        with pytest.raises(WorkerLimitError) as failure:
            small.run(jobs.hog_memory)
        assert failure.value.kind == "memory" and "vượt 200 MB" in failure.value.message
        assert small.run(jobs.own_pid)[0]["pid"] != os.getpid()
    finally:
        small.close()


def test_a_bug_in_the_reviewer_is_an_error_report_with_the_traceback_in_the_log(make, caplog):
    app = make()
    pool = swap(app, {review_job: jobs.failing_review})
    client = app.test_client()
    with caplog.at_level(logging.ERROR, logger="tthc.review"):
        reports = post_api(client, [("loi.docx", CLEAN), ("tot.docx", CLEAN)])
    assert_unreadable(reports[0], "loi.docx", "lỗi ngoài ý muốn của chương trình kiểm tra")
    assert "Traceback" not in reports[0]["error"] and "IndexError" not in reports[0]["error"]
    assert_reviewed(reports[1])
    logged = "\n".join(r.getMessage() for r in caplog.records)
    assert "loi.docx" in logged and "IndexError: list index out of range" in logged and "Traceback" in logged
    assert len(pool.pids()) == 1  # a bug does not cost the child


def test_a_busy_pool_answers_in_time_with_a_clear_message():
    busy = ReviewPool(WorkerSettings(workers=1, timeout_s=30, queue_timeout_s=0.3), PRELOAD)
    try:
        sleeper = threading.Thread(target=busy.run, args=(jobs.nap, 3))
        sleeper.start()
        time.sleep(0.5)
        with pytest.raises(WorkerLimitError) as failure:
            busy.run(jobs.own_pid)
        assert failure.value.kind == "busy" and "Hãy gửi lại sau ít phút" in failure.value.message
        sleeper.join()
        assert busy.run(jobs.own_pid)[0]["pid"]
    finally:
        busy.close()


def test_idle_children_leave_and_are_replaced_on_demand():
    idle = ReviewPool(WorkerSettings(workers=1, idle_s=0.4), PRELOAD)
    try:
        pid = idle.run(jobs.own_pid)[0]["pid"]
        deadline = time.monotonic() + 10
        while os.path.exists(f"/proc/{pid}") and time.monotonic() < deadline:
            time.sleep(0.1)
        assert not os.path.exists(f"/proc/{pid}"), "an idle child should leave on its own"
        assert idle.run(jobs.own_pid)[0]["pid"] != pid
    finally:
        idle.close()


# -- what crosses the boundary --------------------------------------------------------------------

def test_the_child_answers_in_json_and_bytes_never_in_pickle(pool):
    value, blob = pool.run(jobs.bytes_back, 1024)
    assert value == {"size": 1024} and blob == b"\x00\xff" * 512
    with pytest.raises(WorkerLimitError) as failure:
        pool.run(jobs.not_json)  # a set is not JSON: refused in the child, not pickled
    assert failure.value.kind == "error" and "not JSON serializable" in failure.value.detail
    payload = pickle.dumps({"status": "ok", "value": 1})
    with pytest.raises((ValueError, UnicodeDecodeError)):
        _decode(payload)


def test_copies_are_made_in_a_child_under_the_same_limits(make):
    app = make(REVIEW_TIMEOUT_S=1)
    swap(app, {annotate_job: jobs.slow_annotate})
    client = app.test_client()
    token = csrf_token(client, "/kiem-tra-van-ban")
    response = client.post("/kiem-tra-van-ban", content_type="multipart/form-data",
                           data={"csrf_token": token, "file": [(io.BytesIO(FAULTY), "cv.docx")]})
    url = response.headers["Location"]
    refused = client.get(f"{url}/nhan-xet.docx")
    assert refused.status_code == 422 and "Báo cáo vẫn đầy đủ" in refused.get_data(as_text=True)
    fixed = client.get(f"{url}/da-sua.docx")
    assert fixed.status_code == 200 and fixed.data.startswith(b"PK")


# -- nothing kept -----------------------------------------------------------------------------------

def _files(folder: Path) -> dict[str, int]:
    return {str(p.relative_to(folder)): p.stat().st_size for p in folder.rglob("*") if p.is_file()}


def test_anonymous_api_checks_keep_nothing(make):
    app = make()
    client = app.test_client()
    client.get("/kiem-tra-van-ban")  # whatever a first request creates
    folder = Path(app.instance_path)
    before = _files(folder)
    reports = post_api(client, [("a.docx", CLEAN), ("b.docx", FAULTY), ("c.docx", b"PK\x03\x04hong")])
    assert [r["error"] is None for r in reports] == [True, True, False]
    assert _files(folder) == before


def test_an_anonymous_upload_is_gone_after_delete_and_unreadable_bytes_are_never_kept(make):
    app = make()
    client = app.test_client()
    token = csrf_token(client, "/kiem-tra-van-ban")
    response = client.post("/kiem-tra-van-ban", content_type="multipart/form-data", data={
        "csrf_token": token, "file": [(io.BytesIO(CLEAN), "a.docx"), (io.BytesIO(b"PK\x03\x04hong"), "b.docx")]})
    url = response.headers["Location"]
    tmp = Path(app.instance_path) / "review-tmp"
    stored = sorted(p.name for p in tmp.rglob("*.bin"))
    assert stored == ["1.bin"]  # the readable document only, for its copies
    token = csrf_token(client, url)
    assert client.post(f"{url}/xoa", data={"csrf_token": token}).status_code == 303
    assert [p for p in tmp.rglob("*") if p.is_file()] == []
    assert client.get(url).status_code == 404
