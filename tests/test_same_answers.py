"""One question, one answer: the evaluation, the command line and a running server agree.

The server is a real `plan-assistant serve` process over the sample index, the command line a
real `plan-assistant` process, and `eval --url` scores the server over its JSON API.
"""

from __future__ import annotations

import json
import subprocess
from collections.abc import Iterator
from dataclasses import astuple, replace
from pathlib import Path
from typing import Any

import pytest
from hostile.live import CLI, live_server

from assistant.evaluate import LocalAssistant, RemoteAssistant, evaluate

QUESTIONS = ("Vad är Mini Maria?", "Vem ansvarar för SIP för barn och unga?", "How often does NOSAM meet?")


@pytest.fixture(scope="module")
def server(sample_settings: Any, sample_index: Path) -> Iterator[str]:
    """`plan-assistant serve` over the sample index, in a process of its own; yields its URL."""
    with live_server(sample_settings.corpus, sample_index) as (_process, port):
        yield f"http://127.0.0.1:{port}"


def test_the_evaluation_over_http_gives_the_in_process_figures(server: str, assistant: Any, shared_dir: Path) -> None:
    dev = shared_dir / "eval" / "dev.jsonl"
    here = evaluate(LocalAssistant(assistant), dev)
    there = evaluate(RemoteAssistant(server), dev)
    # Everything but how long each answer took.
    assert [astuple(replace(r, seconds=0.0)) for r in there.results] == \
        [astuple(replace(r, seconds=0.0)) for r in here.results]
    assert there.questions == 16 and there.hit_at_3 >= 0.9


@pytest.mark.parametrize("question", QUESTIONS)
def test_the_command_line_and_the_server_give_one_answer(server: str, sample_settings: Any, assistant: Any,
                                                         question: str) -> None:
    command = [CLI, "ask", question, "--json", "--corpus", str(sample_settings.corpus),
               "--index", str(sample_settings.index)]
    cli = json.loads(subprocess.run(command, capture_output=True, text=True, check=True, timeout=120).stdout)
    api = RemoteAssistant(server)._call("/api/ask", {"question": question})
    here = assistant.ask(question)
    assert cli["answer"] == api["answer"] == here.text
    assert [c["quote"] for c in cli["citations"]] == [c["quote"] for c in api["citations"]]


def test_eval_of_a_missing_file_is_one_line_and_status_two(tmp_path: Path) -> None:
    result = subprocess.run([CLI, "eval", str(tmp_path / "no-such-file.jsonl")], capture_output=True, text=True,
                            timeout=60)
    assert result.returncode == 2
    assert result.stderr.strip().splitlines() == [f"Fel: Frågefilen {tmp_path / 'no-such-file.jsonl'} finns inte."]
    assert result.stdout == ""


def test_eval_of_a_server_that_does_not_answer_says_so(tmp_path: Path, shared_dir: Path) -> None:
    result = subprocess.run([CLI, "eval", str(shared_dir / "eval" / "dev.jsonl"), "--url", "http://127.0.0.1:9"],
                            capture_output=True, text=True, timeout=60)
    assert result.returncode == 1
    assert result.stderr.startswith("Fel: Kunde inte fråga servern http://127.0.0.1:9")
    assert "Traceback" not in result.stderr
