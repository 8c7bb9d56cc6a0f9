"""People, their external ids and aliases, roles over time, teams and team membership over time."""

from __future__ import annotations

from datetime import date

from sqlalchemy import Boolean, Date, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column, relationship

from coachdesk.domain.enums import MembershipRole, Role
from coachdesk.storage.models.base import Base, RecordMixin
from coachdesk.storage.types import EnumText


class Person(RecordMixin, Base):
    __tablename__ = "person"

    display_name: Mapped[str] = mapped_column(String(200))
    given_name: Mapped[str | None] = mapped_column(String(100))
    family_name: Mapped[str | None] = mapped_column(String(100))
    #: lower-cased, accent- and space-folded display name for matching and instant search
    name_key: Mapped[str] = mapped_column(String(200), index=True)
    email: Mapped[str | None] = mapped_column(String(254), index=True)
    active_from: Mapped[date | None] = mapped_column(Date)
    active_to: Mapped[date | None] = mapped_column(Date)
    #: days between one-to-ones; None means the team's or the app's default
    one_to_one_cadence_days: Mapped[int | None] = mapped_column(Integer)
    #: database login mapped to this person on a team server (PostgreSQL row-level security)
    login_name: Mapped[str | None] = mapped_column(String(100), unique=True)
    notes: Mapped[str | None] = mapped_column(Text)

    external_ids: Mapped[list[PersonExternalId]] = relationship(back_populates="person", cascade="all, delete-orphan")
    aliases: Mapped[list[PersonAlias]] = relationship(back_populates="person", cascade="all, delete-orphan")
    roles: Mapped[list[PersonRole]] = relationship(back_populates="person", cascade="all, delete-orphan")
    memberships: Mapped[list[TeamMembership]] = relationship(back_populates="person", cascade="all, delete-orphan")


class PersonExternalId(RecordMixin, Base):
    """An identifier another system uses for the person: ACD agent id, payroll number, WFM id..."""

    __tablename__ = "person_external_id"
    __table_args__ = (UniqueConstraint("system", "value"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    system: Mapped[str] = mapped_column(String(50))
    value: Mapped[str] = mapped_column(String(200))

    person: Mapped[Person] = relationship(back_populates="external_ids")


class PersonAlias(RecordMixin, Base):
    """Another spelling of the person's name, as an export or payroll writes it."""

    __tablename__ = "person_alias"
    __table_args__ = (UniqueConstraint("person_id", "alias_key"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    alias: Mapped[str] = mapped_column(String(200))
    alias_key: Mapped[str] = mapped_column(String(200), index=True)

    person: Mapped[Person] = relationship(back_populates="aliases")


class PersonRole(RecordMixin, Base):
    """A role the person holds from ``start_date`` to ``end_date`` (open-ended when None)."""

    __tablename__ = "person_role"

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    role: Mapped[Role] = mapped_column(EnumText(Role))
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="roles")


class Team(RecordMixin, Base):
    __tablename__ = "team"

    name: Mapped[str] = mapped_column(String(200), unique=True)
    description: Mapped[str | None] = mapped_column(Text)
    parent_team_id: Mapped[int | None] = mapped_column(ForeignKey("team.id", ondelete="SET NULL"), index=True)
    is_active: Mapped[bool] = mapped_column(Boolean, default=True)
    one_to_one_cadence_days: Mapped[int | None] = mapped_column(Integer)
    #: observation coverage target: every agent observed at least this often per calendar month (None = no target)
    observations_per_month: Mapped[int | None] = mapped_column(Integer)
    #: of which at least this many unannounced (None = no target)
    unannounced_per_month: Mapped[int | None] = mapped_column(Integer)

    memberships: Mapped[list[TeamMembership]] = relationship(back_populates="team", cascade="all, delete-orphan")


class TeamMembership(RecordMixin, Base):
    """A person in a team, as a member or leader, over a period (open-ended when ``end_date`` is None)."""

    __tablename__ = "team_membership"
    __table_args__ = (Index("ix_team_membership_team_dates", "team_id", "start_date", "end_date"),)

    person_id: Mapped[int] = mapped_column(ForeignKey("person.id", ondelete="CASCADE"), index=True)
    team_id: Mapped[int] = mapped_column(ForeignKey("team.id", ondelete="CASCADE"))
    role: Mapped[MembershipRole] = mapped_column(EnumText(MembershipRole), default=MembershipRole.MEMBER)
    start_date: Mapped[date | None] = mapped_column(Date)
    end_date: Mapped[date | None] = mapped_column(Date)

    person: Mapped[Person] = relationship(back_populates="memberships")
    team: Mapped[Team] = relationship(back_populates="memberships")
