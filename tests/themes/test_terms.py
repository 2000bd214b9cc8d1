import random
import re

import numpy as np
from sklearn.feature_extraction.text import CountVectorizer

from pipeline.themes.keywords import STOP_WORDS, term_index, theme_keywords
from pipeline.themes.metrics import npmi_coherence
from pipeline.themes.terms import TOKEN_PATTERN

WORDS = ("Council council tenants of the and residents' co-production co-designed panel -x- y- "
         "Hannah Lee budget housing repairs 2024 A4 user-led Über straße İstanbul naïve "
         "services service e-mail data_set a the an in on for Thanks").split()


def texts(seed: int, n: int) -> list[str]:
    rng = random.Random(seed)
    out = [" ".join(rng.choice(WORDS) + rng.choice(["", "", ",", ".", "!", "-"]) for _ in range(rng.randint(0, 30)))
           for _ in range(n)]
    return out + ["", "the of and", "Co-production of the services: residents (and Hannah)"]


def vectorizer(min_df: int, **extra) -> CountVectorizer:
    return CountVectorizer(ngram_range=(1, 2), stop_words=STOP_WORDS, token_pattern=TOKEN_PATTERN,
                           min_df=min_df, lowercase=True, **extra)


def test_counts_are_those_of_scikit_learns_vectorizer():
    corpus = texts(seed=1, n=300)
    counts, terms = term_index(corpus).counts(min_df=2)
    expected = vectorizer(2).fit_transform(corpus)
    assert list(terms) == list(vectorizer(2).fit(corpus).get_feature_names_out())
    assert (counts != expected).nnz == 0


def test_a_subset_counts_as_if_it_were_vectorised_alone():
    corpus = texts(seed=2, n=200)
    rows = np.array([5, 3, 99, 150, 7, 42, 8, 120])
    subset = [corpus[i] for i in rows]
    counts, terms = term_index(corpus).subset(rows).counts(min_df=1)
    assert list(terms) == list(vectorizer(1).fit(subset).get_feature_names_out())
    assert (counts != vectorizer(1).fit_transform(subset)).nnz == 0


def test_proper_names_are_capitalised_words_never_written_in_lower_case():
    index = term_index(["Hannah met the Council.", "The council and Lee agreed.", "Hannah thanks you"])
    assert index.proper_names() == {"hannah", "lee"}  # "the", "council" are also written in lower case
    assert index.subset(np.array([0])).proper_names() == {"hannah", "council"}


def test_npmi_from_the_index_equals_npmi_from_the_texts():
    corpus = texts(seed=3, n=250)
    keywords = [["council", "tenants", "co-production services", "residents"], ["housing repairs", "budget", "panel"]]
    assert np.isclose(npmi_coherence(keywords, corpus, index=term_index(corpus)), npmi_coherence(keywords, corpus))


def test_keywords_with_and_without_a_shared_index_agree():
    corpus = texts(seed=4, n=120)
    labels = np.array([i % 3 for i in range(len(corpus))])
    index = term_index(corpus)
    assert theme_keywords(corpus, labels, 3, index=index) == theme_keywords(corpus, labels, 3)
    rows = np.flatnonzero(labels == 1)
    sub = [corpus[i] for i in rows]
    sub_labels = np.arange(len(sub)) % 2
    assert theme_keywords(sub, sub_labels, 2, index=index.subset(rows)) == theme_keywords(sub, sub_labels, 2, index=term_index(sub))


def test_texts_of_stop_words_only_give_no_keywords():
    assert theme_keywords(["the of and", "a an the"], np.array([0, 1]), 2) == [[], []]


def test_token_pattern_is_a_word_of_two_letters_or_more():
    assert re.findall(TOKEN_PATTERN, "a co-production x- 42 ab") == ["co-production", "ab"]
