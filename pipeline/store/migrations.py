"""Schema versions: a new file gets the current schema; an older file is upgraded in place.

Each migration brings a file from version N-1 to N. Columns are only ever added at the end
of a table, so a migrated file and a new one have the same columns in the same order.
A file from a newer coprod is refused rather than misread.
"""

from __future__ import annotations

from datetime import datetime, timezone

import duckdb

from pipeline.errors import CoprodError

MIGRATIONS: dict[int, list[str]] = {
    2: [
        "ALTER TABLE runs ADD COLUMN n_modelled INTEGER",
        "ALTER TABLE documents ADD COLUMN venue VARCHAR",
        "ALTER TABLE documents ADD COLUMN keywords VARCHAR[]",
        "ALTER TABLE documents ADD COLUMN affiliations VARCHAR[]",
        "ALTER TABLE documents ADD COLUMN duplicate_of VARCHAR",
        "ALTER TABLE passages ADD COLUMN content_hash VARCHAR",
        "ALTER TABLE passages ADD COLUMN post_index INTEGER",
        "ALTER TABLE passages ADD COLUMN author VARCHAR",
        "ALTER TABLE passages ADD COLUMN section VARCHAR",
        "ALTER TABLE passages ADD COLUMN language VARCHAR",
        "ALTER TABLE passages ADD COLUMN excluded VARCHAR",
        "ALTER TABLE passages ADD COLUMN duplicate_of VARCHAR",
        """CREATE TABLE posts (doc_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
               post_index INTEGER NOT NULL, author VARCHAR, replies_to VARCHAR,
               char_start INTEGER NOT NULL, char_end INTEGER NOT NULL,
               PRIMARY KEY (doc_id, content_hash, post_index))""",
        """CREATE TABLE excluded_spans (doc_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
               line INTEGER NOT NULL, text VARCHAR NOT NULL, reason VARCHAR NOT NULL)""",
        "ALTER TABLE themes ADD COLUMN emergent BOOLEAN",
        """CREATE TABLE theme_hierarchy (run_id VARCHAR NOT NULL, level INTEGER NOT NULL,
               theme_id INTEGER NOT NULL, group_theme_id INTEGER NOT NULL,
               PRIMARY KEY (run_id, level, theme_id))""",
        """CREATE TABLE run_metrics (run_id VARCHAR NOT NULL, metric VARCHAR NOT NULL, value DOUBLE,
               PRIMARY KEY (run_id, metric))""",
        """CREATE TABLE concepts (run_id VARCHAR NOT NULL, concept_id VARCHAR NOT NULL, name VARCHAR NOT NULL,
               description VARCHAR NOT NULL, keywords VARCHAR[] NOT NULL, PRIMARY KEY (run_id, concept_id))""",
        """CREATE TABLE theme_concepts (run_id VARCHAR NOT NULL, theme_id INTEGER NOT NULL,
               concept_id VARCHAR NOT NULL, rank INTEGER NOT NULL, score DOUBLE NOT NULL,
               similarity DOUBLE NOT NULL, keyword_evidence DOUBLE NOT NULL,
               PRIMARY KEY (run_id, theme_id, concept_id))""",
        """CREATE TABLE passage_concepts (run_id VARCHAR NOT NULL, passage_id VARCHAR NOT NULL,
               concept_id VARCHAR NOT NULL, similarity DOUBLE NOT NULL,
               PRIMARY KEY (run_id, passage_id, concept_id))""",
    ],
    3: [
        "ALTER TABLE passage_themes ADD COLUMN second_theme_id INTEGER",
        "ALTER TABLE passage_themes ADD COLUMN second_score DOUBLE",
        "ALTER TABLE themes ADD COLUMN centroid FLOAT[]",
        "ALTER TABLE runs ADD COLUMN stage_seconds JSON",
        "ALTER TABLE runs ADD COLUMN error VARCHAR",
        "ALTER TABLE documents ADD COLUMN retired_run_id VARCHAR",
        "ALTER TABLE documents ADD COLUMN n_versions INTEGER",
        """CREATE TABLE document_versions (doc_id VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
               first_run_id VARCHAR NOT NULL, text VARCHAR NOT NULL, PRIMARY KEY (doc_id, content_hash))""",
        """INSERT INTO document_versions SELECT doc_id, content_hash, last_run_id, text FROM documents""",
        "UPDATE documents SET n_versions = 1",
        "ALTER TABLE themes ADD COLUMN label_source VARCHAR",
        "ALTER TABLE themes ADD COLUMN is_noise BOOLEAN",
        """CREATE TABLE prepared_documents (raw_hash VARCHAR NOT NULL, code_version VARCHAR NOT NULL,
               document JSON NOT NULL, PRIMARY KEY (raw_hash, code_version))""",
        """CREATE TABLE passage_map (run_id VARCHAR NOT NULL, passage_id VARCHAR NOT NULL, x DOUBLE NOT NULL,
               y DOUBLE NOT NULL, PRIMARY KEY (run_id, passage_id))""",
        """CREATE TABLE theme_overrides (created_at TIMESTAMP NOT NULL, action VARCHAR NOT NULL,
               theme_id INTEGER NOT NULL, other_theme_id INTEGER, label VARCHAR)""",
        """CREATE TABLE theme_lineage (run_id VARCHAR NOT NULL, theme_id INTEGER, parent_run_id VARCHAR,
               parent_theme_id INTEGER, relation VARCHAR NOT NULL)""",
    ],
    4: [
        """CREATE TABLE fetches (url VARCHAR NOT NULL, fetched_at TIMESTAMP NOT NULL, status INTEGER,
               etag VARCHAR, last_modified VARCHAR, content_hash VARCHAR, run_id VARCHAR NOT NULL,
               source VARCHAR NOT NULL, outcome VARCHAR NOT NULL)""",
        """CREATE TABLE raw_responses (url VARCHAR NOT NULL, content_hash VARCHAR NOT NULL,
               fetched_at TIMESTAMP NOT NULL, content_type VARCHAR, body BLOB NOT NULL,
               PRIMARY KEY (url, content_hash))""",
    ],
    5: [
        # screening decisions of bibliographic exports (ASReview labels, Rayyan notes)
        "ALTER TABLE documents ADD COLUMN screening VARCHAR",
    ],
    6: [
        # each run's relevance verdict and concepts per document
        """CREATE TABLE document_relevance (run_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL, score DOUBLE NOT NULL,
               field_similarity DOUBLE NOT NULL, off_field_similarity DOUBLE NOT NULL,
               corpus_similarity DOUBLE NOT NULL, nearest_concept VARCHAR NOT NULL, nearest_off_field VARCHAR,
               off_topic BOOLEAN NOT NULL, reason VARCHAR, PRIMARY KEY (run_id, doc_id))""",
        """CREATE TABLE document_concepts (run_id VARCHAR NOT NULL, doc_id VARCHAR NOT NULL,
               concept_id VARCHAR NOT NULL, rank INTEGER NOT NULL, score DOUBLE NOT NULL,
               PRIMARY KEY (run_id, doc_id, concept_id))""",
    ],
    7: [
        # a near-duplicate document takes its original's themes, marked as such
        "ALTER TABLE document_themes ADD COLUMN via_duplicate BOOLEAN DEFAULT false",
    ],
    8: [
        # sub-themes: their own table, representatives and lineage; a passage's sub-theme; edits
        """CREATE TABLE subthemes (run_id VARCHAR NOT NULL, subtheme_id INTEGER NOT NULL, theme_id INTEGER NOT NULL,
               label VARCHAR NOT NULL, keywords VARCHAR[] NOT NULL, keyword_scores DOUBLE[] NOT NULL,
               size INTEGER NOT NULL, centroid FLOAT[], label_source VARCHAR, PRIMARY KEY (run_id, subtheme_id))""",
        """CREATE TABLE subtheme_representatives (run_id VARCHAR NOT NULL, subtheme_id INTEGER NOT NULL,
               rank INTEGER NOT NULL, passage_id VARCHAR NOT NULL, PRIMARY KEY (run_id, subtheme_id, rank))""",
        """CREATE TABLE subtheme_lineage (run_id VARCHAR NOT NULL, subtheme_id INTEGER, parent_run_id VARCHAR,
               parent_subtheme_id INTEGER, relation VARCHAR NOT NULL)""",
        "ALTER TABLE passage_themes ADD COLUMN subtheme_id INTEGER",
        "ALTER TABLE passage_themes ADD COLUMN subtheme_score DOUBLE",
        "ALTER TABLE theme_overrides ADD COLUMN subtheme_id INTEGER",
        "ALTER TABLE theme_overrides ADD COLUMN other_subtheme_id INTEGER",
        # citations formatted by citeproc, per document and per forum post author
        """CREATE TABLE citations (doc_id VARCHAR NOT NULL, post_author VARCHAR NOT NULL,
               metadata_hash VARCHAR NOT NULL, citation VARCHAR NOT NULL, PRIMARY KEY (doc_id, post_author))""",
        # who made each edit, under an id that the edit journal and the file share; memos
        "ALTER TABLE theme_overrides ADD COLUMN edit_id VARCHAR",
        "ALTER TABLE theme_overrides ADD COLUMN reviewer VARCHAR",
        "ALTER TABLE theme_overrides ADD COLUMN target VARCHAR",
        """CREATE TABLE memos (edit_id VARCHAR NOT NULL, created_at TIMESTAMP NOT NULL, reviewer VARCHAR,
               theme_id INTEGER, subtheme_id INTEGER, text VARCHAR NOT NULL)""",
    ],
    9: [
        # how close a document's passages in a theme are to its centre: breaks ties of share
        "ALTER TABLE document_themes ADD COLUMN score DOUBLE",
    ],
}
LATEST = max(MIGRATIONS)


def current_version(con: duckdb.DuckDBPyConnection) -> int | None:
    exists = con.execute("SELECT count(*) FROM information_schema.tables "
                         "WHERE table_name = 'schema_version'").fetchone()[0]
    if not exists:
        return None
    return con.execute("SELECT max(version) FROM schema_version").fetchone()[0]


def migrate(con: duckdb.DuckDBPyConnection, from_version: int, label: str = "database") -> None:
    if from_version > LATEST:
        raise CoprodError(f"{label} has schema version {from_version}, newer than this coprod "
                          f"understands ({LATEST}); upgrade coprod to read it")
    for version in range(from_version + 1, LATEST + 1):
        for statement in MIGRATIONS[version]:
            con.execute(statement)
        con.execute("INSERT INTO schema_version VALUES (?, ?)",
                    [version, datetime.now(timezone.utc).replace(tzinfo=None)])
