"""What the command line prints: JSON, a progress bar, a build's summary and errors."""

from __future__ import annotations

import json
import sys
from typing import TYPE_CHECKING, Any

from assistant.errors import AssistantError

if TYPE_CHECKING:
    from assistant.indexing.build import BuildSummary



def print_json(data: Any) -> None:
    print(json.dumps(data, ensure_ascii=False, indent=2))


class ProgressBar:
    """A progress bar on stderr for the stages of a build."""

    def __init__(self) -> None:
        from tqdm import tqdm

        self._tqdm = tqdm
        self._bar: Any = None
        self._stage = ""

    def __call__(self, stage: str, done: int, total: int) -> None:
        if stage != self._stage:
            self.close()
            self._stage = stage
            self._bar = self._tqdm(total=total, desc=stage, unit=" st", file=sys.stderr, leave=False)
        if self._bar is not None:
            self._bar.total = total
            self._bar.n = done
            self._bar.refresh()

    def close(self) -> None:
        if self._bar is not None:
            self._bar.close()
            self._bar = None


def report_error(error: AssistantError) -> None:
    """Print an error's message for the user: the one place the CLI turns errors into output."""
    print(f"Fel: {error}", file=sys.stderr, flush=True)


def print_summary(summary: BuildSummary) -> None:
    """Print what a build did, and the files it could not read."""
    print("\n".join(summary.lines()), flush=True)
    for failure in summary.failures:
        print(f"Hoppade över {failure.path}: {failure.reason}")
