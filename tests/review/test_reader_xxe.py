"""External entities must never reach a file or the network, at the Python level or inside libxml2.

A named pipe (FIFO) detects a read that Python cannot see: whoever opens it for reading blocks
until a writer comes, and a writer can only open it without blocking while a reader is waiting.
A listening socket detects a connection attempt: it stays queued even if nobody accepts it.
"""
from __future__ import annotations

import builtins
import errno
import os
import socket
import threading
import time

import pytest
from lxml import etree

from review.errors import DocumentReadError
from review.reader import parse_xml, read_docx
from tests.review.hostile_docs import docx_zip, minimal_parts, xxe_document

pytestmark = pytest.mark.skipif(not hasattr(os, "mkfifo"), reason="named pipes need a POSIX system")


@pytest.fixture
def secret_pipe(tmp_path):
    path = tmp_path / "secret"
    os.mkfifo(path)
    return path


def _open_for_writing(path):
    """A write descriptor if someone is reading the pipe right now, else None."""
    try:
        return os.open(path, os.O_WRONLY | os.O_NONBLOCK)
    except OSError as exc:
        if exc.errno != errno.ENXIO:
            raise
        return None


def _in_thread(call):
    """Run ``call`` where a blocked open cannot hang the test run; return the thread and its outcome."""
    outcome = {}

    def run():
        try:
            outcome["value"] = call()
        except Exception as exc:   # the outcome is inspected by the test
            outcome["error"] = exc

    thread = threading.Thread(target=run, daemon=True)
    thread.start()
    return thread, outcome


def _release(path, thread):
    """If the call under test did open the pipe, feed it so its thread ends."""
    descriptor = _open_for_writing(path)
    if descriptor is not None:
        os.write(descriptor, b"root:x:0:0")
        os.close(descriptor)
    thread.join(timeout=10)


def test_the_pipe_detects_a_parser_that_does_read_it(secret_pipe):
    """Control: a permissive parser opens the pipe and gets its content (so the detector works)."""
    unsafe = etree.XMLParser(resolve_entities=True, load_dtd=True, no_network=True)
    thread, outcome = _in_thread(lambda: etree.fromstring(xxe_document(secret_pipe.as_uri()), unsafe))
    descriptor = None
    for _ in range(1_000):
        descriptor = _open_for_writing(secret_pipe)
        if descriptor is not None:
            break
        time.sleep(0.01)
    assert descriptor is not None, "the permissive parser never opened the pipe"
    os.write(descriptor, b"root:x:0:0")
    os.close(descriptor)
    thread.join(timeout=10)
    assert "root:x:0:0" in etree.tostring(outcome["value"], encoding="unicode")


@pytest.mark.parametrize("reader", ["read_docx", "parse_xml"])
def test_file_entity_is_refused_and_never_opened(secret_pipe, reader):
    document = xxe_document(secret_pipe.as_uri())
    call = ((lambda: read_docx(docx_zip(minimal_parts(document)))) if reader == "read_docx"
            else (lambda: parse_xml(document, "word/document.xml")))
    thread, outcome = _in_thread(call)
    thread.join(timeout=10)
    finished = not thread.is_alive()
    nobody_reading = _open_for_writing(secret_pipe) is None
    _release(secret_pipe, thread)
    assert finished and nobody_reading
    assert isinstance(outcome.get("error"), DocumentReadError)
    assert outcome["error"].code == "xml_unsafe"


@pytest.mark.parametrize("reader", ["read_docx", "parse_xml"])
def test_http_entity_is_refused_and_no_connection_is_made(reader):
    with socket.create_server(("127.0.0.1", 0)) as server:
        url = f"http://127.0.0.1:{server.getsockname()[1]}/secret"
        document = xxe_document(url)
        with pytest.raises(DocumentReadError) as caught:
            if reader == "read_docx":
                read_docx(docx_zip(minimal_parts(document)))
            else:
                parse_xml(document, "word/document.xml")
        assert caught.value.code == "xml_unsafe"
        server.setblocking(False)
        with pytest.raises(BlockingIOError):
            server.accept()


@pytest.mark.parametrize("system_id", ["file:///etc/passwd", "http://127.0.0.1:9/x", "/etc/passwd"])
def test_no_python_level_file_or_network_access(monkeypatch, system_id):
    data = docx_zip(minimal_parts(xxe_document(system_id)))

    def forbidden(*args, **kwargs):
        raise AssertionError(f"access attempted: {args!r}")

    monkeypatch.setattr(builtins, "open", forbidden)
    monkeypatch.setattr(socket.socket, "connect", forbidden)
    with pytest.raises(DocumentReadError) as caught:
        read_docx(data)
    assert caught.value.code == "xml_unsafe"


@pytest.mark.parametrize("encoding", ["utf-8", "utf-16", "utf-16-le", "utf-16-be"])
def test_doctype_is_refused_in_every_encoding_ooxml_allows(encoding):
    declaration = f'<?xml version="1.0" encoding="{encoding.upper()}"?>'
    text = declaration + '<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'
    with pytest.raises(DocumentReadError) as caught:
        parse_xml(text.encode(encoding), "part.xml")
    assert caught.value.code == "xml_unsafe"


def test_parameter_entities_and_external_dtd_are_refused():
    for document in (b'<!DOCTYPE a SYSTEM "http://127.0.0.1:9/a.dtd"><a/>',
                     b'<!DOCTYPE a [<!ENTITY % p SYSTEM "file:///etc/passwd"> %p;]><a/>'):
        with pytest.raises(DocumentReadError) as caught:
            parse_xml(document, "part.xml")
        assert caught.value.code == "xml_unsafe"


def test_undeclared_entity_without_a_doctype_is_invalid_not_expanded():
    with pytest.raises(DocumentReadError) as caught:
        parse_xml(b"<a>&xxe;</a>", "part.xml")
    assert caught.value.code == "xml_invalid"


@pytest.mark.parametrize("data", [
    '<?xml version="1.0" encoding="UTF-32"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'.encode("utf-32"),
    b'<?xml version="1.0" encoding="UTF-7"?>+ADw-!DOCTYPE a+AD4-<a/>',
    '<?xml version="1.0" encoding="IBM037"?><!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>'.encode("cp037"),
    b'<?xml version="1.0"' + b" " * 2000 + b'encoding="UTF-7"?><a/>',
    '<?xml version="1.0" encoding="UTF-8"?><a/>'.encode("utf-16"),
], ids=["utf-32", "utf-7", "ebcdic", "long-declaration", "declaration-disagrees-with-bytes"])
def test_encodings_that_hide_markup_are_refused(data):
    """Where ``<`` is not the byte the checks look for, the part is refused instead of trusted."""
    with pytest.raises(DocumentReadError) as caught:
        parse_xml(data, "part.xml")
    assert caught.value.code == "xml_invalid"
