"""Nothing leaves the machine: with the default configuration, no command makes an outgoing connection.

Each command runs as a real process with a `sitecustomize` that installs an audit hook
(`sys.addaudithook`) recording every socket connection, name lookup and URL opened whose
destination is not this machine; worker processes inherit it through PYTHONPATH. The hook
itself is checked first on a deliberate connection.
"""

from __future__ import annotations

import http.client
import json
import os
import subprocess
import sys
from pathlib import Path

import hostile as h
import pytest
from hostile.live import CLI, live_server

WATCHER = '''
import ipaddress, os, sys

LOG = os.environ["NETWORK_LOG"]
LOCAL = {"localhost", "localhost.localdomain", "ip6-localhost", ""}


def _local(host):
    if host is None or isinstance(host, (bytes, bytearray)) and not host:
        return True
    host = host.decode() if isinstance(host, (bytes, bytearray)) else str(host)
    if host.lower() in LOCAL:
        return True
    try:
        return ipaddress.ip_address(host.split("%")[0]).is_loopback
    except ValueError:
        return False


def _record(event, detail):
    with open(LOG, "a", encoding="utf-8") as log:
        log.write(f"{os.getpid()} {event} {detail!r}\\n")


def _watch(event, args):
    if event in ("socket.connect", "socket.sendto", "socket.sendmsg"):
        address = args[1] if event != "socket.sendmsg" else args[-1]
        if isinstance(address, tuple) and not _local(address[0]):
            _record(event, address)
    elif event in ("socket.getaddrinfo", "socket.gethostbyname", "socket.gethostbyname_ex", "socket.gethostbyaddr"):
        if not _local(args[0]):
            _record(event, args[0])
    elif event == "urllib.Request":
        _record(event, args[0])


sys.addaudithook(_watch)
'''


@pytest.fixture(scope="module")
def watched_env(tmp_path_factory: pytest.TempPathFactory) -> dict[str, str]:
    """An environment with the default configuration (no PLAN_ASSISTANT_ or hub settings) and the watcher."""
    folder = tmp_path_factory.mktemp("network")
    (folder / "watch").mkdir()
    (folder / "watch" / "sitecustomize.py").write_text(WATCHER, encoding="utf-8")
    env = {k: v for k, v in os.environ.items()
           if not k.startswith(("PLAN_ASSISTANT_", "HF_", "TRANSFORMERS_", "SENTENCE_TRANSFORMERS_"))}
    env.update(PYTHONPATH=str(folder / "watch"), NETWORK_LOG=str(folder / "network.log"))
    return env


def attempts(env: dict[str, str]) -> list[str]:
    """The outgoing attempts recorded so far."""
    log = Path(env["NETWORK_LOG"])
    return log.read_text(encoding="utf-8").splitlines() if log.exists() else []


def test_the_watcher_sees_an_outgoing_connection(watched_env: dict[str, str]) -> None:
    script = ("import socket\ntry:\n    socket.create_connection(('192.0.2.1', 9), timeout=0.05)\n"
              "except OSError:\n    pass\nsocket.socket().connect_ex(('127.0.0.1', 9))\n")
    subprocess.run([sys.executable, "-c", script], env=watched_env, check=True, timeout=60)
    seen = attempts(watched_env)
    assert seen and all("192.0.2.1" in line for line in seen)
    assert any("socket.connect ('192.0.2.1', 9)" in line for line in seen)
    Path(watched_env["NETWORK_LOG"]).unlink()


def test_index_ask_search_and_serve_make_no_outgoing_call(watched_env: dict[str, str], tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / "rutin.txt").write_text(h.GOOD_TEXT, encoding="utf-8")
    h.text_pdf(corpus / "rutin.pdf", ["Rutin för hemgång", "Ring patienten dagen efter."])
    where = ["--corpus", str(corpus), "--index", str(tmp_path / "index")]
    for command in (["index"], ["ask", "När ringer vårdcentralen?", "--json"], ["search", "hemgång"]):
        subprocess.run([CLI, *command, *where], env=watched_env, check=True, timeout=300, capture_output=True)
    with live_server(corpus, tmp_path / "index", watched_env) as (_server, port):
        statuses = []
        for method, url, body in (("GET", "/", None), ("GET", "/documents", None),
                                  ("GET", "/documents/rutin-txt", None),
                                  ("POST", "/api/ask", {"question": "När ringer vårdcentralen?"}),
                                  ("GET", "/api/search?q=hem", None), ("GET", "/static/app.js", None)):
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
            connection.request(method, url, body=json.dumps(body) if body else None,
                               headers={"Content-Type": "application/json"})
            statuses.append(connection.getresponse().status)
            connection.close()
        assert statuses == [200] * 6
    assert attempts(watched_env) == []
