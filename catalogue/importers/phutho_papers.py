"""The papers list of a Phú Thọ police page ("Thành phần hồ sơ" written as prose).

Lines are papers; a line ending in ":" ("Tách hộ …, hồ sơ gồm:") heads the papers that follow it;
"Số lượng hồ sơ: 01 bộ", "Lưu ý: …" and conditional sentences ("Trường hợp … thì …") are notes.
Items run together on one line ("cụ thể: a) Văn bản đề nghị…; b) Danh sách…") are split at their
labels. The page's "Biểu mẫu đính kèm" list is dropped; the attachments are matched to the papers
whose text names their form code ("Mẫu CT01" ↔ CT01.docx).
"""
from __future__ import annotations

import re

from catalogue.content import Paper
from catalogue.importers.text_clean import clean_block, is_placeholder
from catalogue.text import fold

FIELD = "Thành phần hồ sơ"
_FORMS_LIST = re.compile(r"\n?\s*Biểu mẫu đính kèm\s*:", re.IGNORECASE)
_BULLET = re.compile(r"^[\s\-–+*•]+")
_INLINE_LABEL = re.compile(r"(?:(?<=[:;.])|(?<=[:;.] ))\s*(?=[a-zđ]\)\s)")
_GENERIC = re.compile(
    r"^(?:[a-zđ0-9]{1,2}[.)]\s*)?(?:thành phần hồ sơ|hồ sơ gồm|hồ sơ bao gồm|theo quy định)",
    re.IGNORECASE)
_COUNT = re.compile(r"^(?:[a-zđ0-9]{1,2}[.)]\s*)?số lượng(?: hồ sơ)?\s*:", re.IGNORECASE)
_NOTE = re.compile(r"^(?:lưu ý|chú ý)\s*:?\s*", re.IGNORECASE)
_FORM_CODE = re.compile(r"(?<![A-Z])([A-Z]{1,4}\d{1,3}[A-Z]?)(?![A-Z0-9])")
_QUANTITY = re.compile(r"(\d+)\s*(?:\([^)]{1,15}\)\s*)?bản (chính|sao)")


def parse_papers(text: str | None, attachments: list[dict]) -> tuple[list[Paper], list[str], list[str]]:
    """(papers, notes, warnings) of the page's papers section."""
    if is_placeholder(text):
        return [], [], []
    body = _FORMS_LIST.split(clean_block(text))[0]
    papers: list[Paper] = []
    notes: list[str] = []
    case: str | None = None
    group = "submit"
    in_notes = False
    for line in _lines(body):
        if _COUNT.match(line):
            notes.append(line)
            continue
        if match := _NOTE.match(line):
            in_notes = True
            if line[match.end():].strip():
                notes.append(line[match.end():].strip())
            continue
        if line.endswith(":"):
            in_notes = False
            heading = line.rstrip(": ").strip()
            group = "present" if "xuất trình" in heading.lower() and "nộp" not in heading.lower() \
                else "submit"
            case = None if _GENERIC.match(heading) else heading
            continue
        if in_notes or (line.startswith("Trường hợp") and " thì " in line):
            notes.append(line)
            continue
        if _GENERIC.match(line) and len(line) < 60:
            continue
        papers.append(_paper(line, group, case, attachments))
    warnings = [] if papers else [f"{FIELD}: không đọc được giấy tờ nào"]
    return papers, notes, warnings


def _lines(body: str) -> list[str]:
    lines = []
    for raw in body.split("\n"):
        for piece in _INLINE_LABEL.split(raw):
            piece = _BULLET.sub("", piece).strip()
            if piece and not is_placeholder(piece):
                lines.append(piece)
    return lines


def _paper(line: str, group: str, case: str | None, attachments: list[dict]) -> Paper:
    name = line.rstrip(" ;,.")
    originals = copies = None
    quantities = []
    for match in _QUANTITY.finditer(name):
        quantities.append(match.group(0))
        if match.group(2) == "chính":
            originals = int(match.group(1))
        else:
            copies = int(match.group(1))
    if name.lower().startswith("xuất trình"):
        group = "present"
    return Paper(name=name, group=group, form=_form_of(name, attachments), originals=originals,
                 copies=copies, quantity_text=", ".join(quantities), case=case)


def _form_of(name: str, attachments: list[dict]) -> str | None:
    """The attachment whose form code ("CT01", "M02a", "NA12") the paper's text names."""
    folded = fold(name)  # "mẫu ĐKX10" names the attachment "Mẫu DKX10 … .docx"
    for attachment in attachments:
        title = str(attachment.get("title") or "")
        for code in _FORM_CODE.findall(fold(title).upper()):
            if re.search(rf"(?<!\w){re.escape(code.lower())}(?!\w)", folded):
                return title
    return None
