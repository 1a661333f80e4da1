"""The one error a document upload can end in: a stable code for programs, a Vietnamese sentence for people.

Every refusal of the reader (a hostile zip, a legacy .doc, broken XML, a binary .txt …) is a
``DocumentReadError``. The ``code`` is a permanent English slug that callers, tests and logs match
on; the ``message`` is what a legal reviewer reads in the report's ``error`` field, so it says what
is wrong and, where the user can act, what to do. ``detail`` is a short technical note for logs
(never shown to the user) and ``part`` names the zip entry involved, when there is one.
"""
from __future__ import annotations

_RESEND = "Hãy mở bằng Word, lưu lại dưới dạng .docx rồi gửi lại."
_HOSTILE = "nên bị từ chối vì có thể là tệp độc hại."

MESSAGES: dict[str, str] = {
    "empty_file": "Tệp rỗng (0 byte). Hãy kiểm tra lại và gửi tệp có nội dung.",
    "too_large": "Tệp quá lớn, vượt quá dung lượng tối đa được phép kiểm tra.",
    "unreadable": "Không mở được tệp: tệp không tồn tại hoặc không có quyền đọc.",
    "not_zip": "Tệp không phải là văn bản Word (.docx) hợp lệ: không đọc được cấu trúc tệp. " + _RESEND,
    "batch_not_zip": "Tệp gửi theo lô không phải là tệp nén .zip hợp lệ. "
                     "Hãy nén các tệp .docx, .txt thành một tệp .zip rồi gửi lại.",
    "truncated": "Tệp .docx bị cắt cụt hoặc chưa được tải lên đầy đủ. Hãy tải lên lại tệp hoàn chỉnh.",
    "legacy_doc": "Tệp là định dạng Word cũ (.doc). Hãy mở bằng Word và lưu lại dưới dạng .docx rồi gửi lại.",
    "encrypted": "Tệp được đặt mật khẩu (mã hóa) nên không đọc được. "
                 "Hãy mở bằng Word, gỡ mật khẩu, lưu lại rồi gửi lại.",
    "macro_enabled": "Tệp có chứa macro (mã lệnh VBA) nên bị từ chối vì lý do an toàn. "
                     "Hãy lưu lại dưới dạng .docx (không có macro) rồi gửi lại.",
    "pdf": "Tệp là PDF, không phải văn bản Word. Hãy gửi tệp .docx gốc của văn bản.",
    "rtf": "Tệp là định dạng RTF, không phải .docx. " + _RESEND,
    "not_word": "Tệp là tài liệu Office nhưng không phải văn bản Word "
                "(có thể là bảng tính Excel hoặc bài trình chiếu PowerPoint).",
    "too_many_entries": "Tệp chứa quá nhiều thành phần bên trong " + _HOSTILE,
    "entry_too_large": "Một thành phần bên trong tệp lớn bất thường khi giải nén " + _HOSTILE,
    "total_too_large": "Tổng dung lượng của tệp sau khi giải nén lớn bất thường " + _HOSTILE,
    "compression_ratio": "Tệp có tỷ lệ nén bất thường (dấu hiệu của bom giải nén) " + _HOSTILE,
    "unsafe_name": "Tệp chứa tên thành phần không an toàn (đường dẫn tuyệt đối, \"..\" hoặc ký tự lạ) "
                   + _HOSTILE,
    "duplicate_name": "Tệp chứa hai thành phần trùng tên nên không xác định được nội dung thật "
                      "và bị từ chối.",
    "overlapping_entries": "Tệp có các thành phần chồng lấn lên nhau (dấu hiệu của bom giải nén) "
                           + _HOSTILE,
    "inconsistent_entries": "Cấu trúc bên trong tệp không nhất quán (thông tin khai báo khác nội dung "
                            "thật) " + _HOSTILE,
    "unsupported_zip": "Tệp dùng kiểu nén hoặc tính năng ZIP không được hỗ trợ (ví dụ chia nhiều phần). "
                       + _RESEND,
    "corrupt_part": "Một phần nội dung bên trong tệp bị hỏng (dữ liệu nén bị lỗi). " + _RESEND,
    "missing_part": "Tệp thiếu phần nội dung chính của văn bản Word; tệp có thể bị hỏng "
                    "hoặc không phải .docx. " + _RESEND,
    "xml_unsafe": "Tệp chứa khai báo XML không an toàn (DOCTYPE hoặc ENTITY, có thể dùng để tấn công) "
                  "nên bị từ chối.",
    "xml_invalid": "Nội dung XML bên trong tệp bị hỏng, không đọc được. " + _RESEND,
    "xml_too_deep": "Nội dung XML bên trong tệp lồng nhau sâu bất thường " + _HOSTILE,
    "xml_too_many_elements": "Nội dung XML bên trong tệp có số phần tử hoặc thuộc tính lớn bất thường "
                             + _HOSTILE,
    "not_text": "Tệp không phải là văn bản thuần (.txt): nội dung có dạng nhị phân.",
    "text_encoding": "Tệp văn bản không dùng bảng mã Unicode (UTF-8 hoặc UTF-16). "
                     "Hãy lưu lại với bảng mã UTF-8 rồi gửi lại.",
}


class DocumentReadError(Exception):
    """An input that cannot be read safely; ``str(err)`` is the Vietnamese message for the user."""

    def __init__(self, code: str, part: str | None = None, detail: str | None = None) -> None:
        if code not in MESSAGES:
            raise KeyError(f"unknown document read error code {code!r}")
        self.code = code
        self.message = MESSAGES[code]
        self.part = part
        self.detail = detail
        super().__init__(self.message)

    def __str__(self) -> str:
        return self.message

    def __repr__(self) -> str:
        where = f", part={self.part!r}" if self.part else ""
        why = f", detail={self.detail!r}" if self.detail else ""
        return f"DocumentReadError({self.code!r}{where}{why})"

    def __reduce__(self):
        """Pickle by code, so the error crosses process boundaries (worker pools) intact."""
        return (type(self), (self.code, self.part, self.detail))
