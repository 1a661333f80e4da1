"""catalogue schema

Revision ID: 0001
Revises: 
Create Date: 2026-11-25
"""
from alembic import op
import sqlalchemy as sa


revision = '0001'
down_revision = None
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('agency',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=500), nullable=False),
    sa.Column('slug', sa.String(length=500), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_agency')),
    sa.UniqueConstraint('name', name=op.f('uq_agency_name')),
    sa.UniqueConstraint('slug', name=op.f('uq_agency_slug'))
    )
    op.create_table('audit_entry',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('actor', sa.String(length=200), nullable=False),
    sa.Column('action', sa.String(length=50), nullable=False),
    sa.Column('object_type', sa.String(length=50), nullable=False),
    sa.Column('object_id', sa.BigInteger(), nullable=True),
    sa.Column('before', sa.JSON(), nullable=True),
    sa.Column('after', sa.JSON(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_audit_entry'))
    )
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_audit_entry_at'), ['at'], unique=False)

    op.create_table('decision',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('date', sa.Date(), nullable=True),
    sa.Column('issuer', sa.String(length=300), nullable=True),
    sa.Column('signer', sa.String(length=300), nullable=True),
    sa.Column('effective_date', sa.Date(), nullable=True),
    sa.Column('legal_bases', sa.JSON(), nullable=False),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('source', sa.String(length=500), nullable=True),
    sa.Column('source_sha256', sa.String(length=64), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=True),
    sa.Column('published_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('published_by', sa.String(length=200), nullable=True),
    sa.CheckConstraint("status IN ('draft', 'published')", name=op.f('ck_decision_status')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision')),
    sa.UniqueConstraint('number', name=op.f('uq_decision_number'))
    )
    op.create_table('procedure',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('status', sa.String(length=20), nullable=False),
    sa.Column('current_edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('predecessor_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('updated_by', sa.String(length=200), nullable=True),
    sa.CheckConstraint("status IN ('in_force', 'abolished', 'replaced')", name=op.f('ck_procedure_status')),
    sa.ForeignKeyConstraint(['predecessor_id'], ['procedure.id'], name=op.f('fk_procedure_predecessor_id_procedure')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_procedure')),
    sa.UniqueConstraint('code', name=op.f('uq_procedure_code'))
    )
    op.create_table('search_outbox',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('procedure_id', sa.BigInteger(), nullable=False),
    sa.Column('revision', sa.Integer(), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_search_outbox'))
    )
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_search_outbox_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('sector',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('name', sa.String(length=300), nullable=False),
    sa.Column('slug', sa.String(length=300), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sector')),
    sa.UniqueConstraint('name', name=op.f('uq_sector_name')),
    sa.UniqueConstraint('slug', name=op.f('uq_sector_slug'))
    )
    op.create_table('code_alias',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('procedure_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=False),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_code_alias_procedure_id_procedure')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_code_alias')),
    sa.UniqueConstraint('code', name=op.f('uq_code_alias_code'))
    )
    with op.batch_alter_table('code_alias', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_code_alias_procedure_id'), ['procedure_id'], unique=False)

    op.create_table('decision_item',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('decision_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('row_number', sa.Integer(), nullable=True),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('name', sa.Text(), nullable=True),
    sa.Column('sector', sa.String(length=300), nullable=True),
    sa.Column('level', sa.String(length=20), nullable=True),
    sa.Column('agency', sa.String(length=500), nullable=True),
    sa.Column('changed_parts', sa.JSON(), nullable=False),
    sa.Column('procedure_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('successor_item_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('successor_code', sa.String(length=40), nullable=True),
    sa.Column('content', sa.JSON(), nullable=True),
    sa.Column('note', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('new', 'amended', 'replaced', 'abolished')", name=op.f('ck_decision_item_kind')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_decision_item_decision_id_decision'), ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_decision_item_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['successor_item_id'], ['decision_item.id'], name=op.f('fk_decision_item_successor_item_id_decision_item')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_decision_item'))
    )
    with op.batch_alter_table('decision_item', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_decision_item_decision_id'), ['decision_id'], unique=False)

    op.create_table('edition',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('procedure_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('seq', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('in_force', sa.Boolean(), nullable=False),
    sa.Column('effective_from', sa.Date(), nullable=False),
    sa.Column('effective_to', sa.Date(), nullable=True),
    sa.Column('decision_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('changed_parts', sa.JSON(), nullable=False),
    sa.Column('successor_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('source', sa.String(length=500), nullable=True),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=200), nullable=True),
    sa.Column('code', sa.String(length=40), nullable=True),
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('sector_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=True),
    sa.Column('procedure_type', sa.String(length=300), nullable=True),
    sa.Column('conditions', sa.Text(), nullable=True),
    sa.Column('online_level', sa.String(length=20), nullable=True),
    sa.Column('online_url', sa.String(length=1000), nullable=True),
    sa.Column('notes', sa.Text(), nullable=True),
    sa.CheckConstraint("kind IN ('new', 'amended', 'replaced', 'abolished', 'corrected')", name=op.f('ck_edition_kind')),
    sa.CheckConstraint('effective_to IS NULL OR effective_to >= effective_from', name=op.f('ck_edition_range')),
    sa.ForeignKeyConstraint(['decision_id'], ['decision.id'], name=op.f('fk_edition_decision_id_decision')),
    sa.ForeignKeyConstraint(['procedure_id'], ['procedure.id'], name=op.f('fk_edition_procedure_id_procedure')),
    sa.ForeignKeyConstraint(['sector_id'], ['sector.id'], name=op.f('fk_edition_sector_id_sector')),
    sa.ForeignKeyConstraint(['successor_id'], ['procedure.id'], name=op.f('fk_edition_successor_id_procedure')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition')),
    sa.UniqueConstraint('procedure_id', 'seq', name=op.f('uq_edition_procedure_id'))
    )
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_decision_id'), ['decision_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_edition_procedure_id'), ['procedure_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_edition_sector_id'), ['sector_id'], unique=False)
        batch_op.create_index('ix_edition_validity', ['effective_from', 'effective_to'], unique=False)

    # procedure.current_edition_id and edition.procedure_id refer to each other: add this one last.
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.create_foreign_key('fk_procedure_current_edition', 'edition', ['current_edition_id'], ['id'])

    op.create_table('edition_agency',
    sa.Column('agency_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('role', sa.String(length=20), nullable=False),
    sa.Column('address', sa.Text(), nullable=True),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['agency_id'], ['agency.id'], name=op.f('fk_edition_agency_agency_id_agency')),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_agency_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_agency'))
    )
    with op.batch_alter_table('edition_agency', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_agency_agency_id'), ['agency_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_edition_agency_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_audience',
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_audience_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_audience'))
    )
    with op.batch_alter_table('edition_audience', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_audience_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_channel',
    sa.Column('kind', sa.String(length=20), nullable=False),
    sa.Column('time_value', sa.Numeric(precision=12, scale=2), nullable=True),
    sa.Column('time_unit', sa.String(length=20), nullable=True),
    sa.Column('time_text', sa.Text(), nullable=True),
    sa.Column('description', sa.Text(), nullable=True),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_channel_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_channel'))
    )
    with op.batch_alter_table('edition_channel', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_channel_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_legal_act',
    sa.Column('number', sa.String(length=200), nullable=True),
    sa.Column('title', sa.Text(), nullable=True),
    sa.Column('article', sa.Text(), nullable=True),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_legal_act_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_legal_act'))
    )
    with op.batch_alter_table('edition_legal_act', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_legal_act_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_level',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('level', sa.String(length=20), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_level_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_level')),
    sa.UniqueConstraint('edition_id', 'level', name=op.f('uq_edition_level_edition_id'))
    )
    with op.batch_alter_table('edition_level', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_level_edition_id'), ['edition_id'], unique=False)
        batch_op.create_index(batch_op.f('ix_edition_level_level'), ['level'], unique=False)

    op.create_table('edition_paper',
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('group', sa.String(length=20), nullable=False),
    sa.Column('form', sa.Text(), nullable=True),
    sa.Column('originals', sa.Integer(), nullable=True),
    sa.Column('copies', sa.Integer(), nullable=True),
    sa.Column('quantity_text', sa.Text(), nullable=True),
    sa.Column('case', sa.Text(), nullable=True),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_paper_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_paper'))
    )
    with op.batch_alter_table('edition_paper', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_paper_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_result',
    sa.Column('name', sa.Text(), nullable=False),
    sa.Column('code', sa.String(length=100), nullable=True),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_result_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_result'))
    )
    with op.batch_alter_table('edition_result', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_result_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_step',
    sa.Column('text', sa.Text(), nullable=False),
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('edition_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['edition_id'], ['edition.id'], name=op.f('fk_edition_step_edition_id_edition')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_step'))
    )
    with op.batch_alter_table('edition_step', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_step_edition_id'), ['edition_id'], unique=False)

    op.create_table('edition_fee',
    sa.Column('id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('channel_id', sa.BigInteger().with_variant(sa.Integer(), 'sqlite'), nullable=False),
    sa.Column('position', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=20), nullable=True),
    sa.Column('amount', sa.BigInteger(), nullable=True),
    sa.Column('text', sa.Text(), nullable=True),
    sa.ForeignKeyConstraint(['channel_id'], ['edition_channel.id'], name=op.f('fk_edition_fee_channel_id_edition_channel')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_edition_fee'))
    )
    with op.batch_alter_table('edition_fee', schema=None) as batch_op:
        batch_op.create_index(batch_op.f('ix_edition_fee_channel_id'), ['channel_id'], unique=False)



def downgrade() -> None:
    with op.batch_alter_table('procedure', schema=None) as batch_op:
        batch_op.drop_constraint('fk_procedure_current_edition', type_='foreignkey')
    with op.batch_alter_table('edition_fee', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_fee_channel_id'))

    op.drop_table('edition_fee')
    with op.batch_alter_table('edition_step', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_step_edition_id'))

    op.drop_table('edition_step')
    with op.batch_alter_table('edition_result', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_result_edition_id'))

    op.drop_table('edition_result')
    with op.batch_alter_table('edition_paper', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_paper_edition_id'))

    op.drop_table('edition_paper')
    with op.batch_alter_table('edition_level', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_level_level'))
        batch_op.drop_index(batch_op.f('ix_edition_level_edition_id'))

    op.drop_table('edition_level')
    with op.batch_alter_table('edition_legal_act', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_legal_act_edition_id'))

    op.drop_table('edition_legal_act')
    with op.batch_alter_table('edition_channel', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_channel_edition_id'))

    op.drop_table('edition_channel')
    with op.batch_alter_table('edition_audience', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_audience_edition_id'))

    op.drop_table('edition_audience')
    with op.batch_alter_table('edition_agency', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_edition_agency_edition_id'))
        batch_op.drop_index(batch_op.f('ix_edition_agency_agency_id'))

    op.drop_table('edition_agency')
    with op.batch_alter_table('edition', schema=None) as batch_op:
        batch_op.drop_index('ix_edition_validity')
        batch_op.drop_index(batch_op.f('ix_edition_sector_id'))
        batch_op.drop_index(batch_op.f('ix_edition_procedure_id'))
        batch_op.drop_index(batch_op.f('ix_edition_decision_id'))

    op.drop_table('edition')
    with op.batch_alter_table('decision_item', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_decision_item_decision_id'))

    op.drop_table('decision_item')
    with op.batch_alter_table('code_alias', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_code_alias_procedure_id'))

    op.drop_table('code_alias')
    op.drop_table('sector')
    with op.batch_alter_table('search_outbox', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_search_outbox_procedure_id'))

    op.drop_table('search_outbox')
    op.drop_table('procedure')
    op.drop_table('decision')
    with op.batch_alter_table('audit_entry', schema=None) as batch_op:
        batch_op.drop_index(batch_op.f('ix_audit_entry_at'))

    op.drop_table('audit_entry')
    op.drop_table('agency')
