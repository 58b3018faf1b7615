"""Dates as plan tables write them, read into a year and an optional month.

"Oktober 2025" → "2025-10", "Jan 2026" → "2026-01", "2027" → "2027", "Löpande" → "ongoing",
and nothing recognisable → "". The normalised strings sort in date order (ongoing last).
"""

from __future__ import annotations

import re
import unicodedata

ONGOING = "ongoing"

# Month names and their usual abbreviations, Swedish and English.
MONTHS: dict[str, int] = {
    "januari": 1, "jan": 1, "january": 1,
    "februari": 2, "feb": 2, "february": 2,
    "mars": 3, "mar": 3, "march": 3,
    "april": 4, "apr": 4,
    "maj": 5, "may": 5,
    "juni": 6, "jun": 6, "june": 6,
    "juli": 7, "jul": 7, "july": 7,
    "augusti": 8, "aug": 8, "august": 8,
    "september": 9, "sep": 9, "sept": 9,
    "oktober": 10, "okt": 10, "oct": 10, "october": 10,
    "november": 11, "nov": 11,
    "december": 12, "dec": 12,
}

MONTH_NAMES = (
    "januari", "februari", "mars", "april", "maj", "juni",
    "juli", "augusti", "september", "oktober", "november", "december",
)

_ONGOING_WORDS = re.compile(
    r"\b(löpande|pågående|pågår|kontinuerlig\w*|fortlöpande|tills\s*vidare|tillsvidare|ständigt"
    r"|ongoing|continuous)\b"
)
# One date: 2025-10(-15), 10/2025, "oktober 2025" (any word before a year is tried as a month), 2025.
_DATE = re.compile(
    r"\b(?:(?P<iso_year>(?:19|20)\d\d)-(?P<iso_month>\d\d?)(?:-\d\d?)?"
    r"|(?P<num_month>\d\d?)/(?P<num_year>(?:19|20)\d\d)"
    r"|(?P<word>[a-zåäö]+)\.?\s+(?P<word_year>(?:19|20)\d\d)"
    r"|(?P<year>(?:19|20)\d\d))\b"
)


def _fold(text: str) -> str:
    return re.sub(r"\s+", " ", unicodedata.normalize("NFC", text)).strip().lower()


def _period(match: re.Match[str]) -> str:
    year = match["iso_year"] or match["num_year"] or match["word_year"] or match["year"]
    if match["word"]:
        month = MONTHS.get(match["word"], 0)
    else:
        month = int(match["iso_month"] or match["num_month"] or 0)
    return f"{year}-{month:02d}" if 1 <= month <= 12 else year


def normalise_period(text: str, last: bool = False) -> str:
    """Read a plan date ("Oktober 2025" → "2025-10", "Löpande" → "ongoing"); "" if none.

    A cell naming several dates ("2023–2026") gives its first, or its last when `last` is
    set, as a deadline column's range ends where the work must be done.
    """
    folded = _fold(text)
    dates = [_period(match) for match in _DATE.finditer(folded)]
    if dates:
        return dates[-1 if last else 0]
    if _ONGOING_WORDS.search(folded):
        return ONGOING
    return ""


def period_year(period: str) -> int | None:
    """Return a normalised period's year ("2025-10" → 2025), or None for ongoing or unknown."""
    return int(period[:4]) if period[:4].isdigit() else None


def describe_period(period: str) -> str:
    """Write a normalised period in Swedish words: "2025-10" → "oktober 2025", "ongoing" → "löpande"."""
    if period == ONGOING:
        return "löpande"
    if len(period) == 7 and period[:4].isdigit():
        return f"{MONTH_NAMES[int(period[5:]) - 1]} {period[:4]}"
    return period


def period_sort_key(period: str) -> tuple[int, str]:
    """Sort periods by date, with ongoing after every date and unknown after that."""
    if period == ONGOING:
        return (1, "")
    return (0, period) if period else (2, "")
