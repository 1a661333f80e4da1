"""The neutral document model the rules read.

Rules never see lxml or python-docx objects: the reader and the style resolver turn a .docx (or a
plain text) into these plain dataclasses once, with every run's *effective* formatting already
resolved. A value of ``None`` means "not known" (plain text has no formatting at all), and rules
skip a check whose input is unknown instead of guessing.

Lengths are kept in twips (1/20 pt), the unit of WordprocessingML, so nothing is rounded before a
rule compares it; ``mm``/``cm``/``pt`` helpers convert for messages.
"""
from __future__ import annotations

from dataclasses import dataclass, field

TWIPS_PER_MM = 1440 / 25.4
TWIPS_PER_CM = 1440 / 2.54


def twips_to_mm(value: float) -> float:
    return value / TWIPS_PER_MM


def twips_to_cm(value: float) -> float:
    return value / TWIPS_PER_CM


def mm_to_twips(value: float) -> int:
    return round(value * TWIPS_PER_MM)


@dataclass(frozen=True)
class Run:
    """A stretch of text with one effective formatting.

    ``font`` is the font of the ``hAnsi`` slot: Word draws Vietnamese letters outside ASCII (ă, ơ,
    ư, đ and the tone marks) with it, so it is the font a reader actually sees. The other slots are
    kept for rules that want to compare them.
    """
    text: str
    font: str | None = None
    font_ascii: str | None = None
    font_east_asia: str | None = None
    font_cs: str | None = None
    size_pt: float | None = None
    bold: bool | None = None
    italic: bool | None = None
    underline: bool | None = None
    caps: bool | None = None
    small_caps: bool | None = None
    color: str | None = None
    highlight: str | None = None
    hidden: bool = False


@dataclass(frozen=True)
class Indent:
    """Paragraph indentation in twips; ``first_line`` is negative for a hanging indent."""
    left: int | None = None
    right: int | None = None
    first_line: int | None = None


@dataclass(frozen=True)
class Spacing:
    """Space before/after in twips; ``line`` with ``line_rule`` 'auto' is in 240ths of a line,
    with 'exact' or 'atLeast' in twips."""
    before: int | None = None
    after: int | None = None
    line: int | None = None
    line_rule: str | None = None
    contextual: bool = False


@dataclass(frozen=True)
class Container:
    """Where a paragraph sits: the body flow, or a cell of a body table.

    ``table`` counts top-level tables of the part in reading order; nested tables share the index of
    their outermost table and set ``depth`` > 1.
    """
    kind: str = "body"
    table: int | None = None
    row: int | None = None
    cell: int | None = None
    depth: int = 0

    @property
    def in_table(self) -> bool:
        return self.kind == "table"


@dataclass(eq=False)
class Paragraph:
    """A paragraph in reading order with its effective formatting.

    ``index`` is the 0-based position among the part's paragraphs (body paragraphs and table-cell
    paragraphs, in reading order), the number reports show. ``mark`` is the formatting of the
    paragraph mark, used for empty paragraphs and field-only paragraphs. ``label`` is the text of
    an automatic list number ("1.", "a)") that Word draws before the text but that is not in it.
    """
    index: int
    part: str = "body"
    text: str = ""
    runs: list[Run] = field(default_factory=list)
    alignment: str | None = None
    indent: Indent = field(default_factory=Indent)
    spacing: Spacing = field(default_factory=Spacing)
    container: Container = field(default_factory=Container)
    style: str | None = None
    section: int = 0
    label: str = ""
    fields: tuple[str, ...] = ()
    border_bottom: bool = False
    has_drawing_line: bool = False
    page_break_before: bool = False
    mark: Run | None = None
    not_nfc: bool = False

    @property
    def shown_text(self) -> str:
        """The text as printed: runs with the caps property show upper case."""
        if not self.runs:
            return self.text
        return "".join(r.text.upper() if r.caps else r.text for r in self.runs)

    @property
    def stripped(self) -> str:
        return self.text.strip()

    @property
    def is_empty(self) -> bool:
        return not self.text.strip()

    def visible_runs(self) -> list[Run]:
        """Runs that carry visible characters (not only spaces)."""
        return [r for r in self.runs if r.text.strip() and not r.hidden]


@dataclass(frozen=True)
class HeaderFooter:
    """One header or footer part: its paragraphs and whether it holds a PAGE field."""
    part_name: str
    kind: str
    paragraphs: tuple[Paragraph, ...] = ()

    def page_field_paragraphs(self) -> list[Paragraph]:
        return [p for p in self.paragraphs if any(_is_page_field(f) for f in p.fields)]

    @property
    def has_page_field(self) -> bool:
        return bool(self.page_field_paragraphs())


def _is_page_field(instruction: str) -> bool:
    words = instruction.strip().split()
    return bool(words) and words[0].upper() == "PAGE"


@dataclass(frozen=True)
class Section:
    """A section of the document: page setup and which header/footer parts it shows.

    ``headers``/``footers`` map Word's reference types ('default', 'first', 'even') to part names,
    already inherited from the previous section where Word inherits them.
    """
    index: int
    page_width: int | None = None
    page_height: int | None = None
    orientation: str | None = None
    margin_top: int | None = None
    margin_bottom: int | None = None
    margin_left: int | None = None
    margin_right: int | None = None
    gutter: int = 0
    headers: dict[str, str] = field(default_factory=dict)
    footers: dict[str, str] = field(default_factory=dict)
    title_pg: bool = False
    page_number_format: str | None = None
    page_number_start: int | None = None
    has_table: bool = False

    @property
    def page_width_mm(self) -> float | None:
        return None if self.page_width is None else twips_to_mm(self.page_width)

    @property
    def page_height_mm(self) -> float | None:
        return None if self.page_height is None else twips_to_mm(self.page_height)


@dataclass
class Document:
    """A whole document. ``formatted`` is False for plain text, where only text rules apply."""
    sections: list[Section] = field(default_factory=list)
    paragraphs: list[Paragraph] = field(default_factory=list)
    headers: dict[str, HeaderFooter] = field(default_factory=dict)
    footers: dict[str, HeaderFooter] = field(default_factory=dict)
    mirror_margins: bool = False
    gutter_at_top: bool = False
    even_and_odd_headers: bool = False
    formatted: bool = True
    has_tracked_changes: bool = False
    page_breaks: int = 0

    def section_of(self, paragraph: Paragraph) -> Section | None:
        if 0 <= paragraph.section < len(self.sections):
            return self.sections[paragraph.section]
        return None

    def header_footer(self, part_name: str) -> HeaderFooter | None:
        return self.headers.get(part_name) or self.footers.get(part_name)
