"""Page titles from the text alone: the fit of the shipped line model, and its honest figure.

    .venv/bin/python benchmarks/titles.py            # measure the shipped line model
    .venv/bin/python benchmarks/titles.py --fit      # refit pipeline/metadata/title_model.py, then measure

Every line of a page's head that could be a title (title.candidate) is described by generic
features (title_features.py) and scored by a logistic regression; the page's title is its best
line when that line's probability reaches a threshold, else none. Labelled pages: the shared
real pages (manifest `title`, null when the page shows none), the project's sample corpus
(its manifest's titles) and the five shared seeds. The honest figure is the cross-validated
share of real pages whose title is right (or rightly none) with folds GROUPED BY SITE, so no
site is both learned and tested; the shipped model's figure on the same pages is training
accuracy. A title is right when it equals the label once both are case-folded with
punctuation and spacing removed (as in benchmarks/realpages.py).
"""

from __future__ import annotations

import argparse
import json
import os
import sys
from collections import Counter
from pathlib import Path
from urllib.parse import urlparse

ROOT = Path(__file__).resolve().parents[1]
sys.path.insert(0, str(ROOT))  # measure this checkout's pipeline, not an installed copy

from benchmarks import ingestion  # noqa: E402
from benchmarks.realpages import normalise  # noqa: E402
from pipeline.clean.entities import repair_entities  # noqa: E402
from pipeline.genres.blocks import single_block  # noqa: E402
from pipeline.genres.detect import detect_genre  # noqa: E402
from pipeline.metadata import extract_metadata, structured  # noqa: E402
from pipeline.metadata.byline import find_authors  # noqa: E402
from pipeline.metadata.head import head_lines, page_lines  # noqa: E402
from pipeline.metadata.linear import LinearModel  # noqa: E402
from pipeline.metadata.title import candidate_features, clean_title  # noqa: E402
from pipeline.metadata.title_features import FEATURES  # noqa: E402
from pipeline.prepare import PARSERS  # noqa: E402
from pipeline.sources.encoding import decode  # noqa: E402

SHARED = Path(os.environ.get("COPROD_SHARED", ROOT.parent / "shared"))
REALPAGES = SHARED / "realpages"
MODEL_FILE = ROOT / "pipeline" / "metadata" / "title_model.py"
FOLDS = 5
C = 0.1  # inverse regularisation strength, chosen by the grouped cross-validation (see --sweep)


def realpages() -> list[dict]:
    if not (REALPAGES / "manifest.jsonl").is_file():
        sys.exit(f"real pages not found at {REALPAGES}")
    items = []
    for line in (REALPAGES / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = decode((REALPAGES / meta["file"]).read_bytes())
        items.append({"name": meta["file"], "title": meta["title"], "text": text, "set": "realpages",
                      "group": urlparse(meta["source_url"]).hostname or meta["file"]})
    return items


def corpus_and_seeds() -> list[dict]:
    from pipeline.sources.corpus import read_file
    from pipeline.sources.manifest import Manifest, load_manifest

    items = []
    manifest = load_manifest(ingestion.CORPUS)
    for relative, meta in sorted(manifest.files.items()):
        (raw,), _ = read_file(ingestion.CORPUS / relative, relative, Manifest(genres=manifest.genres))
        if not raw.structured:
            items.append({"name": relative, "title": meta.get("title"), "text": raw.text, "set": "corpus",
                          "group": f"corpus:{relative}"})
    seeds = SHARED / "seeds"
    for path in sorted(seeds.glob("*.txt")) if seeds.is_dir() else []:
        items.append({"name": path.name, "title": ingestion.SEED_METADATA[path.name[:3]]["title"],
                      "text": decode(path.read_bytes()), "set": "seeds", "group": f"seeds:{path.name}"})
    return items


def parsed(item: dict) -> tuple[str, str, dict]:
    """The page as prepare_document hands it to the metadata readers: text, genre, parser fields."""
    if "_parsed" not in item:
        text = repair_entities(item["text"])
        genre = detect_genre(item["text"])
        item["_parsed"] = (text, genre, PARSERS.get(genre, single_block)(text).metadata)
    return item["_parsed"]


def rows(item: dict) -> list[tuple[dict, bool]]:
    """(features, is the title) of every candidate line of the page's head, as find_title sees them."""
    text, genre, _ = parsed(item)
    lines = page_lines(text)
    head = head_lines(lines, thread=genre == "forum")
    fields = structured.front_matter(text)
    fields.fill(structured.json_ld(text)).fill(structured.ris(head)).fill(structured.key_values(head))
    _, used = find_authors(head, 0, min(len(head), 60))
    counts = Counter(line for line in lines if line)
    label = normalise(item["title"]) if item["title"] else None
    return [(features, label is not None and normalise(clean_title(text, counts)) == label)
            for _, text, features in candidate_features(head, lines, set(used), fields.lines)]


def fit(items: list[dict], c: float = C) -> LinearModel:
    """A conditional logit: each page chooses one of its candidate lines or none, with
    probability softmax(w . x_line, b). Stored as a line model whose logit is w . x - b, so a
    line is the title when it beats "none" (probability >= 0.5) and is the best of its page.
    Pages whose labelled title no candidate gives are left out (no choice there is right)."""
    import numpy as np
    from scipy.optimize import minimize

    pages = []
    for item in items:
        page = rows(item)
        chosen = [k for k, (_, label) in enumerate(page) if label]
        if item["title"] is not None and not chosen:
            continue
        pages.append((np.array([[f[name] for name in FEATURES] for f, _ in page]).reshape(-1, len(FEATURES)),
                      chosen[0] if chosen else -1))
    stacked = np.vstack([x for x, _ in pages])
    means, scales = stacked.mean(axis=0), stacked.std(axis=0)
    scales[scales == 0] = 1.0
    pages = [((x - means) / scales, k) for x, k in pages]

    def loss(params):
        w, b = params[:-1], params[-1]
        total, grad = 0.5 * (w @ w) / c, np.append(w / c, 0.0)
        for x, k in pages:
            scores = np.append(x @ w, b)
            top = scores.max()
            p = np.exp(scores - top)
            p /= p.sum()
            total -= scores[k] - top - np.log(np.exp(scores - top).sum())
            expected = np.append(p[:-1] @ x, p[-1])  # d logsumexp / d(w, b)
            observed = np.append(x[k], 0.0) if k >= 0 else np.append(np.zeros_like(w), 1.0)
            grad += expected - observed
        return total, grad

    result = minimize(loss, np.zeros(len(FEATURES) + 1), jac=True, method="L-BFGS-B")
    w, b = result.x[:-1], result.x[-1]
    return LinearModel(FEATURES, tuple(round(float(m), 6) for m in means), tuple(round(float(s), 6) for s in scales),
                       tuple(round(float(v), 6) for v in w), round(float(-b), 6))


def title_of(item: dict, model: LinearModel | None, threshold: float | None) -> str | None:
    text, genre, found = parsed(item)
    return extract_metadata(text, genre, found, title_model=model, title_threshold=threshold).title


def right(item: dict, title: str | None) -> bool:
    if item["title"] is None:
        return not title
    return bool(title) and normalise(title) == normalise(item["title"])


def grouped_cv(items: list[dict], c: float, threshold: float | None, folds: int = FOLDS) -> list[str | None]:
    """Each page's title as read by a model fitted on the folds without its site."""
    from sklearn.model_selection import GroupKFold

    titles: list[str | None] = [None] * len(items)
    groups = [i["group"] for i in items]
    for train, test in GroupKFold(n_splits=folds).split(items, groups=groups):
        model = fit([items[i] for i in train], c)
        for index in test:
            titles[index] = title_of(items[index], model, threshold)
    return titles


def score(items: list[dict], titles: list[str | None], name: str) -> tuple[int, int]:
    chosen = [(i, t) for i, t in zip(items, titles) if i["set"] == name]
    return sum(right(i, t) for i, t in chosen), len(chosen)


def split_score(items: list[dict], titles: list[str | None], name: str) -> str:
    """'titles right a/b, none where none c/d': pages that show a title, and pages that show none."""
    shown = [(i, t) for i, t in zip(items, titles) if i["set"] == name and i["title"] is not None]
    bare = [(i, t) for i, t in zip(items, titles) if i["set"] == name and i["title"] is None]
    return (f"titles {sum(right(i, t) for i, t in shown)}/{len(shown)} = "
            f"{sum(right(i, t) for i, t in shown) / max(1, len(shown)):.3f}, "
            f"none where none {sum(right(i, t) for i, t in bare)}/{len(bare)}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="refit and write the shipped coefficients")
    parser.add_argument("--sweep", action="store_true", help="grouped-CV figures for several C and thresholds")
    parser.add_argument("--threshold", type=float, default=None, help="the probability a title needs")
    parser.add_argument("--verbose", action="store_true", help="list the pages whose title is wrong")
    args = parser.parse_args()
    items = realpages() + corpus_and_seeds()
    if args.sweep:
        for c in (0.1, 0.3, 1.0):
            for threshold in (0.4, 0.5, 0.6):
                titles = grouped_cv(items, c, threshold)
                print(f"C={c} threshold={threshold}: real pages {split_score(items, titles, 'realpages')}, "
                      f"corpus {score(items, titles, 'corpus')}, seeds {score(items, titles, 'seeds')}")
        return
    model = None
    if args.fit:
        from pipeline.metadata.title import THRESHOLD

        model = fit(items)
        threshold = args.threshold if args.threshold is not None else THRESHOLD
        MODEL_FILE.write_text(model.to_source("Title line model, written by benchmarks/titles.py --fit")
                              + f"THRESHOLD = {threshold}\n", encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(FEATURES)} features, {len(items)} pages)")
    titles = grouped_cv(items, C, args.threshold)
    for name in ("realpages", "corpus", "seeds"):
        print(f"{name}: {FOLDS}-fold cross-validation grouped by site: {split_score(items, titles, name)}")
    if args.verbose:
        for item, title in zip(items, titles):
            if not right(item, title):
                print(f"    miss {item['name']}: label {item['title']!r}, got {title!r}")
    shipped = [title_of(i, model, args.threshold) for i in items]  # the model just written, when --fit
    for name in ("realpages", "corpus", "seeds"):
        print(f"{name}: shipped model (training figure): {split_score(items, shipped, name)}")


if __name__ == "__main__":
    main()
