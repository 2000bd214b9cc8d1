"""Posts read in their thread's context: a short reply follows its thread, a long post keeps its meaning."""

import numpy as np

from pipeline.model import Passage
from pipeline.themes.context import content_words, read_in_context, with_document


def post(doc: str, index: int, text: str) -> Passage:
    return Passage(passage_id=f"{doc}-{index}", doc_id=doc, position=index, text=text,
                   char_start=0, char_end=len(text), post_index=index)


def unit(*v: float) -> np.ndarray:
    a = np.array(v, dtype=np.float32)
    return a / np.linalg.norm(a)


LONG = ("Diffusion tubes measured nitrogen dioxide across thirty sites near the school junction, "
        "compared against the council monitor, volunteers collected readings monthly")


def test_content_words_leave_out_function_words_and_short_tokens():
    assert content_words("Of course, happy to help.") == 3  # course, happy, help
    assert content_words("Thanks Raj! How many tubes did you use?") <= 5
    assert content_words(LONG) == 17
    assert content_words("") == 0


def test_a_thank_you_moves_to_its_thread_and_a_long_post_keeps_most_of_its_own_direction():
    air, small_talk = unit(1, 0, 0), unit(0, 1, 0)
    passages = [post("t", 0, LONG), post("t", 1, LONG), post("t", 2, "Thanks Raj! Great, cheers.")]
    vectors = np.vstack([air, air, small_talk])
    out = read_in_context(passages, vectors, strength=12)
    # the reply now lies nearer its thread than the small talk it was embedded as
    assert out[2] @ air > out[2] @ small_talk
    # the long posts keep to their own subject
    assert out[0] @ air > 0.9 and out[1] @ air > 0.9
    assert np.allclose(np.linalg.norm(out, axis=1), 1, atol=1e-5)


def test_a_long_post_that_differs_from_its_thread_keeps_its_own_meaning():
    air, budgets = unit(1, 0, 0), unit(0, 0, 1)
    long_text = " ".join([LONG] * 3)
    passages = [post("t", 0, long_text), post("t", 1, long_text), post("t", 2, long_text)]
    out = read_in_context(passages, np.vstack([air, air, budgets]), strength=12)
    assert out[2] @ budgets > out[2] @ air


def test_passages_outside_threads_single_post_documents_and_strength_zero_are_left_alone():
    a, b = unit(1, 0, 0), unit(0, 1, 0)
    blog = [Passage(passage_id=f"b-{i}", doc_id="b", position=i, text="Thanks!", char_start=0, char_end=7)
            for i in range(2)]
    lone = [post("lone", 0, "Thanks!")]
    vectors = np.vstack([a, b, b])
    assert np.array_equal(read_in_context(blog + lone, vectors, strength=12), vectors)
    thread = [post("t", 0, "Thanks!"), post("t", 1, "Cheers!")]
    assert np.array_equal(read_in_context(thread, vectors[:2], strength=0), vectors[:2])


def test_the_result_does_not_depend_on_the_order_the_passages_come_in():
    rng = np.random.default_rng(0)
    passages = [post(d, i, "Thanks, and the tubes?" if i % 2 else LONG) for d in "xyz" for i in range(4)]
    vectors = rng.normal(size=(len(passages), 8)).astype(np.float32)
    vectors /= np.linalg.norm(vectors, axis=1, keepdims=True)
    out = read_in_context(passages, vectors, strength=12)
    order = rng.permutation(len(passages))
    shuffled = read_in_context([passages[i] for i in order], vectors[order], strength=12)
    assert np.allclose(shuffled, out[order], atol=1e-6)


def passage(doc: str, index: int) -> Passage:
    return Passage(passage_id=f"{doc}-{index}", doc_id=doc, position=index, text="text",
                   char_start=0, char_end=4)


def test_a_passage_moves_towards_the_rest_of_its_document_and_a_lone_passage_stays():
    passages = [passage("a", 0), passage("a", 1), passage("a", 2), passage("b", 0)]
    vectors = np.vstack([unit(1, 0, 0), unit(0, 1, 0), unit(0, 1, 0), unit(0, 0, 1)])
    out = with_document(passages, vectors, 0.3)
    assert np.allclose(out[0], unit(0.7, 0.3, 0))  # 0.3 of its weight is the rest of "a"
    assert np.allclose(out[1], unit(0.3 * np.sqrt(0.5), 0.7 + 0.3 * np.sqrt(0.5), 0))
    assert np.allclose(out[3], vectors[3])  # "b" has one passage
    assert np.allclose(np.linalg.norm(out, axis=1), 1)
    assert np.array_equal(with_document(passages, vectors, 0), vectors)
