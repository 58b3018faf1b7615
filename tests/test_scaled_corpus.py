"""The scaled corpus for benchmarks: many documents, all different, in the formats the corpus has."""

from __future__ import annotations

import hashlib
from collections import Counter
from pathlib import Path
from typing import Any

from assistant.ingest.corpus import load_document
from bench.scaled_corpus import make_scaled_corpus

CORPUS = Path(__file__).resolve().parents[1] / "corpus"


def _text(path: Path) -> str:
    return "\n".join(block.text for block in load_document(path, path.parent).blocks)


def test_every_document_is_different_and_readable(sample_settings: Any, tmp_path: Path) -> None:
    paths = make_scaled_corpus(sample_settings.corpus, tmp_path / "scaled", 40, seed=3)
    assert len(paths) == 40 == len({p.name for p in paths})
    assert sorted(paths) == sorted((tmp_path / "scaled").iterdir())
    formats = Counter(p.suffix for p in paths)
    assert set(formats) == {".txt", ".md", ".docx"} and formats[".txt"] > formats[".docx"]
    assert len({hashlib.sha256(p.read_bytes()).hexdigest() for p in paths}) == 40
    texts = [_text(p) for p in paths]
    assert len(set(texts)) == 40
    titles = {load_document(p, p.parent).title for p in paths}
    assert len(titles) == 40
    # Made from the same source, two documents still differ in more than their title.
    first, sixth = texts[0].splitlines()[1:], texts[5].splitlines()[1:]
    assert first != sixth


def test_the_same_seed_makes_the_same_corpus(sample_settings: Any, tmp_path: Path) -> None:
    one = make_scaled_corpus(sample_settings.corpus, tmp_path / "one", 8, seed=11)
    two = make_scaled_corpus(sample_settings.corpus, tmp_path / "two", 8, seed=11)
    other = make_scaled_corpus(sample_settings.corpus, tmp_path / "other", 8, seed=12)
    text = [p.read_text(encoding="utf-8") for p in one if p.suffix != ".docx"]
    assert text == [p.read_text(encoding="utf-8") for p in two if p.suffix != ".docx"]
    assert [p.name for p in one] != [p.name for p in other]


def test_the_bench_command_finds_the_benchmark_beside_the_package() -> None:
    import subprocess
    import sys
    from pathlib import Path

    cli = Path(sys.executable).parent / "plan-assistant"
    result = subprocess.run([str(cli), "bench", "--help"], capture_output=True, text=True, timeout=120)
    assert result.returncode == 0 and "--quick" in result.stdout
