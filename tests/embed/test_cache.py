import numpy as np

from pipeline.embed.cache import embed_passages
from pipeline.model import Passage


def passage(i: int, text: str) -> Passage:
    return Passage(f"p{i}", "d", i, text, 0, len(text))


def test_only_unseen_texts_are_embedded(fake_embedder):
    passages = [passage(0, "flood wardens river"), passage(1, "school pupils lessons"),
                passage(2, "flood wardens river")]
    first = embed_passages(passages, fake_embedder)
    assert fake_embedder.calls == [2]  # the repeated text is embedded once
    assert (first.computed, first.reused) == (2, 0)
    assert np.allclose(first.vectors[0], first.vectors[2])

    more = passages + [passage(3, "carers hospital discharge")]
    second = embed_passages(more, fake_embedder, cached=first.new)
    assert fake_embedder.calls == [2, 1]
    assert (second.computed, second.reused) == (1, 3)
    assert list(second.new) == [more[3].text_hash]
    assert second.vectors.shape == (4, fake_embedder.dimension)
