"""Questions that ask for one kind of fact, and whether the passages hold it where it belongs.

"Vilket telefonnummer har Mini-Maria?" is not answered by a passage about Mini-Maria that
gives no number, however well it matches. Nor is "Hur stor budget har SAMLA för 2027?" by a
passage that names 2027 only as the year a law comes into force: the fact must stand near
what the question is about. The kinds read here: a year, a contact detail (phone, e-mail,
web address, opening hours), a count ("Hur många patienter …" needs "120 patienter"), how
often or how long ("var femte vecka", "sedan 2023", in the sentence about the topic), and the
holder of a role ("Vem är ordförande …" needs a name or an "X är ordförande")."""

from __future__ import annotations

import re
from collections.abc import Collection, Container, Sequence

from assistant.indexing.bm25 import BM25
from assistant.ingest.sentences import sentence_spans, split_sentences
from assistant.ingest.terms import STOPWORDS, is_function_word, stem, text_forms, words
from assistant.models import Passage
from assistant.search.forms import AMOUNT_KINDS, FACT_KINDS
from assistant.search.lexicon import forms_of, related_words

# Characters either side of a fact that count as its surroundings.
NEAR = 250
# The surroundings must hold this share of the question's topic, weighed by idf.
NEAR_TOPIC = 0.34

_A_YEAR = r"(19[5-9]\d|20\d\d)"
_YEAR = re.compile(rf"(?<!\d){_A_YEAR}(?!\d)")
_YEAR_RANGE = re.compile(rf"(?<!\d){_A_YEAR}\s*[-–—]\s*{_A_YEAR}(?!\d)")
_YEARS = re.compile(rf"(?<!\d){_A_YEAR}(?:\s*[-–—]\s*{_A_YEAR})?(?!\d)")

# "Hur många patienter …", "how many training sessions were …": the words after it name what is counted.
_COUNT = re.compile(r"\b(?:hur många|how many|number of|antalet|antal)\s+(.*)", re.I)
_ENGLISH_VERB = re.compile(r"\b(were|was|are|is|did|do|does|have|has|had|will|can|took|held|in|at|on)\b", re.I)
_NUMBER_WORDS = frozenset(
    "två tre fyra fem sex sju åtta nio tio elva tolv tretton femton tjugo trettio fyrtio femtio hundra".split()
)
# How many words may stand between a number and what it counts ("fyra nya platser").
COUNT_GAP = 2
# Counted people, by whatever they are called; a question for "personer" may be answered by any.
_ANY_PERSON = frozenset(stem(w) for w in "personer people persons individer".split())
_PEOPLE = _ANY_PERSON | frozenset(
    stem(w) for w in "deltagare medarbetare anställda instruktörer elever patienter invånare politiker".split()
)

# Occasions rather than things: "Hur många gånger …", "How many times …".
_TIMES = frozenset("gång gånger gången times time occasions".split())
_OCCASIONS = frozenset(stem(w) for w in "gånger möten träffar tillfällen sammanträden meetings".split())

# "Vem är ordförande …", "Vad heter rektorn …", "Who is the chair …": the word after names a role.
_ROLE = re.compile(
    r"\b(?:vem|who)\s+(?:är|var|blir|blev|is|was)\s+(?:the\s+|en\s+|den\s+|det\s+)?([^\W\d_]+)"
    r"|\bvad heter\s+(?:den\s+|det\s+)?([^\W\d_]+)|\bwhat is the name of\s+(?:the\s+)?([^\W\d_]+)",
    re.I,
)
# Responsibility is held by teams and boards as often as by people; the register answers it.
_NOT_A_ROLE = re.compile(r"^(ansvar|responsible|huvudman)", re.I)
_GROUP = re.compile(r"(grupp|group|team|nämnd|råd|council|board|committee)(en|et|er|erna|na|s)?$", re.I)
_NAME = re.compile(r"\b[A-ZÅÄÖ][a-zåäöéü]+(?:-[A-ZÅÄÖ][a-zåäöéü]+)? [A-ZÅÄÖ][a-zåäöéü]+")
_TOKEN = re.compile(r"[^\W_]+|:")
# How near (in words) a name must stand to the role it holds.
NAME_GAP = 4

# "Finns det en simhall i Alingsås?", "Is there a dog park …": what is asked about follows the opening.
_EXISTS = re.compile(
    r"^\W*(?:finns det|finns där|is there|are there)\s+(?:(?:en|ett|någon|något|några|a|an|any|some)\s+)?(.*)", re.I
)
# Words that end the name of the thing ("… i Alingsås", "… at the hospital") besides function words.
_THING_ENDS = frozenset("hos vid på mot at with near by on between from".split())


def years_in(text: str) -> set[int]:
    """Return the years a text names, a range such as "2023–2026" counting for every year in it."""
    years = {int(y) for y in _YEAR.findall(text)}
    for first, last in _YEAR_RANGE.findall(text):
        if int(first) <= int(last) <= int(first) + 20:
            years.update(range(int(first), int(last) + 1))
    return years


def _topic(question: str, lexical: BM25, asking: Sequence[re.Pattern[str]]) -> dict[str, tuple[set[str], float]]:
    """The question's topic words with the stems that show them and their idf weight.

    Words that ask for the fact, years, and words the corpus knows in no form are left out:
    a paraphrase's own words cannot be held against a passage.
    """
    asked = {word for pattern in asking for match in pattern.finditer(question) for word in words(match.group())}
    topic: dict[str, tuple[set[str], float]] = {}
    for word in dict.fromkeys(words(question)):
        if is_function_word(word) or len(word) < 3 or word.isdigit() or word in asked:
            continue
        forms = forms_of(word, lexical.vocabulary)
        known = [float(lexical.idf[lexical.vocabulary[f]]) for f in forms if f in lexical.vocabulary]
        if known:
            topic[word] = (forms, max(known))
    return topic


def _coverage(topic: dict[str, tuple[set[str], float]], text: str, vocabulary: Container[str]) -> float:
    total = sum(weight for _forms, weight in topic.values())
    if not total:
        return 1.0
    present = text_forms(text, vocabulary)
    return sum(weight for forms, weight in topic.values() if forms & present) / total


def _surroundings(passage: Passage, text: str, match: re.Match[str], within_sentence: bool) -> str:
    """The text around a match that must hold the question's topic: its sentence, or NEAR characters
    either side under the section title."""
    if within_sentence:
        return next((text[lo:hi] for lo, hi in sentence_spans(text) if lo <= match.start() < hi), match.group())
    return f"{passage.chunk.section} {text[max(match.start() - NEAR, 0):match.end() + NEAR]}"


def _holds_near_topic(passages: Sequence[Passage], pattern: re.Pattern[str], topic: dict[str, tuple[set[str], float]],
                      vocabulary: Container[str], wanted: int | None = None, within_sentence: bool = False) -> bool:
    """Tell whether a passage holds the pattern (for years: the `wanted` year) with the question's topic
    close by: a year anywhere in its passage, since a year often dates a whole section; a contact
    detail within NEAR characters, since one passage may list several; how often or how long
    something goes on in the sentence that says so."""
    for passage in passages:
        # A year in the document's title dates all of it ("Årsrapport 2025").
        text = f"{passage.chunk.title}\n{passage.chunk.section}\n{passage.chunk.text}" if wanted is not None \
            else f"{passage.chunk.section}\n{passage.chunk.text}"
        matches = [m for m in pattern.finditer(text) if wanted is None or wanted in years_in(m.group())]
        if wanted is not None:
            if matches and _coverage(topic, text, vocabulary) >= NEAR_TOPIC:
                return True
            continue
        if any(_coverage(topic, _surroundings(passage, text, m, within_sentence), vocabulary) >= NEAR_TOPIC
               for m in matches):
            return True
    return False


def counted_forms(question: str, vocabulary: dict[str, int]) -> set[str]:
    """The stems of what a "how many" question counts, or none when it is no count question."""
    match = _COUNT.search(question)
    if not match:
        return set()
    rest = match.group(1)
    verb = _ENGLISH_VERB.search(rest)
    english = re.match(r"\s*(how many|number of)", match.group(), re.I) is not None
    following = words(rest)
    if following and following[0] in _TIMES:
        # "Hur många gånger sågs gruppen …" is answered by "sju möten" as well as by "sju gånger".
        return set(_OCCASIONS)
    if english:
        # What is counted is the words before the verb, up to the first function word: "How many
        # people attended | the MHFA trainings" counts people, not trainings.
        before = words(rest[:verb.start()] if verb else rest)
        counted = before[:next((i for i, w in enumerate(before) if is_function_word(w)), len(before))][:3]
    elif following and is_function_word(following[0]):
        # "Hur många har utbildats …": what is counted is whoever did it.
        return set(_PEOPLE)
    else:
        # What is counted is a plural noun, after any adjectives (which end in -a in the plural):
        # "Hur många möten | hade NOSAM …", "Hur många nya platser …", not "samordnare | arbetar".
        ends = next((i for i, w in enumerate(following) if is_function_word(w)), len(following))
        head = next((w for w in following[:ends] if not w.endswith("a")), None)
        counted = [head] if head else [w for w in following if not is_function_word(w)][:1]
    forms = {form for word in counted for form in forms_of(word, vocabulary) if len(form) >= 3}
    # "Hur många personer …" is answered by a count of whoever they are: "32 deltagare".
    return forms | _PEOPLE if forms & _ANY_PERSON else forms


def _is_number(word: str) -> bool:
    return (word.replace(",", "").replace(".", "").isdigit() and not _YEAR.fullmatch(word)) or word in _NUMBER_WORDS


def counts(text: str, counted: Collection[str]) -> bool:
    """Tell whether a text puts a number before what is counted ("fyra utbildningstillfällen")."""
    if not counted:
        return False
    tokens = re.findall(r"\d+(?:[,.]\d+)?|[^\W\d_]+", text.lower())
    for i, token in enumerate(tokens):
        if not _is_number(token):
            continue
        following = [stem(w) for w in tokens[i + 1:i + 2 + COUNT_GAP]]
        # A short stem ("möt") must begin the word; a longer one may end a compound.
        if any(word.startswith(form) if len(form) < 4 else form in word for word in following for form in counted):
            return True
    return False


def _asked_role(question: str) -> set[str]:
    """The stems of the role a question asks the holder of ("ordförande"), or none when it asks none.

    A role is matched whole or by a synonym, never by a compound's part: "sammankallande"
    must not find "kallelse"."""
    match = _ROLE.search(question)
    if match is None:
        return set()
    # A role may take several words, and its head is the last ("medicinskt ansvarig läkare" is a
    # läkare): read on to the first word that only shapes the question ("för", "i", "of" …).
    first = next(i for i, group in enumerate(match.groups(), start=1) if group)
    written = match.group(first)
    words_after = [] if _NOT_A_ROLE.match(written) else _TOKEN.findall(question[match.end(first):])
    for word in words_after:
        if not word[0].isalpha() or is_function_word(word.lower()) or _GROUP.search(word):
            break
        written = word
    role = written.lower()
    # "Who is paying …" asks who does something, as "Vem betalar …" does: no role is named.
    doing = role.endswith("ing") and match.group(0).lower().startswith("who")
    # A group is not a role someone holds: "Who is the target group …", "Vem är målgruppen?".
    following = words(question[match.end():])[:1]
    collective = any(_GROUP.search(word) for word in [role, *following])
    if not role or role in STOPWORDS or _NOT_A_ROLE.match(role) or doing or collective:
        return set()
    # The role's own word is matched whole: an abbreviation ("MAS", "MAR"), or a word whose stem is
    # too short to look for inside others ("läkare").
    return {role} | {form for form in (stem(role), *map(stem, related_words([role]))) if len(form) >= 4}


def _names_holder(passages: Sequence[Passage], role: set[str]) -> bool:
    """Tell whether a sentence names who holds the role: a person's name beside it, or "X är <role>"."""
    for passage in passages:
        for sentence in split_sentences(passage.chunk.text):
            tokens = _TOKEN.findall(sentence)
            places = [i for i, t in enumerate(tokens)
                      if any(form == t.lower() or len(form) >= 4 and form in stem(t.lower()) for form in role)]
            if not places:
                continue
            names = {len(_TOKEN.findall(sentence[:m.start()])) for m in _NAME.finditer(sentence)}
            for i in places:
                around = {t.lower() for t in tokens[max(i - 1, 0):i + 2]}
                if around & {"är", "is", ":"} or any(abs(n - i) <= NAME_GAP for n in names):
                    return True
    return False


def _asked_thing(question: str) -> list[str]:
    """The words that name what an "is there …" question asks about ("simhall", "dog park"), or none."""
    match = _EXISTS.match(question)
    if match is None:
        return []
    thing = []
    for word in words(match.group(1)):
        if is_function_word(word) or word in _THING_ENDS:
            break
        thing.append(word)
    return thing


def names_unknown_thing(question: str, vocabulary: Container[str]) -> bool:
    """Tell whether an "is there …" question asks about a thing the documents never name in any form.

    Then they cannot say that it exists, however well a passage about the place or the group
    asked for matches: "Finns det en simhall i Alingsås?" finds Alingsås, and e5 finds it close."""
    return any(len(word) >= 3 and not any(form in vocabulary for form in forms_of(word, vocabulary))
               for word in _asked_thing(question))


MISSING_FACTS = ("missing_year", "missing_detail", "missing_amount", "missing_count", "missing_holder",
                 "unknown_thing")


def missing_facts(question: str, passages: Sequence[Passage], lexical: BM25) -> tuple[bool, ...]:
    """For each of MISSING_FACTS, whether the question asks for that kind of fact and the passages
    do not hold it near what the question is about: a year it names, a contact detail (phone,
    e-mail, web address, opening hours), how often or how long, a count of what it counts, the
    holder of a role; or whether it asks if there is a thing the documents never name."""
    details = [(asks, looks) for asks, looks in FACT_KINDS if asks.search(question)]
    topic = _topic(question, lexical, [asks for asks, _looks in details])
    vocabulary = lexical.vocabulary
    counted = counted_forms(question, vocabulary)
    role = _asked_role(question)
    return (
        any(not _holds_near_topic(passages, _YEARS, topic, vocabulary, wanted=year) for year in years_in(question)),
        any(not _holds_near_topic(passages, looks, topic, vocabulary) for _asks, looks in details),
        any(asks.search(question) is not None
            and not _holds_near_topic(passages, looks, topic, vocabulary, within_sentence=True)
            for asks, looks in AMOUNT_KINDS),
        bool(counted) and not any(counts(passage.chunk.text, counted) for passage in passages),
        bool(role) and not _names_holder(passages, role),
        names_unknown_thing(question, vocabulary),
    )
