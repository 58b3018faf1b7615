"""Abbreviations learned from the corpus, and query expansion with them."""

from __future__ import annotations

from pathlib import Path

from assistant.ingest.abbreviations import expand_query, find_abbreviations


def test_definitions_in_all_three_shapes_are_found() -> None:
    found = find_abbreviations([
        "Vad: Samordnad individuell plan – SIP",
        "Kursen Mental Health First Aid (MHFA) ges i vår.",
        "- BUP, barn och ungdomspsykiatrisk mottagning, Södra Älvsborgs sjukhus",
    ])
    assert found["SIP"] == "samordnad individuell plan"
    assert found["MHFA"] == "mental health first aid"
    assert found["BUP"].startswith("barn och ungdomspsykiatrisk")


def test_the_sample_corpus_defines_its_common_abbreviations(shared_dir: Path) -> None:
    texts = [p.read_text(encoding="utf-8") for p in sorted((shared_dir / "corpus" / "text").glob("*.txt"))]
    found = find_abbreviations(texts)
    assert {"SIP", "FAR", "AU", "MAS"} <= set(found)


def test_query_gets_the_other_form() -> None:
    known = {"SIP": "samordnad individuell plan"}
    assert "samordnad individuell plan" in expand_query("Vem ansvarar för SIP?", known)
    assert "SIP" in expand_query("Vad säger rutinen om samordnad individuell plan?", known)
    assert expand_query("Vad är Mini Maria?", known) == "Vad är Mini Maria?"
