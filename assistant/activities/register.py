"""Finding rows of the register: filters (responsible, year, status …) and a term index over the rows."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass
from functools import lru_cache

from assistant.activities.records import fold
from assistant.ingest.periods import period_year
from assistant.ingest.terms import terms
from assistant.models import Activity


@dataclass(frozen=True)
class ActivityFilter:
    """What to narrow the register to; empty fields do not narrow."""

    responsible: str = ""
    deadline_year: int | None = None
    status: str = ""
    document: str = ""
    target_group: str = ""
    text: str = ""


def names_match(wanted: str, name: str) -> bool:
    """Tell whether a responsible name matches a wanted one word by word ("Lerum" finds "NOSAM Lerum")."""
    wanted_words = _folded_words(wanted)
    name_words = _folded_words(name)
    return bool(wanted_words) and all(word in name_words for word in wanted_words)


@lru_cache(maxsize=65_536)
def _folded_words(text: str) -> tuple[str, ...]:
    return tuple(fold(text).split())


def matches(record: Activity, query: ActivityFilter) -> bool:
    """Tell whether a record passes every filter that is set."""
    if query.responsible and not any(names_match(query.responsible, n) for n in record.responsible):
        return False
    if query.deadline_year is not None and period_year(record.deadline_period) != query.deadline_year:
        return False
    if query.status and fold(query.status) != fold(record.status):
        return False
    if query.document and query.document not in (record.doc_id, record.document):
        return False
    if query.target_group and fold(query.target_group) != fold(record.target_group):
        return False
    if query.text:
        haystack = fold(" ".join([record.goal, record.what, record.how, *record.responsible,
                                  record.start, record.deadline, record.follow_up, record.status, record.title]))
        return all(word in haystack for word in fold(query.text).split())
    return True


def filter_activities(records: Iterable[Activity], query: ActivityFilter) -> list[Activity]:
    """Return the records that pass the filter, in register order."""
    if query == ActivityFilter():
        return list(records)
    return [record for record in records if matches(record, query)]


# Terms this long match a form a few letters longer or shorter ("skolnärvaron" finds "skolnärvaro"),
# an inflection the stemmer left, but not a compound ("familjecentral" does not find "familj").
PREFIX_LENGTH = 5
INFLECTION = 3

def known_names(records: Sequence[Activity]) -> list[str]:
    """Return the responsible parties the register names, longest first (so "NOSAM Lerum" wins over "NOSAM")."""
    return sorted({name for r in records for name in r.responsible}, key=len, reverse=True)


def _row_text(record: Activity) -> str:
    return " ".join([record.goal, record.what, record.how, record.follow_up, record.status])


class Register:
    """The register's rows, with the rows that hold each term, worked out once per index.

    A topic term covers a row when the row has it, or has it with up to INFLECTION letters more
    or fewer at the end ("samordnad" / "samordna"), both at least PREFIX_LENGTH long. A region's
    register holds thousands of rows, so rows are found by term rather than read one by one.
    """

    def __init__(self, records: Sequence[Activity]) -> None:
        self.records = tuple(records)
        self.names = known_names(self.records)
        self._row = {record.id: row for row, record in enumerate(self.records)}
        self._found: dict[str, set[int]] = {}
        self._shortened: dict[str, set[int]] = {}
        for row, record in enumerate(self.records):
            for term in set(terms(_row_text(record))):
                self._found.setdefault(term, set()).add(row)
                for size in range(max(PREFIX_LENGTH, len(term) - INFLECTION), len(term)):
                    self._shortened.setdefault(term[:size], set()).add(row)

    def covering(self, term: str) -> set[int]:
        """Return the positions of the rows that hold the term or an inflected form of it."""
        rows = set(self._found.get(term, ()))
        if len(term) >= PREFIX_LENGTH:
            rows |= self._shortened.get(term, set())
            for size in range(max(PREFIX_LENGTH, len(term) - INFLECTION), len(term)):
                rows |= self._found.get(term[:size], set())
        return rows

    def coverage(self, weights: dict[str, float], pool: Sequence[Activity]) -> list[tuple[float, Activity]]:
        """Return each row of the pool with the share of the topic's weight it covers."""
        total = sum(weights.values())
        covered: dict[int, float] = {}
        for term, weight in weights.items():
            for row in self.covering(term):
                covered[row] = covered.get(row, 0.0) + weight
        return [(covered.get(self._row[r.id], 0.0) / total if total else 0.0, r) for r in pool]
