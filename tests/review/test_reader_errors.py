"""The error every refusal ends in: a stable code, a Vietnamese message a reviewer can act on."""
from __future__ import annotations

import pickle
import unicodedata

import pytest

from review.errors import MESSAGES, DocumentReadError

VIETNAMESE_LETTERS = set("ăâđêôơưáàảãạấầẩẫậắằẳẵặéèẻẽẹếềểễệíìỉĩịóòỏõọốồổỗộớờởỡợúùủũụứừửữựýỳỷỹỵ")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_every_message_is_a_vietnamese_sentence_in_nfc(code):
    message = MESSAGES[code]
    assert unicodedata.normalize("NFC", message) == message
    assert VIETNAMESE_LETTERS & set(message.lower()), message
    assert message[0].isupper() and message.endswith(".")


@pytest.mark.parametrize("code", sorted(MESSAGES))
def test_codes_are_english_slugs(code):
    assert code.isascii() and code == code.lower() and " " not in code


def test_str_is_the_message_and_attributes_are_kept():
    error = DocumentReadError("legacy_doc", part="word/document.xml", detail="OLE2")
    assert str(error) == error.message == MESSAGES["legacy_doc"]
    assert error.message.startswith("Tệp là định dạng Word cũ (.doc).")
    assert (error.code, error.part, error.detail) == ("legacy_doc", "word/document.xml", "OLE2")
    assert "legacy_doc" in repr(error)


def test_unknown_code_is_a_programming_error():
    with pytest.raises(KeyError):
        DocumentReadError("no_such_code")


def test_error_survives_pickling_for_worker_pools():
    error = pickle.loads(pickle.dumps(DocumentReadError("xml_unsafe", part="word/document.xml")))
    assert (error.code, error.part, str(error)) == ("xml_unsafe", "word/document.xml", MESSAGES["xml_unsafe"])
