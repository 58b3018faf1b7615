"""A bounded load test of the real server: 16 clients for at least 60 s, with a reindex in the middle.

`plan-assistant serve` runs as its own process on 127.0.0.1 over a copy of the session's sample
index. Each client asks varied questions, each tagged so that its answer can be matched to it;
halfway, a new document is added and `plan-assistant index` runs in another process, and the
server must switch to the new index without a failed or mixed-up answer. The figures are
printed and written to tests/results/loadtest.json; the server's memory must stay flat.
"""

from __future__ import annotations

import http.client
import json
import shutil
import statistics
import subprocess
import threading
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from hostile.live import CLI, live_server

RESULTS = Path(__file__).resolve().parents[1] / "results"
CLIENTS = 16
SECONDS = 60.0
REINDEX_AT = 30.0
# The longest the test may run past SECONDS while it waits for the reindex to finish.
GRACE = 90.0
NEW_DOCUMENT = "lakemedelsgenomgang-hemtjanst.txt"
NEW_TEXT = """Rutin för läkemedelsgenomgång i hemtjänsten

Sjuksköterskan i kommunen gör en läkemedelsgenomgång tillsammans med vårdcentralens läkare
när en brukare med hemtjänst har fler än fem läkemedel. Genomgången dokumenteras i journalen.
"""
# Questions over the sample corpus, each with a word its answer (text, quotes or passages) contains.
QUESTIONS = [
    ("Vilka prioriterade mål finns enligt Samverkansplan 2023-2026 för barn och unga?", "samverkansplan"),
    ("Vad ska NOSAM göra för att stärka egenvård hos barn, unga och familjer?", "egenvård"),
    ("Vilka socialpedagoger har anställts i Alingsås enligt aktivitetsplanen?", "socialpedagog"),
    ("Hur följs arbetet med in- och utskrivningsprocessen upp för äldre i Mölndal?", "utskrivning"),
    ("Vad är Make a move?", "make a move"),
    ("Vem ansvarar för att sprida information om rörelseprojektet på skolorna i Mölndal?", "rektorer"),
    ("Vad är Mini Maria?", "mini"),
    ("Vilka verksamheter samverkar inom SAMLA?", "samla"),
    ("Vad har Samordningsgruppen för ansvar?", "samordningsgrupp"),
    ("Hur ofta träffas teamen från socialmedicinsk mottagning och öppenpsykiatrin?", "socialmedicinsk"),
    ("Vad handlade Stor-NOSAM om hösten 2025?", "stor"),
    ("Vad erbjuder Folktandvården vård- och omsorgspersonal?", "folktandvård"),
    ("Vad var SAMLAs totala intäkter 2022?", "intäkter"),
    ("Hur samverkar grundskolan och gymnasiet kring elever i behov av särskilt stöd?", "gymnasi"),
    ("What is the purpose of NOSAM?", "nosam"),
    ("Vilka öppettider har Mini-Maria?", "öppettider"),
    ("Hur ansöker jag om parkeringstillstånd i Alingsås?", "hittar inget"),
    ("Vem ansvarar för SIP för barn och unga?", "sip"),
    ("Vad är Småbarnsteamet i Alingsås?", "småbarnsteam"),
    ("Vad är UPH?", "uph"),
    ("Vilka yrkespersoner deltar i småbarnsteamet?", "småbarnsteam"),
    ("Hur ofta möts NOSAM enligt mötesstrukturen?", "mötesstruktur"),
    ("När invigdes Mini-Maria?", "invigning"),
    ("Vilka är telefontiderna för Mini-Maria?", "telefontider"),
    ("Hur finansieras Mini Maria?", "mini"),
    ("Vad är närvaroteamet i Mölndal?", "närvaroteam"),
    ("Hur stor skolfrånvaro har barnen i närvaroteamets ärenden?", "frånvaro"),
    ("Vad innebär god och nära vård?", "nära vård"),
    ("Vad gör temagruppen för äldre?", "temagrupp"),
    ("Hur arbetar man med suicidprevention?", "suicidprevention"),
    ("Vilket bidrag ger Västra nämnden till SAMLA?", "västra nämnden"),
    ("Vad är den politiska samrådsgruppens roll?", "samrådsgrupp"),
    ("Hur utvärderas SIP som kvalitativt verktyg?", "sip"),
    ("Vad är en samordnad individuell plan?", "samordnad individuell plan"),
    ("Hur ska psykisk ohälsa hos barn upptäckas tidigt?", "psykisk"),
    ("Vad gör ungdomsmottagningen?", "ungdomsmottagning"),
    ("Vilka stimulansmedel finns för barn och unga?", "stimulansmedel"),
    ("Vad är Trygg digital uppväxt?", "digital"),
    ("Vilka aktiviteter finns för psykisk hälsa och missbruk?", "psykisk"),
    ("Vad gör Småbarnsteamet för barn med utvecklingsrelaterade svårigheter?", "småbarnsteam"),
    ("Vad står i årsrapporten om ekonomi 2025?", "ekonomi"),
]


@dataclass
class Tally:
    """What the clients saw: latencies in ms, and every error or mismatch described."""

    latencies: list[float] = field(default_factory=list)
    errors: list[str] = field(default_factory=list)
    lock: threading.Lock = field(default_factory=threading.Lock)

    def add(self, milliseconds: float, error: str | None) -> None:
        """Record one request."""
        with self.lock:
            self.latencies.append(milliseconds)
            if error:
                self.errors.append(error)


def rss_mb(pid: int) -> float:
    """The resident memory of a process in MB, from /proc."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmRSS:"):
            return int(line.split()[1]) / 1024
    raise AssertionError(f"no VmRSS for {pid}")


def settled_rss_mb(pid: int, limit: float = 30.0) -> float:
    """The resident memory once the server's one-time loading is over (it loads its question
    engine after its first answer): unchanged within 2 MB for 2 s, or whatever it is after `limit` s."""
    last, since = rss_mb(pid), time.monotonic()
    deadline = since + limit
    while time.monotonic() < deadline:
        time.sleep(0.25)
        now = rss_mb(pid)
        if abs(now - last) > 2:
            last, since = now, time.monotonic()
        elif time.monotonic() - since >= 2:
            break
    return last


def ask(connection: http.client.HTTPConnection, question: str) -> tuple[int, dict[str, object]]:
    """POST a question to /api/ask; return the status and the JSON body."""
    connection.request("POST", "/api/ask", body=json.dumps({"question": question}),
                       headers={"Content-Type": "application/json"})
    response = connection.getresponse()
    return response.status, json.loads(response.read())


def check(question: str, keyword: str, status: int, body: dict[str, object]) -> str | None:
    """Return what is wrong with an answer to `question`, or None."""
    if status != 200:
        return f"{status} for {question!r}: {body}"
    if body.get("question") != question:
        return f"asked {question!r}, got the answer to {body.get('question')!r}"
    rest = json.dumps({k: v for k, v in body.items() if k != "question"}, ensure_ascii=False).lower()
    if not body.get("answer") or keyword not in rest:
        return f"answer to {question!r} does not mention {keyword!r}"
    return None


def client(number: int, port: int, stop: threading.Event, tally: Tally) -> None:
    """Ask questions in turn, each tagged with this client's number and a counter, until told to stop."""
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
    sent = 0
    while not stop.is_set():
        base, keyword = QUESTIONS[(number * 7 + sent) % len(QUESTIONS)]
        question = f"{base} #k{number}n{sent}"
        started = time.perf_counter()
        try:
            status, body = ask(connection, question)
            error = check(question, keyword, status, body)
        except (OSError, http.client.HTTPException, ValueError) as exc:
            error = f"{type(exc).__name__}: {exc} for {question!r}"
            connection.close()
            connection = http.client.HTTPConnection("127.0.0.1", port, timeout=120)
        tally.add((time.perf_counter() - started) * 1000, error)
        sent += 1
    connection.close()


def percentile(values: list[float], share: float) -> float:
    """The value below which `share` of the values fall (nearest rank)."""
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, max(0, round(share * len(ordered)) - 1))]


def test_sixteen_clients_for_a_minute_with_a_reindex_midway(sample_settings: Any, sample_index: Path, tmp_path: Path) -> None:
    corpus, index = tmp_path / "corpus", tmp_path / "index"
    shutil.copytree(sample_settings.corpus, corpus)
    shutil.copytree(sample_index, index, ignore=shutil.ignore_patterns(".lock"))
    tally = Tally()
    stop = threading.Event()
    with live_server(corpus, index) as (server, port):
        warm = http.client.HTTPConnection("127.0.0.1", port, timeout=300)
        for base, keyword in QUESTIONS[:3]:
            assert check(base, keyword, *ask(warm, base)) is None
        rss_start = settled_rss_mb(server.pid)
        threads = [threading.Thread(target=client, args=(n, port, stop, tally)) for n in range(CLIENTS)]
        began = time.monotonic()
        for thread in threads:
            thread.start()
        rss_samples = [rss_start]
        reindex: subprocess.Popen[bytes] | None = None
        reindex_seconds = rss_before_reindex = 0.0
        while True:
            time.sleep(1)
            elapsed = time.monotonic() - began
            rss_samples.append(rss_mb(server.pid))
            if reindex is None and elapsed >= REINDEX_AT:
                rss_before_reindex = rss_samples[-1]
                (corpus / NEW_DOCUMENT).write_text(NEW_TEXT, encoding="utf-8")
                reindex_began = time.monotonic()
                reindex = subprocess.Popen([CLI, "index", "--corpus", str(corpus), "--index", str(index)],
                                           stdout=subprocess.DEVNULL, stderr=subprocess.DEVNULL)
            if reindex is not None and reindex.poll() is not None and not reindex_seconds:
                reindex_seconds = time.monotonic() - reindex_began
            if (elapsed >= SECONDS and reindex_seconds) or elapsed >= SECONDS + GRACE:
                break
        stop.set()
        for thread in threads:
            thread.join(150)
        seconds = time.monotonic() - began
        rss_end = rss_mb(server.pid)
        assert reindex is not None and reindex.wait(60) == 0
        # The server switched to the new index live: the new document is listed and answers.
        warm.request("GET", "/documents")
        assert "lakemedelsgenomgang-hemtjanst-txt" in warm.getresponse().read().decode()
        status, body = ask(warm, "När gör sjuksköterskan en läkemedelsgenomgång i hemtjänsten?")
        assert status == 200 and "läkemedel" in json.dumps(body, ensure_ascii=False)
        warm.close()

    latencies = tally.latencies
    report = {
        "clients": CLIENTS, "seconds": round(seconds, 1), "requests": len(latencies),
        "requests_per_second": round(len(latencies) / seconds, 2),
        "p50_ms": round(percentile(latencies, 0.50)), "p95_ms": round(percentile(latencies, 0.95)),
        "p99_ms": round(percentile(latencies, 0.99)), "mean_ms": round(statistics.fmean(latencies)),
        "errors": len(tally.errors), "reindex_seconds": round(reindex_seconds, 1),
        "rss_start_mb": round(rss_start, 1), "rss_before_reindex_mb": round(rss_before_reindex, 1),
        "rss_end_mb": round(rss_end, 1), "rss_max_mb": round(max(rss_samples), 1),
    }
    RESULTS.mkdir(exist_ok=True)
    (RESULTS / "loadtest.json").write_text(json.dumps({**report, "error_samples": tally.errors[:20]}, indent=2,
                                                      ensure_ascii=False) + "\n", encoding="utf-8")
    print("\n" + "\n".join(f"{name:>20}  {value}" for name, value in report.items()))
    assert tally.errors == []
    assert len(latencies) >= CLIENTS and seconds >= SECONDS
    assert rss_end < rss_start * 1.5 + 50
