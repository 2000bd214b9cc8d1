import random
import re

from pipeline.clean.near_duplicates import near_duplicates, shingle_hashes, signatures

WORDS = ("council tenants residents panel budget housing repairs service design citizens "
         "providers workshop survey library volunteers transport care school parents nurses "
         "clinic outcome value public trust meeting local health social youth digital").split()


def corpus(seed: int, size: int) -> list[str]:
    """Texts of random words, a fifth of them an earlier text with one to five words changed
    or its case and punctuation altered: some copies fall above 0.8 similarity, some below."""
    rng = random.Random(seed)
    texts: list[str] = []
    for _ in range(size):
        if texts and rng.random() < 0.2:
            words = rng.choice(texts).split()
            for _ in range(rng.randint(1, 5)):
                words[rng.randrange(len(words))] = rng.choice(WORDS)
            text = " ".join(words)
            texts.append(text.upper() + "!" if rng.random() < 0.3 else text)
        else:
            texts.append(" ".join(rng.choice(WORDS) for _ in range(rng.randint(40, 80))))
    return texts


def brute_force(texts: list[str], threshold: float = 0.8) -> list[int | None]:
    """Every text against every earlier original, by exact Jaccard similarity of 3-grams."""
    def grams(text: str) -> set[str]:
        w = re.findall(r"[a-z0-9]+", text.lower())
        return {" ".join(w[i:i + 3]) for i in range(len(w) - 2)}

    sets = [grams(t) for t in texts]
    result: list[int | None] = []
    originals: list[int] = []
    for i, mine in enumerate(sets):
        best, found = 0.0, None
        for j in originals:
            similarity = len(mine & sets[j]) / len(mine | sets[j])
            if similarity >= threshold and similarity > best:
                best, found = similarity, j
        if found is None:
            originals.append(i)
        result.append(found)
    return result


def test_finds_the_same_copies_as_comparing_every_pair():
    texts = corpus(seed=7, size=600)
    expected = brute_force(texts)
    assert sum(x is not None for x in expected) > 30  # the corpus has copies to find
    assert near_duplicates(texts, [f"t{i:04d}" for i in range(len(texts))]) == expected


def test_a_text_hashes_the_same_whatever_else_is_in_the_corpus():
    texts = corpus(seed=3, size=50)
    alone = signatures(*shingle_hashes(texts[10:11]))
    among = signatures(*shingle_hashes(texts[::-1]))
    assert (alone[0] == among[len(texts) - 1 - 10]).all()


def test_of_two_equally_close_originals_the_first_by_name_wins():
    copy = " ".join(f"w{i}" for i in range(92))  # 90 distinct 3-grams
    a = copy + " " + " ".join(f"a{i}" for i in range(20))  # 20 more: 90 / 110 alike with copy
    b = " ".join(f"b{i}" for i in range(20)) + " " + copy
    # a and b are 90 / 130 alike: both originals; the copy is as close to each
    assert near_duplicates([a, b, copy], ["z-last", "a-first", "copy"]) == [None, None, 1]
    assert near_duplicates([a, b, copy], ["a-first", "z-last", "copy"]) == [None, None, 0]


def test_texts_of_fewer_than_three_words_are_copies_only_when_their_words_match():
    assert near_duplicates(["Thanks!", "thanks", "Thanks all", ""], list("abcd")) == [None, 0, None, None]
