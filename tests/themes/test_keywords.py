import numpy as np

from pipeline.themes.keywords import diverse_terms, theme_keywords
from pipeline.themes.labels import label_from_keywords, written_forms


def test_each_theme_gets_its_own_words():
    texts = ["Flood wardens watched the river rise.", "The flood plan sends wardens to the river.",
             "Pupils planned lessons with the school.", "The school asked pupils about lessons."]
    keywords = theme_keywords(texts, np.array([0, 0, 1, 1]), n_themes=2, n_keywords=4)
    assert {w for w, _ in keywords[0]} >= {"flood", "wardens", "river"}
    assert {w for w, _ in keywords[1]} >= {"pupils", "lessons", "school"}
    assert not {w for w, _ in keywords[0]} & {w for w, _ in keywords[1]}


def test_variants_and_parts_of_a_chosen_phrase_are_skipped():
    ranked = [("public", 9), ("public value", 8), ("services", 7), ("service", 6), ("value", 5),
              ("carers", 4), ("carer", 3), ("hospital", 2)]
    assert [t for t, _ in diverse_terms(ranked, 4)] == ["public value", "services", "carers", "hospital"]


def test_label_reads_as_a_short_phrase():
    assert label_from_keywords(["community energy", "solar", "energy", "net zero"]) == \
        "Community energy, solar, net zero"
    assert label_from_keywords([]) == "(no keywords)"


def test_a_rare_phrase_does_not_push_out_a_frequent_word():
    ranked = [("flood", 9), ("flood plan", 8)]
    assert [t for t, _ in diverse_terms(ranked, 2, counts={"flood": 5, "flood plan": 1})] == ["flood", "flood plan"]
    assert [t for t, _ in diverse_terms(ranked, 2, counts={"flood": 5, "flood plan": 4})] == ["flood plan"]


def test_peoples_names_are_not_keywords():
    texts = ["Hannah put the diffusion tubes on the lamp posts.", "Thanks Hannah, the tubes worked.",
             "Pupils asked the school about homework.", "The school council met pupils."]
    keywords = theme_keywords(texts, np.array([0, 0, 1, 1]), n_themes=2, n_keywords=5)
    assert "tubes" in [w for w, _ in keywords[0]]
    assert not any("hannah" in w for w, _ in keywords[0])


def test_a_label_writes_acronyms_as_the_passages_do():
    texts = ["Patients told the PPG that the practice phone queue was too long.",
             "The PPG met the practice manager; patients asked for online booking.",
             "Our PAs are paid through direct payments, and the PAs keep a diary.",
             "Patients joined the ppg after the open evening."]
    forms = written_forms(texts, ["patients", "ppg", "practice", "pas", "diary"])
    # "Patients" is capitalised only where it starts a sentence: not a form of its own
    assert forms == {"ppg": "PPG", "pas": "PAs"}
    assert label_from_keywords(["patients", "ppg", "practice"], forms=forms) == "Patients, PPG, practice"
    assert label_from_keywords(["pas", "diary"], forms=forms) == "PAs, diary"


def test_an_acronym_the_passages_spell_out_is_labelled_in_full():
    texts = ["Our personal assistants (PAs) are paid through direct payments.",
             "The PAs keep a diary, and the PAs are hired by the family.",
             "We asked the PPG (patient participation group) about the phone queue.",
             "The PPG met the practice manager again."]
    forms = written_forms(texts, ["pas", "ppg", "diary"])
    assert forms == {"pas": "personal assistants", "ppg": "patient participation group"}
    assert label_from_keywords(["pas", "diary"], forms=forms) == "Personal assistants, diary"
    # spelled out, the acronym is the keyword it abbreviates: not named twice
    assert label_from_keywords(["patient participation group", "ppg", "diary"], forms=forms) == \
        "Patient participation group, diary"



def test_a_term_is_found_as_a_whole_word_as_a_case_insensitive_regex_finds_it():
    import re

    from pipeline.themes.labels import _mentions

    texts = ["ha ha ha, HA-ha", "the Ha_ha and aha", "", "Ha", "ha\nHa ha"]
    joined = "\x00".join(texts)
    for term in ["ha", "ha ha", "ha-ha", "aha", "a"]:
        assert _mentions(joined, joined.lower(), term) == \
            re.findall(rf"\b{re.escape(term)}\b", joined, re.IGNORECASE), term


def test_a_text_with_a_letter_lower_casing_does_not_fold_is_searched_as_before():
    # the long s matches "s" case-insensitively but stays itself when lower-cased: "NHſ"
    # counts as a form of "nhs", so no form has a majority
    assert written_forms(["The NHS said so.", "the NHſ"], ["nhs"]) == {}
    # "İ" lower-cases to two characters: positions in the lower-cased text would be off
    assert written_forms(["İİİİ NHS", "NHS again"], ["nhs"]) == {"nhs": "NHS"}

def test_of_two_equally_distinctive_words_the_one_that_occurs_with_the_others_is_kept():
    from pipeline.themes.keywords import coherent_subset

    scores = np.array([1.0, 0.9, 0.8, 0.8])
    npmi = np.array([[1, 0.5, -1, 0.6], [0.5, 1, -1, 0.4], [-1, -1, 1, -1], [0.6, 0.4, -1, 1]])
    assert coherent_subset(scores, npmi, 3, weight=0.5) == [0, 1, 3]  # 2 never occurs with 0 or 1
    assert coherent_subset(scores, npmi, 3, weight=0.0) == [0, 1, 2]  # by score alone


def test_a_word_of_passages_apart_gives_way_to_one_that_occurs_with_the_theme_s_other_keywords():
    import random

    rng = random.Random(0)

    def mixed(words: str) -> str:  # word order varied, so no phrase repeats
        w = words.split()
        rng.shuffle(w)
        return " ".join(w)

    # "tag" and "notice" are more frequent in the oil theme than "barrel", but never beside its other words
    oil = ([mixed("oil prices crude") for _ in range(10)] + [mixed("oil barrel opec") for _ in range(6)]
           + [mixed("tag notice") for _ in range(8)])
    sport = [mixed("match goal league striker") for _ in range(24)]
    texts, labels = oil + sport, np.array([0] * len(oil) + [1] * len(sport))
    plain = [w for w, _ in theme_keywords(texts, labels, 2, n_keywords=4, coherence=0.0)[0]]
    coherent = [w for w, _ in theme_keywords(texts, labels, 2, n_keywords=4)[0]]
    assert plain == ["oil", "crude", "prices", "notice"]
    assert coherent == ["oil", "crude", "prices", "barrel"]


def test_a_dash_before_an_acronym_s_bracket_is_not_taken_for_a_word():
    from pipeline.themes.labels import expansion

    # a news item's "Stock Exchange - (NYSE)" once crashed the sub-themes stage on AG News
    assert expansion(["The New York Stock Exchange - (NYSE) said"], "NYSE") == "New York Stock Exchange"
    assert expansion(["traders at the exchange - (NYSE) said"], "NYSE") is None
