"""The "Thành phần hồ sơ" tables of the national portal, flattened, back into paper rows.

Each table is "<title>Tên giấy tờMẫu đơn, tờ khaiSố lượng" followed by rows run together as
"<name><form file name>…<N bản chính[,M bản sao]>". A title ("* Giấy tờ phải xuất trình:",
"Trường hợp …", "* Lưu ý:") applies to its whole table. The portal does not keep row order inside a
table (rows come as "(2) (3) (4) (1)"), so rows labelled a), b)… or (1), (2)… are put back in order,
and a row that only introduces others ("… gồm:") or explains ("Trường hợp … thì …") with a
quantity of "0 bản chính" cannot be tied to its rows: it goes to the notes, not the paper list.
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from catalogue.content import Paper
from catalogue.importers.text_clean import clean_inline, flatten_spaces, is_placeholder

FIELD = "Thành phần hồ sơ"
_HEADER = "Tên giấy tờMẫu đơn, tờ khaiSố lượng"
# The quantity cell ends a row: the next row follows without a space (or the text ends).
_QUANTITY = re.compile(r"(\d+) bản chính(?:,(\d+) bản sao)?(?=[^ ]|$)")
_FILE_EXT = re.compile(r"(?i:\.(?:docx|doc|pdf|xlsx|xls|rar|zip|odt))(?![a-z])")
_UPPER = "A-ZĐÀÁẢÃẠĂẰẮẲẴẶÂẦẤẨẪẬÈÉẺẼẸÊỀẾỂỄỆÌÍỈĨỊÒÓỎÕỌÔỒỐỔỖỘƠỜỚỞỠỢÙÚỦŨỤƯỪỨỬỮỰỲÝỶỸỴ"
_FORM_WORDS = ("mẫu", "mau", "phụ lục", "phu luc", "pl ", "tờ khai", "to khai", "văn bản",
               "van ban", "đơn ", "don ", "biểu", "bieu", "phiếu", "giấy")
_BULLET = re.compile(r"^[\s\-–+*•.]+")
_GROUP_PRESENT = re.compile(r"^(?:các )?giấy tờ (?:phải )?xuất trình", re.IGNORECASE)
_GROUP_SUBMIT = re.compile(r"^(?:các )?giấy tờ (?:phải )?nộp", re.IGNORECASE)
_GROUP_ONLY = re.compile(r"^(?:các )?giấy tờ (?:phải )?(?:nộp|xuất trình)\s*:?$", re.IGNORECASE)
_NOTES_TITLE = re.compile(r"^lưu ý\s*:?\s*", re.IGNORECASE)
_GENERIC_TITLE = re.compile(
    r"^(?:[a-zđ0-9]{1,3}[.)]\s*)?(?:thành phần hồ sơ|hồ sơ gồm|bao gồm|hồ sơ bao gồm)[\s,:]*"
    r"(?:bao gồm|gồm)?[\s:]*$", re.IGNORECASE)
_NOTE_START = re.compile(
    r"^\(?(?:trường hợp|lưu ý|người tiếp nhận|người yêu cầu|người có yêu cầu|cá nhân có quyền|"
    r"đối với trường hợp|đối với giấy tờ|các bản sao|bản chụp các giấy tờ|số lượng hồ sơ|căn cứ|"
    r"giấy tờ do cơ quan có thẩm quyền của nước ngoài)", re.IGNORECASE)
_LABEL = re.compile(r"^\(?([a-zđ]|\d{1,2}|[ivx]{1,5})[.)]\s")
_LETTERS = "abcdđeghiklmnopqrstuvxy"
_ROMAN = {"i": 1, "ii": 2, "iii": 3, "iv": 4, "v": 5, "vi": 6, "vii": 7, "viii": 8, "ix": 9, "x": 10}


@dataclass
class _Title:
    group: str = "submit"
    case: str | None = None
    notes: list[str] = field(default_factory=list)
    is_notes: bool = False


def parse_papers(text: str | None) -> tuple[list[Paper], list[str], list[str]]:
    """(papers, notes, warnings) of a "thành phần hồ sơ" cell."""
    body = flatten_spaces((text or "").replace("\t", "\n")).strip()  # a tab, like a newline, ends a cell
    if is_placeholder(body.strip("- ")):
        return [], [], []
    parts = body.split(_HEADER)
    if len(parts) == 1:
        return [], [], [f"{FIELD}: không có bảng giấy tờ, chỉ có văn bản «{clean_inline(body)[:80]}»"]
    papers: list[Paper] = []
    notes: list[str] = []
    title = _read_title(parts[0])
    for index, part in enumerate(parts[1:], start=1):
        rows, tail = _rows(part)
        last = index == len(parts) - 1
        if last and tail.strip(" -"):
            rows.append((tail, None, None, ""))
        notes.extend(title.notes)
        _place_rows(rows, title, papers, notes)
        if not last:
            title = _read_title(tail)
    return papers, _unique(notes), []


def _read_title(text: str) -> _Title:
    title = _strip_bullets(clean_inline(text))
    if not title or _GENERIC_TITLE.match(title):
        return _Title()
    if match := _NOTES_TITLE.match(title):
        rest = title[match.end():].strip()
        return _Title(is_notes=True, notes=[rest] if rest else [])
    if _GROUP_PRESENT.match(title):
        return _Title(group="present")
    if _GROUP_SUBMIT.match(title):
        return _Title(group="submit")
    return _Title(case=title.rstrip(": ").strip() or None)


def _rows(part: str) -> tuple[list[tuple[str, int | None, int | None, str]], str]:
    """Rows (raw name, originals, copies, quantity text) of one table, and the text after them."""
    spans = []  # (name start, quantity start, quantity end, originals, copies)
    position = 0
    for match in _QUANTITY.finditer(part):
        originals, qty_start = match.group(1), match.start()
        if len(originals) > 1 and (originals.startswith("0") or int(originals) > 20):
            qty_start += len(originals) - 1  # "…năm 20261 bản chính": the year ends the name
            originals = originals[-1]
        copies = int(match.group(2)) if match.group(2) else None
        name = part[position:qty_start]
        if spans and not name.strip():
            pass  # a second quantity cell with no name: nothing to add
        elif spans and not any(ch.isalnum() for ch in name):
            # "…: 01 bản chính.1 bản chính": the first "quantity" was part of the name
            spans[-1] = (spans[-1][0], qty_start, match.end(), int(originals), copies)
        else:
            spans.append((position, qty_start, match.end(), int(originals), copies))
        position = match.end()
    rows = []
    for name_start, qty_start, _, originals, copies in spans:
        quantity = f"{originals} bản chính" + (f", {copies} bản sao" if copies is not None else "")
        rows.append((part[name_start:qty_start], originals, copies, quantity))
    return rows, part[position:]


def _place_rows(rows, title: _Title, papers: list[Paper], notes: list[str]) -> None:
    built = []
    for raw, originals, copies, quantity in rows:
        name, form = split_form(clean_inline(raw))
        name = _strip_bullets(name).rstrip(" ;,.").strip()
        if not name:
            continue
        empty = not originals and not copies
        if title.is_notes or _NOTES_TITLE.match(name) or (
                empty and _GROUP_ONLY.match(name) is None and _is_note(name)):
            notes.append(name)
            continue
        if empty and _GROUP_ONLY.match(name):
            continue
        group = "present" if name.lower().startswith("xuất trình") else title.group
        built.append(Paper(name=name, group=group, form=form, originals=originals, copies=copies,
                           quantity_text=quantity, case=title.case))
    papers.extend(_restore_order(built))


def _is_note(name: str) -> bool:
    return bool(_NOTE_START.match(name)) or name.endswith(":") or " thì " in name


def split_form(text: str) -> tuple[str, str | None]:
    """Split "<paper name><file>.docx<file>.doc" into the name and "<file>.docx; <file>.doc"."""
    exts = list(_FILE_EXT.finditer(text))
    if not exts or exts[-1].end() != len(text):
        return text, None
    # The files form a chain at the end of the text: each starts where the previous one ended.
    first = len(exts) - 1
    while first > 0 and exts[first].end() - exts[first - 1].end() <= 120:
        first -= 1
    start = _file_start(text[:exts[first].start()])
    bounds = [start] + [m.end() for m in exts[first:]]
    files = [text[bounds[i]:bounds[i + 1]].strip() for i in range(len(bounds) - 1)]
    return text[:start].strip(), "; ".join(f for f in files if f) or None


def _file_start(prefix: str) -> int:
    """Where the first file name starts in "<paper name><file name>" (written without a space)."""
    # No "/" can be in a file name, and the paper keeps a name of its own.
    lowest = max(3, len(prefix) - 160, prefix.rfind("/") + 1)
    lowered = prefix.lower()
    for i in range(lowest, len(prefix)):
        before, char = prefix[i - 1], prefix[i]
        if not char.isalnum() or before in " (":
            continue
        rest = prefix[i:]
        if rest.count("(") != rest.count(")"):
            continue
        if before in ".;:)]”\"" and not (before == "." and char.isdigit() and prefix[i - 2:i - 1].isdigit()):
            return i
        if re.match(f"[{_UPPER}]", char) and (
                before.islower() or before.isdigit()  # "…khoáng sảnMau 36", "…2026Mau so 02"
                or (before.isupper() and prefix[i + 1:i + 2].islower())):  # "…NĐ-CPMus05"
            return i
        if (before.isalnum() or before in ".;:)") and lowered.startswith(_FORM_WORDS, i):
            return i
    return max(prefix.rfind(" "), prefix.rfind("/")) + 1


def _strip_bullets(text: str) -> str:
    text = _BULLET.sub("", text)
    return text.strip()


def _restore_order(papers: list[Paper]) -> list[Paper]:
    """Sort rows back by their labels when every row of the table carries one of one kind."""
    keys = []
    for paper in papers:
        match = _LABEL.match(paper.name)
        if not match:
            return papers
        keys.append(match.group(1))
    if len(papers) < 2 or len(set(keys)) != len(keys):
        return papers
    if all(k.isdigit() for k in keys):
        order = [int(k) for k in keys]
    elif all(k in _ROMAN for k in keys) and any(len(k) > 1 for k in keys):
        order = [_ROMAN[k] for k in keys]
    elif all(len(k) == 1 and k in _LETTERS for k in keys):
        order = [_LETTERS.index(k) for k in keys]
    else:
        return papers
    return [paper for _, paper in sorted(zip(order, papers), key=lambda pair: pair[0])]


def _unique(items: list[str]) -> list[str]:
    seen: set[str] = set()
    return [i for i in items if i and not (i in seen or seen.add(i))]
