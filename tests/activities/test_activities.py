"""The activity register: every row of the sample plan's tables, from its DOCX, PDF and text twins."""

from __future__ import annotations

import json
import shutil
import sqlite3
import subprocess
import sys
from pathlib import Path
from typing import Any

import pytest

from assistant.activities.records import activities_from_document, split_responsible, target_group
from assistant.activities.register import ActivityFilter, filter_activities
from assistant.activities.storage import load_activities, save_activities
from assistant.ingest.chunk import split_into_chunks
from assistant.ingest.clean import clean_document
from assistant.ingest.corpus import load_document
from assistant.models import TABLE_ROW, Activity
from assistant.settings import Settings

PLAN = "aktivitetsplan-nosam-barn-och-unga-2026"
FORMATS = ("docx", "pdf", "txt")
FIELDS = ("goal", "what", "how", "responsible", "start", "deadline", "follow_up", "status",
          "start_period", "deadline_period", "target_group", "continued")

SKOLNARVARO = "Medvetandegöra om allas vårt gemensamma uppdrag om barns närvaro i skola."
TILLIT = "Öka tilliten mellan huvudmännen genom att stärka samverkanskulturen"

# Every row of both tables in the plan, as the register must read it.
EXPECTED: list[dict[str, Any]] = [
    {
        "goal": "Öka och stärka kontinuiteten och samordningen mellan huvudmännen till en mer "
                "personcentrerat vård- och omsorg",
        "what": "Samordnad individuell plan – SIP",
        "how": "Implementera reviderad Läns gemensam riktlinje och rutin SIP Stämma av och ha en dialog huruvida "
               "det är SIP som krävs samt om det finns frågor eller med parter som kan avhandlas i förväg. "
               "Behövs förmöten eller interna avstämningar inom verksamheterna för att säkerställa en gemensam "
               "bild. Exempel: om BUP ska delta och hur många som representerar skolan. Skolan bör tänka igenom "
               "vilka som deltar.",
        "responsible": ("NOSAM",),
        "start": "Oktober 2025", "deadline": "2027", "follow_up": "", "status": "",
        "start_period": "2025-10", "deadline_period": "2027", "continued": False,
    },
    {
        "goal": "Genomföra ett förebyggande, jämställt och kunskapsbaserat arbete utifrån socialtjänsten",
        "what": "Genomföra och utveckla gemensamma insatser inom prioriterade områden",
        "how": "1. Etablera familjecentral – pågår redan i Alingsås. 2. Trygg digital uppväxt – Plattform "
               "Lerum arbetar med frågan (särskilt innehåll på nätet) och kompletterar med arbete kring bl.a. "
               "skärmtid. Möjlighet att uppmärksamma Safer Internet Day i februari som kampanj. 3. Våld i ungas "
               "relationer – både Lerum och Alingsås har fått medel från Länsstyrelsen och fortsätter "
               "utvecklingsarbetet. 4. Friskvårds- och aktivitetsgrupper – inspireras av Mölndals stad; intresse "
               "finns i Alingsås att arbeta vidare med det. 5. Ungas delaktighet – fortsatt fokusområde att "
               "utveckla.",
        "responsible": ("NOSAM Alingsås", "NOSAM Lerum"),
        "start": "Jan 2026", "deadline": "2026", "follow_up": "", "status": "",
        "start_period": "2026-01", "deadline_period": "2026", "continued": False,
    },
    {
        "goal": "Ökad skolnärvaro",
        "what": SKOLNARVARO,
        "how": "Flödesschema har tagits tas fram i Lerum Dela framgångsfaktorer",
        "responsible": ("NOSAM Lerum", "NOSAM Alingsås"),
        "start": "2023", "deadline": "2026",
        "follow_up": "Plattform Lerum äger frågan. Viktigt med tydligt uppdrag om en fortsättning",
        "status": "", "start_period": "2023", "deadline_period": "2026", "continued": False,
    },
    {
        "goal": "Ökad skolnärvaro",
        "what": SKOLNARVARO,
        "how": "Socialpedagoger anställts till skolor, skolsocialt team, skolfrånvaro-samverkan mm",
        "responsible": ("NOSAM Alingsås",),
        "start": "", "deadline": "", "follow_up": "", "status": "",
        "start_period": "", "deadline_period": "", "continued": True,
    },
    {
        "goal": TILLIT,
        "what": "Avvikelse i samverkan",
        "how": "Avvikelse läggs som en stående punkt i mötesagendan för dialog",
        "responsible": ("NOSAM",),
        "start": "Löpande", "deadline": "", "follow_up": "", "status": "",
        "start_period": "ongoing", "deadline_period": "", "continued": False,
    },
    {
        "goal": TILLIT,
        "what": "Egenvård",
        "how": "Stärka egenvård hos barn, unga och familjer genom samordnade och förebyggande insatser kopplade "
               "till hälsa, livsstil, trygghet och delaktighet. Identifiera gemensamma aktiviteter.",
        "responsible": ("NOSAM",),
        "start": "2026", "deadline": "", "follow_up": "", "status": "",
        "start_period": "2026", "deadline_period": "", "continued": True,
    },
    {
        "goal": "Hälsofrämjande och förebyggande insatser",
        "what": "Fysisk aktivitet på recept - FAR",
        "how": "Lerum delar erfarenheter om projektet som pågår, se hemsidan .",
        "responsible": ("NOSAM Alingsås",),
        "start": "", "deadline": "", "follow_up": "", "status": "",
        "start_period": "", "deadline_period": "", "continued": False,
    },
    {
        "goal": "Verksamheten ska vara väl förberedd för införandet av en 10-årig grundskola 2028",
        "what": "Genomföra övergången till en 10-årig grundskola med anpassning för elever i behov av "
                "särskilt stöd",
        "how": "Genom att ha dialoger mellan ingående parter Förslag att jobba tillsammans i team/arbetsgrupp för "
               "att ta fram en gemensam rutin.",
        "responsible": ("NOSAM",),
        "start": "", "deadline": "", "follow_up": "", "status": "",
        "start_period": "", "deadline_period": "", "continued": False,
    },
]
for _row in EXPECTED:
    _row["target_group"] = "Barn och unga"


def plan_path(shared_dir: Path, kind: str) -> Path:
    """The sample plan's twin in one format."""
    corpus = shared_dir / "corpus"
    return corpus / "text" / f"{PLAN}.txt" if kind == "txt" else corpus / f"{PLAN}.{kind}"


def register_of(path: Path) -> list[Activity]:
    """Load, clean and chunk one file as the build does, and read its register."""
    doc = clean_document(load_document(path, path.parent, Settings()))
    _text, chunks = split_into_chunks(doc)
    return activities_from_document(doc, chunks)


@pytest.fixture(scope="module")
def registers(shared_dir: Path) -> dict[str, list[Activity]]:
    """The sample plan's register from each of its three formats."""
    return {kind: register_of(plan_path(shared_dir, kind)) for kind in FORMATS}


def fields_of(record: Activity) -> dict[str, Any]:
    """A record's normalised fields, without what depends on the file (ids, pages)."""
    return {name: getattr(record, name) for name in FIELDS}


@pytest.mark.parametrize("kind", FORMATS)
def test_every_row_is_read_field_by_field(registers: dict[str, list[Activity]], kind: str) -> None:
    records = registers[kind]
    assert len(records) == len(EXPECTED)
    for number, (record, expected) in enumerate(zip(records, EXPECTED), start=1):
        assert fields_of(record) == expected, f"{kind} row {number}"


def test_the_three_formats_give_the_same_records(registers: dict[str, list[Activity]]) -> None:
    docx, pdf, txt = ([fields_of(r) for r in registers[kind]] for kind in FORMATS)
    assert docx == pdf == txt


def test_the_sip_row_and_the_prioritised_areas_row(registers: dict[str, list[Activity]]) -> None:
    for kind in FORMATS:
        sip = next(r for r in registers[kind] if r.what == "Samordnad individuell plan – SIP")
        assert (sip.responsible, sip.start_period, sip.deadline_period) == (("NOSAM",), "2025-10", "2027")
        areas = next(r for r in registers[kind] if "prioriterade områden" in r.what)
        assert areas.responsible == ("NOSAM Alingsås", "NOSAM Lerum")
        assert (areas.start_period, areas.deadline_period) == ("2026-01", "2026")


@pytest.mark.parametrize("kind", FORMATS)
def test_each_record_links_to_its_table_row_chunk(shared_dir: Path, kind: str) -> None:
    doc = clean_document(load_document(plan_path(shared_dir, kind), plan_path(shared_dir, kind).parent))
    _text, chunks = split_into_chunks(doc)
    by_id = {chunk.chunk_id: chunk for chunk in chunks}
    records = activities_from_document(doc, chunks)
    assert len({r.chunk_id for r in records}) == len(records)
    for record in records:
        chunk = by_id[record.chunk_id]
        assert chunk.kind == TABLE_ROW
        assert record.what.split()[0] in chunk.text and record.how.split()[0] in chunk.text
        assert record.doc_id == doc.doc_id and record.page == chunk.page
    # The original cells stay as the document wrote them, headers included.
    assert records[0].cells[3].header == "Beslut Vem/Ansvarig"
    if kind == "pdf":
        assert [r.page for r in records] == [2, 3, 4, 4, 4, 5, 5, 5]


@pytest.mark.parametrize(
    ("text", "names"),
    [
        ("NOSAM\nNOSAM", ("NOSAM",)),
        ("NOSAM NOSAM", ("NOSAM",)),
        ("NOSAM Alingsås i samråd med NOSAM Lerum", ("NOSAM Alingsås", "NOSAM Lerum")),
        ("NOSAM Lerum respektive Alingsås", ("NOSAM Lerum", "NOSAM Alingsås")),
        ("BUP Alingsås och Lerum", ("BUP Alingsås", "BUP Lerum")),
        ("Rektor, elevhälsan; BUP", ("Rektor", "elevhälsan", "BUP")),
        ("Hälso- och sjukvård", ("Hälso- och sjukvård",)),
        ("Enhetschef socialtjänst och BUP", ("Enhetschef socialtjänst", "BUP")),
        ("", ()),
    ],
)
def test_split_responsible(text: str, names: tuple[str, ...]) -> None:
    assert split_responsible(text) == names


def test_target_group_from_a_goal_cell_or_a_file_name() -> None:
    assert target_group("TG BoU: Öka närvaron") == "Barn och unga"
    assert target_group("TG Äldre: Öka kvaliteten") == "Äldre"
    assert target_group("Öka tilliten", "Aktivitetsplan", "aktivitetsplan-nosam-barn-och-unga-2026.docx") == (
        "Barn och unga"
    )
    assert target_group("Öka tilliten", "Handlingsplan") == ""


def test_filters(registers: dict[str, list[Activity]]) -> None:
    records = registers["docx"]

    def whats(**query: Any) -> list[str]:
        return [r.what for r in filter_activities(records, ActivityFilter(**query))]

    assert whats(responsible="NOSAM Lerum") == [EXPECTED[1]["what"], SKOLNARVARO]
    assert whats(responsible="nosam lerum") == whats(responsible="NOSAM Lerum")
    assert len(whats(responsible="NOSAM")) == 8
    assert whats(deadline_year=2026) == [EXPECTED[1]["what"], SKOLNARVARO]
    assert whats(deadline_year=2027) == ["Samordnad individuell plan – SIP"]
    assert whats(text="skolfrånvaro") == [SKOLNARVARO]
    assert whats(text="sip rutin") == ["Samordnad individuell plan – SIP"]
    assert whats(target_group="Äldre") == []
    assert len(whats(document=records[0].doc_id)) == 8
    assert whats(document="annat-dokument") == []


def test_the_register_survives_sqlite(registers: dict[str, list[Activity]]) -> None:
    records = registers["pdf"]
    with sqlite3.connect(":memory:") as db:
        save_activities(db, records)
        assert load_activities(db) == tuple(records)


def test_the_index_holds_the_register(assistant: Any) -> None:
    records = assistant.activities()
    plan = [r for r in records if r.document == f"{PLAN}.docx"]
    assert [fields_of(r) for r in plan] == EXPECTED
    rows = {chunk.chunk_id: chunk for chunk in assistant.index.chunks}
    assert all(rows[r.chunk_id].kind == TABLE_ROW for r in records)
    assert [r.what for r in assistant.activities(responsible="NOSAM Lerum", deadline_year=2026)] == [
        EXPECTED[1]["what"], SKOLNARVARO
    ]


def cli_activities(settings: Settings, *options: str) -> str:
    """Run `plan-assistant activities` over an index and return what it prints."""
    command = [sys.executable, "-m", "assistant", "activities", "--corpus", str(settings.corpus),
               "--index", str(settings.index), *options]
    return subprocess.run(command, capture_output=True, text=True, check=True).stdout


@pytest.fixture(scope="module")
def pdf_settings(shared_dir: Path, tmp_path_factory: pytest.TempPathFactory, embedder: Any) -> Settings:
    """A small index of the plan's PDF twin alone (it must never sit beside the DOCX in one corpus)."""
    from assistant.indexing.build import build_index

    corpus = tmp_path_factory.mktemp("pdf-corpus")
    shutil.copy(plan_path(shared_dir, "pdf"), corpus)
    settings = Settings(corpus=corpus, index=tmp_path_factory.mktemp("pdf-index"))
    build_index(settings, embedder)
    return settings


def test_the_cli_gives_the_same_records_from_the_docx_and_the_pdf(
    sample_settings: Settings, sample_index: Path, pdf_settings: Settings
) -> None:
    from_docx = [row for row in json.loads(cli_activities(sample_settings, "--json"))
                 if row["document"] == f"{PLAN}.docx"]
    from_pdf = json.loads(cli_activities(pdf_settings, "--json"))
    assert len(from_docx) == len(from_pdf) == len(EXPECTED)
    for docx_row, pdf_row, expected in zip(from_docx, from_pdf, EXPECTED):
        for name in FIELDS:
            value = tuple(expected[name]) if name == "responsible" else expected[name]
            assert (tuple(docx_row[name]) if name == "responsible" else docx_row[name]) == value
            assert (tuple(pdf_row[name]) if name == "responsible" else pdf_row[name]) == value
        assert pdf_row["page"] is not None and pdf_row["url"].startswith(f"/documents/{pdf_row['doc_id']}#chunk-")


def test_the_cli_filters_and_prints_a_table(sample_settings: Settings, sample_index: Path) -> None:
    listing = json.loads(cli_activities(sample_settings, "--json"))
    plan = [row for row in listing if row["document"] == f"{PLAN}.docx"]
    assert [row["what"] for row in plan] == [row["what"] for row in EXPECTED]
    sip = plan[0]
    assert sip["responsible"] == ["NOSAM"] and sip["start_period"] == "2025-10" and sip["deadline_period"] == "2027"
    assert sip["url"] == f"/documents/{sip['doc_id']}#chunk-{sip['chunk_id']}"
    filtered = cli_activities(sample_settings, "--json", "--responsible", "NOSAM Lerum", "--deadline-year", "2026")
    assert [row["what"] for row in json.loads(filtered)] == [EXPECTED[1]["what"], SKOLNARVARO]
    table = cli_activities(sample_settings, "--responsible", "NOSAM Lerum")
    assert "Samordnad" not in table and "Genomföra och utveckla" in table and "2 aktiviteter." in table


def test_an_incremental_build_keeps_the_register_of_unchanged_files(pdf_settings: Settings, embedder: Any) -> None:
    from assistant.indexing.build import build_index
    from assistant.indexing.store import StoredIndex

    before = StoredIndex(pdf_settings.index).activities
    summary = build_index(pdf_settings, embedder)
    assert summary.unchanged == (f"{PLAN}.pdf",) and summary.embedded == 0
    assert StoredIndex(pdf_settings.index).activities == before and len(before) == len(EXPECTED)
