"""Small measuring tools: latency percentiles, memory from /proc, sizes on disk, ranking metrics."""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Any, TypeVar

import numpy as np

from assistant.indexing.build import EMBEDDING

T = TypeVar("T")

# The name build_index reports its embedding stage under.
EMBEDDING_STAGE = EMBEDDING


def percentile(values: Sequence[float], share: float) -> float:
    """Return the nearest-rank percentile: the smallest value with at least `share` of the values at or below it."""
    if not values:
        return float("nan")
    ordered = sorted(values)
    rank = int(np.ceil(share * len(ordered)))
    return float(ordered[min(len(ordered), max(rank, 1)) - 1])


@dataclass(frozen=True)
class Latency:
    """Percentiles of a list of timings, in milliseconds."""

    n: int
    p50_ms: float
    p95_ms: float
    mean_ms: float
    max_ms: float

    @classmethod
    def of(cls, milliseconds: Sequence[float]) -> Latency:
        """Summarise timings given in milliseconds."""
        return cls(
            len(milliseconds), round(percentile(milliseconds, 0.5), 2), round(percentile(milliseconds, 0.95), 2),
            round(float(np.mean(milliseconds)), 2) if milliseconds else float("nan"),
            round(max(milliseconds), 2) if milliseconds else float("nan"),
        )

    def as_dict(self) -> dict[str, Any]:
        """Return the summary as plain data."""
        return asdict(self)


def time_each(calls: Sequence[T], run: Callable[[T], object]) -> Latency:
    """Call `run` on each item in turn and summarise the time each call took."""
    timings = []
    for item in calls:
        began = time.perf_counter()
        run(item)
        timings.append((time.perf_counter() - began) * 1000)
    return Latency.of(timings)


class StageClock:
    """A build progress callback that notes when each stage was first and last reported."""

    def __init__(self) -> None:
        self._times: dict[str, list[float]] = {}

    def __call__(self, stage: str, done: int, total: int) -> None:
        now = time.monotonic()
        self._times.setdefault(stage, [now, now])[1] = now

    def seconds(self, stage: str) -> float:
        """Return the time from a stage's first report to its last (0 if it never ran)."""
        first, last = self._times.get(stage, (0.0, 0.0))
        return round(last - first, 3)


def proc_status_mb(field: str, pid: int | str = "self") -> float:
    """Return a memory field of /proc/<pid>/status (VmRSS, VmHWM, …) in MB."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith(f"{field}:"):
            return round(int(line.split()[1]) / 1024, 1)
    raise ValueError(f"no {field} in /proc/{pid}/status")


def disk_mb(path: Path) -> float:
    """Return the size of a file, or of every file under a folder, in MB."""
    files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
    return round(sum(p.stat().st_size for p in files) / 1e6, 2)


def ratio(numerator: float, denominator: float) -> float | None:
    """Return numerator / denominator rounded to two places, or None when it is undefined."""
    if not denominator or numerator != numerator or denominator != denominator:
        return None
    return round(numerator / denominator, 2)


def ranking_metrics(first_hits: Sequence[int | None]) -> dict[str, float]:
    """Return hit@1/3/5 and MRR@10 from each question's rank of its first supporting passage (None: none)."""
    count = max(len(first_hits), 1)

    def hit(k: int) -> float:
        return round(sum(1 for r in first_hits if r is not None and r <= k) / count, 4)

    mrr = sum(1 / r for r in first_hits if r is not None and r <= 10) / count
    return {"hit_at_1": hit(1), "hit_at_3": hit(3), "hit_at_5": hit(5), "mrr_at_10": round(mrr, 4)}


def recall_at_k(exact: np.ndarray, approximate: np.ndarray) -> float:
    """Return the share of the exact top-k rows (one query a row) that the approximate search also found."""
    found = sum(len(set(e.tolist()) & set(a.tolist()) - {-1}) for e, a in zip(exact, approximate))
    return round(found / max(exact.size, 1), 4)
