"""ND30-281 — Quyền hạn của người ký viết tắt đúng: "TM.", "Q.", "KT.", "TL.", "TUQ.".

Bad: "KT GIÁM ĐỐC", "K.T. GIÁM ĐỐC", "T/M ỦY BAN NHÂN DÂN", "Kt. Giám đốc".
Good: "KT. GIÁM ĐỐC", "TM. ỦY BAN NHÂN DÂN", "TL. BỘ TRƯỞNG".
"""
from __future__ import annotations

import re

from ..text import squash
from .base import PL1, Context, Rule

WRONG = re.compile(r"^(?P<bad>T/M|K\.T\.?|T\.L\.?|T\.M\.?|TUQ(?!\.)|KT(?!\.)|TM(?!\.)|TL(?!\.)|Kt\.|Tm\.|Tl\.)\s*(?=\S)",
                   re.UNICODE)
CANONICAL = {"T/M": "TM.", "K.T.": "KT.", "K.T": "KT.", "T.L.": "TL.", "T.L": "TL.", "T.M.": "TM.", "T.M": "TM.",
             "TUQ": "TUQ.", "KT": "KT.", "TM": "TM.", "TL": "TL.", "Kt.": "KT.", "Tm.": "TM.", "Tl.": "TL."}


class AuthorityPrefix(Rule):
    code = "ND30-281"
    name = "Chữ viết tắt quyền hạn của người ký"
    reference = f"{PL1}, Mục II, khoản 7, điểm b"
    severity = "error"
    component = "chuc_vu"

    def check(self, ctx: Context) -> None:
        for p in ctx.layout.get("chuc_vu"):
            text = squash(p.text)
            match = WRONG.match(text)
            if match is None:
                continue
            bad = match.group("bad")
            good = CANONICAL.get(bad, bad)
            ctx.emit("text", f"Quyền hạn của người ký phải viết tắt là \u201c{good}\u201d.", paragraph=p,
                     expected=good, actual=bad, fix=f"Sửa \u201c{bad}\u201d thành \u201c{good}\u201d.", safe=True)
