"""Swedish-stemmed terms: the words of a text as the lexical index and the question see them."""

from __future__ import annotations

import re
import threading
from collections.abc import Container, Iterable, Sequence
from functools import lru_cache

import snowballstemmer

WORD = re.compile(r"[^\W_]+(?:[-'][^\W_]+)*", re.UNICODE)

# Function words that carry no topic; kept short on purpose so that words like
# "när", "vem" and "vad" (which decide the kind of question) are handled elsewhere.
STOPWORDS = frozenset(
    """
    och i att det som en på är av för med till den har de inte om ett var jag
    men så han hon vi ni sig från ska skall kan vara eller när vad vem vilka vilken
    vilket hur då detta dessa denna där här också samt under efter inom mellan
    enligt genom finns blir bli blev sina sin sitt deras dess man alla andra mot
    the a an of to in and or is are for what who when how which does do about
    """.split()
)

# A Snowball stemmer keeps the word it works on in itself, so each server thread has its own.
_stemmers = threading.local()


@lru_cache(maxsize=200_000)
def stem(word: str) -> str:
    """Return the Swedish Snowball stem of a lowercase word."""
    stemmer = getattr(_stemmers, "swedish", None)
    if stemmer is None:
        stemmer = _stemmers.swedish = snowballstemmer.stemmer("swedish")
    return str(stemmer.stemWord(word))


def words(text: str) -> list[str]:
    """Return the lowercase words of a text, hyphenated words split into their parts too."""
    found: list[str] = []
    for match in WORD.finditer(text.lower()):
        token = match.group()
        found.append(token)
        if "-" in token:
            found.extend(part for part in token.split("-") if part)
    return found


def _is_term(word: str) -> bool:
    return word not in STOPWORDS and (len(word) > 1 or word.isdigit())


def terms(text: str) -> list[str]:
    """Return the stemmed, stop-word-free terms of a text, as indexed and queried."""
    return [stem(w) for w in words(text) if _is_term(w)]


_WORD_CHARACTER = re.compile(r"[^\W_]")


def _words_starting_at(lower: str, at: int) -> list[str]:
    """The words `words` reads that begin at a position of a lowercase text (none, one or two:
    a hyphenated word and its first part)."""
    joined = at >= 2 and lower[at - 1] in "-'" and _WORD_CHARACTER.match(lower, at - 2) is not None
    if (at and _WORD_CHARACTER.match(lower, at - 1)) or (joined and lower[at - 1] == "'"):
        return []
    match = WORD.match(lower, at)
    if match is None:
        return []
    token = match.group()
    first_part = token.split("-")[0]
    # After a hyphen inside a word, only the parts are words of their own.
    return [first_part] if joined else list(dict.fromkeys([token, first_part]))


def terms_present(text: str, wanted: Iterable[str]) -> set[str]:
    """Return the wanted terms that are among the text's terms: `set(terms(text)) & wanted`.

    A Swedish Snowball stem is the start of its word, so only the words that begin with a wanted
    term's letters are read, not every word of the text. Retrieval asks this of some hundred
    windows per question, where reading them whole took half of the search's time."""
    lower = text.lower()
    present = set()
    for term in wanted:
        at = lower.find(term)
        while at >= 0:
            if any(_is_term(word) and stem(word) == term for word in _words_starting_at(lower, at)):
                present.add(term)
                break
            at = lower.find(term, at + 1)
    return present


def compound_parts(term: str, vocabulary: Container[str], loose: bool = False) -> list[str]:
    """Split a stemmed compound into two known terms ("skolfrånvaro" → "skol", "frånvaro"), or none.

    Swedish writes compounds as one word, while a question may say "frånvaro i skolan".
    The split keeps the longest known tail, and allows the linking "s" ("samverkans|plan").
    `loose` also allows a head whose stem is shorter than its form in the compound ("mötes|struktur"
    → "möt", "äldre|plan" → "äldr"): enough to tell that a text mentions a word, too loose for ranking.
    """
    if len(term) < 8 or not term.isalpha():
        return []
    for cut in range(3, len(term) - 3):
        head, tail = term[:cut], term[cut:]
        if tail not in vocabulary:
            continue
        linked = head[:-1] if head.endswith("s") and cut > 4 else ""
        for candidate in (head, linked, stem(linked) if linked and loose else "", stem(head) if loose else ""):
            if candidate and candidate in vocabulary:
                return [candidate, tail]
    return []


def related_forms(term: str, vocabulary: Container[str], loose: bool = False) -> list[str]:
    """Known terms hidden in a term: its compound's parts, the base of a "-t" or "-d" form, and the
    verb of a noun in "-ning" or "-ing".

    Snowball leaves the neuter adjective and the participle whole ("totalt" beside "total",
    "godkänd" beside "godkän" of "godkännare"), so the base is recovered when the corpus uses it.
    It also keeps the noun of an action whole ("sammanfattning", "planering"), so a question that
    uses the verb ("Sammanfatta …", "Vem planerar …") would not find it: the noun also shows the
    verb's stem. `loose` splits compounds as `compound_parts` does when loose.
    """
    forms = compound_parts(term, vocabulary, loose)
    if len(term) > 4 and term.endswith(("t", "d")) and term[:-1] in vocabulary:
        forms.append(term[:-1])
    for ending in ("ning", "ing"):
        if len(term) > len(ending) + 4 and term.endswith(ending) and term.isalpha():
            verb = stem(term[:-len(ending)] + "a")
            if verb != term and len(verb) >= 4:
                forms.append(verb)
            break
    return forms


def text_forms(text: str, vocabulary: Container[str]) -> set[str]:
    """Return every stem a text shows: its terms and the known terms hidden in them ("mötesstruktur" → "möt")."""
    own = set(terms(text))
    return own.union(*(related_forms(term, vocabulary, loose=True) for term in own))


def index_terms(texts: Iterable[str]) -> list[list[str]]:
    """Return each text's terms plus the known terms hidden in them (compound parts, base forms)."""
    base = [terms(text) for text in texts]
    vocabulary = set().union(*base) if base else set()
    # Worked out once per distinct term, not once per occurrence.
    hidden = {term: related_forms(term, vocabulary) for term in vocabulary}
    return [own + [form for term in own for form in hidden[term]] for own in base]


# Words that shape a question but name nothing it is about ("Får jag …", "Vad gör …", "något"):
# the abstention checks never take them for the question's topic.
QUESTION_WORDS = frozenset(
    """
    något någon några får fick få gör göra gjorde ge ger gav ta tar tog mitt min mina mig jag du
    dig din ditt vår våra oss snart nån finns fanns
    """.split()
)

# Words that ask how much of something there is ("Hur stor …", "Hur länge …", "How many …"):
# they say what kind of answer is wanted, and a text states the amount without them.
DEGREE_WORDS = frozenset(
    """
    mycket många ofta länge lång långa långt stor stora stort gammal gamla snabbt tidigt
    much many often long big large old
    """.split()
)

# Auxiliaries, and English words that build a question but name nothing ("hade", "were", "take place" …).
AUXILIARY_WORDS = frozenset(
    """
    hade haft varit blivit kunde skulle behöver vill
    was were be been being has have had did done can could should would will shall may might need needs want
    it its this that these those there their they them we our us you your my me any some
    take takes took taken get gets got from with by at on into than
    """.split()
)


def is_function_word(word: str) -> bool:
    """Tell whether a lowercase word only shapes a question (a stop word, a question word, a degree word)."""
    return word in STOPWORDS or word in QUESTION_WORDS or word in DEGREE_WORDS or word in AUXILIARY_WORDS

# Weights of the words a question brings in besides its own terms.
COMPOUND_WEIGHT = 0.7
YEAR_WEIGHT = 2.0
YEAR = re.compile(r"(19|20)\d\d")
RELATED_WEIGHT = 0.4


# The particles of Swedish particle verbs: "följa upp" is the verb of "uppföljning", "skriva ut" of
# "utskrivning", "logga in" of "inloggning". ("av", "om" and "över" are left out: they are far more
# often prepositions, "en del av", "slagen av".)
PARTICLES = frozenset("upp ut in fram ner bort ihop".split())
PARTICLE_GAP = 3


def particle_verbs(text: str, vocabulary: Container[str]) -> dict[str, str]:
    """For each verb followed by a particle in a text ("följs upp"), the stem the verb and its
    particle make as one word ("uppfölj"), where the corpus knows it: the noun of the action
    ("uppföljning") shows that stem (`related_forms`)."""
    found = [m.group() for m in WORD.finditer(text.lower())]
    joined = {}
    for i, verb in enumerate(found):
        if verb in STOPWORDS or len(verb) < 3:
            continue
        # A question puts the subject between them: "När skrivs patienten ut?"
        for particle in found[i + 1:i + 1 + PARTICLE_GAP]:
            form = stem(particle + stem(verb) + "a") if particle in PARTICLES else ""
            if form in vocabulary:
                joined[verb] = form
                break
    return joined


def query_weights(question: str, vocabulary: Container[str], related: Sequence[str] = ()) -> dict[str, float]:
    """Return the weighted terms to search for: the question's own, its compounds' parts, related words.

    Words that only shape a question ("Får jag …", "något", "hur ofta") are not searched for: the
    plans use them about anything, and a passage holding them says nothing more about the topic."""
    # A year in the question is a constraint, not just another word.
    own = [stem(w) for w in words(question) if _is_term(w) and not is_function_word(w)]
    weights = {term: YEAR_WEIGHT if YEAR.fullmatch(term) else 1.0 for term in own}
    for term in list(weights):
        for part in related_forms(term, vocabulary):
            weights.setdefault(part, COMPOUND_WEIGHT)
        # Snowball keeps the definite form of a noun in -o whole ("skolnärvaron"); the plan may use
        # the bare noun ("Ökad skolnärvaro"). (Not -an: "samverkan" is a bare noun itself.)
        bare = stem(term[:-1]) if len(term) > 5 and term.endswith("on") else ""
        if bare in vocabulary:
            weights.setdefault(bare, 1.0)
    for form in particle_verbs(question, vocabulary).values():
        weights.setdefault(form, COMPOUND_WEIGHT)
    for term in terms(" ".join(related)):
        weights.setdefault(term, RELATED_WEIGHT)
    return weights
