"""Factories of the search tests: editions with sensible defaults and a small, realistic corpus."""
from __future__ import annotations

from datetime import date

from search.interface import EditionDocument


def edition(procedure_id: int, name: str, *, edition_id: int | None = None, revision: int = 1,
            code: str | None = None, sector: str | None = "Hộ tịch", levels=("commune",),
            agencies=("Ủy ban nhân dân cấp xã",), online_level: str | None = "full",
            status: str = "in_force", effective_from: date = date(2020, 1, 1),
            effective_to: date | None = None, **text: str) -> EditionDocument:
    """One edition with sensible defaults; text fields by keyword (papers=…, steps=…)."""
    return EditionDocument(
        procedure_id=procedure_id, edition_id=edition_id or procedure_id * 100, revision=revision,
        code=code if code is not None else f"1.{procedure_id:06d}", name=name, sector=sector,
        levels=list(levels), agencies=list(agencies), online_level=online_level, status=status,
        effective_from=effective_from, effective_to=effective_to, **text)


def corpus() -> list[tuple[int, int, list[EditionDocument]]]:
    """Procedures as the catalogue would hand them over: (procedure id, revision, editions)."""
    items = [
        [edition(1, "Thủ tục đăng ký kết hôn",
                 papers="Tờ khai đăng ký kết hôn theo mẫu; Giấy xác nhận tình trạng hôn nhân",
                 result="Giấy chứng nhận kết hôn", steps="Nộp hồ sơ tại Ủy ban nhân dân cấp xã.")],
        [edition(2, "Thủ tục đăng ký khai sinh", papers="Tờ khai đăng ký khai sinh; Giấy chứng sinh",
                 result="Giấy khai sinh")],
        [edition(3, "Cấp đổi thẻ căn cước", sector="Căn cước", levels=("province", "commune"),
                 agencies=("Công an cấp tỉnh", "Công an cấp xã"), online_level="partial",
                 papers="Thẻ căn cước cũ", result="Thẻ căn cước")],
        [edition(4, "Cấp lại thẻ căn cước", sector="Căn cước", levels=("province", "commune"),
                 agencies=("Công an cấp tỉnh",), online_level="partial",
                 papers="Tờ khai căn cước", result="Thẻ căn cước")],
        [edition(5, "Đổi giấy phép lái xe", sector="Đường bộ", levels=("ministry", "province"),
                 agencies=("Cục Cảnh sát giao thông",), online_level="full",
                 papers="Đơn đề nghị đổi giấy phép lái xe; bản sao giấy phép lái xe",
                 result="Giấy phép lái xe")],
        [edition(6, "Đăng ký đất đai, cấp Giấy chứng nhận quyền sử dụng đất lần đầu", sector="Đất đai",
                 agencies=("Văn phòng đăng ký đất đai",), online_level=None,
                 papers="Đơn đăng ký đất đai; giấy tờ về quyền sử dụng đất",
                 result="Giấy chứng nhận quyền sử dụng đất")],
        [edition(7, "Đăng ký thường trú", sector="Đăng ký, quản lý cư trú",
                 agencies=("Công an cấp xã",), papers="Tờ khai thay đổi thông tin cư trú; "
                 "giấy tờ chứng minh chỗ ở hợp pháp", result="Thông báo kết quả đăng ký thường trú")],
        # In force until 2021-07-01, abolished since.
        [edition(8, "Cấp chứng minh nhân dân", edition_id=801, sector="Căn cước",
                 agencies=("Công an cấp tỉnh",), effective_from=date(2010, 1, 1),
                 effective_to=date(2021, 7, 1), papers="Tờ khai chứng minh nhân dân"),
         edition(8, "Cấp chứng minh nhân dân", edition_id=802, sector="Căn cước",
                 agencies=("Công an cấp tỉnh",), status="abolished", effective_from=date(2021, 7, 1))],
        # Amended with effect from 2030: the new name only shows as of then.
        [edition(9, "Đăng ký tạm trú", edition_id=901, sector="Đăng ký, quản lý cư trú",
                 agencies=("Công an cấp xã",), effective_to=date(2030, 1, 1)),
         edition(9, "Đăng ký tạm trú cho người nước ngoài", edition_id=902,
                 sector="Đăng ký, quản lý cư trú", agencies=("Công an cấp xã",),
                 effective_from=date(2030, 1, 1))],
        [edition(10, "Thủ tục <script>alert(1)</script> thử nghiệm", sector=None,
                 papers="<b>Tờ khai</b> & bản sao \"thử nghiệm\"")],
        [edition(11, "Cấp giấy phép hoạt động thủy lợi", sector="Thủy lợi", levels=("province",),
                 agencies=("Sở Nông nghiệp và Môi trường",), online_level=None,
                 papers="Đơn đề nghị cấp phép thuỷ lợi")],
    ]
    return [(docs[0].procedure_id, 1, docs) for docs in items]
