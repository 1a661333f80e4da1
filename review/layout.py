"""Find the components of Phụ lục I in a document, wherever the office put them.

Offices lay a document out with two borderless tables: the header (left: cơ quan chủ quản, cơ
quan ban hành, số ký hiệu and, for a công văn, the "V/v" trích yếu; right: quốc hiệu, tiêu ngữ,
địa danh và thời gian) and the signature (left: "Nơi nhận:" and its list; right: quyền hạn, chức
vụ, họ tên). Some use one table of two rows, some no table at all, and plain text has none, so the
finder recognises components by their text first and uses the table cell only to tell the left
column from the right. Rules then judge each component found; a component not found is reported
by the presence rules.

The document type comes from the tên loại line, else from a "V/v" trích yếu (công văn), else from
the abbreviation in the ký hiệu (Phụ lục III).
"""
from __future__ import annotations

import re
from dataclasses import dataclass, field

from .model import Document, Paragraph
from .text import fold, is_line_marker, is_upper, squash
from .vocabulary import CONG_VAN, type_from_code, type_from_heading, starts_with_title

SO_RE = re.compile(r"^\s*s[ốốo]\b\s*[:.]?", re.IGNORECASE)
NUMBER_RE = re.compile(
    r"^\s*S[ốỐố]\s*(?P<colon>[:.]?)\s*(?P<number>[^/\s]*)\s*/\s*(?:(?P<year>\d{4})\s*/\s*)?(?P<notation>.*?)\s*$",
    re.IGNORECASE)
DATE_HINT = re.compile(r"ng[àa]y.*th[áa]ng.*n[ăa]m", re.IGNORECASE)
NUMERIC_DATE = re.compile(r"\d{1,2}\s*[/.-]\s*\d{1,2}\s*[/.-]\s*\d{2,4}")
VV_RE = re.compile(r"^\s*(V/v|V/V|v/v|Về việc)\b")
DASH_RE = re.compile(r"^\s*[-–—+•]\s*")
PLACEHOLDER_RE = re.compile(r"^\s*\(.*(ký|dấu|Ký|Dấu|đã ký|Đã ký).*\)\s*$")
APPENDIX_RE = re.compile(r"^\s*PH[ỤU]\s+L[ỤU]C\b(\s+[IVXLCDM\d]+)?\s*[.:]?\s*$", re.IGNORECASE)

ROLE_PATTERNS: tuple[tuple[str, re.Pattern], ...] = (
    ("phan", re.compile(r"^\s*Phần\s+(thứ\s+)?\S+\s*$", re.IGNORECASE)),
    ("chuong", re.compile(r"^\s*Chương\s+\S+\s*$", re.IGNORECASE)),
    ("tieu_muc", re.compile(r"^\s*Tiểu\s+mục\s+\S+\s*$", re.IGNORECASE)),
    ("muc", re.compile(r"^\s*Mục\s+\S+\s*$", re.IGNORECASE)),
    ("dieu", re.compile(r"^\s*Điều\s+\d+")),
    ("roman_heading", re.compile(r"^\s*[IVXLC]+\s*[.)]\s*\S")),
    ("khoan", re.compile(r"^\s*\d+(\.\d+)*\s*[.)]\s*\S")),
    ("diem", re.compile(r"^\s*[a-zđ]\d*\s*\)\s*\S")),
    ("dash", DASH_RE),
)
TITLED_ROLES = {"phan": "phan_title", "chuong": "chuong_title", "muc": "muc_title",
                "tieu_muc": "muc_title"}


@dataclass
class Layout:
    """Where each component of a document is.

    ``components`` maps a report component to its paragraphs in reading order; ``roles`` gives a
    finer role for paragraphs of the content and of the signature ('can_cu', 'dieu', 'khoan',
    'diem', 'text', …); ``lines`` says, per component that must be underlined by a rule line,
    whether one was found (None where it cannot be told).
    """
    document_type: str | None = None
    type_code: str | None = None
    components: dict[str, list[Paragraph]] = field(default_factory=dict)
    roles: dict[int, str] = field(default_factory=dict)
    header_table: int | None = None
    signature_table: int | None = None
    lines: dict[str, bool | None] = field(default_factory=dict)
    number_match: re.Match | None = None
    by_index: dict[int, str] = field(default_factory=dict)

    def first(self, component: str) -> Paragraph | None:
        found = self.components.get(component)
        return found[0] if found else None

    def get(self, component: str) -> list[Paragraph]:
        return self.components.get(component, [])

    def component_of(self, paragraph: Paragraph) -> str:
        if paragraph.part != "body":
            return "so_trang" if paragraph.fields else "other"
        return self.by_index.get(paragraph.index, "other")

    def role(self, paragraph: Paragraph) -> str | None:
        return self.roles.get(paragraph.index)

    def content(self, *roles: str) -> list[Paragraph]:
        """Content paragraphs, optionally only those with one of ``roles``."""
        paragraphs = self.get("noi_dung")
        if not roles:
            return paragraphs
        return [p for p in paragraphs if self.roles.get(p.index) in roles]

    @property
    def is_cong_van(self) -> bool:
        return self.document_type == CONG_VAN


class _Finder:
    def __init__(self, document: Document):
        self.doc = document
        self.paras = [p for p in document.paragraphs if p.part == "body"]
        self.layout = Layout()
        self.used: set[int] = set()
        self.pos = {p.index: i for i, p in enumerate(self.paras)}

    def add(self, component: str, paragraph: Paragraph, role: str | None = None) -> None:
        self.layout.components.setdefault(component, []).append(paragraph)
        self.layout.by_index[paragraph.index] = component
        self.used.add(paragraph.index)
        if role:
            self.layout.roles[paragraph.index] = role

    # -- header ---------------------------------------------------------------------------------
    def find_header(self) -> int:
        """Mark the header components; return the position after the header block."""
        qh_pos = None
        for pos, p in enumerate(self.paras[:40]):
            if "CONGHOAXAHOICHUNGHIAVIETNAM" in fold(p.text[:120]).replace(" ", ""):
                qh_pos = pos
                break
        if qh_pos is None:
            return self._header_without_quoc_hieu()
        qh = self.paras[qh_pos]
        if qh.container.in_table:
            table = qh.container.table
            self.layout.header_table = table
            block = [p for p in self.paras if p.container.in_table and p.container.table == table]
            right = [p for p in block if p.container.cell == qh.container.cell]
            left = [p for p in block if p.container.cell != qh.container.cell]
            end = max(pos for pos, p in enumerate(self.paras) if p in block) + 1
            before = [p for p in self.paras[:qh_pos] if not p.container.in_table]
            self._classify_header(before + left, right, qh)
            return end
        end = self._text_header_end(qh_pos)
        block = self.paras[:end]
        self._classify_header([p for p in block if p is not qh], [qh], qh)
        return end

    def _header_without_quoc_hieu(self) -> int:
        """No quốc hiệu: still find Số and the date near the top so other rules can run."""
        end = 0
        for pos, p in enumerate(self.paras[:15]):
            if SO_RE.match(p.text) and "/" in p.text or DATE_HINT.search(p.text) and pos < 12:
                end = pos + 1
        if end:
            block = self.paras[:end]
            self._classify_header(block, [], None)
        return end

    def _text_header_end(self, qh_pos: int) -> int:
        """Without a table the header ends at the date line (or at the tên loại)."""
        end = qh_pos + 1
        for pos in range(qh_pos + 1, min(len(self.paras), qh_pos + 12)):
            p = self.paras[pos]
            if type_from_heading(p.text) or fold(p.text[:20]).startswith("KINH GUI"):
                break
            end = pos + 1
            if DATE_HINT.search(p.text):
                break
        return end

    def _classify_header(self, left: list[Paragraph], right: list[Paragraph], qh) -> None:
        side = {id(p): "left" for p in left}
        side.update({id(p): "right" for p in right})
        ordered = sorted(left + right, key=lambda p: p.index)
        agency: list[Paragraph] = []
        seen_number = False
        after_vv = False
        for p in ordered:
            text = p.text.strip()
            if not text:
                continue
            if is_line_marker(text):
                self.layout.roles[p.index] = "line"
                continue
            folded = fold(text[:120])
            if p is qh:
                self.add("quoc_hieu", p)
            elif "DOC LAP" in folded and ("TU DO" in folded or "HANH PHUC" in folded):
                self.add("tieu_ngu", p)
            elif SO_RE.match(text) and ("/" in text or len(text) < 25) and not seen_number:
                self.add("so_ky_hieu", p)
                seen_number = True
            elif DATE_HINT.search(text) and "," in text or (DATE_HINT.search(text) and side.get(id(p)) == "right") \
                    or (side.get(id(p)) == "right" and NUMERIC_DATE.search(text)):
                self.add("dia_danh_thoi_gian", p)
            elif VV_RE.match(text):
                self.add("trich_yeu", p)
                after_vv = True
            elif after_vv and side.get(id(p)) == "left":
                self.add("trich_yeu", p)
            elif side.get(id(p)) == "left" and not seen_number:
                agency.append(p)
        self._split_agency(agency)

    def _split_agency(self, agency: list[Paragraph]) -> None:
        if not agency:
            return
        bold = [_mostly_bold(p) for p in agency]
        if self.doc.formatted and any(b is True for b in bold) and any(b is False for b in bold) \
                and bold[0] is False:
            cut = next(i for i, b in enumerate(bold) if b)
        else:
            cut = 1 if len(agency) >= 2 else 0
        for p in agency[:cut]:
            self.add("co_quan_chu_quan", p)
        for p in agency[cut:]:
            self.add("co_quan_ban_hanh", p)

    # -- signature and nơi nhận ---------------------------------------------------------------
    def find_signature(self, start: int, stop: int) -> int:
        """Mark nơi nhận, chức vụ and họ tên; return where the content ends."""
        region = self.paras[start:stop]
        label_pos = next((i for i, p in enumerate(region) if fold(p.text[:20]).startswith("NOI NHAN")), None)
        if label_pos is not None and region[label_pos].container.in_table:
            label = region[label_pos]
            table = label.container.table
            self.layout.signature_table = table
            block = [p for p in region if p.container.in_table and p.container.table == table]
            left = [p for p in block if p.container.cell == label.container.cell]
            right = [p for p in block if p.container.cell != label.container.cell]
            self._recipients(left)
            self._signer(right)
            first = min(self.pos[p.index] for p in block)
            tail = [p for p in region if p not in block and self.pos[p.index] > first]
            if not self.layout.get("chuc_vu"):
                self._signer([p for p in tail if not p.container.in_table])
            return first
        if label_pos is not None:
            label_abs = start + label_pos
            recipients = [self.paras[label_abs]]
            for p in self.paras[label_abs + 1:stop]:
                if p.is_empty:
                    continue
                if DASH_RE.match(p.text):
                    recipients.append(p)
                else:
                    break
            self._recipients(recipients)
            signer_start = self._signer_start(start, label_abs)
            signer_region = self.paras[signer_start:label_abs]
            after = self.paras[label_abs + len(recipients):stop]
            if not any(starts_with_title(p.text) for p in signer_region):
                signer_region = after
            self._signer(signer_region)
            return min(signer_start, label_abs)
        signer_start = self._signer_start(start, stop)
        if signer_start < stop:
            self._signer(self.paras[signer_start:stop])
            return signer_start
        return stop

    def _signer_start(self, start: int, stop: int) -> int:
        """The first paragraph of a signer block found backwards from ``stop``."""
        found = stop
        skipped = 0
        for pos in range(stop - 1, max(start, stop - 12) - 1, -1):
            p = self.paras[pos]
            if p.is_empty:
                continue
            if starts_with_title(p.text) and is_upper(p.text):
                found = pos
            elif found != stop and not is_upper(p.text):
                break
            elif found == stop:
                # the name and a "(Đã ký)" line may sit below the title; content may not
                skipped += 1
                if skipped > 2:
                    break
        return found

    def _recipients(self, block: list[Paragraph]) -> None:
        for p in block:
            if p.is_empty:
                continue
            role = "label" if fold(p.text[:20]).startswith("NOI NHAN") else "item"
            self.add("noi_nhan", p, role)

    def _signer(self, block: list[Paragraph]) -> None:
        lines = [p for p in block if not p.is_empty and not is_line_marker(p.text)]
        if not lines:
            return
        placeholders = [p for p in lines if PLACEHOLDER_RE.match(p.text)]
        lines = [p for p in lines if p not in placeholders]
        for p in placeholders:
            self.add("dau", p)
        if not lines:
            return
        name = lines[-1] if len(lines) >= 2 else None
        if name is not None and (starts_with_title(name.text) or len(name.text.split()) > 7):
            name = None
        for p in lines:
            if p is name:
                self.add("ho_ten", p)
            else:
                self.add("chuc_vu", p)

    # -- title block, kính gửi, content -------------------------------------------------------
    def find_title(self, start: int, stop: int) -> int:
        """Mark tên loại, trích yếu and kính gửi; return where the content starts."""
        pos = start
        non_empty_seen = 0
        title_pos = None
        while pos < stop and non_empty_seen < 6:
            p = self.paras[pos]
            if not p.is_empty and not self._is_header_cell(p):
                non_empty_seen += 1
                if type_from_heading(p.text) and not p.text.strip().endswith(":"):
                    title_pos = pos
                    break
            pos += 1
        pos = start
        if title_pos is not None:
            title = self.paras[title_pos]
            self.add("ten_loai", title)
            self.layout.document_type = type_from_heading(title.text)
            pos = title_pos + 1
            count = 0
            while pos < stop and count < 4:
                p = self.paras[pos]
                text = p.text.strip()
                if not text:
                    if count:
                        pos += 1
                        break
                    pos += 1
                    continue
                if is_line_marker(text):
                    self.layout.roles[p.index] = "line"
                    pos += 1
                    break
                if self._ends_title(p):
                    break
                self.add("trich_yeu", p)
                count += 1
                pos += 1
                if p.border_bottom or p.has_drawing_line:
                    break
        return self._kinh_gui(pos, stop)

    def _ends_title(self, p: Paragraph) -> bool:
        text = p.text.strip()
        folded = fold(text[:30])
        if folded.startswith(("CAN CU", "KINH GUI", "THEO DE NGHI", "XET ")) or text.startswith("("):
            return True
        if is_upper(text) and self.layout.get("trich_yeu"):
            return True
        if is_upper(text) and (starts_with_title(text) or text.endswith(":")):
            return True
        return any(pattern.match(text) for role, pattern in ROLE_PATTERNS if role not in ("dash",))

    def _kinh_gui(self, pos: int, stop: int) -> int:
        for look in range(pos, min(stop, pos + 6)):
            p = self.paras[look]
            if fold(p.text[:20]).startswith("KINH GUI"):
                self.add("kinh_gui", p, "label")
                end = look + 1
                for q in self.paras[look + 1:stop]:
                    if q.is_empty:
                        end += 1
                        continue
                    if DASH_RE.match(q.text):
                        self.add("kinh_gui", q, "item")
                        end += 1
                    else:
                        break
                return end
            if not p.is_empty and look > pos + 1:
                break
        return pos

    def _is_header_cell(self, p: Paragraph) -> bool:
        return p.container.in_table and p.container.table == self.layout.header_table

    def find_content(self, start: int, stop: int) -> None:
        previous_role = None
        body = [p for p in self.paras[start:stop] if p.index not in self.used]
        decision_pos = next((i for i, p in enumerate(body) if _is_decision_word(p.text)), None)
        for i, p in enumerate(body):
            if p.is_empty:
                continue
            text = squash((p.label + " " + p.text) if p.label else p.text)
            if is_line_marker(text):
                self.layout.roles[p.index] = "line"
                continue
            if p.container.in_table and p.container.table not in (self.layout.header_table,
                                                                     self.layout.signature_table):
                role = "table_cell"
            elif decision_pos is not None and i == decision_pos:
                role = "decision_word"
            elif decision_pos is not None and i < decision_pos:
                folded = fold(text[:30])
                if folded.startswith(("CAN CU", "THEO DE NGHI", "XET DE NGHI", "XET ")):
                    role = "can_cu"
                elif is_upper(text):
                    role = "authority"
                else:
                    role = "text"
            elif previous_role in TITLED_ROLES and not any(pt.match(text) for _, pt in ROLE_PATTERNS[:5]):
                role = TITLED_ROLES[previous_role]
            else:
                role = next((name for name, pattern in ROLE_PATTERNS if pattern.match(text)), "text")
            self.add("noi_dung", p, role)
            previous_role = role

    def find_appendix(self, start: int) -> int:
        """Mark the first appendix heading and what follows it; return where it starts."""
        for pos in range(start, len(self.paras)):
            p = self.paras[pos]
            if APPENDIX_RE.match(p.text) and (p.page_break_before or pos > start):
                self.add("phu_luc", p, "appendix_heading")
                rest = self.paras[pos + 1:]
                title_done = False
                for q in rest:
                    if q.is_empty:
                        continue
                    if APPENDIX_RE.match(q.text):
                        self.add("phu_luc", q, "appendix_heading")
                        title_done = False
                    elif not title_done and not q.text.strip().startswith("("):
                        self.add("phu_luc", q, "appendix_title")
                        title_done = True
                    elif q.text.strip().startswith("(Kèm theo") or q.text.strip().startswith("(kèm theo"):
                        self.add("phu_luc", q, "appendix_attribution")
                    else:
                        self.layout.roles[q.index] = "appendix_body"
                        self.used.add(q.index)
                return pos
        return len(self.paras)

    # -- lines ----------------------------------------------------------------------------------
    def find_lines(self) -> None:
        for component in ("tieu_ngu", "co_quan_ban_hanh", "trich_yeu"):
            paragraphs = self.layout.get(component)
            if not paragraphs or (component == "trich_yeu" and self.layout.is_cong_van):
                continue
            self.layout.lines[component] = self._has_line_after(paragraphs[-1], component)

    def _has_line_after(self, p: Paragraph, component: str) -> bool:
        if p.border_bottom or p.has_drawing_line:
            return True
        if component == "tieu_ngu" and p.runs and all(r.underline for r in p.visible_runs()):
            return True
        pos = self.pos[p.index]
        for q in self.paras[pos + 1:pos + 4]:
            same_place = (q.container.table == p.container.table and q.container.cell == p.container.cell)
            if not same_place:
                break
            if q.has_drawing_line or is_line_marker(q.text) or (q.is_empty and q.border_bottom):
                return True
            if not q.is_empty:
                break
        if p.container.in_table:
            cell = [q for q in self.paras if q.container.table == p.container.table
                    and q.container.cell == p.container.cell and q.container.row == p.container.row]
            return any(q.has_drawing_line for q in cell) and component != "trich_yeu"
        return False

    # -- type ---------------------------------------------------------------------------------
    def find_type(self) -> None:
        number = self.layout.first("so_ky_hieu")
        if number is not None:
            match = NUMBER_RE.match(squash(number.text))
            self.layout.number_match = match
            if match and match.group("notation"):
                self.layout.type_code = re.split(r"[-\s]", match.group("notation").strip())[0] or None
        if self.layout.document_type:
            return
        trich_yeu = self.layout.first("trich_yeu")
        if trich_yeu is not None and VV_RE.match(trich_yeu.text):
            self.layout.document_type = CONG_VAN
            return
        if self.layout.type_code:
            self.layout.document_type = type_from_code(self.layout.type_code) or CONG_VAN


def _mostly_bold(p: Paragraph) -> bool | None:
    runs = p.visible_runs()
    if not runs or runs[0].bold is None:
        return None
    bold_chars = sum(len(r.text) for r in runs if r.bold)
    return bold_chars * 2 >= sum(len(r.text) for r in runs)


def _is_decision_word(text: str) -> bool:
    if len(text) > 40:
        return False
    folded = fold(text)
    return folded in ("QUYET DINH:", "QUYET NGHI:", "CHI THI:", "QUYET DINH :", "QUYET NGHI :")


def find_layout(document: Document) -> Layout:
    """Find every Phụ lục I component of ``document`` and its type."""
    finder = _Finder(document)
    after_header = finder.find_header()
    appendix_start = finder.find_appendix(after_header)
    content_stop = finder.find_signature(after_header, appendix_start)
    content_start = finder.find_title(after_header, content_stop)
    finder.find_type()
    finder.find_content(content_start, content_stop)
    finder.find_lines()
    return finder.layout
