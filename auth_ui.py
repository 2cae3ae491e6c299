"""Sign-in on the Streamlit side: who is using this session, and the sidebar to sign in or out.

Three modes, chosen by what the deployment configures:

- **OpenID Connect** when ``.streamlit/secrets.toml`` has an ``[auth]`` section: Streamlit's
  own ``st.login``; the role comes from the account with the same e-mail (else viewer).
- **Passwords** when the database holds an account with a password
  (``python -m booth_planner.accounts.users add-user``): a sign-in form; bcrypt hashes only.
- **Local** when neither is set up: one user, an organizer, and the sidebar says so.

In the first two modes anyone who has not signed in is a visitor: the navigation holds only the
public directory (regional offices that should look at the planning get viewer accounts).
"""

from __future__ import annotations

import getpass
import math
from collections.abc import Callable
from datetime import UTC, datetime

import streamlit as st

from booth_planner.accounts import users as auth
from booth_planner.accounts.roles import ROLE_ORGANIZER, ROLE_VIEWER, User
from booth_planner.core.i18n import t
from booth_planner.core.plain_text import plain
from booth_planner.core.text import normalise_username
from booth_planner.storage import Store

USER_KEY = "user"
USERNAME_KEY = "auth_username"
MODE_LOCAL, MODE_PASSWORD, MODE_OIDC = "local", "password", "oidc"


def oidc_providers() -> list[str | None] | None:
    """The OpenID Connect providers in secrets.toml (None: the default one), or None if unset."""
    try:
        section = st.secrets.get("auth")
    except Exception:  # no secrets file at all: nothing is configured
        return None
    if not section:
        return None
    named = [name for name, value in section.items() if hasattr(value, "keys")]
    return named or [None]


def _oidc_signed_in() -> bool:
    """True when st.login has signed this browser in (the key is absent before any sign-in)."""
    return bool(st.user.get("is_logged_in", False))


def sign_in_mode(store: Store) -> str:
    """Which sign-in this deployment uses: ``oidc``, ``password`` or ``local``."""
    if oidc_providers():
        return MODE_OIDC
    return MODE_PASSWORD if auth.password_sign_in_enabled(store) else MODE_LOCAL


def _local_user() -> User:
    try:
        name = getpass.getuser()
    except (KeyError, OSError):
        name = "organizer"
    return User(name=name, role=ROLE_ORGANIZER, local=True)


def guest(lang: str) -> User:
    """Someone who has not signed in: a visitor, who sees only the public directory."""
    return User(name=t("access.guest", lang), role=ROLE_VIEWER, anonymous=True)


def signed_in_user(store: Store, lang: str) -> User:
    """Who uses this session, with the role the database gives them now."""
    mode = sign_in_mode(store)
    if mode == MODE_OIDC:
        if _oidc_signed_in() and st.user.get("email"):
            return auth.user_for_email(store, st.user["email"], st.user.get("name"))
        return guest(lang)
    if mode == MODE_PASSWORD:
        username = st.session_state.get(USERNAME_KEY)
        # The role is read again on every run, so a demoted or removed account loses its
        # rights at once, not at its next sign-in.
        user = auth.account_user(store, username) if username else None
        if user is None:
            st.session_state.pop(USERNAME_KEY, None)
            return guest(lang)
        return user
    chosen = st.session_state.get(USER_KEY)
    return chosen if isinstance(chosen, User) else _local_user()


def _sign_in_form(store: Store, lang: str) -> None:
    with st.expander(t("access.sign_in", lang), icon=":material/login:"), \
            st.form("sign_in", clear_on_submit=True, border=False):
        username = st.text_input(t("access.username", lang), key="sign_in_username")
        password = st.text_input(t("access.password", lang), type="password",
                                 key="sign_in_password")
        if st.form_submit_button(t("access.sign_in_button", lang), type="primary"):
            answer = auth.sign_in(store, username, password, client_address())
            if answer.user is not None:
                st.session_state[USERNAME_KEY] = normalise_username(username)
                st.rerun()
            elif answer.retry_at is not None:
                wait = max(1, math.ceil((answer.retry_at - datetime.now(UTC)).total_seconds()))
                st.error(t("access.throttled", lang, seconds=wait,
                           time=answer.retry_at.astimezone().strftime("%H:%M:%S")))
            else:
                st.error(t("access.wrong_password", lang))


def client_address() -> str:
    """The browser's network address as Streamlit sees it (behind a proxy: the proxy's
    ``X-Forwarded-For`` first hop), for throttling sign-in per client."""
    forwarded = str(st.context.headers.get("X-Forwarded-For") or "").split(",")[0].strip()
    address = forwarded or getattr(st.context, "ip_address", None)
    return address if isinstance(address, str) and address else "unknown"


def rights_check(store: Store) -> Callable[[], User | None] | None:
    """A way to read this session's user again at the moment of a write (demotion is
    immediate even for a button drawn before it); None in local mode."""
    mode = sign_in_mode(store)
    if mode == MODE_PASSWORD and (username := st.session_state.get(USERNAME_KEY)):
        return lambda: auth.account_user(store, username)
    if mode == MODE_OIDC and _oidc_signed_in() and (email := st.user.get("email")):
        name = st.user.get("name")
        return lambda: auth.user_for_email(store, email, name)
    return None


def account_sidebar(store: Store, user: User, lang: str) -> None:
    """The sidebar's account line: local mode, sign-in form or button, or who and sign-out."""
    mode = sign_in_mode(store)
    if mode == MODE_LOCAL:
        st.caption(t("sidebar.local_mode", lang))
        return
    signed_in = user.role == ROLE_ORGANIZER or (
        st.session_state.get(USERNAME_KEY) if mode == MODE_PASSWORD else _oidc_signed_in())
    if not signed_in:
        st.caption(t("access.viewing_as_guest", lang))
        if mode == MODE_PASSWORD:
            _sign_in_form(store, lang)
        else:
            for provider in oidc_providers() or []:
                label = t("access.sign_in_with", lang, provider=provider) if provider \
                    else t("access.sign_in_button", lang)
                st.button(label, on_click=st.login, args=(provider,) if provider else (),
                          icon=":material/login:", key=f"oidc_{provider}")
        return
    st.caption(t("access.signed_in_role", lang, user=plain(user.name),
                 role=t(f"access.role.{user.role}", lang)))
    if st.button(t("access.sign_out", lang), icon=":material/logout:", key="sign_out"):
        if mode == MODE_OIDC:
            st.logout()
        st.session_state.pop(USERNAME_KEY, None)
        st.rerun()
