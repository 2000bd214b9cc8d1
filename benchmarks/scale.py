"""Wall time and peak memory by stage at 1,000, 10,000 and 100,000 passages, full and
incremental, and the same passages through BERTopic, as the ratio coprod / BERTopic.

    .venv/bin/python benchmarks/scale.py [--sizes 1000 10000 100000] [--backend onnx-int8]
                                         [--no-bertopic] [--out outputs/bench]

Corpus: documents of two shared AG News items each (item i with item i+1+r for repeat r),
so every document is one distinct passage of about 450 characters; a genre and a year are
assigned round-robin. Each size runs in a subprocess of its own (its peak memory is its own):
a full refresh into a new database (with the report), then two incremental refreshes, each
after 1% more documents. BERTopic 0.17 (defaults: UMAP + HDBSCAN + c-TF-IDF) is then fitted
on the same passages with the same vectors, and timed end to end (preparing, plus coprod's
embedding time for the same vectors, plus its fit); and fitted again on all documents after
the 2% more, as BERTopic has no incremental refresh (charged only the last 1%'s embedding
time), to compare with coprod's second refresh.
Peak memory per stage is the largest resident set seen while the stage ran (sampled every
50 ms). BERTopic needs the ``benchmark`` extra.

Since preparing and embedding are charged to both, coprod / BERTopic cannot go below their
share of BERTopic's time however fast coprod's own stages are: the table prints that floor,
and coprod's modelling stages (themes, lineage, concepts, map) beside BERTopic's fit.
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import threading
import time
from pathlib import Path

import numpy as np

ROOT = Path(__file__).resolve().parents[1]
AGNEWS = ROOT.parent / "shared" / "benchmarks" / "agnews.jsonl"
GENRES = ["abstract", "blog", "forum", "encyclopedia"]
# coprod's stages that do what BERTopic's fit does (themes, their keywords and labels, a map);
# store and report have no counterpart in BERTopic and are left out of that comparison.
MODELLING = ("themes", "lineage", "overrides", "concepts", "map")


def write_corpus(path: Path, start: int, count: int) -> None:
    items = [json.loads(line)["text"] for line in AGNEWS.open(encoding="utf-8")]
    n = len(items)
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.open("w", encoding="utf-8") as out:
        for k in range(start, start + count):
            a, r = k % n, k // n
            text = f"{items[a]} {items[(a + 1 + r) % n]}"
            out.write(json.dumps({"id": f"doc-{k}", "text": text, "genre": GENRES[k % 4],
                                  "date": f"{2015 + k % 10}-06-01"}) + "\n")


class PeakMemory:
    """Largest resident set size (MB) seen while each labelled stage ran."""

    def __init__(self) -> None:
        self.label = "setup"
        self.peaks: dict[str, float] = {}
        self.seconds: dict[str, float] = {}
        self._stop = threading.Event()

    @staticmethod
    def rss_mb() -> float:
        with open("/proc/self/status") as status:
            for line in status:
                if line.startswith("VmRSS:"):
                    return int(line.split()[1]) / 1024
        return 0.0

    def _sample(self) -> None:
        while not self._stop.wait(0.05):
            self.peaks[self.label] = max(self.peaks.get(self.label, 0.0), self.rss_mb())

    def __enter__(self) -> "PeakMemory":
        threading.Thread(target=self._sample, daemon=True).start()
        return self

    def __exit__(self, *exc) -> None:
        self._stop.set()

    def stages(self):
        """Every stage of a refresh (``pipeline.refresh.Stages``) timed and measured under its name."""
        from pipeline import refresh

        return refresh.Stages(**{name: self.wrap(name, getattr(refresh.Stages(), name))
                                 for name in refresh.Stages.__dataclass_fields__})

    def wrap(self, label: str, fn):
        def run(*args, **kwargs):
            self.label = label
            start = time.perf_counter()
            try:
                return fn(*args, **kwargs)
            finally:
                self.peaks[label] = max(self.peaks.get(label, 0.0), self.rss_mb())
                self.seconds[label] = self.seconds.get(label, 0.0) + time.perf_counter() - start
        return run


def scale_settings(backend: str, models: Path):
    """The settings every scale run uses: ``backend`` (its exported models in ``models``), the
    bundled taxonomy, and no relevance filter."""
    from pipeline.settings import Settings

    settings = Settings().replace("embedding", backend=backend, artifacts_dir=str(models))
    settings = settings.replace("themes", taxonomy=str(ROOT / "corpora" / "taxonomy.toml"))
    # the corpus is news, not co-production: the relevance filter would keep most of it out of
    # the themes, and what is measured here is the cost of modelling all of it
    return settings.replace("relevance", enabled=False)


def one_size(size: int, backend: str, out: Path, bertopic: bool) -> dict:
    """Runs inside the subprocess for one corpus size."""
    from pipeline import refresh as stages
    from pipeline.report.build import build_report

    work = out / f"scale-{size}"
    corpus = work / "corpus"
    db = work / "scale.duckdb"
    for path in (db, *work.glob("scale.duckdb*"), *corpus.glob("added*.jsonl")):
        path.unlink(missing_ok=True) if path.is_file() else None
    write_corpus(corpus / "base.jsonl", 0, size)
    settings = scale_settings(backend, out / "models")
    result: dict = {"size": size, "backend": backend}
    step = max(1, size // 100)
    # Two refreshes of 1% more documents each: the first may be the one that crosses 100,000
    # passages and builds the HNSW index; the second is a refresh as most scheduled ones are.
    for phase in ("full", "incremental", "second"):
        if phase != "full":
            added = "added.jsonl" if phase == "incremental" else "added-2.jsonl"
            write_corpus(corpus / added, size + step * (phase == "second"), step)
        memory = PeakMemory()
        fns = memory.stages()
        with memory:
            start = time.perf_counter()
            run_id, record = stages.run_stages(corpus, db, settings, fns=fns)
            report = memory.wrap("report", build_report)(db, work / f"report-{phase}.html", run_id)
            total = time.perf_counter() - start
        seconds = memory.seconds
        result[phase] = {"seconds": round(total, 1), "passages": len(record.passages),
                         "modelled": len(record.themes.assignments), "themes": len(record.themes.themes),
                         "stage_seconds": {k: round(v, 1) for k, v in seconds.items()},
                         "stage_peak_mb": {k: round(v) for k, v in memory.peaks.items()},
                         "peak_mb": round(max(memory.peaks.values())),
                         "report_mb": round(report.stat().st_size / 1e6, 1)}
        print(json.dumps({phase: result[phase]}), file=sys.stderr, flush=True)
    if bertopic:
        result["bertopic"] = run_bertopic(corpus / "base.jsonl", db, settings, result["full"]["stage_seconds"])
        # BERTopic has no incremental refresh: 1% more documents means fitting all of them
        # again (charged only the new vectors' embedding, as if their user cached the rest).
        result["bertopic_refit"] = run_bertopic(corpus, db, settings, result["second"]["stage_seconds"],
                                                warm_up=False)  # compiled by the first fit's warm-up
    return result


def warm_up_bertopic(texts: list[str], vectors: np.ndarray) -> None:
    """UMAP, pynndescent and HDBSCAN compile their numba functions on first use, for each
    type of input (10-40 s): a fit on 5,000 of the same passages and vectors first, so that
    BERTopic's timed fit is charged its work, not the compiling. Over 4,096 points, UMAP
    switches to approximate neighbours, whose functions are then compiled too."""
    from bertopic import BERTopic

    rows = np.random.default_rng(0).permutation(len(texts))[:5000]
    BERTopic(verbose=False).fit_transform([texts[i] for i in rows], vectors[rows])


def run_bertopic(corpus: Path, db: Path, settings, coprod_seconds: dict, warm_up: bool = True) -> dict:
    """BERTopic on the passages coprod modelled, with the vectors coprod stored: embedding them
    again with the same backend would cost what coprod's embed stage cost, so that time is
    counted instead of spent twice. Preparing is timed afresh (same code as coprod's)."""
    from bertopic import BERTopic

    from pipeline import refresh as stages
    from pipeline.store.reader import cached_embeddings

    start = time.perf_counter()
    documents, _ = stages.ingest(corpus, settings)
    used = stages.modelled(stages.split(documents, settings))
    prepared = time.perf_counter() - start
    model_id = stages.make_embedder(settings).model_id
    stored = cached_embeddings(db, model_id, [p.text_hash for p in used])
    vectors = np.vstack([stored[p.text_hash] for p in used])
    if warm_up:
        warm_up_bertopic([p.text for p in used], vectors)
    start = time.perf_counter()
    topics, _ = BERTopic(verbose=False).fit_transform([p.text for p in used], vectors)
    fitted = time.perf_counter() - start
    embedded = coprod_seconds["embed"]
    return {"seconds": round(prepared + embedded + fitted, 1), "prepare_seconds": round(prepared, 1),
            "embed_seconds": round(embedded, 1), "fit_seconds": round(fitted, 1),
            "topics": len(set(topics) - {-1}), "outliers": round(sum(t == -1 for t in topics) / len(topics), 3)}


def open_seconds(report: Path) -> dict:
    """Seconds until the report's page has loaded and its theme map is drawn, in headless
    Chromium (Debian's package), and the number of points on the map."""
    import shutil

    from playwright.sync_api import sync_playwright

    chromium = shutil.which("chromium")
    if chromium is None:
        return {}
    args = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
            "--disable-background-networking", "--disable-component-update", "--disable-sync"]
    with sync_playwright() as playwright:
        browser = playwright.chromium.launch(executable_path=chromium, args=args)
        try:
            page = browser.new_page(viewport={"width": 1280, "height": 900})
            start = time.perf_counter()
            page.goto(report.resolve().as_uri())
            page.wait_for_load_state("load")
            loaded = time.perf_counter() - start
            page.wait_for_selector("#theme-map .main-svg")
            drawn = time.perf_counter() - start
            points = page.evaluate("document.getElementById('theme-map').data.reduce((n, t) => n + t.x.length, 0)")
        finally:
            browser.close()
    return {"load_seconds": round(loaded, 2), "map_drawn_seconds": round(drawn, 2), "map_points": points}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[1000, 10000, 100000])
    parser.add_argument("--backend", default="onnx-int8")
    parser.add_argument("--no-bertopic", action="store_true")
    parser.add_argument("--out", type=Path, default=ROOT / "outputs" / "bench")
    parser.add_argument("--one", type=int, help=argparse.SUPPRESS)  # the per-size subprocess
    args = parser.parse_args()
    if args.one:
        print(json.dumps(one_size(args.one, args.backend, args.out, not args.no_bertopic)))
        return
    from pipeline.embed.backends import make_embedder
    from pipeline.settings import Settings

    # Exporting or distilling the backend's model happens once per machine, not per run.
    make_embedder(Settings().replace("embedding", backend=args.backend,
                                     artifacts_dir=str(args.out / "models")).embedding).embed(["warm-up"])
    results = []
    for size in args.sizes:
        command = [sys.executable, __file__, "--one", str(size), "--backend", args.backend, "--out", str(args.out)]
        command += ["--no-bertopic"] if args.no_bertopic else []
        done = subprocess.run(command, stdout=subprocess.PIPE, text=True, check=True)  # stderr: progress
        results.append(json.loads(done.stdout.strip().splitlines()[-1]))
        results[-1]["full"]["report_open"] = open_seconds(args.out / f"scale-{size}" / "report-full.html")
        print(json.dumps(results[-1]), flush=True)
    (args.out / f"scale-{args.backend}.json").write_text(json.dumps(results, indent=2))
    print("\n| passages | full s | +1% refresh s | another +1% s | peak MB | report MB | report opens (s) "
          "| BERTopic s | coprod / BERTopic | floor | modelling: coprod / BERTopic fit | BERTopic refit s "
          "| another +1% / refit |")
    print("|---|---|---|---|---|---|---|---|---|---|---|---|---|")
    for r in results:
        bt = r.get("bertopic", {})
        refit = r.get("bertopic_refit", {}).get("seconds")
        ratio = f"{r['full']['seconds'] / bt['seconds']:.2f}" if bt else "—"
        again = f"{r['second']['seconds'] / refit:.2f}" if refit else "—"
        # The floor is the ratio coprod would reach if its own stages took no time at all:
        # preparing and embedding are charged to both, so no change to coprod's modelling can
        # take the ratio below the share they make of BERTopic's time.
        shared = bt and bt["prepare_seconds"] + bt["embed_seconds"]
        floor = f"{shared / bt['seconds']:.2f}" if bt else "—"
        own = sum(r["full"]["stage_seconds"].get(s, 0.0) for s in MODELLING)
        modelling = f"{own:.1f} / {bt['fit_seconds']} = {own / bt['fit_seconds']:.2f}" if bt else "—"
        print(f"| {r['full']['modelled']:,} | {r['full']['seconds']} | {r['incremental']['seconds']} "
              f"| {r['second']['seconds']} "
              f"| {r['full']['peak_mb']} | {r['full']['report_mb']} "
              f"| {r['full']['report_open'].get('map_drawn_seconds', '—')} | {bt.get('seconds', '—')} | {ratio} "
              f"| {floor} | {modelling} | {refit or '—'} | {again} |")


if __name__ == "__main__":
    main()
