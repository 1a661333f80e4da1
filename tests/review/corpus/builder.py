"""Build .docx documents laid out as Vietnamese offices lay them out, from a small spec.

The header and the signature sit in borderless two-column tables (left: cơ quan, số ký hiệu,
"V/v"; right: quốc hiệu, tiêu ngữ, địa danh và thời gian / left: "Nơi nhận:"; right: chức vụ,
họ tên), rule lines are drawn shapes in their own paragraphs, and the page number is a PAGE
field centred in the header with a different first page. A spec names the document type and
overrides texts, formatting, page setup and layout choices, so a test can plant exactly one
violation into an otherwise clean document.

The OOXML is written directly (no template), so the corpus is deterministic and each formatting
path the reviewer resolves (direct formatting, paragraph styles, theme fonts, numbering) can be
chosen per document.
"""
from __future__ import annotations

import io
import zipfile
from dataclasses import dataclass, field
from xml.sax.saxutils import escape, quoteattr

W_NS = "http://schemas.openxmlformats.org/wordprocessingml/2006/main"
R_NS = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
V_NS = "urn:schemas-microsoft-com:vml"
O_NS = "urn:schemas-microsoft-com:office:office"
NS = f'xmlns:w="{W_NS}" xmlns:r="{R_NS}" xmlns:v="{V_NS}" xmlns:o="{O_NS}"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
MM = 1440 / 25.4

BODY = dict(size=14, align="justify", first_line=567, after=120, line=276)
FORMATS: dict[str, dict] = {
    "co_quan_chu_quan": dict(size=12, align="center"),
    "co_quan_ban_hanh": dict(size=12, bold=True, align="center"),
    "so_ky_hieu": dict(size=13, align="center"),
    "trich_yeu_cv": dict(size=12, align="center", before=120),
    "quoc_hieu": dict(size=12, bold=True, align="center"),
    "tieu_ngu": dict(size=13, bold=True, align="center"),
    "dia_danh_thoi_gian": dict(size=14, italic=True, align="center"),
    "ten_loai": dict(size=14, bold=True, align="center", before=240),
    "trich_yeu": dict(size=14, bold=True, align="center"),
    "authority": dict(size=14, bold=True, align="center", before=120, after=120),
    "can_cu": dict(BODY, italic=True),
    "decision_word": dict(size=14, bold=True, align="center", before=120, after=120),
    "dieu": dict(BODY, bold=True),
    "roman_heading": dict(BODY, bold=True),
    "khoan": dict(BODY),
    "diem": dict(BODY),
    "text": dict(BODY),
    "chuong": dict(size=14, bold=True, align="center", before=120),
    "chuong_title": dict(size=14, bold=True, align="center", after=120),
    "kinh_gui_label": dict(size=14, align="center", before=120, after=120),
    "kinh_gui_item": dict(size=14, align="left", left=2268),
    "noi_nhan_label": dict(size=12, bold=True, italic=True, align="left"),
    "noi_nhan_item": dict(size=11, align="left"),
    "chuc_vu": dict(size=14, bold=True, align="center"),
    "ho_ten": dict(size=14, bold=True, align="center"),
    "page_number": dict(size=14, align="center"),
    "appendix_heading": dict(size=14, bold=True, align="center"),
    "appendix_title": dict(size=14, bold=True, align="center"),
    "appendix_attribution": dict(size=14, italic=True, align="center"),
    "appendix_body": dict(BODY),
    "empty": dict(size=14),
}

COMMON = {
    "co_quan_chu_quan": "UBND TỈNH QUẢNG NINH",
    "co_quan_ban_hanh": "SỞ TÀI CHÍNH",
    "quoc_hieu": "CỘNG HÒA XÃ HỘI CHỦ NGHĨA VIỆT NAM",
    "tieu_ngu": "Độc lập - Tự do - Hạnh phúc",
    "dia_danh_thoi_gian": "Quảng Ninh, ngày 05 tháng 3 năm 2024",
    "chuc_vu": ["GIÁM ĐỐC"],
    "ho_ten": "Nguyễn Văn An",
    "noi_nhan_label": "Nơi nhận:",
}

TYPES: dict[str, dict] = {
    "quyet_dinh": {
        "so_ky_hieu": "Số: 12/QĐ-STC",
        "ten_loai": "QUYẾT ĐỊNH",
        "trich_yeu": ["Về việc ban hành Quy chế làm việc của Sở Tài chính"],
        "authority": "GIÁM ĐỐC SỞ TÀI CHÍNH TỈNH QUẢNG NINH",
        "can_cu": [
            "Căn cứ Luật Tổ chức chính quyền địa phương ngày 19 tháng 6 năm 2015;",
            "Căn cứ Quyết định số 25/2021/QĐ-UBND ngày 10 tháng 5 năm 2021 của Ủy ban nhân dân tỉnh "
            "Quảng Ninh quy định chức năng, nhiệm vụ, quyền hạn của Sở Tài chính;",
            "Theo đề nghị của Chánh Văn phòng Sở.",
        ],
        "decision_word": "QUYẾT ĐỊNH:",
        "body": [
            ("dieu", "Điều 1. Ban hành kèm theo Quyết định này Quy chế làm việc của Sở Tài chính."),
            ("dieu", "Điều 2. Hiệu lực thi hành"),
            ("khoan", "1. Quyết định này có hiệu lực kể từ ngày ký."),
            ("khoan", "2. Quyết định này thay thế các quy định trước đây trái với Quy chế ban hành "
                      "kèm theo Quyết định này."),
            ("dieu", "Điều 3. Trách nhiệm thi hành"),
            ("text", "Chánh Văn phòng Sở, Trưởng các phòng, đơn vị thuộc Sở và các cá nhân có liên quan "
                     "chịu trách nhiệm thi hành Quyết định này./."),
        ],
        "noi_nhan_items": ["- Như Điều 3;", "- UBND tỉnh (để b/c);", "- Lưu: VT, VP."],
    },
    "cong_van": {
        "so_ky_hieu": "Số: 125/STC-NS",
        "trich_yeu_cv": ["V/v hướng dẫn lập dự toán ngân sách năm 2025"],
        "kinh_gui_label": "Kính gửi:",
        "kinh_gui_items": ["- Ủy ban nhân dân các huyện, thị xã, thành phố;", "- Các sở, ban, ngành tỉnh."],
        "body": [
            ("text", "Thực hiện Chỉ thị số 10/CT-TTg ngày 15 tháng 6 năm 2024 của Thủ tướng Chính phủ về "
                     "xây dựng kế hoạch phát triển kinh tế - xã hội và dự toán ngân sách nhà nước năm 2025, "
                     "Sở Tài chính hướng dẫn như sau:"),
            ("khoan", "1. Các đơn vị lập dự toán đúng thời hạn, bảo đảm đầy đủ căn cứ pháp lý."),
            ("khoan", "2. Dự toán gửi về Sở Tài chính trước ngày 20 tháng 7 năm 2024."),
            ("text", "Trong quá trình thực hiện, nếu có vướng mắc, đề nghị các đơn vị phản ánh về Sở Tài "
                     "chính để được hướng dẫn./."),
        ],
        "chuc_vu": ["KT. GIÁM ĐỐC", "PHÓ GIÁM ĐỐC"],
        "ho_ten": "Trần Thị Bình",
        "noi_nhan_items": ["- Như trên;", "- Lưu: VT, NS."],
    },
    "ke_hoach": {
        "so_ky_hieu": "Số: 45/KH-STC",
        "ten_loai": "KẾ HOẠCH",
        "trich_yeu": ["Triển khai công tác chuyển đổi số năm 2024"],
        "body": [
            ("roman_heading", "I. MỤC ĐÍCH, YÊU CẦU"),
            ("khoan", "1. Mục đích"),
            ("text", "Nâng cao hiệu quả quản lý, điều hành trên môi trường số của Sở Tài chính."),
            ("khoan", "2. Yêu cầu"),
            ("text", "Bảo đảm tiến độ, chất lượng và an toàn thông tin trong quá trình triển khai."),
            ("roman_heading", "II. NỘI DUNG THỰC HIỆN"),
            ("khoan", "1. Hoàn thiện hạ tầng số và nền tảng dữ liệu dùng chung."),
            ("diem", "a) Nâng cấp hệ thống quản lý văn bản và điều hành;"),
            ("diem", "b) Số hóa hồ sơ lưu trữ của Sở."),
            ("roman_heading", "III. TỔ CHỨC THỰC HIỆN"),
            ("text", "Văn phòng Sở chủ trì, phối hợp với các phòng triển khai Kế hoạch này./."),
        ],
        "noi_nhan_items": ["- UBND tỉnh (để b/c);", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."],
    },
    "bao_cao": {
        "so_ky_hieu": "Số: 78/BC-STC",
        "ten_loai": "BÁO CÁO",
        "trich_yeu": ["Kết quả thực hiện nhiệm vụ 6 tháng đầu năm 2024"],
        "body": [
            ("roman_heading", "I. KẾT QUẢ ĐẠT ĐƯỢC"),
            ("text", "Trong 6 tháng đầu năm 2024, Sở Tài chính đã hoàn thành các nhiệm vụ được giao."),
            ("text", "Tổng thu ngân sách trên địa bàn đạt 52% dự toán năm."),
            ("roman_heading", "II. TỒN TẠI, HẠN CHẾ"),
            ("text", "Tiến độ giải ngân vốn đầu tư công còn chậm so với kế hoạch."),
            ("roman_heading", "III. NHIỆM VỤ 6 THÁNG CUỐI NĂM"),
            ("text", "Tập trung đôn đốc thu ngân sách và đẩy nhanh giải ngân vốn đầu tư công./."),
        ],
        "noi_nhan_items": ["- UBND tỉnh;", "- Lưu: VT, VP."],
    },
    "thong_bao": {
        "so_ky_hieu": "Số: 09/TB-STC",
        "ten_loai": "THÔNG BÁO",
        "trich_yeu": ["Kết luận của Giám đốc Sở tại cuộc họp giao ban tháng 3 năm 2024"],
        "body": [
            ("text", "Ngày 04 tháng 3 năm 2024, Giám đốc Sở Tài chính chủ trì cuộc họp giao ban tháng 3."),
            ("text", "Giám đốc Sở kết luận và giao nhiệm vụ như sau:"),
            ("khoan", "1. Các phòng hoàn thành báo cáo quý I trước ngày 25 tháng 3 năm 2024."),
            ("khoan", "2. Văn phòng Sở theo dõi, đôn đốc việc thực hiện."),
            ("text", "Văn phòng Sở thông báo để các phòng, đơn vị biết, thực hiện./."),
        ],
        "noi_nhan_items": ["- Ban Giám đốc Sở;", "- Các phòng thuộc Sở;", "- Lưu: VT, VP."],
    },
    "to_trinh": {
        "so_ky_hieu": "Số: 15/TTr-STC",
        "ten_loai": "TỜ TRÌNH",
        "trich_yeu": ["Về việc đề nghị phê duyệt dự toán kinh phí chuyển đổi số năm 2024"],
        "kinh_gui_label": "Kính gửi: Ủy ban nhân dân tỉnh Quảng Ninh",
        "body": [
            ("text", "Căn cứ Kế hoạch số 45/KH-STC ngày 05 tháng 3 năm 2024 của Sở Tài chính, Sở Tài chính "
                     "kính trình Ủy ban nhân dân tỉnh xem xét, phê duyệt dự toán như sau:"),
            ("khoan", "1. Tổng dự toán: 2.500.000.000 đồng."),
            ("khoan", "2. Nguồn kinh phí: ngân sách tỉnh năm 2024."),
            ("text", "Sở Tài chính kính trình Ủy ban nhân dân tỉnh xem xét, quyết định./."),
        ],
        "noi_nhan_items": ["- Như trên;", "- Lưu: VT, HCSN."],
    },
    "giay_moi": {
        "so_ky_hieu": "Số: 03/GM-STC",
        "ten_loai": "GIẤY MỜI",
        "trich_yeu": ["Họp triển khai công tác quyết toán năm 2023"],
        "body": [
            ("text", "Sở Tài chính trân trọng kính mời: Lãnh đạo các phòng thuộc Sở."),
            ("text", "Tới dự cuộc họp triển khai công tác quyết toán ngân sách năm 2023."),
            ("text", "Thời gian: 08 giờ 00, ngày 12 tháng 3 năm 2024."),
            ("text", "Địa điểm: Phòng họp tầng 3, Sở Tài chính./."),
        ],
        "noi_nhan_items": ["- Như trên;", "- Lưu: VT, VP."],
    },
    "chi_thi": {
        "so_ky_hieu": "Số: 02/CT-STC",
        "ten_loai": "CHỈ THỊ",
        "trich_yeu": ["Về tăng cường kỷ luật, kỷ cương hành chính"],
        "body": [
            ("text", "Thời gian qua, công tác chấp hành kỷ luật, kỷ cương hành chính tại Sở đã có chuyển "
                     "biến tích cực."),
            ("text", "Để khắc phục những tồn tại, Giám đốc Sở yêu cầu:"),
            ("khoan", "1. Trưởng các phòng quán triệt nội dung Chỉ thị này đến toàn thể công chức."),
            ("khoan", "2. Văn phòng Sở kiểm tra, tổng hợp và báo cáo kết quả thực hiện./."),
        ],
        "noi_nhan_items": ["- Các phòng thuộc Sở;", "- Lưu: VT, VP."],
    },
}


@dataclass
class Spec:
    """What to build: a document type plus overrides.

    ``texts`` and ``fmt`` are keyed like ``FORMATS`` (``fmt`` values override single formatting
    keys: size, bold, italic, underline, caps, font, color, align, first_line, left, before,
    after, line, line_rule); ``page`` overrides width_mm, height_mm, orientation, top, bottom,
    left, right (mm); ``page_number`` is 'header', 'none', 'footer' or 'every_page'; ``lines``
    lists the components drawn with a rule line below; ``header_rows`` is 1 or 2; ``styled``
    puts formatting in paragraph styles instead of direct formatting; ``theme_fonts`` names the
    fonts through the theme.
    """
    kind: str
    texts: dict = field(default_factory=dict)
    fmt: dict = field(default_factory=dict)
    page: dict = field(default_factory=dict)
    page_number: str = "header"
    lines: tuple = ("tieu_ngu", "co_quan_ban_hanh", "trich_yeu")
    header_rows: int = 1
    styled: bool = False
    theme_fonts: bool = False
    pages: int = 2
    appendix: bool = False
    font: str = "Times New Roman"


def _run_props(f: dict, theme_fonts: bool, default_font: str, with_font: bool = True) -> str:
    out = []
    font = f.get("font")
    if font:
        out.append(f'<w:rFonts w:ascii={quoteattr(font)} w:hAnsi={quoteattr(font)} w:cs={quoteattr(font)}/>')
    elif with_font and not theme_fonts:
        out.append(f'<w:rFonts w:ascii={quoteattr(default_font)} w:hAnsi={quoteattr(default_font)} '
                   f'w:cs={quoteattr(default_font)}/>')
    for key, tag in (("bold", "b"), ("italic", "i"), ("caps", "caps")):
        if key in f:
            out.append(f"<w:{tag}/>" if f[key] else f'<w:{tag} w:val="0"/>')
    if f.get("color"):
        out.append(f'<w:color w:val="{f["color"]}"/>')
    if "size" in f:
        out.append(f'<w:sz w:val="{int(round(f["size"] * 2))}"/><w:szCs w:val="{int(round(f["size"] * 2))}"/>')
    if f.get("underline"):
        out.append('<w:u w:val="single"/>')
    return "".join(out)


_JC = {"center": "center", "justify": "both", "left": "left", "right": "right"}


def _para_props(f: dict) -> str:
    out = []
    spacing = {k: f[k] for k in ("before", "after", "line") if k in f}
    if spacing or "line_rule" in f:
        attrs = " ".join(f'w:{k}="{v}"' for k, v in spacing.items())
        rule = f.get("line_rule", "auto") if "line" in spacing else None
        out.append(f"<w:spacing {attrs}{f' w:lineRule={quoteattr(rule)}' if rule else ''}/>")
    ind = {}
    if "left" in f:
        ind["left"] = f["left"]
    if "first_line" in f:
        ind["firstLine"] = f["first_line"]
    if ind:
        out.append("<w:ind " + " ".join(f'w:{k}="{v}"' for k, v in ind.items()) + "/>")
    if "align" in f:
        out.append(f'<w:jc w:val="{_JC[f["align"]]}"/>')
    return "".join(out)


class _Writer:
    def __init__(self, spec: Spec):
        self.spec = spec
        self.texts = dict(COMMON)
        self.texts.update(TYPES[spec.kind])
        self.texts.update(spec.texts)
        self.styles: dict[str, dict] = {}

    def fmt(self, key: str) -> dict:
        f = dict(FORMATS[key])
        f.update(self.spec.fmt.get(key, {}))
        return f

    def para(self, key: str, text: str, extra: str = "", line: bool = False) -> str:
        f = self.fmt(key)
        if self.spec.styled and key != "empty":
            style_id = "S" + key.replace("_", "")
            self.styles[style_id] = dict(FORMATS[key])
            direct = {k: v for k, v in self.spec.fmt.get(key, {}).items()}
            ppr = f'<w:pStyle w:val="{style_id}"/>' + _para_props(direct)
            rpr = _run_props(direct, True, self.spec.font, with_font=False)
        else:
            ppr = _para_props(f)
            rpr = _run_props(f, self.spec.theme_fonts, self.spec.font)
        runs = ""
        if text:
            runs = f'<w:r><w:rPr>{rpr}</w:rPr>{extra}<w:t xml:space="preserve">{escape(text)}</w:t></w:r>'
        if line:
            runs += ('<w:r><w:pict><v:line from="0,0" to="120pt,0" strokeweight=".5pt"/></w:pict></w:r>')
        return f"<w:p><w:pPr>{ppr}<w:rPr>{rpr}</w:rPr></w:pPr>{runs}</w:p>"

    def line_after(self, component: str) -> str:
        if component in self.spec.lines:
            return self.para("empty", "", line=True)
        return ""

    def lines_of(self, key: str) -> list[str]:
        value = self.texts.get(key)
        if value is None:
            return []
        return [value] if isinstance(value, str) else list(value)

    @staticmethod
    def cell(paragraphs: list[str], width: int) -> str:
        body = "".join(paragraphs) or "<w:p/>"
        return f'<w:tc><w:tcPr><w:tcW w:w="{width}" w:type="dxa"/></w:tcPr>{body}</w:tc>'

    @staticmethod
    def table(rows: list[list[str]]) -> str:
        borders = "".join(f'<w:{side} w:val="nil"/>' for side in
                          ("top", "left", "bottom", "right", "insideH", "insideV"))
        return (f'<w:tbl><w:tblPr><w:tblW w:w="0" w:type="auto"/><w:tblBorders>{borders}</w:tblBorders>'
                f'</w:tblPr><w:tblGrid><w:gridCol w:w="3600"/><w:gridCol w:w="5700"/></w:tblGrid>'
                + "".join(f"<w:tr>{''.join(cells)}</w:tr>" for cells in rows) + "</w:tbl>")

    def header_table(self) -> str:
        left_top = [self.para(k, t) for k in ("co_quan_chu_quan", "co_quan_ban_hanh") for t in self.lines_of(k)]
        left_top.append(self.line_after("co_quan_ban_hanh"))
        left_bottom = [self.para("so_ky_hieu", t) for t in self.lines_of("so_ky_hieu")]
        left_bottom += [self.para("trich_yeu_cv", t) for t in self.lines_of("trich_yeu_cv")]
        right_top = [self.para(k, t) for k in ("quoc_hieu", "tieu_ngu") for t in self.lines_of(k)]
        right_top.append(self.line_after("tieu_ngu"))
        right_bottom = [self.para("dia_danh_thoi_gian", t) for t in self.lines_of("dia_danh_thoi_gian")]
        if self.spec.header_rows == 2:
            rows = [[self.cell(left_top, 3600), self.cell(right_top, 5700)],
                    [self.cell(left_bottom, 3600), self.cell(right_bottom, 5700)]]
        else:
            rows = [[self.cell(left_top + left_bottom, 3600), self.cell(right_top + right_bottom, 5700)]]
        return self.table(rows)

    def signature_table(self) -> str:
        left = [self.para("noi_nhan_label", t) for t in self.lines_of("noi_nhan_label")]
        left += [self.para("noi_nhan_item", t) for t in self.lines_of("noi_nhan_items")]
        right = [self.para("chuc_vu", t) for t in self.lines_of("chuc_vu")]
        right += [self.para("empty", "") for _ in range(3)]
        right += [self.para("ho_ten", t) for t in self.lines_of("ho_ten")]
        return self.table([[self.cell(left, 3600), self.cell(right, 5700)]])

    def body(self) -> str:
        out = [self.header_table(), self.para("empty", "")]
        for key in ("ten_loai",):
            out += [self.para(key, t) for t in self.lines_of(key)]
        trich_yeu = self.lines_of("trich_yeu")
        out += [self.para("trich_yeu", t) for t in trich_yeu]
        if trich_yeu:
            out.append(self.line_after("trich_yeu"))
        label = self.lines_of("kinh_gui_label")
        out += [self.para("kinh_gui_label", t) for t in label]
        out += [self.para("kinh_gui_item", t) for t in self.lines_of("kinh_gui_items")]
        out += [self.para("authority", t) for t in self.lines_of("authority")]
        out += [self.para("can_cu", t) for t in self.lines_of("can_cu")]
        out += [self.para("decision_word", t) for t in self.lines_of("decision_word")]
        body = self.texts.get("body", [])
        for i, (role, text) in enumerate(body):
            extra = "<w:lastRenderedPageBreak/>" if self.spec.pages > 1 and i == len(body) // 2 else ""
            out.append(self.para(role, text, extra))
        out.append(self.para("empty", ""))
        out.append(self.signature_table())
        if self.spec.appendix:
            out.append('<w:p><w:r><w:br w:type="page"/></w:r></w:p>')
            out.append(self.para("appendix_heading", self.texts.get("appendix_heading", "Phụ lục")))
            out.append(self.para("appendix_title", "DANH MỤC NHIỆM VỤ CHUYỂN ĐỔI SỐ"))
            out.append(self.para("appendix_attribution",
                                 self.texts.get("appendix_attribution",
                                                "(Kèm theo Kế hoạch số 45/KH-STC ngày 05 tháng 3 năm 2024 "
                                                "của Sở Tài chính)")))
            out.append(self.para("appendix_body", "Nội dung chi tiết các nhiệm vụ."))
        return "".join(out)

    def sect_pr(self) -> str:
        page = {"width_mm": 210, "height_mm": 297, "top": 20, "bottom": 20, "left": 30, "right": 15}
        page.update(self.spec.page)
        width, height = round(page["width_mm"] * MM), round(page["height_mm"] * MM)
        orient = page.get("orientation", "portrait")
        if orient == "landscape":
            width, height = height, width
        refs, title = "", ""
        mode = self.spec.page_number
        if mode in ("header", "every_page"):
            refs += '<w:headerReference w:type="default" r:id="rIdHeader1"/>'
        if mode == "header":
            refs += '<w:headerReference w:type="first" r:id="rIdHeader2"/>'
            title = "<w:titlePg/>"
        if mode == "footer":
            refs += '<w:footerReference w:type="default" r:id="rIdFooter1"/>'
        margins = {k: round(page[k] * MM) for k in ("top", "bottom", "left", "right")}
        orient_attr = ' w:orient="landscape"' if orient == "landscape" else ""
        return (f'<w:sectPr>{refs}<w:pgSz w:w="{width}" w:h="{height}"{orient_attr}/>'
                f'<w:pgMar w:top="{margins["top"]}" w:right="{margins["right"]}" w:bottom="{margins["bottom"]}" '
                f'w:left="{margins["left"]}" w:header="720" w:footer="720" w:gutter="0"/>{title}</w:sectPr>')

    def page_number_part(self, root: str) -> str:
        f = self.fmt("page_number")
        rpr = _run_props(f, self.spec.theme_fonts, self.spec.font)
        return (f'<w:{root} {NS}><w:p><w:pPr>{_para_props(f)}</w:pPr>'
                f'<w:fldSimple w:instr=" PAGE "><w:r><w:rPr>{rpr}</w:rPr><w:t>2</w:t></w:r></w:fldSimple>'
                f'</w:p></w:{root}>')

    def styles_xml(self) -> str:
        font = self.spec.font
        if self.spec.theme_fonts:
            fonts = '<w:rFonts w:asciiTheme="minorHAnsi" w:hAnsiTheme="minorHAnsi" w:cstheme="minorBidi"/>'
        else:
            fonts = f'<w:rFonts w:ascii="{font}" w:hAnsi="{font}" w:cs="{font}"/>'
        styles = "".join(
            f'<w:style w:type="paragraph" w:customStyle="1" w:styleId="{sid}"><w:name w:val="{sid}"/>'
            f'<w:basedOn w:val="Normal"/><w:pPr>{_para_props(f)}</w:pPr>'
            f'<w:rPr>{_run_props(f, True, font, with_font=False)}</w:rPr></w:style>'
            for sid, f in self.styles.items())
        return (f'<w:styles {NS}><w:docDefaults><w:rPrDefault><w:rPr>{fonts}<w:sz w:val="28"/>'
                '<w:szCs w:val="28"/><w:lang w:val="vi-VN"/></w:rPr></w:rPrDefault><w:pPrDefault><w:pPr/>'
                '</w:pPrDefault></w:docDefaults><w:style w:type="paragraph" w:default="1" w:styleId="Normal">'
                '<w:name w:val="Normal"/></w:style><w:style w:type="table" w:default="1" '
                'w:styleId="TableNormal"><w:name w:val="Normal Table"/></w:style>'
                + styles + "</w:styles>")

    def theme_xml(self) -> str:
        a = "http://schemas.openxmlformats.org/drawingml/2006/main"
        font = self.spec.font
        return (f'<a:theme xmlns:a="{a}" name="Office"><a:themeElements><a:clrScheme name="Office">'
                '<a:dk1><a:sysClr val="windowText" lastClr="000000"/></a:dk1>'
                '<a:lt1><a:sysClr val="window" lastClr="FFFFFF"/></a:lt1></a:clrScheme>'
                f'<a:fontScheme name="Office"><a:majorFont><a:latin typeface="{font}"/><a:ea typeface=""/>'
                f'<a:cs typeface=""/></a:majorFont><a:minorFont><a:latin typeface="{font}"/>'
                '<a:ea typeface=""/><a:cs typeface=""/></a:minorFont></a:fontScheme></a:themeElements></a:theme>')

    def build(self) -> bytes:
        document = f"<w:document {NS}><w:body>{self.body()}{self.sect_pr()}</w:body></w:document>"
        parts = {
            "word/document.xml": document,
            "word/styles.xml": self.styles_xml(),
            "word/settings.xml": f"<w:settings {NS}/>",
            "word/theme/theme1.xml": self.theme_xml(),
            "word/header1.xml": self.page_number_part("hdr"),
            "word/header2.xml": f"<w:hdr {NS}><w:p/></w:hdr>",
            "word/footer1.xml": self.page_number_part("ftr"),
        }
        wml = "application/vnd.openxmlformats-officedocument.wordprocessingml"
        overrides = {
            "word/document.xml": f"{wml}.document.main+xml", "word/styles.xml": f"{wml}.styles+xml",
            "word/settings.xml": f"{wml}.settings+xml", "word/header1.xml": f"{wml}.header+xml",
            "word/header2.xml": f"{wml}.header+xml", "word/footer1.xml": f"{wml}.footer+xml",
            "word/theme/theme1.xml": "application/vnd.openxmlformats-officedocument.theme+xml",
        }
        content_types = (
            '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
            '<Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
            '<Default Extension="xml" ContentType="application/xml"/>'
            + "".join(f'<Override PartName="/{n}" ContentType="{t}"/>' for n, t in overrides.items())
            + "</Types>")
        package_rels = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="word/document.xml"/></Relationships>')
        doc_rels = (
            '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
            f'<Relationship Id="rIdStyles" Type="{REL}/styles" Target="styles.xml"/>'
            f'<Relationship Id="rIdSettings" Type="{REL}/settings" Target="settings.xml"/>'
            f'<Relationship Id="rIdTheme" Type="{REL}/theme" Target="theme/theme1.xml"/>'
            f'<Relationship Id="rIdHeader1" Type="{REL}/header" Target="header1.xml"/>'
            f'<Relationship Id="rIdHeader2" Type="{REL}/header" Target="header2.xml"/>'
            f'<Relationship Id="rIdFooter1" Type="{REL}/footer" Target="footer1.xml"/>'
            "</Relationships>")
        buffer = io.BytesIO()
        with zipfile.ZipFile(buffer, "w", zipfile.ZIP_DEFLATED) as archive:
            archive.writestr("[Content_Types].xml", content_types)
            archive.writestr("_rels/.rels", package_rels)
            archive.writestr("word/_rels/document.xml.rels", doc_rels)
            for name, xml in parts.items():
                archive.writestr(name, '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' + xml)
        return buffer.getvalue()


def build_docx(spec: Spec) -> bytes:
    """The .docx bytes of ``spec``."""
    return _Writer(spec).build()


def build_text(spec: Spec) -> str:
    """The same document as plain text, one paragraph a line (tables read left cell first)."""
    writer = _Writer(spec)
    t = writer.lines_of
    lines = t("co_quan_chu_quan") + t("co_quan_ban_hanh") + t("so_ky_hieu") + t("trich_yeu_cv")
    lines += t("quoc_hieu") + t("tieu_ngu") + t("dia_danh_thoi_gian") + [""]
    lines += t("ten_loai") + t("trich_yeu") + t("kinh_gui_label") + t("kinh_gui_items")
    lines += t("authority") + t("can_cu") + t("decision_word")
    lines += [text for _, text in writer.texts.get("body", [])] + [""]
    lines += t("noi_nhan_label") + t("noi_nhan_items") + t("chuc_vu") + [""] + t("ho_ten")
    return "\n".join(lines) + "\n"
