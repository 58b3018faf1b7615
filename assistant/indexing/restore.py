"""Put a backup made by `plan-assistant backup` back: the index into an empty folder, the documents
into the corpus folder if that is empty.

The archive is unpacked beside the index folder and checked against its manifest (format, version,
every file's size and sha256) before anything is moved into place, so a corrupt, cut short or
foreign archive changes nothing. Only regular files named in the manifest are unpacked, with
tarfile's "data" filter (no absolute paths, no "..", no links or devices). CURRENT is moved in last:
until then the folder names no index.
"""

from __future__ import annotations

import gzip
import json
import shutil
import tarfile
import tempfile
import zlib
from dataclasses import dataclass, fields
from pathlib import Path, PurePosixPath
from typing import Any

from assistant.errors import AssistantError, BackupInvalid, MissingInput
from assistant.indexing.backup import (
    CORPUS,
    FORMAT,
    INDEX,
    LEFT_OUT,
    MANIFEST,
    SETTINGS,
    VERSION,
    Report,
    file_sha256,
    public_settings,
)
from assistant.indexing.build import build_lock
from assistant.indexing.store import CURRENT
from assistant.settings import ENV_PREFIX, Settings


@dataclass(frozen=True)
class Manifest:
    """A backup's manifest: when it was made, the generation it holds, and each file's size and sha256."""

    created: str
    generation: str
    files: dict[str, tuple[int, str]]

    def under(self, top: str) -> dict[str, str]:
        """The sha256 of each file under `index` or `corpus`, by its path inside that folder."""
        return {path[len(top) + 1:]: sha256 for path, (_, sha256) in self.files.items() if path.startswith(f"{top}/")}


@dataclass(frozen=True)
class RestoreSummary:
    """What a restore put back, what it left alone, and what the administrator still has to set."""

    index: Path
    manifest: Manifest
    corpus: Path
    corpus_restored: bool
    corpus_unchanged: int
    changed_settings: tuple[str, ...]

    def lines(self) -> list[str]:
        """Describe the restore in plain Swedish, with what is left to do."""
        archived = len(self.manifest.under(CORPUS))
        created = self.manifest.created[:16].replace("T", " ")
        lines = [(f"Indexet {self.manifest.generation} är återställt i {self.index} "
                  f"({len(self.manifest.under(INDEX))} filer), från säkerhetskopian gjord {created}.")]
        if self.corpus_restored:
            lines.append(f"{archived} dokument är återställda i {self.corpus}.")
        else:
            lines.append(f"Korpusmappen {self.corpus} hade redan filer och lämnades orörd; {self.corpus_unchanged} "
                         f"av säkerhetskopians {archived} dokument finns där oförändrade.")
            if self.corpus_unchanged < archived:
                lines.append("Töm korpusmappen och återställ igen för att få tillbaka säkerhetskopians dokument, "
                             "eller kör plan-assistant index för att indexera mappen som den är.")
        if self.changed_settings:
            lines.append("Säkerhetskopian gjordes med andra inställningar; sätt dem för att få samma svar: "
                         + "; ".join(self.changed_settings) + ".")
        secrets = ", ".join(ENV_PREFIX + f.name.upper() for f in fields(Settings) if not f.repr)
        lines.append(f"Lösenord och nycklar ingår inte: sätt {secrets} i miljön som förut, där de användes. "
                     "Den som var inloggad får logga in igen.")
        return lines


def restore_backup(settings: Settings, archive: Path, report: Report = lambda line: None) -> RestoreSummary:
    """Restore a backup into the (empty or missing) index folder, and the corpus folder if it is empty."""
    if not archive.is_file():
        raise MissingInput(f"Säkerhetskopian {archive} finns inte.")
    folder, corpus = settings.index, settings.corpus
    _refuse_unless_empty(folder)
    folder.parent.mkdir(parents=True, exist_ok=True)
    with tempfile.TemporaryDirectory(dir=folder.parent, prefix=f".{folder.name}.restore-") as name:
        staging = Path(name)
        report(f"Läser och kontrollerar {archive} …")
        manifest = _unpack_checked(archive, staging)
        with build_lock(folder):
            _refuse_unless_empty(folder)  # again: something may have been written there meanwhile
            _move_entries(staging / INDEX, folder, last=CURRENT)
        corpus_restored = not _holds_anything(corpus)
        if corpus_restored:
            _move_entries(staging / CORPUS, corpus)
        unchanged = sum(1 for path, sha256 in manifest.under(CORPUS).items()
                        if (corpus / path).is_file() and file_sha256(corpus / path) == sha256)
        saved = json.loads((staging / SETTINGS).read_text(encoding="utf-8"))
    return RestoreSummary(folder, manifest, corpus, corpus_restored, unchanged, _changed_settings(saved, settings))


def _holds_anything(folder: Path, ignored: frozenset[str] = frozenset()) -> bool:
    """Whether a folder exists with something in it besides hidden entries (.lock, .secret_key) and `ignored`."""
    if not folder.exists():
        return False
    return not folder.is_dir() or any(not p.name.startswith(".") and p.name not in ignored for p in folder.iterdir())


def _refuse_unless_empty(folder: Path) -> None:
    # What a backup leaves out (the checkout's README, the converted model) may stay.
    if _holds_anything(folder, frozenset(LEFT_OUT)):
        raise AssistantError(
            f"Indexmappen {folder} är inte tom, så ingenting återställdes. Återställ till en ny mapp "
            f"(t.ex. --index {folder}-aterstalld) eller flytta undan innehållet i {folder} först."
        )


def _invalid(archive: Path, why: str) -> BackupInvalid:
    return BackupInvalid(f"Säkerhetskopian {archive} {why}. Inget återställdes; använd en annan säkerhetskopia.")


def _unpack_checked(archive: Path, staging: Path) -> Manifest:
    """Unpack the files the manifest names into `staging`, each checked against its size and sha256."""
    unpacked: set[str] = set()
    try:
        with tarfile.open(archive, "r:gz") as tar:
            first = tar.next()
            readable = tar.extractfile(first) if first is not None and first.name == MANIFEST else None
            if readable is None:
                raise _invalid(archive, f"är inte gjord med plan-assistant backup ({MANIFEST} saknas först i arkivet)")
            manifest = _read_manifest(archive, readable.read())
            while (member := tar.next()) is not None:
                if not member.isfile():
                    raise _invalid(archive, f"innehåller {member.name}, som inte är en vanlig fil (utan en länk)")
                if member.name not in manifest.files or member.name in unpacked:
                    raise _invalid(archive, f"innehåller {member.name}, som inte står i dess manifest")
                if member.size != manifest.files[member.name][0]:
                    raise _invalid(archive, f"är skadad: {member.name} har en annan storlek än manifestet anger")
                tar.extract(member, staging, filter="data")
                unpacked.add(member.name)
    except (tarfile.TarError, EOFError, zlib.error, gzip.BadGzipFile) as exc:
        raise _invalid(archive, "går inte att läsa: den är trasig, avkortad eller inget tar.gz-arkiv") from exc
    missing = sorted(set(manifest.files) - unpacked)
    if missing:
        raise _invalid(archive, f"är ofullständig: {len(missing)} filer saknas, bland dem {missing[0]}")
    for path, (_, sha256) in manifest.files.items():
        if file_sha256(staging / path) != sha256:
            raise _invalid(archive, f"är skadad: {path} stämmer inte med sin kontrollsumma")
    if (staging / INDEX / CURRENT).read_text(encoding="utf-8").strip() != manifest.generation:
        raise _invalid(archive, f"har en {CURRENT} som inte namnger indexet {manifest.generation}")
    return manifest


def _safe_path(path: str) -> bool:
    """Whether a manifest path is a plain relative path under index/ or corpus/, or the settings file."""
    parts = PurePosixPath(path).parts
    plain = PurePosixPath(path).as_posix() == path and not path.startswith("/") and ".." not in parts
    return plain and (path == SETTINGS or (len(parts) > 1 and parts[0] in {INDEX, CORPUS}))


def _read_manifest(archive: Path, data: bytes) -> Manifest:
    try:
        manifest = json.loads(data.decode("utf-8"))
    except ValueError as exc:  # UnicodeDecodeError and JSONDecodeError both are
        raise _invalid(archive, f"har ett {MANIFEST} som inte går att läsa") from exc
    if not isinstance(manifest, dict) or manifest.get("format") != FORMAT:
        raise _invalid(archive, f"är inte gjord med plan-assistant backup (fel {MANIFEST})")
    if manifest.get("version") != VERSION:
        raise BackupInvalid(
            f"Säkerhetskopian {archive} har format {manifest.get('version')}, men den här versionen av "
            f"Planassistenten läser format {VERSION}. Återställ med den version som gjorde den, eller en nyare."
        )
    listed = manifest.get("files")
    files: dict[str, tuple[int, str]] = {}
    for entry in listed if isinstance(listed, list) else []:
        row = entry if isinstance(entry, dict) else {}
        path, size, sha256 = row.get("path"), row.get("size"), row.get("sha256")
        if not isinstance(path, str) or not _safe_path(path) or path in files or not isinstance(size, int) \
                or not isinstance(sha256, str):
            raise _invalid(archive, f"har ett {MANIFEST} med en ogiltig rad ({str(entry)[:80]})")
        files[path] = (size, sha256)
    generation = manifest.get("generation")
    needed = (f"{INDEX}/{CURRENT}", f"{INDEX}/{generation}/meta.json", SETTINGS)
    if not isinstance(generation, str) or any(path not in files for path in needed):
        raise _invalid(archive, "saknar indexet eller inställningarna enligt sitt manifest")
    return Manifest(str(manifest.get("created", "")), generation, files)


def _move_entries(source: Path, target: Path, last: str = "") -> None:
    """Move everything in `source` into `target` (made if missing), the entry named `last` after the rest."""
    target.mkdir(parents=True, exist_ok=True)
    if source.is_dir():
        for entry in sorted(source.iterdir(), key=lambda path: (path.name == last, path.name)):
            shutil.move(entry, target / entry.name)


def _changed_settings(saved: dict[str, Any], settings: Settings) -> tuple[str, ...]:
    """The backup's settings that differ from the ones now, as environment variables to set."""
    now = public_settings(settings)
    return tuple(
        f"{ENV_PREFIX}{name.upper()}={str(value).lower() if isinstance(value, bool) else value} (nu {now[name]})"
        for name, value in saved.items()
        if name in now and name not in {"corpus", "index"} and value != now[name]
    )
