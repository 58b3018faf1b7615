"""The register's table in the index database: written at build, read when the index opens."""

from __future__ import annotations

import json
import sqlite3
from collections.abc import Sequence
from typing import Any

from assistant.models import Activity, Cell

SCHEMA = """
CREATE TABLE IF NOT EXISTS activities (
    row INTEGER PRIMARY KEY, id TEXT UNIQUE, doc_id TEXT, document TEXT, title TEXT, chunk_id TEXT,
    page INTEGER, goal TEXT, what TEXT, how TEXT, responsible TEXT, start TEXT, deadline TEXT,
    follow_up TEXT, status TEXT, start_period TEXT, deadline_period TEXT, target_group TEXT,
    continued INTEGER, cells TEXT
);
"""
_COLUMNS = (
    "id, doc_id, document, title, chunk_id, page, goal, what, how, responsible, start, deadline, "
    "follow_up, status, start_period, deadline_period, target_group, continued, cells"
)


def save_activities(db: sqlite3.Connection, records: Sequence[Activity]) -> None:
    """Write the register into an index database (its table is created if missing)."""
    db.executescript(SCHEMA)
    db.executemany(
        f"INSERT INTO activities ({_COLUMNS}) VALUES ({', '.join('?' * 19)})",
        [
            (r.id, r.doc_id, r.document, r.title, r.chunk_id, r.page, r.goal, r.what, r.how,
             json.dumps(r.responsible, ensure_ascii=False), r.start, r.deadline, r.follow_up, r.status,
             r.start_period, r.deadline_period, r.target_group, int(r.continued),
             json.dumps([[c.header, c.text] for c in r.cells], ensure_ascii=False))
            for r in records
        ],
    )


def load_activities(db: sqlite3.Connection) -> tuple[Activity, ...]:
    """Read the register from an index database, in the order it was written."""
    rows = db.execute(f"SELECT {_COLUMNS} FROM activities ORDER BY row").fetchall()
    names = _COLUMNS.split(", ")
    records = []
    for row in rows:
        values: dict[str, Any] = dict(zip(names, row))
        values["responsible"] = tuple(json.loads(values["responsible"]))
        values["continued"] = bool(values["continued"])
        values["cells"] = tuple(Cell(header, text) for header, text in json.loads(values["cells"]))
        records.append(Activity(**values))
    return tuple(records)
