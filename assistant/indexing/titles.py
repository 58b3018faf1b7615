"""Titles an administrator set on /dokument, kept beside the index generations so that rebuilds keep them.

    index/titles.json     {"<corpus path>": "<title>", …}

The index opens with them in place of the titles the documents gave, so the documents page,
the sources and the source view all show them; the text that was embedded is not changed.
"""

from __future__ import annotations

import json
import os
from pathlib import Path

from assistant.errors import AssistantError

FILE = "titles.json"
MAX_CHARS = 200


def read_titles(folder: Path) -> dict[str, str]:
    """The titles set for documents, by corpus path (none if the file is missing or unreadable)."""
    try:
        data = json.loads((folder / FILE).read_text(encoding="utf-8"))
    except (OSError, ValueError):
        return {}
    if not isinstance(data, dict):
        return {}
    return {str(path): str(title) for path, title in data.items() if isinstance(title, str) and title.strip()}


def set_title(folder: Path, path: str, title: str) -> None:
    """Set (or, with an empty title, remove) a document's title, replacing the file in one step."""
    title = " ".join(title.split())
    if len(title) > MAX_CHARS:
        raise AssistantError(f"Titeln är längre än {MAX_CHARS} tecken.")
    titles = read_titles(folder)
    if title:
        titles[path] = title
    else:
        titles.pop(path, None)
    folder.mkdir(parents=True, exist_ok=True)
    temporary = folder / f".{FILE}.{os.getpid()}"
    temporary.write_text(json.dumps(titles, ensure_ascii=False, indent=1), encoding="utf-8")
    os.replace(temporary, folder / FILE)
