"""A copy of the .docx with the safe fixes applied.

Only findings whose ``fix.safe`` is true are touched; everything else (wording, structure, the
seal, anything a person must judge) is left exactly as it was. A fix is chosen by the finding's
``component`` and ``property`` and aimed by its ``location``; the target value is read from its
``expected`` text by ``review.fix_values`` (whose docstring lists the accepted wording). What the
fixes do:

- page size (``paper_size``): every section gets A4, 11906 × 16838 twips, in its orientation;
- ``orientation``: every landscape section becomes portrait (width and height swapped);
- ``margin``: each named side of every section is brought to the nearest bound of its range
  (the inner margin counted with its gutter, as Word lays it out and as the rule measures it);
- ``font``: Times New Roman in the ascii, hAnsi, eastAsia and cs slots (theme fonts removed) for
  the located paragraph's runs and mark, the document defaults, every style that names a font and
  every run that names one, in body, headers and footers (see ``_fix_font`` for why the whole
  document, and for the legacy-encoding and symbol fonts that are left alone);
- ``size``, ``bold``, ``italic``, ``underline``: every run of the located paragraph and its mark;
- ``case``: upper-case the located paragraph's text, run by run (runs keep their formatting);
- ``color``: automatic (black) text on the located paragraph's runs;
- ``alignment`` and first-line ``indent`` of the located paragraph;
- ``text`` of ``dia_danh_thoi_gian`` (the date as the decree writes it, a comma after the place
  name) and ``text`` and the "Số" ``case`` of ``so_ky_hieu`` ("Số: 05/QĐ-SNV"): the string
  rewrites of ``review.fix_texts``, applied inside the runs so their formatting stays;
- ``text`` of ``quoc_hieu`` / ``tieu_ngu``: the decree's phrase, when the paragraph has its letters
  and only case, spacing, dashes or tone marks differ; ``text`` of ``so_trang``: Arabic page numbers
  or numbering from 1 on the first section; any ``text`` whose ``expected`` asks for NFC: the
  paragraph's text normalised to NFC;
- other ``text`` findings, and ``case`` findings whose ``expected`` differs from ``actual`` only in
  case: the quoted ``actual`` is replaced by ``expected`` when it occurs exactly once, as a whole
  word, in the located paragraph ("K.T." → "KT.", "bộ nội vụ" → "Bộ Nội vụ"); an ``expected``
  with a placeholder ("V/v …") is a description, not a replacement, and is left to a person.

A safe finding the fixer cannot apply (unknown wording, no location, nothing to change) is reported
as skipped with the reason, never guessed at. The copy is written with python-docx, only for files
that already passed the safe reader.
"""
from __future__ import annotations

import io
import math
import unicodedata
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO

from docx.document import Document
from docx.enum.section import WD_ORIENT
from docx.shared import Twips
from lxml import etree

from review import docx_edit as edit
from review import fix_texts as texts
from review import fix_values as values
from review.docx_stories import Stories, open_document, story_paragraphs
from review.docx_walk import w
from review.report import Finding
from review.vocabulary import QUOC_HIEU, TIEU_NGU

A4_TWIPS = (11906, 16838)
TWIPS_PER_MM = 1440 / 25.4


@dataclass(frozen=True)
class FixOutcome:
    """What happened to one safe finding: applied, or skipped and why (in Vietnamese)."""
    finding: Finding
    applied: bool
    note: str


@dataclass
class FixResult:
    outcomes: list[FixOutcome] = field(default_factory=list)

    @property
    def applied(self) -> list[Finding]:
        return [o.finding for o in self.outcomes if o.applied]

    @property
    def skipped(self) -> list[FixOutcome]:
        return [o for o in self.outcomes if not o.applied]


class _Skip(Exception):
    """A safe finding that cannot be applied; the message says why."""


@dataclass
class _Context:
    document: Document
    stories: Stories
    document_fonts: set[str] = field(default_factory=set)

    def target(self, finding: Finding) -> etree._Element:
        if finding.location is None:
            raise _Skip("không có vị trí đoạn văn để sửa")
        paragraph = self.stories.resolve(finding.location)
        if paragraph is None:
            raise _Skip("vị trí đoạn văn không có trong tệp")
        return paragraph

    def all_paragraphs(self) -> list[etree._Element]:
        return self.stories.body + self.stories.header + self.stories.footer


# -- page -------------------------------------------------------------------------------------------

def _fix_paper_size(ctx: _Context, finding: Finding) -> str:
    if not values.is_a4(finding.expected):
        raise _Skip(f"không đọc được khổ giấy yêu cầu: “{finding.expected}”")
    short, long = A4_TWIPS
    for section in ctx.document.sections:
        landscape = section.orientation == WD_ORIENT.LANDSCAPE
        section.page_width = Twips(long if landscape else short)
        section.page_height = Twips(short if landscape else long)
    return "đặt khổ A4 (210 × 297 mm)"


def _fix_orientation(ctx: _Context, finding: Finding) -> str:
    if not values.is_portrait(finding.expected):
        raise _Skip(f"chỉ tự sửa về trang dọc; yêu cầu: “{finding.expected}”")
    changed = 0
    for section in ctx.document.sections:
        width, height = section.page_width, section.page_height
        if section.orientation == WD_ORIENT.LANDSCAPE or (width and height and width > height):
            section.orientation = WD_ORIENT.PORTRAIT
            if width and height and width > height:
                section.page_width, section.page_height = height, width
            changed += 1
    if not changed:
        raise _Skip("không có trang nằm ngang để sửa")
    return "chuyển trang về chiều dọc"


_MARGIN_ATTRS = {"top": "top_margin", "bottom": "bottom_margin", "left": "left_margin", "right": "right_margin"}
_SIDE_NAMES = {"top": "trên", "bottom": "dưới", "left": "trái", "right": "phải"}


def _fix_margin(ctx: _Context, finding: Finding) -> str:
    ranges = values.margin_ranges(finding.expected, finding.message)
    if not ranges:
        raise _Skip(f"không xác định được lề và khoảng cho phép: “{finding.expected}”")
    gutter_side = "top" if _gutter_at_top(ctx.document) else "left"
    done = []
    for side, (lo_mm, hi_mm) in sorted(ranges.items()):
        lo, hi = math.ceil(lo_mm * TWIPS_PER_MM), math.floor(hi_mm * TWIPS_PER_MM)
        for section in ctx.document.sections:
            current = getattr(section, _MARGIN_ATTRS[side])
            twips = None if current is None else current.twips
            # Word adds the gutter to the inner margin; the rule measures the sum, so does the fix.
            gutter = section.gutter.twips if side == gutter_side and section.gutter else 0
            effective = None if twips is None else abs(twips) + gutter
            wanted = round(values.nearest(effective, (lo, hi)))
            if effective != wanted:
                if wanted - gutter < 0:
                    raise _Skip("khoảng lề đóng gáy (gutter) lớn hơn lề cho phép, cần người sửa")
                sign = -1 if twips is not None and twips < 0 else 1
                setattr(section, _MARGIN_ATTRS[side], Twips(sign * (wanted - gutter)))
        done.append(f"lề {_SIDE_NAMES[side]} {lo_mm:g}–{hi_mm:g} mm")
    return "đưa " + ", ".join(done) + " vào khoảng cho phép"


def _gutter_at_top(document: Document) -> bool:
    flag = document.settings.element.find(w("gutterAtTop"))
    return flag is not None and flag.get(w("val"), "true") not in ("0", "false", "off")


# -- characters -------------------------------------------------------------------------------------

def _fix_font(ctx: _Context, finding: Finding) -> str:
    """Times New Roman for the whole document (Mục I, khoản 4 asks it of all the text).

    The font rule reports each component once, at its first paragraph in another font, so fixing
    only that paragraph would leave the rest for another round; the fix therefore covers the
    located paragraph and every source of a font: the document defaults, the styles and every
    run that names a font. Text in a legacy Vietnamese encoding (.VnTime, VNI-Times) is never
    given Times New Roman (its letters would turn to garbage: it must be converted first), and
    symbol fonts (Symbol, Wingdings…) keep their glyphs.
    """
    if "unicode" in finding.expected.lower() or any(
            values.is_legacy_font(font) for font in finding.actual.split(",")):
        raise _Skip("văn bản dùng bộ mã cũ, cần chuyển mã sang Unicode trước; đổi phông lúc này sẽ làm hỏng chữ")
    name = values.font_name(finding.expected)
    if name is None:
        raise _Skip(f"chỉ tự sửa phông về Times New Roman; yêu cầu: “{finding.expected}”")
    if finding.location is not None:
        for rpr in edit.all_run_properties(ctx.target(finding)):
            if _replaceable(edit.direct_fonts(rpr), name) is not False:
                edit.set_fonts(rpr, name)
    if name not in ctx.document_fonts:
        _document_font(ctx, name)
        ctx.document_fonts.add(name)
    return f"đặt phông {name} cho toàn văn bản"


def _replaceable(fonts: set[str], name: str) -> bool | None:
    """True when ``fonts`` name another font that may become ``name``; None when none is named;
    False for legacy-encoding and symbol fonts, which must stay."""
    others = fonts - {name}
    if not others:
        return None
    return not any(values.is_legacy_font(f) or values.is_symbol_font(f) for f in others)


def _document_font(ctx: _Context, name: str) -> None:
    """``name`` as the document default, in every style that names a font, on every run naming one."""
    styles = ctx.document.styles.element
    defaults = styles.find(w("docDefaults"))
    if defaults is None:
        defaults = styles.makeelement(w("docDefaults"), {})
        styles.insert(0, defaults)
    rpr_default = edit.first_child(defaults, "rPrDefault")
    default_rpr = edit.first_child(rpr_default, "rPr")
    if _replaceable(edit.direct_fonts(default_rpr), name) is not False:
        edit.set_fonts(default_rpr, name)
    for style in styles.iter(w("style")):
        rpr = style.find(w("rPr"))
        if _replaceable(edit.direct_fonts(rpr), name):
            edit.set_fonts(rpr, name)
    for paragraph in ctx.all_paragraphs():
        for rpr in edit.existing_run_properties(paragraph):
            if _replaceable(edit.direct_fonts(rpr), name):
                edit.set_fonts(rpr, name)


def _fix_size(ctx: _Context, finding: Finding) -> str:
    bounds = values.number_range(finding.expected)
    if bounds is None:
        raise _Skip(f"không đọc được cỡ chữ yêu cầu: “{finding.expected}”")
    paragraph = ctx.target(finding)
    fallback = values.first_number(finding.actual)
    sizes = set()
    for rpr in edit.all_run_properties(paragraph):
        current = edit.direct_size(rpr)
        size = values.nearest(current if current is not None else fallback, bounds)
        half_points = round(size * 2)
        sizes.add(half_points / 2)
        edit.set_size(rpr, half_points)
    return "đặt cỡ chữ " + ", ".join(f"{s:g}" for s in sorted(sizes))


def _toggle_fixer(tag: str, on_word: str, label: str) -> Callable[[_Context, Finding], str]:
    def fix(ctx: _Context, finding: Finding) -> str:
        wanted = values.toggle(finding.expected, on_word)
        if wanted is None:
            raise _Skip(f"không đọc được yêu cầu: “{finding.expected}”")
        for rpr in edit.all_run_properties(ctx.target(finding)):
            if tag == "u":
                edit.set_underline(rpr, wanted)
            else:
                edit.set_on_off(rpr, tag, wanted)
        return f"{'bật' if wanted else 'bỏ'} {label}"
    return fix


def _fix_case(ctx: _Context, finding: Finding) -> str:
    if finding.component == "so_ky_hieu":
        return _fix_text(ctx, finding)
    if values.wants_upper(finding.expected):
        if not edit.transform_text(ctx.target(finding), str.upper):
            raise _Skip("đoạn văn đã là chữ in hoa")
        return "chuyển sang chữ in hoa"
    if values.wants_lower(finding.expected):
        return _fix_lower(ctx, finding)
    if finding.actual and finding.expected.casefold() == finding.actual.casefold():
        return _replace_quoted(ctx, finding)
    raise _Skip(f"không đọc được yêu cầu về chữ hoa, chữ thường: “{finding.expected}”")


def _fix_lower(ctx: _Context, finding: Finding) -> str:
    """"In thường" where the text shows in capitals: only where the right form is certain.

    Capitals that come from formatting (All caps, Small caps over lower-case text) are switched
    off. Text typed in capitals is rewritten only when its correct form is known: the decree's
    phrase for quốc hiệu and tiêu ngữ, capital initials for a signer's name, "Phụ lục" for an
    appendix heading. Anything else (a trích yếu in capitals holds proper names) is left to a person.
    """
    paragraph = ctx.target(finding)
    text = edit.paragraph_plain_text(paragraph)
    if any(ch.islower() for ch in text):
        for rpr in edit.all_run_properties(paragraph):
            edit.set_on_off(rpr, "caps", False)
            edit.set_on_off(rpr, "smallCaps", False)
        return "bỏ định dạng chữ hoa (All caps)"
    if finding.component in ("quoc_hieu", "tieu_ngu"):
        return _fix_phrase(ctx, finding, TIEU_NGU if finding.component == "tieu_ngu" else QUOC_HIEU)
    if finding.component == "ho_ten":
        edit.transform_text(paragraph, texts.title_case)
        return "viết hoa chữ cái đầu mỗi tiếng của họ tên"
    if finding.component == "phu_luc" and edit.edit_text(paragraph, texts.appendix_word_edits(text)):
        return "viết “Phụ lục” bằng chữ in thường"
    raise _Skip("chuyển sang chữ in thường cần biết tên riêng trong câu, cần người sửa")


def _fix_color(ctx: _Context, finding: Finding) -> str:
    if not values.is_black(finding.expected):
        raise _Skip(f"chỉ tự sửa màu chữ về màu đen; yêu cầu: “{finding.expected}”")
    for rpr in edit.all_run_properties(ctx.target(finding)):
        edit.set_color_auto(rpr)
    return "đặt màu chữ đen (tự động)"


# -- paragraphs -------------------------------------------------------------------------------------

def _fix_alignment(ctx: _Context, finding: Finding) -> str:
    value = values.alignment(finding.expected)
    if value is None:
        raise _Skip(f"không đọc được cách căn lề yêu cầu: “{finding.expected}”")
    edit.set_alignment(ctx.target(finding), value)
    return f"căn lề {finding.expected}"


def _fix_indent(ctx: _Context, finding: Finding) -> str:
    allowed = values.indent_values_twips(finding.expected)
    if not allowed:
        raise _Skip(f"không đọc được thụt lề yêu cầu: “{finding.expected}”")
    paragraph = ctx.target(finding)
    ind = paragraph.find(f"{w('pPr')}/{w('ind')}")
    current = None
    if ind is not None and ind.get(w("firstLine")):
        current = int(ind.get(w("firstLine")))
    wanted = min(allowed, key=lambda v: abs(v - current)) if current is not None else allowed[0]
    edit.set_first_line_indent(paragraph, wanted)
    return f"thụt dòng đầu {wanted / (1440 / 2.54):.2f} cm".replace(".", ",")


# -- text -------------------------------------------------------------------------------------------

def _fix_phrase(ctx: _Context, finding: Finding, phrase: str | None = None) -> str:
    """Quốc hiệu or tiêu ngữ: the fixed phrase, when only case, spacing, dashes or marks differ."""
    expected = phrase or unicodedata.normalize("NFC", finding.expected.strip())
    if expected not in (QUOC_HIEU, TIEU_NGU):
        raise _Skip(f"không phải câu chữ cố định của Quốc hiệu, Tiêu ngữ: “{finding.expected}”")
    paragraph = ctx.target(finding)
    before = edit.paragraph_plain_text(paragraph)
    if not texts.same_letters(before, expected):
        raise _Skip("nội dung khác nhiều so với câu chữ quy định, cần người sửa")
    if not edit.replace_text(paragraph, expected):
        raise _Skip("không tìm thấy nội dung cần sửa")
    return f"“{before.strip()}” → “{expected}”"


def _fix_page_numbering(ctx: _Context, finding: Finding) -> str:
    """Arabic page numbers (``fmt="decimal"``) or numbering from 1, on the first section."""
    sect_pr = ctx.document.sections[0]._sectPr
    expected = finding.expected.lower()
    if "1, 2, 3" in expected or "ả rập" in expected:
        edit.set_page_numbering(sect_pr, fmt="decimal")
        return "đánh số trang bằng chữ số Ả Rập"
    if "từ 1" in expected:
        edit.set_page_numbering(sect_pr, start="1")
        return "đánh số trang từ 1"
    raise _Skip(f"không đọc được yêu cầu đánh số trang: “{finding.expected}”")


def _fix_nfc(ctx: _Context, finding: Finding) -> str:
    if not edit.transform_text(ctx.target(finding), lambda text: unicodedata.normalize("NFC", text)):
        raise _Skip("đoạn văn đã ở dạng dựng sẵn (NFC)")
    return "chuẩn hóa Unicode dựng sẵn (NFC)"


def _replace_quoted(ctx: _Context, finding: Finding) -> str:
    """Write ``expected`` where the paragraph has ``actual``, when ``actual`` is there exactly once.

    Rules quote the offending words and their correct form ("K.T." → "KT.", "nơi nhận" →
    "Nơi nhận:", "bộ nội vụ" → "Bộ Nội vụ"); a placeholder ("…") means the correct form depends on
    the document, and several occurrences mean the fixer cannot know which one is meant.
    """
    actual, expected = finding.actual.strip(), finding.expected.strip()
    if not actual or not expected or "…" in expected or "..." in expected:
        raise _Skip("cách sửa phụ thuộc nội dung văn bản, cần người sửa")
    paragraph = ctx.target(finding)
    before = edit.paragraph_plain_text(paragraph)
    found = texts.occurrences(before, actual)
    if len(found) != 1:
        reason = "không tìm thấy" if not found else "có nhiều chỗ"
        raise _Skip(f"{reason} “{actual}” trong đoạn văn, cần người sửa")
    edit.edit_text(paragraph, [(found[0], found[0] + len(actual), expected)])
    return f"“{actual}” → “{expected}”"


def _planner(finding: Finding) -> Callable[[str], list[texts.Edit]] | None:
    """The string rewrite for a text finding, chosen by its component and its expected form."""
    expected = finding.expected.strip()
    if finding.component == "dia_danh_thoi_gian":
        return lambda text: texts.date_edits(text) or texts.numeric_date_edits(text)
    if finding.component == "so_ky_hieu":
        return texts.number_edits
    if finding.component == "trich_yeu" and expected.startswith(("V/v", "Về việc")):
        wanted = "V/v" if expected.startswith("V/v") else "Về việc"
        return lambda text: texts.vv_edits(text, wanted)
    if texts.is_heading_example(expected):
        return lambda text: texts.heading_edits(text, expected)
    return None


def _fix_text(ctx: _Context, finding: Finding) -> str:
    if "nfc" in finding.expected.lower():
        return _fix_nfc(ctx, finding)
    if finding.component in ("quoc_hieu", "tieu_ngu"):
        return _fix_phrase(ctx, finding)
    if finding.component == "so_trang":
        return _fix_page_numbering(ctx, finding)
    planner = _planner(finding)
    if planner is None:
        return _replace_quoted(ctx, finding)
    paragraph = ctx.target(finding)
    before = edit.paragraph_plain_text(paragraph)
    if not edit.edit_text(paragraph, planner(before)):
        if finding.component in ("dia_danh_thoi_gian", "so_ky_hieu", "trich_yeu"):
            raise _Skip("không tìm thấy nội dung cần sửa")
        return _replace_quoted(ctx, finding)
    return f"“{before.strip()}” → “{edit.paragraph_plain_text(paragraph).strip()}”"


_FIXERS: dict[str, Callable[[_Context, Finding], str]] = {
    "paper_size": _fix_paper_size,
    "orientation": _fix_orientation,
    "margin": _fix_margin,
    "font": _fix_font,
    "size": _fix_size,
    "bold": _toggle_fixer("b", "đậm", "chữ đậm"),
    "italic": _toggle_fixer("i", "nghiêng", "chữ nghiêng"),
    "underline": _toggle_fixer("u", "gạch chân", "gạch chân"),
    "case": _fix_case,
    "color": _fix_color,
    "alignment": _fix_alignment,
    "indent": _fix_indent,
    "text": _fix_text,
}


def apply_safe_fixes(document: Document, findings: Iterable[Finding]) -> FixResult:
    """Apply the safe fixes of ``findings`` to an open document, in place."""
    ctx = _Context(document, story_paragraphs(document))
    result = FixResult()
    for finding in findings:
        if finding.fix is None or not finding.fix.safe:
            continue
        fixer = _FIXERS.get(finding.property)
        try:
            if fixer is None:
                raise _Skip("chưa hỗ trợ tự sửa thuộc tính này")
            result.outcomes.append(FixOutcome(finding, True, fixer(ctx, finding)))
        except _Skip as skip:
            result.outcomes.append(FixOutcome(finding, False, str(skip)))
    return result


def fix_bytes(
    data: bytes,
    findings: Iterable[Finding],
    rereview: Callable[[bytes], list[Finding]] | None = None,
    max_passes: int = 3,
) -> tuple[bytes, FixResult]:
    """The fixed copy of a .docx (bytes), optionally fixed again until the review settles.

    Some rules report a problem once per component (the first paragraph in Arial stands for all
    of them), so fixing what was reported can bring the next instance to light. With ``rereview``
    (bytes → findings) the copy is reviewed again and the newly reported safe findings are fixed,
    for at most ``max_passes`` passes. The result holds every fix applied and what the last pass
    had to skip.
    """
    applied: list[FixOutcome] = []
    skipped: list[FixOutcome] = []
    for _ in range(max_passes):
        document = open_document(io.BytesIO(data))
        step = apply_safe_fixes(document, findings)
        skipped = step.skipped
        if not step.applied:
            break
        applied.extend(o for o in step.outcomes if o.applied)
        buffer = io.BytesIO()
        document.save(buffer)
        data = buffer.getvalue()
        if rereview is None:
            break
        findings = rereview(data)
    return data, FixResult(applied + skipped)


def fix_docx(
    source: str | Path | IO[bytes],
    findings: Iterable[Finding],
    destination: str | Path | IO[bytes],
) -> FixResult:
    """Write a copy of ``source`` with the safe fixes applied to ``destination``."""
    document = open_document(source)
    result = apply_safe_fixes(document, findings)
    document.save(str(destination) if isinstance(destination, Path) else destination)
    return result
