"""A client for a language model that speaks the OpenAI chat-completions protocol (vLLM, Ollama,
llama.cpp's server, an EU-hosted service), with nothing but the standard library.

It is only ever called when `settings.llm_url` is set. The API key goes in the Authorization
header and nowhere else: not in a log line, not in an error message. Every failure (no answer
within the timeout, no connection, an error status, a reply that is not the protocol's) becomes
one `ModelUnavailable` with a reason in Swedish, for the caller to fall back on.
"""

from __future__ import annotations

import json
import socket
import urllib.error
import urllib.request
from collections.abc import Sequence
from dataclasses import dataclass

from assistant.settings import Settings

# Long enough for a short cited answer, short enough that a rambling model stops.
MAX_TOKENS = 400


class ModelUnavailable(Exception):
    """The model gave no usable reply; the message says why (in Swedish, without secrets)."""


@dataclass(frozen=True)
class ChatMessage:
    """One message of a chat: its role ("system", "user", "assistant") and its text."""

    role: str
    content: str


def chat(settings: Settings, messages: Sequence[ChatMessage]) -> str:
    """Send the messages to `settings.llm_url`'s /chat/completions; return the reply's text."""
    url = settings.llm_url.rstrip("/") + "/chat/completions"
    body = {"model": settings.llm_model or "default", "temperature": 0, "max_tokens": MAX_TOKENS,
            "messages": [{"role": m.role, "content": m.content} for m in messages]}
    headers = {"Content-Type": "application/json", "Accept": "application/json"}
    if settings.llm_api_key:
        headers["Authorization"] = f"Bearer {settings.llm_api_key}"
    request = urllib.request.Request(url, data=json.dumps(body).encode("utf-8"), headers=headers, method="POST")
    try:
        with urllib.request.urlopen(request, timeout=settings.llm_timeout) as response:
            raw = response.read()
    except urllib.error.HTTPError as exc:
        raise ModelUnavailable(f"modellen svarade med fel {exc.code}") from None
    except (TimeoutError, socket.timeout) as exc:
        raise ModelUnavailable(f"modellen svarade inte inom {settings.llm_timeout:g} s") from exc
    except urllib.error.URLError as exc:
        if isinstance(exc.reason, (TimeoutError, socket.timeout)):
            raise ModelUnavailable(f"modellen svarade inte inom {settings.llm_timeout:g} s") from None
        raise ModelUnavailable(f"modellen gick inte att nå ({exc.reason})") from None
    except OSError as exc:
        raise ModelUnavailable(f"modellen gick inte att nå ({exc.__class__.__name__})") from None
    try:
        content = json.loads(raw.decode("utf-8"))["choices"][0]["message"]["content"]
    except (ValueError, KeyError, IndexError, TypeError) as exc:
        raise ModelUnavailable("modellens svar följde inte protokollet") from exc
    if not isinstance(content, str) or not content.strip():
        raise ModelUnavailable("modellen gav ett tomt svar")
    return content.strip()
