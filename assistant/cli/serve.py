"""`plan-assistant serve`: the chat page on a production WSGI server.

One worker is one waitress process. More (`--workers N`) are N gunicorn worker processes behind one
listener, each opening the same index folder read-only on its own: a rebuild (CLI, upload or watch)
switches the folder's CURRENT file, and every worker moves to the new generation on its next request,
as one process does. Their Prometheus metrics are summed across the workers through files in a
folder of the server's own (prometheus-client's multiprocess mode).
"""

from __future__ import annotations

import os
import shutil
import tempfile
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError
from assistant.settings import Settings

# Request threads per process: questions wait mostly on the CPU, uploads and a site's model on I/O.
THREADS = 8
# Seconds a gunicorn worker may go silent before the master replaces it (gthread workers keep
# beating while their threads answer, so this bounds a hung process, not a slow request).
WORKER_TIMEOUT = 120
MULTIPROCESS_ENV = "PROMETHEUS_MULTIPROC_DIR"


def run_serve(settings: Settings) -> None:
    """Serve the chat page, building the index first if none exists."""
    from assistant.cli.commands import index_in_child
    from assistant.indexing.build import index_exists

    from assistant.web.logs import configure_logging

    if settings.workers < 1:
        raise AssistantError(f"--workers måste vara minst 1, inte {settings.workers}.")
    configure_logging(settings.log_format)
    if not index_exists(settings.index):
        print(f"Inget index i {settings.index}; bygger det först.", flush=True)
        index_in_child(settings)
    address = f"http://{settings.host}:{settings.port}/"
    if settings.workers == 1:
        _serve_one(settings, address)
    else:
        _serve_workers(settings, address)


def _app(settings: Settings) -> Any:
    from assistant.web.app import create_app
    from assistant.web.state import EXTENSION

    app = create_app(settings)
    app.extensions[EXTENSION].warm_up()
    return app


def _serve_one(settings: Settings, address: str) -> None:
    from waitress import serve

    app = _app(settings)
    print(f"Planassistenten: {address}  (avsluta med Ctrl+C)", flush=True)
    serve(app, host=settings.host, port=settings.port, threads=max(settings.threads, THREADS), ident="plan-assistant")


def _serve_workers(settings: Settings, address: str) -> None:
    # Before prometheus-client is first imported: it chooses its multiprocess values on import.
    folder = Path(tempfile.mkdtemp(prefix="plan-assistant-metrics-"))
    os.environ[MULTIPROCESS_ENV] = str(folder)
    from gunicorn.app.base import BaseApplication
    from prometheus_client import multiprocess

    from assistant.web.logs import logging_config

    class Workers(BaseApplication):
        """gunicorn run from here: N gthread workers, each building the app itself after the fork."""

        def load_config(self) -> None:
            for name, value in {
                "bind": f"{settings.host}:{settings.port}", "workers": settings.workers,
                "worker_class": "gthread", "threads": max(settings.threads, THREADS),
                "timeout": WORKER_TIMEOUT, "graceful_timeout": 30, "proc_name": "plan-assistant",
                "preload_app": False, "accesslog": None, "errorlog": "-", "control_socket_disable": True,
                "logconfig_dict": logging_config(settings.log_format),
                "child_exit": lambda _server, worker: multiprocess.mark_process_dead(worker.pid),
                "when_ready": lambda _server: print(
                    f"Planassistenten: {address}  ({settings.workers} processer; avsluta med Ctrl+C)", flush=True),
            }.items():
                self.cfg.set(name, value)

        def load(self) -> Any:
            return _app(settings)

    try:  # the metrics' files live as long as this server: stale ones of an earlier run would add up
        Workers().run()
    finally:
        shutil.rmtree(folder, ignore_errors=True)
