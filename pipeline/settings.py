"""One typed settings object, read from a TOML file and overridden by environment variables.

A settings file looks like::

    [embedding]
    model = "all-MiniLM-L6-v2"   # a model name, or a path to a sentence-transformers folder
    batch_size = 16

    [themes]
    n_themes = 0                 # 0 = choose automatically
    seed = 42

Every field can also be set from the environment as ``COPROD_<SECTION>__<FIELD>``, e.g.
``COPROD_THEMES__N_THEMES=6``. Settings are passed explicitly to every stage; nothing reads
them from a global.
"""

from __future__ import annotations

import dataclasses
import os
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any, Mapping

from pipeline.errors import SettingsError

DEFAULT_MODEL = "all-MiniLM-L6-v2"


@dataclass(frozen=True)
class SourceSettings:
    # Larger files are refused with an error rather than read: a 50 MB "page" is an archive
    # or a dump, and cleaning it would hold the whole text several times in memory.
    max_file_mb: float = 20.0


EMBEDDING_BACKENDS = ("torch", "onnx-int8", "static")


@dataclass(frozen=True)
class EmbeddingSettings:
    model: str = DEFAULT_MODEL
    # torch: passages per forward pass (16 measured fastest on CPU: 15% over 32). The
    # onnx-int8 backend runs one passage per call instead, on ``threads`` threads.
    batch_size: int = 16
    device: str = "cpu"
    # onnx-int8: threads (0 = OMP_NUM_THREADS if set, else every core this process may use).
    threads: int = 0
    # onnx-int8: the model exported locally to ONNX with int8 weights, the default because it
    # embeds 3x as fast as torch with the same themes (V-measure within 0.005 on both labelled
    # corpora); torch: the model itself; static: a model2vec model distilled locally from it
    # (see docs/benchmarks.md for the speed and theme quality of each).
    backend: str = "onnx-int8"
    # Dimensions of the static model's vectors (PCA of the distilled token vectors).
    static_dims: int = 256
    # Where the exported and distilled models are kept ("" = ~/.cache/coprod/models).
    artifacts_dir: str = ""

    def __post_init__(self) -> None:
        if self.backend not in EMBEDDING_BACKENDS:
            raise SettingsError(f"embedding.backend = {self.backend!r} is not a backend; "
                                f"use one of {', '.join(EMBEDDING_BACKENDS)}")


@dataclass(frozen=True)
class PassageSettings:
    # A passage is "a few sentences": merge short paragraphs up to target_chars, split
    # long ones at sentence ends before max_chars, drop fragments under min_chars beside
    # longer passages (a document that is short as a whole is one passage).
    min_chars: int = 120
    target_chars: int = 600
    max_chars: int = 1200


THEME_METHODS = ("spectral", "kmeans")


@dataclass(frozen=True)
class ThemeSettings:
    n_themes: int = 0  # 0 = choose the number automatically
    min_themes: int = 3
    # 0 = the range grows with the corpus: up to sqrt(passages / 2), between 12 and 120
    # (pipeline/themes/cluster.py); the search stops once the silhouette has clearly turned down.
    max_themes: int = 0
    # A theme with fewer passages is dissolved into its neighbours: a two-passage "theme" is
    # one document's aside, not something the corpus discusses.
    min_theme_size: int = 5
    # A forum post is read in its thread's context (pipeline/themes/context.py): its own vector
    # weighs n / (n + context_strength) for n content words, the rest of the thread and the
    # post it answers the remainder, so a short reply lands with its thread (0 = posts alone).
    context_strength: float = 12.0
    # How the themes are fitted once their number is chosen: "spectral" (groups of the
    # passages' nearest-neighbour graph, pipeline/themes/spectral.py) or "kmeans".
    method: str = "spectral"
    # The neighbours each passage is joined to in that graph.
    neighbours: int = 15
    # When the themes are fitted, this share of each passage's vector is the rest of its
    # document (pipeline/themes/context.py: with_document; 0 = each passage alone). The number
    # of themes is chosen on the passages alone.
    document_context: float = 0.3
    # A passage also carries its second-closest theme when that is within this cosine margin
    # of its own theme (0 = never).
    second_theme_margin: float = 0.03
    # A new theme whose centre has at least this cosine similarity to its optimally matched
    # theme of the previous run keeps that theme's id.
    match_similarity: float = 0.8
    # When at most this share of the passages is new since the last run, the themes are that
    # run's rather than chosen afresh (a passage seen before keeps its theme, a new one joins
    # its nearest seen passages' theme; with method "kmeans", k-means starts from that run's
    # theme centres), and a theme that shares all but this share of its passages
    # with the last run's theme of its id keeps that run's sub-themes.
    refit_share: float = 0.1
    seed: int = 42
    n_keywords: int = 10
    n_representatives: int = 3
    # Sub-themes (pipeline/themes/subthemes.py): a theme with at least subtheme_min_passages
    # passages is split into 2..max_subthemes parts when they stand apart more clearly (by
    # silhouette, a share subtheme_margin better) than in the same cloud with its groups
    # shuffled away; max_subthemes < 2 turns sub-themes off.
    subtheme_min_passages: int = 30
    max_subthemes: int = 6
    subtheme_margin: float = 0.1
    # Name each theme by the 1-3 of its first keywords that best pick out its passages against
    # the other themes' labels (pipeline/themes/naming.py); false = its first three keywords.
    choose_labels: bool = True
    # Co-production concepts to map themes onto ("" = none). A relative path is looked up
    # from the working folder; the bundled taxonomy is corpora/taxonomy.toml.
    taxonomy: str = "corpora/taxonomy.toml"
    concept_min_score: float = 0.35

    def __post_init__(self) -> None:
        if self.method not in THEME_METHODS:
            raise SettingsError(f"themes.method = {self.method!r} is not a method; "
                                f"use one of {', '.join(THEME_METHODS)}")
        if not 0 <= self.document_context < 1:
            raise SettingsError(f"themes.document_context = {self.document_context} must be at least 0 "
                                "and below 1 (the share of a passage's vector given to its document)")


@dataclass(frozen=True)
class RelevanceSettings:
    # Documents scored below ``threshold`` are off-topic: kept in the database with their score
    # and reason, their passages left out of the themes. The score is a passage's similarity to
    # the taxonomy's concepts minus that to its off-field senses ([[off_field]]), plus
    # ``corpus_weight`` x how typical it is of the corpus's on-topic core, averaged over a
    # document's best passages (see pipeline/relevance/score.py and docs/benchmarks.md for how
    # recall and false flags move with the threshold). The taxonomy is themes.taxonomy.
    enabled: bool = True
    threshold: float = 0.06
    corpus_weight: float = 0.5
    # The embedding model the threshold was measured with: similarities of another model sit
    # elsewhere, so with it the filter is skipped (and the log says so) until this names it
    # ("" = any model), after choosing its threshold with benchmarks/relevance.py.
    model: str = DEFAULT_MODEL


@dataclass(frozen=True)
class ReportSettings:
    # Passages on the report's theme map (a sample of larger runs, the same share of every
    # theme); 0 = no map. t-SNE takes about 30 s for 5,000 points on two cores.
    map_points: int = 5000


@dataclass(frozen=True)
class StoreSettings:
    # Published databases kept beside the live one (<db>.snapshots/<run_id>.duckdb), so an
    # analyst can go back to last week's themes; 0 keeps none.
    keep_snapshots: int = 3


@dataclass(frozen=True)
class ParallelSettings:
    # Where the preparing and embedding tasks run: a Dask scheduler ("tcp://host:8786"), or a
    # local Dask cluster of this many worker processes; neither = in the refresh's own process.
    dask_address: str = ""
    workers: int = 0
    # Documents per preparing task and passages per embedding task. Chunks are cut the same
    # way wherever they run, so a distributed run computes what a single-process run does.
    documents_per_chunk: int = 200
    passages_per_chunk: int = 512
    # Without Dask, documents are prepared (cleaned, their metadata read) on this many local
    # processes: 0 = one per usable core, 1 = in the refresh's own process. Preparing is pure
    # Python, so each process uses one core; a corpus of one chunk is prepared in-process.
    prepare_processes: int = 0

    def __post_init__(self) -> None:
        if self.dask_address and self.workers:
            raise SettingsError("give parallel.dask_address (an existing Dask cluster) or parallel.workers "
                                "(a local one), not both")
        if self.workers < 0 or self.prepare_processes < 0 or self.documents_per_chunk < 1 \
                or self.passages_per_chunk < 1:
            raise SettingsError("parallel.workers and parallel.prepare_processes must be >= 0 and the "
                                "chunk sizes >= 1")

    @property
    def distributed(self) -> bool:
        return bool(self.dask_address or self.workers)


@dataclass(frozen=True)
class FetchSettings:
    # Live sources named in the corpus manifest ([[sources]]): how politely they are fetched.
    # Sites identify crawlers by User-Agent; a contact address lets an operator reach us.
    user_agent: str = "coprod/0.1 (research text mining; +https://example.org/coprod)"
    timeout_s: float = 20.0
    # Per host: at most this many requests a second (robots.txt Crawl-delay may slow it
    # further) and this many at once.
    requests_per_second: float = 1.0
    max_connections_per_host: int = 2
    # A transient failure (timeout, 429, 5xx, host down) is retried this many times, waiting
    # retry_delay_s, then twice that, ...; after that the source's stored documents are used.
    retries: int = 2
    retry_delay_s: float = 5.0
    # Upper bound on pages followed per thread and on API pages per query.
    max_pages: int = 50
    openalex_url: str = "https://api.openalex.org"
    crossref_url: str = "https://api.crossref.org"
    # Sent to the scholarly APIs as mailto=..., which puts requests in their "polite pool".
    mailto: str = ""


@dataclass(frozen=True)
class Settings:
    sources: SourceSettings = field(default_factory=SourceSettings)
    embedding: EmbeddingSettings = field(default_factory=EmbeddingSettings)
    passages: PassageSettings = field(default_factory=PassageSettings)
    themes: ThemeSettings = field(default_factory=ThemeSettings)
    store: StoreSettings = field(default_factory=StoreSettings)
    report: ReportSettings = field(default_factory=ReportSettings)
    relevance: RelevanceSettings = field(default_factory=RelevanceSettings)
    parallel: ParallelSettings = field(default_factory=ParallelSettings)
    fetch: FetchSettings = field(default_factory=FetchSettings)

    def to_dict(self) -> dict[str, Any]:
        return dataclasses.asdict(self)

    def replace(self, section: str, **values: Any) -> "Settings":
        """A copy with some fields of one section changed (e.g. from CLI options)."""
        current = getattr(self, section)
        return dataclasses.replace(self, **{section: dataclasses.replace(current, **values)})


def load_settings(path: str | Path | None = None, environ: Mapping[str, str] | None = None) -> Settings:
    """Defaults, then the TOML file (if given), then ``COPROD_SECTION__FIELD`` variables."""
    data: dict[str, dict[str, Any]] = {}
    if path is not None:
        path = Path(path)
        if not path.is_file():
            raise SettingsError(f"settings file not found: {path}")
        try:
            data = tomllib.loads(path.read_text(encoding="utf-8"))
        except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
            raise SettingsError(f"settings file {path} is not valid TOML: {exc}") from exc
    env = os.environ if environ is None else environ
    for key, value in env.items():
        if key.startswith("COPROD_") and "__" in key:
            section, _, name = key[len("COPROD_"):].lower().partition("__")
            data.setdefault(section, {})[name] = value
    return _build(data, source=str(path) if path else "environment")


def _build(data: Mapping[str, Any], source: str) -> Settings:
    sections = {f.name: f for f in dataclasses.fields(Settings)}
    kwargs: dict[str, Any] = {}
    for section_name, values in data.items():
        if section_name not in sections:
            raise SettingsError(f"{source}: unknown settings section [{section_name}]; "
                                f"known sections: {', '.join(sorted(sections))}")
        if not isinstance(values, Mapping):
            raise SettingsError(f"{source}: [{section_name}] must be a table")
        section_cls = sections[section_name].default_factory  # type: ignore[misc]
        kwargs[section_name] = _build_section(section_cls, section_name, values, source)
    return Settings(**kwargs)


def _build_section(cls: type, section: str, values: Mapping[str, Any], source: str) -> Any:
    fields = {f.name: f for f in dataclasses.fields(cls)}
    converted: dict[str, Any] = {}
    for name, value in values.items():
        if name not in fields:
            raise SettingsError(f"{source}: unknown setting {section}.{name}; "
                                f"known: {', '.join(sorted(fields))}")
        wanted = type(getattr(cls(), name))
        converted[name] = _coerce(value, wanted, f"{section}.{name}", source)
    return cls(**converted)


_BOOLEANS = {"true": True, "1": True, "yes": True, "on": True,
             "false": False, "0": False, "no": False, "off": False}


def _coerce(value: Any, wanted: type, name: str, source: str) -> Any:
    if isinstance(value, wanted) and not (wanted is int and isinstance(value, bool)):
        return value
    if isinstance(value, str):
        try:
            if wanted is int:
                return int(value)
            if wanted is float:
                return float(value)
            # an environment variable can only say it in words
            if wanted is bool and value.strip().lower() in _BOOLEANS:
                return _BOOLEANS[value.strip().lower()]
        except ValueError:
            pass
    raise SettingsError(f"{source}: setting {name} must be {wanted.__name__}, got {value!r}")
