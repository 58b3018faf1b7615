"""What form a question's answer takes: a phone number, an e-mail or web address, opening hours,
how often or how long, a share, who pays, who works somewhere, who is responsible, an age.

Retrieval lifts chunks that hold the asked form; the answer layer reads the same kinds."""

from __future__ import annotations

import re
from functools import lru_cache

_PHONE = re.compile(r"(?<!\d)(?:\+46|0)\d{1,3}[- ]?\d{2,3}(?:[ -]?\d{2}){2,3}(?!\d)")
FACT_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(telefonnummer|telefonnumret|telefon|ringa|phone|telephone)\b", re.I), _PHONE),
    (re.compile(r"\b(e-post\w*|epost\w*|mejl\w*|e-mail|email|mailadress\w*)\b", re.I),
     re.compile(r"[\w.+-]+@[\w-]+\.[\w.]+")),
    # The address is asked for when the page is what the question wants ("Vilken hemsida har …",
    # "Does SAMLA have a website?"), not when it names the page as a place or a subject ("the role for
    # the SAMLA website", "information på hemsidan").
    (re.compile(r"\b(webbadress\w*|url|web address|website address)\b"
                r"|\b(vilken|vad är|what is|what's|which)\s+(?:\w+\s+){0,2}?"
                r"(hemsida\w*|webbplats\w*|webbsida\w*|website)\b"
                r"|\b(har|finns|has|have)\s+(?:\w+\s+){0,3}?(en|a|någon|any)\s+(hemsida|webbplats|webbsida|website)\b"
                r"|\b(var|where)\b.*\b(hemsida\w*|website)\b", re.I),
     re.compile(r"\b(?:https?://|www\.)\S+|\b[\w-]+\.(?:se|nu|com|org)\b", re.I)),
    # The hours themselves ("Vilka öppettider …", "Vilka dagar har X öppet?"), not "Sedan när har X
    # utökade öppettider?" or "after the opening hours were extended".
    (re.compile(r"\b(?:vilka|vad är|vad har)\s+(?:\w+\s+)?(?:öppettid|telefontid)\w*"
                r"|\b(?:öppettid|telefontid)\w*\s+(?:för|på|hos|vid|till)\b"
                r"|\b(?:what|which)\s+(?:are|is)\s+(?:the\s+)?(?:[\w']+\s+){0,3}?opening hours\b"
                r"|\bopening hours\s+(?:of|for|at)\b|\bwhen\s+is\b.*\bopen\b"
                r"|\b(?:vilka|what|which)\s+(?:dagar|tider|days|times)\b.*\b(?:öppet|open)\b"
                r"|\bnär\s+har\b.*\böppet\b", re.I),
     # Hours, not the school years of "åk 7-9"; a weekday, not "många".
     re.compile(r"(?<![\d-])(?<!åk )(?<!åk\. )(?<!årskurs )(?:kl\.?\s*)?\d{1,2}(?:[.:]\d\d)?\s*[-–]\s*\d{1,2}"
                r"(?:[.:]\d\d)?(?![\d-])"
                r"|\b(?:måndag|tisdag|onsdag|torsdag|fredag|lördag|söndag)\w*"
                r"|\b(?:mån|tis|ons|tors?|fre|lör|sön)\b", re.I)),
)
MONTHS = "januari|februari|mars|april|maj|juni|juli|augusti|september|oktober|november|december"
_SPAN = r"(?:dag|dygn|vecka|veckor|v|månad|månader|termin|terminer|kvartal|år|läsår)"
_NUMBER = r"(?:\d+(?:[,.-]\d+)?|en|ett|två|tre|fyra|fem|sex|sju|åtta|nio|tio|tolv)"
# How often, and for how long: the question words carry no topic, so the passage must state the kind.
AMOUNT_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(hur ofta|how often|hur regelbundet)\b", re.I),
     re.compile(rf"\b(?:var|varje|varannan|varannat|per)\s+(?:\w+\s+)?{_SPAN}\b|(?<![^\W\d_])gång(?:er)?\b"
                rf"|/\s*(?:{_NUMBER}\s*)?{_SPAN}\b|\b(?:dag|vecko|månads|kvartals|års)vis\w*|\bvecko\w+"
                r"|\b(?:år|dag|månat)ligen\b|\bregelbund\w*|\blöpande\b", re.I)),
    (re.compile(r"\b(hur länge|how long|hur långa?|hur långt)\b", re.I),
     re.compile(rf"\b(?:sedan|tills|fram till|till och med|t\.o\.m|ut)\b|\b{_NUMBER}\s*(?:{_SPAN}|tim|timmar|h|min"
                rf"|minuter)\b|(?<!\d)(?:19|20)\d\d(?!\d)|\b(?:{MONTHS})\b", re.I)),
)
# Kinds a question names exactly, and the form their answer takes: a share is a percentage, who pays
# is answered by where the money comes from, who works somewhere by a list of professions.
_ROLES = (
    r"\w*(logoped|psykolog|läkare|pedagog|socionom|behandlare|kurator|sköterska|terapeut|sjukgymnast|BUP|"
    r"socialtjänst|förskola|skola|primärvård|elevhälsa)\w*"
)
EXACT_KINDS: tuple[tuple[re.Pattern[str], re.Pattern[str]], ...] = (
    (re.compile(r"\b(hur stor (del|andel)|vilken andel|hur många procent|what (share|proportion|percentage))\b", re.I),
     re.compile(r"\d\s*%(?!\w)|\bprocent\b", re.I)),
    (re.compile(r"\b(vem|vilka|who)\s+(betalar|finansierar|bekostar|står för|pays|is paying|funds|finances)|"
                r"\b(finansieras|financed|funded|bekostas)\b|\bvarifrån\b.*\b(pengar\w*|medel\w*)|"
                r"\bwhere\b.*\bmoney\b", re.I),
     re.compile(r"\b\w*(finansi|bidrag|medel|anslag)\w*|\d\s*(kr|tkr|mnkr|mkr)\b|\b\d+/\d+\b", re.I)),
    (re.compile(r"\b(vilka|vem|who)\s+(jobbar|arbetar|ingår|deltar|sitter|finns|works?|is in|are in|sits?)\b|"
                r"\b(vilka|which|what)\s+(yrken|yrkesroller|yrkesgrupper|professioner|professions|roles)\b", re.I),
     re.compile(rf"\bbestår av\b|\b{_ROLES}\b[^.\n]{{0,60}}\b{_ROLES}\b", re.I)),
    (re.compile(r"\b(vem|vilka|vilken|who|which)\b.*\b(ansvar\w*|responsible|responsibility|in charge)\b", re.I),
     re.compile(r"\w*ansvar\w*\s*:|\b\w*(ansvarig|ansvarar|huvudansvar)\w*\b", re.I)),
    (re.compile(r"\b(vilket|vilka|what|which)\s+(program|system|verktyg|it-stöd\w*|datorprogram|software|tool)\b", re.I),
     # A product's name is often written in CamelCase ("MedControl Pro"); a case-blind match would find any word.
     re.compile(r"\bit-stöd\w*|\b\w*(system|verktyg)(et|en)?\b|\b(?-i:[A-ZÅÄÖ][a-zåäö]+[A-Z]\w+)\b", re.I)),
    (re.compile(r"\b(vilken ålder|vilka åldrar|hur gamla|hur gammal|what age|how old)\b", re.I),
     re.compile(r"\d+\s*(år|åringar|years)\b|\b\d+-åringar", re.I)),
)


@lru_cache(maxsize=4096)
def asked_forms(question: str) -> tuple[re.Pattern[str], ...]:
    """The form the answer takes for each kind of fact the question asks for (none for most questions)."""
    return tuple(looks for asks, looks in (*FACT_KINDS, *AMOUNT_KINDS, *EXACT_KINDS) if asks.search(question))


def asked_form_share(question: str, text: str) -> float:
    """The share of the forms the question's answer takes that a text holds (0 if it names none)."""
    forms = asked_forms(question)
    return sum(form.search(text) is not None for form in forms) / len(forms) if forms else 0.0


# What kind of answer a question wants, read from its question words (the first kind that matches).
# These are the closed class of question words in Swedish and English, not the words of any topic.
QUESTION_KINDS: tuple[tuple[str, re.Pattern[str]], ...] = tuple((kind, re.compile(pattern, re.I)) for kind, pattern in (
    ("summary", r"\b(sammanfatta\w*|summera\w*|sammanfattning\w*|summari[sz]e\w*|summary|översikt\w*|overview)\b"),
    ("why", r"\b(varför|av vilken anledning|vad är syftet|syftet med|why|what is the purpose|purpose of)\b"),
    ("count", r"\b(hur många|hur mycket|hur stor\w*|antal\w*|how many|how much|number of)\b"),
    ("when", r"\b(när|vilket år|vilken månad|vilket datum|sedan när|hur länge|hur ofta|deadline|startdatum|"
             r"slutdatum|when|what year|which year|how long|how often|what date)\b"),
    ("who", r"\b(vem|vems|vilka personer|who|whom|whose)\b"),
    ("where", r"\b(var (ligger|finns|kan|hittar|sker|hålls|håller|är)|vart|vilken adress|where|what address)\b"),
    ("definition", r"^\W*(vad (är|betyder|innebär|menas med|står)|what (is|are|does|do)|what's)\b"),
    ("exists", r"^\W*(finns (det|där)|is there|are there|does \w+ have|har \w+ (något|någon|några))\b"),
    ("how", r"\b(hur|how)\b"),
    ("list", r"\b(vilka|vilken|vilket|which|what|lista|list)\b"),
))


@lru_cache(maxsize=4096)
def question_kind(question: str) -> str:
    """The kind of answer a question wants: summary, why, count, when, who, where, definition, exists,
    how, list, or "other"."""
    return next((kind for kind, pattern in QUESTION_KINDS if pattern.search(question)), "other")
