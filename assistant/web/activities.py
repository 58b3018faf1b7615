"""The activity register on the web: `/aktiviteter` (filter, sort), its CSV and XLSX, and `/api/activities`.

Every filter and sort is a query parameter, so the page works without JavaScript and an export
link carries the very selection the page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import asdict
from typing import Any

from flask import Blueprint, Response, abort, render_template, request, url_for
from werkzeug.datastructures import MultiDict

from assistant.activities.export import to_csv, to_xlsx
from assistant.activities.records import fold
from assistant.activities.register import ActivityFilter
from assistant.answering.present import activity_json, shown_period, source_url
from assistant.ingest.periods import period_sort_key, period_year
from assistant.models import Activity
from assistant.web.state import current_assistant

activities = Blueprint("activities", __name__)

EXPORT_NAME = "aktiviteter"

# Sortable columns: the query value, the heading, and the sort key of a record (None: no value).
SORTS: dict[str, tuple[str, Callable[[Activity], Any]]] = {
    "what": ("Vad", lambda a: fold(a.what or a.goal) or None),
    "how": ("Hur", lambda a: fold(a.how) or None),
    "responsible": ("Ansvarig", lambda a: fold(", ".join(a.responsible)) or None),
    "start": ("Start", lambda a: period_sort_key(a.start_period) if a.start_period else None),
    "deadline": ("Deadline", lambda a: period_sort_key(a.deadline_period) if a.deadline_period else None),
    "status": ("Status", lambda a: fold(a.status) or None),
    "document": ("Dokument", lambda a: fold(a.title) or None),
}


def read_filter(args: MultiDict[str, str]) -> ActivityFilter:
    """Read the register filter from query parameters, or stop with a 400 that says what is wrong."""
    year = args.get("deadline_year", "").strip()
    if year and not (year.isdigit() and len(year) == 4):
        abort(400, 'Parametern "deadline_year" måste vara ett årtal, till exempel 2026.')
    return ActivityFilter(
        responsible=args.get("responsible", "").strip(),
        deadline_year=int(year) if year else None,
        status=args.get("status", "").strip(),
        document=args.get("document", "").strip(),
        target_group=args.get("target_group", "").strip(),
        text=args.get("q", "").strip(),
    )


def read_sort(args: MultiDict[str, str]) -> tuple[str, bool]:
    """Return the column to sort by ("" keeps the plans' own order) and whether to sort descending."""
    key = args.get("sort", "")
    return (key if key in SORTS else ""), args.get("order") == "desc"


def sort_activities(records: Sequence[Activity], key: str, descending: bool) -> list[Activity]:
    """Sort records by a column of `SORTS`; rows without a value come last, equal keys keep the plans' order."""
    if not key:
        return list(records)
    read = SORTS[key][1]
    given = [r for r in records if read(r) is not None]
    return sorted(given, key=read, reverse=descending) + [r for r in records if read(r) is None]


def _selected() -> list[Activity]:
    query = read_filter(request.args)
    key, descending = read_sort(request.args)
    return sort_activities(current_assistant().activities(**asdict(query)), key, descending)


def _absolute_link(record: Activity) -> str:
    return request.host_url.rstrip("/") + source_url(record.doc_id, record.chunk_id)


def _choices(records: Sequence[Activity]) -> dict[str, list[tuple[str, str]]]:
    """The values each filter can take, as (value, label) pairs, from the whole register."""
    years = sorted({year for r in records if (year := period_year(r.deadline_period)) is not None})
    return {
        "responsible": [(n, n) for n in sorted({n for r in records for n in r.responsible}, key=fold)],
        "target_group": [(g, g) for g in sorted({r.target_group for r in records if r.target_group}, key=fold)],
        "document": sorted({(r.doc_id, r.title) for r in records}, key=lambda item: fold(item[1])),
        "deadline_year": [(str(y), str(y)) for y in years],
        "status": [(s, s) for s in sorted({r.status for r in records if r.status}, key=fold)],
    }


def _sort_url(key: str) -> str:
    current, descending = read_sort(request.args)
    args: dict[str, Any] = {name: value for name, value in request.args.items() if name not in ("sort", "order")}
    args["sort"], args["order"] = key, "desc" if current == key and not descending else "asc"
    return url_for("activities.page", **args)


def _export_url(endpoint: str) -> str:
    args: dict[str, Any] = dict(request.args.items())
    return url_for(endpoint, **args)


@activities.get("/aktiviteter")
def page() -> str:
    """Show the register as a table, filtered and sorted by the query parameters."""
    every = current_assistant().activities()
    shown = _selected()
    key, descending = read_sort(request.args)
    return render_template(
        "activities.html",
        records=shown,
        total=len(every),
        choices=_choices(every),
        query=read_filter(request.args),
        sorts=SORTS,
        sort_key=key,
        descending=descending,
        sort_url=_sort_url,
        export_url=_export_url,
        period_text=shown_period,
        source_url=source_url,
    )


def _download(body: bytes, mimetype: str, suffix: str) -> Response:
    response = Response(body, mimetype=mimetype)
    response.headers["Content-Disposition"] = f'attachment; filename="{EXPORT_NAME}.{suffix}"'
    return response


@activities.get("/aktiviteter.csv")
def csv_export() -> Response:
    """Download the selected activities as CSV (UTF-8 with BOM, semicolons, for Excel)."""
    return _download(to_csv(_selected(), _absolute_link), "text/csv; charset=utf-8", "csv")


@activities.get("/aktiviteter.xlsx")
def xlsx_export() -> Response:
    """Download the selected activities as an Excel workbook."""
    mimetype = "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
    return _download(to_xlsx(_selected(), _absolute_link), mimetype, "xlsx")


@activities.get("/api/activities")
def api_activities() -> dict[str, Any]:
    """Return the selected activities as `{"count": n, "activities": [...]}`."""
    records = _selected()
    return {"count": len(records), "activities": [activity_json(record) for record in records]}
