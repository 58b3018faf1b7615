"""Watch the corpus folder and reindex when its files change.

Polls each file's size and modification time (no extra dependency, works on network shares),
and waits until the folder has been quiet for a moment, so a file still being copied is not
read half-written. A change made while a build runs triggers one more build.
"""

from __future__ import annotations

import threading
from collections.abc import Callable
from pathlib import Path

from assistant.embedding.base import Embedder
from assistant.embedding.e5 import create_embedder
from assistant.errors import AssistantError
from assistant.indexing.build import BuildSummary, Progress, build_index
from assistant.ingest.corpus import corpus_files
from assistant.settings import Settings

INTERVAL = 2.0
QUIET = 1.0

Snapshot = dict[str, tuple[int, int]]


def corpus_snapshot(corpus: Path) -> Snapshot:
    """Return the size and modification time (ns) of every corpus file, by corpus-relative path."""
    snapshot: Snapshot = {}
    if not corpus.is_dir():
        return snapshot
    for path in corpus_files(corpus):
        try:
            stat = path.stat()
        except FileNotFoundError:  # removed while we looked
            continue
        snapshot[path.relative_to(corpus).as_posix()] = (stat.st_size, stat.st_mtime_ns)
    return snapshot


def wait_until_quiet(corpus: Path, quiet: float, stop: threading.Event) -> Snapshot | None:
    """Return the corpus snapshot once it has not changed for `quiet` seconds; None if stopped first."""
    last = corpus_snapshot(corpus)
    while not stop.wait(quiet):
        now = corpus_snapshot(corpus)
        if now == last:
            return now
        last = now
    return None


def watch_corpus(
    settings: Settings,
    on_build: Callable[[BuildSummary], None],
    on_error: Callable[[AssistantError], None],
    stop: threading.Event | None = None,
    embedder: Embedder | None = None,
    progress: Progress | None = None,
    interval: float = INTERVAL,
    quiet: float = QUIET,
) -> None:
    """Build the index now, then again whenever the corpus changes, until `stop` is set (or Ctrl+C)."""
    stop = stop or threading.Event()
    embedder = embedder or create_embedder(settings)
    built_from: Snapshot | None = None
    while not stop.is_set():
        if corpus_snapshot(settings.corpus) != built_from:
            settled = wait_until_quiet(settings.corpus, quiet, stop)
            if settled is None:
                return
            try:
                on_build(build_index(settings, embedder, progress, wait=True))
            except AssistantError as exc:
                on_error(exc)
            built_from = settled
        stop.wait(interval)
