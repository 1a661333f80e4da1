"""Căn cứ pháp lý: legal act numbers ("68/2013/TT-BCA", "66.7/2025/NQ-CP", "1523/QĐ-BCA-C06").

The national portal flattens the table "Tên văn bản pháp lý | Mã văn bản" into one string, so
"…công an nhân dân68/2013/TT-BCALuật Khiếu nại năm 201102/2011/QH13" must be cut where each number
cell ends. A number is a cell when the next row follows it directly (an upper-case title, digits
of the next number, or a lower-case title glued on); a number followed by a space and a lower-case
word, by punctuation, or by "ngày …" is quoted inside a title. Provincial pages list one act per
line instead; both give ``LegalAct(number, title, article)``.
"""
from __future__ import annotations

import re

from catalogue.content import LegalAct
from catalogue.importers.text_clean import clean_block, clean_inline, is_placeholder

FIELD = "Căn cứ pháp lý"
_HEADER = "Tên văn bản pháp lýMã văn bản"
_LOWER = "a-zàáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ"
# One part of the sign: upper-case letters that do not start the next (capitalised) word; digits
# only in a legislature (QH13, UBTVQH15) or a police unit (C06); or the Prime Minister's "TTg".
_LETTERS = rf"(?:[A-ZĐ](?![{_LOWER}]))"
_PART = rf"(?:TTg|{_LETTERS}*QH\d{{2}}|[A-ZĐ]\d{{2}}|{_LETTERS}+)"
_BODY = rf"\d{{1,5}}[a-z]?(?:\.\d{{1,3}})?/(?:\d{{4}}/)?{_PART}(?:\s?[-–_]\s?{_PART})*"
# Not inside another number; a year may be glued before it ("Luật Khiếu nại năm 201102/2011/QH13").
NUMBER = re.compile(rf"(?:(?<![\d/])|(?<=(?<!\d)(?:19|20)\d\d)){_BODY}")
# A number glued right after the previous one ("Luật 54/2014/QH1354/2014/QH13").
_NUMBER_HERE = re.compile(_BODY)
# All-capital titles ("LUẬT HÀNG KHÔNG …") glued to a number: where such a word starts.
_CAPITAL_WORDS = ("LUẬT", "NGHỊ", "THÔNG", "QUYẾT", "QUY ", "PHÁP", "BỘ ", "VĂN", "HIẾN", "CHỈ",
                  "LỆNH", "BAN ", "HƯỚNG", "SỬA", "VỀ ")
# Issuer codes whose last capital is often glued to a lower-case title ("NĐ-CPhướng dẫn").
_ISSUERS = ("CP", "TTg", "BTC", "BTP", "BCA", "BCT", "BYT", "BQP", "BNV", "BXD", "NHNN", "BNNMT",
            "BGTVT", "VPCP", "BNNPTNT", "BLĐTBXH", "BKHĐT", "BTNMT", "BKHCN", "BVHTTDL", "BTTTT",
            "BGDĐT", "UBND", "HĐND", "BHXH")
# Lower-case words that continue a title after a number quoted in it, even with no space.
_INSIDE_TITLE = re.compile(r"(?:ngày|của|và|năm|được|tại|về việc)\b")
_TYPE_WORDS = r"(?:Luật|Bộ luật|Nghị định|Thông tư liên tịch|Thông tư|Nghị quyết|Quyết định|Pháp lệnh|Chỉ thị)"
# "…môi trườngLuật số" at the end of a title: the start of the number cell, glued on.
_GLUED_TYPE = re.compile(rf"(?<=[{_LOWER}).;,])\s*{_TYPE_WORDS}(?: số)?\s*$")
_TYPE_ONLY = re.compile(rf"^(?:{_TYPE_WORDS}(?: số)?|Số)$")
_ARTICLE = re.compile(
    r"(?:(?:[đĐ]iểm [a-zđ](?:,\s*[a-zđ])*\s+)?(?:[kK]hoản \d+(?:,\s*\d+)*\s+)?Điều \d+[a-zđ]?)"
)
_BULLET = re.compile(r"^[\s\-–+*•]+")


def numbers_in(text: str) -> list[str]:
    """Every act number in the text, with all-capital titles glued after it cut off."""
    return [_trim(text, match)[0] for match in NUMBER.finditer(text)]


def _trim(text: str, match: re.Match) -> tuple[str, int]:
    """The number and where it really ends.

    "…NĐ-CPLUẬT HÀNG…" ends before "LUẬT"; "…NĐ-CPhướng dẫn…" keeps its "P" although a capital
    followed by a lower-case letter usually starts the next word.
    """
    start, end = match.start(), match.end()
    for cut in range(max(start + 1, end - 6), end):
        if text.startswith(_CAPITAL_WORDS, cut):
            return text[start:cut].rstrip(" -–_"), cut
    last = re.split(r"[-–_/ ]", match.group(0))[-1]
    for code in _ISSUERS:
        if len(code) > len(last) and code.startswith(last) and text.startswith(code[len(last):], end):
            end += len(code) - len(last)
            break
    number = text[start:end]
    if number.endswith(("NĐ-C", "NQ-C")):  # "118/2025/NĐ-CQuy định …": the "P" was lost
        number += "P"
    return number, end


def article_in(title: str) -> str | None:
    """The article a title cites ("khoản 2 Điều 46"), if any."""
    match = _ARTICLE.search(title)
    return match.group(0) if match else None


def parse_legal_table(text: str | None) -> tuple[list[LegalAct], list[str]]:
    """Acts of the portal's flattened "căn cứ pháp lý" table, and warnings."""
    body = clean_inline(text)
    if body.startswith(_HEADER):
        body = body[len(_HEADER):].strip()
    if is_placeholder(body):
        return [], []
    acts: list[LegalAct] = []
    warnings: list[str] = []
    start = 0
    match = NUMBER.search(body)
    while match:
        number, end = _trim(body, match)
        if _is_cell(body, end):
            acts.append(_act(body[start:match.start()], number))
            start = end
        match = _NUMBER_HERE.match(body, end) or NUMBER.search(body, end)
    tail = body[start:].strip()
    if tail:
        inside = numbers_in(tail)
        acts.append(_act(tail, inside[0] if inside else None))
        warnings.append(f"{FIELD}: văn bản cuối không có cột mã văn bản «{tail[:80]}»")
    return _unique(acts), warnings


def _is_cell(body: str, end: int) -> bool:
    rest = body[end:end + 12]
    if not rest.strip():
        return True
    first = rest[0]
    if first.isdigit():
        return False  # "Nghị định 05/2012/NĐ-CP05/2012/NĐ-CP": the first is in the title
    if first == " ":
        return rest[1:2].isupper()
    if first.isalpha():
        return not _INSIDE_TITLE.match(rest)
    return False


def _act(title: str, number: str | None) -> LegalAct:
    title = _GLUED_TYPE.sub("", clean_inline(title)).strip(" ;,.-")
    if _TYPE_ONLY.match(title) and number:
        title = f"{title.removesuffix(' số')} {number}"
    return LegalAct(number=number, title=title, article=article_in(title))


def parse_legal_lines(text: str | None) -> list[LegalAct]:
    """Acts listed one per line ("- Luật Cư trú số 68/2020/QH14 ngày 13/11/2020;")."""
    if is_placeholder(text):
        return []
    acts = []
    for line in clean_block(text).split("\n"):
        title = _BULLET.sub("", line).strip().rstrip(";.,").strip()
        if not title or is_placeholder(title):
            continue
        numbers = numbers_in(title)
        acts.append(LegalAct(number=numbers[0] if numbers else None, title=title,
                             article=article_in(title)))
    return _unique(acts)


def _unique(acts: list[LegalAct]) -> list[LegalAct]:
    """One act per number (the longest title wins), acts without a number once per title."""
    result: list[LegalAct] = []
    by_number: dict[str, int] = {}
    titles: set[str] = set()
    for act in acts:
        if act.number is None:
            if act.title not in titles:
                titles.add(act.title)
                result.append(act)
        elif act.number not in by_number:
            by_number[act.number] = len(result)
            result.append(act)
        elif len(act.title) > len(result[by_number[act.number]].title):
            result[by_number[act.number]] = act
    return result
