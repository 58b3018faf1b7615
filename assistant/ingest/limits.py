"""Limits on what the assistant takes in: seconds and unpacked bytes per document, and the question.

Documents are read in a worker process (`TimedWorker`), so a file that takes longer than
`max_seconds` (a pathological PDF, a parser caught in a loop) is stopped for real, and a
reader that crashes takes only the worker down. One worker reads a whole build's files in
turn, so starting it costs once per build, not once per file.

The worker is a fresh interpreter started with `subprocess`, not `multiprocessing`: a fork
would copy the locks of a web server's threads, and multiprocessing's "spawn" re-runs the
caller's main script, which breaks any script without an `if __name__ == "__main__"` guard.
"""

from __future__ import annotations

import importlib
import os
import signal
import socket
import subprocess
import sys
import zipfile
from collections.abc import Callable, Sequence
from multiprocessing.connection import Connection
from pathlib import Path
from types import TracebackType
from typing import Any, TypeVar

from assistant.errors import UnreadableDocument

T = TypeVar("T")

PACKAGE_ROOT = Path(__file__).resolve().parents[2]
_WORKER = "import sys; from assistant.ingest.limits import serve; serve(int(sys.argv[1]), sys.argv[2:])"
# How long a worker may take to start and import what it preloads (not counted against a call's time).
STARTUP_SECONDS = 120.0
# More parts than any real Word file has; a zip listing millions of entries is an attack.
MAX_ZIP_ENTRIES = 20_000


def megabytes(size: int) -> str:
    """Format a byte count for a message ("12.3 MB")."""
    return f"{size / 1_000_000:.1f} MB"


def check_unpacked(path: Path, name: str, max_bytes: int) -> None:
    """Refuse a zip-based file (DOCX) that unpacks to more than `max_bytes` or has too many parts.

    The sizes the zip declares are enough: `zipfile` never yields more than the declared size
    of a part (a part that holds more fails its checksum), so a lying header cannot get past.
    """
    with zipfile.ZipFile(path) as archive:
        parts = archive.infolist()
        if len(parts) > MAX_ZIP_ENTRIES:
            raise UnreadableDocument(name, f"filen består av {len(parts)} delar, fler än gränsen "
                                           f"{MAX_ZIP_ENTRIES}")
        unpacked = sum(part.file_size for part in parts)
    if unpacked > max_bytes:
        raise UnreadableDocument(name, f"filen packas upp till {megabytes(unpacked)}, mer än gränsen "
                                       f"{megabytes(max_bytes)}")


class TimedWorker:
    """Runs calls one at a time in a worker process, stopping any that runs longer than `seconds`.

    The function must be importable (a module-level function) and its arguments and result
    picklable. The worker is started on the first call and again after one was stopped; it
    imports the `preload` modules before it counts as started, so imports use no call's time.
    """

    def __init__(self, seconds: float, preload: Sequence[str] = ()) -> None:
        self.seconds = seconds
        self.preload = tuple(preload)
        self._process: subprocess.Popen[bytes] | None = None
        self._connection: Connection | None = None

    def __enter__(self) -> TimedWorker:
        return self

    def __exit__(self, kind: type[BaseException] | None, error: BaseException | None,
                 trace: TracebackType | None) -> None:
        self.close()

    def call(self, function: Callable[..., T], *args: Any) -> T:
        """Return `function(*args)` run in the worker; raise TimeoutError, or ChildProcessError if it failed."""
        return self.call_with(self.seconds, function, *args)

    def call_with(self, seconds: float, function: Callable[..., T], *args: Any) -> T:
        """As `call`, with a limit of `seconds` for this call (one page of a scan has its own)."""
        connection = self._start()
        try:
            connection.send((function, args))
            reply = connection.recv() if connection.poll(seconds) else None
        except (EOFError, OSError) as exc:
            self._stop()
            raise ChildProcessError("läsningen avbröts (arbetsprocessen avslutades)") from exc
        if reply is None:
            self._stop()
            raise TimeoutError(f"mer än {seconds:g} s")
        ok, value = reply
        if not ok:
            raise ChildProcessError(value)
        return value

    def close(self) -> None:
        """Let the worker finish and exit (or stop it if it does not)."""
        if self._connection is not None and self._process is not None and self._process.poll() is None:
            try:
                self._connection.send(None)
                self._process.wait(2)
            except (OSError, subprocess.TimeoutExpired):
                pass
        self._stop()

    def _start(self) -> Connection:
        if self._process is not None and self._connection is not None and self._process.poll() is None:
            return self._connection
        self._stop()
        ours, theirs = socket.socketpair()
        path = os.pathsep.join(filter(None, [str(PACKAGE_ROOT), os.environ.get("PYTHONPATH", "")]))
        with theirs:
            self._process = subprocess.Popen(
                [sys.executable, "-c", _WORKER, str(theirs.fileno()), *self.preload], pass_fds=[theirs.fileno()],
                stdin=subprocess.DEVNULL, env={**os.environ, "PYTHONPATH": path},
            )
        self._connection = Connection(ours.detach())
        try:
            ready = self._connection.poll(STARTUP_SECONDS) and self._connection.recv()
        except (EOFError, OSError):
            ready = False
        if not ready:
            self._stop()
            raise ChildProcessError("läsningen kunde inte starta (arbetsprocessen svarade inte)")
        return self._connection

    def _stop(self) -> None:
        if self._process is not None:
            if self._process.poll() is None:
                self._process.kill()
            self._process.wait(5)
        if self._connection is not None:
            self._connection.close()
        self._process, self._connection = None, None


def serve(handle: int, preload: Sequence[str] = ()) -> None:
    """The worker's loop over a socket handle: run each call received, send back (True, result) or (False, reason)."""
    # Ctrl+C is the parent's to handle; the worker ends when the parent closes its end.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    connection = Connection(handle)
    for module in preload:
        importlib.import_module(module)
    connection.send(True)
    while True:
        try:
            task = connection.recv()
        except (EOFError, OSError):
            return
        except Exception as exc:  # a call that cannot be unpickled here
            connection.send((False, f"{type(exc).__name__}: {exc}"))
            continue
        if task is None:
            return
        function, args = task
        try:
            reply = (True, function(*args))
        except Exception as exc:
            reply = (False, f"{type(exc).__name__}: {exc}")
        try:
            connection.send(reply)
        except (EOFError, OSError):
            return
        except Exception as exc:  # a result that cannot be pickled
            connection.send((False, f"{type(exc).__name__}: {exc}"))
