"""Effective formatting from small WordprocessingML snippets: the style hierarchy, toggles, themes."""
from __future__ import annotations

from lxml import etree

from review.docx_model import build_from_parts

W = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
A = "http://schemas.openxmlformats.org/drawingml/2006/main"


def xml(text: str):
    return etree.fromstring(text.encode("utf-8"))


def styles(body: str, defaults: str = "") -> etree._Element:
    return xml(f'<w:styles xmlns:w="{W}"><w:docDefaults>{defaults}</w:docDefaults>{body}</w:styles>')


def document(body: str) -> etree._Element:
    return xml(f'<w:document xmlns:w="{W}"><w:body>{body}</w:body></w:document>')


THEME = xml(
    f'<a:theme xmlns:a="{A}"><a:themeElements><a:fontScheme name="x">'
    '<a:majorFont><a:latin typeface="Arial"/><a:ea typeface=""/><a:cs typeface=""/></a:majorFont>'
    '<a:minorFont><a:latin typeface="Times New Roman"/><a:ea typeface=""/><a:cs typeface=""/></a:minorFont>'
    '</a:fontScheme></a:themeElements></a:theme>'
)

DEFAULTS = ('<w:rPrDefault><w:rPr><w:rFonts w:ascii="Calibri" w:hAnsi="Calibri"/><w:sz w:val="22"/>'
            '</w:rPr></w:rPrDefault><w:pPrDefault><w:pPr><w:spacing w:after="160" w:line="259" '
            'w:lineRule="auto"/></w:pPr></w:pPrDefault>')

STYLES = styles(
    '<w:style w:type="paragraph" w:default="1" w:styleId="Normal"><w:name w:val="Normal"/>'
    '<w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Times New Roman"/><w:sz w:val="28"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title1"><w:name w:val="Title 1"/><w:basedOn w:val="Normal"/>'
    '<w:pPr><w:jc w:val="center"/></w:pPr><w:rPr><w:b/><w:sz w:val="26"/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="Title2"><w:name w:val="Title 2"/><w:basedOn w:val="Title1"/>'
    '<w:rPr><w:b/><w:i/></w:rPr></w:style>'
    '<w:style w:type="character" w:styleId="Strong"><w:name w:val="Strong"/><w:rPr><w:b/></w:rPr></w:style>'
    '<w:style w:type="paragraph" w:styleId="ThemeBody"><w:name w:val="Theme body"/>'
    '<w:rPr><w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:hAnsi="Arial"/></w:rPr></w:style>'
    '<w:style w:type="table" w:styleId="Grid"><w:name w:val="Grid"/><w:pPr><w:spacing w:after="0"/></w:pPr>'
    '<w:rPr><w:sz w:val="24"/></w:rPr></w:style>',
    DEFAULTS,
)


def para(ppr: str = "", runs: str = '<w:r><w:t>x</w:t></w:r>') -> str:
    return f"<w:p><w:pPr>{ppr}</w:pPr>{runs}</w:p>"


def build(body: str, styles_root=STYLES, theme=THEME):
    return build_from_parts(document(body), styles_root, theme)


def test_default_paragraph_style_overrides_doc_defaults():
    doc = build(para())
    run = doc.paragraphs[0].runs[0]
    assert run.font == "Times New Roman"
    assert run.size_pt == 14
    assert run.bold is False
    assert doc.paragraphs[0].spacing.after == 160
    assert doc.paragraphs[0].style == "Normal"


def test_based_on_chain_and_derived_style_wins():
    doc = build(para('<w:pStyle w:val="Title2"/>'))
    p = doc.paragraphs[0]
    assert p.alignment == "center"
    assert p.runs[0].size_pt == 13
    # Title2 restates b=1 that Title1 already had: inside one chain that is not a toggle.
    assert p.runs[0].bold is True
    assert p.runs[0].italic is True


def test_character_style_toggles_paragraph_style_bold_off():
    doc = build(para('<w:pStyle w:val="Title1"/>',
                     '<w:r><w:rPr><w:rStyle w:val="Strong"/></w:rPr><w:t>x</w:t></w:r>'))
    assert doc.paragraphs[0].runs[0].bold is False


def test_direct_formatting_is_absolute():
    doc = build(para('<w:pStyle w:val="Title1"/>',
                     '<w:r><w:rPr><w:rStyle w:val="Strong"/><w:b/></w:rPr><w:t>x</w:t></w:r>'
                     '<w:r><w:rPr><w:b w:val="0"/></w:rPr><w:t>y</w:t></w:r>'))
    runs = doc.paragraphs[0].runs
    assert [r.bold for r in runs] == [True, False]


def test_theme_fonts_win_over_plain_attribute_of_the_same_slot():
    doc = build(para('<w:pStyle w:val="ThemeBody"/>'))
    run = doc.paragraphs[0].runs[0]
    assert run.font == "Times New Roman"
    assert run.font_ascii == "Times New Roman"


def test_hansi_is_the_font_of_the_run():
    doc = build(para("", '<w:r><w:rPr><w:rFonts w:ascii="Times New Roman" w:hAnsi="Arial"/></w:rPr>'
                         '<w:t>Việt</w:t></w:r>'))
    run = doc.paragraphs[0].runs[0]
    assert run.font == "Arial" and run.font_ascii == "Times New Roman"


def test_table_style_applies_between_defaults_and_paragraph_style():
    body = ('<w:tbl><w:tblPr><w:tblStyle w:val="Grid"/></w:tblPr><w:tr><w:tc>'
            + para() + '</w:tc><w:tc>' + para('<w:pStyle w:val="Title1"/>') + '</w:tc></w:tr></w:tbl>')
    doc = build(body)
    first, second = doc.paragraphs
    assert first.container.kind == "table" and first.container.cell == 0
    assert second.container.cell == 1
    # Normal's size 14 overrides the table style's 12; the table style's spacing stays.
    assert first.runs[0].size_pt == 14
    assert first.spacing.after == 0


def test_caps_and_shown_text():
    doc = build(para("", '<w:r><w:rPr><w:caps/></w:rPr><w:t>cộng hòa</w:t></w:r>'))
    p = doc.paragraphs[0]
    assert p.text == "cộng hòa"
    assert p.shown_text == "CỘNG HÒA"


def test_decomposed_text_is_normalised_and_flagged():
    decomposed = "Vie\u0302\u0323t"
    doc = build(para("", f"<w:r><w:t>{decomposed}</w:t></w:r>"))
    assert doc.paragraphs[0].text == "Việt"
    assert doc.paragraphs[0].not_nfc


def test_indent_spacing_and_hanging():
    doc = build(para('<w:ind w:left="720" w:hanging="360"/><w:spacing w:before="120" w:line="360"/>'))
    p = doc.paragraphs[0]
    assert p.indent.left == 720 and p.indent.first_line == -360
    assert p.spacing.before == 120 and p.spacing.after == 160 and p.spacing.line == 360


def test_sections_page_setup_and_complex_fields():
    body = (
        '<w:p><w:r><w:fldChar w:fldCharType="begin"/></w:r><w:r><w:instrText> PAGE </w:instrText></w:r>'
        '<w:r><w:fldChar w:fldCharType="separate"/></w:r><w:r><w:t>2</w:t></w:r>'
        '<w:r><w:fldChar w:fldCharType="end"/></w:r></w:p>'
        '<w:sectPr><w:pgSz w:w="11906" w:h="16838"/><w:pgMar w:top="-1134" w:bottom="1134" '
        'w:left="1701" w:right="1134"/><w:titlePg/></w:sectPr>'
    )
    doc = build(body)
    assert doc.paragraphs[0].fields == ("PAGE",)
    assert doc.paragraphs[0].text == "2"
    section = doc.sections[0]
    assert round(section.page_width_mm) == 210 and section.orientation == "portrait"
    assert section.margin_top == 1134 and section.title_pg


def test_numbering_labels():
    numbering = xml(
        f'<w:numbering xmlns:w="{W}"><w:abstractNum w:abstractNumId="0">'
        '<w:lvl w:ilvl="0"><w:start w:val="1"/><w:numFmt w:val="decimal"/><w:lvlText w:val="%1."/></w:lvl>'
        '<w:lvl w:ilvl="1"><w:start w:val="1"/><w:numFmt w:val="lowerLetter"/><w:lvlText w:val="%2)"/></w:lvl>'
        '</w:abstractNum><w:num w:numId="1"><w:abstractNumId w:val="0"/></w:num></w:numbering>'
    )
    item = '<w:numPr><w:ilvl w:val="{}"/><w:numId w:val="1"/></w:numPr>'
    body = para(item.format(0)) + para(item.format(1)) + para(item.format(1)) + para(item.format(0)) + para(item.format(1))
    doc = build_from_parts(document(body), STYLES, THEME, numbering)
    assert [p.label for p in doc.paragraphs] == ["1.", "a)", "b)", "2.", "a)"]
