"""The produk unggulan registry: edit it in a table, import and export it, and take up what
applicants brought. The registry belongs to the database, not to one event."""

import pandas as pd
import streamlit as st

from app_support import page_context, read_only_note
from booth_planner.core.i18n import format_number
from booth_planner.core.local_time import format_time, local_today
from booth_planner.history import action_label
from booth_planner.importing import problem_message, problem_suggestion
from booth_planner.importing.registry import preview_registry, read_registry
from booth_planner.importing.templates import template_bytes, template_file_name
from booth_planner.registry.entries import RegistryError
from booth_planner.registry.files import entries_csv, entries_xlsx, region_text
from booth_planner.registry.proposals import Brought, accepted, merged_into, proposals
from booth_planner.registry.view import FRAME_COLUMNS, READ_ONLY, entries_frame, table_edits
from booth_planner.storage import StoreError
from booth_planner.storage.registry import RegistryConflict, RegistryRuleError, RegistryStore

FLASH = "registry.flash"
NONCE = "registry.nonce"

ctx = page_context()
registry = RegistryStore(ctx.store)
viewer = read_only_note(ctx)
n = lambda value: format_number(value, ctx.lang)  # noqa: E731
st.title(ctx.t("registry.page.title"))
st.caption(ctx.t("registry.page.intro"))
if message := st.session_state.pop(FLASH, None):
    st.success(message)


def refusal(error: Exception) -> str:
    """A refused change in the page's language."""
    if isinstance(error, RegistryConflict):
        return ctx.t("registry.page.conflict", name=error.name or error.entry_id,
                     who=error.changed_by or "-")
    if isinstance(error, RegistryRuleError | RegistryError):
        return ctx.t(f"importer.{error.code}", **error.params)
    return str(error)


def done(key: str, **values: object) -> None:
    """Say what was saved on the next run and start the table afresh."""
    st.session_state[FLASH] = ctx.t(key, **values)
    st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
    st.rerun()


entries = registry.entries()
tab_table, tab_import, tab_proposals, tab_history = st.tabs([
    ctx.t("registry.tab.table"), ctx.t("registry.tab.import"), ctx.t("registry.tab.proposals"),
    ctx.t("registry.tab.history")])

with tab_table:
    st.caption(ctx.t("registry.page.count", count=n(len(entries)),
                     regions=n(len({e.kabkota_code for e in entries}))))
    labels = {c: ctx.t(f"registry.field.{c}") for c in FRAME_COLUMNS}
    edited = st.data_editor(
        entries_frame(entries), key=f"registry.editor.{st.session_state.get(NONCE, 0)}",
        hide_index=True, width="stretch", num_rows="fixed" if viewer else "dynamic",
        disabled=True if viewer else list(READ_ONLY),
        column_config={
            **{c: st.column_config.TextColumn(labels[c]) for c in FRAME_COLUMNS},
            "region": st.column_config.TextColumn(labels["region"],
                                                  help=ctx.t("registry.field.region_help")),
            "ovop_stars": st.column_config.NumberColumn(labels["ovop_stars"], min_value=1,
                                                        max_value=5, step=1),
            "halal": st.column_config.CheckboxColumn(labels["halal"]),
            "entry_id": None,
        })
    if not viewer and st.button(ctx.t("registry.page.save"), type="primary",
                                key="registry.save"):
        try:
            edits = table_edits(entries, edited)
            if edits.empty:
                st.info(ctx.t("registry.page.nothing"))
            else:
                registry.apply(added=edits.added, updated=edits.updated, deleted=edits.deleted,
                               user=ctx.user.name)
                done("registry.page.saved", added=n(len(edits.added)),
                     updated=n(len(edits.updated)), removed=n(len(edits.deleted)))
        except (RegistryError, StoreError) as error:
            st.error(refusal(error))
    day = local_today()
    name = ctx.t("export.file.registry")
    left, right, _ = st.columns([1, 1, 3])
    left.download_button(ctx.t("registry.page.export_csv"), entries_csv(entries, ctx.lang),
                         file_name=f"{name}_{day.isoformat()}.csv", mime="text/csv",
                         key="registry.export_csv")
    right.download_button(
        ctx.t("registry.page.export_xlsx"), entries_xlsx(entries, ctx.lang),
        file_name=f"{name}_{day.isoformat()}.xlsx", key="registry.export_xlsx",
        mime="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet")

with tab_import:
    with st.expander(ctx.t("import_page.templates")):
        fmt = st.radio(ctx.t("import_page.template_format"), ("xlsx", "csv"), horizontal=True,
                       key="registry.template_format")
        examples = st.checkbox(ctx.t("import_page.template_examples"), value=True,
                               key="registry.template_examples")
        st.download_button(ctx.t("registry.page.template"),
                           template_bytes("registry", ctx.lang, fmt, examples),
                           file_name=template_file_name("registry", ctx.lang, fmt, examples),
                           key="registry.template")
    upload = st.file_uploader(ctx.t("registry.page.upload"), type=["csv", "xlsx"],
                              key=f"registry.upload.{st.session_state.get(NONCE, 0)}",
                              disabled=viewer)
    if upload is not None:
        result = read_registry(upload.getvalue(), upload.name)
        preview = preview_registry(entries, result)
        cols = st.columns(3)
        cols[0].metric(ctx.t("registry.page.new"), n(len(preview.added)))
        cols[1].metric(ctx.t("registry.page.merged"), n(len(preview.merged)))
        cols[2].metric(ctx.t("registry.page.unchanged"), n(len(preview.unchanged)))
        if preview.problems:
            st.dataframe(pd.DataFrame(
                [(ctx.t("import_page.error") if p.is_error else ctx.t("import_page.warning"),
                  p.row, p.column or "", problem_message(p, ctx.lang),
                  problem_suggestion(p, ctx.lang) or "") for p in preview.problems],
                columns=[ctx.t(f"import_page.col.{c}")
                         for c in ("severity", "row", "column", "problem", "fix")]),
                hide_index=True, width="stretch")
        if not preview.ok:
            st.error(ctx.t("registry.page.fix_first"))
        elif st.button(ctx.t("registry.page.import"), type="primary", key="registry.import",
                       disabled=viewer or not (preview.added or preview.merged)):
            try:
                counts = registry.import_entries(result.items, user=ctx.user.name,
                                                 summary=upload.name)
                done("registry.page.imported", added=n(counts.added), merged=n(counts.merged))
            except StoreError as error:
                st.error(refusal(error))

with tab_proposals:
    st.caption(ctx.t("registry.page.proposals_intro"))
    brought = [Brought(e.name, a) for e in ctx.store.list_events()
               for a in ctx.store.state(e.id).applicants]
    offered = proposals(brought, entries)
    if not offered:
        st.info(ctx.t("registry.page.no_proposals"))
    else:
        table = pd.DataFrame([(region_text(p.region_code), p.name, p.category,
                               ", ".join(f"{v} ({c})" for v, c in p.variants), p.applicants,
                               ", ".join(p.events), p.closest.name if p.closest else "")
                              for p in offered],
                             columns=[ctx.t(f"registry.proposal.{c}") for c in (
                                 "region", "name", "category", "variants", "applicants",
                                 "events", "closest")])
        st.dataframe(table, hide_index=True, width="stretch")
        pick = st.selectbox(ctx.t("registry.page.pick_proposal"), range(len(offered)),
                            format_func=lambda i: f"{region_text(offered[i].region_code)}: "
                            f"{offered[i].name}", key="registry.proposal")
        chosen = offered[pick]
        accept, merge_col, _ = st.columns([1, 2, 3])
        try:
            if accept.button(ctx.t("registry.page.accept"), disabled=viewer,
                             key="registry.accept"):
                registry.add(accepted(chosen, local_today()), user=ctx.user.name)
                done("registry.page.accepted", name=chosen.name)
            if chosen.closest is not None and merge_col.button(
                    ctx.t("registry.page.merge_into", name=chosen.closest.name),
                    disabled=viewer, key="registry.merge"):
                registry.update(merged_into(chosen.closest, chosen, local_today()),
                                user=ctx.user.name)
                done("registry.page.merged_done", name=chosen.closest.name)
        except StoreError as error:
            st.error(refusal(error))

with tab_history:
    changes = registry.history(50)
    if not changes:
        st.info(ctx.t("registry.page.no_history"))
    else:
        st.dataframe(pd.DataFrame(
            [(c.id, format_time(c.at, ctx.lang), c.user,
              action_label(c.action, ctx.lang), c.summary, c.entry_count,
              ctx.t("registry.page.undone") if c.undone_by else "") for c in changes],
            columns=[ctx.t(f"registry.history.{c}") for c in (
                "id", "time", "user", "action", "summary", "entries", "state")]),
            hide_index=True, width="stretch")
        newest = next((c for c in changes if c.undoable and not c.undone_by), None)
        if newest is not None and st.button(
                ctx.t("registry.page.undo", id=newest.id,
                      action=action_label(newest.action, ctx.lang)),
                disabled=viewer, key="registry.undo"):
            try:
                registry.undo(newest.id, user=ctx.user.name)
                done("registry.page.undone_done", id=newest.id)
            except StoreError as error:
                st.error(refusal(error))
