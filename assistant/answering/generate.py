"""Answers written by the site's own language model from the passages, checked before they are shown.

The extractive answer is always made first, and the assistant's own support check decides
whether the documents answer at all: a model is asked only when they do. It gets the question,
the conversation so far and the passages numbered [1]…[n], and is told to answer only from them,
citing [n] after each claim. Each sentence of its reply is then checked: it must cite a passage
it was given, and its numbers and names must stand in the passages it cites (`grounding`).
Sentences that fail are dropped. When none is left, when the model finds no answer, or when it
cannot be reached, the extractive answer stands, with the reason in `Answer.fallback`.
"""

from __future__ import annotations

import logging
import re
import time
from collections.abc import Sequence
from dataclasses import dataclass, replace

from assistant.answering.compose import add_line, quoted_citation
from assistant.answering.grounding import fact_found, missing_facts, normalised, sentence_facts
from assistant.answering.llm import ChatMessage, ModelUnavailable, chat
from assistant.answering.present import display_section, page_label
from assistant.answering.units import Unit, passage_units
from assistant.ingest.sentences import sentence_spans
from assistant.models import GENERATED, Answer, Chunk, Passage
from assistant.settings import Settings

log = logging.getLogger(__name__)

# Passages the model reads, earlier turns of the conversation it sees, and how much of each
# earlier answer: enough to resolve "och vem ansvarar för den?", little enough for a small context.
MODEL_PASSAGES = 6
HISTORY_TURNS = 3
HISTORY_CHARS = 600
# What the model is told to write, alone, when the passages do not answer the question.
NO_ANSWER = "INGET SVAR"

INSTRUCTIONS = f"""Du är Planassistenten. Du svarar personal i kommuner och region på frågor om \
samverkansplaner och rapporter.
Regler:
- Svara kort, med högst fem meningar, på svenska. Är frågan på engelska svarar du på engelska.
- Använd bara det som står i de numrerade källorna. Gissa inte och lägg inte till något.
- Skriv källans nummer inom hakparentes, till exempel [2], i slutet av varje mening.
- Skriv siffror, årtal, datum, belopp och namn exakt som de står i källan.
- Om källorna inte svarar på frågan skriver du bara: {NO_ANSWER}"""

# A citation marker as models write them: "[2]", "[1, 3]", "[1][2]".
_MARKER = re.compile(r"\[(\d+(?:\s*,\s*\d+)*)\]")
# A marker written after the sentence's full stop ("… 2026. [2]") belongs to that sentence.
_MARKER_AFTER_STOP = re.compile(r"([.!?])((?:\s*\[\d+(?:\s*,\s*\d+)*\])+)")
# A list item's mark at the start of a line.
_ITEM = re.compile(r"^\s*(?:[-*•]|\d+[.)])\s+")


@dataclass(frozen=True)
class Written:
    """One sentence of the model's reply: its words (markers removed), the passages it cites, and
    whether it stood as an item of a list."""

    text: str
    cites: tuple[int, ...]
    item: bool


def model_passages(answer: Answer, passages: Sequence[Passage]) -> list[Chunk]:
    """The chunks the model reads: those the extractive answer quoted first (the reader judged
    they answer), then the best retrieved passages, each once."""
    chunks: dict[str, Chunk] = {}
    for chunk in [c.chunk for c in answer.citations] + [p.chunk for p in passages]:
        chunks.setdefault(chunk.chunk_id, chunk)
    return list(chunks.values())[:MODEL_PASSAGES]


def _source_heading(n: int, chunk: Chunk) -> str:
    place = ", ".join(part for part in (display_section(chunk), page_label(chunk)) if part)
    return f"[{n}] {chunk.title}" + (f" – {place}" if place else "")


def grounded_messages(question: str, history: Sequence[tuple[str, str]], chunks: Sequence[Chunk]) -> list[ChatMessage]:
    """The chat sent to the model: instructions, the last turns of the conversation, then the
    numbered passages with title and section, and the question."""
    messages = [ChatMessage("system", INSTRUCTIONS)]
    for asked, answered in list(history)[-HISTORY_TURNS:]:
        messages += [ChatMessage("user", asked), ChatMessage("assistant", answered[:HISTORY_CHARS])]
    sources = "\n\n".join(f"{_source_heading(n, chunk)}\n{' '.join(chunk.text.split())}"
                          for n, chunk in enumerate(chunks, 1))
    messages.append(ChatMessage("user", f"Källor:\n\n{sources}\n\nFråga: {question}"))
    return messages


def read_reply(reply: str) -> list[Written]:
    """Split the model's reply into sentences, each with the passage numbers it cites."""
    written = []
    for line in reply.splitlines():
        item = bool(_ITEM.match(line))
        line = _MARKER_AFTER_STOP.sub(lambda m: f"{m.group(2)}{m.group(1)}", _ITEM.sub("", line))
        for lo, hi in sentence_spans(line):
            sentence = line[lo:hi]
            cites = tuple(dict.fromkeys(int(n) for m in _MARKER.finditer(sentence) for n in m.group(1).split(",")))
            words = " ".join(_MARKER.sub(" ", sentence).split())
            words = re.sub(r"\s+([.,;:!?])", r"\1", words)
            if words.strip(" .,;:!?"):
                written.append(Written(words, cites, item))
    return written


def _check(sentence: Written, chunks: Sequence[Chunk]) -> str:
    """Why a sentence may not be shown, or "" when it holds."""
    if not sentence.cites:
        return "hänvisar inte till någon källa"
    if any(n < 1 or n > len(chunks) for n in sentence.cites):
        return "hänvisar till en källa som modellen inte fick"
    missing = missing_facts(sentence.text, [chunks[n - 1].text for n in sentence.cites])
    return f"{', '.join(missing)} står inte i källan" if missing else ""


def _quoted_units(chunk: Chunk, sentences: Sequence[Written]) -> list[Unit]:
    """The sentences of a cited passage that hold what the citing sentences say: those with their
    facts, or else the one sharing most words with them."""
    units = passage_units(Passage(chunk, 0.0, 0))
    facts = {fact for s in sentences for fact in sentence_facts(s.text)}
    holding = [u for u in units if any(fact_found(fact, normalised(u.text)) for fact in facts)]
    if holding:
        return holding
    words = set(normalised(" ".join(s.text for s in sentences)).split())
    return [max(units, key=lambda u: len(words & set(normalised(u.text).split())))] if units else []


def checked_answer(extractive: Answer, reply: str, chunks: Sequence[Chunk]) -> Answer:
    """The model's reply as an answer, its failing sentences dropped and its citations renumbered
    in order of first use; the extractive answer with a reason when nothing holds."""
    if NO_ANSWER.casefold() in reply.casefold():
        return replace(extractive, fallback="modellen fann inget svar i källorna")
    kept: list[Written] = []
    for sentence in read_reply(reply):
        reason = _check(sentence, chunks)
        if reason:
            log.info("Språkmodellens mening ströks: %s.", reason)
        else:
            kept.append(sentence)
    if not kept:
        return replace(extractive, fallback="ingen mening i modellens svar höll mot källorna")
    numbers: dict[int, int] = {}
    lines: list[str] = []
    for sentence in kept:
        marks = "".join(f"[{numbers.setdefault(n, len(numbers) + 1)}]" for n in sentence.cites)
        add_line(lines, f"{sentence.text.rstrip('.') if sentence.item else sentence.text} {marks}", sentence.item)
    citations = tuple(
        quoted_citation(new, chunks[old - 1], _quoted_units(chunks[old - 1], [s for s in kept if old in s.cites]))
        for old, new in numbers.items())
    return replace(extractive, text="\n".join(lines), citations=citations, mode=GENERATED, fallback=None)


def generate_answer(settings: Settings, extractive: Answer, history: Sequence[tuple[str, str]],
                    passages: Sequence[Passage]) -> Answer:
    """Let the configured model write the answer from the passages, checked; the extractive answer
    when the documents do not answer, or the model gives nothing that holds (never an exception)."""
    if not extractive.found:
        return extractive
    chunks = model_passages(extractive, passages)
    started = time.perf_counter()
    try:
        reply = chat(settings, grounded_messages(extractive.question, history, chunks))
    except ModelUnavailable as exc:
        log.warning("Språkmodellen gav inget svar: %s. Svaret citerar källorna i stället.", exc)
        return replace(extractive, fallback=str(exc))
    answer = checked_answer(extractive, reply, chunks)
    log.info("Språkmodellen svarade på %.1f s (%s).", time.perf_counter() - started,
             answer.fallback or "svaret visas")
    return answer
