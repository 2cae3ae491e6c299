"""The database schema. Rules that must never break are constraints here, not only code.

A booth row carries its assignment (``applicant_pk``), so a booth can never hold two applicants;
a CHECK keeps blocked booths empty; a composite foreign key keeps an assignment inside its event.
Every booth row has a ``version`` that each change increments, for optimistic concurrency.
"""

from __future__ import annotations

from datetime import date, datetime

from sqlalchemy import (
    JSON,
    BigInteger,
    Boolean,
    CheckConstraint,
    Date,
    DateTime,
    Float,
    ForeignKey,
    ForeignKeyConstraint,
    Index,
    Integer,
    MetaData,
    String,
    Text,
    UniqueConstraint,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column

NAMING = {
    "ix": "ix_%(column_0_label)s",
    "uq": "uq_%(table_name)s_%(column_0_name)s",
    "ck": "ck_%(table_name)s_%(constraint_name)s",
    "fk": "fk_%(table_name)s_%(column_0_name)s_%(referred_table_name)s",
    "pk": "pk_%(table_name)s",
}


class Base(DeclarativeBase):
    """Declarative base with named constraints, so migrations can refer to them."""

    metadata = MetaData(naming_convention=NAMING)


class EventRow(Base):
    """An exhibition: the HUT Dekranas expo, a PON showcase, a permanent gallery."""

    __tablename__ = "events"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    slug: Mapped[str] = mapped_column(String(80), unique=True)
    name: Mapped[str] = mapped_column(String(200))
    venue: Mapped[str] = mapped_column(String(200), default="")
    city: Mapped[str] = mapped_column(String(100), default="")
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)
    scope: Mapped[str] = mapped_column(String(20), default="regional")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    # A permanent gallery rotates members over periods (SPEC 5); an expo allocates once.
    kind: Mapped[str] = mapped_column(String(20), default="expo", server_default="expo")
    home_region: Mapped[str | None] = mapped_column(String(8))
    max_consecutive: Mapped[int] = mapped_column(Integer, default=1, server_default="1")
    # The visitor directory shows an event only once an organizer publishes it.
    directory_published: Mapped[bool] = mapped_column(Boolean, default=False,
                                                      server_default=false())
    directory_base_url: Mapped[str | None] = mapped_column(String(500))
    # Among applicants of one region, prefer the one bringing a registry produk unggulan.
    favour_flagship: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())
    # Which certificates each category needs ({category: [[alternatives], ...]}); None: defaults.
    certificate_rules: Mapped[dict | None] = mapped_column(JSON)
    __table_args__ = (CheckConstraint("scope IN ('regional', 'national')", name="scope"),)


class HallRow(Base):
    """A hall or outdoor area of an event."""

    __tablename__ = "halls"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    name: Mapped[str] = mapped_column(String(100))
    position: Mapped[int] = mapped_column(Integer, default=0)
    __table_args__ = (
        UniqueConstraint("event_id", "name", name="uq_halls_event_name"),
        UniqueConstraint("event_id", "id", name="uq_halls_event_id_id"),
    )


class ApplicantRow(Base):
    """An exhibitor applying for booths; ``region_code`` is resolved on the way in."""

    __tablename__ = "applicants"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    applicant_id: Mapped[str] = mapped_column(String(100))
    name: Mapped[str] = mapped_column(String(200))
    region_code: Mapped[str] = mapped_column(String(8))  # PP, PP.RR or PP.RR.DD
    category: Mapped[str] = mapped_column(String(100))
    product: Mapped[str | None] = mapped_column(String(200))
    booths_requested: Mapped[int] = mapped_column(Integer, default=1)
    priority: Mapped[int] = mapped_column(Integer, default=0)
    position: Mapped[int] = mapped_column(Integer, default=0)
    version: Mapped[int] = mapped_column(Integer, default=1)
    whatsapp: Mapped[str | None] = mapped_column(String(20))  # normalised: 62...
    links: Mapped[str | None] = mapped_column(Text)  # https:// URLs joined by |
    description: Mapped[str | None] = mapped_column(Text)
    # The lifecycle (booth_planner.lifecycle): applicants from before it are accepted.
    status: Mapped[str] = mapped_column(String(20), default="diterima", server_default="diterima")
    status_reason: Mapped[str | None] = mapped_column(Text)
    status_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    payment_status: Mapped[str] = mapped_column(String(20), default="belum_bayar",
                                                server_default="belum_bayar")
    paid_on: Mapped[date | None] = mapped_column(Date)
    paid_idr: Mapped[int | None] = mapped_column(BigInteger)
    sponsor: Mapped[str | None] = mapped_column(String(200))
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("event_id", "applicant_id", name="uq_applicants_event_applicant"),
        UniqueConstraint("event_id", "id", name="uq_applicants_event_id_id"),
        CheckConstraint("booths_requested >= 1", name="booths_requested"),
        CheckConstraint("priority >= 0", name="priority"),
        CheckConstraint("status IN ('diajukan', 'diverifikasi', 'diterima', 'daftar_tunggu', "
                        "'ditolak', 'mundur')", name="status"),
        CheckConstraint("payment_status IN ('belum_bayar', 'lunas', 'gratis', 'bayar_kemudian')",
                        name="payment_status"),
    )


class BoothRow(Base):
    """A booth and, when assigned, its applicant: one row, so one applicant per booth at most."""

    __tablename__ = "booths"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    hall_id: Mapped[int] = mapped_column(Integer)
    booth_id: Mapped[str] = mapped_column(String(50))
    x: Mapped[float] = mapped_column(Float)
    y: Mapped[float] = mapped_column(Float)
    width_m: Mapped[float] = mapped_column(Float, default=3.0)
    depth_m: Mapped[float] = mapped_column(Float, default=3.0)
    zone: Mapped[str | None] = mapped_column(String(100))
    booth_type: Mapped[str] = mapped_column(String(20), default="standard")
    status: Mapped[str] = mapped_column(String(20), default="available")
    price_idr: Mapped[int | None] = mapped_column(BigInteger)
    applicant_pk: Mapped[int | None] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    assignment_source: Mapped[str | None] = mapped_column(String(20))
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("event_id", "booth_id", name="uq_booths_event_booth"),
        ForeignKeyConstraint(
            ["event_id", "hall_id"], ["halls.event_id", "halls.id"],
            name="fk_booths_hall", ondelete="CASCADE",
        ),
        # RESTRICT: an applicant who holds a booth cannot vanish and leave a dangling assignment.
        ForeignKeyConstraint(
            ["event_id", "applicant_pk"], ["applicants.event_id", "applicants.id"],
            name="fk_booths_applicant",
        ),
        CheckConstraint("width_m > 0 AND depth_m > 0", name="size"),
        CheckConstraint("price_idr IS NULL OR price_idr >= 0", name="price"),
        CheckConstraint(
            "booth_type IN ('standard', 'corner', 'island', 'outdoor')", name="booth_type"
        ),
        CheckConstraint("status IN ('available', 'blocked')", name="status"),
        CheckConstraint("status = 'available' OR applicant_pk IS NULL", name="blocked_is_empty"),
        CheckConstraint("applicant_pk IS NOT NULL OR NOT locked", name="lock_needs_applicant"),
        Index("ix_booths_applicant", "applicant_pk"),
    )


class RegionAliasRow(Base):
    """A name an organizer taught the importer for one event (e.g. a local spelling)."""

    __tablename__ = "region_aliases"
    event_id: Mapped[int] = mapped_column(
        ForeignKey("events.id", ondelete="CASCADE"), primary_key=True
    )
    alias: Mapped[str] = mapped_column(String(200), primary_key=True)
    region_code: Mapped[str] = mapped_column(String(8))


class ChangeRow(Base):
    """One change as an organizer made it: who, when, what, and enough to undo it."""

    __tablename__ = "changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    undoable: Mapped[bool] = mapped_column(Boolean, default=False)
    undone_by: Mapped[int | None] = mapped_column(Integer)
    __table_args__ = (Index("ix_changes_event_at", "event_id", "id"),)


class UserRow(Base):
    """Someone who signs in: an organizer (edits) or a viewer (looks); the password only hashed.

    ``email`` matches the address an OpenID Connect sign-in (``st.login``) reports, so the
    same table gives roles to both kinds of sign-in.
    """

    __tablename__ = "users"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    username: Mapped[str] = mapped_column(String(100), unique=True)
    display_name: Mapped[str] = mapped_column(String(200), default="")
    email: Mapped[str | None] = mapped_column(String(200), unique=True)
    role: Mapped[str] = mapped_column(String(20), default="viewer")
    password_hash: Mapped[str | None] = mapped_column(String(200))
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    __table_args__ = (CheckConstraint("role IN ('organizer', 'viewer')", name="role"),)


class GalleryPeriodRow(Base):
    """One period of a gallery's rotation."""

    __tablename__ = "gallery_periods"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    period_id: Mapped[str] = mapped_column(String(50))
    start: Mapped[date] = mapped_column(Date)
    end: Mapped[date] = mapped_column(Date)
    __table_args__ = (
        UniqueConstraint("event_id", "period_id", name="uq_gallery_periods_event_period"),
        UniqueConstraint("event_id", "id", name="uq_gallery_periods_event_id_id"),
        CheckConstraint('"end" >= start', name="dates"),
    )


class GalleryMemberRow(Base):
    """A gallery member's extra fields (SPEC 5): turns before these periods, periods it cannot take."""

    __tablename__ = "gallery_members"
    applicant_pk: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    turns_before: Mapped[int] = mapped_column(Integer, default=0)
    unavailable_periods: Mapped[list] = mapped_column(JSON, default=list)
    __table_args__ = (
        ForeignKeyConstraint(["event_id", "applicant_pk"], ["applicants.event_id", "applicants.id"],
                             name="fk_gallery_members_applicant", ondelete="CASCADE"),
        CheckConstraint("turns_before >= 0", name="turns_before"),
    )


class RosterTurnRow(Base):
    """One space held by a member in one period; a space holds one member per period at most."""

    __tablename__ = "roster_turns"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    period_pk: Mapped[int] = mapped_column(Integer)
    booth_pk: Mapped[int] = mapped_column(ForeignKey("booths.id", ondelete="CASCADE"))
    applicant_pk: Mapped[int] = mapped_column(Integer)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    version: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (
        ForeignKeyConstraint(["event_id", "period_pk"],
                             ["gallery_periods.event_id", "gallery_periods.id"],
                             name="fk_roster_turns_period", ondelete="CASCADE"),
        ForeignKeyConstraint(["event_id", "applicant_pk"], ["applicants.event_id", "applicants.id"],
                             name="fk_roster_turns_applicant", ondelete="CASCADE"),
        UniqueConstraint("period_pk", "booth_pk", name="uq_roster_turns_period_booth"),
    )


class TurnSaleRow(Base):
    """What a member sold in one period's turn, as the gallery keeper recorded it."""

    __tablename__ = "turn_sales"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    period_pk: Mapped[int] = mapped_column(Integer)
    applicant_pk: Mapped[int] = mapped_column(Integer)
    sales_idr: Mapped[int] = mapped_column(BigInteger, default=0)
    items: Mapped[int] = mapped_column(Integer, default=0)
    note: Mapped[str] = mapped_column(Text, default="")
    version: Mapped[int] = mapped_column(Integer, default=1)
    __table_args__ = (
        ForeignKeyConstraint(["event_id", "period_pk"],
                             ["gallery_periods.event_id", "gallery_periods.id"],
                             name="fk_turn_sales_period", ondelete="CASCADE"),
        ForeignKeyConstraint(["event_id", "applicant_pk"], ["applicants.event_id", "applicants.id"],
                             name="fk_turn_sales_applicant", ondelete="CASCADE"),
        UniqueConstraint("period_pk", "applicant_pk", name="uq_turn_sales_period_applicant"),
        CheckConstraint("sales_idr >= 0 AND items >= 0", name="amounts"),
    )


class SignInAttemptRow(Base):
    """One password sign-in attempt: the throttle counts failures from here, so every app
    process behind one address sees the same count; an administrator lists them."""

    __tablename__ = "sign_in_attempts"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    username: Mapped[str] = mapped_column(String(100))  # normalised: stripped, casefolded
    client: Mapped[str] = mapped_column(String(100))
    succeeded: Mapped[bool] = mapped_column(Boolean, default=False)
    __table_args__ = (
        Index("ix_sign_in_attempts_username_at", "username", "at"),
        Index("ix_sign_in_attempts_client_at", "client", "at"),
    )


class RegistryEntryRow(Base):
    """One produk unggulan of a kabupaten/kota or kecamatan; kept across events.

    One entry per region and product: ``name_key`` is the name with case, spacing and
    punctuation ignored, and the pair is unique.
    """

    __tablename__ = "registry_entries"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    region_code: Mapped[str] = mapped_column(String(8))
    name: Mapped[str] = mapped_column(String(200))
    name_key: Mapped[str] = mapped_column(String(200))
    category: Mapped[str] = mapped_column(String(100), default="")
    description: Mapped[str] = mapped_column(Text, default="")
    raw_material: Mapped[str] = mapped_column(String(200), default="")
    producers: Mapped[str] = mapped_column(Text, default="")
    ig_number: Mapped[str | None] = mapped_column(String(20))
    ovop_stars: Mapped[int | None] = mapped_column(Integer)
    halal: Mapped[bool] = mapped_column(Boolean, default=False)
    permit: Mapped[str | None] = mapped_column(String(100))
    sources: Mapped[list] = mapped_column(JSON, default=list)  # [{"name": ..., "date": ISO}]
    version: Mapped[int] = mapped_column(Integer, default=1)
    updated_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    updated_by: Mapped[str | None] = mapped_column(String(100))
    __table_args__ = (
        UniqueConstraint("region_code", "name_key", name="uq_registry_entries_region_key"),
        CheckConstraint("ovop_stars IS NULL OR (ovop_stars >= 1 AND ovop_stars <= 5)",
                        name="ovop_stars"),
    )


class RegistryChangeRow(Base):
    """One change of the registry: who, when, and each entry before and after (for undo)."""

    __tablename__ = "registry_changes"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    user: Mapped[str] = mapped_column(String(100))
    action: Mapped[str] = mapped_column(String(40))
    summary: Mapped[str] = mapped_column(Text, default="")
    details: Mapped[dict] = mapped_column(JSON, default=dict)
    undoable: Mapped[bool] = mapped_column(Boolean, default=False)
    undone_by: Mapped[int | None] = mapped_column(Integer)


class CertificateRow(Base):
    """One document of an applicant (NIB, P-IRT, BPOM, halal...): number and expiry date."""

    __tablename__ = "certificates"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(Integer)
    applicant_pk: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(30))
    number: Mapped[str] = mapped_column(String(100), default="")
    expires_on: Mapped[date | None] = mapped_column(Date)
    __table_args__ = (
        ForeignKeyConstraint(["event_id", "applicant_pk"], ["applicants.event_id", "applicants.id"],
                             name="fk_certificates_applicant", ondelete="CASCADE"),
        UniqueConstraint("applicant_pk", "kind", name="uq_certificates_applicant_kind"),
    )


class HoldRow(Base):
    """A booth held (or offered to a waitlisted applicant) until a deadline.

    While ``state`` is open the booth's own row holds the applicant, so the booth looks taken
    to everyone; the hold only adds the deadline. Closed holds stay, for the waitlist to know
    which offers were declined or let expire.
    """

    __tablename__ = "holds"
    id: Mapped[int] = mapped_column(Integer, primary_key=True)
    event_id: Mapped[int] = mapped_column(ForeignKey("events.id", ondelete="CASCADE"))
    booth_pk: Mapped[int] = mapped_column(ForeignKey("booths.id", ondelete="CASCADE"))
    applicant_pk: Mapped[int] = mapped_column(Integer)
    kind: Mapped[str] = mapped_column(String(10), default="hold")
    until: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    state: Mapped[str] = mapped_column(String(20), default="open")
    created_at: Mapped[datetime] = mapped_column(DateTime(timezone=True))
    created_by: Mapped[str] = mapped_column(String(100))
    closed_at: Mapped[datetime | None] = mapped_column(DateTime(timezone=True))
    __table_args__ = (
        ForeignKeyConstraint(["event_id", "applicant_pk"], ["applicants.event_id", "applicants.id"],
                             name="fk_holds_applicant", ondelete="CASCADE"),
        CheckConstraint("kind IN ('hold', 'offer')", name="kind"),
        CheckConstraint("state IN ('open', 'confirmed', 'released', 'expired', 'accepted', "
                        "'declined')", name="state"),
        Index("ix_holds_event_state_until", "event_id", "state", "until"),
    )
