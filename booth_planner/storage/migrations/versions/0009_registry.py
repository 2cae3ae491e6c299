"""registry: produk unggulan entries kept across events, their change history, and an event's
option to favour flagship products

Revision ID: 0009
Revises: 0008
Create Date: 2026-12-02 05:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0009'
down_revision = '0008'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('registry_entries',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('region_code', sa.String(length=8), nullable=False),
    sa.Column('name', sa.String(length=200), nullable=False),
    sa.Column('name_key', sa.String(length=200), nullable=False),
    sa.Column('category', sa.String(length=100), nullable=False),
    sa.Column('description', sa.Text(), nullable=False),
    sa.Column('raw_material', sa.String(length=200), nullable=False),
    sa.Column('producers', sa.Text(), nullable=False),
    sa.Column('ig_number', sa.String(length=20), nullable=True),
    sa.Column('ovop_stars', sa.Integer(), nullable=True),
    sa.Column('halal', sa.Boolean(), nullable=False),
    sa.Column('permit', sa.String(length=100), nullable=True),
    sa.Column('sources', sa.JSON(), nullable=False),
    sa.Column('version', sa.Integer(), nullable=False),
    sa.Column('updated_at', sa.DateTime(timezone=True), nullable=True),
    sa.Column('updated_by', sa.String(length=100), nullable=True),
    sa.CheckConstraint('ovop_stars IS NULL OR (ovop_stars >= 1 AND ovop_stars <= 5)', name=op.f('ck_registry_entries_ovop_stars')),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_entries')),
    sa.UniqueConstraint('region_code', 'name_key', name='uq_registry_entries_region_key')
    )
    op.create_table('registry_changes',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('user', sa.String(length=100), nullable=False),
    sa.Column('action', sa.String(length=40), nullable=False),
    sa.Column('summary', sa.Text(), nullable=False),
    sa.Column('details', sa.JSON(), nullable=False),
    sa.Column('undoable', sa.Boolean(), nullable=False),
    sa.Column('undone_by', sa.Integer(), nullable=True),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_registry_changes'))
    )
    op.add_column('events', sa.Column('favour_flagship', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))


def downgrade() -> None:
    # SQLite (3.35+) drops a column in place; batch mode would recreate the table.
    op.execute('ALTER TABLE events DROP COLUMN favour_flagship')
    op.drop_table('registry_changes')
    op.drop_table('registry_entries')
