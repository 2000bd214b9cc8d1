"""The refresh flow on a local Dask cluster of two worker processes, through Prefect's Dask
task runner: same documents, vectors, themes and assignments as the single-process run."""

import os
import time

import numpy as np
import pytest

from pipeline.settings import Settings
from tests.conftest import DEFAULT_CORPUS, query

pytestmark = pytest.mark.slow

# Small chunks, so that the 36 documents and ~250 passages of the sample corpus make several
# tasks and both workers get some.
CHUNKS = {"documents_per_chunk": 8, "passages_per_chunk": 64}


def _pid_after_a_moment(chunk):
    time.sleep(0.5)
    return os.getpid(), chunk


def test_chunks_run_as_tasks_on_the_dask_workers_and_come_back_in_order(prefect_home):
    from prefect import flow

    from flows.parallel import task_map, task_runner

    runner = task_runner(Settings().replace("parallel", workers=2).parallel)

    @flow(task_runner=runner)
    def chunked_flow():
        return task_map("probe")(_pid_after_a_moment, [[1], [2], [3], [4]])

    results = chunked_flow()
    assert [chunk for _, chunk in results] == [[1], [2], [3], [4]]
    pids = {pid for pid, _ in results}
    assert os.getpid() not in pids  # ran on the workers, not in the flow's process
    assert len(pids) == 2


def test_a_refresh_on_two_dask_workers_gives_the_single_process_result(prefect_home, tmp_path):
    from flows.refresh import refresh_flow, refresh_flow_for

    single = Settings().replace("parallel", **CHUNKS, prepare_processes=1)
    distributed = single.replace("parallel", workers=2)
    one, two = tmp_path / "single.duckdb", tmp_path / "dask.duckdb"
    refresh_flow(corpus=str(DEFAULT_CORPUS), db=str(one), settings=single)
    result = refresh_flow_for(distributed)(corpus=str(DEFAULT_CORPUS), db=str(two), settings=distributed)
    assert result.n_documents >= 30 and not result.errors

    for sql in ["SELECT doc_id, content_hash FROM documents ORDER BY doc_id",
                "SELECT passage_id, text_hash FROM passages ORDER BY passage_id",
                "SELECT theme_id, label, size, keywords FROM themes ORDER BY theme_id",
                "SELECT passage_id, theme_id FROM passage_themes ORDER BY passage_id"]:
        assert query(one, sql) == query(two, sql), sql
    vectors = [np.array([v for _, v in query(db, "SELECT text_hash, embedding FROM embeddings ORDER BY text_hash")])
               for db in (one, two)]
    assert vectors[0].shape == vectors[1].shape and vectors[0].shape[0] > 200
    # the same model on the same chunks; other processes may sum in another order
    np.testing.assert_allclose(vectors[0], vectors[1], atol=1e-5)
