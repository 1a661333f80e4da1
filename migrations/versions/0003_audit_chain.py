"""audit chain: prev_hash and hash on audit rows, the chain's head, append-only triggers

Existing audit rows are chained in id order, so a database that had an audit trail before keeps
it, now tamper-evident. The triggers refuse UPDATE and DELETE (and TRUNCATE on PostgreSQL).

Revision ID: 0003
Revises: 0002
Create Date: 2026-11-26
"""
from alembic import op
import sqlalchemy as sa

from catalogue.models import (
    AUDIT_GENESIS, AUDIT_HEAD_ID, AUDIT_HEAD_ROW, AUDIT_TRIGGERS, AuditEntry, audit_row_hash,
)


revision = '0003'
down_revision = '0002'
branch_labels = None
depends_on = None

ID = sa.BigInteger().with_variant(sa.Integer(), 'sqlite')


def upgrade() -> None:
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.add_column(sa.Column('prev_hash', sa.String(length=64), nullable=True))
        batch_op.add_column(sa.Column('hash', sa.String(length=64), nullable=True))
    last_id, last_hash = _chain_existing_rows()
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.alter_column('prev_hash', existing_type=sa.String(length=64), nullable=False)
        batch_op.alter_column('hash', existing_type=sa.String(length=64), nullable=False)

    op.create_table('audit_head',
    sa.Column('id', sa.Integer(), autoincrement=False, nullable=False),
    sa.Column('last_id', sa.BigInteger(), nullable=False),
    sa.Column('last_hash', sa.String(length=64), nullable=False),
    sa.CheckConstraint('id = 1', name=op.f('ck_audit_head_single_row')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_head'))
    )
    op.execute(AUDIT_HEAD_ROW)
    if last_id:
        head = sa.table('audit_head', sa.column('id', sa.Integer()), sa.column('last_id', ID),
                        sa.column('last_hash', sa.String()))
        op.execute(head.update().where(head.c.id == AUDIT_HEAD_ID)
                   .values(last_id=last_id, last_hash=last_hash))
    for statement in AUDIT_TRIGGERS.get(op.get_bind().dialect.name, ()):
        op.execute(statement)


def _chain_existing_rows() -> tuple[int, str]:
    """Give every existing row its link, in id order; returns the chain's last id and hash."""
    conn = op.get_bind()
    entry = sa.table('audit_entry', sa.column('id', ID), sa.column('at', sa.DateTime(timezone=True)),
                     sa.column('actor', sa.String()), sa.column('action', sa.String()),
                     sa.column('object_type', sa.String()), sa.column('object_id', sa.BigInteger()),
                     sa.column('before', sa.JSON()), sa.column('after', sa.JSON()),
                     sa.column('prev_hash', sa.String()), sa.column('hash', sa.String()))
    fields = [entry.c[name] for name in AuditEntry.CHAINED_FIELDS]
    last_id, last_hash = 0, AUDIT_GENESIS
    links = []
    for row in conn.execute(sa.select(*fields).order_by(entry.c.id)):
        digest = audit_row_hash(last_hash, dict(row._mapping))
        links.append({'row_id': row.id, 'prev_hash': last_hash, 'hash': digest})
        last_id, last_hash = row.id, digest
    if links:
        conn.execute(entry.update().where(entry.c.id == sa.bindparam('row_id'))
                     .values(prev_hash=sa.bindparam('prev_hash'), hash=sa.bindparam('hash')), links)
    return last_id, last_hash


def downgrade() -> None:
    dialect = op.get_bind().dialect.name
    if dialect == 'postgresql':
        op.execute('DROP TRIGGER IF EXISTS audit_entry_no_truncate ON audit_entry')
        op.execute('DROP TRIGGER IF EXISTS audit_entry_no_change ON audit_entry')
        op.execute('DROP FUNCTION IF EXISTS audit_entry_refuse_change()')
    elif dialect == 'sqlite':
        op.execute('DROP TRIGGER IF EXISTS audit_entry_no_update')
        op.execute('DROP TRIGGER IF EXISTS audit_entry_no_delete')
    op.drop_table('audit_head')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_column('hash')
        batch_op.drop_column('prev_hash')
