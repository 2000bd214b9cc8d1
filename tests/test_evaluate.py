"""`coprod evaluate`: the pipeline on a labelled JSONL corpus, scored against its gold labels."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from pipeline.errors import CoprodError
from pipeline.evaluate import evaluate, format_evaluation, gold_labels, main_themes
from pipeline.model import Passage
from pipeline.settings import Settings
from tests.conftest import TOPICS, query


def write_labelled(path: Path, per_topic: int = 6, seed: int = 0, mislabel: int = 0) -> Path:
    """Lines of three topics, each of two paragraphs; ``mislabel`` lines carry a wrong label."""
    rng = random.Random(seed)
    lines = []
    for topic, vocabulary in TOPICS.items():
        words = vocabulary.split()
        for i in range(per_topic):
            text = "\n\n".join(" ".join(f"The {topic} " + " ".join(rng.sample(words, 9)) + "." for _ in range(3))
                               for _ in range(2))
            lines.append({"id": f"{topic}/{i}", "text": text, "label": topic})
    names = list(TOPICS)
    for line in lines[:mislabel]:
        line["label"] = names[(names.index(line["label"]) + 1) % len(names)]
    lines.append({"id": "unlabelled", "text": lines[0]["text"].replace("The", "A")})
    path.write_text("".join(json.dumps(line) + "\n" for line in lines))
    return path


def test_separable_topics_agree_perfectly_with_their_labels(tmp_path, fake_embedder):
    corpus = write_labelled(tmp_path / "topics.jsonl")
    result = evaluate(corpus, tmp_path / "eval.duckdb", Settings().replace("themes", n_themes=3, taxonomy=""),
                      embedder=fake_embedder)
    assert result.n_documents == 19 and result.n_labels == 3
    assert result.scores["v_measure"] == pytest.approx(1.0)
    assert result.scores["ari"] == pytest.approx(1.0)
    assert result.scores["unassigned_share"] == 0.0
    assert set(result.seconds) == {"ingest", "split", "embed", "themes", "labels", "store"}
    # labels and keywords as zero-shot classifiers of their themes
    assert 0 <= result.scores["label_accuracy"] <= 1 and 0 <= result.scores["keyword_accuracy"] <= 1
    # the run is published, with its gold figures beside the run's own quality figures
    assert query(tmp_path / "eval.duckdb", "SELECT round(value, 3) FROM run_metrics WHERE metric = 'gold_ari'") == [(1.0,)]
    text = format_evaluation(result)
    assert "V-measure 1.000  NMI 1.000  ARI 1.000" in text


def test_wrong_labels_lower_the_agreement(tmp_path, fake_embedder):
    corpus = write_labelled(tmp_path / "topics.jsonl", mislabel=4)
    result = evaluate(corpus, None, Settings().replace("themes", n_themes=3, taxonomy=""), embedder=fake_embedder)
    assert 0.3 < result.scores["v_measure"] < 0.9
    assert result.run_id is None  # nothing published without a database


def test_a_corpus_without_labels_is_refused(tmp_path):
    corpus = tmp_path / "plain.jsonl"
    corpus.write_text('{"id": "a", "text": "Co-design."}\n')
    with pytest.raises(CoprodError, match=r"plain.jsonl has no line with a gold \"label\""):
        gold_labels(corpus)


def test_a_document_main_theme_is_where_most_of_its_passages_are():
    passages = [Passage(f"p{i}", doc, i, "x", 0, 1) for i, doc in enumerate("aaabb")]
    assert main_themes(passages, [2, 1, 1, -1, -1], [0.5, 0.4, 0.4, 0.9, 0.9]) == {"a": 1}
    # a tie goes to the theme the passages are closer to
    assert main_themes(passages[:2], [2, 1], [0.5, 0.6]) == {"a": 1}


@pytest.mark.slow
def test_evaluate_command_with_the_real_model(tmp_path, capsys):
    from pipeline.cli import main

    corpus = write_labelled(tmp_path / "topics.jsonl", per_topic=4)
    db = tmp_path / "eval.duckdb"
    assert main(["evaluate", "--corpus", str(corpus), "--db", str(db), "--themes", "3", "--seeds", "1",
                 "--json"]) == 0
    figures = json.loads(capsys.readouterr().out)
    assert figures["n_themes"] == 3
    assert figures["scores"]["v_measure"] > 0.9
    assert figures["scores"]["seed_stability_ari"] > 0.9
    # the second evaluation embeds nothing: every vector comes from the database
    assert main(["evaluate", "--corpus", str(corpus), "--db", str(db), "--themes", "3"]) == 0
    out = capsys.readouterr().out
    assert "agreement    V-measure" in out
    assert query(db, "SELECT embeddings_computed, embeddings_reused FROM runs ORDER BY started_at")[1] == (
        0, figures["n_modelled"])


def test_a_copied_document_takes_the_theme_of_its_original(tmp_path, fake_embedder):
    corpus = write_labelled(tmp_path / "topics.jsonl")
    lines = corpus.read_text().splitlines()
    copy = json.loads(lines[0]) | {"id": "copy-of-first"}
    corpus.write_text("\n".join(lines + [json.dumps(copy)]) + "\n")
    result = evaluate(corpus, None, Settings().replace("themes", n_themes=3, taxonomy=""), embedder=fake_embedder)
    assert result.scores["document_coverage"] == 1.0  # the copy has no modelled passage, yet a theme
    assert result.scores["v_measure"] == pytest.approx(1.0)
