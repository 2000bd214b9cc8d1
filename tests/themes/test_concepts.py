import numpy as np
import pytest

from pipeline.errors import CoprodError
from pipeline.themes.concepts import Concept, keyword_evidence, load_taxonomy, match_concepts

CONCEPTS = [Concept("climate", "Climate services", "floods and weather", ("flood", "river", "rain")),
            Concept("school", "Education", "pupils and teachers", ("pupils", "school"))]


def test_themes_map_to_the_closest_concept_and_a_stranger_is_emergent():
    concept_vectors = np.eye(3, dtype=np.float32)[:2]
    centroids = np.array([[0.9, 0.1, 0], [0.1, 0.9, 0], [0, 0, 1]], dtype=np.float32)
    texts = ["the flood came up the river after rain", "pupils at the school", "parking permits"]
    passages = np.array([[1, 0, 0], [0, 0, 1]], dtype=np.float32)
    match = match_concepts(CONCEPTS, concept_vectors, centroids, texts, passages)
    best = {t: c for t, c, rank, *_ in match.theme_concepts if rank == 1}
    assert best[0] == "climate" and best[1] == "school"
    assert match.emergent == {2}
    assert match.passage_concepts == [(0, "climate", 1.0)]


def test_keyword_evidence_saturates():
    assert keyword_evidence("Flood! The river and the rain", ("flood", "river", "rain", "sandbag")) == 1.0
    assert keyword_evidence("a flood", ("flood", "river", "rain")) == pytest.approx(1 / 3)


def test_the_bundled_taxonomy_loads_and_a_broken_one_is_named(tmp_path):
    from tests.conftest import PROJECT

    concepts = load_taxonomy(PROJECT / "corpora" / "taxonomy.toml")
    assert len(concepts) >= 18 and {"co-design", "public-value", "living-labs"} <= {c.concept_id for c in concepts}
    bad = tmp_path / "t.toml"
    bad.write_text('[[concept]]\nid = "x"\nname = "X"\n')
    with pytest.raises(CoprodError, match="concept 1 has no description"):
        load_taxonomy(bad)


def test_a_documents_strongest_concepts_are_what_its_passages_say_on_average():
    import numpy as np

    from pipeline.themes.concepts import document_concepts

    # doc "a": one passage strongly about concept y, two mildly about x -> x first on average
    sims = np.array([[0.2, 0.9, 0.0], [0.6, 0.1, 0.0], [0.6, 0.1, 0.1], [0.0, 0.0, 0.8]])
    rows = document_concepts(["a", "a", "a", "b"], sims, ["x", "y", "z"], per_document=2)
    assert [(d, c, r) for d, c, r, _ in rows] == [("a", "x", 1), ("a", "y", 2), ("b", "z", 1), ("b", "x", 2)]


def test_documents_keep_their_order_and_equal_concepts_rank_by_id():
    import numpy as np

    from pipeline.themes.concepts import document_concepts

    # passages of "b" come first and are interleaved with "a"'s; "q" and "z" tie in "b"
    sims = np.array([[0.5, 0.5, 0.1], [0.9, 0.0, 0.3], [0.5, 0.5, 0.1], [0.1, 0.0, 0.3]], dtype=np.float32)
    rows = document_concepts(["b", "a", "b", "a"], sims, ["q", "z", "m"], per_document=2)
    assert [(d, c, r) for d, c, r, _ in rows] == [("b", "q", 1), ("b", "z", 2), ("a", "q", 1), ("a", "m", 2)]
    assert [round(s, 3) for *_, s in rows] == [0.5, 0.5, 0.5, 0.3]
