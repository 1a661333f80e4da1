"""The one registry of review rules.

Every rule lives in its own module (``nd30_<nnn>_<slug>.py`` for Nghị định 30/2020/NĐ-CP,
``qppl_<nnn>_<slug>.py`` for the structure of legal normative texts) and is listed here once; a
test checks that every such module is registered, that codes are unique and permanent-looking and
that each docstring shows a bad and a good example. Profiles choose among these rules by code.
"""
from __future__ import annotations

from .base import Context, Rule
from .nd30_101_paper_size import PaperSize
from .nd30_102_orientation import Orientation
from .nd30_103_margins import Margins
from .nd30_104_font import Font
from .nd30_105_unicode import UnicodeEncoding
from .nd30_106_color import Color
from .nd30_107_page_number_format import PageNumberFormat
from .nd30_108_first_page_number import FirstPageNumberHidden
from .nd30_109_page_number_presence import PageNumberPresence
from .nd30_201_quoc_hieu_text import QuocHieuText
from .nd30_202_quoc_hieu_style import QuocHieuStyle
from .nd30_203_tieu_ngu_text import TieuNguText
from .nd30_204_tieu_ngu_style import TieuNguStyle
from .nd30_205_tieu_ngu_line import TieuNguLine
from .nd30_206_quoc_hieu_spacing import QuocHieuSpacing
from .nd30_211_co_quan_presence import CoQuanPresence
from .nd30_212_co_quan_style import CoQuanStyle
from .nd30_213_co_quan_chu_quan_style import CoQuanChuQuanStyle
from .nd30_214_co_quan_line import CoQuanLine
from .nd30_221_so_ky_hieu_presence import SoKyHieuPresence
from .nd30_222_so_ky_hieu_format import SoKyHieuFormat
from .nd30_223_so_leading_zero import SoLeadingZero
from .nd30_224_so_ky_hieu_style import SoKyHieuStyle
from .nd30_231_date_format import DateFormat
from .nd30_232_date_leading_zero import DateLeadingZero
from .nd30_233_month_no_zero import MonthNoZero
from .nd30_234_date_style import DateStyle
from .nd30_241_ten_loai_presence import TenLoaiPresence
from .nd30_242_ten_loai_style import TenLoaiStyle
from .nd30_243_trich_yeu_style import TrichYeuStyle
from .nd30_244_trich_yeu_line import TrichYeuLine
from .nd30_245_cong_van_trich_yeu import CongVanTrichYeu
from .nd30_246_no_vv_for_named_types import NoVvForNamedTypes
from .nd30_251_kinh_gui_presence import KinhGuiPresence
from .nd30_252_kinh_gui_format import KinhGuiFormat
from .nd30_253_kinh_gui_style import KinhGuiStyle
from .nd30_261_body_alignment import BodyAlignment
from .nd30_262_body_size import BodySize
from .nd30_263_first_line_indent import FirstLineIndent
from .nd30_264_paragraph_spacing import ParagraphSpacing
from .nd30_265_line_spacing import LineSpacing
from .nd30_266_body_upright import BodyUpright
from .nd30_267_can_cu import CanCu
from .nd30_268_phan_chuong import PhanChuong
from .nd30_269_muc import Muc
from .nd30_270_dieu import Dieu
from .nd30_271_khoan import Khoan
from .nd30_272_diem import Diem
from .nd30_273_roman_heading import RomanHeading
from .nd30_281_authority_prefix import AuthorityPrefix
from .nd30_282_chuc_vu_style import ChucVuStyle
from .nd30_283_ho_ten_style import HoTenStyle
from .nd30_284_ho_ten_no_degree import HoTenNoDegree
from .nd30_285_signer_presence import SignerPresence
from .nd30_291_noi_nhan_presence import NoiNhanPresence
from .nd30_292_noi_nhan_label import NoiNhanLabel
from .nd30_293_noi_nhan_list import NoiNhanList
from .nd30_294_nhu_tren import NhuTren
from .nd30_301_phu_luc import PhuLuc
from .nd30_302_phu_luc_attribution import PhuLucAttribution
from .nd30_401_sentence_capital import SentenceCapital
from .nd30_402_citation_case import CitationCase
from .nd30_403_org_name_case import OrgNameCase
from .nd30_404_place_case import PlaceCase
from .nd30_501_type_code import TypeCode
from .nd30_502_cong_van_code import CongVanCode
from .qppl_001_article_sequence import ArticleSequence
from .qppl_002_chapter_sequence import ChapterSequence
from .qppl_003_one_idea_per_point import OneIdeaPerPoint

ALL_RULES: tuple[type[Rule], ...] = (
    PaperSize,
    Orientation,
    Margins,
    Font,
    UnicodeEncoding,
    Color,
    PageNumberFormat,
    FirstPageNumberHidden,
    PageNumberPresence,
    QuocHieuText,
    QuocHieuStyle,
    TieuNguText,
    TieuNguStyle,
    TieuNguLine,
    QuocHieuSpacing,
    CoQuanPresence,
    CoQuanStyle,
    CoQuanChuQuanStyle,
    CoQuanLine,
    SoKyHieuPresence,
    SoKyHieuFormat,
    SoLeadingZero,
    SoKyHieuStyle,
    DateFormat,
    DateLeadingZero,
    MonthNoZero,
    DateStyle,
    TenLoaiPresence,
    TenLoaiStyle,
    TrichYeuStyle,
    TrichYeuLine,
    CongVanTrichYeu,
    NoVvForNamedTypes,
    KinhGuiPresence,
    KinhGuiFormat,
    KinhGuiStyle,
    BodyAlignment,
    BodySize,
    FirstLineIndent,
    ParagraphSpacing,
    LineSpacing,
    BodyUpright,
    CanCu,
    PhanChuong,
    Muc,
    Dieu,
    Khoan,
    Diem,
    RomanHeading,
    AuthorityPrefix,
    ChucVuStyle,
    HoTenStyle,
    HoTenNoDegree,
    SignerPresence,
    NoiNhanPresence,
    NoiNhanLabel,
    NoiNhanList,
    NhuTren,
    PhuLuc,
    PhuLucAttribution,
    SentenceCapital,
    CitationCase,
    OrgNameCase,
    PlaceCase,
    TypeCode,
    CongVanCode,
    ArticleSequence,
    ChapterSequence,
    OneIdeaPerPoint,
)
RULES_BY_CODE: dict[str, type[Rule]] = {rule.code: rule for rule in ALL_RULES}

__all__ = ["ALL_RULES", "RULES_BY_CODE", "Context", "Rule"]
