"""The server's log: one line a record, as key=value text (default) or JSON, for people and collectors.

A request's line (see `ops`) carries its fields in the record's `request` attribute; every other
record (a warning, a model that fell back) is a line with its level, logger and message.
"""

from __future__ import annotations

import json
import logging
import logging.config
from typing import Any

JSON = "json"
FORMATS = ("text", JSON)


class LineFormatter(logging.Formatter):
    """Formats a record as one line: key=value pairs, or a JSON object."""

    def __init__(self, as_json: bool) -> None:
        super().__init__()
        self.as_json = as_json

    def format(self, record: logging.LogRecord) -> str:
        fields: dict[str, Any] = {"time": self.formatTime(record, "%Y-%m-%dT%H:%M:%S"),
                                  "level": record.levelname.lower(), "logger": record.name}
        fields.update(getattr(record, "request", None) or {"message": record.getMessage()})
        if record.exc_info:
            fields["error"] = self.formatException(record.exc_info)
        if self.as_json:
            return json.dumps(fields, ensure_ascii=False)
        return " ".join(f"{key}={_text(value)}" for key, value in fields.items())


def _text(value: object) -> str:
    if isinstance(value, bool) or value is None:
        return json.dumps(value)
    text = str(value)
    # Quoted when it would not read as one value: spaces, quotes, an equals sign, line breaks.
    if not text or any(c.isspace() or c in '"=' for c in text):
        return json.dumps(text, ensure_ascii=False)
    return text


def logging_config(log_format: str) -> dict[str, Any]:
    """The logging set-up (for `logging.config.dictConfig`, and gunicorn's `logconfig_dict`): INFO and
    above to standard error, one line a record in the given format, gunicorn's own lines included."""
    if log_format not in FORMATS:
        from assistant.errors import AssistantError

        raise AssistantError(f"PLAN_ASSISTANT_LOG_FORMAT måste vara text eller json, inte {log_format!r}.")
    return {
        "version": 1, "disable_existing_loggers": False,
        "formatters": {"line": {"()": f"{__name__}.LineFormatter", "as_json": log_format == JSON}},
        "handlers": {"stderr": {"class": "logging.StreamHandler", "formatter": "line", "stream": "ext://sys.stderr"}},
        "root": {"level": "INFO", "handlers": ["stderr"]},
        "loggers": {
            "gunicorn.error": {"level": "INFO", "handlers": [], "propagate": True},
            # Its lines would hold the URL, a question in /api/search?q=…: the request line says enough.
            "gunicorn.access": {"level": "WARNING", "handlers": [], "propagate": False},
        },
    }


def configure_logging(log_format: str) -> None:
    """Set up the process's logging as `logging_config` says."""
    logging.config.dictConfig(logging_config(log_format))
