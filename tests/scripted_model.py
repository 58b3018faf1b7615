"""A scripted language model server for tests: the OpenAI chat-completions protocol over real HTTP on
127.0.0.1, answering each request with whatever the test's script says. It stands at the system's
edge, where a site's own model (vLLM, Ollama, llama.cpp) would be, and records every request it gets.
"""

from __future__ import annotations

import json
import re
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any


@dataclass
class Reply:
    """What the server answers: the assistant message's content, or a raw body and status, after a delay."""

    content: str = ""
    status: int = 200
    raw: bytes | None = None
    delay: float = 0.0


@dataclass
class Request:
    """One request the server got: its path, headers and JSON body."""

    path: str
    headers: dict[str, str]
    body: dict[str, Any]

    @property
    def sources(self) -> dict[int, str]:
        """The numbered passages in the last user message: {n: text}."""
        prompt = self.body["messages"][-1]["content"]
        found = re.findall(r"^\[(\d+)\] [^\n]*\n(.*?)(?=\n\n\[\d+\] |\n\nFråga: )", prompt, re.S | re.M)
        return {int(n): text for n, text in found}


@dataclass
class ScriptedModel:
    """The server's state: the script that turns a request into a reply, and the requests so far."""

    script: Callable[[Request], Reply] = lambda request: Reply("INGET SVAR")
    requests: list[Request] = field(default_factory=list)
    url: str = ""


def _handler(model: ScriptedModel) -> type[BaseHTTPRequestHandler]:
    class Handler(BaseHTTPRequestHandler):
        def do_POST(self) -> None:  # noqa: N802 (the name http.server calls)
            length = int(self.headers.get("Content-Length", "0"))
            request = Request(self.path, dict(self.headers.items()), json.loads(self.rfile.read(length)))
            model.requests.append(request)
            reply = model.script(request)
            time.sleep(reply.delay)
            body = reply.raw if reply.raw is not None else json.dumps({
                "id": "chatcmpl-test", "object": "chat.completion", "created": int(time.time()),
                "model": request.body.get("model", ""),
                "choices": [{"index": 0, "finish_reason": "stop",
                             "message": {"role": "assistant", "content": reply.content}}],
            }).encode("utf-8")
            try:
                self.send_response(reply.status)
                self.send_header("Content-Type", "application/json")
                self.send_header("Content-Length", str(len(body)))
                self.end_headers()
                self.wfile.write(body)
            except (BrokenPipeError, ConnectionResetError):
                pass  # the assistant gave up waiting (a timeout test)

        def log_message(self, format: str, *args: Any) -> None:  # noqa: A002
            pass

    return Handler


@contextmanager
def scripted_model() -> Iterator[ScriptedModel]:
    """Run a scripted model server on a free port of 127.0.0.1; `.url` is its OpenAI base URL (…/v1)."""
    model = ScriptedModel()
    server = ThreadingHTTPServer(("127.0.0.1", 0), _handler(model))
    server.daemon_threads = True
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    model.url = f"http://127.0.0.1:{server.server_address[1]}/v1"
    try:
        yield model
    finally:
        server.shutdown()
        server.server_close()
