"""ONNX Runtime backend: the configured model exported locally to ONNX and quantised to int8.

The export runs once (a few seconds) from the sentence-transformers folder with torch's own
exporter; ``quantize_dynamic`` then stores the weights as int8 per output channel, which keeps
vectors within about 0.99 cosine of the torch model's (per-tensor int8 drifts to about 0.95).
Pooling and normalisation follow the model's own sentence-transformers configuration.

Passages run one at a time, one call per core in threads (ONNX Runtime releases the GIL while it
runs). On two cores that measured 3.1-3.2x torch's throughput (docs/benchmarks.md), against
2.2-2.6x for batches of 32 on two intra-op threads: a single passage needs no padding, its activations fit in cache, and
the int8 scale of its activations is its own, so a passage's vector never depends on which
passages shared its batch (a full run and an incremental one give it the same vector).
"""

from __future__ import annotations

import contextlib
import json
import logging
import os
import warnings
from concurrent.futures import ThreadPoolExecutor
from pathlib import Path
from typing import Sequence

import numpy as np

from pipeline.embed.artifacts import artifact_dir, build_once
from pipeline.embed.sentence_transformer import PROGRESS_EVERY, resolve_model
from pipeline.errors import ModelLoadError
from pipeline.partition import usable_cores

log = logging.getLogger("coprod.embed")

SUFFIX = "onnx-int8"
_INPUTS = ("input_ids", "attention_mask", "token_type_ids")


@contextlib.contextmanager
def _quiet_root_logger():
    """The quantiser advises on its root logger through ``logging.warning``, which would also
    install a console handler on the user's root logger; neither is wanted."""
    root = logging.getLogger()
    guard, level = logging.NullHandler(), root.level
    root.addHandler(guard)  # a root with a handler is not given a console one
    root.setLevel(logging.ERROR)
    try:
        yield
    finally:
        root.setLevel(level)
        root.removeHandler(guard)


def export_onnx_int8(location: str, out: Path) -> None:
    """Write ``model.onnx`` (int8 weights) and the tokenizer into ``out``."""
    import torch
    from onnxruntime.quantization import QuantType, quantize_dynamic
    from transformers import AutoModel

    base = AutoModel.from_pretrained(location, local_files_only=True, attn_implementation="eager")
    base.eval()

    class LastHidden(torch.nn.Module):
        # transformers' forward takes many optional arguments; the graph needs exactly three
        def __init__(self, model):
            super().__init__()
            self.model = model

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.model(input_ids=input_ids, attention_mask=attention_mask,
                              token_type_ids=token_type_ids).last_hidden_state

    sample = torch.ones(2, 8, dtype=torch.long)
    axes = {name: {0: "batch", 1: "tokens"} for name in (*_INPUTS, "last_hidden_state")}
    full = out / "model-fp32.onnx"
    with warnings.catch_warnings():  # tracer notes about branches that do not apply to encoders
        warnings.simplefilter("ignore")
        torch.onnx.export(LastHidden(base), (sample, sample, torch.zeros_like(sample)), str(full),
                          input_names=list(_INPUTS), output_names=["last_hidden_state"],
                          dynamic_axes=axes, opset_version=17, dynamo=False)
    with _quiet_root_logger():
        quantize_dynamic(str(full), str(out / "model.onnx"), weight_type=QuantType.QInt8, per_channel=True)
    full.unlink()
    folder = Path(location)
    for name in ("tokenizer.json", "sentence_bert_config.json"):
        if (folder / name).is_file():
            (out / name).write_bytes((folder / name).read_bytes())
    pooling = folder / "1_Pooling" / "config.json"
    (out / "pooling.json").write_text(pooling.read_text() if pooling.is_file() else "{}")


def cores() -> int:
    """Threads to run on: OMP_NUM_THREADS where a scheduler set it (Dask's workers do, so
    several worker processes do not oversubscribe the cores), else the cores this process may use."""
    configured = os.environ.get("OMP_NUM_THREADS", "")
    if configured.isdigit() and int(configured) > 0:
        return int(configured)
    return usable_cores()


class OnnxInt8Embedder:
    def __init__(self, model: str, threads: int = 0, artifacts_dir: str = "") -> None:
        self.model = model
        self.threads = threads
        self.artifacts_dir = artifacts_dir
        base_id, self._location = resolve_model(model)
        self.model_id = f"{base_id}+{SUFFIX}"
        self._session = None

    def _load(self):
        if self._session is None:
            os.environ.setdefault("HF_HUB_OFFLINE", "1")
            # the one-off export loads the model with transformers: no progress bars or notes
            os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
            os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
            import onnxruntime as ort
            from tokenizers import Tokenizer

            if not (Path(self._location) / "tokenizer.json").is_file():
                raise ModelLoadError(self.model, f"{self._location} has no tokenizer.json, which the "
                                     "onnx-int8 backend needs; use backend = \"torch\"")
            target = artifact_dir(self.artifacts_dir, self.model_id, SUFFIX, self._location)
            if not target.is_dir():
                log.info("exporting %s to ONNX (int8) in %s, once", self.model, target)
            try:
                folder = build_once(target, lambda out: export_onnx_int8(self._location, out))
            except Exception as exc:  # torch's exporter and onnxruntime raise many kinds
                raise ModelLoadError(self.model, f"ONNX export failed: {exc}") from exc
            config = json.loads((folder / "sentence_bert_config.json").read_text()) \
                if (folder / "sentence_bert_config.json").is_file() else {}
            pooling = json.loads((folder / "pooling.json").read_text())
            self._cls = bool(pooling.get("pooling_mode_cls_token"))
            tokenizer = Tokenizer.from_file(str(folder / "tokenizer.json"))
            tokenizer.enable_truncation(int(config.get("max_seq_length", 256)))
            tokenizer.no_padding()  # tokenizer.json may ask for padding; one passage needs none
            self._tokenizer = tokenizer
            options = ort.SessionOptions()
            # parallel across passages, not inside one: see the module's docstring
            options.intra_op_num_threads = 1
            options.inter_op_num_threads = 1
            self._session = ort.InferenceSession(str(folder / "model.onnx"), options,
                                                 providers=["CPUExecutionProvider"])
            self._inputs = {i.name for i in self._session.get_inputs()}
        return self._session

    @property
    def dimension(self) -> int:
        return int(self.embed(["dimension"]).shape[1])

    def _one(self, ids: list[int]) -> np.ndarray:
        tokens = np.array([ids], dtype=np.int64)
        feeds = {"input_ids": tokens, "attention_mask": np.ones_like(tokens),
                 "token_type_ids": np.zeros_like(tokens)}
        hidden = self._session.run(None, {k: v for k, v in feeds.items() if k in self._inputs})[0][0]
        vector = hidden[0] if self._cls else hidden.mean(axis=0)  # one passage: no padding to mask
        return vector / max(float(np.linalg.norm(vector)), 1e-12)

    def embed(self, texts: Sequence[str]) -> np.ndarray:
        self._load()
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        encoded = [e.ids for e in self._tokenizer.encode_batch(list(texts))]
        # Passages of similar length in turn: ONNX Runtime's buffers are then reused, not
        # reallocated (about 10% faster than in document order).
        order = np.argsort([len(ids) for ids in encoded], kind="stable")
        vectors: list[np.ndarray] = []
        with ThreadPoolExecutor(max(1, self.threads or cores())) as pool:
            for start in range(0, len(order), PROGRESS_EVERY):
                vectors.extend(pool.map(self._one, [encoded[i] for i in order[start:start + PROGRESS_EVERY]]))
                log.debug("embedded %d/%d passages", len(vectors), len(texts))
        out = np.empty((len(texts), len(vectors[0])), dtype=np.float32)
        out[order] = vectors
        return out
