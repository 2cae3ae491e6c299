"""Backup: download the whole event as one file; restore a file as a new event."""

import streamlit as st

from app_support import CHOOSE_EVENT_KEY, page_context, require_event
from booth_planner.core.i18n import format_date, format_number
from booth_planner.core.plain_text import plain
from booth_planner.storage.backup import (
    BackupError,
    backup_file_name,
    backup_summary,
    export_event,
    read_document,
    restore_event,
)

FLASH = "backup.flash"
NONCE = "backup.nonce"

ctx = page_context()
st.title(ctx.t("backup.title"))
st.caption(ctx.t("backup.intro"))
if message := st.session_state.pop(FLASH, None):
    st.success(message)
if not ctx.user.can_edit:
    st.info(ctx.t("backup.organizers_only"), icon=":material/lock:")
    st.stop()


def explain(error: BackupError) -> str:
    """The organizer-facing sentence for a refused backup file."""
    values = {"where": "-", **error.values, "message": str(error)}
    return ctx.t(f"backup.error.{error.code}", **values)


n = lambda value: format_number(value, ctx.lang)  # noqa: E731

if ctx.event is not None:
    event = require_event(ctx)
    with st.container(border=True):
        st.subheader(ctx.t("backup.download.header"))
        counts = ctx.store.counts(event.id)
        changes = len(ctx.store.history(event.id, limit=100_000))
        st.write(ctx.t("backup.download.counts", booths=n(counts["booths"]),
                       applicants=n(counts["applicants"]), changes=n(changes)))
        st.download_button(
            ctx.t("backup.download.button"), data=lambda: export_event(ctx.store, event.id),
            file_name=backup_file_name(event), mime="application/gzip",
            icon=":material/download:", on_click="ignore", key="backup.download",
        )

with st.container(border=True):
    st.subheader(ctx.t("backup.restore.header"))
    # A new key after each restore empties the uploader, so one click makes one copy.
    nonce = st.session_state.get(NONCE, 0)
    upload = st.file_uploader(ctx.t("backup.restore.upload"), type=["gz", "json"],
                              help=ctx.t("upload.help"), key=f"backup.upload.{nonce}")
    if upload is not None:
        data = upload.getvalue()
        try:
            summary = backup_summary(read_document(data))
        except BackupError as error:
            st.error(explain(error))
        else:
            at = summary["exported_at"]
            st.markdown(ctx.t(
                "backup.restore.preview", event=summary["event"],
                at=f"{format_date(at.date(), ctx.lang)} {at:%H:%M} UTC" if at else "-",
                booths=n(summary["booths"]), assigned=n(summary["assigned"]),
                applicants=n(summary["applicants"]), changes=n(summary["changes"]),
                format_version=summary["format_version"]))
            st.caption(ctx.t("backup.restore.note"))
            if st.button(ctx.t("backup.restore.button"), type="primary",
                         icon=":material/restore:", key="backup.restore"):
                try:
                    restored = restore_event(ctx.store, data, user=ctx.user.name)
                except BackupError as error:
                    st.error(explain(error))
                else:
                    st.session_state[CHOOSE_EVENT_KEY] = restored.id  # picked next run
                    st.session_state[NONCE] = nonce + 1
                    st.session_state[FLASH] = ctx.t("backup.restore.done", event=plain(restored.name),
                                                    slug=restored.slug)
                    st.rerun()
