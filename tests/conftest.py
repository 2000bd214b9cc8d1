"""Shared test fixtures: small corpora built in the test, a fake embedder for unit tests only,
and the real model and Prefect environment for the end-to-end tests (marked slow)."""

from __future__ import annotations

import hashlib
import os
import random
import re
from pathlib import Path
from typing import Iterator

import numpy as np
import pytest

SHARED = Path(__file__).resolve().parents[2] / "shared"
SEEDS = SHARED / "seeds"
PROJECT = Path(__file__).resolve().parents[1]
DEFAULT_CORPUS = PROJECT / "corpora" / "coproduction"

os.environ.setdefault("HF_HUB_OFFLINE", "1")


def clean_text(text: str) -> tuple[str, int]:
    """A page cleaned as a document of no particular genre: (cleaned text, lines removed)."""
    from pipeline.clean.assemble import assemble
    from pipeline.genres.blocks import single_block

    cleaned, _, excluded, _ = assemble(single_block(text).blocks)
    return cleaned, len(excluded)


def query(db: Path, sql: str) -> list:
    """Rows of one query on a database file, opened read-only as an analyst would."""
    import duckdb

    con = duckdb.connect(str(db), read_only=True)
    try:
        return con.execute(sql).fetchall()
    finally:
        con.close()


class FakeEmbedder:
    """Bag of hashed words: texts sharing words get similar vectors. For unit tests only."""

    model_id = "test/fake-bag-of-words"
    dimension = 64

    def __init__(self) -> None:
        self.calls: list[int] = []

    def embed(self, texts):
        self.calls.append(len(texts))
        out = np.zeros((len(texts), self.dimension), dtype=np.float32)
        for row, text in enumerate(texts):
            for word in re.findall(r"[a-z]{4,}", text.lower()):
                out[row, int(hashlib.md5(word.encode()).hexdigest(), 16) % self.dimension] += 1
        norms = np.linalg.norm(out, axis=1, keepdims=True)
        return out / np.where(norms == 0, 1, norms)


@pytest.fixture
def fake_embedder() -> FakeEmbedder:
    return FakeEmbedder()


TOPICS = {
    "flood": "wardens river gauges rain sandbags brook village banks warning agency levels culvert "
             "drains storm volunteers plan readings water overtops defences",
    "school": "pupils teachers lessons parents classroom homework council students voice curriculum "
              "headteacher assembly projects governors reading playground term timetable",
    "health": "carers patients hospital discharge practice nurses social care packages home ward "
              "clinic appointments pharmacy therapists recovery support budgets",
}


def write_topic_corpus(folder: Path, per_topic: int = 4, seed: int = 0) -> Path:
    """A small corpus: ``per_topic`` page scrapes per topic, each of three paragraphs whose
    sentences draw words from the topic's vocabulary (varied, so no two passages repeat),
    between a site menu and a footer that cleaning must remove."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for topic, vocabulary in TOPICS.items():
        words = vocabulary.split()
        for i in range(per_topic):
            paragraphs = []
            for _ in range(3):
                sentences = [f"The {topic} " + " ".join(rng.sample(words, 9)) + "." for _ in range(3)]
                paragraphs.append(" ".join(sentences))
            body = "\n\n".join(paragraphs)
            page = f"Home | About | Blog | Contact\n{topic.title()} story {i}\n\n{body}\n\n© 2024 Example Trust\n"
            (folder / f"{topic}-{i}.txt").write_text(page, encoding="utf-8")
    return folder


# two themes, each of two sub-topics with words of their own and words of the theme
SUBTOPICS = {
    "housing": ("tenants estate housing landlord residents association",
                {"repairs": "boilers heating damp mould plumber leaks radiators windows",
                 "gardens": "allotment compost planting seeds greenhouse vegetables orchard hedges"}),
    "health": ("patients clinic health practice nurses appointments",
               {"discharge": "hospital ward discharge transport medication pharmacy bedside porter",
                "mental": "anxiety counselling wellbeing therapy loneliness listening befriending calm"}),
}


def write_subtopic_corpus(folder: Path, per_subtopic: int = 24, seed: int = 0) -> Path:
    """Two themes of two sub-topics each: every note draws on its theme's words three times
    as often as on its sub-topic's, so the themes part first and the sub-topics within them."""
    rng = random.Random(seed)
    folder.mkdir(parents=True, exist_ok=True)
    for theme, (shared, parts) in SUBTOPICS.items():
        for part, words in parts.items():
            vocabulary = shared.split() * 3 + words.split()
            for i in range(per_subtopic):
                text = " ".join(" ".join(rng.sample(vocabulary, 10)) + "." for _ in range(3))
                (folder / f"{theme}-{part}-{i:02d}.txt").write_text(f"{part} note {i}\n\n{text}\n", encoding="utf-8")
    return folder



@pytest.fixture
def topic_corpus(tmp_path: Path) -> Path:
    return write_topic_corpus(tmp_path / "corpus")


@pytest.fixture(scope="session")
def prefect_home(tmp_path_factory) -> Iterator[Path]:
    """One Prefect home for the whole session, so its database is created only once."""
    home = tmp_path_factory.mktemp("prefect")
    os.environ["PREFECT_HOME"] = str(home)  # never the developer's own Prefect home
    os.environ.pop("PREFECT_API_URL", None)
    from flows.environment import prepare_prefect_environment

    prepare_prefect_environment(home)
    yield Path(os.environ["PREFECT_HOME"])
    # Stop Prefect's temporary server while pytest's output streams are still open; left to
    # interpreter exit, its farewell log line hits a closed stream.
    from prefect.server.api.server import SubprocessASGIServer

    for server in list(SubprocessASGIServer._instances.values()):
        server.stop()


@pytest.fixture(scope="session")
def real_embedder():
    from pipeline.embed.sentence_transformer import SentenceTransformerEmbedder

    return SentenceTransformerEmbedder()


@pytest.fixture(scope="session")
def model_artifacts(tmp_path_factory) -> Path:
    """One folder for the session's exported and distilled models (built once, then reused)."""
    return tmp_path_factory.mktemp("model-artifacts")


@pytest.fixture(scope="session")
def onnx_embedder(model_artifacts):
    from pipeline.embed.onnx_int8 import OnnxInt8Embedder

    return OnnxInt8Embedder("all-MiniLM-L6-v2", artifacts_dir=str(model_artifacts))


@pytest.fixture(scope="session")
def static_embedder(model_artifacts):
    from pipeline.embed.static import StaticEmbedder

    return StaticEmbedder("all-MiniLM-L6-v2", artifacts_dir=str(model_artifacts))
