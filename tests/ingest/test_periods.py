"""Plan dates read into a year and an optional month."""

from __future__ import annotations

import pytest

from assistant.ingest.periods import describe_period, normalise_period, period_sort_key, period_year


@pytest.mark.parametrize(
    ("text", "period"),
    [
        ("Oktober 2025", "2025-10"),
        ("Jan 2026", "2026-01"),
        ("jan. 2026", "2026-01"),
        ("okt 2025", "2025-10"),
        ("Maj 2024", "2024-05"),
        ("December\n2026", "2026-12"),
        ("2027", "2027"),
        ("2025-10-15", "2025-10"),
        ("2025-03", "2025-03"),
        ("10/2025", "2025-10"),
        ("Löpande", "ongoing"),
        ("Pågående", "ongoing"),
        ("Kontinuerligt", "ongoing"),
        ("Tills vidare", "ongoing"),
        ("Klart 2026", "2026"),
        ("Hösten 2025", "2025"),
        ("vt 2026", "2026"),
        ("2023–2026", "2023"),
        ("", ""),
        ("Ej bestämt", ""),
        ("2025-13", "2025"),
    ],
)
def test_normalise_period(text: str, period: str) -> None:
    assert normalise_period(text) == period


def test_a_range_gives_its_end_when_asked_for_the_last_date() -> None:
    assert normalise_period("2023–2026", last=True) == "2026"
    assert normalise_period("Start jan 2025, klart juni 2026", last=True) == "2026-06"


def test_a_date_wins_over_an_ongoing_word() -> None:
    assert normalise_period("Pågår till oktober 2026") == "2026-10"


@pytest.mark.parametrize(
    ("period", "words", "year"),
    [("2025-10", "oktober 2025", 2025), ("2027", "2027", 2027), ("ongoing", "löpande", None), ("", "", None)],
)
def test_describe_and_year(period: str, words: str, year: int | None) -> None:
    assert describe_period(period) == words
    assert period_year(period) == year


def test_periods_sort_by_date_with_ongoing_and_unknown_last() -> None:
    periods = ["", "ongoing", "2027", "2025-10", "2026-01", "2026"]
    assert sorted(periods, key=period_sort_key) == ["2025-10", "2026", "2026-01", "2027", "ongoing", ""]
