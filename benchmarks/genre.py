"""Genre detection figures for docs/benchmarks.md, and the fit of the shipped coefficients.

    .venv/bin/python benchmarks/genre.py            # measure the shipped detector
    .venv/bin/python benchmarks/genre.py --fit      # refit pipeline/genres/genre_model.py, then measure

Labelled pages: the shared real pages (../shared/realpages, manifest `form` is the true genre),
the project's sample corpus (labelled by folder) and the five shared seeds (labelled by hand).
The detector is a logistic regression over structural page features; its honest figure is the
cross-validated accuracy on the real pages with folds GROUPED BY SITE (the page's host), so that
no site is ever both learned and tested. Accuracy of the shipped (fully fitted) model on the same
pages is printed too, and is training accuracy.
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
from pipeline.genres.classifier import MODEL_FILE, GenreModel, squash  # noqa: E402
from pipeline.genres.detect import GENRES, detect_genre, evidence, platform_signature  # noqa: E402

SHARED = Path(os.environ.get("COPROD_SHARED", ROOT.parent / "shared"))  # the folder beside the repo
REALPAGES = SHARED / "realpages"
ingestion.SEEDS = SHARED / "seeds"
FOLDS = 5
C = 0.1  # inverse regularisation strength, chosen by the grouped cross-validation (see --sweep)


def realpages() -> list[dict]:
    if not (REALPAGES / "manifest.jsonl").is_file():
        sys.exit(f"real pages not found at {REALPAGES}")
    items = []
    for line in (REALPAGES / "manifest.jsonl").read_text(encoding="utf-8").splitlines():
        meta = json.loads(line)
        text = (REALPAGES / meta["file"]).read_text(encoding="utf-8", errors="replace")
        items.append({"name": meta["file"], "truth": meta["form"], "text": text, "flags": (False, False, False),
                      "group": urlparse(meta["source_url"]).hostname or meta["file"], "set": "realpages",
                      "authors": meta["authors"]})
    return items


def corpus_and_seeds() -> list[dict]:
    items = []
    for name, truth, text, has_doi, has_authors, has_date in ingestion.labelled_texts():
        kind = "seeds" if name[:3].isdigit() and name.endswith(".txt") and "_" in name else "corpus"
        items.append({"name": name, "truth": truth, "text": text, "flags": (has_doi, has_authors, has_date),
                      "group": f"{kind}:{name}", "set": kind})
    return items


def unsettled(items: list[dict]):
    """Rows no platform signature settles: the only ones the classifier decides, so the only
    ones it learns from (TRAIN_ALL=1 fits on every row instead, to compare)."""
    import numpy as np

    if os.environ.get("TRAIN_ALL"):
        return np.ones(len(items), dtype=bool)
    return np.array([platform_signature(evidence(i["text"], *i["flags"])) is None for i in items])


def matrix(items: list[dict], features: list[str]):
    import numpy as np

    rows = []
    for item in items:
        values = squash(evidence(item["text"], *item["flags"]))
        rows.append([values[f] for f in features])
    return np.array(rows, dtype=float)


def fit(x, y, c: float = C, keep=None):
    """Scaler and regression fitted on the rows ``keep`` selects (all rows when None)."""
    from sklearn.linear_model import LogisticRegression
    from sklearn.preprocessing import StandardScaler

    if keep is not None:
        x, y = x[keep], y[keep]
    scaler = StandardScaler().fit(x)
    model = LogisticRegression(C=c, max_iter=5000, class_weight="balanced").fit(scaler.transform(x), y)
    return scaler, model


def to_model(scaler, model, features: list[str]) -> GenreModel:
    scales = [float(s) if s > 0 else 1.0 for s in scaler.scale_]
    return GenreModel(tuple(model.classes_), tuple(features), tuple(float(m) for m in scaler.mean_),
                      tuple(scales), tuple(tuple(round(float(w), 6) for w in row) for row in model.coef_),
                      tuple(round(float(b), 6) for b in model.intercept_))


def grouped_cv(items: list[dict], features: list[str], c: float = C, folds: int = FOLDS) -> list[str]:
    """Each item's genre as predicted by a model fitted on the folds without its site."""
    import numpy as np
    from sklearn.model_selection import GroupKFold, LeaveOneGroupOut

    x, y = matrix(items, features), np.array([i["truth"] for i in items])
    groups = [i["group"] for i in items]
    keep = unsettled(items)
    guesses = [""] * len(items)
    splitter = GroupKFold(n_splits=folds) if folds else LeaveOneGroupOut()
    for train, test in splitter.split(x, y, groups):
        scaler, model = fit(x[train], y[train], c, keep[train])
        fold_model = to_model(scaler, model, features)
        for index in test:
            item = items[index]
            guesses[index] = detect_genre(item["text"], *item["flags"], model=fold_model)
    return guesses


def report(title: str, items: list[dict], guesses: list[str], show_misses: bool = True) -> None:
    confusion = Counter((i["truth"], g) for i, g in zip(items, guesses))
    right = sum(n for (t, g), n in confusion.items() if t == g)
    print(f"{title}: {right}/{len(items)} = {right / max(1, len(items)):.3f}")
    labels = sorted({t for t, _ in confusion} | {g for _, g in confusion})
    print("  " + " " * 13 + "".join(f"{g[:6]:>8}" for g in labels) + "   (rows: true genre, columns: detected)")
    for truth in sorted({t for t, _ in confusion}):
        print(f"  {truth:<13}" + "".join(f"{confusion.get((truth, g), 0):>8}" for g in labels))
    if show_misses:
        for item, guess in zip(items, guesses):
            if guess != item["truth"]:
                print(f"    miss: {item['name']}: {item['truth']} detected as {guess}")


def _same_person(found: str, expected: str) -> bool:
    """A username matches as written (any case); a person's name by family name."""
    a, b = found.lower().strip(), expected.lower().strip()
    return a == b or a.split()[-1:] == b.split()[-1:]


def forum_authors(real: list[dict], show_misses: bool) -> None:
    """Thread authors read by the forum parser against the manifest's visible usernames
    (original poster first): recall of the expected names, precision of the names found, and
    threads whose authors are all found with the original poster first."""
    from pipeline.genres import forum

    expected_total = found_total = recalled = precise = exact = threads = 0
    for item in real:
        if item["truth"] != "forum":
            continue
        threads += 1
        page = forum.parse(item["text"])
        found = page.metadata.get("authors") or [b.author for b in page.blocks if b.author][:1]
        expected = item["authors"]
        hits = sum(any(_same_person(f, e) for f in found) for e in expected)
        correct = sum(any(_same_person(f, e) for e in expected) for f in found)
        expected_total, found_total = expected_total + len(expected), found_total + len(found)
        recalled, precise = recalled + hits, precise + correct
        exact += hits == len(expected) and correct == len(found) and (
            not expected or (bool(found) and _same_person(found[0], expected[0])))
        if show_misses and (hits < len(expected) or correct < len(found)):
            print(f"    authors {item['name']}: found {found}, expected {expected}")
    print(f"forum thread authors ({threads} real forum pages, {expected_total} names expected): "
          f"recall {recalled}/{expected_total} = {recalled / max(1, expected_total):.3f}, "
          f"precision {precise}/{found_total} = {precise / max(1, found_total):.3f}, "
          f"threads exactly right {exact}/{threads}")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--fit", action="store_true", help="refit and write the shipped coefficients")
    parser.add_argument("--sweep", action="store_true", help="grouped-CV accuracy for several C values")
    parser.add_argument("--quiet", action="store_true", help="do not list the misses")
    parser.add_argument("--folds", type=int, default=5, help="grouped folds; 0 = leave one site out")
    parser.add_argument("--authors", action="store_true", help="only the forum thread authors")
    args = parser.parse_args()
    real, others = realpages(), corpus_and_seeds()
    everything = real + others
    features = sorted(evidence("x"))
    if args.authors:
        forum_authors(real, not args.quiet)
        return
    if args.sweep:
        for c in (0.05, 0.1, 0.2, 0.5, 1.0, 2.0, 5.0):
            guesses = grouped_cv(everything, features, c, args.folds)
            right = sum(g == i["truth"] for i, g in zip(everything[:len(real)], guesses))
            print(f"C={c}: grouped CV on real pages {right}/{len(real)}")
        return
    if args.fit:
        import numpy as np

        scaler, model = fit(matrix(everything, features), np.array([i["truth"] for i in everything]), C,
                            unsettled(everything))
        MODEL_FILE.write_text(to_model(scaler, model, features).to_source(), encoding="utf-8")
        print(f"wrote {MODEL_FILE.relative_to(ROOT)} ({len(features)} features, {len(everything)} pages)")
    guesses = grouped_cv(everything, features, C, args.folds)
    split = f"{args.folds}-fold cross-validation grouped by site" if args.folds else "leave-one-site-out cross-validation"
    report(f"real pages, {split}", real, guesses[:len(real)], not args.quiet)
    for name in ("corpus", "seeds"):
        subset = [(i, g) for i, g in zip(everything, guesses) if i["set"] == name]
        report(f"{name}, same cross-validation", [i for i, _ in subset], [g for _, g in subset], not args.quiet)
    shipped = [detect_genre(i["text"], *i["flags"]) for i in everything]
    for name in ("realpages", "corpus", "seeds"):
        subset = [(i, g) for i, g in zip(everything, shipped) if i["set"] == name]
        report(f"{name}, shipped model (trained on these pages)", [i for i, _ in subset], [g for _, g in subset],
               show_misses=not args.quiet and name != "realpages")
    assert set(shipped) <= set(GENRES)
    forum_authors(real, not args.quiet)


if __name__ == "__main__":
    main()
