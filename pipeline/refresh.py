"""The stages of a refresh as plain functions, and ``refresh`` which runs them in order.

``flows/refresh.py`` wraps each stage function in a Prefect task; this module runs the same
stages without Prefect, for notebooks and scripts.
"""

from __future__ import annotations

import logging
from dataclasses import dataclass, field, replace
from functools import partial
from datetime import datetime, timezone
from pathlib import Path
from typing import Callable

import numpy as np

from pipeline.attempts import Attempt
from pipeline.embed.base import Embedder
from pipeline.embed.cache import EmbeddingResult, embed_passages
from pipeline.embed.chunks import embed_chunk
from pipeline.embed.progress import map_with_progress
from pipeline.embed.backends import make_embedder as embedding_backend
from pipeline.errors import CoprodError, NoUsableDocumentsError
from pipeline.fetch.stage import Fetched, fetch, read_sources
from pipeline.clean.passage_flags import flag_passages, passage_signatures
from pipeline.model import Document, IngestError, Passage, ThemeModel, modelled
from pipeline.partition import ChunkMap, chunked, local_map, serial_map
from pipeline.passages import split_documents
from pipeline.prepare import prepare_documents
from pipeline.prepared_cache import code_fingerprint, raw_hash
from pipeline.relevance.filter import judge_documents, leave_out, leave_out_documents
from pipeline.relevance.score import DocumentRelevance
from pipeline.report.build import build_report
from pipeline.settings import Settings, ThemeSettings
from pipeline.store.edit_journal import merge_journal, reapply_all
from pipeline.store.publish import keep_snapshot, publish
from pipeline.store.reader import (cached_documents, cached_embeddings, known_languages,
                                   latest_document_versions, previous_themes, theme_overrides)
from pipeline.store.search import build_search_index
from pipeline.store.snapshot import snapshot_views
from pipeline.store.writer import RunRecord, write_run
# the stages after the themes are found, kept in their own module; named here for Stages
from pipeline.theme_stages import context, labels, lineage, overrides, subthemes, theme_map  # noqa: F401
from pipeline.themes.build import find_themes, texts_by_theme
from pipeline.themes.concepts import load_taxonomy, match_concepts
from pipeline.themes.lineage import PreviousThemes
from pipeline.themes.overrides import SET_ASIDE

log = logging.getLogger("coprod")
# Passages signed for the duplicate check per chunk: a corpus of fewer is signed in-process,
# where starting worker processes would cost more than they save.
SIGNATURES_PER_CHUNK = 10_000


class Unwalked:
    """Holds a value where code that walks every field of a dataclass does not look: Prefect
    visits all that a flow returns, looking for futures to resolve, which for AG News's theme
    model (a theme, a score, a map point per passage) took about 2 s, growing with the corpus."""

    __slots__ = ("value",)

    def __init__(self, value) -> None:
        self.value = value


@dataclass
class RefreshResult:
    run_id: str
    db_path: Path
    report_path: Path | None
    n_documents: int
    n_passages: int
    n_modelled: int
    embeddings_computed: int
    embeddings_reused: int
    theme_model: Unwalked = field(repr=False)  # the ThemeModel; read it as ``themes``
    errors: list[IngestError] = field(default_factory=list)
    # documents since the last run: new, changed, unchanged, retired
    document_changes: dict[str, int] = field(default_factory=dict)
    # what the manifest's live sources gave (None: it names none)
    fetched: Fetched | None = None
    # documents judged (0 = the relevance filter was off), and the off-topic ones: (source, reason)
    n_judged: int = 0
    off_topic: list[tuple[str, str]] = field(default_factory=list)

    @property
    def themes(self) -> ThemeModel:
        return self.theme_model.value


def now() -> datetime:
    return datetime.now(timezone.utc).replace(tzinfo=None)


def ingest(corpus_dir: str | Path, settings: Settings | None = None,
           db_path: str | Path | None = None, chunk_map: ChunkMap | None = None,
           fetched: Fetched | None = None) -> tuple[list[Document], list[IngestError]]:
    """Read and clean every document of the folder; per-document failures are returned.
    With a database, documents prepared before from the same raw input are reused. The
    cleaning runs in chunks through ``chunk_map`` (on Dask workers, in the flow; by default on
    ``parallel.prepare_processes`` local processes). Documents
    ``fetched`` from live sources are read along with the folder's files."""
    settings = settings or Settings()
    raws, errors = read_sources(corpus_dir, settings, fetched)
    hashes = [raw_hash(raw) for raw in raws]
    cached = cached_documents(db_path, hashes, code_fingerprint()) if db_path else {}
    todo = [raw for raw, h in zip(raws, hashes) if h not in cached]
    prepared, rejected = [], []
    chunk_map = chunk_map or local_map(settings.parallel.prepare_processes)
    for documents, bad in chunk_map(prepare_documents, chunked(todo, settings.parallel.documents_per_chunk)):
        prepared.extend(documents)
        rejected.extend(bad)
    fresh = {d.source_hash: d for d in prepared}
    documents = [cached.get(h) or fresh[h] for h in hashes if h in cached or h in fresh]
    errors = errors + rejected
    if not documents:
        first = f"{errors[0].source_uri}: {errors[0].message}" if errors else "nothing readable"
        raise NoUsableDocumentsError(str(corpus_dir), len(errors), first)
    log.info("ingested %d documents from %s (%d unchanged since the last run, %d errors)",
             len(documents), corpus_dir, len(cached), len(errors))
    return documents, errors


def split(documents: list[Document], settings: Settings, db_path: str | Path | None = None) -> list[Passage]:
    """Passages of every document, flagged for language and duplicates (the language of a
    passage the database has seen before is taken from there)."""
    passages = split_documents(documents, settings.passages)
    known = known_languages(db_path, [p.text_hash for p in passages]) if db_path else {}
    # A passage that is its whole document (an abstract, a news item) has the language
    # detected for the document from the same text: detecting it again costs time for nothing.
    by_id = {d.doc_id: d for d in documents}
    whole = {p.text_hash: by_id[p.doc_id].language for p in passages
             if p.doc_id in by_id and p.text == by_id[p.doc_id].text}
    names = {d.doc_id: d.external_id for d in documents}
    # The MinHash signatures are most of the check's time (12 s at 100,000 passages): signed
    # on the local worker processes the documents were prepared on, when there are chunks enough.
    texts = chunked([p.text for p in passages], SIGNATURES_PER_CHUNK)
    signed = local_map(settings.parallel.prepare_processes)(passage_signatures, texts)
    passages = flag_passages(passages, {**whole, **known}, stored=set(known), names=names,
                             signed=np.vstack(signed) if signed else None)
    if not modelled(passages):
        raise CoprodError("no passages to model: every passage is excluded (references, duplicates, "
                          "other languages, excluded at screening)")
    return passages


def embed(passages: list[Passage], db_path: str | Path, settings: Settings,
          embedder: Embedder | None = None, chunk_map: ChunkMap = serial_map) -> EmbeddingResult:
    """Embed the modelled passages, reusing vectors the database holds for the same model.
    New passages are embedded in chunks through ``chunk_map``: here by ``embedder``, or, when
    the flow maps chunks onto Dask workers, by the backend the settings name on each worker."""
    embedder = embedder or make_embedder(settings)
    used = modelled(passages)
    cached = cached_embeddings(db_path, embedder.model_id, [p.text_hash for p in used])
    work = embedder.embed if chunk_map is serial_map else partial(embed_chunk, settings=settings.embedding)

    def embed_texts(texts: list[str]) -> np.ndarray:
        chunks = chunked(texts, settings.parallel.passages_per_chunk)
        if chunk_map is not serial_map:  # chunks on Dask workers report there
            return np.vstack(chunk_map(work, chunks))
        return np.vstack(map_with_progress(work, chunks, len(texts)))

    return embed_passages(used, embedder, cached, embed_texts)


def themes(passages: list[Passage], embeddings: EmbeddingResult, settings: Settings,
           previous: PreviousThemes | None = None) -> ThemeModel:
    """Themes of the modelled passages. When the last run (``previous``) saw all but a small
    share (``themes.refit_share``) of them, its themes are kept instead of searching for their
    number again (the spectral fit: each seen passage's theme, ``ThemeClusterer.fit``'s
    ``known``; k-means: one fit from that run's theme centres): faster, and the themes stay put."""
    used = modelled(passages)
    warm = known = None
    if previous is not None and used and settings.themes.n_themes == 0:
        new_share = sum(p.passage_id not in previous.members for p in used) / len(used)
        if new_share <= settings.themes.refit_share:
            warm = previous.centroids
            position = {theme: i for i, theme in enumerate(previous.theme_ids)}
            known = np.array([position.get(previous.members.get(p.passage_id), -1) for p in used], dtype=int)
            log.info("%.1f%% of passages are new: starting from the %d themes of %s", 100 * new_share,
                     len(warm), previous.run_id)
    return find_themes(used, embeddings.vectors, settings.themes, warm_start=warm, known=known)


def make_embedder(settings: Settings) -> Embedder:
    """The configured embedding backend; the model itself loads on first use."""
    return embedding_backend(settings.embedding)


def taxonomy_file(settings: Settings) -> Path | None:
    """The taxonomy file, or None when none is set or the default file is absent (a named file
    that is missing is the user's error, raised when it is read)."""
    path = Path(settings.themes.taxonomy) if settings.themes.taxonomy else None
    if path is None or (not path.is_file() and settings.themes.taxonomy == ThemeSettings().taxonomy):
        return None
    return path


def relevance(passages: list[Passage], embeddings: EmbeddingResult, settings: Settings,
              embedder: Embedder, db_path: str | Path | None = None
              ) -> tuple[list[Passage], EmbeddingResult, list[DocumentRelevance]]:
    """Score every document's relevance to the field; the passages of off-topic documents are
    flagged and their rows leave the matrix, so the themes never see them (skipped when
    ``relevance.enabled`` is false or there is no taxonomy). Documents a reviewer set aside
    (``set-aside`` edits) are left out the same way, whatever their score."""
    aside = {o.target for o in theme_overrides(db_path) if o.action == "set-aside"} if db_path else set()
    passages, embeddings = leave_out_documents(passages, embeddings, aside, SET_ASIDE)
    if aside:
        log.info("%d documents set aside by reviewers", len(aside & {p.doc_id for p in passages}))
    path = taxonomy_file(settings)
    if not settings.relevance.enabled or path is None:
        log.info("relevance filter off (%s)", "relevance.enabled = false" if path else "no taxonomy file")
        return passages, embeddings, []
    model = embedder.model_id.rpartition("+")[0] or embedder.model_id  # without the backend
    if settings.relevance.model not in model:
        log.warning("relevance filter skipped: its threshold was measured with %s, not %s (see relevance.model)",
                    settings.relevance.model, embedder.model_id)
        return passages, embeddings, []
    verdicts = judge_documents(passages, embeddings.vectors, path, embedder, settings.relevance)
    passages, embeddings = leave_out(passages, embeddings, verdicts)
    if not modelled(passages):
        raise CoprodError(f"every document was judged off-topic (relevance.threshold = {settings.relevance.threshold}); "
                          "lower the threshold or set [relevance] enabled = false to theme them anyway")
    return passages, embeddings, verdicts


def concepts(model: ThemeModel, passages: list[Passage], embeddings: EmbeddingResult, settings: Settings,
             embedder: Embedder) -> ThemeModel:
    """Map the themes, passages and documents onto the taxonomy's concepts (skipped when none
    is set or the default file is absent)."""
    path = taxonomy_file(settings)
    if path is None:
        log.info("no taxonomy file (%s): themes are not mapped onto concepts", settings.themes.taxonomy)
        return model
    taxonomy = load_taxonomy(path)
    vectors = embedder.embed([f"{c.name}. {c.description}" for c in taxonomy])
    used = modelled(passages)
    by_theme = texts_by_theme([p.text for p in used], model.assignments)
    texts = [" ".join(by_theme.get(theme.theme_id, [])) for theme in model.themes]
    model.concepts = taxonomy
    match = match_concepts(taxonomy, vectors, model.centroids, texts, embeddings.vectors,
                           min_score=settings.themes.concept_min_score, doc_ids=[p.doc_id for p in used])
    ids = [t.theme_id for t in model.themes]  # the match numbers themes by position
    match.theme_concepts = [(ids[t], *rest) for t, *rest in match.theme_concepts]
    match.emergent = {ids[t] for t in match.emergent}
    model.concept_match = match
    log.info("mapped %d themes onto %d concepts (%d emergent)", len(model.themes), len(taxonomy),
             len(model.concept_match.emergent))
    return model


def store(db_path: str | Path, record: RunRecord, keep_snapshots: int = 0) -> str:
    """Publish the run into the database (atomically) and return its run id."""
    def write(con) -> str:
        run_id = write_run(con, record, finished_at=now())
        # edits made while this refresh ran (after it read them) come into the file it publishes
        merge_journal(con, db_path, run_id)
        reapply_all(con, run_id)
        # in the staging file, so the published file's index and view snapshots match its run
        build_search_index(con)
        snapshot_views(con)
        return run_id

    run_id = publish(db_path, write)
    keep_snapshot(db_path, run_id, keep_snapshots)
    log.info("stored %s in %s", run_id, db_path)
    return run_id


@dataclass(frozen=True)
class Stages:
    """The stage functions a refresh calls, in order; the Prefect flow passes its tasks."""

    fetch: Callable = fetch
    ingest: Callable = ingest
    split: Callable = split
    embed: Callable = embed
    relevance: Callable = relevance
    context: Callable = context
    themes: Callable = themes
    lineage: Callable = lineage
    overrides: Callable = overrides
    subthemes: Callable = subthemes
    labels: Callable = labels
    concepts: Callable = concepts
    map: Callable = theme_map
    store: Callable = store


def run_stages(corpus_dir: str | Path, db_path: str | Path, settings: Settings, embedder: Embedder | None = None,
               fns: Stages = Stages(), flow_run_id: str | None = None) -> tuple[str, RunRecord]:
    """Every stage from ingest to store, journalled as one attempt: a failure is recorded in
    ``runs`` as failed, a killed run is recorded as interrupted by the next refresh, and the
    published data stay as they were. Returns the run id and what was stored."""
    attempt = Attempt(Path(db_path), corpus_name(corpus_dir), flow_run_id=flow_run_id).begin()
    try:
        with attempt.stage("fetch"):
            fetched = fns.fetch(corpus_dir, settings, db_path)
        with attempt.stage("ingest"):
            documents, errors = fns.ingest(corpus_dir, settings, db_path, fetched=fetched)
        with attempt.stage("split"):
            passages = fns.split(documents, settings, db_path)
        with attempt.stage("embed"):
            embedder = embedder or make_embedder(settings)  # also embeds the taxonomy's concepts
            embeddings = fns.embed(passages, db_path, settings, embedder)
        with attempt.stage("relevance"):
            passages, embeddings, verdicts = fns.relevance(passages, embeddings, settings, embedder, db_path)
        with attempt.stage("themes"):
            previous = previous_themes(db_path)  # read once: the themes and their lineage use it
            embeddings = fns.context(passages, embeddings, settings)
            model = fns.themes(passages, embeddings, settings, previous)
        with attempt.stage("lineage"):
            model = fns.lineage(model, passages, previous, settings)
            model = fns.overrides(model, passages, embeddings, db_path, settings)
        with attempt.stage("subthemes"):
            model = fns.subthemes(model, passages, embeddings, db_path, settings, previous)
            # the words counted for the keywords are not needed after this: freed before storing
            model = replace(model, terms=None)
        with attempt.stage("labels"):
            model = fns.labels(model, passages, embeddings, settings, embedder)
        with attempt.stage("concepts"):
            model = fns.concepts(model, passages, embeddings, settings, embedder)
        with attempt.stage("map"):
            model = fns.map(model, passages, embeddings, db_path, settings)
        record = make_record(corpus_dir, attempt.started_at, settings, documents, passages, embeddings, model,
                             errors, flow_run_id=flow_run_id, stage_seconds=attempt.seconds)
        record.document_changes = document_changes(latest_document_versions(db_path), documents)
        record.fetched = fetched
        record.relevance = verdicts
        with attempt.stage("store"):
            run_id = fns.store(db_path, record, settings.store.keep_snapshots)
    except BaseException as exc:
        attempt.failed(exc)
        raise
    attempt.end()
    return run_id, record


def refresh(corpus_dir: str | Path, db_path: str | Path, report_path: str | Path | None,
            settings: Settings, embedder: Embedder | None = None) -> RefreshResult:
    """Ingest -> passages -> embeddings -> themes -> DuckDB -> report, without Prefect."""
    run_id, record = run_stages(corpus_dir, db_path, settings, embedder)
    report = build_report(db_path, report_path, run_id) if report_path else None
    return make_result(run_id, db_path, report, record)


def corpus_name(corpus_dir: str | Path) -> str:
    return Path(corpus_dir).name or str(corpus_dir)


def make_record(corpus_dir: str | Path, started: datetime, settings: Settings, documents: list[Document],
                passages: list[Passage], embeddings: EmbeddingResult, model: ThemeModel,
                errors: list[IngestError], flow_run_id: str | None = None,
                stage_seconds: dict[str, float] | None = None) -> RunRecord:
    return RunRecord(
        corpus=corpus_name(corpus_dir),
        started_at=started,
        settings=settings.to_dict(),
        model_id=embeddings.model_id,
        documents=documents,
        passages=passages,
        new_embeddings=embeddings.new,
        embeddings_reused=embeddings.reused,
        themes=model,
        errors=errors,
        flow_run_id=flow_run_id,
        stage_seconds=stage_seconds if stage_seconds is not None else {},
    )


def make_result(run_id: str, db_path: str | Path, report: Path | None, record: RunRecord) -> RefreshResult:
    source = {d.doc_id: d.source_uri for d in record.documents}
    return RefreshResult(
        run_id=run_id, db_path=Path(db_path), report_path=report,
        n_documents=len(record.documents), n_passages=len(record.passages),
        n_modelled=len(record.themes.assignments),
        embeddings_computed=len(record.new_embeddings), embeddings_reused=record.embeddings_reused,
        theme_model=Unwalked(record.themes), errors=record.errors, document_changes=record.document_changes,
        fetched=record.fetched, n_judged=len(record.relevance),
        off_topic=[(source[v.doc_id], v.reason) for v in record.relevance if v.off_topic],
    )


def document_changes(previous: dict[str, str], documents: list[Document]) -> dict[str, int]:
    """How the corpus changed since the last run (doc_id -> content hash of that run)."""
    current = {d.doc_id: d.content_hash for d in documents}
    return {
        "new": sum(1 for d in current if d not in previous),
        "changed": sum(1 for d, h in current.items() if d in previous and previous[d] != h),
        "unchanged": sum(1 for d, h in current.items() if previous.get(d) == h),
        "retired": sum(1 for d in previous if d not in current),
    }
