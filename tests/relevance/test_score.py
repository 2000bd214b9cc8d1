"""Relevance scores from passage vectors, with hand-made prototypes (directions in a small space)."""

import numpy as np

from pipeline.relevance.prototypes import Prototypes
from pipeline.relevance.score import corpus_typicality, score_documents

DIM = 8


def unit(*weights: float) -> np.ndarray:
    v = np.zeros(DIM, np.float32)
    v[:len(weights)] = weights
    return v / np.linalg.norm(v)


# field: concepts "co-design" (axis 0) and "co-delivery" (axis 1); off-field: "film" (axis 2)
PROTOTYPES = Prototypes(np.vstack([unit(1), unit(0, 1)]), np.array([0, 1]), ["co-design", "co-delivery"],
                        np.vstack([unit(0, 0, 1)]), np.array([0]), ["film"], off_labels=["Film co-production"])


def verdicts(rows: list[tuple[str, np.ndarray]], threshold: float = 0.05, corpus_weight: float = 0.5) -> dict:
    out = score_documents([d for d, _ in rows], np.vstack([v for _, v in rows]), PROTOTYPES,
                          threshold=threshold, corpus_weight=corpus_weight)
    return {v.doc_id: v for v in out}


def on_topic_corpus() -> list[tuple[str, np.ndarray]]:
    return [(f"doc{i}", unit(1, 0.2 * (i % 3), 0, 0.1 * j)) for i in range(4) for j in range(2)]


def test_a_page_that_only_shares_the_word_is_off_topic_with_its_reason():
    # the film treaty page says "co-production" (a little of axis 0) but is about film (axis 2)
    result = verdicts(on_topic_corpus() + [("treaty", unit(0.4, 0, 1)), ("treaty", unit(0.3, 0, 1, 0.2))])
    assert result["treaty"].off_topic
    assert result["treaty"].nearest_off_field == "film"
    assert "closer to Film co-production" in result["treaty"].reason and "threshold 0.050" in result["treaty"].reason
    assert not any(result[f"doc{i}"].off_topic for i in range(4))
    assert result["doc0"].reason is None and result["doc0"].nearest_concept == "co-design"


def test_one_on_topic_passage_does_not_carry_a_long_off_topic_page():
    long_page = [("film-blog", unit(1, 0, 0.1))] + [("film-blog", unit(0.1, 0, 1, 0.1 * j)) for j in range(8)]
    result = verdicts(on_topic_corpus() + long_page)
    assert result["film-blog"].off_topic


def test_menus_do_not_sink_a_page_with_good_paragraphs():
    # two passages about the field, one of chrome that is near nothing
    page = [("blog", unit(1, 0.3)), ("blog", unit(0.9, 0.5)), ("blog", unit(0, 0, 0.3, 1))]
    assert not verdicts(on_topic_corpus() + page)["blog"].off_topic


def test_the_threshold_moves_the_verdict_and_the_same_input_gives_the_same_scores():
    rows = on_topic_corpus() + [("treaty", unit(0.4, 0, 1)), ("treaty", unit(0.4, 0, 1))]
    assert not verdicts(rows, threshold=-1.0)["treaty"].off_topic
    assert verdicts(rows) == verdicts(rows)


def test_the_corpus_term_is_zero_without_a_core_and_centred_on_the_core_median():
    vectors = np.vstack([unit(1, 0.1 * i) for i in range(7)] + [unit(0, 0, 1)])
    margins = np.array([0.5] * 7 + [-0.5])
    typical = corpus_typicality(vectors, margins)
    assert abs(np.median(typical[:7])) < 1e-6 and typical[7] < -0.5
    assert not corpus_typicality(vectors[:3], margins[:3]).any()
