"""Several server processes on one index folder: `serve --workers 2` (gunicorn) and a second `serve` on
another port (as a second machine on shared storage would be). A rebuild by the CLI switches every
process to the new generation without a restart, and no request fails under load meanwhile. The
workers' counters add up in /metrics, and their JSON log lines hold no question."""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import threading
import time
from collections import Counter
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Any

from hostile.live import CLI, live_server
from prometheus_client.parser import text_string_to_metric_families

from assistant.indexing.build import build_index
from assistant.indexing.store import CURRENT

SAMPLE = ["aktivitetsplan-nosam-barn-och-unga-2026.docx", "handlingsplan-nosam-molndal-2024.txt",
          "motesstruktur-nosam-lerum-alingsas-2022.txt"]
QUESTIONS = ["Vad är Mini Maria?", "Hur ofta träffas samordningsgruppen?", "Vem ansvarar för SIP?"]
NEW_DOCUMENT = """Projektplan Solrosen 2027

Solrosen är ett projekt för anhöriga till äldre med demenssjukdom i Lerum.
Projektet leds av Ingrid Falkenberg vid Vårdcentralen Björkdalen och startar i mars 2027.
"""
NEW_QUESTION = "Vem leder projektet Solrosen?"
SWITCH_SECONDS = 90


def call(port: int, method: str, path: str, body: dict[str, Any] | None = None) -> tuple[int, Any, str]:
    """One request on a connection of its own; returns status, parsed JSON (or None) and the raw text."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    try:
        connection.request(method, path, body=json.dumps(body) if body is not None else None,
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        text = response.read().decode("utf-8")
    finally:
        connection.close()
    parsed = json.loads(text) if response.getheader("Content-Type", "").startswith("application/json") else None
    return response.status, parsed, text


class Load:
    """Threads that keep asking questions of some servers until stopped; every outcome is counted."""

    def __init__(self, ports: list[int], per_port: int = 2) -> None:
        self.outcomes: Counter[tuple[int, str]] = Counter()
        self._stop = threading.Event()
        self._threads = [threading.Thread(target=self._ask, args=(port, n), daemon=True)
                         for port in ports for n in range(per_port)]

    def _ask(self, port: int, offset: int) -> None:
        n = offset
        while not self._stop.is_set():
            try:
                status, reply, _ = call(port, "POST", "/api/ask", {"question": QUESTIONS[n % len(QUESTIONS)]})
                self.outcomes[port, "ok" if status == 200 and reply["found"] else f"status {status}"] += 1
            except (OSError, http.client.HTTPException) as exc:
                self.outcomes[port, f"error {type(exc).__name__}"] += 1
            n += 1

    def __enter__(self) -> Load:
        for thread in self._threads:
            thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self._stop.set()
        for thread in self._threads:
            thread.join(timeout=150)


def wait_ready(port: int) -> None:
    deadline = time.monotonic() + 180
    while call(port, "GET", "/readyz")[0] != 200:
        assert time.monotonic() < deadline, f"the server on {port} never became ready"
        time.sleep(0.5)


def processes_on(port: int, generation: str, processes: int) -> None:
    """Wait until `processes` distinct processes behind a port report the generation, and no request
    after the first such report names another one."""
    seen: set[int] = set()
    deadline = time.monotonic() + SWITCH_SECONDS
    while len(seen) < processes:
        assert time.monotonic() < deadline, f"port {port}: only processes {seen} moved to {generation}"
        # Several at once, so that every worker behind the listener gets one.
        with ThreadPoolExecutor(4) as pool:
            replies = [reply for _, reply, _ in pool.map(lambda _: call(port, "GET", "/readyz"), range(4))]
        for ready in replies:
            if ready["generation"] == generation:
                seen.add(ready["process"])
            else:
                assert not seen, f"port {port}: {ready['process']} still on {ready['generation']} after a switch"


def ask_count(port: int) -> float:
    _, _, text = call(port, "GET", "/metrics")
    return sum(sample.value for family in text_string_to_metric_families(text) for sample in family.samples
               if sample.name == "plan_assistant_requests_total" and sample.labels["route"] == "/api/ask")


def test_workers_and_processes_on_one_index_switch_generation_without_a_failed_request(
        corpus_copy: Any, embedder: Any, tmp_path: Path) -> None:
    settings = corpus_copy(tmp_path, SAMPLE)
    build_index(settings, embedder)
    old = (settings.index / CURRENT).read_text(encoding="utf-8").strip()
    environment = {**os.environ, "PLAN_ASSISTANT_LOG_FORMAT": "json"}
    with live_server(settings.corpus, settings.index, env=environment, startup=300, options=["--workers", "2"],
                     log_name="workers.log") as (_, workers), \
            live_server(settings.corpus, settings.index, startup=300, log_name="second.log") as (_, second):
        wait_ready(workers)
        wait_ready(second)
        processes_on(workers, Path(old).name, 2)
        with Load([workers, second]) as load:
            time.sleep(2)
            (settings.corpus / "projektplan-solrosen-2027.txt").write_text(NEW_DOCUMENT, encoding="utf-8")
            rebuilt = subprocess.run([CLI, "index", "--corpus", str(settings.corpus), "--index", str(settings.index)],
                                     capture_output=True, text=True, timeout=600)
            assert rebuilt.returncode == 0, rebuilt.stderr
            new = Path((settings.index / CURRENT).read_text(encoding="utf-8").strip()).name
            assert new != Path(old).name
            processes_on(workers, new, 2)
            processes_on(second, new, 1)
            time.sleep(1)
        assert load.outcomes[workers, "ok"] > 0 and load.outcomes[second, "ok"] > 0
        assert set(outcome for _, outcome in load.outcomes) == {"ok"}, load.outcomes
        for port in (workers, workers, workers, second):
            _, reply, _ = call(port, "POST", "/api/ask", {"question": NEW_QUESTION})
            assert reply["found"] and "Falkenberg" in reply["answer"], reply["answer"]
            assert reply["citations"][0]["document"] == "projektplan-solrosen-2027.txt"
        # The two workers' counters are summed: every question the load and this test asked of them.
        assert ask_count(workers) == load.outcomes[workers, "ok"] + 3
    lines = (settings.index.parent / "workers.log").read_text(encoding="utf-8").splitlines()
    requests = [json.loads(line) for line in lines if '"plan_assistant.requests"' in line]
    assert len(requests) >= load.outcomes[workers, "ok"] and all(r["route"] == "/api/ask" for r in requests)
    assert not [line for line in lines if "Solrosen" in line or "Mini Maria" in line]


def test_a_number_of_workers_below_one_is_refused_in_swedish(tmp_path: Path) -> None:
    done = subprocess.run([CLI, "serve", "--workers", "0", "--index", str(tmp_path / "index")],
                          capture_output=True, text=True, timeout=120)
    assert done.returncode == 1 and "--workers måste vara minst 1, inte 0." in done.stderr
    assert "Traceback" not in done.stderr and not (tmp_path / "index").exists()
