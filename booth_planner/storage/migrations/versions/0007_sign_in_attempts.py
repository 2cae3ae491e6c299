"""sign_in_attempts: password sign-in attempts, for throttling and for administrators to see

Revision ID: 0007
Revises: 0002
Create Date: 2026-12-02 00:40:00
"""

from alembic import op
import sqlalchemy as sa


revision = '0007'
down_revision = '0005'
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table('sign_in_attempts',
    sa.Column('id', sa.Integer(), nullable=False),
    sa.Column('at', sa.DateTime(timezone=True), nullable=False),
    sa.Column('username', sa.String(length=100), nullable=False),
    sa.Column('client', sa.String(length=100), nullable=False),
    sa.Column('succeeded', sa.Boolean(), nullable=False),
    sa.PrimaryKeyConstraint('id', name=op.f('pk_sign_in_attempts'))
    )
    op.create_index('ix_sign_in_attempts_username_at', 'sign_in_attempts', ['username', 'at'])
    op.create_index('ix_sign_in_attempts_client_at', 'sign_in_attempts', ['client', 'at'])


def downgrade() -> None:
    op.drop_index('ix_sign_in_attempts_client_at', table_name='sign_in_attempts')
    op.drop_index('ix_sign_in_attempts_username_at', table_name='sign_in_attempts')
    op.drop_table('sign_in_attempts')
