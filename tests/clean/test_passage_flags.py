import random

from datasketch import MinHash, MinHashLSH

from pipeline.clean.minhash import shingles
from pipeline.clean.passage_flags import flag_passages
from pipeline.model import Passage

ORIGINAL = ("Flood wardens in the village read the river gauges every morning after heavy rain, "
            "and they phone the readings to the agency so the warning can go out in time.")


def p(i: int, text: str, excluded=None) -> Passage:
    return Passage(f"p{i}", "d", i, text, 0, len(text), excluded=excluded)


def test_a_copy_differing_in_case_and_punctuation_points_at_its_original():
    flattened = ORIGINAL.lower().replace(",", "").replace(".", "")
    out = flag_passages([p(1, ORIGINAL), p(2, "Pupils planned their history lessons with teachers "
                                              "and parents over a whole term of workshops."), p(3, flattened)])
    assert [(x.passage_id, x.excluded, x.duplicate_of) for x in out] == [
        ("p1", None, None), ("p2", None, None), ("p3", "duplicate", "p1")]


def test_other_languages_are_flagged_but_kept():
    german = "Die Bürger gestalten öffentliche Dienstleistungen gemeinsam mit der Verwaltung und den Fachkräften."
    out = flag_passages([p(1, german), p(2, ORIGINAL, excluded="references")])
    assert (out[0].language, out[0].excluded) == ("de", "language:de")
    assert (out[1].language, out[1].excluded) == ("en", "references")  # the first reason stays


def test_the_original_of_two_copies_does_not_depend_on_the_order_they_come_in():
    first = Passage("p1", "doc-b", 0, ORIGINAL, 0, len(ORIGINAL))
    second = Passage("p2", "doc-a", 0, ORIGINAL.lower(), 0, len(ORIGINAL))
    names = {"doc-a": "a/first.txt", "doc-b": "b/second.txt"}
    for order in ([first, second], [second, first]):
        out = {x.passage_id: x for x in flag_passages(order, names=names)}
        assert (out["p2"].excluded, out["p1"].excluded, out["p1"].duplicate_of) == (None, "duplicate", "p2")


def test_a_passage_an_earlier_run_stored_stays_the_original():
    stored = Passage("p1", "doc-b", 0, ORIGINAL, 0, len(ORIGINAL))
    new = Passage("p2", "doc-a", 0, ORIGINAL.lower(), 0, len(ORIGINAL))
    out = {x.passage_id: x for x in flag_passages([new, stored], stored={stored.text_hash})}
    assert (out["p1"].excluded, out["p2"].duplicate_of) == (None, "p1")


def _datasketch_flags(passages: list[Passage]) -> list[str | None]:
    """Each passage's original, found one passage at a time with datasketch's MinHashLSH."""
    lsh = MinHashLSH(threshold=0.8, num_perm=128)
    originals, found = {}, {}
    for passage in sorted(passages, key=lambda x: ("", x.doc_id, x.position)):
        mine = shingles(passage.text)
        signature = MinHash(num_perm=128, seed=1)
        signature.update_batch([s.encode() for s in mine])
        best, original = 0.0, None
        for candidate in sorted(lsh.query(signature)):
            similarity = len(mine & originals[candidate]) / len(mine | originals[candidate])
            if similarity >= 0.8 and similarity > best:
                best, original = similarity, candidate
        if original is None:
            lsh.insert(passage.passage_id, signature)
            originals[passage.passage_id] = mine
        found[passage.passage_id] = original
    return [found[x.passage_id] for x in passages]


def test_copies_are_those_datasketch_finds_one_passage_at_a_time():
    rnd = random.Random(4)
    words = ORIGINAL.split()
    passages = []
    for i in range(300):
        text = " ".join(rnd.sample(words, len(words)))
        if i % 3:  # copies of an earlier passage, some words changed
            changed = passages[rnd.randrange(len(passages))].text.split()
            for _ in range(rnd.randint(0, 4)):
                changed[rnd.randrange(len(changed))] = rnd.choice(["river", "gauge", "warden"])
            text = " ".join(changed)
        passages.append(Passage(f"p{rnd.randrange(10**6):06d}", f"d{i % 7}", i, text, 0, len(text)))
    ours = [x.duplicate_of for x in flag_passages(passages)]
    assert ours == _datasketch_flags(passages)
    assert 50 < sum(o is not None for o in ours) < 200
