"""Leaving off-topic documents out of the themes: passages flagged, matrix rows dropped."""

import numpy as np

from pipeline.embed.cache import EmbeddingResult
from pipeline.model import Passage, modelled
from pipeline.relevance.filter import OFF_TOPIC, leave_out
from pipeline.relevance.score import DocumentRelevance


def passage(pid: str, doc: str, excluded: str | None = None) -> Passage:
    return Passage(pid, doc, 0, f"text of {pid}", 0, 10, excluded=excluded)


def verdict(doc: str, off: bool) -> DocumentRelevance:
    return DocumentRelevance(doc, -0.2 if off else 0.3, 0.3, 0.5, 0.0, "co-design", "film", off,
                             "off-topic: ..." if off else None)


def test_off_topic_passages_are_flagged_and_leave_the_matrix():
    passages = [passage("a1", "a"), passage("b1", "b"), passage("b2", "b", excluded="duplicate"),
                passage("b3", "b"), passage("c1", "c")]
    vectors = np.arange(4 * 2, dtype=np.float32).reshape(4, 2)  # rows of a1, b1, b3, c1
    result = EmbeddingResult(vectors, "m", reused=0, computed=4, new={"h": vectors[0]})
    flagged, kept = leave_out(passages, result, [verdict("a", False), verdict("b", True), verdict("c", False)])
    assert [p.excluded for p in flagged] == [None, OFF_TOPIC, "duplicate", OFF_TOPIC, None]
    assert [p.passage_id for p in modelled(flagged)] == ["a1", "c1"]
    assert kept.vectors.tolist() == [vectors[0].tolist(), vectors[3].tolist()]
    assert kept.new == result.new  # the vectors stay in the embedding cache


def test_nothing_off_topic_changes_nothing():
    passages = [passage("a1", "a")]
    result = EmbeddingResult(np.ones((1, 2), np.float32), "m", reused=1, computed=0, new={})
    assert leave_out(passages, result, [verdict("a", False)]) == (passages, result)


def test_a_reviewer_sets_aside_a_whole_document_or_one_passage_of_another():
    from pipeline.relevance.filter import leave_out_documents
    from pipeline.themes.overrides import SET_ASIDE

    passages = [passage("a1", "a"), passage("a2", "a"), passage("b1", "b"), passage("b2", "b"), passage("c1", "c")]
    vectors = np.arange(5 * 2, dtype=np.float32).reshape(5, 2)
    result = EmbeddingResult(vectors, "m", reused=0, computed=5, new={})
    flagged, kept = leave_out_documents(passages, result, {"a", "b2"}, SET_ASIDE)
    assert [p.passage_id for p in modelled(flagged)] == ["b1", "c1"]
    assert [p.excluded for p in flagged] == [SET_ASIDE, SET_ASIDE, None, SET_ASIDE, None]
    assert kept.vectors.tolist() == [vectors[2].tolist(), vectors[4].tolist()]
