"""Broken and hostile input: each file gets a clear reason, the rest of the corpus still loads, the index stays whole.

The files are made by `tests/hostile` in a temporary folder; none is committed. Odd questions
(empty, huge, control characters, other scripts) are checked through the core and the CLI here,
and through the web API in test_security.py.
"""

from __future__ import annotations

import os
import shutil
import subprocess
import sys
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

import hostile as h
import pytest

from assistant.cli import main
from assistant.errors import InvalidQuestion
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_corpus, load_document
from assistant.ingest.ocr import MISSING, NO_TEXT, tesseract_ready
from assistant.models import Document, LoadFailure
from assistant.settings import Settings, load_settings

GOOD = "rutin.txt"
GOOD_QUESTION = "När ringer vårdcentralen patienten efter hemgång?"

Maker = Callable[[Path], Path]

# Each kind of bad file: its name, how to make it, and what the reason must say.
# A scan of noise: OCR finds no words in it, or, without Tesseract, says what to install.
SCAN_REASON = NO_TEXT if tesseract_ready() else MISSING
REFUSED: list[tuple[str, Maker, str]] = [
    ("tom.pdf", lambda p: h.written(p, b""), "tom fil"),
    ("tom.docx", lambda p: h.written(p, b""), "tom fil"),
    ("tom.txt", lambda p: h.written(p, b""), "tom fil"),
    ("avkortad.pdf", lambda p: h.truncated(p, h.SAMPLE_PDF), "PDF:en är skadad och kan inte läsas"),
    ("avkortad.docx", lambda p: h.truncated(p, h.SAMPLE_DOCX), "ingen giltig Word-fil (DOCX); den kan vara skadad"),
    ("brus.pdf", h.garbage_pdf, "PDF:en är skadad och kan inte läsas"),
    ("sidslinga.pdf", h.cyclic_pdf, "PDF:en är skadad och kan inte läsas"),
    ("skannad.pdf", h.scanned_pdf, SCAN_REASON),
    ("lasad.pdf", lambda p: h.encrypted_pdf(p, "hemligt"), "PDF:en är krypterad och kräver lösenord"),
    ("tusentals-sidor.pdf", lambda p: h.many_pages_pdf(p, 3000), "PDF:en har 3000 sidor, fler än gränsen 2000"),
    ("enorm.pdf", lambda p: h.sparse_file(p, 300_000_000), "filen är för stor (300.0 MB, gränsen är 100.0 MB)"),
    ("zipbomb.docx", lambda p: h.zip_bomb_docx(p, 200 << 20), "filen packas upp till 210.5 MB, mer än gränsen"),
    ("ljugande-zipbomb.docx", lambda p: h.zip_bomb_docx(p, 200 << 20, lie=True), "ingen giltig Word-fil"),
    ("entitetsbomb.docx", h.entity_bomb_docx, "Word-filens innehåll är inte giltig XML"),
    ("zip-utan-word.docx", h.zip_without_word, "filen är ett zip-arkiv utan Word-dokument, inte en Word-fil"),
    ("excel.docx", h.xlsx_as_docx, "filen är en Excel-fil (XLSX), inte en Word-fil (DOCX), trots ändelsen .docx"),
    ("opendocument.docx", h.odt_as_docx, "filen är ett OpenDocument-textdokument (ODT), inte en Word-fil"),
    ("gammal-word.docx", h.old_word_as_docx, "filen är ett äldre Office-dokument (DOC, XLS eller PPT)"),
    ("pdf-som-heter.docx", lambda p: h.written(p, h.SAMPLE_PDF.read_bytes()), "filen är en PDF, inte en Word-fil"),
    ("bild.pdf", lambda p: h.written(p, h.png_bytes()), "filen är en PNG-bild, inte en PDF, trots ändelsen .pdf"),
    ("text.pdf", lambda p: h.written(p, b"Bara text\n" * 30), "filen är en textfil, inte en PDF"),
    ("word.pdf", lambda p: h.written(p, h.SAMPLE_DOCX.read_bytes()), "filen är en Word-fil (DOCX), inte en PDF"),
    ("binar.txt", lambda p: h.written(p, os.urandom(8000)), "filen innehåller binära data, inte text"),
    ("pdf.txt", lambda p: h.written(p, h.SAMPLE_PDF.read_bytes()), "filen är en PDF, inte en textfil, trots ändelsen"),
    ("bild.md", lambda p: h.written(p, h.png_bytes()), "filen är en PNG-bild, inte en textfil, trots ändelsen .md"),
    ("bara-skript.html", lambda p: h.written(p, b"<script>alert(1)</script><p> ... </p>"), "ingen text hittades"),
    ("bild.png", lambda p: h.written(p, h.png_bytes()), "filtypen .png stöds inte"),
]

# Odd files that are still documents: they load, with their text intact and clean.
READ: list[tuple[str, Maker, str]] = [
    ("cp1252.txt", lambda p: h.encoded(p, h.SWEDISH, "cp1252"), "Vården ska vara nära och trygg för alla i Mölndal"),
    ("utf16-bom.txt", lambda p: h.encoded(p, h.SWEDISH, "utf-16"), "Vården ska vara nära och trygg för alla i Mölndal"),
    ("utf16-le-bom.txt", lambda p: h.encoded(p, h.SWEDISH, "utf-16-le-bom"), "även på helger"),
    ("utf16-be-utan-bom.txt", lambda p: h.encoded(p, h.SWEDISH, "utf-16-be"), "även på helger"),
    ("styrtecken.txt", lambda p: h.written(p, ("Rutin\x00 för\x07 hemgång\x1b[0m\n\nRing\x00 patienten\x0b dagen\x1f "
                                              "efter. " + "Vårdcentralen följer upp hemgången. " * 8).encode()),
     "Ring patienten dagen efter."),
    ("djup.html", lambda p: h.written(p, b"<div>" * 50_000 + "Djupt inne".encode() + b"</div>" * 50_000), "Djupt inne"),
    ("handskriven.pdf", lambda p: h.text_pdf(p, ["Rutin (ny) för hemgång", "Ring patienten dagen efter."]),
     "Ring patienten dagen efter."),
    ("oppen-krypterad.pdf", lambda p: h.encrypted_pdf(p, ""), "Årsrapport 2025"),
]


def make_hostile_corpus(corpus: Path, read: list[tuple[str, Maker, str]]) -> Path:
    """Fill a folder with one good text file, every refused file, the `read` ones, links out, and odd names."""
    corpus.mkdir(exist_ok=True)
    (corpus / GOOD).write_text(h.GOOD_TEXT, encoding="utf-8")
    for name, make, _reason in REFUSED + read:
        make(corpus / name)
    (corpus / "lank-ut.txt").symlink_to("/etc/passwd")
    (corpus / "lank-till-mapp").symlink_to("/etc")
    (corpus / "trasig-lank.pdf").symlink_to(corpus / "finns-inte.pdf")
    h.undecodable_name(corpus)
    (corpus / "Plan 2026.txt").write_text(h.GOOD_TEXT, encoding="utf-8")
    (corpus / "plan-2026.txt").write_text(h.GOOD_TEXT, encoding="utf-8")
    return corpus


@pytest.fixture(scope="module")
def hostile_corpus(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """The hostile corpus with every odd but readable file too."""
    return make_hostile_corpus(tmp_path_factory.mktemp("hostile-corpus"), READ)


@pytest.fixture(scope="module")
def loaded(hostile_corpus: Path) -> tuple[dict[str, Document], dict[str, str], float]:
    """The hostile corpus loaded once: documents and failure reasons by path, and the seconds it took."""
    started = time.monotonic()
    documents, failures, _ = load_corpus(hostile_corpus)
    seconds = time.monotonic() - started
    return {d.path: d for d in documents}, {f.path: f.reason for f in failures}, seconds


@pytest.mark.parametrize(("name", "reason"), [(name, reason) for name, _, reason in REFUSED],
                         ids=[name for name, _, _ in REFUSED])
def test_a_bad_file_fails_with_a_clear_reason(loaded: tuple[dict[str, Document], dict[str, str], float],
                                              name: str, reason: str) -> None:
    documents, failures, _ = loaded
    assert name not in documents
    assert reason in failures[name]


@pytest.mark.parametrize(("name", "text"), [(name, text) for name, _, text in READ], ids=[name for name, _, _ in READ])
def test_an_odd_but_real_document_loads_cleanly(loaded: tuple[dict[str, Document], dict[str, str], float],
                                                name: str, text: str) -> None:
    documents, failures, _ = loaded
    assert name not in failures
    cleaned = " ".join(block.text for block in clean_document(documents[name]).blocks)
    assert text in cleaned
    assert not any(ch < " " and ch not in "\n\t" for ch in cleaned)


def test_the_good_files_load_whatever_else_is_in_the_folder(
    loaded: tuple[dict[str, Document], dict[str, str], float]
) -> None:
    documents, failures, seconds = loaded
    assert documents[GOOD].title == "Rutin för trygg hemgång"
    assert set(documents) == {GOOD, "Plan 2026.txt", "plan-2026.txt"} | {name for name, _, _ in READ}
    assert len(failures) == len(REFUSED) + 4
    # Ids stay unique when two names make the same slug; each keeps a stable suffix.
    ids = [d.doc_id for d in documents.values()]
    assert len(set(ids)) == len(ids)
    assert documents["Plan 2026.txt"].doc_id.startswith("plan-2026-txt-")
    assert seconds < 120


def test_links_are_reported_and_never_followed(loaded: tuple[dict[str, Document], dict[str, str], float]) -> None:
    documents, failures, _ = loaded
    for link in ("lank-ut.txt", "lank-till-mapp", "trasig-lank.pdf"):
        assert failures[link] == "filen är en symbolisk länk; länkar följs inte, lägg in själva filen"
    assert not any("root:" in block.text for doc in documents.values() for block in doc.blocks)


def test_a_name_that_is_not_utf8_is_reported_in_a_form_that_can_be_stored(
    loaded: tuple[dict[str, Document], dict[str, str], float]
) -> None:
    _, failures, _ = loaded
    assert failures["plan-m\ufffdlndal.txt"] == "filnamnet har tecken som inte kan läsas; byt namn på filen"


def test_a_document_that_takes_too_long_is_stopped_and_the_next_still_loads(tmp_path: Path) -> None:
    h.long_pdf(tmp_path / "a-lang.pdf", 200)
    (tmp_path / "b-rutin.txt").write_text(h.GOOD_TEXT, encoding="utf-8")
    started = time.monotonic()
    documents, failures, _ = load_corpus(tmp_path, Settings(max_seconds=1))
    assert failures == [LoadFailure("a-lang.pdf", "tog för lång tid att läsa (mer än 1 s)")]
    assert [d.path for d in documents] == ["b-rutin.txt"]
    # Stopped at the limit, not read to the end (which takes well over 10 s).
    assert time.monotonic() - started < 10


def test_every_limit_is_a_setting_with_an_environment_variable(tmp_path: Path) -> None:
    shutil.copy(h.SAMPLE_PDF, tmp_path / "rapport.pdf")
    shutil.copy(h.SAMPLE_DOCX, tmp_path / "plan.docx")
    (tmp_path / "lang.txt").write_text("Rutin för hemgång.\n\n" + "Ring patienten dagen efter. " * 100)

    def reasons(**environ: str) -> dict[str, str]:
        settings = load_settings(environ={f"PLAN_ASSISTANT_{k.upper()}": v for k, v in environ.items()})
        return {f.path: f.reason for f in load_corpus(tmp_path, settings)[1]}

    assert reasons(max_pages="3")["rapport.pdf"] == "PDF:en har 16 sidor, fler än gränsen 3"
    assert reasons(max_chars="1000")["lang.txt"] == "dokumentet har mer text än gränsen på 1000 tecken"
    unpacked = reasons(max_bytes=str((tmp_path / "plan.docx").stat().st_size + 1000))
    assert unpacked["plan.docx"].startswith("filen packas upp till")
    assert "filen är för stor" in reasons(max_bytes="10000")["rapport.pdf"]


def test_pdf_encrypted_with_aes_and_no_user_password_loads(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")
    document = load_document(h.encrypted_pdf(tmp_path / "aes.pdf", "", "AES-256"), tmp_path)
    # The title the PDF's own properties give.
    assert document.title == "Årsrapport 2025 SAMLA – Vårdsamverkan Lerum Alingsås" and document.pages == 16


def test_without_the_aes_package_the_reason_says_what_is_missing(tmp_path: Path) -> None:
    pytest.importorskip("cryptography")  # to write the file; reading it happens without
    path = h.encrypted_pdf(tmp_path / "aes.pdf", "", "AES-128")
    script = (
        "import sys; sys.modules['cryptography'] = None\n"
        "from pathlib import Path\nfrom assistant.ingest.corpus import load_corpus\n"
        "print(load_corpus(Path(sys.argv[1]))[1][0].reason)\n"
    )
    # The worker process must not see cryptography either: the same blocking, via sitecustomize.
    (tmp_path / "blocker").mkdir()
    (tmp_path / "blocker" / "sitecustomize.py").write_text("import sys\nsys.modules['cryptography'] = None\n")
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    path.rename(corpus / "aes.pdf")
    env = {**os.environ, "PYTHONPATH": str(tmp_path / "blocker")}
    result = subprocess.run([sys.executable, "-c", script, str(corpus)], capture_output=True, text=True, env=env,
                            timeout=120, check=True)
    assert result.stdout.strip() == ("PDF:en är krypterad med AES, som kräver Python-paketet cryptography; "
                                     "spara en kopia utan kryptering eller installera paketet")


def test_a_build_over_hostile_files_keeps_the_index_whole(tmp_path: Path, embedder: Any) -> None:
    from assistant.core import Assistant
    from assistant.indexing.build import build_index

    corpus = tmp_path / "corpus"
    corpus.mkdir()
    (corpus / GOOD).write_text(h.GOOD_TEXT, encoding="utf-8")
    settings = Settings(corpus=corpus, index=tmp_path / "index")
    build_index(settings, embedder)
    assistant = Assistant.open(settings, embedder)
    before = assistant.ask(GOOD_QUESTION)
    assert before.found and before.citations[0].chunk.document == GOOD

    # Only the small readable files: the index is about what stays whole, not about embedding speed.
    small = [case for case in READ if case[0] in {"cp1252.txt", "styrtecken.txt", "handskriven.pdf"}]
    make_hostile_corpus(corpus, small)
    summary = build_index(settings, embedder)
    after = assistant.ask(GOOD_QUESTION)
    assert after.found
    assert summary.documents == len(small) + 3
    reasons = {f.path: f.reason for f in assistant.failures()}
    assert set(reasons) == {f.path for f in summary.failures}
    assert reasons["skannad.pdf"] == SCAN_REASON
    assert "plan-m\ufffdlndal.txt" in reasons
    assert {d.path for d in assistant.documents()} >= {GOOD, "cp1252.txt", "handskriven.pdf"}


# Questions: the core and the CLI take anything without failing, and refuse only an empty one.

@pytest.mark.parametrize("question", ["", "   \n\t ", "\x00\x07\x1b\x7f"])
def test_an_empty_question_is_refused_with_a_swedish_message(assistant: Any, question: str) -> None:
    with pytest.raises(InvalidQuestion, match="Frågan är tom"):
        assistant.ask(question)
    with pytest.raises(InvalidQuestion):
        assistant.search(question)


@pytest.mark.parametrize(
    "question",
    [
        "Vem\x00 ansvarar\x1b[31m för\x07 SIP?\r\n",
        "من المسؤول عن خطة العمل للأطفال والشباب؟",
        "谁负责儿童和青少年的行动计划？",
        "😀🙈💥 ❓",
        "\u202eSIP\u202c \ud800 Mini Maria",
    ],
    ids=["control", "arabic", "chinese", "emoji", "bidi-and-surrogate"],
)
def test_any_other_question_gets_an_ordinary_answer(assistant: Any, question: str) -> None:
    answer = assistant.ask(question)
    assert answer.text
    assert not any(ch < " " or "\ud800" <= ch <= "\udfff" for ch in answer.question)
    assert answer.question.encode("utf-8")


def test_a_huge_question_is_cut_to_the_limit_and_answered_quickly(assistant: Any) -> None:
    started = time.monotonic()
    answer = assistant.ask("Vem ansvarar för SIP för barn och unga? " * 2500)  # 100 kB
    assert len(answer.question) <= assistant.settings.max_question_chars
    assert answer.question.startswith("Vem ansvarar för SIP för barn och unga?")
    assert time.monotonic() - started < 60
    history = [("Vad är Mini Maria? " * 5000, "Ett svar.")]
    follow_up = assistant.ask("Och vem ansvarar för den?", history)
    assert follow_up.text


def test_the_cli_refuses_an_empty_question_and_answers_odd_ones(
    sample_settings: Settings, sample_index: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    where = ["--corpus", str(sample_settings.corpus), "--index", str(sample_index)]
    assert main(["ask", "  ", *where]) == 1
    assert "Fel: Frågan är tom. Skriv en fråga." in capsys.readouterr().err
    assert main(["ask", "Vem ansvarar för SIP? \x07" + " mer" * 25_000, "--json", *where]) == 0
    assert '"question": "Vem ansvarar för SIP? mer mer' in capsys.readouterr().out
    assert main(["search", "谁负责 😀", *where]) == 0
