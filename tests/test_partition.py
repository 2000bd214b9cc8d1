"""Chunks prepared on local worker processes: the same documents and errors as in-process,
in the same order."""

import os

from pipeline import refresh as stages
from pipeline.partition import local_map
from pipeline.settings import Settings


def _pid(chunk):
    return os.getpid(), chunk


def test_chunks_run_on_other_processes_and_come_back_in_order():
    results = local_map(2)(_pid, [[1], [2], [3], [4], [5]])
    assert [chunk for _, chunk in results] == [[1], [2], [3], [4], [5]]
    assert os.getpid() not in {pid for pid, _ in results}


def test_one_chunk_or_one_process_runs_here():
    assert local_map(2)(_pid, [[1]]) == [(os.getpid(), [1])]
    assert {pid for pid, _ in local_map(1)(_pid, [[1], [2]])} == {os.getpid()}


def test_ingest_on_two_processes_gives_the_in_process_documents_and_errors(tmp_path):
    corpus = tmp_path / "corpus"
    corpus.mkdir()
    for n in range(9):
        (corpus / f"note-{n}.txt").write_text(
            f"Residents and the council co-designed service {n}.\n\nThey met weekly to plan the "
            f"library's opening hours, round {n}, and reviewed them together after a month.\n")
    (corpus / "empty.txt").write_text("--- !!! 42 ---\n")
    serial = Settings().replace("parallel", documents_per_chunk=2, prepare_processes=1)
    parallel = serial.replace("parallel", prepare_processes=2)
    docs_one, errors_one = stages.ingest(corpus, serial)
    docs_two, errors_two = stages.ingest(corpus, parallel)
    assert [(d.doc_id, d.title, d.text, d.language) for d in docs_one] == \
        [(d.doc_id, d.title, d.text, d.language) for d in docs_two]
    assert len(docs_two) == 9
    assert [(e.source_uri, e.stage, e.message) for e in errors_two] == \
        [(e.source_uri, e.stage, e.message) for e in errors_one]
    assert any(e.source_uri.endswith("empty.txt") and "no text left" in e.message for e in errors_two)
