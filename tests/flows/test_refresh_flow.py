"""The real Prefect flow, with the real model and a real DuckDB file."""

import pytest

from tests.conftest import DEFAULT_CORPUS, SEEDS, query

pytestmark = pytest.mark.slow

TABLES = ["documents", "passages", "embeddings", "runs", "themes", "passage_themes",
          "document_themes", "ingest_errors", "theme_representatives", "run_documents"]


@pytest.fixture(scope="module")
def refresh_flow(prefect_home):
    from flows.refresh import refresh_flow

    return refresh_flow


@pytest.fixture(scope="module")
def default_run(refresh_flow, tmp_path_factory):
    out = tmp_path_factory.mktemp("default")
    db, report = out / "coproduction.duckdb", out / "coproduction-report.html"
    result = refresh_flow(corpus=str(DEFAULT_CORPUS), db=str(db), report=str(report))
    return result, db, report


def test_default_corpus_yields_distinct_recognisable_themes(default_run):
    result, db, _ = default_run
    assert result.n_documents >= 30 and not result.errors
    themes = query(db, "SELECT theme_id, keywords FROM themes WHERE run_id = 'run-0001' ORDER BY theme_id")
    assert len(themes) >= 4
    words = {tid: " ".join(kws) for tid, kws in themes}
    # each co-production topic of the sample corpus is the subject of some theme
    for topic in [("flood", "river", "energy", "climate", "air quality"),
                  ("school", "pupils", "youth", "young people"),
                  ("police", "policing", "neighbourhood watch", "anti-social"),
                  ("carers", "patients", "hospital", "mental health", "peer support", "gp"),
                  ("public value", "service logic", "value co-creation", "co-destruction")]:
        assert any(any(w in text for w in topic) for text in words.values()), topic
    # and different themes are described by different words
    tops = [set(kws[:5]) for _, kws in themes]
    assert all(len(a & b) / len(a | b) < 0.25 for i, a in enumerate(tops) for b in tops[i + 1:])


def test_documents_of_one_topic_share_a_theme_and_differ_from_another(default_run):
    _, db, _ = default_run
    main_theme = dict(query(db, """
        SELECT d.source_uri, arg_max(dt.theme_id, dt.share) FROM document_themes dt
        JOIN documents d USING (doc_id) GROUP BY ALL"""))
    flood = main_theme["blogs/flood-wardens-in-our-village.txt"]
    school = main_theme["blogs/our-youth-council-first-year.txt"]
    police = main_theme["forum/neighbourhood-watch-and-anti-social-behaviour.txt"]
    assert len({flood, school, police}) == 3
    # and the themes map onto the co-production concepts a researcher would expect
    concept_of = dict(query(db, "SELECT theme_id, concept_id FROM theme_concepts WHERE rank = 1"))
    assert concept_of[flood] == "climate-services"
    assert concept_of[school] == "education-youth-participation"
    assert concept_of[police] == "community-safety-policing"


def test_short_forum_replies_land_with_their_thread_and_make_no_theme_of_small_talk(default_run):
    from collections import Counter, defaultdict

    from pipeline.themes.context import content_words

    _, db, _ = default_run
    rows = query(db, """SELECT doc_id, theme_id, text FROM v_passages_in_context
                        WHERE genre = 'forum' AND post_index IS NOT NULL""")
    thread_themes = defaultdict(Counter)
    for doc, theme, _ in rows:
        thread_themes[doc][theme] += 1
    # replies such as "Thanks Raj! How many tubes did you use?"
    replies = [(doc, theme) for doc, theme, text in rows if content_words(text) <= 10]
    assert len(replies) >= 10
    at_home = sum(theme == thread_themes[doc].most_common(1)[0][0] for doc, theme in replies)
    assert at_home >= 0.9 * len(replies)  # 8 of 16 when each post was read alone
    threads_per_theme = defaultdict(set)
    for doc, theme in replies:
        threads_per_theme[theme].add(doc)
    assert max(len(docs) for docs in threads_per_theme.values()) <= 2  # 6 threads' thank-yous in one theme before


def test_every_table_is_filled_and_the_run_is_recorded(default_run):
    result, db, report = default_run
    for name in TABLES:
        if name != "ingest_errors":
            assert query(db, f"SELECT count(*) FROM {name}")[0][0] > 0, name
    status, flow_run_id, model = query(db, "SELECT status, flow_run_id, model_id FROM runs")[0]
    assert status == "succeeded" and flow_run_id
    assert model == "sentence-transformers/all-MiniLM-L6-v2+onnx-int8"  # the default backend
    assert query(db, "SELECT len(embedding) FROM embeddings LIMIT 1") == [(384,)]
    html = report.read_text(encoding="utf-8")
    assert html.count('class="theme"') == len(result.themes.themes)


@pytest.mark.skipif(not SEEDS.is_dir(), reason="shared seeds not present")
def test_the_five_real_seed_documents_are_ingested_without_error(refresh_flow, tmp_path):
    db = tmp_path / "seeds.duckdb"
    result = refresh_flow(corpus=str(SEEDS), db=str(db), report=str(tmp_path / "seeds.html"))
    assert result.n_documents == 5 and result.errors == []
    assert query(db, "SELECT count(*) FROM ingest_errors") == [(0,)]
    assert sorted(r[0] for r in query(db, "SELECT genre FROM documents")) == \
        ["abstract", "abstract", "blog", "encyclopedia", "forum"]
    assert query(db, "SELECT count(*) >= 8 FROM posts") == [(True,)]
    assert query(db, "SELECT count(*) FROM excluded_spans WHERE reason = 'keyword-spam'")[0][0] >= 1
    assert query(db, "SELECT count(*) FROM passages WHERE excluded = 'references'")[0][0] > 0
    for name in TABLES:
        if name != "ingest_errors":
            assert query(db, f"SELECT count(*) FROM {name}")[0][0] > 0, name


def test_the_bundled_corpus_exports_a_valid_qda_project_and_codebook(default_run, tmp_path):
    from pipeline.exports.write import export_run
    from tests.exports.test_refi_qda import read_back, validate

    _, db, _ = default_run
    qdpx, qdc = export_run(db, tmp_path, "qdpx"), export_run(db, tmp_path, "qdc")
    validate(qdc.read_bytes(), "Codebook.xsd")
    project, files = read_back(qdpx)
    from lxml import etree

    validate(etree.tostring(project), "Project.xsd")
    names = {c.get("name") for c in project.iter("{urn:QDA-XML:project:1.0}Code")}
    assert names == {label for (label,) in query(db, "SELECT label FROM themes UNION ALL SELECT label FROM subthemes")}
    assert len(files) == query(db, "SELECT count(*) FROM run_documents")[0][0]


def test_the_flow_run_leaves_its_summary_themes_and_links_as_artifacts(default_run):
    from prefect.client.orchestration import get_client
    from prefect.client.schemas.filters import ArtifactFilter, ArtifactFilterFlowRunId, ArtifactFilterKey

    result, db, report = default_run
    flow_run_id = query(db, "SELECT flow_run_id FROM runs WHERE run_id = 'run-0001'")[0][0]
    keys = [f"coprod-coproduction-{what}" for what in ("summary", "themes", "report", "database")]
    with get_client(sync_client=True) as client:
        # the same keys on every refresh of this corpus: this flow run's are the ones it made
        found = {a.key: a for a in client.read_artifacts(artifact_filter=ArtifactFilter(
            key=ArtifactFilterKey(any_=keys), flow_run_id=ArtifactFilterFlowRunId(any_=[flow_run_id])))}
    assert set(found) == set(keys)
    assert f"# coprod refresh {result.run_id}" in found[keys[0]].data
    assert f"themes: {len(result.themes.themes)}" in found[keys[0]].data
    table = found[keys[1]].data
    rows = table if isinstance(table, list) else __import__("json").loads(table)
    assert [r["label"] for r in rows] == [t.label for t in result.themes.themes]
    assert report.resolve().as_uri() in found[keys[2]].data
