"""The "Cách thức thực hiện" table of the national portal, flattened, back into channel rows.

The scrape runs the cells of the table "Hình thức nộp | Thời gian | Phí, lệ phí | Mô tả" together
with no separator, e.g. "Trực tuyến5 Ngày làm việc2,000,000 Việt Nam Đồng(Phí …)Mô tả…Trực tiếp…".
A row starts where a channel name is directly followed by a time cell and a fee cell; the fee's
note is the balanced parenthesis after the fee; the description runs to the next row. Where the
time has no unit and the fee is a number, the two numbers are glued ("Trực tuyến120 VNĐ" is one
day and 20 đồng); they are split, preferring a time stated by another row, and a warning says so.
"""
from __future__ import annotations

import re
from dataclasses import dataclass

from catalogue.content import CHANNEL_LABELS, Channel, Fee, ProcessingTime
from catalogue.importers import money
from catalogue.importers.durations import to_decimal, unit_of, unit_stated_for
from catalogue.importers.text_clean import clean_inline, is_placeholder

FIELD = "Cách thức thực hiện"
_HEADER = "Hình thức nộpThời gianPhí, lệ phíMô tả"
_KINDS = {"Trực tiếp": "direct", "Trực tuyến": "online", "Dịch vụ bưu chính": "postal"}
_CHANNEL = re.compile("|".join(_KINDS))
_NO_INFO = "Không có thông tin"
_CURRENCY = r"VNĐ|Việt Nam Đồng|Đồng|USD"

_LABEL = r"(?:Lệ phí|Phí)\s*:"
_FEE_START = re.compile(rf"Miễn phí|{_NO_INFO}|\d[\d.,]*\s*(?:{_CURRENCY})|{_LABEL}")
_TIME_WITH_UNIT = re.compile(r"(\d+(?:[.,]\d+)?)\s*(Ngày làm việc|Ngày|Giờ|Tháng|Năm)")
_TIME_GLUED_TO_AMOUNT = re.compile(rf"(\d[\d.,]*?)\s*({_CURRENCY})")
_TIME_BARE = re.compile(rf"(\d+(?:[.,]\d+)?)(?=Miễn phí|{_NO_INFO}|{_LABEL})")
# A time cell in words ("Không phải trả kết quả …", "Không quy định"), at most one line.
_TIME_WORDS = re.compile(rf"([A-ZĐÀ-Ỹ][^\n]{{0,150}}?)(?={_FEE_START.pattern})")
_FEE_HEAD = re.compile(rf"Miễn phí|{_NO_INFO}|(?P<num>\d[\d.,]*)\s*(?P<cur>{_CURRENCY})")
# Old-portal fee cells: "Lệ phí : 50.000 Đồng", "Phí : 100.000 Đồng (…)", one after another.
_LABELLED_CELL = re.compile(r"\s*(?P<label>Lệ phí|Phí)\s*:\s*(?P<num>\d[\d.,]*)?\s*Đồng")
# Old-portal fee items inside a note: "Lệ phí : 50.000 Đồng (…)", "Phí: 15000000/lần Đồng (…)".
_LABELLED = re.compile(r"(?:(?<=^)|(?<=[\s(]))(Lệ phí|Phí)\s*:\s*(?=[\w./ ]{0,25}?Đồng)")
_LEADING_AMOUNT = re.compile(r"\s*(\d[\d.,]*)")
_GROUPED_OR_PLAIN = re.compile(r"0|[1-9]\d{0,2}(?:,\d{3})+|[1-9]\d*")


@dataclass
class _Head:
    """The time and fee cells of one row, and where the fee cell starts."""
    kind: str
    time_text: str
    value: str | None
    unit_word: str | None
    fee_at: int
    glued_amount: str | None = None  # the amount split off a glued "120 VNĐ"


def parse_channels(text: str | None) -> tuple[list[Channel], list[str]]:
    """Channel rows of a "cách thức thực hiện" cell, and warnings about what was guessed."""
    warnings: list[str] = []
    body = clean_inline(text)
    if body.startswith(_HEADER):
        body = body[len(_HEADER):]
    if is_placeholder(body):
        return [], warnings
    heads = _row_heads(body)
    if not heads:
        warnings.append(f"{FIELD}: không nhận ra hàng nào của bảng «{body[:80]}»")
        return [], warnings
    if heads[0][0] > 0:
        warnings.append(f"{FIELD}: bỏ qua phần đầu không thuộc hàng nào «{body[:heads[0][0]][:80]}»")
    known_times = {h.value for _, h in heads if h.value and h.unit_word}
    channels: list[Channel] = []
    for index, (_, head) in enumerate(heads):
        end = heads[index + 1][0] if index + 1 < len(heads) else len(body)
        channel = _build_channel(head, body[head.fee_at:end], known_times, warnings)
        if channel not in channels:
            channels.append(channel)
    return channels, warnings


def _row_heads(body: str) -> list[tuple[int, _Head]]:
    heads = []
    for match in _CHANNEL.finditer(body):
        head = _read_head(body, match.end(), _KINDS[match.group()])
        if head is not None:
            heads.append((match.start(), head))
    return heads


def _read_head(body: str, at: int, kind: str) -> _Head | None:
    """Read the time cell at ``at`` and check that a fee cell follows it."""
    if match := _TIME_WITH_UNIT.match(body, at):
        if _FEE_START.match(body, match.end()):
            return _Head(kind, match.group(0), match.group(1), match.group(2), match.end())
    if match := _TIME_GLUED_TO_AMOUNT.match(body, at):
        return _Head(kind, match.group(1), None, None, match.start(), glued_amount=match.group(1))
    if match := _TIME_BARE.match(body, at):
        return _Head(kind, match.group(1), match.group(1), None, match.end())
    if body.startswith(_NO_INFO, at) and _FEE_START.match(body, at + len(_NO_INFO)):
        return _Head(kind, "", None, None, at + len(_NO_INFO))
    if match := _TIME_WORDS.match(body, at):
        if not _CHANNEL.search(match.group(1)):
            return _Head(kind, match.group(1).strip(), None, None, match.end())
    return None


def _split_glued(digits: str, known_times: set[str]) -> tuple[str, str] | None:
    """Split "1100" into time "1" and amount "100" (a known time first, else the shortest)."""
    splits = []
    for cut in range(1, len(digits)):
        time, amount = digits[:cut], digits[cut:]
        if time.isdigit() and (time == "0" or not time.startswith("0")) \
                and _GROUPED_OR_PLAIN.fullmatch(amount):
            splits.append((time, amount))
    for time, amount in splits:
        if time in known_times and amount != "0":
            return time, amount
    return splits[0] if splits else None


def _build_channel(head: _Head, rest: str, known_times: set[str], warnings: list[str]) -> Channel:
    label = CHANNEL_LABELS[head.kind]
    value, unit_word, fee_text = head.value, head.unit_word, rest
    if head.glued_amount is not None:
        split = _split_glued(head.glued_amount, known_times)
        currency_at = len(head.glued_amount)
        if split is None:  # a lone digit: the amount, and no time
            head = _Head(head.kind, "", None, None, head.fee_at)
        else:
            value, amount = split
            fee_text = amount + rest[currency_at:]
            warnings.append(f"{FIELD} ({label}): thời hạn và phí viết liền «{rest[:currency_at + 4].strip()}», "
                            f"đã tách thành thời hạn {value} và phí {amount}")
    if _LABELLED_CELL.match(fee_text):
        fees, end = _labelled_cell(fee_text)
    else:
        fee_match = _FEE_HEAD.match(fee_text)
        note, end = _note(fee_text, fee_match.end() if fee_match else 0)
        fees = _fees(fee_match, note, label, warnings)
    description = _clean_description(fee_text[end:])
    time = _processing_time(head, value, unit_word, description, label, warnings)
    return Channel(kind=head.kind, processing_time=time, fees=fees, description=description)


def _note(text: str, at: int) -> tuple[str, int]:
    """The "(note)" right at ``at`` and where it ends (after its closing parenthesis)."""
    opening = len(text) - len(text[at:].lstrip(" "))
    if not text.startswith("(", opening):
        return "", at
    at = opening
    depth = 0
    for i in range(at, len(text)):
        depth += (text[i] == "(") - (text[i] == ")")
        if depth == 0:
            return clean_inline(text[at + 1:i]), i + 1
    last = text.rfind(")")  # unbalanced: the note ends at the last closing parenthesis
    if last > at:
        return clean_inline(text[at + 1:last]), last + 1
    return clean_inline(text[at + 1:]), len(text)


def _labelled_cell(text: str) -> tuple[list[Fee], int]:
    """Fees of an old-portal cell ("Lệ phí : 50.000 ĐồngPhí : 100.000 Đồng (…)") and its end."""
    fees, end = [], 0
    while match := _LABELLED_CELL.match(text, end):
        note, end = _note(text, match.end())
        amount = money.parse_int_amount(match.group("num")) if match.group("num") else None
        kind = "charge" if match.group("label") == "Lệ phí" else "fee"
        fees.append(Fee(kind=kind, amount=amount, text=clean_inline(text[match.start():end])))
    return fees, end


def _clean_description(text: str) -> str:
    text = clean_inline(text)
    return "" if is_placeholder(text) else text


def _processing_time(head: _Head, value: str | None, unit_word: str | None, description: str,
                     label: str, warnings: list[str]) -> ProcessingTime | None:
    if value is None:
        return ProcessingTime(text=head.time_text) if head.time_text else None
    number = to_decimal(value)
    unit = unit_of(unit_word) if unit_word else None
    if number is not None and unit is None and description:
        unit = unit_stated_for(number, description)
        if unit:
            warnings.append(f"{FIELD} ({label}): thời hạn «{value}» không có đơn vị; "
                            f"lấy đơn vị từ mô tả của kênh")
    text = f"{value} {unit_word}" if unit_word else value
    return ProcessingTime(value=number, unit=unit, text=text)


def _fees(head, note: str, label: str, warnings: list[str]) -> list[Fee]:
    """The fee cell (head and note) as Fee rows; an empty list when nothing is known."""
    head_text = head.group(0) if head and head.group(0) != _NO_INFO else ""
    text = f"{head_text} ({note})" if note and head_text else (head_text or note)
    items = _labelled_items(note)
    if {kind for kind, _, _ in items} >= {"fee", "charge"}:  # phí and lệ phí: both are paid
        return [Fee(kind=kind, amount=amount, text=item) for kind, amount, item in items]
    kind = items[0][0] if items else money.fee_kind(note)
    if head is not None and head.group("num"):
        return [_stated_amount(head, note, kind, text, label, warnings)]
    if head_text == "Miễn phí" and (not note or money.states_no_fee(note)):
        return [Fee(kind=kind, amount=0, text=text)]
    if not note:
        return []
    amounts = sorted({a for _, a, _ in items if a is not None}) or money.amounts_in(note)
    if money.states_no_fee(note):
        return [Fee(kind=kind, amount=0, text=text)]
    if len(amounts) == 1:
        if head_text == "Miễn phí" and amounts[0] > 0:
            warnings.append(f"{FIELD} ({label}): cột phí ghi «Miễn phí» nhưng ghi chú nêu mức thu "
                            f"{_dong(amounts[0])}; lấy mức trong ghi chú")
        return [Fee(kind=kind, amount=amounts[0], text=text)]
    return [Fee(kind=kind, amount=None, text=text)]


def _stated_amount(head, note: str, kind: str | None, text: str, label: str,
                   warnings: list[str]) -> Fee:
    """A fee cell with a number: đồng as stated (a tiny number checked against the note)."""
    if head.group("cur") == "USD":
        return Fee(kind=kind, amount=None, text=text)
    amount = money.parse_int_amount(head.group("num"))
    if amount is not None and 0 < amount < 1000:
        thousand = amount * 1000
        if thousand in money.amounts_in(note):
            warnings.append(f"{FIELD} ({label}): mức phí «{head.group(0)}» thiếu hàng nghìn; "
                            f"lấy {_dong(thousand)} theo ghi chú")
            amount = thousand
        else:  # no fee is under a thousand đồng: a lost thousands group, not an amount to use
            warnings.append(f"{FIELD} ({label}): mức phí «{head.group(0)}» nhỏ bất thường, "
                            f"không dùng làm số tiền")
            amount = None
    return Fee(kind=kind, amount=amount, text=text)


def _labelled_items(note: str) -> list[tuple[str | None, int | None, str]]:
    """Old-portal items in a note, each (kind, amount, text)."""
    marks = list(_LABELLED.finditer(note))
    if not marks:
        return []
    items = []
    lead = note[:marks[0].start()].strip()
    if "Đồng" in lead[:30]:
        items.append((None, _leading_amount(lead), lead))
    for i, mark in enumerate(marks):
        end = marks[i + 1].start() if i + 1 < len(marks) else len(note)
        segment = note[mark.end():end].strip()
        kind = "charge" if mark.group(1) == "Lệ phí" else "fee"
        items.append((kind, _leading_amount(segment), f"{mark.group(1)}: {segment}"))
    return items


def _leading_amount(segment: str) -> int | None:
    match = _LEADING_AMOUNT.match(segment)
    return money.parse_int_amount(match.group(1).split("/")[0]) if match else None


def _dong(amount: int) -> str:
    return f"{amount:,} đồng".replace(",", ".")
