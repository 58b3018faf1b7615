"""plan-assistant: cited answers from a health-and-social-care collaboration's plans and reports."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from assistant.settings import Settings, load_settings

if TYPE_CHECKING:
    from assistant.core import Assistant

__all__ = ["Assistant", "Settings", "load_settings"]


def __getattr__(name: str) -> Any:
    # Imported on first use, so that loading a single stage does not pull in FAISS and the model.
    if name == "Assistant":
        from assistant.core import Assistant

        return Assistant
    raise AttributeError(name)
