"""Database faults (a full disk, a read-only file, a server out of reach) as one error type.

The driver's own errors carry SQL and host names and say nothing an organizer can act on.
``DatabaseFault`` names the kind of fault; pages and the command line say it in the
organizer's words (``fault.<kind>`` texts) and that nothing was saved. The transaction it
interrupted was rolled back, so nothing was half-written either.
"""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager

from sqlalchemy.exc import InterfaceError, OperationalError

FAULT_KINDS = ("disk_full", "read_only", "unreachable", "busy", "unavailable")
# What the command line says (the app says it in the user's language: ``fault.<kind>``).
_REASONS = {
    "disk_full": "the disk is full",
    "read_only": "the database is read-only",
    "unreachable": "the database server cannot be reached",
    "busy": "the database is busy with another change",
    "unavailable": "the database refused the request",
}

_SIGNS = (
    ("disk_full", ("disk is full", "no space left", "could not extend file", "disk full",
                   "diskfull")),
    ("read_only", ("readonly", "read-only", "read only", "permission denied",
                   "unable to open database file")),
    ("busy", ("database is locked",)),
    ("unreachable", ("connection refused", "could not connect", "connection timed out",
                     "server closed the connection", "terminating connection",
                     "connection is closed", "could not translate host name",
                     "name or service not known", "no route to host")),
)


class DatabaseFault(Exception):
    """The database could not do what was asked; ``kind`` is one of FAULT_KINDS.

    Not a StoreError: a page's handler for refused changes shows the store's (English)
    reasons, while a fault goes on to the app's error boundary, which says it in the user's
    language (``fault.<kind>``).
    """

    def __init__(self, kind: str, detail: str = ""):
        super().__init__(f"nothing was saved: {_REASONS.get(kind, _REASONS['unavailable'])}")
        self.kind = kind
        self.detail = detail  # for the server's log, never for the page


def fault_kind(error: BaseException) -> str:
    """Which kind of fault a driver error (or an OS error) is."""
    text = str(getattr(error, "orig", None) or error).casefold()
    for kind, signs in _SIGNS:
        if any(sign in text for sign in signs):
            return kind
    if isinstance(error, PermissionError):
        return "read_only"
    if getattr(error, "connection_invalidated", False) or isinstance(error, InterfaceError):
        return "unreachable"
    return "unavailable"


def translate(context) -> None:  # noqa: ANN001
    """The engine's ``handle_error`` hook: raise DatabaseFault in place of an operational error.

    Installed by ``make_engine``, so every statement, connect and commit of the store is
    covered. Constraint violations pass unchanged (the store explains those itself), and so
    does a pool's liveness ping, which must be allowed to fail quietly and reconnect.
    """
    if getattr(context, "is_pre_ping", False):
        return
    error = context.original_exception
    wrapped = context.sqlalchemy_exception
    if isinstance(wrapped, OperationalError | InterfaceError) or (
            wrapped is None and isinstance(error, OSError)):
        raise DatabaseFault(fault_kind(wrapped or error), str(error)) from error


@contextmanager
def faults_translated() -> Iterator[None]:
    """Turn a driver's operational error or a denied file in the block into DatabaseFault
    (for work outside a store's statements, such as migrations and start-up locks)."""
    try:
        yield
    except (OperationalError, InterfaceError, PermissionError) as error:
        raise DatabaseFault(fault_kind(error), str(error)) from error
