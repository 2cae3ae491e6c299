"""Every text a page shows, gathered from an AppTest run: labels, messages, options and tables."""

from __future__ import annotations

import json
from collections.abc import Iterator, Sequence

import pandas as pd
from google.protobuf.message import Message

# Proto fields that hold no words a person reads (ids, styles, encoded data, icons).
_SKIPPED = {"id", "key", "form_id", "icon", "data", "arrow_data", "styler", "spec", "figure",
            "url", "page_script_hash", "width_config", "height_config", "type", "format",
            "help", "placeholder", "theme", "selections", "page", "page_name", "column_order",
            "columns"}


def _strings(message: Message) -> Iterator[str]:
    """The string fields of a proto message, nested ones included."""
    for descriptor, value in message.ListFields():
        if descriptor.name in _SKIPPED:
            continue
        items = value if isinstance(value, Sequence) and not isinstance(value, str) else [value]
        for item in items:
            if isinstance(item, str):
                yield item
            elif isinstance(item, Message):
                yield from _strings(item)


def page_texts(node) -> Iterator[str]:
    """Every text of ``node`` and what it holds; a table gives its column names and cells.

    An editable table's cells are the values being edited (codes its columns show in words), so
    only its column names are taken.
    """
    if getattr(node, "type", None) in ("arrow_data_frame", "dataframe", "table"):
        frame = node.value
        # A column shows its configured label, when it has one, instead of its name.
        config = json.loads(getattr(node.proto, "columns", "") or "{}")
        labels = {name.removeprefix("name:"): c.get("label") for name, c in config.items()
                  if isinstance(c, dict)}
        yield from (labels.get(str(c)) or str(c) for c in frame.columns)
        if not getattr(node.proto, "editing_mode", 0):
            yield from (str(v) for v in frame.to_numpy().ravel() if not pd.isna(v))
    proto = getattr(node, "proto", None)
    if isinstance(proto, Message):
        yield from _strings(proto)
    for child in getattr(node, "children", {}).values():
        yield from page_texts(child)
