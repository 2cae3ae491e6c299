"""lifecycle: applicant status and payment, certificates, holds and offers, certificate rules

Existing applicants become accepted (``diterima``) and unpaid, so events from before behave as
they did.

Revision ID: 0008
Revises: 0007
Create Date: 2026-12-02 05:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0008'
down_revision = '0007'
branch_labels = None
depends_on = None

STATUSES = "'diajukan', 'diverifikasi', 'diterima', 'daftar_tunggu', 'ditolak', 'mundur'"
PAYMENTS = "'belum_bayar', 'lunas', 'gratis', 'bayar_kemudian'"


def upgrade() -> None:
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('status', sa.String(length=20), nullable=False,
                                      server_default='diterima'))
        batch_op.add_column(sa.Column('status_reason', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('status_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('payment_status', sa.String(length=20), nullable=False,
                                      server_default='belum_bayar'))
        batch_op.add_column(sa.Column('paid_on', sa.Date(), nullable=True))
        batch_op.add_column(sa.Column('paid_idr', sa.BigInteger(), nullable=True))
        batch_op.add_column(sa.Column('sponsor', sa.String(length=200), nullable=True))
        batch_op.add_column(sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True))
        batch_op.add_column(sa.Column('updated_by', sa.String(length=100), nullable=True))
        batch_op.create_check_constraint(op.f('ck_applicants_status'), f"status IN ({STATUSES})")
        batch_op.create_check_constraint(op.f('ck_applicants_payment_status'), f"payment_status IN ({PAYMENTS})")
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.add_column(sa.Column('certificate_rules', sa.JSON(), nullable=True))
    op.create_table('certificates',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('applicant_pk', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=30), nullable=False),
    sa.Column('number', sa.String(length=100), nullable=False),
    sa.Column('expires_on', sa.Date(), nullable=True),
    sa.ForeignKeyConstraint(['event_id', 'applicant_pk'], ['applicants.event_id', 'applicants.id'],
                            name='fk_certificates_applicant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_certificates')),
    sa.UniqueConstraint('applicant_pk', 'kind', name='uq_certificates_applicant_kind'),
    )
    op.create_table('holds',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('booth_pk', sa.Integer(), nullable=False),
    sa.Column('applicant_pk', sa.Integer(), nullable=False),
    sa.Column('kind', sa.String(length=10), nullable=False),
    sa.Column('until', sa.DateTime(timezone=True), nullable=False),
    sa.Column('state', sa.String(length=20), nullable=False),
    sa.Column('created_at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('created_by', sa.String(length=100), nullable=False),
    sa.Column('closed_at', sa.DateTime(timezone=True), nullable=True),
    sa.CheckConstraint("kind IN ('hold', 'offer')", name=op.f('ck_holds_kind')),
    sa.CheckConstraint("state IN ('open', 'confirmed', 'released', 'expired', 'accepted', "
                       "'declined')", name=op.f('ck_holds_state')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_holds_event_id_events'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['booth_pk'], ['booths.id'], name=op.f('fk_holds_booth_pk_booths'),
                            ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id', 'applicant_pk'], ['applicants.event_id', 'applicants.id'],
                            name='fk_holds_applicant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_holds')),
    )
    op.create_index('ix_holds_event_state_until', 'holds', ['event_id', 'state', 'until'])


def downgrade() -> None:
    op.drop_index('ix_holds_event_state_until', table_name='holds')
    op.drop_table('holds')
    op.drop_table('certificates')
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('certificate_rules')
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.drop_constraint(op.f('ck_applicants_payment_status'), type_='check')
        batch_op.drop_constraint(op.f('ck_applicants_status'), type_='check')
        for column in ('updated_by', 'updated_at', 'sponsor', 'paid_idr', 'paid_on',
                       'payment_status', 'status_at', 'status_reason', 'status'):
            batch_op.drop_column(column)
