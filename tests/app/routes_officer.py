"""Expected status of the account, officer, admin and officer-API routes for each kind of visitor.

Read by ``test_route_matrix.py`` together with ``routes_public.py``. Requests are made as in the
matrix: GET as is; POST *without* a CSRF token, so an allowed role gets 400 (the CSRF refusal)
and nothing changes, while the access check answers first for the others (401 for an anonymous
POST or API call, a 302 to the login page for an anonymous page, 403 for a wrong role).
"""
from __future__ import annotations

ANON, REVIEWER, OFFICER, ADMIN = "anonymous", "reviewer", "officer", "admin"


def _expect(anonymous: int, reviewer: int, officer: int, admin: int) -> dict[str, int]:
    return {ANON: anonymous, REVIEWER: reviewer, OFFICER: officer, ADMIN: admin}


OFFICER_PAGE = _expect(302, 403, 200, 200)
OFFICER_POST = _expect(401, 403, 400, 400)
ADMIN_PAGE = _expect(302, 403, 403, 200)
ADMIN_POST = _expect(401, 403, 403, 400)
OFFICER_API_GET = _expect(401, 403, 200, 200)
OFFICER_API_POST = _expect(401, 403, 400, 400)

ROUTES: dict[tuple[str, str], dict[str, int]] = {
    ("GET", "/static/<path:filename>"): _expect(200, 200, 200, 200),
    # accounts
    ("GET", "/dang-nhap"): _expect(200, 302, 302, 302),
    ("POST", "/dang-nhap"): _expect(400, 400, 400, 400),
    ("POST", "/dang-xuat"): _expect(400, 400, 400, 400),
    ("GET", "/tai-khoan"): _expect(302, 200, 200, 200),
    ("POST", "/tai-khoan/mat-khau"): _expect(401, 400, 400, 400),
    # officer pages
    ("GET", "/quan-tri/"): OFFICER_PAGE,
    ("GET", "/quan-tri/quyet-dinh/moi"): OFFICER_PAGE,
    ("POST", "/quan-tri/quyet-dinh/moi"): OFFICER_POST,
    ("GET", "/quan-tri/quyet-dinh/nhap-phu-luc"): OFFICER_PAGE,
    ("POST", "/quan-tri/quyet-dinh/nhap-phu-luc"): OFFICER_POST,
    ("GET", "/quan-tri/quyet-dinh/<int:decision_id>"): OFFICER_PAGE,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/thong-tin"): OFFICER_POST,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/dong"): OFFICER_POST,
    ("GET", "/quan-tri/quyet-dinh/<int:decision_id>/dong/<int:item_id>"): OFFICER_PAGE,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/dong/<int:item_id>"): OFFICER_POST,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/dong/<int:item_id>/xoa"): OFFICER_POST,
    ("GET", "/quan-tri/quyet-dinh/<int:decision_id>/dong/<int:item_id>/noi-dung"): OFFICER_PAGE,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/dong/<int:item_id>/noi-dung"): OFFICER_POST,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/xoa"): OFFICER_POST,
    ("GET", "/quan-tri/quyet-dinh/<int:decision_id>/xem-truoc"): OFFICER_PAGE,
    ("GET", "/quan-tri/quyet-dinh/<int:decision_id>/cong-bo"): OFFICER_PAGE,
    ("POST", "/quan-tri/quyet-dinh/<int:decision_id>/cong-bo"): OFFICER_POST,
    ("GET", "/quan-tri/quyet-dinh/<int:decision_id>/phu-luc.xlsx"): OFFICER_PAGE,
    ("GET", "/quan-tri/nhap-du-lieu"): OFFICER_PAGE,
    ("POST", "/quan-tri/nhap-du-lieu"): OFFICER_POST,
    ("GET", "/quan-tri/nhap-du-lieu/<int:job_id>"): OFFICER_PAGE,
    ("GET", "/quan-tri/nhap-du-lieu/<int:job_id>/tien-do"): OFFICER_PAGE,
    ("GET", "/quan-tri/thong-ke"): OFFICER_PAGE,
    ("GET", "/quan-tri/xuat-du-lieu"): OFFICER_PAGE,
    ("GET", "/quan-tri/xuat-du-lieu/danh-muc"): OFFICER_PAGE,
    # administration
    ("GET", "/quan-tri/tai-khoan"): ADMIN_PAGE,
    ("POST", "/quan-tri/tai-khoan"): ADMIN_POST,
    ("GET", "/quan-tri/tai-khoan/<int:user_id>"): ADMIN_PAGE,
    ("POST", "/quan-tri/tai-khoan/<int:user_id>/vai-tro"): ADMIN_POST,
    ("POST", "/quan-tri/tai-khoan/<int:user_id>/trang-thai"): ADMIN_POST,
    ("POST", "/quan-tri/tai-khoan/<int:user_id>/mat-khau"): ADMIN_POST,
    ("POST", "/quan-tri/tai-khoan/<int:user_id>/khoa-api"): ADMIN_POST,
    ("GET", "/quan-tri/khoa-api"): ADMIN_PAGE,
    ("POST", "/quan-tri/khoa-api/<int:token_id>/thu-hoi"): ADMIN_POST,
    ("GET", "/quan-tri/nhat-ky"): ADMIN_PAGE,
    # officer JSON API
    ("GET", "/api/v1/decisions"): OFFICER_API_GET,
    ("POST", "/api/v1/decisions"): OFFICER_API_POST,
    ("GET", "/api/v1/decisions/<int:decision_id>"): OFFICER_API_GET,
    ("PATCH", "/api/v1/decisions/<int:decision_id>"): OFFICER_API_POST,
    ("POST", "/api/v1/decisions/<int:decision_id>/items"): OFFICER_API_POST,
    ("GET", "/api/v1/decisions/<int:decision_id>/validation"): OFFICER_API_GET,
    ("GET", "/api/v1/decisions/<int:decision_id>/preview"): OFFICER_API_GET,
    ("POST", "/api/v1/decisions/<int:decision_id>/publish"): OFFICER_API_POST,
}
