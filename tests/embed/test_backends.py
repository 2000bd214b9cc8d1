"""The fast backends, built locally from the bundled model: ONNX int8 and a distilled static model."""

from __future__ import annotations

import numpy as np
import pytest

from pipeline.embed.artifacts import build_once
from pipeline.embed.backends import embedder_for, make_embedder
from pipeline.errors import SettingsError
from pipeline.settings import EmbeddingSettings, load_settings

TEXTS = [
    "Patients and carers helped redesign hospital discharge.",
    "Carers worked with nurses to plan patients leaving hospital.",
    "Volunteers measured river levels to warn the village of floods.",
    "A much longer passage about residents who sat on the council's panel for two years, "
    "reviewing how street lighting repairs were reported, prioritised and checked afterwards.",
]


def test_an_unknown_backend_is_refused_with_the_choices():
    with pytest.raises(SettingsError, match="'gpu' is not a backend; use one of torch, onnx-int8, static"):
        load_settings(environ={"COPROD_EMBEDDING__BACKEND": "gpu"})


def test_a_failed_build_leaves_no_model_behind(tmp_path):
    def broken(out):
        (out / "model.onnx").write_text("half")
        raise RuntimeError("export crashed")

    with pytest.raises(RuntimeError, match="export crashed"):
        build_once(tmp_path / "model", broken)
    assert list(tmp_path.iterdir()) == []


def test_each_backend_records_its_own_model_id(tmp_path):
    ids = {backend: make_embedder(EmbeddingSettings(backend=backend, artifacts_dir=str(tmp_path))).model_id
           for backend in ("torch", "onnx-int8", "static")}
    assert ids == {"torch": "sentence-transformers/all-MiniLM-L6-v2",
                   "onnx-int8": "sentence-transformers/all-MiniLM-L6-v2+onnx-int8",
                   "static": "sentence-transformers/all-MiniLM-L6-v2+static-256"}
    for model_id in ids.values():  # a database's recorded id gives back the same backend
        assert embedder_for(model_id, EmbeddingSettings(artifacts_dir=str(tmp_path))).model_id == model_id


@pytest.mark.slow
def test_onnx_int8_vectors_stay_close_to_the_torch_model(onnx_embedder, real_embedder):
    fast, exact = onnx_embedder.embed(TEXTS), real_embedder.embed(TEXTS)
    assert fast.shape == exact.shape == (4, 384)
    assert np.allclose(np.linalg.norm(fast, axis=1), 1, atol=1e-5)
    assert (fast * exact).sum(axis=1).min() > 0.98
    assert fast[0] @ fast[1] > fast[0] @ fast[2] + 0.2
    # passages run in order of length; rows still come back in input order
    assert np.allclose(onnx_embedder.embed(TEXTS[::-1])[::-1], fast, atol=1e-5)
    # a passage's vector does not depend on the passages embedded with it, so a passage added
    # by an incremental refresh gets the vector a full run would give it
    assert np.array_equal(onnx_embedder.embed(TEXTS[3:]), fast[3:])
    assert onnx_embedder.embed([]).shape == (0, 384)


@pytest.mark.slow
def test_static_model_ranks_meaning_and_is_reused(static_embedder, model_artifacts):
    vectors = static_embedder.embed(TEXTS)
    assert vectors.shape == (4, 256)
    assert vectors[0] @ vectors[1] > vectors[0] @ vectors[2] + 0.1
    built = [p for p in model_artifacts.iterdir() if "static-256" in p.name]
    assert len(built) == 1
    stamp = built[0].stat().st_mtime_ns
    from pipeline.embed.static import StaticEmbedder

    again = StaticEmbedder("all-MiniLM-L6-v2", artifacts_dir=str(model_artifacts))
    assert np.allclose(again.embed(TEXTS), vectors)
    assert built[0].stat().st_mtime_ns == stamp


@pytest.mark.slow
def test_a_refresh_on_the_static_backend_is_searchable_with_it(topic_corpus, tmp_path, model_artifacts,
                                                              static_embedder):
    from pipeline.query import search
    from pipeline.refresh import refresh
    from tests.conftest import query

    settings = load_settings(environ={"COPROD_EMBEDDING__BACKEND": "static",
                                      "COPROD_EMBEDDING__ARTIFACTS_DIR": str(model_artifacts),
                                      "COPROD_THEMES__N_THEMES": "3", "COPROD_THEMES__TAXONOMY": ""})
    db = tmp_path / "static.duckdb"
    result = refresh(topic_corpus, db, None, settings)
    assert query(db, "SELECT model_id FROM runs") == [("sentence-transformers/all-MiniLM-L6-v2+static-256",)]
    assert query(db, "SELECT DISTINCT len(embedding) FROM embeddings") == [(256,)]
    # the query is embedded by the static model too: the database's vectors are 256-d
    hits = search(db, "river gauges and sandbags before the storm", limit=3,
                  settings=EmbeddingSettings(artifacts_dir=str(model_artifacts)))
    assert hits and hits[0].text.startswith("The flood")
    assert result.n_modelled == len(query(db, "SELECT * FROM embeddings"))


@pytest.mark.slow
def test_the_onnx_export_prints_nothing_and_leaves_logging_alone(tmp_path, capfd):
    import logging

    from pipeline.embed.onnx_int8 import OnnxInt8Embedder

    handlers = list(logging.getLogger().handlers)
    vectors = OnnxInt8Embedder("all-MiniLM-L6-v2", artifacts_dir=str(tmp_path)).embed(TEXTS[:1])
    assert vectors.shape == (1, 384)
    assert logging.getLogger().handlers == handlers
    out, err = capfd.readouterr()
    assert "quantization" not in err and "Loading weights" not in err and out == ""
