"""Language identification with py3langid, whose model ships inside the package (no download)."""

from __future__ import annotations

from functools import lru_cache

# Below this confidence a passage is taken as English: short English passages full of names
# are sometimes guessed as another language with low confidence, and losing them costs more
# than keeping a stray foreign line.
MIN_CONFIDENCE = 0.9


@lru_cache(maxsize=1)
def _identifier():
    from py3langid.langid import MODEL_FILE, LanguageIdentifier

    return LanguageIdentifier.from_model_file(MODEL_FILE, norm_probs=True)


def detect_language(text: str, default: str = "en") -> str:
    """ISO 639-1 code of the text's language; ``default`` when too short or unsure."""
    sample = text[:5000]
    if len(sample.split()) < 3:
        return default
    code, confidence = _identifier().classify(sample)
    return code if confidence >= MIN_CONFIDENCE else default
