"""public directory: exhibitor profile fields, an event's published flag and directory address

Revision ID: 0005
Revises: 0002
Create Date: 2026-12-02 00:00:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0005'
down_revision = '0004'
branch_labels = None
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.add_column(sa.Column('whatsapp', sa.String(length=20), nullable=True))
        batch_op.add_column(sa.Column('links', sa.Text(), nullable=True))
        batch_op.add_column(sa.Column('description', sa.Text(), nullable=True))
    with op.batch_alter_table('events', schema=None) as batch_op:
        # Existing events stay unpublished: publishing is an organizer's decision.
        batch_op.add_column(sa.Column('directory_published', sa.Boolean(), nullable=False,
                                      server_default=sa.false()))
        batch_op.add_column(sa.Column('directory_base_url', sa.String(length=500),
                                      nullable=True))


def downgrade() -> None:
    with op.batch_alter_table('events', schema=None) as batch_op:
        batch_op.drop_column('directory_base_url')
        batch_op.drop_column('directory_published')
    with op.batch_alter_table('applicants', schema=None) as batch_op:
        batch_op.drop_column('description')
        batch_op.drop_column('links')
        batch_op.drop_column('whatsapp')
