"""Import booths or applicants from CSV/.xlsx: a dry run first, then merge or replace on confirm."""

import hashlib

import pandas as pd
import streamlit as st

from app_support import page_context, read_only_note, require_event, require_organizer
from booth_planner.core.i18n import format_number
from booth_planner.core.plain_text import plain
from booth_planner.importing import (
    ImportRefused,
    apply_import,
    describe_region,
    preview_import,
    problem_message,
    problem_suggestion,
    read_applicants,
    read_booths,
    remember_region_choice,
    template_bytes,
    template_file_name,
)
from booth_planner.importing.view import changes_frame, items_frame
from booth_planner.storage import StoreError

FLASH = "import.flash"
NONCE = "import.nonce"
MAX_PICKERS = 30

ctx = page_context()
event = require_event(ctx)
st.title(ctx.t("import_page.title"))
st.caption(ctx.t("import_page.intro"))
if message := st.session_state.pop(FLASH, None):
    st.success(message)


@st.cache_data(max_entries=8, show_spinner=False)
def read_file(kind: str, data: bytes, name: str, aliases: tuple[tuple[str, str], ...]):
    """The file read and checked; cached so widget clicks do not read it again."""
    if kind == "booths":
        return read_booths(data, name)
    return read_applicants(data, name, dict(aliases))


def problems_frame(problems) -> pd.DataFrame:
    """Problems as a table in the page's language."""
    return pd.DataFrame(
        [(ctx.t("import_page.error") if p.is_error else ctx.t("import_page.warning"),
          p.row, p.column or "", problem_message(p, ctx.lang), problem_suggestion(p, ctx.lang) or "")
         for p in problems],
        columns=[ctx.t(f"import_page.col.{c}")
                 for c in ("severity", "row", "column", "problem", "fix")],
    )


def template_downloads() -> None:
    """Empty and example templates of both files, in the page's language."""
    with st.expander(ctx.t("import_page.templates")):
        fmt = st.radio(ctx.t("import_page.template_format"), ("xlsx", "csv"), horizontal=True,
                       key="import.template_format")
        examples = st.checkbox(ctx.t("import_page.template_examples"), value=True,
                               key="import.template_examples")
        for column, kind in zip(st.columns(2), ("booths", "applicants"), strict=True):
            column.download_button(
                ctx.t(f"import_page.download.{kind}"),
                template_bytes(kind, ctx.lang, fmt, examples),
                file_name=template_file_name(kind, ctx.lang, fmt, examples),
                key=f"import.download.{kind}",
            )


def region_pickers(result) -> None:
    """For each region text nobody could resolve, a choice among its candidates, remembered."""
    by_text = {}
    for item in result.unresolved_regions:
        by_text.setdefault(item.text, item)
    if not by_text:
        return
    st.subheader(ctx.t("import_page.regions.title"))
    st.caption(ctx.t("import_page.regions.intro"))
    for index, (text, item) in enumerate(list(by_text.items())[:MAX_PICKERS]):
        rows = [u.row for u in result.unresolved_regions if u.text == text]
        left, right = st.columns([3, 1], vertical_alignment="bottom")
        codes = [c.code for c in item.candidates]
        if not codes:
            left.warning(ctx.t("import_page.regions.none", text=text))
            continue
        names = {c.code: describe_region(c) for c in item.candidates}
        chosen = left.selectbox(
            ctx.t("import_page.regions.pick", text=text, rows=", ".join(map(str, rows[:10]))),
            codes, format_func=names.get, key=f"import.region.{index}")
        if right.button(ctx.t("import_page.regions.remember"), key=f"import.remember.{index}"):
            require_organizer(ctx)
            remember_region_choice(ctx.store, event.id, text, chosen, ctx.user.name)
            st.session_state[FLASH] = ctx.t("import_page.regions.remembered", text=text,
                                            region=names[chosen])
            st.rerun()
    if len(by_text) > MAX_PICKERS:
        st.caption(ctx.t("import_page.regions.more", count=len(by_text) - MAX_PICKERS))


def show_preview(preview) -> None:
    """Counts, problems, and the added, changed and removed items."""
    errors = sum(p.is_error for p in preview.problems)
    figures = st.columns(6)
    for column, key, value in zip(figures, ("added", "changed", "removed", "unchanged",
                                            "errors", "warnings"),
                                  (len(preview.added), len(preview.changed), len(preview.removed),
                                   preview.unchanged, errors, len(preview.problems) - errors),
                                  strict=True):
        column.metric(ctx.t(f"import_page.count.{key}"), format_number(value, ctx.lang))
    if preview.problems:
        st.subheader(ctx.t("import_page.problems"))
        st.dataframe(problems_frame(preview.problems), hide_index=True, width="stretch")
    tabs = st.tabs([ctx.t("import_page.tab.added"), ctx.t("import_page.tab.changed"),
                    ctx.t("import_page.tab.removed")])
    added = set(preview.added)
    with tabs[0]:
        rows = [i for i in preview.items
                if (i.booth_id if preview.kind == "booths" else i.applicant_id) in added]
        st.dataframe(items_frame(rows, preview.kind, ctx.lang), hide_index=True, width="stretch")
    with tabs[1]:
        st.dataframe(changes_frame(preview, ctx.lang), hide_index=True, width="stretch")
    with tabs[2]:
        st.dataframe(pd.DataFrame({ctx.t("import_page.col.id"): list(preview.removed)}),
                     hide_index=True, width="stretch")


def confirm(preview) -> None:
    """The apply button, with an extra tick when replace would remove items."""
    if not preview.ok:
        st.error(ctx.t("import_page.blocked"))
        return
    if not preview.has_effect:
        st.info(ctx.t("import_page.nothing"))
        return
    if not ctx.user.can_edit:
        st.warning(ctx.t("auth.read_only"))
        return
    sure = True
    if preview.removed:
        sure = st.checkbox(ctx.t("import_page.confirm_removal", count=len(preview.removed)),
                           key="import.confirm_removal")
    label = ctx.t(f"import_page.apply.{preview.mode}")
    if st.button(label, type="primary", disabled=not sure, key="import.apply"):
        require_organizer(ctx)
        try:
            counts = apply_import(ctx.store, event.id, preview, ctx.user.name)
        except ImportRefused as refused:
            st.error(ctx.t(f"importer.refused.{refused.code}"))
            return
        except StoreError as error:
            st.error(ctx.t("import_page.store_refused", message=plain(str(error))))
            return
        st.session_state[FLASH] = ctx.t("import_page.done", **counts)
        st.session_state[NONCE] = st.session_state.get(NONCE, 0) + 1
        st.rerun()


template_downloads()
kinds = ("booths", "applicants")
kind = st.radio(ctx.t("import_page.kind"), kinds, horizontal=True,
                format_func=lambda k: ctx.t(f"import_page.kind.{k}"), key="import.kind")
mode = st.radio(ctx.t("import_page.mode"), ("merge", "replace"), horizontal=True,
                format_func=lambda m: ctx.t(f"import_page.mode.{m}"), key="import.mode",
                help=ctx.t("import_page.mode_help"))
read_only_note(ctx)
upload = st.file_uploader(ctx.t("import_page.upload"), type=["csv", "xlsx", "txt"],
                          help=ctx.t("upload.help"), key=f"import.file.{kind}.{st.session_state.get(NONCE, 0)}",
                          disabled=not ctx.user.can_edit)
if upload is None:
    st.stop()

data = upload.getvalue()
aliases = tuple(sorted(ctx.store.region_aliases(event.id).items())) if kind == "applicants" else ()
result = read_file(kind, data, upload.name, aliases)
details = [ctx.t("import_page.read_as", rows=format_number(len(result.items), ctx.lang),
                 digest=hashlib.sha256(data).hexdigest()[:8])]
if result.encoding:
    details.append(ctx.t("import_page.encoding", encoding=result.encoding,
                         delimiter={",": ",", ";": ";", "\t": "TAB"}.get(result.delimiter, "")))
if result.sheet:
    details.append(ctx.t("import_page.sheet", sheet=result.sheet))
st.caption(" · ".join(details))
region_pickers(result)
preview = preview_import(ctx.state(), result, kind, mode)
show_preview(preview)
confirm(preview)
