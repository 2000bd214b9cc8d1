"""The off-field senses of a taxonomy file and the texts each concept or sense is embedded as."""

import pytest

from pipeline.errors import CoprodError
from pipeline.relevance.prototypes import embed_prototypes, load_field, load_off_field, prototype_texts
from pipeline.themes.concepts import load_taxonomy
from tests.conftest import PROJECT


def test_the_bundled_taxonomy_names_contrasting_senses_of_the_fields_words():
    senses = {s.sense_id for s in load_off_field(PROJECT / "corpora" / "taxonomy.toml")}
    assert {"film-television-co-production", "chemical-energy-processes", "software-computing"} <= senses


def test_a_sense_without_a_description_is_named(tmp_path):
    path = tmp_path / "t.toml"
    path.write_text('[[off_field]]\nid = "film"\nname = "Film"\n')
    with pytest.raises(CoprodError, match="off_field sense 1 has no description"):
        load_off_field(path)


def test_each_sentence_is_a_prototype_led_by_the_name():
    assert prototype_texts("Film", "Studios share costs. Treaties set rules.") == [
        "Film. Studios share costs. Treaties set rules.", "Film. Studios share costs.", "Film. Treaties set rules."]
    assert prototype_texts("Film", "One sentence only.") == ["Film. One sentence only."]


def test_prototype_rows_belong_to_their_concept_and_sense(fake_embedder):
    path = PROJECT / "corpora" / "taxonomy.toml"
    concepts, senses = load_taxonomy(path), load_off_field(path)
    prototypes = embed_prototypes(fake_embedder, concepts, senses)
    assert len(prototypes.field_vectors) == len(prototypes.field_owner) > len(concepts)
    assert set(prototypes.field_owner) == set(range(len(concepts)))
    assert prototypes.off_names == [s.sense_id for s in senses]


def test_the_field_as_a_whole_is_on_the_field_side_but_no_concept(fake_embedder):
    path = PROJECT / "corpora" / "taxonomy.toml"
    field = load_field(path)
    prototypes = embed_prototypes(fake_embedder, load_taxonomy(path), load_off_field(path), field)
    assert "co-production-in-general" in prototypes.field_names
    assert "co-production-in-general" not in {c.concept_id for c in load_taxonomy(path)}
