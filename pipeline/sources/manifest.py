"""A corpus folder's optional ``manifest.toml``: genre hints by path pattern and per-file metadata.

    [corpus]
    name = "coproduction"

    [genres]
    "forum/*" = "forum"

    [files."blogs/flood-wardens.txt"]
    title = "Flood wardens in our village"
    authors = ["Lee, Sam"]
    date = "2021-05-04"
    url = "https://example.org/blog/flood-wardens"
"""

from __future__ import annotations

import fnmatch
import tomllib
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

from pipeline.errors import CoprodError
from pipeline.model import GENRES

MANIFEST_NAME = "manifest.toml"


@dataclass(frozen=True)
class Manifest:
    name: str | None = None
    genres: dict[str, str] = field(default_factory=dict)
    files: dict[str, dict[str, Any]] = field(default_factory=dict)

    def genre_for(self, relative_path: str) -> str | None:
        for pattern, genre in self.genres.items():
            if fnmatch.fnmatch(relative_path, pattern):
                return genre
        return None

    def metadata_for(self, relative_path: str) -> dict[str, Any]:
        return dict(self.files.get(relative_path, {}))


def load_manifest(corpus_dir: Path) -> Manifest:
    path = corpus_dir / MANIFEST_NAME
    if not path.is_file():
        return Manifest()
    try:
        data = tomllib.loads(path.read_text(encoding="utf-8"))
    except (tomllib.TOMLDecodeError, UnicodeDecodeError) as exc:
        raise CoprodError(f"corpus manifest {path} is not valid TOML: {exc}") from exc
    genres = {str(k): str(v) for k, v in data.get("genres", {}).items()}
    bad = sorted(set(genres.values()) - set(GENRES))
    if bad:
        raise CoprodError(f"corpus manifest {path}: unknown genre {bad[0]!r}; use one of {', '.join(GENRES)}")
    return Manifest(
        name=data.get("corpus", {}).get("name"),
        genres=genres,
        files={str(k): dict(v) for k, v in data.get("files", {}).items()},
    )
