"""Relevance and concept figures for docs/benchmarks.md, on real pages nobody here wrote.

    .venv/bin/python -m benchmarks.relevance [FOLDER] [--cache FILE.npz]

FOLDER has the layout of ../shared/realpages (the default): ``docs/*.txt`` and a
``manifest.jsonl`` with ``file``, ``on_topic`` and ``themes`` per page. The pages go through the
real ingestion (genre parsers, cleaning), passages and the configured embedding backend, then
the relevance filter with the default settings. Printed: off-topic recall and the share of
on-topic pages flagged, the score distribution of each group, the figures at other thresholds,
a two-fold check (the threshold chosen on one half of the pages, measured on the other), and
the concepts' top-3 hit rate: an on-topic page's three strongest concepts (mean similarity of
its passages) include one of the themes its manifest names (LABEL_CONCEPTS maps the labels).
``--cache`` keeps the passage vectors between runs (keyed by text hash); ``--themes`` also
refreshes the pages into a scratch database with the filter off and on and counts the themes
made mostly of off-topic pages; ``--flag-rate CORPUS`` only counts what the filter flags in an
unlabelled corpus folder. The ROC AUC lines score the documents with fewer parts of the score.
"""

from __future__ import annotations

import argparse
import json
import tempfile
from collections import Counter
from pathlib import Path

import duckdb
import numpy as np
from sklearn.metrics import roc_auc_score

from pipeline.model import modelled, short_hash
from pipeline.refresh import ingest, make_embedder, refresh, split
from pipeline.relevance.prototypes import embed_prototypes, load_field, load_off_field
from pipeline.relevance.score import score_documents
from pipeline.settings import load_settings
from pipeline.themes.concepts import document_concepts, load_taxonomy

ROOT = Path(__file__).resolve().parents[1]
REALPAGES = ROOT.parent / "shared" / "realpages"
TAXONOMY = ROOT / "corpora" / "taxonomy.toml"

# The manifest's theme labels and the taxonomy's concept ids they name.
LABEL_CONCEPTS = {
    "co-design": {"co-design"}, "co-delivery": {"co-delivery"}, "co-assessment": {"co-assessment"},
    "co-governance/co-management": {"co-governance", "co-management"},
    "co-produced knowledge": {"co-produced-knowledge"}, "value co-creation": {"value-co-creation"},
    "public value": {"public-value"}, "service-dominant logic": {"service-dominant-logic"},
    "participatory design": {"participatory-design"}, "citizen engagement": {"citizen-engagement"},
    "living labs/urban innovation": {"living-labs"}, "health and social care": {"health-social-care-integration"},
    "climate services": {"climate-services"}, "commissioning and funding": {"commissioning-and-funding"},
    "scaling co-production": {"scaling"}, "professional skills and culture": {"professional-skills-culture"},
    "digital co-production": {"digital-co-production"},
}


def vectors_for(texts: list[str], embedder, cache: Path | None) -> np.ndarray:
    stored = dict(np.load(cache)) if cache and cache.is_file() else {}
    keys = [f"{embedder.model_id}:{short_hash(t, length=40)}" for t in texts]
    todo = [t for t, k in zip(texts, keys) if k not in stored]
    if todo:
        stored.update(zip([k for k in keys if k not in stored], embedder.embed(todo)))
        if cache:
            np.savez(cache, **stored)
    return np.vstack([stored[k] for k in keys]).astype(np.float32)


def flagged_share(scores: np.ndarray, threshold: float) -> float:
    return float((scores < threshold).mean()) if len(scores) else float("nan")


def best_threshold(on: np.ndarray, off: np.ndarray, max_false: float = 0.04) -> float:
    """The highest threshold flagging at most ``max_false`` of the on-topic pages."""
    candidates = sorted(set(np.round(np.concatenate([on, off]), 4)) | {-1.0})
    ok = [t for t in candidates if flagged_share(on, t) <= max_false]
    return max(ok)


def judge(folder: Path, cache: Path | None):
    settings = load_settings()  # COPROD_RELEVANCE__THRESHOLD=... and the like apply
    documents, errors = ingest(folder, settings)
    passages = modelled(split(documents, settings))
    embedder = make_embedder(settings)
    vectors = vectors_for([p.text for p in passages], embedder, cache)
    prototypes = embed_prototypes(embedder, load_taxonomy(TAXONOMY), load_off_field(TAXONOMY), load_field(TAXONOMY))
    verdicts = score_documents([p.doc_id for p in passages], vectors, prototypes,
                               threshold=settings.relevance.threshold, corpus_weight=settings.relevance.corpus_weight)
    return settings, documents, errors, passages, embedder, vectors, verdicts


def flag_rate(folder: Path, cache: Path | None) -> None:
    """How much of a corpus that is all on topic (or all off topic) the filter flags."""
    _, documents, _, _, _, _, verdicts = judge(folder, cache)
    flagged = sum(v.off_topic for v in verdicts)
    print(f"{folder}: {flagged}/{len(verdicts)} documents flagged off-topic ({flagged / max(len(verdicts), 1):.3f})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("folder", nargs="?", type=Path, default=REALPAGES)
    parser.add_argument("--cache", type=Path, default=None)
    parser.add_argument("--pages", action="store_true", help="print every page's score, lowest first")
    parser.add_argument("--themes", action="store_true",
                        help="also refresh the pages with the filter on and off and count off-topic themes")
    parser.add_argument("--flag-rate", type=Path, default=None, metavar="CORPUS",
                        help="only count the documents of an unlabelled corpus folder the filter flags")
    args = parser.parse_args()
    if args.flag_rate:
        return flag_rate(args.flag_rate, args.cache)
    manifest = {json.loads(line)["file"]: json.loads(line)
                for line in (args.folder / "manifest.jsonl").read_text(encoding="utf-8").splitlines() if line.strip()}
    settings, documents, errors, passages, embedder, vectors, verdicts = judge(args.folder / "docs", args.cache)
    by_doc = {d.doc_id: manifest.get(f"docs/{d.source_uri}") for d in documents}
    judged = {v.doc_id: v for v in verdicts if by_doc.get(v.doc_id)}
    on = np.array([v.score for d, v in judged.items() if by_doc[d]["on_topic"]])
    off = np.array([v.score for d, v in judged.items() if not by_doc[d]["on_topic"]])
    n_on = sum(1 for m in manifest.values() if m["on_topic"])
    n_off = len(manifest) - n_on
    caught = sum(v.off_topic for d, v in judged.items() if not by_doc[d]["on_topic"])
    wrong = sum(v.off_topic for d, v in judged.items() if by_doc[d]["on_topic"])
    print(f"pages {len(manifest)} ({n_on} on-topic, {n_off} off-topic); {len(documents)} read, {len(errors)} errors; "
          f"{len(judged)} with English passages judged")
    print(f"threshold {settings.relevance.threshold:.3f}, corpus weight {settings.relevance.corpus_weight}")
    print(f"off-topic recall        {caught}/{len(off)} = {caught / max(len(off), 1):.3f}")
    print(f"on-topic pages flagged  {wrong}/{len(on)} = {wrong / max(len(on), 1):.3f}")
    for name, scores in (("on-topic", on), ("off-topic", off)):
        q = np.quantile(scores, [0, 0.1, 0.25, 0.5, 0.75, 0.9, 1]) if len(scores) else []
        print(f"scores {name:10s} min/p10/p25/median/p75/p90/max " + " ".join(f"{x:+.3f}" for x in q))
    if args.pages:
        for d, v in sorted(judged.items(), key=lambda item: item[1].score):
            print(f"{v.score:+.3f} {'on ' if by_doc[d]['on_topic'] else 'OFF'} {by_doc[d]['file']:32s} "
                  f"field {v.field_similarity:.2f} off {v.off_field_similarity:.2f} ({v.nearest_off_field}) "
                  f"corpus {v.corpus_similarity:+.2f}")
    print("\nthreshold  recall  on-topic flagged")
    for t in np.arange(-0.05, 0.1751, 0.025):
        print(f"{t:+.3f}     {flagged_share(off, t):.3f}   {flagged_share(on, t):.3f}")
    # two folds by page order: the threshold is chosen on one half, measured on the other
    docs = sorted(judged, key=lambda d: by_doc[d]["file"])
    for fold in (0, 1):
        fit = [d for i, d in enumerate(docs) if i % 2 == fold]
        test = [d for i, d in enumerate(docs) if i % 2 != fold]

        def split_scores(ids):
            return (np.array([judged[d].score for d in ids if by_doc[d]["on_topic"]]),
                    np.array([judged[d].score for d in ids if not by_doc[d]["on_topic"]]))

        t = best_threshold(*split_scores(fit))
        test_on, test_off = split_scores(test)
        print(f"fold {fold}: threshold {t:+.3f} chosen on {len(fit)} pages; on the other {len(test)}: "
              f"recall {flagged_share(test_off, t):.3f}, on-topic flagged {flagged_share(test_on, t):.3f}")
    ablation(passages, vectors, embedder, judged, by_doc)
    kept = [i for i, p in enumerate(passages) if not judged.get(p.doc_id) or not judged[p.doc_id].off_topic]
    concept_ids = [c.concept_id for c in load_taxonomy(TAXONOMY)]
    concept_vectors = embedder.embed([f"{c.name}. {c.description}" for c in load_taxonomy(TAXONOMY)])
    rows = document_concepts([passages[i].doc_id for i in kept], vectors[kept] @ concept_vectors.T, concept_ids)
    top: dict[str, set[str]] = {}
    for doc_id, concept, _, _ in rows:
        top.setdefault(doc_id, set()).add(concept)
    hits = sum(1 for d, m in by_doc.items() if m and m["on_topic"]
               and top.get(d, set()) & set().union(*(LABEL_CONCEPTS[t] for t in m["themes"])))
    english = sum(1 for d in judged if by_doc[d]["on_topic"])
    print(f"\nconcepts top-3 hit rate  {hits}/{n_on} on-topic pages = {hits / n_on:.3f} "
          f"({hits}/{english} of those with English passages = {hits / max(english, 1):.3f})")

    if args.themes:
        for enabled in (False, True):
            themes_with_off_topic(args.folder, manifest, enabled)


def ablation(passages, vectors, embedder, judged, by_doc) -> None:
    """ROC AUC of the document score built from fewer of its parts (same best-passages mean)."""
    docs = sorted(judged)
    labels = [by_doc[d]["on_topic"] for d in docs]
    full = embed_prototypes(embedder, load_taxonomy(TAXONOMY), load_off_field(TAXONOMY), load_field(TAXONOMY))
    concepts_only = embed_prototypes(embedder, load_taxonomy(TAXONOMY), [], [])
    print("\nROC AUC of the document score (on-topic vs off-topic pages)")
    for name, protos, weight in (("concepts' similarity only", concepts_only, 0.0),
                                 ("+ [[field]], minus the nearest [[off_field]] sense", full, 0.0),
                                 ("+ corpus core (the default score)", full, None)):
        weight = load_settings().relevance.corpus_weight if weight is None else weight
        verdicts = {v.doc_id: v.score for v in score_documents(
            [p.doc_id for p in passages], vectors, protos, threshold=0.0, corpus_weight=weight)}
        print(f"  {name:52s} {roc_auc_score(labels, [verdicts[d] for d in docs]):.3f}")


def themes_with_off_topic(folder: Path, manifest: dict, enabled: bool) -> None:
    """Refresh the pages into a scratch database; themes whose passages are mostly off-topic pages."""
    settings = load_settings().replace("relevance", enabled=enabled).replace("store", keep_snapshots=0)
    with tempfile.TemporaryDirectory() as scratch:
        db = Path(scratch) / "pages.duckdb"
        refresh(folder / "docs", db, None, settings)
        con = duckdb.connect(str(db), read_only=True)
        rows = con.execute("""SELECT pt.theme_id, d.source_uri FROM passage_themes pt JOIN v_latest_run r USING (run_id)
                              JOIN passages p USING (passage_id) JOIN documents d USING (doc_id)""").fetchall()
        con.close()
    on, off = Counter(), Counter()
    for theme, uri in rows:
        (on if manifest[f"docs/{uri}"]["on_topic"] else off)[theme] += 1
    themes = set(on) | set(off)
    mostly = sum(1 for t in themes if off[t] > on[t])
    print(f"refresh with the filter {'on ' if enabled else 'off'}: {len(themes)} themes, {mostly} mostly off-topic "
          f"passages, {sum(off.values())} off-topic passages themed")


if __name__ == "__main__":
    main()
