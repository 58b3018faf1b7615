"""Plan-table columns recognised by meaning, and table rows written out as text.

Activity plans name their columns in many ways ("Beslut Vem/Ansvarig", "Ansvarig", "Vem";
"Deadline/ slutdatum", "Slutdatum", "Klart"). Every table reader maps headers through
`column_key`, so a row reads the same whichever document or format it came from.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Sequence

from assistant.models import Cell

# Canonical key, short Swedish label, and stems that identify the column. Order matters:
# the first key whose stem occurs in a header wins, so specific stems come first.
COLUMNS: tuple[tuple[str, str, tuple[str, ...]], ...] = (
    ("follow_up", "Uppföljning", ("uppfölj", "mätetal", "utfall", "follow")),
    ("deadline", "Deadline", ("deadline", "slutdatum", "klart", "slut", "senast", "end", "due")),
    ("start", "Start", ("startdatum", "start", "påbörja", "från")),
    ("responsible", "Ansvarig", ("ansvar", "vem", "beslut", "owner", "responsib")),
    ("status", "Status", ("status", "läge")),
    ("how", "Hur", ("hur", "tillvägagång", "metod", "how")),
    ("what", "Vad", ("vad", "aktivitet", "åtgärd", "what", "activity")),
    ("goal", "Mål", ("mål", "delmål", "syfte", "goal")),
)

LABELS: dict[str, str] = {key: label for key, label, _ in COLUMNS}


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def column_key(header: str) -> str | None:
    """Return the canonical key of a table header ("Beslut Vem/Ansvarig" → "responsible"), or None."""
    folded = _fold(header)
    if not folded:
        return None
    # Stems match at the start of a word only: "slut" must not fire inside "Beslut".
    for key, _label, stems in COLUMNS:
        if any(re.search(rf"(?<!\w){re.escape(stem)}", folded) for stem in stems):
            return key
    return None


def column_label(header: str) -> str:
    """Return the short label used when a row is written out ("Deadline/ slutdatum" → "Deadline")."""
    key = column_key(header)
    return LABELS[key] if key else _fold(header).capitalize() or "Kolumn"


def is_header_row(texts: Sequence[str]) -> bool:
    """Tell whether a row of cell texts looks like a plan table's header row."""
    keys = [column_key(text) for text in texts if text.strip()]
    recognised = [key for key in keys if key]
    return len(recognised) >= 3 and len(set(recognised)) >= 3 and all(len(t) < 80 for t in texts)


def render_row(cells: Sequence[Cell]) -> str:
    """Write a table row out as `Vad: … | Hur: … | Ansvarig: …`, leaving empty cells out."""
    parts = [f"{column_label(cell.header)}: {cell.text.strip()}" for cell in cells if cell.text.strip()]
    return " | ".join(parts)


def fill_continued(headers: Sequence[str], rows: Sequence[Sequence[str]]) -> list[tuple[list[str], bool]]:
    """Fill a row's empty leading cells from the row above; return (cells, continued) per row.

    A plan table leaves the goal and activity cells empty when a row continues the activity
    above it. Only the leading run of empty cells is inherited, never a later empty cell.
    """
    filled: list[tuple[list[str], bool]] = []
    previous: list[str] | None = None
    for row in rows:
        cells = [str(text) for text in row] + [""] * max(0, len(headers) - len(row))
        leading = 0
        while leading < len(cells) and not cells[leading].strip():
            leading += 1
        continued = previous is not None and 0 < leading < len(cells)
        if continued and previous is not None:
            cells[:leading] = previous[:leading]
        filled.append((cells, continued))
        previous = cells
    return filled
