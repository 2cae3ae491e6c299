"""gallery: region codes down to kecamatan; periods, members' turns, roster turns, sales

Revision ID: 0004
Revises: 0002
Create Date: 2026-12-02 00:45:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0004'
down_revision = '0002'
branch_labels = None
depends_on = None


def _widen(table: str, width: int) -> None:
    """Set ``table.region_code`` to ``width`` characters, keeping every row.

    SQLite never enforces a VARCHAR length, so there the column is left as it is: recreating
    the table (Alembic's batch mode) would cascade deletes through its foreign keys.
    """
    if op.get_bind().dialect.name == 'sqlite':
        return
    op.alter_column(table, 'region_code', existing_type=sa.String(length=13 - width),
                    type_=sa.String(length=width), existing_nullable=False)


def upgrade() -> None:
    # PP.RR.DD (kecamatan) is 8 characters.
    _widen('applicants', 8)
    _widen('region_aliases', 8)
    op.add_column('events', sa.Column('kind', sa.String(length=20), nullable=False,
                                      server_default='expo'))
    op.add_column('events', sa.Column('home_region', sa.String(length=8), nullable=True))
    op.add_column('events', sa.Column('max_consecutive', sa.Integer(), nullable=False,
                                      server_default='1'))
    op.create_table('gallery_periods',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('period_id', sa.String(length=50), nullable=False),
    sa.Column('start', sa.Date(), nullable=False),
    sa.Column('end', sa.Date(), nullable=False),
    sa.CheckConstraint('"end" >= start', name=op.f('ck_gallery_periods_dates')),
    sa.ForeignKeyConstraint(['event_id'], ['events.id'], name=op.f('fk_gallery_periods_event_id_events'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_gallery_periods')),
    sa.UniqueConstraint('event_id', 'period_id', name='uq_gallery_periods_event_period'),
    sa.UniqueConstraint('event_id', 'id', name='uq_gallery_periods_event_id_id')
    )
    op.create_table('gallery_members',
    sa.Column('applicant_pk', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('turns_before', sa.Integer(), nullable=False),
    sa.Column('unavailable_periods', sa.JSON(), nullable=False),
    sa.CheckConstraint('turns_before >= 0', name=op.f('ck_gallery_members_turns_before')),
    sa.ForeignKeyConstraint(['event_id', 'applicant_pk'], ['applicants.event_id', 'applicants.id'], name='fk_gallery_members_applicant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('applicant_pk', name=op.f('pk_gallery_members'))
    )
    op.create_table('roster_turns',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('period_pk', sa.Integer(), nullable=False),
    sa.Column('booth_pk', sa.Integer(), nullable=False),
    sa.Column('applicant_pk', sa.Integer(), nullable=False),
    sa.Column('locked', sa.Boolean(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.ForeignKeyConstraint(['event_id', 'period_pk'], ['gallery_periods.event_id', 'gallery_periods.id'], name='fk_roster_turns_period', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id', 'applicant_pk'], ['applicants.event_id', 'applicants.id'], name='fk_roster_turns_applicant', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['booth_pk'], ['booths.id'], name=op.f('fk_roster_turns_booth_pk_booths'), ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_roster_turns')),
    sa.UniqueConstraint('period_pk', 'booth_pk', name='uq_roster_turns_period_booth')
    )
    op.create_table('turn_sales',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('event_id', sa.Integer(), nullable=False),
    sa.Column('period_pk', sa.Integer(), nullable=False),
    sa.Column('applicant_pk', sa.Integer(), nullable=False),
    sa.Column('sales_idr', sa.BigInteger(), nullable=False),
    sa.Column('items', sa.Integer(), nullable=False),
    sa.Column('note', sa.Text(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.CheckConstraint('sales_idr >= 0 AND items >= 0', name=op.f('ck_turn_sales_amounts')),
    sa.ForeignKeyConstraint(['event_id', 'period_pk'], ['gallery_periods.event_id', 'gallery_periods.id'], name='fk_turn_sales_period', ondelete='CASCADE'),
    sa.ForeignKeyConstraint(['event_id', 'applicant_pk'], ['applicants.event_id', 'applicants.id'], name='fk_turn_sales_applicant', ondelete='CASCADE'),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_turn_sales')),
    sa.UniqueConstraint('period_pk', 'applicant_pk', name='uq_turn_sales_period_applicant')
    )


def downgrade() -> None:
    op.drop_table('turn_sales')
    op.drop_table('roster_turns')
    op.drop_table('gallery_members')
    op.drop_table('gallery_periods')
    for column in ('max_consecutive', 'home_region', 'kind'):
        # SQLite (3.35+) drops a column in place; batch mode would recreate the table.
        op.execute(f'ALTER TABLE events DROP COLUMN {column}')
    # Kecamatan codes do not fit the old width: they fall back to their kabupaten/kota.
    op.execute("UPDATE region_aliases SET region_code = substr(region_code, 1, 5) "
               "WHERE length(region_code) > 5")
    op.execute("UPDATE applicants SET region_code = substr(region_code, 1, 5) "
               "WHERE length(region_code) > 5")
    _widen('region_aliases', 5)
    _widen('applicants', 5)
