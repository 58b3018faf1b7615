"""Swedish terms and BM25."""

from __future__ import annotations

from pathlib import Path

from assistant.indexing.bm25 import BM25
from assistant.ingest.terms import terms


def test_terms_are_stemmed_and_stop_words_dropped() -> None:
    assert terms("Samverkansplanen mellan huvudmännen") == terms("samverkansplan huvudmännens")
    assert "och" not in terms("barn och unga")
    assert set(terms("skolfrånvaro-samverkan")) >= set(terms("skolfrånvaro samverkan"))


def test_bm25_ranks_the_matching_document_first_and_survives_a_round_trip(tmp_path: Path) -> None:
    documents = ["Mini-Maria vänder sig till unga med missbruk", "Folktandvården erbjuder utbildning",
                 "Unga och familjer får stöd"]
    index = BM25.build(terms(d) for d in documents)
    scores = index.scores(terms("missbruk bland unga"))
    assert scores.argmax() == 0
    index.save(tmp_path / "lexical.npz")
    again = BM25.load(tmp_path / "lexical.npz")
    assert (again.scores(terms("missbruk bland unga")) == scores).all()
    assert index.scores(terms("simhall")).max() == 0


def test_a_definite_noun_in_o_also_asks_for_the_bare_noun_the_plan_uses() -> None:
    from assistant.ingest.terms import query_weights

    vocabulary = {"skolnärvaro", "samverk", "samverkan", "ök"}
    weights = query_weights("Hur ska samverkan öka skolnärvaron?", vocabulary)
    assert weights["skolnärvaro"] == weights["skolnärvaron"] == 1.0
    # "samverkan" is itself a bare noun: it is not read as "samverka" + "-n".
    assert "samverk" not in weights


def test_words_of_one_group_count_once_however_many_a_document_uses() -> None:
    documents = ["Intäkter: bidrag 754 tkr, kostnader 81 tkr, budget i balans",
                 "Mini-Maria: samverkan mellan region och kommun, 50/50 finansiering",
                 "Mini-Maria delar lokal i Alingsås"]
    index = BM25.build(terms(d) for d in documents)
    money = dict.fromkeys(terms("intäkter bidrag kostnader budget finansiering"), 1.0)
    alone = [index.scores({term: 1.0}) for term in money]
    pooled = index.scores(terms("Mini-Maria"), [money])
    # Each document scores its best money word only, plus the question's own words as usual.
    best = max(scores[0] for scores in alone)
    assert pooled[0] == best
    assert pooled[1] > pooled[2] > 0
    # Summed, the money words would make the income table outrank the passage on who pays.
    summed = index.scores({**dict.fromkeys(terms("Mini-Maria"), 1.0), **money})
    assert summed[0] > summed[1]
    assert pooled[1] > pooled[0]


def test_a_window_holding_the_question_words_together_is_credited_by_their_share(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.search.retrieve import window_word_share

    index = assistant.index
    question = "Hur många socialpedagoger arbetar på högstadieskolor i Alingsås?"
    vector = assistant.embedder.embed_queries([question])[0]
    rows = list(range(len(index.chunks)))
    windows = index.windows.best(vector, rows)
    shares = window_word_share(index, question, windows, rows)
    holding = [r for r in rows if "fyra socialpedagoger på högstadieskolor" in index.chunks[r].text]
    assert holding and shares[holding[0]] == max(shares.values())
    # A chunk that names Alingsås without the rest holds a small share at most.
    naming = [r for r in rows if "Alingsås" in index.chunks[r].text and "socialpedagog" not in index.chunks[r].text]
    assert naming and max(shares[r] for r in naming) < 0.5 * shares[holding[0]]
    assert assistant.search(question)[0].chunk.chunk_id == index.chunks[holding[0]].chunk_id


def test_terms_present_finds_what_reading_every_word_finds(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.ingest.terms import terms_present

    texts = [chunk.text for chunk in assistant.index.chunks]
    vocabulary = sorted({term for text in texts for term in terms(text)})
    # Every term of the corpus asked of every chunk: hyphenated names, numbers, abbreviations.
    for text in texts:
        assert terms_present(text, vocabulary) == set(terms(text))
    hard = "Mini-Maria, e-hälsa och 'SIP' -sip; l'hôpital; 20250 men inte 2025_x; BUP:s a-b-c"
    wanted = vocabulary + terms(hard) + ["mini", "mari", "hälsa", "2025", "x"]
    assert terms_present(hard, wanted) == set(terms(hard))


def test_a_chunk_holding_the_form_the_answer_takes_comes_first(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.search.retrieve import form_share

    texts = {0: "Mötesstruktur NOSAM 3 tim./5-6 vecka", 1: "NOSAM har fokus på närområdesfrågor.", 2: "Möten 3 timmar."}
    shares = form_share("Hur långa är mötena och hur ofta hålls de?", texts)
    assert shares == {0: 1.0, 1: 0.0, 2: 0.5}
    assert form_share("Vad gör NOSAM?", texts) == {0: 0.0, 1: 0.0, 2: 0.0}
    # An age asked in English: the chunk with "50–64 år" beats one about the same clinic's patient numbers.
    top = assistant.search("How old are most patients at the social medicine clinic?")[0]
    assert "50–64 år" in top.chunk.text


def test_words_that_only_shape_a_question_are_not_searched_for(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.ingest.terms import query_weights
    from assistant.search.retrieve import lexical_ranking

    vocabulary = {"får", "någ", "stöd", "kommun"}
    assert set(query_weights("Får kommunerna något stöd?", vocabulary)) == {"kommun", "stöd"}
    # "något" is in many passages about anything; searched for, it ranked one of them above the one
    # where the municipalities got money against violence in young people's relationships.
    index = assistant.index
    padded = lexical_ranking(index, "Har kommunerna något extra stöd mot våld i ungas relationer?", 10)
    bare = lexical_ranking(index, "Har kommunerna extra stöd mot våld i ungas relationer?", 10)
    assert padded.rows.tolist() == bare.rows.tolist()
    assert any("medel från Länsstyrelsen" in index.chunks[int(row)].text for row in padded.rows[:3])


def test_a_participle_also_asks_for_its_base_the_plan_uses(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.ingest.terms import query_weights

    # Snowball gives "godkänd" for "godkände" but "godkän" for "Godkännare".
    assert "godkän" in query_weights("Vem godkände planen?", {"godkän", "plan"})
    passages = assistant.search("Vem godkände uppföljningen av samverkan för barn och unga?")
    assert any("Godkännare" in passage.chunk.text for passage in passages)


def test_a_full_match_is_what_a_chunk_holding_every_question_word_once_scores() -> None:
    """The lexical side is scaled against a full match: a best chunk that holds one of the
    question's words scores a small share of it, one that holds them all about the whole."""
    documents = ["Ansökan om ekonomiskt bistånd görs i e-tjänsten", "Försörjningsstödet består av riksnormen",
                 "Hemtjänst beviljas efter en ansökan", "Färdtjänst ansöker man om hos kommunen"]
    index = BM25.build(terms(d) for d in documents)
    weights = dict.fromkeys(terms("riksnorm ekonomiskt bistånd simhall"), 1.0)
    full = index.full_match(weights)
    # The unknown word adds nothing a chunk could match.
    assert full == index.full_match(dict.fromkeys(terms("riksnorm ekonomiskt bistånd"), 1.0))
    scores = index.scores(weights)
    assert 0.2 < scores[1] / full < 0.5
    assert 0.45 < scores[0] / full < 1.0


def test_a_particle_verb_asks_for_the_noun_of_its_action(assistant) -> None:  # type: ignore[no-untyped-def]
    """"följs upp" is the verb of "uppföljning", "skrivs … ut" (the subject between) of "utskrivning";
    a preposition is no particle ("en del av", "slagen av")."""
    from assistant.ingest.terms import particle_verbs, query_weights
    from assistant.search.lexicon import word_groups

    lexical = assistant.index.lexical
    vocabulary = lexical.vocabulary
    assert particle_verbs("Hur följs aktiviteterna upp?", vocabulary) == {"följs": "uppfölj"}
    assert particle_verbs("När skrivs patienten ut från sjukhuset?", vocabulary) == {"skrivs": "utskriv"}
    assert particle_verbs("Jag blev slagen av en del av gruppen", vocabulary) == {}
    assert "uppfölj" in query_weights("Hur följs aktiviteterna upp?", vocabulary)
    assert any({"följ", "uppfölj"} <= group for group in word_groups(lexical, "Hur följs aktiviteterna upp?"))
    # Without the particle the verb is only itself.
    assert "uppfölj" not in query_weights("Vem följer med på mötet?", vocabulary)
