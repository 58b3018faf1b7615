"""`plan-assistant backup` and `restore`: a backup taken while the server answers restores to an index
that answers exactly as before, holds no secrets, and a bad archive or a non-empty folder changes nothing."""

from __future__ import annotations

import gzip
import io
import json
import shutil
import subprocess
import sys
import tarfile
import threading
from collections.abc import Callable
from pathlib import Path
from typing import Any

import pytest

from assistant.answering.present import answer_json
from assistant.core import Assistant
from assistant.errors import AssistantError, BackupInvalid
from assistant.indexing.backup import MANIFEST, SETTINGS, write_backup
from assistant.indexing.build import build_lock
from assistant.indexing.restore import restore_backup
from assistant.indexing.titles import set_title
from assistant.settings import Settings
from assistant.web.app import create_app
from assistant.web.feedback_store import FeedbackStore, feedback_path

ROOT = Path(__file__).resolve().parents[2]
SECRETS = {"admin_password": "lösen-som-inte-får-följa-med", "secret_key": "nyckel-som-inte-får-följa-med",
           "site_password": "läsarlösen-som-inte-får-följa-med"}
TITLE = ("handlingsplan-nosam-molndal-2024.txt", "Mölndals handlingsplan (titel satt av administratören)")


@pytest.fixture(scope="module")
def original(sample_settings: Settings, sample_index: Path, tmp_path_factory: pytest.TempPathFactory) -> Settings:
    """A copy of the sample index (its converted model left out) with a title, a session key and secrets set."""
    index = tmp_path_factory.mktemp("original") / "index"
    shutil.copytree(sample_index, index, ignore=shutil.ignore_patterns("models", ".lock"))
    set_title(index, *TITLE)
    (index / ".secret_key").write_text("sessionsnyckel-som-inte-får-följa-med", encoding="utf-8")
    return sample_settings.replace(index=index, **SECRETS)


@pytest.fixture(scope="module")
def backed_up(original: Settings, embedder: Any, tmp_path_factory: pytest.TempPathFactory) -> dict[str, Any]:
    """A backup taken while a thread asks questions and rates the answers through the web app."""
    client = create_app(original, Assistant.open(original, embedder)).test_client()
    statuses: list[int] = []
    stop, first = threading.Event(), threading.Event()

    def ask_and_rate() -> None:
        while not stop.is_set():
            answer = client.post("/api/ask", json={"question": "Vad är Mini Maria?"})
            body = {key: answer.get_json()[key] for key in ("question", "answer", "found", "citations")}
            rated = client.post("/api/feedback", json={**body, "rating": 1})
            statuses.extend((answer.status_code, rated.status_code))
            first.set()

    asking = threading.Thread(target=ask_and_rate)
    asking.start()
    try:
        assert first.wait(60)
        before = len(statuses)
        archive = tmp_path_factory.mktemp("backup") / "planassistenten.tar.gz"
        lines: list[str] = []
        summary = write_backup(original, archive, report=lines.append)
        during = len(statuses) - before
    finally:
        stop.set()
        asking.join(60)
    return {"archive": archive, "summary": summary, "lines": lines, "statuses": statuses, "during": during}


def _fresh(folder: Path, original: Settings) -> Settings:
    return original.replace(index=folder / "index", corpus=folder / "corpus", admin_password="", secret_key="",
                            site_password="")


def test_a_backup_taken_while_the_server_answers_restores_to_the_same_answers(
    original: Settings, backed_up: dict[str, Any], embedder: Any, shared_dir: Path, tmp_path: Path
) -> None:
    assert set(backed_up["statuses"]) == {200, 201} and backed_up["during"] >= 1
    assert backed_up["summary"].documents == 5 and backed_up["summary"].notes == ()
    restored = _fresh(tmp_path, original)

    summary = restore_backup(restored, backed_up["archive"])

    assert summary.corpus_restored and sorted(p.name for p in restored.corpus.iterdir()) == sorted(
        p.name for p in original.corpus.iterdir())
    questions = [json.loads(line)["q"] for line in (shared_dir / "eval" / "dev.jsonl").read_text().splitlines()[:6]]
    before, after = Assistant.open(original, embedder), Assistant.open(restored, embedder)
    for question in questions:
        assert answer_json(after.ask(question)) == answer_json(before.ask(question))
    assert TITLE[1] in {info.title for info in after.index.documents.values()}
    kept = FeedbackStore(feedback_path(restored.index)).entries()
    now = FeedbackStore(feedback_path(original.index)).entries()
    assert kept and {entry.id for entry in kept} <= {entry.id for entry in now}


def test_the_backup_holds_no_secrets_and_a_manifest_of_every_file(backed_up: dict[str, Any]) -> None:
    with tarfile.open(backed_up["archive"], "r:gz") as archive:
        names = archive.getnames()
        settings = json.load(archive.extractfile(SETTINGS))  # type: ignore[arg-type]
        manifest = json.load(archive.extractfile(MANIFEST))  # type: ignore[arg-type]
    assert names[0] == MANIFEST and sorted(names[1:]) == sorted(entry["path"] for entry in manifest["files"])
    assert not SECRETS.keys() & settings.keys() and "llm_api_key" not in settings and settings["embedder"] == "e5"
    assert not any(Path(name).name.startswith(".") or name.startswith("index/models") for name in names)
    assert f"index/{manifest['generation']}/vectors.faiss" in names and "index/feedback.sqlite" in names
    content = gzip.decompress(backed_up["archive"].read_bytes())
    for secret in [*SECRETS.values(), "sessionsnyckel-som-inte-får-följa-med"]:
        assert secret.encode() not in content


def test_a_backup_waits_for_a_build_in_progress(original: Settings, tmp_path: Path) -> None:
    lines: list[str] = []
    with build_lock(original.index):
        waiting = threading.Thread(target=write_backup, args=(original, tmp_path / "b.tar.gz", lines.append))
        waiting.start()
        waiting.join(1)
        assert waiting.is_alive() and not (tmp_path / "b.tar.gz").exists()
    waiting.join(60)
    assert lines[0].startswith("Väntar på att indexeringen") and (tmp_path / "b.tar.gz").is_file()
    assert not [p for p in tmp_path.iterdir() if p.name.startswith(".")]  # no temporary left behind


def test_restore_refuses_a_folder_that_is_not_empty(original: Settings, backed_up: dict[str, Any],
                                                     tmp_path: Path) -> None:
    restored = _fresh(tmp_path, original)
    restored.index.mkdir()
    (restored.index / "anteckning.txt").write_text("mitt", encoding="utf-8")

    with pytest.raises(AssistantError, match="Indexmappen .* är inte tom"):
        restore_backup(restored, backed_up["archive"])

    assert [p.name for p in restored.index.iterdir()] == ["anteckning.txt"] and not restored.corpus.exists()


Member = tuple[tarfile.TarInfo, bytes]


def _rewritten(archive: Path, target: Path, change: Callable[[tarfile.TarInfo, bytes], list[Member]]) -> None:
    """Copy an archive's members into a new one, letting `change(info, data)` alter, add or drop each."""
    with tarfile.open(archive, "r:gz") as source, tarfile.open(target, "w:gz") as copy:
        for info in source.getmembers():
            data = source.extractfile(info).read()  # type: ignore[union-attr]
            for changed, content in change(info, data):
                copy.addfile(changed, io.BytesIO(content) if changed.isfile() else None)


def cut_short(archive: Path, target: Path) -> None:
    target.write_bytes(archive.read_bytes()[: archive.stat().st_size // 2])


def tampered(archive: Path, target: Path) -> None:
    def flip_last_byte(info: tarfile.TarInfo, data: bytes) -> list[Member]:
        return [(info, data[:-1] + bytes([data[-1] ^ 1]) if info.name.endswith("vectors.faiss") else data)]

    _rewritten(archive, target, flip_last_byte)


def foreign(archive: Path, target: Path) -> None:
    _rewritten(archive, target, lambda info, data: [] if info.name == MANIFEST else [(info, data)])


def with_a_link(archive: Path, target: Path) -> None:
    def link_current(info: tarfile.TarInfo, data: bytes) -> list[Member]:
        if info.name != "index/CURRENT":
            return [(info, data)]
        link = tarfile.TarInfo(info.name)
        link.type, link.linkname = tarfile.SYMTYPE, "/etc/passwd"
        return [(link, b"")]

    _rewritten(archive, target, link_current)


@pytest.mark.parametrize("make, reason", [
    (cut_short, "går inte att läsa"),
    (tampered, "stämmer inte med sin kontrollsumma"),
    (foreign, "är inte gjord med plan-assistant backup"),
    (with_a_link, "inte är en vanlig fil"),
], ids=["cut-short", "tampered", "foreign", "link"])
def test_restore_refuses_a_corrupt_or_foreign_archive(original: Settings, backed_up: dict[str, Any], tmp_path: Path,
                                                      make: Any, reason: str) -> None:
    bad = tmp_path / "trasig.tar.gz"
    make(backed_up["archive"], bad)
    restored = _fresh(tmp_path, original)
    restored.index.mkdir()

    with pytest.raises(BackupInvalid, match=reason) as refused:
        restore_backup(restored, bad)

    assert "Inget återställdes" in str(refused.value)
    assert list(restored.index.iterdir()) == [] and not restored.corpus.exists()
    assert sorted(p.name for p in tmp_path.iterdir()) == ["index", "trasig.tar.gz"]


def test_the_command_line_backs_up_and_refuses_to_restore_over_an_index(original: Settings, tmp_path: Path) -> None:
    archive = tmp_path / "kopia.tar.gz"
    folders = ["--index", str(original.index), "--corpus", str(original.corpus)]

    backup = subprocess.run([sys.executable, "-m", "assistant", "backup", str(archive), *folders],
                            cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)
    restore = subprocess.run([sys.executable, "-m", "assistant", "restore", str(archive), *folders],
                             cwd=ROOT, capture_output=True, text=True, timeout=120, check=False)

    assert backup.returncode == 0, backup.stderr
    assert f"Säkerhetskopian är klar: {archive}" in backup.stdout and "5 dokument" in backup.stdout
    assert restore.returncode == 1 and restore.stderr.startswith("Fel: Indexmappen")
    assert "Traceback" not in restore.stderr
