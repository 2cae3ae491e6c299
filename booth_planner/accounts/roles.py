"""Who may do what: organizers change an event, viewers only look and download.

The pages check the role to grey out what a viewer may not use, but that is a courtesy: the
rule itself lives here. ``guarded(store, user)`` is the store the pages get; for a viewer every
write method refuses with :class:`PermissionDenied`, and ``transaction()`` hands out a session
that refuses to write, so a forgotten check in a page still cannot change the database. For an
organizer every write is recorded under the signed-in name, whatever name the caller passes.
"""

from __future__ import annotations

import inspect
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from functools import wraps
from typing import Any

from booth_planner.storage import Session, Store, StoreError, refuse_writes

ROLE_ORGANIZER = "organizer"
ROLE_VIEWER = "viewer"
ROLES = (ROLE_ORGANIZER, ROLE_VIEWER)

# Store methods that only read; a viewer may call them.
READ_METHODS = frozenset({
    "list_events", "event", "state", "snapshot", "booth_versions", "counts", "history",
    "region_aliases", "latest_change_id", "event_version", "published_events",
})
# Store methods that write; each takes ``user=`` and is refused for a viewer.
WRITE_METHODS = frozenset({
    "create_event", "delete_event", "save_booths", "delete_booths", "save_applicants",
    "edit_booths", "delete_applicants", "remember_region_alias", "change_booths", "assign",
    "unassign", "move", "swap", "set_locked", "set_status", "set_zone", "apply_allocation", "undo",
    "redo", "set_directory",
})
# The applicant lifecycle's methods (storage/lifecycle.py, the store the app opens).
# Releasing lapsed holds is what every read does (a viewer's too), so it counts as a read.
LIFECYCLE_READ_METHODS = frozenset({"lifecycle", "holds", "applicant_versions",
                                    "release_expired"})
LIFECYCLE_WRITE_METHODS = frozenset({
    "change_status", "save_certificate", "remove_certificate", "set_certificate_rules", "hold",
    "offer", "confirm_holds", "release_holds", "accept_offer", "decline_offer", "set_payment",
})


@dataclass(frozen=True)
class User:
    """Who is using the app and what they may do; ``local`` is the no-sign-in single user."""

    name: str
    role: str = ROLE_ORGANIZER
    local: bool = False
    anonymous: bool = False  # not signed in where sign-in exists: a visitor, sees the public face

    @property
    def is_visitor(self) -> bool:
        """True for someone who has not signed in: only the public directory is theirs."""
        return self.anonymous and self.role != ROLE_ORGANIZER

    @property
    def can_edit(self) -> bool:
        """Organizers change things; viewers only look and download."""
        return self.role == ROLE_ORGANIZER


class PermissionDenied(StoreError):
    """A viewer tried to change something; nothing was written."""

    def __init__(self, user: User, action: str):
        super().__init__(f"{user.name} is a viewer and may not {action}; nothing was written")
        self.user = user
        self.action = action


def may_edit(user: User) -> bool:
    """True when ``user`` may change events (an organizer)."""
    return user.role == ROLE_ORGANIZER


def require_edit(user: User, action: str = "change this event") -> None:
    """Raise PermissionDenied unless ``user`` may change events."""
    if not may_edit(user):
        raise PermissionDenied(user, action)


class GuardedStore:
    """A store seen through one user's role: reads pass, a viewer's writes are refused.

    Methods nobody has classified yet are refused to a viewer too (fail closed): a new store
    method must be added to READ_METHODS before viewers may use it.
    """

    def __init__(self, store: Store, user: User,
                 recheck: Callable[[], User | None] | None = None):
        self._store = store
        self.user = user
        # Reads the user's role from the database again: a write is allowed by the role at the
        # moment of writing, not by the one a button was drawn with (demotion is immediate).
        self._recheck = recheck

    def _may_edit_now(self, action: str) -> None:
        """Refuse the write unless the user is (still) an organizer, asking the database."""
        require_edit(self.user, action)
        if self._recheck is not None:
            now = self._recheck()
            require_edit(now or User(self.user.name, ROLE_VIEWER), action)

    @property
    def engine(self):  # noqa: ANN201
        """The underlying engine (for reading helpers that need it)."""
        return self._store.engine

    @property
    def unguarded(self) -> Store:
        """The store itself, for code that has already checked the role."""
        self._may_edit_now("use the store without checks")
        return self._store

    @contextmanager
    def transaction(self) -> Iterator[Session]:
        """The store's transaction; for a viewer, a read-only one that is rolled back."""
        if may_edit(self.user):
            self._may_edit_now("write to the database")
            with self._store.transaction() as session:
                yield session
            return
        with self.read() as session:
            yield session

    @contextmanager
    def read(self) -> Iterator[Session]:
        """The store's read-only snapshot; for a viewer, any write in it is refused."""
        with self._store.read() as session:
            if not may_edit(self.user):
                refuse_writes(session, lambda: PermissionDenied(self.user, "write to the database"))
            yield session

    def __getattr__(self, name: str) -> Any:
        attribute = getattr(self._store, name)
        if (not callable(attribute) or name.startswith("_") or name in READ_METHODS
                or name in LIFECYCLE_READ_METHODS):
            # Private helpers work on a session, and a viewer only ever gets a read-only one.
            return attribute
        if not may_edit(self.user):
            return _refused(self.user, name)
        if name not in WRITE_METHODS | LIFECYCLE_WRITE_METHODS:
            return self._checked(attribute, name)
        return self._as_user(attribute)

    def _checked(self, method: Callable, name: str) -> Callable:
        """``method``, run only while the user is still an organizer."""
        if self._recheck is None:
            return method

        @wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            self._may_edit_now(name.replace("_", " "))
            return method(*args, **kwargs)

        return call

    def _as_user(self, method: Callable) -> Callable:
        """``method`` with ``user=`` set to the signed-in name, so history says who it was."""
        if "user" not in inspect.signature(method).parameters:
            # e.g. delete_event: it removes the history along with the event
            return self._checked(method, method.__name__)

        @wraps(method)
        def call(*args: Any, **kwargs: Any) -> Any:
            self._may_edit_now(method.__name__.replace("_", " "))
            kwargs["user"] = self.user.name
            return method(*args, **kwargs)

        return call

    def __repr__(self) -> str:
        return f"GuardedStore({self.user.name!r}, {self.user.role})"


def _refused(user: User, name: str) -> Callable:
    """A stand-in for store method ``name`` that refuses, naming the action."""

    def refuse(*_args: Any, **_kwargs: Any) -> Any:
        raise PermissionDenied(user, name.replace("_", " "))

    refuse.__name__ = name
    return refuse


def guarded(store: Store | GuardedStore, user: User,
            recheck: Callable[[], User | None] | None = None) -> GuardedStore:
    """``store`` as ``user`` may use it; with ``recheck``, the role is read again at each write."""
    inner = store._store if isinstance(store, GuardedStore) else store
    return GuardedStore(inner, user, recheck)
