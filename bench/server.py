"""The real server: `plan-assistant serve` started over an existing index, then loaded by concurrent clients."""

from __future__ import annotations

import http.client
import json
import socket
import subprocess
import sys
import threading
import time
import urllib.parse
from collections.abc import Iterator, Sequence
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bench.measure import Latency, proc_status_mb

CLI = str(Path(sys.executable).parent / "plan-assistant")
FIRST_QUESTION = "Vad är Mini Maria?"


def free_port() -> int:
    """Return a loopback port that nothing listens on now."""
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _answers_search(port: int) -> bool:
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=60)
    try:
        connection.request("GET", "/api/search?q=" + urllib.parse.quote(FIRST_QUESTION))
        return connection.getresponse().status == 200
    except OSError:
        return False
    finally:
        connection.close()


@dataclass
class Server:
    """A running server: its process, port, and how long it took to listen and to answer."""

    process: subprocess.Popen[bytes]
    port: int
    listen_seconds: float = 0.0
    ready_seconds: float = 0.0


@contextmanager
def running_server(corpus: Path, index: Path, embedder: str, timeout: float = 120, workers: int = 1) -> Iterator[Server]:
    """Start the server (`workers` processes) on a free loopback port and time it until its first 200 on /api/search."""
    port = free_port()
    began = time.monotonic()
    process = subprocess.Popen(
        [CLI, "serve", "--corpus", str(corpus), "--index", str(index), "--embedder", embedder,
         "--host", "127.0.0.1", "--port", str(port), "--workers", str(workers)],
        stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL,
    )
    server = Server(process, port)
    try:
        while not server.ready_seconds:
            if process.poll() is not None:
                raise RuntimeError(f"plan-assistant serve stopped at start (exit {process.returncode})")
            if time.monotonic() - began > timeout:
                raise TimeoutError(f"plan-assistant serve did not answer within {timeout:.0f} s")
            try:
                socket.create_connection(("127.0.0.1", port), timeout=1).close()
            except OSError:
                time.sleep(0.02)
                continue
            server.listen_seconds = server.listen_seconds or round(time.monotonic() - began, 3)
            if _answers_search(port):
                server.ready_seconds = round(time.monotonic() - began, 3)
        yield server
    finally:
        process.terminate()
        try:
            process.wait(30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def _client(number: int, port: int, questions: Sequence[str], stop: threading.Event,
            latencies: list[float], failures: list[str]) -> None:
    # Each client appends to lists of its own, so the threads share nothing but `stop`.
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sent = 0
    while not stop.is_set():
        question = questions[(number * 9 + sent) % len(questions)]
        began = time.perf_counter()
        failure = None
        try:
            connection.request("POST", "/api/ask", body=json.dumps({"question": question}),
                               headers={"Content-Type": "application/json"})
            response = connection.getresponse()
            response.read()
            if response.status != 200:
                failure = f"{response.status} for {question!r}"
        except (OSError, http.client.HTTPException) as exc:
            failure = f"{type(exc).__name__}: {exc}"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        latencies.append((time.perf_counter() - began) * 1000)
        if failure:
            failures.append(failure)
        sent += 1
    connection.close()


def http_load(server: Server, questions: Sequence[str], clients: int, seconds: float) -> dict[str, Any]:
    """Ask questions over POST /api/ask from `clients` threads for `seconds`; report latency, rate and memory."""
    latencies: list[list[float]] = [[] for _ in range(clients)]
    failures: list[list[str]] = [[] for _ in range(clients)]
    stop = threading.Event()
    threads = [threading.Thread(target=_client, args=(n, server.port, questions, stop, latencies[n], failures[n]))
               for n in range(clients)]
    rss = [tree_rss_mb(server.process.pid)]
    began = time.monotonic()
    for thread in threads:
        thread.start()
    while time.monotonic() - began < seconds:
        time.sleep(0.5)
        rss.append(tree_rss_mb(server.process.pid))
    stop.set()
    for thread in threads:
        thread.join(150)
    elapsed = time.monotonic() - began
    every_latency = [ms for own in latencies for ms in own]
    every_failure = [text for own in failures for text in own]
    return {
        "clients": clients,
        "seconds": round(elapsed, 1),
        "requests": len(every_latency),
        "requests_per_second": round(len(every_latency) / elapsed, 2),
        "latency": Latency.of(every_latency).as_dict(),
        "failures": len(every_failure),
        "first_failures": every_failure[:3],
        "server_rss_mb_start": rss[0],
        "server_rss_mb_max": max(rss),
        "server_peak_rss_mb": proc_status_mb("VmHWM", server.process.pid),
        "worker_rss_mb": [proc_status_mb("VmRSS", pid) for pid in children(server.process.pid)],
    }


def children(pid: int) -> list[int]:
    """The processes a process started (gunicorn's workers), from /proc."""
    found: list[int] = []
    for task in Path(f"/proc/{pid}/task").iterdir():
        found.extend(int(child) for child in (task / "children").read_text().split())
    return found


def tree_rss_mb(pid: int) -> float:
    """Resident memory of a process and its children (a gunicorn master and its workers), in MB."""
    return round(sum(proc_status_mb("VmRSS", p) for p in [pid, *children(pid)]), 1)
