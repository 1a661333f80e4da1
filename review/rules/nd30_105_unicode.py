"""ND30-105 — Bộ mã ký tự Unicode theo TCVN 6909:2001.

Bad: text typed in a TCVN3 font (``.VnTime``) or a VNI font (``VNI-Times``), or Vietnamese written
with decomposed diacritics (``e`` + U+0302 + U+0323 instead of ``ệ``).
Good: Times New Roman with precomposed Unicode (NFC) text.
"""
from __future__ import annotations

from .base import PL1, Context, Rule

LEGACY_PREFIXES = (".vn", "vni-", "vni ", "vntime", "vn-")


class UnicodeEncoding(Rule):
    code = "ND30-105"
    name = "Bộ mã ký tự Unicode"
    reference = f"{PL1}, Mục I, khoản 4"
    severity = "error"
    component = "noi_dung"

    def check(self, ctx: Context) -> None:
        layout = ctx.layout
        legacy_done = nfc_done = False
        for p in ctx.document.paragraphs:
            if not legacy_done:
                legacy = sorted({r.font for r in p.visible_runs()
                                 if r.font and r.font.lower().startswith(LEGACY_PREFIXES)})
                if legacy:
                    legacy_done = True
                    ctx.emit("font", f"Văn bản dùng phông chữ theo bộ mã cũ ({', '.join(legacy)}), "
                                     "không phải Unicode TCVN 6909:2001.", paragraph=p,
                             component=layout.component_of(p), expected="Unicode (Times New Roman)",
                             actual=", ".join(legacy),
                             fix="Chuyển mã văn bản sang Unicode rồi đặt phông Times New Roman.")
            if not nfc_done and p.not_nfc:
                nfc_done = True
                ctx.emit("text", "Văn bản có chữ tiếng Việt viết bằng dấu tổ hợp rời (không ở dạng dựng sẵn NFC).",
                         paragraph=p, component=layout.component_of(p), expected="Unicode dựng sẵn (NFC)",
                         actual="Unicode tổ hợp", fix="Chuẩn hóa văn bản về Unicode dựng sẵn (NFC).")
