"""The assistant's errors, each with a message a staff member or administrator can act on.

    AssistantError
     ├── UnreadableDocument   a corpus file exists but cannot be read (corrupt, encrypted, no text)
     ├── UnsupportedFormat    a corpus file of a type the assistant does not read
     ├── InvalidQuestion      a question that cannot be asked (empty once control characters are gone)
     ├── MissingInput         a file or folder given to a command is missing or cannot be read
     ├── IndexMissing         no index has been built in the index folder
     ├── IndexMismatch        the index was built by another embedder, model or format version
     └── BackupInvalid        an archive to restore that is not a whole backup (corrupt, cut short, foreign)

Each is turned into output in one place: the CLI's top level and the Flask error handler.
"""

from __future__ import annotations


class AssistantError(Exception):
    """Base of every error the assistant reports to its user."""


class UnreadableDocument(AssistantError):
    """A document that cannot be read; the message names the file and the reason."""

    def __init__(self, path: str, reason: str) -> None:
        super().__init__(f"{path}: {reason}")
        self.path = path
        self.reason = reason


class UnsupportedFormat(UnreadableDocument):
    """A document whose file type the assistant does not read."""


class InvalidQuestion(AssistantError):
    """A question the assistant cannot search with; the message says what to change."""


class MissingInput(AssistantError):
    """A file or folder named on the command line (or in the settings) that is missing or unreadable."""


class IndexMissing(AssistantError):
    """No usable index exists where one was expected."""


class IndexMismatch(AssistantError):
    """The index on disk was built differently from what is asked of it now."""


class BackupInvalid(AssistantError):
    """An archive given to restore that is corrupt, cut short, of a newer format or not a backup at all."""
