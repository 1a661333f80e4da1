"""Effective formatting: the style hierarchy of WordprocessingML resolved once per document.

Word shows a run with the formatting of, in order: the document defaults, the table style, the
paragraph style (its ``basedOn`` chain), the character style (its chain) and the run's direct
formatting. Most properties simply override the previous level. Toggle properties (bold, italic,
caps, small caps, hidden) do not: in a style a true value *flips* what the levels before it gave,
while direct formatting sets the value outright (ECMA-376 §17.7.3). Inside one ``basedOn`` chain a
derived style overrides its parent, so each chain counts as one level.

Fonts live in four slots; a ``*Theme`` attribute names a font of ``word/theme/theme1.xml`` and wins
over the plain attribute of the same slot at the same level. The ``hAnsi`` slot is the one that
draws Vietnamese letters, so it is the font the model calls *the* font of a run.

Resolved style levels are cached, so a document with thousands of runs resolves each distinct
(table style, paragraph style, character style) triple once.
"""
from __future__ import annotations

from dataclasses import dataclass, field

from .ooxml import A_NS, attr, int_attr, local, on_off, w

TOGGLES = ("b", "i", "caps", "smallCaps", "vanish")
FONT_SLOTS = ("ascii", "hAnsi", "eastAsia", "cs")
_THEME_ATTR = {"ascii": "asciiTheme", "hAnsi": "hAnsiTheme", "eastAsia": "eastAsiaTheme",
               "cs": "cstheme"}
_THEME_COLOR_SLOT = {"text1": "dk1", "text2": "dk2", "background1": "lt1", "background2": "lt2",
                     "dark1": "dk1", "dark2": "dk2", "light1": "lt1", "light2": "lt2",
                     "hyperlink": "hlink", "followedHyperlink": "folHlink"}


@dataclass
class RunProps:
    """Run properties of one level; ``None`` means "this level says nothing"."""
    fonts: dict[str, tuple[str, str]] = field(default_factory=dict)
    size: float | None = None
    toggles: dict[str, bool] = field(default_factory=dict)
    underline: bool | None = None
    color: str | None = None
    theme_color: str | None = None
    highlight: str | None = None
    style: str | None = None

    def copy(self) -> RunProps:
        return RunProps(dict(self.fonts), self.size, dict(self.toggles), self.underline,
                        self.color, self.theme_color, self.highlight, self.style)

    def overlay(self, other: RunProps) -> RunProps:
        """Non-toggle override of ``self`` by ``other``; toggles: ``other`` wins where it speaks."""
        out = self.copy()
        out.fonts.update(other.fonts)
        if other.size is not None:
            out.size = other.size
        out.toggles.update(other.toggles)
        if other.underline is not None:
            out.underline = other.underline
        if other.color is not None or other.theme_color is not None:
            out.color, out.theme_color = other.color, other.theme_color
        if other.highlight is not None:
            out.highlight = other.highlight
        return out


@dataclass
class ParaProps:
    """Paragraph properties of one level."""
    jc: str | None = None
    ind: dict[str, int] = field(default_factory=dict)
    spacing: dict[str, object] = field(default_factory=dict)
    num: tuple[str, int] | None = None
    border_bottom: bool | None = None
    page_break_before: bool | None = None
    contextual: bool | None = None
    style: str | None = None

    def overlay(self, other: ParaProps) -> ParaProps:
        out = ParaProps(self.jc, dict(self.ind), dict(self.spacing), self.num, self.border_bottom,
                        self.page_break_before, self.contextual, self.style)
        if other.jc is not None:
            out.jc = other.jc
        if other.ind:
            if "hanging" in other.ind:
                out.ind.pop("firstLine", None)
            if "firstLine" in other.ind:
                out.ind.pop("hanging", None)
            out.ind.update(other.ind)
        out.spacing.update(other.spacing)
        for name in ("num", "border_bottom", "page_break_before", "contextual"):
            if getattr(other, name) is not None:
                setattr(out, name, getattr(other, name))
        return out


def parse_rpr(el) -> RunProps:
    """Read a ``w:rPr`` element (or None) into a RunProps level."""
    props = RunProps()
    if el is None:
        return props
    for child in el:
        name = local(child.tag)
        if name == "rFonts":
            for slot in FONT_SLOTS:
                theme = attr(child, _THEME_ATTR[slot])
                plain = attr(child, slot)
                if theme:
                    props.fonts[slot] = ("theme", theme)
                elif plain:
                    props.fonts[slot] = ("name", plain)
        elif name == "sz":
            val = int_attr(child, "val")
            if val is not None:
                props.size = val / 2
        elif name in TOGGLES:
            props.toggles[name] = bool(on_off(child))
        elif name == "u":
            val = attr(child, "val") or "single"
            props.underline = val != "none"
        elif name == "color":
            props.color = (attr(child, "val") or "auto").upper()
            props.theme_color = attr(child, "themeColor")
        elif name == "highlight":
            val = attr(child, "val")
            props.highlight = None if val in (None, "none") else val
        elif name == "rStyle":
            props.style = attr(child, "val")
    return props


def parse_ppr(el) -> ParaProps:
    """Read a ``w:pPr`` element (or None) into a ParaProps level."""
    props = ParaProps()
    if el is None:
        return props
    for child in el:
        name = local(child.tag)
        if name == "jc":
            props.jc = attr(child, "val")
        elif name == "ind":
            for key, names in (("left", ("left", "start")), ("right", ("right", "end")),
                               ("firstLine", ("firstLine",)), ("hanging", ("hanging",))):
                for n in names:
                    val = int_attr(child, n)
                    if val is not None:
                        props.ind[key] = val
                        break
        elif name == "spacing":
            for key in ("before", "after", "line"):
                val = int_attr(child, key)
                if val is not None:
                    props.spacing[key] = val
            rule = attr(child, "lineRule")
            if rule is not None:
                props.spacing["lineRule"] = rule
            if on_off_attr(child, "beforeAutospacing"):
                props.spacing["before"] = 280
            if on_off_attr(child, "afterAutospacing"):
                props.spacing["after"] = 280
        elif name == "numPr":
            num_id = ilvl = None
            for sub in child:
                if local(sub.tag) == "numId":
                    num_id = attr(sub, "val")
                elif local(sub.tag) == "ilvl":
                    ilvl = int_attr(sub, "val")
            if num_id is not None:
                props.num = (num_id, ilvl or 0)
        elif name == "pBdr":
            bottom = child.find(w("bottom"))
            if bottom is not None:
                props.border_bottom = (attr(bottom, "val") or "nil") not in ("nil", "none")
        elif name == "pageBreakBefore":
            props.page_break_before = on_off(child)
        elif name == "contextualSpacing":
            props.contextual = on_off(child)
        elif name == "pStyle":
            props.style = attr(child, "val")
    return props


def on_off_attr(el, name: str) -> bool:
    raw = attr(el, name)
    return raw is not None and raw.lower() in ("1", "true", "on")


@dataclass
class _Style:
    style_id: str
    kind: str
    based_on: str | None
    ppr: ParaProps
    rpr: RunProps


@dataclass(frozen=True)
class ResolvedRun:
    """Effective run properties after the whole hierarchy (values, not levels)."""
    fonts: dict
    size: float
    bold: bool
    italic: bool
    caps: bool
    small_caps: bool
    hidden: bool
    underline: bool
    color: str


class Theme:
    """Major/minor fonts and the colour scheme of ``word/theme/theme1.xml``."""

    def __init__(self, root=None):
        self.fonts: dict[str, str] = {}
        self.colors: dict[str, str] = {}
        if root is None:
            return
        for scheme, prefix in (("majorFont", "major"), ("minorFont", "minor")):
            node = root.find(f".//{{{A_NS}}}{scheme}")
            if node is None:
                continue
            for tag, slot in (("latin", "Latin"), ("ea", "EastAsia"), ("cs", "Bidi")):
                el = node.find(f"{{{A_NS}}}{tag}")
                face = el.get("typeface") if el is not None else None
                if face:
                    self.fonts[prefix + slot] = face
        scheme = root.find(f".//{{{A_NS}}}clrScheme")
        if scheme is not None:
            for slot in scheme:
                for colour in slot:
                    value = colour.get("val") if local(colour.tag) == "srgbClr" else colour.get("lastClr")
                    if value:
                        self.colors[local(slot.tag)] = value.upper()

    def font(self, theme_name: str) -> str | None:
        """A theme font reference such as 'minorHAnsi' → the typeface it stands for."""
        for prefix in ("major", "minor"):
            if theme_name.startswith(prefix):
                rest = theme_name[len(prefix):]
                key = prefix + ("EastAsia" if rest == "EastAsia" else "Bidi" if rest == "Bidi" else "Latin")
                return self.fonts.get(key) or self.fonts.get(prefix + "Latin")
        return None

    def color(self, theme_color: str) -> str | None:
        slot = _THEME_COLOR_SLOT.get(theme_color, theme_color)
        return self.colors.get(slot)


class StyleSheet:
    """The styles part and theme of one document, with cached resolution."""

    def __init__(self, styles_root=None, theme: Theme | None = None):
        self.theme = theme or Theme()
        self._styles: dict[str, _Style] = {}
        self.default_para_style: str | None = None
        self.default_table_style: str | None = None
        self.names: dict[str, str] = {}
        self.doc_rpr = RunProps()
        self.doc_ppr = ParaProps()
        self._run_cache: dict[tuple, tuple[RunProps, dict[str, bool]]] = {}
        self._para_cache: dict[tuple, ParaProps] = {}
        self._chain_cache: dict[tuple[str, str], tuple[ParaProps, RunProps]] = {}
        if styles_root is not None:
            self._load(styles_root)

    def _load(self, root) -> None:
        defaults = root.find(w("docDefaults"))
        if defaults is not None:
            self.doc_rpr = parse_rpr(defaults.find(f"{w('rPrDefault')}/{w('rPr')}"))
            self.doc_ppr = parse_ppr(defaults.find(f"{w('pPrDefault')}/{w('pPr')}"))
        for el in root.findall(w("style")):
            style_id = attr(el, "styleId")
            if not style_id:
                continue
            kind = attr(el, "type") or "paragraph"
            based = el.find(w("basedOn"))
            name = el.find(w("name"))
            self.names[style_id] = attr(name, "val") or style_id
            self._styles[style_id] = _Style(style_id, kind, attr(based, "val"),
                                            parse_ppr(el.find(w("pPr"))), parse_rpr(el.find(w("rPr"))))
            if on_off_attr(el, "default"):
                if kind == "paragraph":
                    self.default_para_style = style_id
                elif kind == "table":
                    self.default_table_style = style_id

    def style_name(self, style_id: str | None) -> str | None:
        return None if style_id is None else self.names.get(style_id, style_id)

    def _chain(self, style_id: str | None, kind: str) -> tuple[ParaProps, RunProps]:
        """The merged properties of a style and its ``basedOn`` ancestors (derived wins)."""
        if not style_id:
            return ParaProps(), RunProps()
        key = (style_id, kind)
        if key in self._chain_cache:
            return self._chain_cache[key]
        chain: list[_Style] = []
        seen: set[str] = set()
        current = style_id
        while current and current not in seen:
            seen.add(current)
            style = self._styles.get(current)
            if style is None or style.kind != kind:
                break
            chain.append(style)
            current = style.based_on
        ppr, rpr = ParaProps(), RunProps()
        for style in reversed(chain):
            ppr = ppr.overlay(style.ppr)
            rpr = rpr.overlay(style.rpr)
        self._chain_cache[key] = (ppr, rpr)
        return ppr, rpr

    def para_style_id(self, direct: ParaProps) -> str | None:
        style_id = direct.style
        if style_id and self._styles.get(style_id, None) is not None:
            return style_id
        return self.default_para_style

    def paragraph(self, direct: ParaProps, table_style: str | None = None,
                  numbering: ParaProps | None = None) -> ParaProps:
        """Effective paragraph properties: defaults → table style → style → numbering → direct."""
        style_id = self.para_style_id(direct)
        key = (style_id, table_style)
        base = self._para_cache.get(key)
        if base is None:
            base = self.doc_ppr
            if table_style:
                base = base.overlay(self._chain(table_style, "table")[0])
            base = base.overlay(self._chain(style_id, "paragraph")[0])
            self._para_cache[key] = base
        result = base
        if numbering is not None:
            result = result.overlay(ParaProps(ind=numbering.ind))
        return result.overlay(direct)

    def style_numbering(self, direct: ParaProps) -> tuple[str, int] | None:
        """The list a paragraph gets from its style when it sets none itself."""
        if direct.num is not None:
            return direct.num
        return self._chain(self.para_style_id(direct), "paragraph")[0].num

    def _run_base(self, para_style: str | None, char_style: str | None,
                  table_style: str | None) -> tuple[RunProps, dict[str, bool]]:
        key = (para_style, char_style, table_style)
        cached = self._run_cache.get(key)
        if cached is not None:
            return cached
        props = self.doc_rpr.copy()
        toggles = {name: bool(self.doc_rpr.toggles.get(name, False)) for name in TOGGLES}
        levels = []
        if table_style:
            levels.append(self._chain(table_style, "table")[1])
        levels.append(self._chain(para_style, "paragraph")[1])
        if char_style:
            levels.append(self._chain(char_style, "character")[1])
        for level in levels:
            props = props.overlay(RunProps(level.fonts, level.size, {}, level.underline,
                                           level.color, level.theme_color, level.highlight))
            for name, value in level.toggles.items():
                if value:
                    toggles[name] = not toggles[name]
        self._run_cache[key] = (props, toggles)
        return props, toggles

    def run(self, direct: RunProps, para_style: str | None, table_style: str | None = None,
            extra: RunProps | None = None) -> ResolvedRun:
        """Effective run formatting of a run with direct properties ``direct``.

        ``extra`` is a level between the styles and the direct formatting (a list label's rPr).
        """
        props, toggles = self._run_base(para_style, direct.style, table_style)
        toggles = dict(toggles)
        if extra is not None:
            props = props.overlay(RunProps(extra.fonts, extra.size, {}, extra.underline,
                                           extra.color, extra.theme_color, extra.highlight))
            toggles.update(extra.toggles)
        props = props.overlay(RunProps(direct.fonts, direct.size, {}, direct.underline,
                                       direct.color, direct.theme_color, direct.highlight))
        toggles.update(direct.toggles)
        fonts = {}
        for slot in FONT_SLOTS:
            spec = props.fonts.get(slot)
            if spec is None:
                fonts[slot] = None
            elif spec[0] == "theme":
                fonts[slot] = self.theme.font(spec[1])
            else:
                fonts[slot] = spec[1]
        color = props.color or "AUTO"
        if props.theme_color:
            color = self.theme.color(props.theme_color) or color
        return ResolvedRun(
            fonts=fonts,
            size=props.size if props.size is not None else 10.0,
            bold=toggles["b"], italic=toggles["i"], caps=toggles["caps"],
            small_caps=toggles["smallCaps"], hidden=toggles["vanish"],
            underline=bool(props.underline), color=color,
        )
