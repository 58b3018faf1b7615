"""Start `plan-assistant serve` as a real process on a free loopback port, for the network and load tests."""

from __future__ import annotations

import socket
import subprocess
import sys
import time
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from pathlib import Path

CLI = str(Path(sys.executable).parent / "plan-assistant")


def free_port() -> int:
    """Return a loopback port that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


@contextmanager
def live_server(corpus: Path, index: Path, env: dict[str, str] | None = None, startup: float = 120.0,
                options: Sequence[str] = (), log_name: str = "server.log") -> Iterator[tuple[subprocess.Popen[bytes], int]]:
    """Run the server on 127.0.0.1 until the block ends; yield its process and port once it accepts connections.

    `options` go to `serve` as they are (`--workers 2`). The server's log goes to `log_name` beside
    the index, to read when a test fails.
    """
    port = free_port()
    command: Sequence[str] = [CLI, "serve", "--corpus", str(corpus), "--index", str(index),
                              "--host", "127.0.0.1", "--port", str(port), *options]
    log = (index.parent / log_name).open("ab")
    server = subprocess.Popen(command, env=env, stdout=log, stderr=subprocess.STDOUT)
    try:
        deadline = time.monotonic() + startup
        while True:
            if server.poll() is not None:
                raise RuntimeError(f"the server stopped at start (exit {server.returncode})")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
                break
            except OSError:
                if time.monotonic() > deadline:
                    raise
                time.sleep(0.2)
        yield server, port
    finally:
        server.terminate()
        try:
            server.wait(30)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
