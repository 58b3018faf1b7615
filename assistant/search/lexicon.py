"""A small Swedish lexicon for health and social care: synonyms, and English words in Swedish.

Staff rarely use the plan's own word: they ask about "drogproblem" where the text says
"missbruk", or about "pengar" where it says "intäkter", or ask in English. The lexical
side of retrieval adds these related words to a question, at a lower weight than the
question's own words, so the plan's wording is found without drowning the question.
It does not grow one phrase at a time: each part was measured on the blind question sets
(docs/quality.md), and the sayings it once held were dropped, since they helped only the set
they were written for.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Container
from functools import lru_cache

from assistant.indexing.bm25 import BM25
from assistant.ingest.terms import WORD, compound_parts, particle_verbs, query_weights, stem, words

# Groups of words that staff use for the same thing. Any member brings in the others.
SYNONYMS: tuple[tuple[str, ...], ...] = (
    ("självmord", "suicid", "suicidprevention", "suicidpreventiva", "suicidala", "efterlevandestöd"),
    ("missbruk", "beroende", "drog", "droger", "drogproblem", "narkotika", "alkohol", "substans", "spel"),
    ("pengar", "kostnad", "kostnader", "kostar", "budget", "ekonomi", "intäkter", "medel", "finansiering",
     "bidrag", "betalar", "finansierar", "kronor", "mnkr", "tkr"),
    ("ansvarig", "ansvarar", "ansvar", "huvudansvar", "äger", "ägare", "huvudman", "huvudmannaskap"),
    ("barn", "unga", "ungdomar", "ungdom", "tonåringar", "tonåring", "elever", "elev", "minderåriga"),
    ("skola", "skolan", "skolor", "grundskola", "gymnasiet", "gymnasium", "skolgång", "lektioner", "studier"),
    ("frånvaro", "närvaro", "skolfrånvaro", "skolnärvaro", "hemmasittare"),
    ("äldre", "pensionärer", "seniorer", "åldrande"),
    ("sjukhus", "lasarett", "slutenvård", "sjukhusvård", "inskrivning", "utskrivning", "inneliggande"),
    ("vårdcentral", "vårdcentralen", "primärvård", "husläkare"),
    ("möte", "möten", "träff", "träffas", "sammanträde", "mötesstruktur", "ses"),
    ("utbildning", "kurs", "kurser", "fortbildning", "utbildningar", "utbildningsinsatser", "utbildats",
     "utbildad", "lärt", "lära"),
    ("personal", "medarbetare", "anställda", "yrkesgrupper", "professioner", "yrkesroller", "kollega", "kollegor"),
    ("psykisk", "psykiska", "mental", "mentala", "psykiatri", "psykiatrisk", "ohälsa"),
    ("start", "startar", "startade", "börjar", "började", "påbörjas", "inleds", "införs", "startdatum", "invigning",
     "invigdes", "invigde", "öppnade", "öppnades"),
    ("slut", "deadline", "klart", "klar", "slutdatum", "avslutas", "färdig", "senast"),
    ("beslut", "beslutar", "besluta", "bestämmer", "fattar", "avgör"),
    ("samverkan", "samarbete", "samarbetar", "samverkar", "samordning"),
    ("föräldrar", "vårdnadshavare", "familj", "familjer", "anhöriga", "efterlevande"),
    ("avvikelse", "avvikelser", "brister", "incidenter", "avvikelsehantering", "fel"),
    ("telefon", "telefonnummer", "telefontider", "ringa"),
    ("e-post", "e-postadress", "epost", "mejl", "mejla", "mejladress", "mail", "mailadress"),
    ("informatör", "kommunikatör", "kommunikation"),
    ("extern", "externa", "inhyrd", "inhyrda", "hyr", "hyra", "anlitas", "anlitar", "anlita", "konsult", "konsulter"),
    ("lag", "lagen", "regler", "reform", "lagstiftning", "socialtjänstlagen"),
    ("syfte", "mål", "målsättning", "avsikt", "ändamål"),
    ("rörelse", "fysisk", "aktivitet", "motion", "idrott", "lek"),
    ("nätet", "digital", "internet", "skärmtid", "sociala"),
    ("våld", "misshandel", "misshandla", "misshandlad", "misshandlade", "övergrepp"),
    ("tandvård", "folktandvården", "tänder", "munhälsa"),
    ("överlämning", "övergång", "övergångar", "vårdövergångar", "överföring"),
    ("myndig", "myndiga", "vuxen", "18"),
    ("oenighet", "oense", "oeniga", "överens", "tvist", "konflikt"),
    ("slutliga", "slutgiltiga", "sista", "avgörande"),
    ("ersättare", "ersätta", "ersätter", "vikarie", "suppleant", "ställföreträdare"),
    ("partner", "pojkvän", "flickvän", "parrelation", "relation", "relationer"),
    ("sommar", "sommaren", "semester", "semestern", "semesterperiod", "semestertid"),
    ("förebygga", "förebyggande", "förhindra", "motverka", "prevention", "preventiva", "preventivt"),
    ("ålder", "åldrar", "år", "årig", "åring", "åringar", "gammal", "gamla"),
)

# English question words and their Swedish counterparts in the plans.
ENGLISH: dict[str, tuple[str, ...]] = {
    "purpose": ("syfte", "mål"), "aim": ("syfte", "mål"), "goal": ("mål",), "goals": ("mål",),
    "responsible": ("ansvarig", "ansvarar"), "responsibility": ("ansvar",), "owns": ("äger",),
    "who": ("vem", "ansvarig"), "when": ("när", "start", "deadline"), "start": ("start", "startdatum"),
    "starts": ("start", "startar"), "deadline": ("deadline", "slutdatum"), "end": ("slut", "slutdatum"),
    "children": ("barn",), "child": ("barn",), "young": ("unga",), "youth": ("ungdomar",),
    "people": ("personer",), "pupils": ("elever",), "students": ("elever",), "school": ("skola",),
    "schools": ("skolor",), "elderly": ("äldre",), "older": ("äldre",), "costs": ("kostnader",),
    "cost": ("kostnad",), "income": ("intäkter",), "revenue": ("intäkter",), "budget": ("budget",),
    "money": ("pengar", "medel"), "meeting": ("möte",), "meetings": ("möten",), "meet": ("träffas",),
    "training": ("utbildning",), "course": ("kurs",), "courses": ("kurser",), "sessions": ("tillfällen",),
    "mental": ("psykisk",), "health": ("hälsa",), "drug": ("droger", "missbruk"), "drugs": ("droger",),
    "abuse": ("missbruk",), "addiction": ("beroende",), "suicide": ("suicid",), "plan": ("plan",),
    "activity": ("aktivitet",), "activities": ("aktiviteter",), "collaboration": ("samverkan",),
    "cooperation": ("samverkan",), "municipality": ("kommun",), "municipalities": ("kommuner",),
    "hospital": ("sjukhus", "lasarett"), "primary": ("primärvård",), "dental": ("tandvård", "folktandvården"),
    "family": ("familj",), "families": ("familjer",), "parents": ("föräldrar",), "staff": ("personal",),
    "employees": ("medarbetare",), "report": ("rapport",), "annual": ("årsrapport",),
    "deviations": ("avvikelser",), "deviation": ("avvikelse",), "email": ("e-post",),
    "attendance": ("närvaro",), "absence": ("frånvaro",), "physical": ("fysisk",),
    "prescription": ("recept",), "city": ("stad",), "decides": ("beslut",),
    "decide": ("beslut",), "patients": ("patienter",), "patient": ("patient",), "age": ("ålder",),
    "communicator": ("kommunikatör",), "leader": ("ledare", "processledare"), "follow": ("uppföljning",),
    "often": ("ofta",), "week": ("vecka",), "weeks": ("veckor",), "year": ("år",), "autumn": ("hösten",),
    "spring": ("våren",), "team": ("team",), "teams": ("teamen",),
    "coordinated": ("samordnad",), "individual": ("individuell",), "group": ("grupp",),
    "groups": ("grupper",), "wellness": ("friskvård",), "content": ("innehåll", "innehållsansvarig"),
    "law": ("lag",), "reform": ("reform",), "new": ("nya",),
    "process": ("process",), "discharge": ("utskrivning",), "admission": ("inskrivning",),
    "prevention": ("prevention", "förebyggande"), "preventive": ("förebyggande",), "care": ("vård",),
    "social": ("social", "socialtjänst"), "services": ("verksamheter",), "many": ("antal",),
    "how": ("hur",), "what": ("vad",), "where": ("var",), "which": ("vilka",), "held": ("genomförda",),
    "opened": ("invigning",), "inaugurated": ("invigning",), "places": ("platser",), "seats": ("platser",),
    "seat": ("plats",), "planning": ("planering",),
    "project": ("projekt",),
    # Who pays: staff ask with the verb, plans state the financing.
    "finance": ("finansiering", "finansierar", "medel"), "financed": ("finansieras", "finansiering"),
    "financing": ("finansiering",), "fund": ("finansierar", "medel"), "funded": ("finansieras", "medel"),
    "funding": ("finansiering", "medel"), "pay": ("betalar", "finansierar"), "pays": ("betalar", "finansierar"),
    "paying": ("betalar", "finansierar"), "paid": ("betalade", "finansierades"),
    "gambling": ("spel", "spelproblem"), "teenagers": ("ungdomar", "unga"), "teenager": ("ungdom",),
    # What staff ask whether there is: "Is there a clinic / help / a routine for …".
    "clinic": ("mottagning",), "clinics": ("mottagningar",), "help": ("hjälp", "stöd"), "support": ("stöd",),
    "charge": ("ansvarig", "ansvar"), "routine": ("rutin",), "routines": ("rutiner",), "doctor": ("läkare",),
    "doctors": ("läkare",),
    "nurse": ("sjuksköterska",), "nurses": ("sjuksköterskor",), "psychologist": ("psykolog",),
    "treatment": ("behandling",), "network": ("nätverk",), "housing": ("boende",), "preschool": ("förskola",),
}


_DEFINITE = re.compile(r"(?<=\w{4})(et|en|erna|arna|orna)$")


@lru_cache(maxsize=1)
def _synonym_index() -> dict[str, tuple[str, ...]]:
    # Keyed by stem, so that any inflection finds its group: "lektionerna" as well as "lektioner".
    index: dict[str, list[str]] = {}
    for group in SYNONYMS:
        for word in group:
            index.setdefault(stem(word), []).extend(w for w in group if w != word)
    return {key: tuple(dict.fromkeys(related)) for key, related in index.items()}


def related_words(words: list[str]) -> list[str]:
    """Return the lexicon's related words (synonyms, Swedish for English) for a question's words."""
    synonyms = _synonym_index()
    found: list[str] = []
    for word in words:
        # Snowball keeps some definite forms whole ("lasarettet"); the bare noun finds its group.
        found.extend(synonyms.get(stem(word)) or synonyms.get(stem(_DEFINITE.sub("", word)), ()))
        # An English plural finds its singular's entry ("admissions" → "admission").
        for swedish in ENGLISH.get(word) or ENGLISH.get(word[:-1] if word.endswith("s") else "", ()):
            found.extend(swedish.split())
    own = set(words)
    return [w for w in dict.fromkeys(found) if w not in own]


def related_groups(words: list[str]) -> list[list[str]]:
    """Return each question word's related words as a group of their own (groups may be empty).

    A group stands for one word of the question, so a text that uses several of its members
    ("kostnader", "bidrag", "tkr" for "betalar") has still named that one thing once."""
    return [related_words([word]) for word in dict.fromkeys(words)]


# The shortest known head a hyphenated word may begin with ("e-post" in "e-postadress").
HYPHEN_HEAD = 4


def _hyphen_forms(word: str, vocabulary: Container[str]) -> set[str]:
    """The known stems inside a hyphenated word: each part's forms, and the longest known head
    that reaches past a hyphen ("e-postadress" shows as "e-post" and "post")."""
    forms: set[str] = set()
    for part in word.split("-"):
        if len(part) >= 3:
            forms |= forms_of(part, vocabulary)
    for cut in range(len(word) - 3, word.index("-"), -1):
        head = stem(word[:cut])
        if len(word[:cut]) >= HYPHEN_HEAD and "-" in word[:cut] and head in vocabulary:
            forms.add(head)
            break
    return forms


def forms_of(word: str, vocabulary: Container[str]) -> set[str]:
    """Return the stems that show a lowercase word in a text: its own, its compound's parts, its related words',
    its bare noun's if it is a definite form (and for a hyphenated word, those of its parts)."""
    own = stem(word)
    forms = {own, *compound_parts(own, vocabulary), *(stem(w) for w in related_words([word]))}
    # Snowball keeps some definite forms whole ("innehållet"); the text may use the bare noun.
    bare = stem(_DEFINITE.sub("", word))
    if bare != own and bare in vocabulary:
        forms.add(bare)
    if "-" in word.strip("-"):
        forms |= _hyphen_forms(word.strip("-"), vocabulary)
    return forms


def term_weights(lexical: BM25, question: str) -> dict[str, float]:
    """Idf weight of each known term that shows the question: its words, their compounds' parts
    and their related words, the last two at a lower share."""
    weights = query_weights(question, lexical.vocabulary, related_words(words(question)))
    return {
        term: share * float(lexical.idf[lexical.vocabulary[term]])
        for term, share in weights.items() if term in lexical.vocabulary
    }


def word_groups(lexical: BM25, question: str) -> list[set[str]]:
    """The known terms that show each word of the question: its own stem, its compound's parts,
    its related words.

    A text is credited once per question word, by the best of these it has. Counted term by
    term, a budget line full of money words ("bidrag", "tkr", "intäkter") outscored the one
    line that says who pays for "Vem betalar för Mini-Maria?", and a hyphenated name counted
    three times (whole, and each part)."""
    groups: list[set[str]] = []
    joined = particle_verbs(question, lexical.vocabulary)
    for match in WORD.finditer(question.lower()):
        word = match.group()
        group = set(query_weights(word, lexical.vocabulary, related_words(words(word)))) & lexical.vocabulary.keys()
        if word in joined:
            group.add(joined[word])
        if group and group not in groups:
            groups.append(group)
    return groups


def share_shown(groups: list[set[str]], weights: dict[str, float]) -> Callable[[set[str]], float]:
    """Return how to measure the share of the question's weight a text's terms show, each question
    word by its best term (the question's whole weight is worked out once, not per text)."""
    total = sum(max(weights[term] for term in group) for group in groups)

    def share(present: set[str]) -> float:
        shown = sum(max((weights[term] for term in group & present), default=0.0) for group in groups)
        return shown / total if total else 0.0

    return share
