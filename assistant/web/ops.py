"""What operations sees: health and readiness probes, Prometheus metrics, and one log line a request.

    GET /healthz   the process answers (no index needed, no login)
    GET /readyz    an index is open: its generation and age; 503 while there is none (no login)
    GET /metrics   the Prometheus text format; with a site login required, the administrator's token

Each request gets an id (the client's X-Request-ID when it is a sane one, else a new one), sent back
in X-Request-ID and written in its log line: time, id, route, status, milliseconds and, for a
question, whether the documents answered it. The question's words are logged only when
`log_questions` is set, since staff may write names and personal details into a question.

Under `serve --workers N` the counters of all workers are summed through prometheus-client's
multiprocess files (PROMETHEUS_MULTIPROC_DIR, set by `serve`); the index's figures are read from the
index folder itself, the same for every worker.
"""

from __future__ import annotations

import logging
import os
import re
import time
import uuid
from collections.abc import Iterable, Iterator
from typing import Any

from flask import Blueprint, Flask, Response, abort, g, jsonify, request
from prometheus_client import REGISTRY, CollectorRegistry, Counter, Histogram, generate_latest
from prometheus_client.core import GaugeMetricFamily, Metric
from prometheus_client.exposition import CONTENT_TYPE_LATEST

from assistant.errors import AssistantError
from assistant.web.auth import is_admin
from assistant.web.state import AssistantSlot, current_settings, current_slot

ops = Blueprint("ops", __name__)
log = logging.getLogger("plan_assistant.requests")

# The client's request id is echoed only when it looks like one: no log injection through it.
_REQUEST_ID = re.compile(r"[A-Za-z0-9._-]{1,64}")
# Routes that say nothing about use: probes and scrapes are neither logged nor counted per request.
QUIET = {"ops.healthz", "ops.readyz", "ops.metrics", "static"}

REQUESTS = Counter("plan_assistant_requests", "HTTP requests answered, by route, method and status",
                   ["route", "method", "status"])
LATENCY = Histogram("plan_assistant_request_seconds", "Seconds to answer an HTTP request, by route", ["route"],
                    buckets=(0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60))
ANSWERS = Counter("plan_assistant_answers", "Questions answered, by whether the documents answered them",
                  ["found"])
MODEL_ANSWERS = Counter("plan_assistant_model_answers",
                        "Answers the site's language model was asked to write: generated or fell back",
                        ["outcome"])


def install(app: Flask) -> None:
    """Add the probes, the metrics and the per-request id, timing, counting and log line to an app."""
    app.register_blueprint(ops)
    app.before_request(_start)
    app.after_request(_finish)


def _start() -> None:
    g.started = time.perf_counter()
    given = request.headers.get("X-Request-ID", "")
    g.request_id = given if _REQUEST_ID.fullmatch(given) else uuid.uuid4().hex


def note_answer(question: str, found: bool, mode: str, fallback: str | None, model_asked: bool) -> None:
    """For the request's log line and the metrics: what a question came to."""
    g.question, g.found = question, found
    ANSWERS.labels(found=str(found).lower()).inc()
    if model_asked:
        MODEL_ANSWERS.labels(outcome="fallback" if fallback else mode).inc()


def _finish(response: Response) -> Response:
    response.headers["X-Request-ID"] = g.get("request_id", "")
    if request.endpoint in QUIET:
        return response
    route = request.url_rule.rule if request.url_rule is not None else "(okänd)"
    seconds = time.perf_counter() - g.get("started", time.perf_counter())
    REQUESTS.labels(route=route, method=request.method, status=str(response.status_code)).inc()
    LATENCY.labels(route=route).observe(seconds)
    line: dict[str, Any] = {"request_id": g.request_id, "method": request.method, "route": route,
                            "status": response.status_code, "ms": round(1000 * seconds, 1)}
    if "found" in g:
        line["found"] = g.found
    if current_settings().log_questions and "question" in g:
        line["question"] = g.question
    log.info("%s %s %s", request.method, route, response.status_code, extra={"request": line})
    return response


@ops.get("/healthz")
def healthz() -> dict[str, str]:
    """The process is up and answering."""
    return {"status": "ok"}


@ops.get("/readyz")
def readyz() -> tuple[Response, int]:
    """Ready when an index is open: say which generation and how old it is; 503 otherwise."""
    try:
        index = current_slot().get().index
    except AssistantError as exc:
        return jsonify(ready=False, reason=str(exc)), 503
    return jsonify(ready=True, process=os.getpid(), generation=index.generation.name, built_at=index.meta.get("built_at"),
                   age_seconds=round(_age(index.generation), 1), documents=len(index.documents),
                   chunks=len(index.chunks)), 200


def _age(generation: Any) -> float:
    return max(0.0, time.time() - (generation / "meta.json").stat().st_mtime)


@ops.get("/metrics")
def metrics() -> Response:
    """Counters of every worker, and the open index's figures, in the Prometheus text format."""
    if current_settings().require_login and not is_admin():
        abort(401, "Mätvärdena kräver administratörens token: Authorization: Bearer <lösenord>.")
    body = generate_latest(_process_registry()) + generate_latest(_index_registry(current_slot()))
    return Response(body, mimetype=CONTENT_TYPE_LATEST)


def _process_registry() -> Any:
    if not os.environ.get("PROMETHEUS_MULTIPROC_DIR"):
        return REGISTRY
    from prometheus_client import multiprocess

    registry = CollectorRegistry()
    multiprocess.MultiProcessCollector(registry)
    return registry


def _index_registry(slot: AssistantSlot) -> CollectorRegistry:
    registry = CollectorRegistry()
    registry.register(IndexCollector(slot))
    return registry


class IndexCollector:
    """The open index's figures, read at each scrape: documents, chunks, generation age, last build."""

    def __init__(self, slot: AssistantSlot) -> None:
        self.slot = slot

    def collect(self) -> Iterator[Metric]:
        try:
            index = self.slot.get().index
        except AssistantError:
            yield _gauge("plan_assistant_index_ready", "1 when an index is open", 0)
            return
        yield _gauge("plan_assistant_index_ready", "1 when an index is open", 1)
        yield _gauge("plan_assistant_index_documents", "Documents in the open index", len(index.documents))
        yield _gauge("plan_assistant_index_chunks", "Passages (chunks) in the open index", len(index.chunks))
        yield _gauge("plan_assistant_index_generation_age_seconds", "Seconds since the open generation was built",
                     _age(index.generation))
        yield _gauge("plan_assistant_last_build_seconds", "Seconds the build of the open generation took",
                     float(index.meta.get("build_seconds", "nan")))
        yield _gauge("plan_assistant_last_build_failures", "Files the build of the open generation could not read",
                     len(index.failures))
        info = GaugeMetricFamily("plan_assistant_index_generation", "The open generation (label), always 1",
                                 labels=["generation"])
        info.add_metric([index.generation.name], 1)
        yield info

    def describe(self) -> Iterable[Metric]:
        return ()


def _gauge(name: str, documentation: str, value: float) -> GaugeMetricFamily:
    return GaugeMetricFamily(name, documentation, value=value)
