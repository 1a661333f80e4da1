"""The ``tthc`` command line: a click group; the same commands are on ``flask --app app``.

Every command that writes runs one unit of work (one commit). Bad input exits non-zero with a
Vietnamese message naming what is wrong.
"""
from __future__ import annotations

import datetime as dt
import json
import sys
from pathlib import Path

import click
from flask import Flask, current_app

from catalogue import decisions as decision_service
from catalogue import schema
from catalogue.errors import CatalogueError

from . import create_app, services


class Context:
    """Creates the app once per command invocation."""

    def __init__(self) -> None:
        self._app: Flask | None = None

    @property
    def app(self) -> Flask:
        if self._app is None:
            self._app = current_app._get_current_object() if _in_app_context() else create_app()
        return self._app


def _in_app_context() -> bool:
    from flask import has_app_context
    return has_app_context()


pass_ctx = click.make_pass_decorator(Context, ensure=True)


def fail(message: str, code: int = 1) -> None:
    click.echo(f"Lỗi: {message}", err=True)
    sys.exit(code)


def parse_date(value: str | None, option: str) -> dt.date | None:
    if value is None:
        return None
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        for fmt in ("%d/%m/%Y", "%d-%m-%Y"):
            try:
                return dt.datetime.strptime(value, fmt).date()
            except ValueError:
                pass
    raise click.BadParameter(f"ngày không hợp lệ: {value!r} (dạng YYYY-MM-DD hoặc DD/MM/YYYY)",
                             param_hint=option)


@click.group(help="Danh mục thủ tục hành chính, tìm kiếm và kiểm tra thể thức văn bản.")
@click.version_option(package_name="tthc")
def main() -> None:
    pass


# -- database ----------------------------------------------------------------------------------

@main.group(help="Cơ sở dữ liệu.")
def db() -> None:
    pass


@db.command("upgrade", help="Áp dụng các migration đến phiên bản mới nhất.")
@pass_ctx
def db_upgrade(ctx: Context) -> None:
    schema.upgrade(services(ctx.app).db.engine)
    click.echo(f"Cơ sở dữ liệu ở phiên bản {schema.current_revision(services(ctx.app).db.engine)}.")


@db.command("current", help="In phiên bản lược đồ hiện tại.")
@pass_ctx
def db_current(ctx: Context) -> None:
    click.echo(schema.current_revision(services(ctx.app).db.engine) or "(trống)")


def prepare_database(app: Flask) -> None:
    """Migrate, then load the demo catalogue if the database holds no procedure."""
    from catalogue.demo.loader import is_empty, load_demo

    database = services(app).db
    schema.upgrade(database.engine)
    if app.config.get("LOAD_DEMO"):
        with database.unit_of_work("demo") as uow:
            if is_empty(uow.session):
                count = load_demo(uow.session)
                click.echo(f"Đã nạp dữ liệu mẫu ({count} quyết định).")


@main.command(help="Chạy ứng dụng web (mặc định http://127.0.0.1:5000).")
@click.option("--host", default="127.0.0.1", show_default=True)
@click.option("--port", default=5000, show_default=True, type=int)
@pass_ctx
def serve(ctx: Context, host: str, port: int) -> None:
    prepare_database(ctx.app)
    if ctx.app.config["SEARCH_BACKEND"] == "whoosh":
        services(ctx.app).start_drainer()  # embedded default: this process keeps the index in sync
    click.echo(f"Đang phục vụ tại http://{host}:{port}/ (Ctrl+C để dừng)")
    ctx.app.run(host=host, port=port, debug=False, use_reloader=False)


@main.group("demo", help="Dữ liệu mẫu.")
def demo() -> None:
    pass


@demo.command("load", help="Nạp dữ liệu mẫu nếu cơ sở dữ liệu chưa có thủ tục nào.")
@pass_ctx
def demo_load(ctx: Context) -> None:
    prepare_database(ctx.app)


# -- imports -------------------------------------------------------------------------------------

@main.group("import", help="Nhập dữ liệu.")
def import_group() -> None:
    pass


@import_group.command("dvcqg", help="Nhập thủ tục từ tệp JSON Lines của Cổng Dịch vụ công quốc gia (.jsonl hoặc .jsonl.gz).")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--effective", help="Ngày hiệu lực ghi cho các thủ tục (mặc định: hôm nay).")
@click.option("--actor", default="cli", show_default=True)
@pass_ctx
def import_dvcqg(ctx: Context, file: Path, effective: str | None, actor: str) -> None:
    from catalogue.importers.dvcqg import import_dvcqg as run_import

    day = parse_date(effective, "--effective")
    database = services(ctx.app).db
    with click.progressbar(length=_count_lines(file), label="Đang nhập", file=sys.stderr) as bar:
        try:
            with database.unit_of_work(actor) as uow:
                report = run_import(uow.session, actor, file, effective_from=day, progress=bar.update)
        except CatalogueError as exc:
            fail(str(exc))
    click.echo(report.describe())
    if report.errors:
        sys.exit(1)


def _count_lines(file: Path) -> int:
    from catalogue.importers.dvcqg import open_lines
    with open_lines(file) as lines:
        return sum(1 for _ in lines)


@import_group.command("decision", help="Nhập phụ lục quyết định công bố (.xlsx hoặc .json) thành một dự thảo.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--number", help="Số quyết định (khi tệp không có).")
@click.option("--date", "date_", help="Ngày ký (YYYY-MM-DD).")
@click.option("--effective", help="Ngày hiệu lực (YYYY-MM-DD).")
@click.option("--signer", help="Người ký.")
@click.option("--issuer", help="Cơ quan ban hành.")
@click.option("--actor", default="cli", show_default=True)
@pass_ctx
def import_decision(ctx: Context, file: Path, number: str | None, date_: str | None,
                    effective: str | None, signer: str | None, issuer: str | None, actor: str) -> None:
    from catalogue.importers.annex import DecisionMeta, import_annex

    from .uploads import check_spreadsheet

    meta = DecisionMeta(number=number, date=parse_date(date_, "--date"),
                        effective_date=parse_date(effective, "--effective"), signer=signer, issuer=issuer)
    database = services(ctx.app).db
    try:
        check_spreadsheet(file)
        with database.unit_of_work(actor) as uow:
            report = import_annex(uow.session, actor, file, meta)
    except CatalogueError as exc:
        fail(str(exc))
    click.echo(report.describe())
    click.echo(f"Mã dự thảo: {report.decision_id}")


# -- decisions -----------------------------------------------------------------------------------

@main.group(help="Quyết định công bố.")
def decision() -> None:
    pass


@decision.command("list", help="Liệt kê các quyết định.")
@pass_ctx
def decision_list(ctx: Context) -> None:
    from sqlalchemy import select

    from catalogue.models import Decision

    with services(ctx.app).db.read() as session:
        for d in session.scalars(select(Decision).order_by(Decision.id)):
            click.echo(f"{d.id}\t{d.number}\t{d.status}\t{d.effective_date or ''}")


@decision.command("show", help="Xem một quyết định (ID hoặc số quyết định).")
@click.argument("ref")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@pass_ctx
def decision_show(ctx: Context, ref: str, as_json: bool) -> None:
    from catalogue.views import decision_dict

    with services(ctx.app).db.read() as session:
        try:
            data = decision_dict(session, decision_service.get_decision(session, ref))
        except CatalogueError as exc:
            fail(str(exc))
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2, default=str))
        return
    click.echo(f"Quyết định {data['number']} ({data['status']}), ký {data['date'] or '?'}, "
               f"hiệu lực {data['effective_date'] or '?'}, người ký {data['signer'] or '?'}")
    for item in data["items"]:
        click.echo(f"  {item['row']:>3}. [{item['kind']}] {item['code'] or '(chưa có mã)'} "
                   f"{item['name'] or ''} {('— ' + item['level']) if item['level'] else ''}")


@decision.command("validate", help="Kiểm tra một dự thảo quyết định.")
@click.argument("ref")
@pass_ctx
def decision_validate(ctx: Context, ref: str) -> None:
    with services(ctx.app).db.read() as session:
        try:
            problems = decision_service.validate(session, decision_service.get_decision(session, ref))
        except CatalogueError as exc:
            fail(str(exc))
    for p in problems:
        click.echo(f"{'LỖI' if p.severity == 'error' else 'Lưu ý'}: {p.describe()}")
    errors = [p for p in problems if p.severity == "error"]
    click.echo(f"{len(errors)} lỗi, {len(problems) - len(errors)} lưu ý.")
    sys.exit(1 if errors else 0)


@decision.command("publish", help="Công bố một dự thảo: tất cả thay đổi có hiệu lực cùng lúc, hoặc không gì cả.")
@click.argument("ref")
@click.option("--actor", default="cli", show_default=True)
@pass_ctx
def decision_publish(ctx: Context, ref: str, actor: str) -> None:
    from catalogue.errors import ValidationFailed

    try:
        with services(ctx.app).db.unit_of_work(actor) as uow:
            result = decision_service.publish(uow.session, actor, ref)
            number, count = result.decision.number, len(result.editions)
    except ValidationFailed as exc:
        for p in exc.problems:
            click.echo(f"{'LỖI' if p.severity == 'error' else 'Lưu ý'}: {p.describe()}", err=True)
        fail("quyết định chưa thể công bố.")
    except CatalogueError as exc:
        fail(str(exc))
    click.echo(f"Đã công bố quyết định {number}: {count} thủ tục thay đổi.")


# -- exports and statistics ----------------------------------------------------------------------

@main.group(help="Xuất dữ liệu.")
def export() -> None:
    pass


@export.command("catalogue", help="Xuất danh mục tại một ngày (JSON hoặc .xlsx).")
@click.option("--as-of", "as_of", help="Ngày (mặc định: hôm nay).")
@click.option("--format", "fmt", type=click.Choice(["json", "xlsx"]), default="json", show_default=True)
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_ctx
def export_catalogue(ctx: Context, as_of: str | None, fmt: str, output: Path) -> None:
    from catalogue.exports import export_catalogue_json, export_catalogue_xlsx

    day = parse_date(as_of, "--as-of")
    with services(ctx.app).db.read() as session:
        count = (export_catalogue_json if fmt == "json" else export_catalogue_xlsx)(session, output, day)
    click.echo(f"Đã xuất {count} thủ tục vào {output}.")


@export.command("decision", help="Xuất phụ lục của một quyết định ra .xlsx (nhập lại được).")
@click.argument("ref")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path), required=True)
@pass_ctx
def export_decision(ctx: Context, ref: str, output: Path) -> None:
    from catalogue.exports import export_decision_xlsx

    with services(ctx.app).db.read() as session:
        try:
            count = export_decision_xlsx(session, decision_service.get_decision(session, ref), output)
        except CatalogueError as exc:
            fail(str(exc))
    click.echo(f"Đã xuất {count} dòng vào {output}.")


@main.command(help="Thống kê thay đổi thủ tục theo kỳ, lĩnh vực hoặc cơ quan.")
@click.option("--from", "start", help="Từ ngày hiệu lực (YYYY-MM-DD).")
@click.option("--to", "end", help="Đến ngày hiệu lực (YYYY-MM-DD).")
@click.option("--by", type=click.Choice(["total", "month", "sector", "agency"]), default="total",
              show_default=True)
@click.option("--json", "as_json", is_flag=True)
@pass_ctx
def stats(ctx: Context, start: str | None, end: str | None, by: str, as_json: bool) -> None:
    from catalogue.stats import compute_stats

    with services(ctx.app).db.read() as session:
        result = compute_stats(session, start=parse_date(start, "--from"), end=parse_date(end, "--to"), by=by)
    if as_json:
        click.echo(json.dumps(result.to_dict(), ensure_ascii=False, indent=2))
    else:
        click.echo(result.describe())


# -- search ----------------------------------------------------------------------------------------

class SearchGroup(click.Group):
    """``tthc search "…"`` runs a query; ``tthc search sync|reindex|check|worker`` manage the index."""

    def parse_args(self, ctx: click.Context, args: list[str]) -> list[str]:
        if args and args[0] not in self.commands and args[0] not in ("--help", "-h"):
            args = ["query", *args]
        return super().parse_args(ctx, args)


@main.group("search", cls=SearchGroup, help="Tìm kiếm thủ tục và quản lý chỉ mục.")
def search_group() -> None:
    pass


@search_group.command("query", help="Tìm thủ tục (cũng chạy được bằng: tthc search \"…\").")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="In dạng JSON.")
@click.option("--limit", default=10, show_default=True, type=click.IntRange(1, 50))
@click.option("--as-of", "as_of", help="Tìm theo danh mục tại ngày (YYYY-MM-DD).")
@click.option("--include-abolished", is_flag=True, help="Gồm cả thủ tục đã bãi bỏ.")
@pass_ctx
def search_query(ctx: Context, text: str, as_json: bool, limit: int, as_of: str | None,
                 include_abolished: bool) -> None:
    from search.interface import QueryError, SearchQuery

    from .search_api import results_dict

    query = SearchQuery(text=text, per_page=limit, as_of=parse_date(as_of, "--as-of"),
                        include_abolished=include_abolished)
    try:
        results = services(ctx.app).search.search(query.checked())
    except QueryError as exc:
        fail(exc.message)
    data = results_dict(results)
    if as_json:
        click.echo(json.dumps(data, ensure_ascii=False, indent=2))
        return
    click.echo(f"{data['total']} thủ tục.")
    for hit in data["hits"]:
        click.echo(f"  [{hit['id']}] {hit['code'] or '(chưa có mã)'}  {hit['name']}")
    if data["suggestion"]:
        click.echo(f"Có phải bạn muốn tìm: {data['suggestion']}")


@search_group.command("sync", help="Đưa các thay đổi còn chờ vào chỉ mục.")
@pass_ctx
def search_sync_cmd(ctx: Context) -> None:
    from catalogue import search_sync

    count = search_sync.drain(services(ctx.app).db, services(ctx.app).search)
    click.echo(f"Đã cập nhật chỉ mục cho {count} thay đổi.")


@search_group.command("reindex", help="Dựng lại toàn bộ chỉ mục từ cơ sở dữ liệu (tìm kiếm vẫn hoạt động).")
@pass_ctx
def search_reindex(ctx: Context) -> None:
    from catalogue import search_sync

    count = search_sync.rebuild(services(ctx.app).db, services(ctx.app).search)
    click.echo(f"Đã dựng lại chỉ mục: {count} thủ tục.")


@search_group.command("check", help="Liệt kê thủ tục có phiên bản trong chỉ mục khác cơ sở dữ liệu (mã thoát 1 nếu có).")
@pass_ctx
def search_check(ctx: Context) -> None:
    from catalogue import search_sync

    mismatches = search_sync.check(services(ctx.app).db, services(ctx.app).search)
    for m in mismatches:
        click.echo(m.describe())
    click.echo(f"{len(mismatches)} thủ tục lệch.")
    sys.exit(1 if mismatches else 0)


@search_group.command("worker", help="Chạy tiến trình cập nhật chỉ mục (triển khai production).")
@click.option("--interval", default=1.0, show_default=True, type=float, help="Giây giữa hai lần kiểm tra.")
@click.option("--once", is_flag=True, help="Chạy một lần rồi dừng.")
@pass_ctx
def search_worker(ctx: Context, interval: float, once: bool) -> None:
    import time

    from catalogue import search_sync

    svc = services(ctx.app)
    while True:
        count = search_sync.drain(svc.db, svc.search)
        if count:
            click.echo(f"Đã cập nhật {count} thay đổi.")
        if once:
            return
        time.sleep(interval)


# -- accounts --------------------------------------------------------------------------------------

@main.group("user", help="Tài khoản cán bộ (officer, reviewer, admin).")
def user_group() -> None:
    pass


@user_group.command("create", help="Tạo tài khoản; mật khẩu đọc từ đầu vào chuẩn (không hiện trên dòng lệnh).")
@click.option("--email", required=True)
@click.option("--role", required=True, type=click.Choice(["officer", "reviewer", "admin"]))
@click.option("--name", default=None, help="Họ tên.")
@pass_ctx
def user_create(ctx: Context, email: str, role: str, name: str | None) -> None:
    from catalogue import accounts

    if sys.stdin.isatty():
        password = click.prompt("Mật khẩu", hide_input=True, confirmation_prompt="Nhập lại mật khẩu",
                                err=True)
    else:
        password = sys.stdin.readline().rstrip("\r\n")
    schema.upgrade(services(ctx.app).db.engine)  # the first admin is often made on a fresh install
    try:
        with services(ctx.app).db.unit_of_work("cli") as uow:
            user = accounts.create_user(uow.session, "cli", email=email, role=role, password=password, name=name)
            created = user.email
    except CatalogueError as exc:
        fail(str(exc))
    click.echo(f"Đã tạo tài khoản {created} ({accounts.ROLE_LABELS[role]}).")


@user_group.command("token", help="Tạo khóa API cho một tài khoản; khóa chỉ in ra một lần.")
@click.option("--email", required=True)
@click.option("--name", required=True, help="Tên khóa (ví dụ tên ứng dụng dùng nó).")
@pass_ctx
def user_token(ctx: Context, email: str, name: str) -> None:
    from catalogue import accounts

    try:
        with services(ctx.app).db.unit_of_work("cli") as uow:
            user = accounts.find_user(uow.session, email)
            if user is None:
                fail(f"không có tài khoản {accounts.normalise_email(email)}.")
            _row, token = accounts.create_token(uow.session, "cli", user, name)
    except CatalogueError as exc:
        fail(str(exc))
    click.echo(token)


# -- operations: audit trail, deployment check, backup and restore ---------------------------------

@main.group("audit", help="Nhật ký thay đổi (chuỗi mã băm, không sửa được).")
def audit_group() -> None:
    pass


@audit_group.command("verify", help="Kiểm tra chuỗi mã băm của nhật ký (mã thoát 1 và mục đầu tiên bị can thiệp).")
@pass_ctx
def audit_verify(ctx: Context) -> None:
    from catalogue import audit

    from .checks import schema_problems

    engine = services(ctx.app).db.engine
    for problem in schema_problems(engine):
        fail(problem)
    report = audit.verify_database(engine)
    if report.problem is not None:
        where = f" (mục {report.problem.entry_id})" if report.problem.entry_id is not None else ""
        fail(f"nhật ký không còn nguyên vẹn{where}: {report.problem.message} "
             f"{report.count} mục trước đó khớp chuỗi.")
    click.echo(f"Nhật ký nguyên vẹn: {report.count} mục; mục cuối {report.last_id}, mã băm {report.last_hash}.")


@main.command("check", help="Kiểm tra cấu hình, phiên bản lược đồ và chỉ mục tìm kiếm (mã thoát 1 nếu có lỗi).")
@pass_ctx
def check_command(ctx: Context) -> None:
    from . import checks
    from .config import ConfigError

    try:
        app = ctx.app
    except ConfigError as exc:
        click.echo(f"Cấu hình: LỖI\n  - {exc}")
        fail("cấu hình không chạy được; các kiểm tra khác cần một cấu hình hợp lệ.")
    results = checks.run_all(app.config, services(app))
    for result in results:
        notes = f" ({'; '.join(result.notes)})" if result.notes else ""
        click.echo(f"{result.name}: {'đạt' if result.ok else 'LỖI'}{notes}")
        for problem in result.problems:
            click.echo(f"  - {problem}")
    failed = [r.name.lower() for r in results if not r.ok]
    if failed:
        fail(f"không đạt: {', '.join(failed)}.")
    click.echo("Tất cả kiểm tra đều đạt.")


@main.command("backup", help="Sao lưu cơ sở dữ liệu và tệp tải lên vào một tệp .zip (chỉ mục dựng lại khi khôi phục).")
@click.option("-o", "--output", type=click.Path(dir_okay=False, path_type=Path),
              help="Tệp .zip (mặc định: tthc-backup-<thời điểm UTC>.zip ở thư mục hiện tại).")
@click.option("--logical", is_flag=True, help="Ghi các bảng dạng JSON Lines cả khi dùng SQLite.")
@pass_ctx
def backup_command(ctx: Context, output: Path | None, logical: bool) -> None:
    from catalogue.backup import describe

    from .backup import backup

    try:
        summary = backup(ctx.app, output, logical=logical)
    except CatalogueError as exc:
        fail(str(exc))
    click.echo(f"Đã sao lưu vào {summary.path}: {describe(summary)}.")


@main.command("restore", help="Khôi phục bản sao lưu vào cơ sở dữ liệu đang cấu hình, rồi dựng lại chỉ mục tìm kiếm.")
@click.argument("file", type=click.Path(exists=True, dir_okay=False, path_type=Path))
@click.option("--force", is_flag=True, help="Ghi đè cả khi cơ sở dữ liệu hoặc thư mục tải lên đã có dữ liệu.")
@pass_ctx
def restore_command(ctx: Context, file: Path, force: bool) -> None:
    from catalogue.backup import describe

    from .backup import restore

    try:
        summary, indexed = restore(ctx.app, file, force=force)
    except CatalogueError as exc:
        fail(str(exc))
    click.echo(f"Đã khôi phục từ {file}: {describe(summary)}; lược đồ đã nâng lên phiên bản mới nhất.")
    click.echo(f"Đã dựng lại chỉ mục tìm kiếm: {indexed} thủ tục.")


def _register_optional(group: click.Group) -> None:
    """Commands owned by other packages (reviewer, search) join the group here."""
    try:
        from review.cli import review
    except ImportError:  # the reviewer's command line is optional at this layer
        return
    group.add_command(review)


_register_optional(main)


def register_flask_commands(app: Flask) -> None:
    """Expose the same commands under ``flask --app app …``."""
    for name, command in main.commands.items():
        if name not in app.cli.commands:
            app.cli.add_command(command, name)
