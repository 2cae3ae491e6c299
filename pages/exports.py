"""Downloads: the booth list (CSV, Excel), the unplaced list, lists per province, hall lists.

Every file is built by ``booth_planner.exports.booth_lists`` only when its button is clicked.
"""

from functools import partial

import streamlit as st

from app_support import page_context, require_event
from booth_planner.allocation.unplaced import NOT_ALLOCATED, unplaced_reasons
from booth_planner.core.i18n import format_number
from booth_planner.core.local_time import local_today
from booth_planner.exports import booth_lists as export
from booth_planner.exports.spreadsheet_csv import indonesian_spreadsheet_csv
from booth_planner.occupancy import hall_counts

CSV = "text/csv"
ctx = page_context()
event = require_event(ctx)
state = ctx.state()
today = local_today()


def file_name(kind: str, ext: str, part: str | None = None) -> str:
    """The download's name: kind, event, hall if any, and today's date."""
    return export.export_file_name(kind, event, today, ext, ctx.lang, part)


def download(label_key: str, data, name: str, mime: str, key: str, **values) -> None:
    """A download button that builds its file on click and does not rerun the page."""
    st.download_button(ctx.t(label_key, **values), data=data, file_name=name, mime=mime,
                       key=key, on_click="ignore", icon=":material/download:")


st.title(ctx.t("exports.page.title"))
st.caption(ctx.t("exports.page.intro"))

delimiter = st.radio(
    ctx.t("exports.delimiter"), export.DELIMITERS, index=1 if ctx.lang == "id" else 0,
    format_func=lambda d: ctx.t("exports.delimiter.comma" if d == "," else
                                "exports.delimiter.semicolon"),
    horizontal=True, key="exports_delimiter", help=ctx.t("exports.delimiter.help"),
)

st.subheader(ctx.t("exports.booths.title"))
booth_list = ctx.derived(export.assignments_table, geometry=True)
st.caption(ctx.t("exports.booths.caption", booths=format_number(len(booth_list), ctx.lang)))
columns = st.columns(3)
with columns[0]:
    download("exports.booths.csv", partial(export.csv_bytes, booth_list, delimiter),
             file_name("assignments", "csv"), CSV, "exports_booths_csv")
with columns[1]:
    download("exports.booths.excel", partial(export.excel_bytes, state, ctx.lang),
             file_name("workbook", "xlsx"),
             "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
             "exports_booths_xlsx")
with columns[2]:
    download("exports.booths.provinces",
             partial(export.province_lists_zip, state, delimiter, ctx.lang),
             file_name("province_lists", "zip"), "application/zip", "exports_provinces_zip")
download("exports.booths.spreadsheet_id", partial(indonesian_spreadsheet_csv, state, ctx.lang),
         file_name("assignments", "csv", ctx.t("export.file.spreadsheet_id")), CSV,
         "exports_booths_csv_id")
st.caption(ctx.t("exports.booths.spreadsheet_id.help"))
with st.expander(ctx.t("exports.booths.preview")):
    st.dataframe(export.shown_table(ctx.derived(export.readable_booth_table, ctx.lang), ctx.lang),
                 hide_index=True, width="stretch")

st.subheader(ctx.t("exports.unplaced.title"))
unplaced = ctx.derived(unplaced_reasons, ctx.lang)
if unplaced:
    table = export.unplaced_table(state, unplaced)
    st.caption(ctx.t("exports.unplaced.caption", count=format_number(len(table), ctx.lang)))
    if (table["reason_code"] == NOT_ALLOCATED).any():
        st.info(ctx.t("exports.unplaced.not_allocated"), icon=":material/info:")
    download("exports.unplaced.csv", partial(export.csv_bytes, table, delimiter),
             file_name("unplaced", "csv"), CSV, "exports_unplaced_csv")
    # The file keeps SPEC's reason codes; the page says the reason in words only.
    st.dataframe(export.shown_table(table.drop(columns="reason_code"), ctx.lang),
                 hide_index=True, width="stretch")
else:
    st.success(ctx.t("exports.unplaced.none"))

st.subheader(ctx.t("exports.halls.title"))
halls = hall_counts(state)["hall"].tolist()
if not halls:
    st.info(ctx.t("exports.halls.none"))
else:
    hall = st.selectbox(ctx.t("exports.halls.pick"), halls, key="exports_hall")
    columns = st.columns(2)
    with columns[0]:
        download("exports.halls.print", partial(export.printable_hall_list_html, state, hall,
                                                ctx.lang),
                 file_name("hall_list", "html", hall),
                 "text/html", "exports_hall_html")
    with columns[1]:
        if export.floor_plan_available():
            download("exports.halls.floor_plan",
                     partial(export.floor_plan_html, state, hall, ctx.lang),
                     file_name("floor_plan", "html", hall),
                     "text/html", "exports_floor_plan_html")
            st.caption(ctx.t("exports.halls.floor_plan_png"))
