"""The content of the OpenAPI document: one operation per ``/api/v1`` endpoint, and the shared schemas.

Written as data next to each other so a reader sees the whole API in one file; ``app.web.openapi``
puts it together with the routes Flask actually has, and a test fails when an ``/api/v1`` route
has no entry here (or an entry names a route that no longer exists). The schemas are JSON Schema
2020-12 (what OpenAPI 3.1 uses) and the tests validate real responses against them, so they say
what the API returns, not what it was once meant to.
"""
from __future__ import annotations

from typing import Any

from catalogue.content import (
    AGENCY_ROLES, CHANNEL_KINDS, FEE_KINDS, LEVELS, ONLINE_LEVELS, PAPER_GROUPS, PARTS, TIME_UNITS,
)
from catalogue.models import DECISION_STATUSES, EDITION_KINDS, ITEM_KINDS
from review.report import COMPONENTS, PARTS as REPORT_PARTS, PROPERTIES, SEVERITIES

from ..search_api import LEVEL_PARAMS, ONLINE_PARAMS


def ref(name: str) -> dict[str, str]:
    return {"$ref": f"#/components/schemas/{name}"}


def nullable(schema: dict[str, Any]) -> dict[str, Any]:
    if "$ref" in schema:
        return {"oneOf": [schema, {"type": "null"}]}
    kind = schema.get("type")
    out = dict(schema)
    out["type"] = [kind, "null"] if isinstance(kind, str) else [*kind, "null"]
    if "enum" in out:
        out["enum"] = [*out["enum"], None]
    return out


def obj(properties: dict[str, Any], required: list[str] | None = None, **extra: Any) -> dict[str, Any]:
    return {"type": "object", "properties": properties,
            "required": list(properties) if required is None else required, **extra}


STRING = {"type": "string"}
INTEGER = {"type": "integer"}
DATE = {"type": "string", "format": "date"}
STRINGS = {"type": "array", "items": STRING}

SCHEMAS: dict[str, Any] = {
    "Error": obj({
        "status": INTEGER, "error": STRING, "message": {"type": "string", "description": "Tiếng Việt, cho người đọc."},
        "errors": {"type": "array", "items": obj({"field": STRING, "messages": STRINGS})},
    }, description="The one error shape of the API."),
    "DecisionRef": obj({"id": INTEGER, "number": STRING}),
    "EditionSummary": obj({
        "edition_id": INTEGER, "procedure_id": INTEGER, "seq": INTEGER,
        "kind": {"type": "string", "enum": list(EDITION_KINDS)}, "in_force": {"type": "boolean"},
        "code": nullable(STRING), "name": STRING, "effective_from": DATE, "effective_to": nullable(DATE),
        "changed_parts": {"type": "array", "items": {"type": "string", "enum": list(PARTS)}},
        "decision": nullable(ref("DecisionRef")), "source": nullable(STRING),
    }, description="One edition of a procedure: when and why it took effect (without its content)."),
    "Edition": {"allOf": [ref("EditionSummary"), obj({"content": ref("ProcedureContent")})]},
    "ProcessingTime": obj({"value": nullable({"type": "number"}), "unit": nullable({"type": "string", "enum": list(TIME_UNITS)}),
                           "text": STRING}),
    "Fee": obj({"kind": nullable({"type": "string", "enum": list(FEE_KINDS)}), "amount": nullable(INTEGER), "text": STRING}),
    "Channel": obj({"kind": {"type": "string", "enum": list(CHANNEL_KINDS)},
                    "processing_time": nullable(ref("ProcessingTime")),
                    "fees": {"type": "array", "items": ref("Fee")}, "description": STRING}),
    "Paper": obj({"name": STRING, "group": {"type": "string", "enum": list(PAPER_GROUPS)}, "form": nullable(STRING),
                  "originals": nullable(INTEGER), "copies": nullable(INTEGER), "quantity_text": STRING,
                  "case": nullable(STRING)}),
    "Result": obj({"name": STRING, "code": nullable(STRING)}),
    "AgencyRef": obj({"name": STRING, "role": {"type": "string", "enum": list(AGENCY_ROLES)}, "address": nullable(STRING)}),
    "LegalAct": obj({"number": nullable(STRING), "title": STRING, "article": nullable(STRING)}),
    "ProcedureContent": obj({
        "name": STRING, "sector": nullable(STRING), "levels": {"type": "array", "items": {"type": "string", "enum": list(LEVELS)}},
        "procedure_type": nullable(STRING), "audience": STRINGS, "steps": STRINGS,
        "channels": {"type": "array", "items": ref("Channel")}, "papers": {"type": "array", "items": ref("Paper")},
        "conditions": nullable(STRING), "results": {"type": "array", "items": ref("Result")},
        "agencies": {"type": "array", "items": ref("AgencyRef")}, "legal_basis": {"type": "array", "items": ref("LegalAct")},
        "online_level": nullable({"type": "string", "enum": list(ONLINE_LEVELS)}), "online_url": nullable(STRING),
        "notes": nullable(STRING),
    }, description="Everything an edition says about a procedure (DESIGN §4)."),
    "ProcedureList": obj({"total": INTEGER, "page": INTEGER, "per_page": INTEGER,
                          "items": {"type": "array", "items": ref("EditionSummary")}}),
    "Procedure": obj({
        "id": INTEGER, "code": nullable(STRING),
        "status": {"type": "string", "enum": ["in_force", "abolished", "replaced", "not_yet"]},
        "revision": INTEGER, "aliases": STRINGS, "predecessor_id": nullable(INTEGER), "edition": nullable(ref("Edition")),
    }),
    "History": obj({"procedure_id": INTEGER, "editions": {"type": "array", "items": ref("EditionSummary")}}),
    "Change": obj({"part": STRING, "label": STRING, "kind": {"type": "string", "enum": ["added", "removed", "changed"]},
                   "before": {"description": "Text, number or list, as the part has it."},
                   "after": {"description": "Text, number or list, as the part has it."}, "detail": STRING}),
    "Diff": obj({"procedure_id": INTEGER, "from": ref("EditionSummary"), "to": ref("EditionSummary"),
                 "changes": {"type": "array", "items": ref("Change")}}),
    "StatsBucket": obj({
        "new": INTEGER, "simplified": INTEGER, "amended": INTEGER, "replaced": INTEGER, "abolished": INTEGER,
        "time_cut": {"type": "object", "additionalProperties": {"type": "number"},
                     "description": "Time cut per unit (never summed across units)."},
        "papers_cut": INTEGER, "fees_cut": INTEGER, "steps_cut": INTEGER,
    }),
    "Stats": obj({"by": {"type": "string", "enum": ["total", "month", "sector", "agency"]}, "from": nullable(DATE),
                  "to": nullable(DATE), "total": ref("StatsBucket"),
                  "groups": {"type": "object", "additionalProperties": ref("StatsBucket")}}),
    "FacetValue": obj({"value": STRING, "count": INTEGER}),
    "SearchHit": obj({
        "id": INTEGER, "code": nullable(STRING), "name": STRING, "sector": nullable(STRING),
        "levels": {"type": "array", "items": {"type": "string", "enum": list(LEVEL_PARAMS)}},
        "score": {"type": "number"},
        "highlights": {"type": "object", "additionalProperties": STRINGS,
                       "description": "Field → HTML-escaped fragments with <mark> around the matched words."},
    }),
    "SearchResults": obj({
        "total": INTEGER, "page": INTEGER, "per_page": INTEGER, "hits": {"type": "array", "items": ref("SearchHit")},
        "facets": obj({name: {"type": "array", "items": ref("FacetValue")}
                       for name in ("sector", "level", "agency", "online_level", "status")}),
        "suggestion": nullable({"type": "string", "description": "“Có phải bạn muốn tìm …”"}),
    }),
    "Finding": obj({
        "rule": STRING, "severity": {"type": "string", "enum": list(SEVERITIES)},
        "component": {"type": "string", "enum": list(COMPONENTS)}, "property": {"type": "string", "enum": list(PROPERTIES)},
        "message": STRING, "expected": STRING, "actual": STRING,
        "location": nullable(obj({"part": {"type": "string", "enum": list(REPORT_PARTS)},
                                  "paragraph": {"type": "integer", "minimum": 0}, "text": STRING})),
        "reference": STRING, "fix": nullable(obj({"description": STRING, "safe": {"type": "boolean"}})),
    }),
    "Report": obj({
        "file": STRING, "document_type": nullable(STRING), "profile": STRING, "compliant": {"type": "boolean"},
        "error": nullable({"type": "string", "description": "Why the file could not be read (then findings is empty)."}),
        "findings": {"type": "array", "items": ref("Finding")},
    }, description="The review of one document (DESIGN §6)."),
    "DecisionSummary": obj({"id": INTEGER, "number": STRING, "status": {"type": "string", "enum": list(DECISION_STATUSES)},
                            "revision": INTEGER, "date": nullable(DATE), "effective_date": nullable(DATE), "url": STRING}),
    "DecisionList": obj({"total": INTEGER, "page": INTEGER, "per_page": INTEGER,
                         "items": {"type": "array", "items": ref("DecisionSummary")}}),
    "DecisionItem": obj({
        "id": INTEGER, "row": INTEGER, "kind": {"type": "string", "enum": list(ITEM_KINDS)}, "code": nullable(STRING),
        "name": nullable(STRING), "sector": nullable(STRING), "level": nullable(STRING), "agency": nullable(STRING),
        "changed_parts": STRINGS, "procedure_id": nullable(INTEGER), "successor_item_id": nullable(INTEGER),
        "successor_code": nullable(STRING), "has_content": {"type": "boolean"}, "note": nullable(STRING),
    }),
    "Decision": obj({
        "id": INTEGER, "number": STRING, "status": {"type": "string", "enum": list(DECISION_STATUSES)},
        "date": nullable(DATE), "effective_date": nullable(DATE), "issuer": nullable(STRING), "signer": nullable(STRING),
        "title": nullable(STRING), "legal_bases": STRINGS, "revision": INTEGER, "updated_by": nullable(STRING),
        "updated_at": nullable({"type": "string", "format": "date-time"}),
        "items": {"type": "array", "items": ref("DecisionItem")},
    }),
    "DecisionInput": obj({
        "number": {"type": "string", "maxLength": 100, "examples": ["1523/QĐ-UBND"]},
        "date": {"type": "string", "description": "YYYY-MM-DD or DD/MM/YYYY"},
        "effective_date": {"type": "string", "description": "YYYY-MM-DD or DD/MM/YYYY"},
        "issuer": STRING, "signer": STRING, "legal_bases": STRINGS, "title": STRING,
    }, required=["number"]),
    "DecisionUpdate": obj({
        "revision": {"type": "integer", "description": "The decision's revision this change was made from."},
        "number": {"type": "string", "maxLength": 100}, "date": {"type": "string", "description": "YYYY-MM-DD or DD/MM/YYYY"},
        "effective_date": {"type": "string", "description": "YYYY-MM-DD or DD/MM/YYYY"},
        "issuer": STRING, "signer": STRING, "legal_bases": STRINGS, "title": STRING,
    }, required=["revision"], description="Only the fields present change."),
    "ItemInput": obj({
        "revision": {"type": "integer", "description": "The decision's revision this change was made from."},
        "kind": {"type": "string", "enum": list(ITEM_KINDS)}, "code": STRING, "name": STRING, "sector": STRING,
        "level": {"type": "string", "enum": list(LEVELS)},
        "agency": STRING, "changed_parts": {"type": "array", "items": {"type": "string", "enum": list(PARTS)}},
        "successor_code": STRING, "successor_row": {"type": "integer", "minimum": 1}, "note": STRING,
    }, required=["revision", "kind"]),
    "Problem": obj({"row": nullable(INTEGER), "field": nullable(STRING), "severity": {"type": "string", "enum": ["error", "warning"]},
                    "message": STRING}),
    "Validation": obj({"decision_id": INTEGER, "publishable": {"type": "boolean"},
                       "problems": {"type": "array", "items": ref("Problem")}}),
    "TouchedProcedure": obj({
        "kind": STRING, "procedure_id": nullable(INTEGER), "code": nullable(STRING), "name": STRING, "levels": STRINGS,
        "rows": {"type": "array", "items": INTEGER}, "changes": {"type": "array", "items": ref("Change")},
        "after": nullable(ref("ProcedureContent")),
    }),
    "Preview": obj({"decision_id": INTEGER, "procedures": {"type": "array", "items": ref("TouchedProcedure")}}),
    "Published": obj({"decision": ref("Decision"), "editions": INTEGER,
                      "warnings": {"type": "array", "items": ref("Problem")}}),
}

# -- parameters ------------------------------------------------------------------------------------------


def query(name: str, schema: dict[str, Any], description: str) -> dict[str, Any]:
    return {"name": name, "in": "query", "required": False, "schema": schema, "description": description}


PAGE = query("page", {"type": "integer", "minimum": 1, "default": 1}, "Trang kết quả, từ 1.")
AS_OF = query("as_of", DATE, "Ngày áp dụng (YYYY-MM-DD); mặc định hôm nay theo giờ Việt Nam.")
CATALOGUE_LEVEL = query("level", {"type": "string", "enum": list(LEVELS)}, "Cấp thực hiện.")


def per_page(default: int, maximum: int) -> dict[str, Any]:
    return query("per_page", {"type": "integer", "minimum": 1, "maximum": maximum, "default": default},
                 f"Số mục mỗi trang (tối đa {maximum}).")


# -- responses -------------------------------------------------------------------------------------------

def json_response(description: str, schema: dict[str, Any]) -> dict[str, Any]:
    return {"description": description, "content": {"application/json": {"schema": schema}}}


def error(description: str) -> dict[str, Any]:
    return json_response(description, ref("Error"))


BAD = {"400": error("Tham số không hợp lệ.")}
NOT_FOUND = {"404": error("Không có thủ tục hoặc dữ liệu được yêu cầu.")}
OFFICER = {"401": error("Chưa xác thực (thiếu hoặc sai khóa API)."),
           "403": error("Tài khoản không có vai trò cán bộ kiểm soát TTHC.")}
OFFICER_SECURITY = [{"bearerAuth": []}, {"cookieAuth": []}]
JSON_BODY = "application/json"

OPERATIONS: dict[str, dict[str, Any]] = {
    "api.list_procedures": {
        "tags": ["Thủ tục"], "summary": "Danh mục thủ tục áp dụng vào một ngày",
        "description": "Các phiên bản đang áp dụng vào ngày `as_of`, lọc theo lĩnh vực, cấp, cơ quan, trạng thái; sắp theo mã.",
        "parameters": [AS_OF, query("sector", STRING, "Lĩnh vực (tên hoặc slug)."), CATALOGUE_LEVEL,
                       query("agency", {"type": "integer", "minimum": 0}, "Mã nội bộ của cơ quan."),
                       query("status", {"type": "string", "enum": ["in_force", "abolished", "replaced", "all"],
                                        "default": "in_force"}, "Trạng thái."),
                       PAGE, per_page(20, 100)],
        "responses": {"200": json_response("Một trang danh mục.", ref("ProcedureList")), **BAD},
    },
    "api.read_procedure": {
        "tags": ["Thủ tục"], "summary": "Một thủ tục với nội dung áp dụng vào một ngày",
        "parameters": [AS_OF],
        "responses": {"200": json_response("Thủ tục và phiên bản áp dụng (null nếu chưa có hiệu lực).", ref("Procedure")),
                      **BAD, **NOT_FOUND},
    },
    "api.procedure_history": {
        "tags": ["Thủ tục"], "summary": "Lịch sử các phiên bản của một thủ tục",
        "responses": {"200": json_response("Các phiên bản, cũ nhất trước.", ref("History")), **NOT_FOUND},
    },
    "api.procedure_diff": {
        "tags": ["Thủ tục"], "summary": "Những điểm khác nhau giữa hai phiên bản",
        "description": "`from` và `to` là số thứ tự phiên bản (mặc định: hai phiên bản cuối).",
        "parameters": [query("from", {"type": "integer", "minimum": 1}, "Phiên bản cũ."),
                       query("to", {"type": "integer", "minimum": 1}, "Phiên bản mới.")],
        "responses": {"200": json_response("Các thay đổi theo từng bộ phận của thủ tục.", ref("Diff")), **BAD, **NOT_FOUND},
    },
    "api.stats": {
        "tags": ["Thống kê"], "summary": "Thống kê ban hành mới, đơn giản hóa, bãi bỏ",
        "parameters": [query("from", DATE, "Từ ngày hiệu lực."), query("to", DATE, "Đến ngày hiệu lực."),
                       query("by", {"type": "string", "enum": ["total", "month", "sector", "agency"], "default": "total"},
                             "Gộp theo.")],
        "responses": {"200": json_response("Số thủ tục và mức cắt giảm.", ref("Stats")), **BAD},
    },
    "api.search": {
        "tags": ["Tìm kiếm"], "summary": "Tìm thủ tục bằng tiếng Việt (có dấu, không dấu, viết tắt)",
        "description": "Kết quả có đoạn trích được đánh dấu, bộ lọc (facet) và gợi ý sửa lỗi chính tả. "
                       "`q` rỗng liệt kê mọi thủ tục phù hợp bộ lọc, sắp theo tên.",
        "parameters": [query("q", STRING, "Điều cần tìm, ví dụ “dang ky khai sinh”, “cấp lại CCCD”."),
                       query("sector", STRING, "Tên lĩnh vực."),
                       query("level", {"type": "string", "enum": list(LEVEL_PARAMS)}, "Cấp: bo, tinh, xa, khac."),
                       query("agency", STRING, "Tên cơ quan thực hiện."),
                       query("online_level", {"type": "string", "enum": list(ONLINE_PARAMS)}, "Mức dịch vụ công trực tuyến."),
                       query("status", {"type": "string", "enum": ["in_force", "abolished"]}, "Trạng thái."),
                       AS_OF,
                       query("include_abolished", {"type": "string", "enum": ["true", "false", "1", "0"]},
                             "Gồm cả thủ tục đã bãi bỏ."),
                       PAGE, per_page(10, 50)],
        "responses": {"200": json_response("Một trang kết quả.", ref("SearchResults")), **BAD},
    },
    "review_api.review": {
        "tags": ["Kiểm tra văn bản"], "summary": "Kiểm tra thể thức văn bản theo Nghị định 30/2020/NĐ-CP",
        "description": "Gửi một hoặc nhiều tệp (.docx, .txt, hoặc .zip chứa các tệp đó) trong trường `file`. "
                       "Không cần tài khoản; giới hạn số lần gửi theo địa chỉ mạng, số văn bản mỗi lần và dung lượng. "
                       "Không lưu gì sau khi trả lời.",
        "requestBody": {"required": True, "content": {"multipart/form-data": {
            "schema": obj({"file": {"type": "array", "items": {"type": "string", "format": "binary"}},
                           "profile": {"type": "string", "enum": ["nd30", "nd30-practice", "vbqppl"], "default": "nd30"}},
                          required=["file"]),
            "encoding": {"file": {"contentType": "application/octet-stream"}}}}},
        "responses": {
            "200": json_response("Một báo cáo cho mỗi văn bản, theo thứ tự gửi.", {"type": "array", "items": ref("Report")}),
            "400": error("Thiếu tệp hoặc bộ quy tắc không hợp lệ."),
            "413": error("Quá dung lượng hoặc quá số văn bản cho một lần gửi."),
            "429": error("Gửi quá nhiều lần trong thời gian ngắn; xem tiêu đề Retry-After."),
        },
    },
    "openapi.document": {
        "tags": ["Tài liệu"], "summary": "Tài liệu OpenAPI 3.1 này",
        "responses": {"200": {"description": "Tài liệu OpenAPI.", "content": {"application/json": {"schema": {"type": "object"}}}}},
    },
    "decisions_api.list_decisions": {
        "tags": ["Quyết định công bố"], "summary": "Danh sách quyết định công bố", "security": OFFICER_SECURITY,
        "parameters": [query("status", {"type": "string", "enum": list(DECISION_STATUSES)}, "Trạng thái."),
                       PAGE, per_page(20, 100)],
        "responses": {"200": json_response("Một trang quyết định, mới nhất trước.", ref("DecisionList")), **BAD, **OFFICER},
    },
    "decisions_api.read_decision": {
        "tags": ["Quyết định công bố"], "summary": "Một quyết định với các dòng phụ lục", "security": OFFICER_SECURITY,
        "responses": {"200": json_response("Quyết định.", ref("Decision")), **NOT_FOUND, **OFFICER},
    },
    "decisions_api.create_decision": {
        "tags": ["Quyết định công bố"], "summary": "Tạo dự thảo quyết định", "security": OFFICER_SECURITY,
        "requestBody": {"required": True, "content": {JSON_BODY: {"schema": ref("DecisionInput")}}},
        "responses": {"201": json_response("Dự thảo đã tạo (tiêu đề Location chỉ tới nó).", ref("Decision")),
                      "400": error("Dữ liệu chưa hợp lệ."), "409": error("Số quyết định đã có."), **OFFICER},
    },
    "decisions_api.update_decision": {
        "tags": ["Quyết định công bố"], "summary": "Sửa thông tin của dự thảo (chỉ các trường gửi lên)",
        "security": OFFICER_SECURITY,
        "requestBody": {"required": True, "content": {JSON_BODY: {"schema": ref("DecisionUpdate")}}},
        "responses": {"200": json_response("Quyết định sau khi sửa.", ref("Decision")),
                      "400": error("Dữ liệu chưa hợp lệ, không có trường nào để sửa, hoặc quyết định đã công bố."),
                      **NOT_FOUND,
                      "409": error("Quyết định đã được người khác sửa (revision cũ): thông báo nêu ai và lúc nào."),
                      **OFFICER},
    },
    "decisions_api.add_item": {
        "tags": ["Quyết định công bố"], "summary": "Thêm một dòng phụ lục vào dự thảo", "security": OFFICER_SECURITY,
        "requestBody": {"required": True, "content": {JSON_BODY: {"schema": ref("ItemInput")}}},
        "responses": {"201": json_response("Quyết định sau khi thêm dòng.", ref("Decision")),
                      "400": error("Dữ liệu chưa hợp lệ."), **NOT_FOUND,
                      "409": error("Quyết định đã được người khác sửa (revision cũ) hoặc đã công bố."), **OFFICER},
    },
    "decisions_api.validate": {
        "tags": ["Quyết định công bố"], "summary": "Kiểm tra dự thảo có công bố được không", "security": OFFICER_SECURITY,
        "responses": {"200": json_response("Các vấn đề (lỗi chặn công bố, cảnh báo).", ref("Validation")),
                      **NOT_FOUND, **OFFICER},
    },
    "decisions_api.preview": {
        "tags": ["Quyết định công bố"], "summary": "Xem trước các thay đổi của từng thủ tục", "security": OFFICER_SECURITY,
        "responses": {"200": json_response("Các thủ tục bị tác động và thay đổi của từng thủ tục.", ref("Preview")),
                      "400": error("Quyết định đã công bố."), **NOT_FOUND, **OFFICER},
    },
    "decisions_api.publish": {
        "tags": ["Quyết định công bố"], "summary": "Công bố quyết định (mọi thay đổi hoặc không thay đổi nào)",
        "security": OFFICER_SECURITY,
        "requestBody": {"required": True, "content": {JSON_BODY: {"schema": obj({"revision": INTEGER})}}},
        "responses": {"200": json_response("Quyết định đã công bố và số phiên bản đã tạo.", ref("Published")),
                      "400": error("Dự thảo còn lỗi (errors liệt kê từng dòng)."), **NOT_FOUND,
                      "409": error("Quyết định đã được người khác sửa (revision cũ)."), **OFFICER},
    },
}
