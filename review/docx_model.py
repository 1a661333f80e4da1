"""Turn a safely read .docx package into the neutral model (``review.model.Document``).

Each XML part is parsed once by the reader; this module walks the main story, the header and the
footer parts exactly in the order of ``review.docx_walk`` (so a finding's paragraph number points
at the same paragraph in the HTML view, the Word comments and the fixed copy), resolves every
run's effective formatting through ``StyleSheet`` and records where each paragraph sits (body or
table, row, cell), which section it belongs to, its fields and its line drawings.
"""
from __future__ import annotations

import unicodedata

from .model import Container, Document, HeaderFooter, Indent, Paragraph, Run, Section, Spacing
from .numbering import Numbering
from .ooxml import (A_NS, REL_FOOTER, REL_HEADER, REL_NUMBERING, REL_SETTINGS, REL_STYLES,
                    REL_THEME, V_NS, WPS_NS, attr, int_attr, local, on_off, r, w)
from .styles import ParaProps, ResolvedRun, StyleSheet, Theme, parse_ppr, parse_rpr

_WRAPPERS = {w("sdt"), w("customXml")}
_SKIP_INLINE = {w("del"), w("moveFrom"), w("pPr"), w("rPr"), w("proofErr"), w("bookmarkStart"),
                w("bookmarkEnd"), w("commentRangeStart"), w("commentRangeEnd")}
_LINE_SHAPES = {"line", "straightConnector1"}


def _kind(rel_type: str) -> str:
    """The last segment of a relationship type, so transitional and strict URIs both match."""
    return rel_type.rstrip("/").rpartition("/")[2]


def _part_by_type(rels: dict, rel_type: str) -> str | None:
    wanted = _kind(rel_type)
    for rel_type_found, target in rels.values():
        if _kind(rel_type_found) == wanted:
            return target
    return None


def _story_children(element):
    """Children of a story with content controls and custom-XML wrappers looked through."""
    for child in element:
        if child.tag in _WRAPPERS:
            content = child.find(w("sdtContent")) if child.tag == w("sdt") else child
            if content is not None:
                yield from _story_children(content)
        else:
            yield child


class _Walker:
    """Walks one story (body, header or footer part) and builds its paragraphs."""

    def __init__(self, sheet: StyleSheet, numbering: Numbering, part: str, start_index: int = 0):
        self.sheet = sheet
        self.numbering = numbering
        self.part = part
        self.index = start_index
        self.paragraphs: list[Paragraph] = []
        self.section = 0
        self.section_tables: set[int] = set()
        self.sect_prs: list = []
        self.table_count = 0
        self.page_breaks = 0
        self.tracked = False
        self._field_instr: list[str] | None = None
        self._field_stack: list[list[str]] = []

    # -- blocks ---------------------------------------------------------------------------------
    def walk(self, story, container: Container = Container(), table_style: str | None = None) -> None:
        for child in _story_children(story):
            if child.tag == w("p"):
                self._paragraph(child, container, table_style)
            elif child.tag == w("tbl"):
                self._table(child, container)
            elif child.tag == w("sectPr"):
                self.sect_prs.append(child)

    def _table(self, tbl, outer: Container) -> None:
        self.section_tables.add(self.section)
        if outer.in_table:
            table_index, depth = outer.table, outer.depth + 1
        else:
            table_index, depth = self.table_count, 1
            self.table_count += 1
        style = tbl.find(f"{w('tblPr')}/{w('tblStyle')}")
        table_style = attr(style, "val") or self.sheet.default_table_style
        row_index = 0
        for row in _story_children(tbl):
            if row.tag != w("tr"):
                continue
            cell_index = 0
            for cell in _story_children(row):
                if cell.tag != w("tc"):
                    continue
                if depth == 1:
                    container = Container("table", table_index, row_index, cell_index, 1)
                else:
                    container = Container("table", table_index, outer.row, outer.cell, depth)
                self.walk(cell, container, table_style)
                cell_index += 1
            row_index += 1

    # -- paragraphs -----------------------------------------------------------------------------
    def _paragraph(self, p, container: Container, table_style: str | None) -> None:
        ppr_el = p.find(w("pPr"))
        direct = parse_ppr(ppr_el)
        num = self.sheet.style_numbering(direct)
        level = self.numbering.level(num) if num else None
        label = self.numbering.next_label(num) if num else ""
        props = self.sheet.paragraph(direct, table_style, level.ppr if level else None)
        style_id = self.sheet.para_style_id(direct)
        mark_rpr = parse_rpr(ppr_el.find(w("rPr")) if ppr_el is not None else None)
        mark = self._run("", self.sheet.run(mark_rpr, style_id, table_style))
        state = {"runs": [], "fields": [], "line": False, "not_nfc": False}
        self._inline(p, style_id, table_style, state)
        runs = _merge(state["runs"])
        text = "".join(run.text for run in runs)
        if props.page_break_before:
            self.page_breaks += 1
        paragraph = Paragraph(
            index=self.index, part=self.part, text=text, runs=runs,
            alignment=_alignment(props.jc), indent=_indent(props), spacing=_spacing(props),
            container=container, style=self.sheet.style_name(style_id), section=self.section,
            label=label, fields=tuple(state["fields"]), border_bottom=bool(props.border_bottom),
            has_drawing_line=state["line"], page_break_before=bool(props.page_break_before),
            mark=mark, not_nfc=state["not_nfc"],
        )
        self.paragraphs.append(paragraph)
        self.index += 1
        if ppr_el is not None and ppr_el.find(w("sectPr")) is not None:
            self.sect_prs.append(ppr_el.find(w("sectPr")))
            self.section += 1

    def _inline(self, element, style_id, table_style, state) -> None:
        for child in element:
            tag = child.tag
            if tag in _SKIP_INLINE or not isinstance(tag, str):
                if tag in (w("del"), w("moveFrom")):
                    self.tracked = True
                continue
            if tag == w("r"):
                self._run_element(child, style_id, table_style, state)
            elif tag == w("fldSimple"):
                state["fields"].append(attr(child, "instr") or "")
                self._inline(child, style_id, table_style, state)
            elif tag == w("sdt"):
                content = child.find(w("sdtContent"))
                if content is not None:
                    self._inline(content, style_id, table_style, state)
            else:
                if tag in (w("ins"), w("moveTo")):
                    self.tracked = True
                self._inline(child, style_id, table_style, state)

    def _run_element(self, run_el, style_id, table_style, state) -> None:
        resolved = self.sheet.run(parse_rpr(run_el.find(w("rPr"))), style_id, table_style)
        pieces: list[str] = []
        for node in run_el:
            name = local(node.tag)
            if name == "t":
                pieces.append(node.text or "")
            elif name == "tab":
                pieces.append("\t")
            elif name in ("br", "cr"):
                if attr(node, "type") == "page":
                    self.page_breaks += 1
                pieces.append("\n")
            elif name == "noBreakHyphen":
                pieces.append("-")
            elif name == "lastRenderedPageBreak":
                self.page_breaks += 1
            elif name == "fldChar":
                self._field_char(attr(node, "fldCharType"), state)
            elif name == "instrText":
                if self._field_instr is not None:
                    self._field_instr.append(node.text or "")
            elif name in ("drawing", "pict", "AlternateContent", "object"):
                if _has_line_shape(node):
                    state["line"] = True
        text = "".join(pieces)
        if text:
            nfc = unicodedata.normalize("NFC", text)
            if nfc != text:
                state["not_nfc"] = True
            state["runs"].append(self._run(nfc, resolved))

    def _field_char(self, kind: str | None, state) -> None:
        if kind == "begin":
            if self._field_instr is not None:
                self._field_stack.append(self._field_instr)
            self._field_instr = []
        elif kind == "separate":
            if self._field_instr is not None:
                state["fields"].append("".join(self._field_instr).strip())
            self._field_instr = self._field_stack.pop() if self._field_stack else None
        elif kind == "end" and self._field_instr is not None:
            state["fields"].append("".join(self._field_instr).strip())
            self._field_instr = self._field_stack.pop() if self._field_stack else None

    @staticmethod
    def _run(text: str, resolved: ResolvedRun) -> Run:
        fonts = resolved.fonts
        return Run(
            text=text, font=fonts.get("hAnsi") or fonts.get("ascii"), font_ascii=fonts.get("ascii"),
            font_east_asia=fonts.get("eastAsia"), font_cs=fonts.get("cs"), size_pt=resolved.size,
            bold=resolved.bold, italic=resolved.italic, underline=resolved.underline,
            caps=resolved.caps, small_caps=resolved.small_caps, color=resolved.color,
            hidden=resolved.hidden,
        )


def _merge(runs: list[Run]) -> list[Run]:
    """Join neighbouring runs of identical formatting (Word splits runs for spell-checking)."""
    merged: list[Run] = []
    for run in runs:
        if merged and _same_format(merged[-1], run):
            prev = merged[-1]
            merged[-1] = Run(prev.text + run.text, *_format_tuple(prev))
        else:
            merged.append(run)
    return merged


def _format_tuple(run: Run) -> tuple:
    return (run.font, run.font_ascii, run.font_east_asia, run.font_cs, run.size_pt, run.bold,
            run.italic, run.underline, run.caps, run.small_caps, run.color, run.highlight, run.hidden)


def _same_format(a: Run, b: Run) -> bool:
    return _format_tuple(a) == _format_tuple(b)


def _has_line_shape(node) -> bool:
    for el in node.iter(f"{{{A_NS}}}prstGeom"):
        if el.get("prst") in _LINE_SHAPES:
            return True
    for el in node.iter(f"{{{V_NS}}}line"):
        return True
    for el in node.iter(f"{{{V_NS}}}shape"):
        if el.get("type", "").endswith("_x0000_t32") or "connector" in (el.get("type") or ""):
            return True
    for el in node.iter(f"{{{WPS_NS}}}cNvCnPr"):
        return True
    return False


def _alignment(jc: str | None) -> str | None:
    mapping = {"start": "left", "end": "right", "both": "justify", "distribute": "justify",
               "left": "left", "right": "right", "center": "center"}
    if jc is None:
        return "left"
    return mapping.get(jc, jc)


def _indent(props: ParaProps) -> Indent:
    first = props.ind.get("firstLine")
    if "hanging" in props.ind:
        first = -props.ind["hanging"]
    return Indent(props.ind.get("left", 0), props.ind.get("right", 0), first if first is not None else 0)


def _spacing(props: ParaProps) -> Spacing:
    sp = props.spacing
    return Spacing(sp.get("before", 0), sp.get("after", 0), sp.get("line", 240),
                   sp.get("lineRule", "auto"), bool(props.contextual))


def _section(index: int, sect, rels: dict, previous: Section | None, has_table: bool) -> Section:
    size = sect.find(w("pgSz")) if sect is not None else None
    margin = sect.find(w("pgMar")) if sect is not None else None
    numbering = sect.find(w("pgNumType")) if sect is not None else None
    headers = dict(previous.headers) if previous else {}
    footers = dict(previous.footers) if previous else {}
    if sect is not None:
        for tag, target in (("headerReference", headers), ("footerReference", footers)):
            for ref in sect.findall(w(tag)):
                rel = rels.get(ref.get(r("id")) or "")
                if rel:
                    target[attr(ref, "type") or "default"] = rel[1]
    width, height = int_attr(size, "w"), int_attr(size, "h")
    orient = attr(size, "orient")
    if orient is None and width and height:
        orient = "landscape" if width > height else "portrait"
    top, bottom = int_attr(margin, "top"), int_attr(margin, "bottom")
    return Section(
        index=index, page_width=width, page_height=height, orientation=orient,
        margin_top=abs(top) if top is not None else None,
        margin_bottom=abs(bottom) if bottom is not None else None,
        margin_left=int_attr(margin, "left"), margin_right=int_attr(margin, "right"),
        gutter=int_attr(margin, "gutter") or 0, headers=headers, footers=footers,
        title_pg=bool(on_off(sect.find(w("titlePg")))) if sect is not None else False,
        page_number_format=attr(numbering, "fmt"), page_number_start=int_attr(numbering, "start"),
        has_table=has_table,
    )


def _header_footer_order(sect_prs: list, kind: str) -> list[str]:
    """Relationship ids of header (footer) parts in section order, once each (as docx_walk)."""
    seen: list[str] = []
    for sect in sect_prs:
        for ref in sect.iter(w(f"{kind}Reference")):
            rel_id = ref.get(r("id"))
            if rel_id and rel_id not in seen:
                seen.append(rel_id)
    return seen


def build_document(package) -> Document:
    """Build the neutral model of a package returned by ``review.reader.read_docx``."""
    main = package.main_document_name
    root = package.xml(main)
    rels = package.rels(main)
    styles_name = _part_by_type(rels, REL_STYLES)
    theme_name = _part_by_type(rels, REL_THEME)
    numbering_name = _part_by_type(rels, REL_NUMBERING)
    settings_name = _part_by_type(rels, REL_SETTINGS)
    sheet = StyleSheet(package.xml(styles_name) if styles_name else None,
                       Theme(package.xml(theme_name) if theme_name else None))
    numbering = Numbering(package.xml(numbering_name) if numbering_name else None)
    body = root.find(w("body")) if root is not None else None
    walker = _Walker(sheet, numbering, "body")
    if body is not None:
        walker.walk(body)
    document = Document(paragraphs=walker.paragraphs, page_breaks=walker.page_breaks,
                        has_tracked_changes=walker.tracked)
    sect_prs = walker.sect_prs or [None]
    previous = None
    for index, sect in enumerate(sect_prs):
        previous = _section(index, sect, rels, previous, index in walker.section_tables)
        document.sections.append(previous)
    settings = package.xml(settings_name) if settings_name else None
    if settings is not None:
        document.mirror_margins = bool(on_off(settings.find(w("mirrorMargins"))))
        document.gutter_at_top = bool(on_off(settings.find(w("gutterAtTop"))))
        document.even_and_odd_headers = bool(on_off(settings.find(w("evenAndOddHeaders"))))
    real_sects = [s for s in walker.sect_prs if s is not None]
    for kind, rel_type, target in (("header", REL_HEADER, document.headers),
                                   ("footer", REL_FOOTER, document.footers)):
        offset = 0
        for rel_id in _header_footer_order(real_sects, kind):
            rel = rels.get(rel_id)
            if not rel or _kind(rel[0]) != _kind(rel_type):
                continue
            part_root = package.xml(rel[1])
            if part_root is None:
                continue
            part_walker = _Walker(sheet, Numbering(), kind, offset)
            part_walker.walk(part_root)
            offset = part_walker.index
            target[rel[1]] = HeaderFooter(rel[1], kind, tuple(part_walker.paragraphs))
    return document


def build_from_parts(main_root, styles_root=None, theme_root=None, numbering_root=None) -> Document:
    """Build a model from bare XML roots (no package): used for small in-memory checks."""
    sheet = StyleSheet(styles_root, Theme(theme_root))
    walker = _Walker(sheet, Numbering(numbering_root), "body")
    body = main_root.find(w("body")) if local(main_root.tag) == "document" else main_root
    walker.walk(body)
    document = Document(paragraphs=walker.paragraphs, page_breaks=walker.page_breaks,
                        has_tracked_changes=walker.tracked)
    previous = None
    for index, sect in enumerate(walker.sect_prs or [None]):
        previous = _section(index, sect, {}, previous, index in walker.section_tables)
        document.sections.append(previous)
    return document

