"""Expected status of the citizen pages, the reviewer's pages and the public API for each kind of visitor.

Read by ``test_route_matrix.py`` together with ``routes_officer.py``. As in the matrix, a GET is made
as is and a POST without a CSRF token: every form refuses it (400) whoever sends it, and the review
API answers an anonymous program (no session, so no token needed) with its own 400 for the missing
file, while a browser session's call needs the token (400). A result page is reached only through a
signed token, and the sample token below names no batch, so those routes answer 404 to everyone:
the token, not the role, is the key (``test_review_web.py`` checks them with real batches).
"""
from __future__ import annotations

ANON, REVIEWER, OFFICER, ADMIN = "anonymous", "reviewer", "officer", "admin"


def _expect(anonymous: int, reviewer: int, officer: int, admin: int) -> dict[str, int]:
    return {ANON: anonymous, REVIEWER: reviewer, OFFICER: officer, ADMIN: admin}


EVERYONE = _expect(200, 200, 200, 200)
FORM_WITHOUT_TOKEN = _expect(400, 400, 400, 400)
NO_SUCH_BATCH = _expect(404, 404, 404, 404)

SAMPLE_ARGS = {"token": "khong-co-ket-qua-nay", "number": 1, "kind": "bao-cao.json"}

ROUTES: dict[tuple[str, str], dict[str, int]] = {
    # citizens
    ("GET", "/"): EVERYONE,
    ("GET", "/tim-kiem"): EVERYONE,
    ("GET", "/linh-vuc/<slug>"): EVERYONE,
    ("GET", "/co-quan/<int:agency_id>"): EVERYONE,
    ("GET", "/thu-tuc/<int:procedure_id>"): EVERYONE,
    ("GET", "/thu-tuc/<int:procedure_id>/lich-su"): EVERYONE,
    # document review
    ("GET", "/kiem-tra-van-ban"): EVERYONE,
    ("POST", "/kiem-tra-van-ban"): FORM_WITHOUT_TOKEN,
    ("GET", "/kiem-tra-van-ban/ket-qua/<token>"): NO_SUCH_BATCH,
    ("GET", "/kiem-tra-van-ban/ket-qua/<token>/<int:number>"): NO_SUCH_BATCH,
    ("GET", "/kiem-tra-van-ban/ket-qua/<token>/<int:number>/<kind>"): NO_SUCH_BATCH,
    ("GET", "/kiem-tra-van-ban/ket-qua/<token>/tai-ve/<kind>"): NO_SUCH_BATCH,
    ("POST", "/kiem-tra-van-ban/ket-qua/<token>/xoa"): FORM_WITHOUT_TOKEN,
    ("GET", "/kiem-tra-van-ban/lich-su"): _expect(302, 200, 403, 200),
    # public API
    ("GET", "/api/v1/procedures"): EVERYONE,
    ("GET", "/api/v1/procedures/<int:procedure_id>"): EVERYONE,
    ("GET", "/api/v1/procedures/<int:procedure_id>/history"): EVERYONE,
    ("GET", "/api/v1/procedures/<int:procedure_id>/diff"): _expect(400, 400, 400, 400),  # one edition only
    ("GET", "/api/v1/stats"): EVERYONE,
    ("GET", "/api/v1/search"): EVERYONE,
    ("GET", "/api/v1/openapi.json"): EVERYONE,
    ("POST", "/api/v1/review"): FORM_WITHOUT_TOKEN,
    # operations: load balancers probe it without an account
    ("GET", "/healthz"): EVERYONE,
}
