"""Answering who / when / which-activities questions from the activity register.

A question is read for what it asks (responsible, start, deadline, or a list of activities),
for explicit filters (a responsible party's name, a deadline or start year, a target group)
and for its topic: the words left when question words, names, years and the target group
are taken out. A row matches when its cells cover most of the topic's idf weight (a long
term also matches its inflected forms) and, unless the question asks for a list, retrieval
found one of the matching rows among its passages; or, for a list question without a topic,
when it passes the filters. When more rows match than an answer can state, those that
retrieval ranked near the top are kept. No match: the caller answers from passages instead."""

from __future__ import annotations

import re
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.activities.records import TARGET_GROUPS, fold, responsible_as_written, target_group
from assistant.activities.register import ActivityFilter, Register, filter_activities
from assistant.answering.present import chunk_url
from assistant.indexing.bm25 import BM25
from assistant.ingest.columns import column_key, column_label
from assistant.ingest.terms import terms, words
from assistant.models import Activity, Answer, Chunk, Citation, Passage

RESPONSIBLE, START, DEADLINE = "responsible", "start", "deadline"
MAX_ROWS = 10
RETRIEVED_RANK = 3
# A row must carry this share of the topic's weight, and come close to the best row.
MIN_COVERAGE = 0.5
NEAR_BEST = 0.75

_WHO = re.compile(r"\b(vem|vilka ansvarar|ansvar\w*|who|responsible)\b")
_DEADLINE = re.compile(r"\b(klar|klart|färdig\w*|deadline|slutdatum|slutförd?\w*|senast|due|finished|done)\b")
_START = re.compile(r"\b(start\w*|börja\w*|påbörja\w*|inleds|begin\w*)\b")
_WHEN = re.compile(r"\b(när|vilket år|vilken månad|when)\b")
_LIST = re.compile(
    r"\b(vilka|vilken|lista|visa|alla|which|list)\b.*"
    r"\b(aktivitet(en|er|erna)?|åtgärd(en|er|erna)?|insats(en|er|erna)?|activity|activities)\b"
    r"|\bvad\b.*\bansvar\w*\b.*\bför\b|\bwhat\b.*\bresponsible for\b"
)
_YEAR = re.compile(r"\b((?:19|20)\d\d)\b")

# Words that say what kind of question it is, not what it is about.
_QUESTION_WORDS = frozenset(
    """
    vem vilka vilken vilket vad när hur ansvarar ansvarig ansvariga ansvaret ansvar ansvarat
    klar klart klara färdig färdigt färdiga deadline deadlines slutdatum slutdatumet slutföras
    slutfört senast start startar startade startdatum startdatumet börjar började påbörjas påbörjades
    inleds år månad aktivitet aktiviteten aktiviteter aktiviteterna åtgärd åtgärder insats insatser
    lista visa alla ska skall bli har hade gäller planerat planerad planerade arbetet arbete jobba
    aktivitetsplan aktivitetsplanen handlingsplan handlingsplanen planen enligt
    who when responsible deadline start starts started activity activities which list due will be
    work finished done end ends by
    """.split()
)


@dataclass(frozen=True)
class RegisterQuestion:
    """What a question asks of the register: its fields, its filters and its topic terms."""

    fields: tuple[str, ...]
    listing: bool
    query: ActivityFilter
    start_year: int | None
    topic: tuple[str, ...]




def _phrase_in(phrase: str, text: str) -> bool:
    return re.search(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", text) is not None


def read_question(question: str, names: Sequence[str]) -> RegisterQuestion | None:
    """Read what a question asks of the register, or None if it asks no who / when / which.
    `names` are the register's responsible parties, as `known_names` gives them."""
    text = fold(question)
    listing = bool(_LIST.search(text))
    asks_deadline, asks_start = bool(_DEADLINE.search(text)), bool(_START.search(text))
    # An activity's when is its span: a question about its start or its end gets both.
    asks_when = asks_deadline or asks_start or bool(_WHEN.search(text))
    fields = ([RESPONSIBLE] if _WHO.search(text) else []) + ([START, DEADLINE] if asks_when else [])
    if not fields and not listing:
        return None
    years = _YEAR.findall(text)
    year = int(years[-1]) if years else None
    name = next((n for n in names if _phrase_in(n, text)), "")
    group = target_group(text)
    removed = [*years, name, *(alias for g, aliases in TARGET_GROUPS if g == group for alias in aliases)]
    deadline_year = year if year is not None and (asks_deadline or (listing and not asks_start)) else None
    start_year = year if year is not None and asks_start and not asks_deadline else None
    for phrase in filter(None, removed):
        text = re.sub(rf"(?<!\w){re.escape(fold(phrase))}(?!\w)", " ", text)
    topic = [w for w in words(text) if w not in _QUESTION_WORDS]
    query = ActivityFilter(responsible=name, deadline_year=deadline_year, target_group=group)
    return RegisterQuestion(tuple(fields), listing, query, start_year, tuple(terms(" ".join(topic))))


def _weights(lexical: BM25, topic: Sequence[str]) -> dict[str, float]:
    # A term the corpus never uses weighs like the rarest one it does.
    ceiling = float(lexical.idf.max()) if len(lexical.idf) else 1.0
    column = lexical.vocabulary.get
    return {t: float(lexical.idf[column(t)]) if column(t) is not None else ceiling for t in set(topic)}




def match_rows(
    asked: RegisterQuestion, register: Register, lexical: BM25, passages: Sequence[Passage]
) -> list[Activity]:
    """Return the register rows a question is about, in the plans' order; empty if none is."""
    pool = filter_activities(register.records, asked.query)
    if asked.query.target_group and not pool:
        # A target group the register does not record narrows nothing.
        pool = filter_activities(register.records, replace(asked.query, target_group=""))
    if asked.start_year is not None:
        pool = [r for r in pool if r.start_period[:4] == str(asked.start_year)]
    if asked.topic:
        scored = register.coverage(_weights(lexical, asked.topic), pool)
        best = max((score for score, _ in scored), default=0.0)
        pool = [r for score, r in scored if score >= MIN_COVERAGE and score >= NEAR_BEST * best]
        # Shared words are not enough for a question about one thing: retrieval must find a row too.
        # "Vem ansvarar för att ta fram årsrapporten?" shares "ta fram" with a school-reform row.
        found = {p.chunk.chunk_id for p in passages}
        if not asked.listing and passages and not any(r.chunk_id in found for r in pool):
            return []
    elif not asked.listing:
        return []
    if len(pool) > MAX_ROWS:
        # Too many to state: keep those retrieval also found first, then read them in the plans' order.
        retrieved = {p.chunk.chunk_id: p.rank for p in passages if p.rank <= RETRIEVED_RANK}
        kept = sorted(pool, key=lambda r: retrieved.get(r.chunk_id, RETRIEVED_RANK + 1))[:MAX_ROWS]
        pool = [r for r in pool if r in kept]
    return pool


def row_value(record: Activity, field: str) -> str:
    """A row's responsible party, start or deadline as the answer says it (a date as its cell writes it)."""
    if field == RESPONSIBLE:
        return responsible_as_written(record) or "anges inte"
    # A date is quoted as the cell writes it ("Jan 2026"), as the citation shows it; a capital that
    # only began the cell is lowered, since the date now stands inside a sentence. The normalised
    # period is read from the same cell, so an empty cell has none to fall back on.
    text = (record.start if field == START else record.deadline).strip()
    if not text:
        return "anges inte"
    return text[0].lower() + text[1:] if text.split()[0][1:].islower() else text


def row_statement(record: Activity, fields: Sequence[str]) -> str:
    """The asked fields of a row said in words: "ansvarig NOSAM, start oktober 2025, deadline 2027"."""
    names = {RESPONSIBLE: "ansvarig", START: "start", DEADLINE: "deadline"}
    return ", ".join(f"{names[f]} {row_value(record, f)}" for f in fields)


def row_name(record: Activity, others: Sequence[Activity] = ()) -> str:
    """What a row is about (its "Vad" cell, else its goal), with its "Hur" when another row has the same name."""
    name = (record.what or record.goal).rstrip(" .")
    if sum(1 for r in others if (r.what or r.goal).rstrip(" .") == name) > 1 and record.how:
        how = record.how if len(record.how) <= 60 else record.how[:57].rsplit(" ", 1)[0] + " …"
        name = f"{name} ({how})"
    return name


def _quote(record: Activity, fields: Sequence[str]) -> str:
    """The row's cells behind the statement, as they read in the row's chunk."""
    wanted = {"what", *fields} if record.what else {"goal", *fields}
    cells = [c for c in record.cells if column_key(c.header) in wanted and c.text.strip()]
    return " … ".join(f"{column_label(c.header)}: {c.text.strip()}" for c in cells)


def _intro(asked: RegisterQuestion) -> str:
    parts = []
    if asked.query.responsible:
        parts.append(f"där {asked.query.responsible} är ansvarig")
    if asked.query.deadline_year is not None:
        parts.append(f"med deadline {asked.query.deadline_year}")
    if asked.start_year is not None:
        parts.append(f"som startar {asked.start_year}")
    if asked.query.target_group:
        parts.append(f"för {asked.query.target_group.lower()}")
    return "Aktiviteter " + " och ".join(parts) + ":" if parts else "Aktiviteter:"


def compose_register_answer(
    question: str, asked: RegisterQuestion, rows: Sequence[Activity], chunks: dict[str, Chunk]
) -> Answer:
    """State the asked fields of each row, each row cited to its table-row chunk."""
    fields = list(asked.fields) or [RESPONSIBLE, DEADLINE]
    if asked.listing:
        # A list names each row's party and dates, except the party the question already named.
        fields = [f for f in (RESPONSIBLE, START, DEADLINE) if not (f == RESPONSIBLE and asked.query.responsible)]
    citations: list[Citation] = []
    statements = []
    for record in rows:
        chunk = chunks[record.chunk_id]
        whole = ((chunk.start, chunk.end),)
        citations.append(Citation(len(citations) + 1, chunk, _quote(record, fields), chunk_url(chunk, whole), marks=whole))
        statements.append(f"{row_name(record, rows)}: {row_statement(record, fields)}")
    if asked.listing and (len(rows) > 1 or not asked.topic):
        # A list of rows is a list: each row on a line of its own, as the composer writes lists.
        text = "\n".join([_intro(asked), *(f"• {s} [{n}]" for n, s in enumerate(statements, start=1))])
    else:
        text = " ".join(f"{s}. [{n}]" for n, s in enumerate(statements, start=1))
    return Answer(question, text, True, tuple(citations), (), tuple(rows))


def answer_from_register(
    question: str, register: Register, lexical: BM25, chunks: dict[str, Chunk],
    passages: Sequence[Passage] = (),
) -> Answer | None:
    """Answer a who / when / which-activities question from the register, or None if it cannot."""
    asked = read_question(question, register.names)
    if asked is None or not register.records:
        return None
    rows = [r for r in match_rows(asked, register, lexical, passages) if r.chunk_id in chunks]
    return compose_register_answer(question, asked, rows, chunks) if rows else None
