"""Abstention: when the passages found do not answer the question, the assistant says so.

The decision is a fitted model (`answering/support.py`); these are the questions the hand-made
rules before it were written for, most of which it decides the same way, and the signal
detectors it reads."""

from __future__ import annotations

from concurrent.futures import ThreadPoolExecutor
from pathlib import Path

import pytest

from assistant.answering.facts import MISSING_FACTS, missing_facts, years_in
from assistant.ingest import terms as lexical
from assistant.search.lexicon import forms_of

ABSENT = ["Hur ansöker jag om parkeringstillstånd i Alingsås?", "Finns det en simhall i Alingsås?",
          # Refused since the reader's score for its best unit left the abstention model: it found
          # Mini-Maria's opening hours "a good answer" to the question about the pool's.
          "Vad är öppettiderna för kommunens simhall?"]
ANSWERED = ["Hur arbetar man med suicidprevention?", "Vad är Mini Maria?"]
CODES = ["#k7n46", "#k11n58", "ärende 24b113", "(ref A12)"]


def test_years_count_inside_a_written_range() -> None:
    assert years_in("Samverkansplan 2023–2026, reviderad 2024") == {2023, 2024, 2025, 2026}
    assert years_in("telefon 0322-61 60 00, 150 patienter") == set()


def test_a_question_for_a_missing_kind_of_fact_is_not_answered(assistant) -> None:  # type: ignore[no-untyped-def]
    passages = assistant.search("Vilket telefonnummer har Mini-Maria?", 5)
    assert passages and "Mini" in passages[0].chunk.text
    phone = dict(zip(MISSING_FACTS, missing_facts("Vilket telefonnummer har Mini-Maria?", passages[:3],
                                                  assistant.index.lexical)))
    assert phone["missing_detail"] and sum(phone.values()) == 1
    assert not any(missing_facts("Vad är Mini-Maria?", passages[:3], assistant.index.lexical))
    assert not assistant.ask("Vilket telefonnummer har Mini-Maria?").found


# A question for one kind of fact, each with one the documents hold and one they lack.
ASKED_FACTS = [
    ("Vad var SAMLAs totala kostnader 2025?", True),
    ("Vilken budget har NOSAM Mölndal för 2028?", False),
    ("Hur många personer deltog i heldagskonferensen i november?", True),
    ("Hur många elever deltog i Rörelse på rast?", False),
    ("Vem är innehållsansvarig för årsrapporten?", True),
    ("Vem är ordförande i politiska samrådsgruppen?", False),
    # A role by its abbreviation: the plans name the role "(MAS)" but nobody who holds it.
    ("Vad heter MAS i kommunen?", False),
]


# A word of a fact kind that names the question's subject, not what it asks ("the role for the website",
# "after the opening hours were extended"); a group that is no role; English words the plans say in
# Swedish ("seats" are "platser"). Each was refused once. The documents give no address or number
# for Mini-Maria, so asked for, those stay refused.
NAMED_NOT_ASKED = [
    ("How large a share of a job is the communicator role for the SAMLA website?", True),
    ("Did the open preschool get more visitors once the opening hours were longer?", True),
    ("Vem är målgruppen för aktivitetsplanen för barn och unga?", True),
    ("How many seats on the MHFA course did Mölndal keep for care providers?", True),
    ("How many planning days did the coordination group hold in 2025?", True),
    ("What is the website of the Mini-Maria clinic?", False),
    ("Vem kan jag kontakta om Mini-Maria? Behöver ett telefonnummer", False),
]


@pytest.mark.parametrize(("question", "answered"), ASKED_FACTS + NAMED_NOT_ASKED)
def test_an_asked_fact_must_stand_where_the_question_points(assistant, question: str, answered: bool) -> None:  # type: ignore[no-untyped-def]
    assert assistant.ask(question).found is answered


def test_a_group_is_no_role_and_a_named_page_is_no_asked_address() -> None:
    from assistant.answering.facts import _asked_role
    from assistant.search.forms import FACT_KINDS

    assert _asked_role("Who is the target group for the plan?") == set()
    assert _asked_role("Vem är målgruppen?") == set()
    assert _asked_role("Vem är ordförande i samordningsgruppen?")
    web = FACT_KINDS[2][0]
    assert web.search("Vilken hemsida har SAMLA?") and web.search("Where can I find the SAMLA website?")
    assert not web.search("How big is the communicator role for the SAMLA website?")
    assert not web.search("Står det något om avvikelser på hemsidan?")


# Questions of every kind whose answer the documents hold: a question word ("många", "ofta",
# "länge", "stor"), a hyphenated word ("e-postadress") or a count of people must not make them abstain.
ANSWERABLE = [
    "Hur många personer har utbildats i suicidprevention?",
    "Vilken e-postadress har processledaren?",
    "Hur många möten hade NOSAM Alingsås och Lerum under 2025?",
    "Hur länge har Samverkansteam Barn & Unga funnits i Lerum?",
    "Hur ofta erbjuder Folktandvården utbildning?",
    "Hur ofta hade chefer avstämningar om utskrivningar under sommaren?",
    "Hur stora var kostnaderna för kommunikatören 2022?",
    "Hur många socialpedagoger arbetar på högstadieskolor i Alingsås?",
    "Hur många platser avsätter Mölndal för vårdaktörer på MHFA-kursen?",
    "Vilket IT-stöd används för statistik om avvikelser?",
    "Vilka yrken bemannar Mini-Maria?",
    "Vad är öppettiderna för Mini-Maria?",
    "När startades Temagrupp Hälso- och sjukvård i hemmet?",
    "How many MHFA instructors were trained in 2022?",
    "Who leads the work of the process leader?",
    # "Who is paying" asks who does something, not who holds a role called "paying".
    "Who is paying for physical activity on prescription in Lerum?",
    # How many times a group met is answered by a count of its meetings.
    "Hur många gånger sågs den lokala samverkansgruppen i Alingsås och Lerum under 2025?",
    # "Hur många har …" counts people, whatever the text calls them ("8 MHFA instruktörer").
    "Hur många har utbildats till instruktörer i MHFA?",
]
# The same kinds of question where the documents lack the fact asked for.
UNANSWERABLE = [
    "Vilken e-postadress har kommunikatören?",
    "Hur många invånare har Alingsås kommun?",
    "Hur många anställda har Folktandvården?",
]


@pytest.mark.parametrize(("question", "answered"), [(q, True) for q in ANSWERABLE] + [(q, False) for q in UNANSWERABLE])
def test_question_words_and_hyphens_do_not_decide_abstention(assistant, question: str, answered: bool) -> None:  # type: ignore[no-untyped-def]
    assert assistant.ask(question).found is answered


def test_question_words_are_function_words_and_hyphen_parts_are_forms() -> None:
    assert all(lexical.is_function_word(w) for w in ("många", "ofta", "länge", "stor", "mycket", "hade", "were"))
    assert not any(lexical.is_function_word(w) for w in ("möten", "budget", "e-post"))
    vocabulary = {"e-post", "post", "möt", "struktur"}
    assert "e-post" in forms_of("e-postadress", vocabulary)
    assert "möt" in lexical.text_forms("Mötesstruktur NOSAM", vocabulary)
    # For ranking the split stays strict: only the lenient reading finds the head "möte" in "mötes|struktur".
    assert lexical.compound_parts("mötesstruktur", vocabulary) == []


@pytest.mark.parametrize("question", ABSENT)
def test_a_case_number_does_not_turn_nothing_found_into_an_answer(assistant, question: str) -> None:  # type: ignore[no-untyped-def]
    assert not assistant.ask(question).found
    assert [assistant.ask(f"{question} {code}").found for code in CODES] == [False] * len(CODES)


@pytest.mark.parametrize("question", ANSWERED)
def test_a_case_number_does_not_turn_an_answer_into_nothing_found(assistant, question: str) -> None:  # type: ignore[no-untyped-def]
    assert [assistant.ask(f"{question} {code}").found for code in ["", *CODES]] == [True] * (len(CODES) + 1)


def test_stemming_gives_the_same_stems_from_many_threads_at_once() -> None:
    # The server answers from several threads; the stemmer must not mix their words up.
    words = [f"{base}{ending}" for base in ("samverkans", "verksamhet", "utskrivning", "skolfrånvaro")
             for ending in ("", "en", "erna", "arnas", "ens")] * 50
    words = [f"{word}{i}x" for i, word in enumerate(words)]  # past the cache, so each is stemmed
    expected = [lexical.stem.__wrapped__(w) for w in words]
    lexical.stem.cache_clear()
    with ThreadPoolExecutor(8) as pool:
        assert list(pool.map(lexical.stem, words)) == expected


# English questions meet the Swedish plans across languages, at lower cosines than Swedish ones.
ENGLISH_ANSWERED = [
    "Who finances Mini-Maria?",
    "How often do the teams meet?",
    "What is the purpose of the attendance team?",
    "Who is in charge of coordinated individual plans?",
]
ENGLISH_UNANSWERED = [
    "How much does the bus card cost?",
]


@pytest.mark.parametrize(("question", "answered"),
                         [(q, True) for q in ENGLISH_ANSWERED] + [(q, False) for q in ENGLISH_UNANSWERED])
def test_english_questions_are_judged_on_their_own_scale(assistant, question: str, answered: bool) -> None:  # type: ignore[no-untyped-def]
    assert assistant.ask(question).found is answered


def test_a_question_is_english_by_its_function_words() -> None:
    from assistant.answering.support import is_english

    assert not is_english("Who finances Mini-Maria?")
    assert is_english("What is the purpose of the attendance team?")
    assert not is_english("Vem finansierar Mini-Maria och vad är syftet?")


# Refused by the hand-made rules, answered by the fitted model: the signals that refused them (a
# word no passage has making the question fit better, a hard cosine floor) fire on answerable
# questions of the blind sets as often (docs/quality.md), so the model gives them little weight.
KNOWN_MISSES = [
    "When does the new swimming pool open?",
    "Hur ofta träffas politiska samrådsgruppen?",
]


@pytest.mark.xfail(strict=True, reason="known gap of the fitted abstention model, see docs/quality.md")
@pytest.mark.parametrize("question", KNOWN_MISSES)
def test_questions_the_rules_refused_and_the_model_answers(assistant, question: str) -> None:  # type: ignore[no-untyped-def]
    assert not assistant.ask(question).found


# "Is there …" asks whether a thing exists: one the documents never name cannot be said to exist,
# however well the place or group in the question matches. Each kind has an answerable twin.
EXISTENCE = [
    ("Finns det en simhall i Alingsås?", False),
    ("Finns det en tandläkare i Lerum?", False),
    ("Is there a dog park in Lerum?", False),
    ("Finns det en socialmedicinsk mottagning i Lerum?", True),
    ("Finns det ett närvaroteam i Mölndal?", True),
    ("Is there a clinic for young people with drug problems in Lerum?", True),
]


@pytest.mark.parametrize(("question", "answered"), EXISTENCE)
def test_is_there_needs_the_thing_named_in_the_documents(assistant, question: str, answered: bool) -> None:  # type: ignore[no-untyped-def]
    assert assistant.ask(question).found is answered


def test_the_thing_an_is_there_question_asks_about_ends_at_its_place() -> None:
    from assistant.answering.facts import _asked_thing

    assert _asked_thing("Finns det en simhall i Alingsås?") == ["simhall"]
    assert _asked_thing("Is there an eating disorder clinic for teenagers?") == ["eating", "disorder", "clinic"]
    assert _asked_thing("Are there meetings between the region and the municipalities?") == ["meetings"]
    assert _asked_thing("Vilket stöd finns det för anhöriga?") == []


def test_which_days_something_is_open_asks_for_its_hours(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.search.forms import FACT_KINDS

    asks, hours = FACT_KINDS[3]
    assert asks.search("Vilka dagar har mottagningen öppet?") and asks.search("När har Mini-Maria öppet?")
    assert hours.search("Telefontider: Mån 13-16") and hours.search("Tisdag och torsdag")
    # School years and "många" are no opening hours.
    assert not hours.search("rektorer för åk 7-9") and not hours.search("många dagar")
    answer = assistant.ask("Vilka dagar har mottagningen för unga med drogproblem i Alingsås öppet?")
    assert answer.found and "Tisdag och torsdag 8-16" in answer.text


def test_a_definite_noun_and_a_word_for_e_mail_are_found_in_the_plans_words(assistant) -> None:  # type: ignore[no-untyped-def]
    from assistant.search.lexicon import forms_of

    vocabulary = assistant.index.lexical.vocabulary
    # Snowball keeps "innehållet" whole; the report writes "Innehåll" and "Innehållsansvarig".
    assert "innehåll" in forms_of("innehållet", vocabulary)
    assert "e-post" in forms_of("mejladress", vocabulary)
    answer = assistant.ask("Vilken mejladress har den som ansvarar för innehållet i årsrapporten?")
    assert answer.found and "lena.arvidsson@vgregion.se" in answer.text


def test_a_role_of_several_words_is_found_by_its_head(corpus_copy, embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """"Medicinskt ansvarig läkare" is a läkare: the role is read to the end of its words, and the
    blind set's team page, which names that doctor, answers who it is; a role it does not name
    stays a missing fact."""
    import shutil

    from assistant.answering.facts import _asked_role
    from assistant.core import Assistant
    from assistant.indexing.build import build_index

    assert _asked_role("vem är medicinskt ansvarig läkare för mobila teamet") == {"läkare"}
    assert _asked_role("Vem är ansvarig för SIP?") == set()
    settings = corpus_copy(tmp_path, [])
    page = Path(__file__).resolve().parents[2] / "eval" / "blind-b" / "docs" / "mobila-psykiatriteamet-asbygden.html"
    shutil.copyfile(page, settings.corpus / page.name)
    build_index(settings, embedder)
    team = Assistant.open(settings, embedder)
    for question, named in (("vem är medicinskt ansvarig läkare för mobila teamet", True),
                            ("Vem är verksamhetschef för mobila psykiatriteamet?", False)):
        facts = dict(zip(MISSING_FACTS, missing_facts(question, team.search(question, 3), team.index.lexical)))
        assert facts["missing_holder"] is not named, question
    answer = team.ask("vem är medicinskt ansvarig läkare för mobila teamet")
    assert answer.found and "Nils Håkansson" in answer.text
