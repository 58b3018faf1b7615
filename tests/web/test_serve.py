"""`plan-assistant serve` over a folder with no index builds it first, then serves."""

from __future__ import annotations

import http.client
import json
import shutil
from pathlib import Path
from typing import Any

from hostile.live import live_server


def test_serve_builds_a_missing_index_in_a_process_of_its_own(sample_settings: Any, tmp_path: Path) -> None:
    corpus = tmp_path / "corpus"
    shutil.copytree(sample_settings.corpus, corpus)
    with live_server(corpus, tmp_path / "index", startup=300) as (server, port):
        connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        connection.request("POST", "/api/ask", body=json.dumps({"question": "Vad är Mini-Maria?"}),
                           headers={"Content-Type": "application/json"})
        response = connection.getresponse()
        assert response.status == 200 and json.loads(response.read())["found"]
        # The sample's 348 texts were embedded by the float32 model on PyTorch, whose tokenizer
        # library holds 285 MB; it was loaded by the build's own process, which has ended.
        assert "tokenizers" not in Path(f"/proc/{server.pid}/maps").read_text()
    assert (tmp_path / "index" / "CURRENT").exists()
