"""Where the fast backends keep the models they derive from a sentence-transformers folder.

An ONNX export or a distilled static model is built once, locally, from the configured model
(never downloaded) and reused by every later run. Its folder name carries the source model's
fingerprint, so replacing the model's files builds a fresh artefact instead of reusing a stale one.
"""

from __future__ import annotations

import hashlib
import os
import re
import shutil
import tempfile
from pathlib import Path
from typing import Callable


def default_artifacts_dir() -> Path:
    base = os.environ.get("XDG_CACHE_HOME") or str(Path.home() / ".cache")
    return Path(base) / "coprod" / "models"


def fingerprint(location: str) -> str:
    """A short hash of the model folder's configuration and weight sizes (cheap, and changes
    whenever the model is replaced)."""
    folder = Path(location)
    digest = hashlib.sha256()
    for path in sorted(folder.rglob("*")):
        if path.is_file() and path.suffix in (".json", ".txt", ".safetensors", ".bin"):
            digest.update(path.relative_to(folder).as_posix().encode())
            if path.suffix in (".json", ".txt"):
                digest.update(path.read_bytes())
            else:
                digest.update(str(path.stat().st_size).encode())
    return digest.hexdigest()[:12]


def artifact_dir(root: str | Path, model_id: str, kind: str, location: str) -> Path:
    slug = re.sub(r"[^A-Za-z0-9._-]+", "-", model_id.rsplit("/", 2)[-1]).strip("-")
    return Path(root or default_artifacts_dir()).expanduser() / f"{slug}-{kind}-{fingerprint(location)}"


def build_once(target: Path, build: Callable[[Path], None]) -> Path:
    """Build the artefact into a temporary folder beside ``target`` and move it into place, so
    an interrupted build never leaves a half-written model that a later run would load."""
    if target.is_dir():
        return target
    target.parent.mkdir(parents=True, exist_ok=True)
    scratch = Path(tempfile.mkdtemp(prefix=f".{target.name}-", dir=target.parent))
    try:
        build(scratch)
        try:
            scratch.rename(target)
        except OSError:  # another process finished the same build first: use theirs
            if not target.is_dir():
                raise
    finally:
        shutil.rmtree(scratch, ignore_errors=True)
    return target
