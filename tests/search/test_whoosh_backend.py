"""What only the Whoosh backend has to guarantee: its folder, rebuild swaps and several writers."""
from __future__ import annotations

import threading

from search.interface import SearchQuery, open_backend
from tests.search.factories import corpus, edition


def test_the_index_persists_across_instances(tmp_path):
    first = open_backend("whoosh", path=tmp_path)
    first.rebuild(corpus())
    first.close()
    second = open_backend("whoosh", path=tmp_path)
    assert second.indexed_revisions()[1] == 1
    assert second.search(SearchQuery("kết hôn")).hits[0].procedure_id == 1
    second.close()


def test_writes_of_one_instance_are_seen_by_another(tmp_path):
    # Two instances on one folder behave like two processes of the same deployment.
    writer, reader = open_backend("whoosh", path=tmp_path), open_backend("whoosh", path=tmp_path)
    assert reader.search(SearchQuery("kết hôn")).total == 0
    writer.replace_procedure(1, 1, [edition(1, "Đăng ký kết hôn")])
    assert reader.search(SearchQuery("kết hôn")).total == 1
    assert not reader.replace_procedure(1, 0, [edition(1, "Cũ")])  # the revision guard is shared
    writer.close()
    reader.close()


def test_searches_keep_working_during_a_rebuild(tmp_path):
    backend = open_backend("whoosh", path=tmp_path)
    backend.rebuild(corpus())
    errors: list[BaseException] = []
    totals: list[int] = []
    stop = threading.Event()

    def search_loop():
        try:
            while not stop.is_set():
                totals.append(backend.search(SearchQuery("kết hôn")).total)
        except BaseException as error:  # noqa: BLE001 - reported by the assertion below
            errors.append(error)

    threads = [threading.Thread(target=search_loop) for _ in range(2)]
    for thread in threads:
        thread.start()
    try:
        for _ in range(3):
            backend.rebuild(corpus() + [(50, 1, [edition(50, "Đăng ký kết hôn lưu động")])])
    finally:
        stop.set()
        for thread in threads:
            thread.join()
    assert not errors
    assert totals and set(totals) <= {1, 2}
    assert backend.search(SearchQuery("kết hôn")).total == 2
    assert len(list(tmp_path.glob("index-*"))) <= 2  # older folders are removed
    backend.close()


def test_an_update_made_during_a_rebuild_is_not_lost(tmp_path):
    backend = open_backend("whoosh", path=tmp_path)
    backend.rebuild(corpus())

    def items():
        for pid, revision, docs in corpus():
            if pid == 5:
                # Meanwhile the catalogue publishes revision 2 of procedure 1 and deletes 2.
                assert backend.replace_procedure(1, 2, [edition(1, "Đăng ký kết hôn (sửa đổi)", revision=2)])
                assert backend.delete_procedure(2, 2)
            yield pid, revision, docs

    backend.rebuild(items())
    revisions = backend.indexed_revisions()
    assert revisions[1] == 2 and 2 not in revisions
    assert backend.search(SearchQuery("kết hôn")).hits[0].name == "Đăng ký kết hôn (sửa đổi)"
    assert not backend.replace_procedure(2, 1, [edition(2, "Thủ tục đăng ký khai sinh")])
    backend.close()


def test_concurrent_writers_keep_the_newest_revision(tmp_path):
    backend = open_backend("whoosh", path=tmp_path)
    results: dict[int, bool] = {}

    def write(revision: int):
        results[revision] = backend.replace_procedure(
            1, revision, [edition(1, f"Đăng ký kết hôn bản {revision}", revision=revision)])

    threads = [threading.Thread(target=write, args=(r,)) for r in (3, 1, 4, 2)]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert backend.indexed_revisions() == {1: 4}
    assert results[4] is True
    assert backend.search(SearchQuery("kết hôn")).hits[0].name == "Đăng ký kết hôn bản 4"
    backend.close()
