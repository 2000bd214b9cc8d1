-- coprod database schema, version 8 (migrations from older versions: migrations.py). Documented column by column in docs/schema.md.
-- Facts are tables; every derived row carries the run_id that produced it.

CREATE TABLE IF NOT EXISTS schema_version (
    version     INTEGER   NOT NULL,
    applied_at  TIMESTAMP NOT NULL
);

CREATE TABLE IF NOT EXISTS runs (
    run_id              VARCHAR PRIMARY KEY,
    started_at          TIMESTAMP NOT NULL,
    finished_at         TIMESTAMP,
    status              VARCHAR NOT NULL,
    corpus              VARCHAR NOT NULL,
    settings            JSON NOT NULL,
    model_id            VARCHAR,
    n_documents         INTEGER,
    n_passages          INTEGER,
    n_themes            INTEGER,
    n_errors            INTEGER,
    embeddings_computed INTEGER,
    embeddings_reused   INTEGER,
    quality             JSON,
    flow_run_id         VARCHAR,
    n_modelled          INTEGER,
    stage_seconds       JSON,
    error               VARCHAR
);

CREATE TABLE IF NOT EXISTS documents (
    doc_id        VARCHAR PRIMARY KEY,
    external_id   VARCHAR NOT NULL,
    source_uri    VARCHAR NOT NULL,
    genre         VARCHAR NOT NULL,
    title         VARCHAR,
    authors       VARCHAR[],
    published     DATE,
    doi           VARCHAR,
    url           VARCHAR,
    language      VARCHAR,
    content_hash  VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    removed_lines INTEGER,
    first_run_id  VARCHAR NOT NULL,
    last_run_id   VARCHAR NOT NULL,
    venue         VARCHAR,
    keywords      VARCHAR[],
    affiliations  VARCHAR[],
    duplicate_of  VARCHAR,
    retired_run_id VARCHAR,
    n_versions    INTEGER,
    screening     VARCHAR
);

-- each document's citation (post_author ''), and each forum post author's
CREATE TABLE IF NOT EXISTS citations (
    doc_id         VARCHAR NOT NULL,
    post_author    VARCHAR NOT NULL,
    metadata_hash  VARCHAR NOT NULL,
    citation       VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, post_author)
);

CREATE TABLE IF NOT EXISTS document_versions (
    doc_id        VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    first_run_id  VARCHAR NOT NULL,
    text          VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, content_hash)
);

CREATE TABLE IF NOT EXISTS prepared_documents (
    raw_hash      VARCHAR NOT NULL,
    code_version  VARCHAR NOT NULL,
    document      JSON NOT NULL,
    PRIMARY KEY (raw_hash, code_version)
);

CREATE TABLE IF NOT EXISTS run_documents (
    run_id        VARCHAR NOT NULL,
    doc_id        VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    PRIMARY KEY (run_id, doc_id)
);

CREATE TABLE IF NOT EXISTS passages (
    passage_id  VARCHAR PRIMARY KEY,
    doc_id      VARCHAR NOT NULL,
    position    INTEGER NOT NULL,
    text        VARCHAR NOT NULL,
    char_start  INTEGER NOT NULL,
    char_end    INTEGER NOT NULL,
    text_hash   VARCHAR NOT NULL,
    content_hash VARCHAR,
    post_index  INTEGER,
    author      VARCHAR,
    section     VARCHAR,
    language    VARCHAR,
    excluded    VARCHAR,
    duplicate_of VARCHAR
);

CREATE TABLE IF NOT EXISTS posts (
    doc_id        VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    post_index    INTEGER NOT NULL,
    author        VARCHAR,
    replies_to    VARCHAR,
    char_start    INTEGER NOT NULL,
    char_end      INTEGER NOT NULL,
    PRIMARY KEY (doc_id, content_hash, post_index)
);

CREATE TABLE IF NOT EXISTS excluded_spans (
    doc_id        VARCHAR NOT NULL,
    content_hash  VARCHAR NOT NULL,
    line          INTEGER NOT NULL,
    text          VARCHAR NOT NULL,
    reason        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS embeddings (
    model_id    VARCHAR NOT NULL,
    text_hash   VARCHAR NOT NULL,
    embedding   FLOAT[] NOT NULL,
    PRIMARY KEY (model_id, text_hash)
);

CREATE TABLE IF NOT EXISTS themes (
    run_id          VARCHAR NOT NULL,
    theme_id        INTEGER NOT NULL,
    label           VARCHAR NOT NULL,
    keywords        VARCHAR[] NOT NULL,
    keyword_scores  DOUBLE[] NOT NULL,
    size            INTEGER NOT NULL,
    emergent        BOOLEAN,
    centroid        FLOAT[],
    label_source    VARCHAR,
    is_noise        BOOLEAN,
    PRIMARY KEY (run_id, theme_id)
);

CREATE TABLE IF NOT EXISTS theme_overrides (
    created_at      TIMESTAMP NOT NULL,
    action          VARCHAR NOT NULL,
    theme_id        INTEGER NOT NULL,
    other_theme_id  INTEGER,
    label           VARCHAR,
    subtheme_id        INTEGER,
    other_subtheme_id  INTEGER,
    edit_id            VARCHAR,
    reviewer           VARCHAR,
    target             VARCHAR
);

-- researchers' memos on themes and sub-themes (the review app, exports, the report)
CREATE TABLE IF NOT EXISTS memos (
    edit_id      VARCHAR NOT NULL,
    created_at   TIMESTAMP NOT NULL,
    reviewer     VARCHAR,
    theme_id     INTEGER,
    subtheme_id  INTEGER,
    text         VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS theme_lineage (
    run_id           VARCHAR NOT NULL,
    theme_id         INTEGER,
    parent_run_id    VARCHAR,
    parent_theme_id  INTEGER,
    relation         VARCHAR NOT NULL
);

-- the parts of the large, varied themes; ids stable across runs like theme ids
CREATE TABLE IF NOT EXISTS subthemes (
    run_id          VARCHAR NOT NULL,
    subtheme_id     INTEGER NOT NULL,
    theme_id        INTEGER NOT NULL,
    label           VARCHAR NOT NULL,
    keywords        VARCHAR[] NOT NULL,
    keyword_scores  DOUBLE[] NOT NULL,
    size            INTEGER NOT NULL,
    centroid        FLOAT[],
    label_source    VARCHAR,
    PRIMARY KEY (run_id, subtheme_id)
);

CREATE TABLE IF NOT EXISTS subtheme_representatives (
    run_id       VARCHAR NOT NULL,
    subtheme_id  INTEGER NOT NULL,
    rank         INTEGER NOT NULL,
    passage_id   VARCHAR NOT NULL,
    PRIMARY KEY (run_id, subtheme_id, rank)
);

CREATE TABLE IF NOT EXISTS subtheme_lineage (
    run_id              VARCHAR NOT NULL,
    subtheme_id         INTEGER,
    parent_run_id       VARCHAR,
    parent_subtheme_id  INTEGER,
    relation            VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS theme_hierarchy (
    run_id          VARCHAR NOT NULL,
    level           INTEGER NOT NULL,
    theme_id        INTEGER NOT NULL,
    group_theme_id  INTEGER NOT NULL,
    PRIMARY KEY (run_id, level, theme_id)
);

CREATE TABLE IF NOT EXISTS run_metrics (
    run_id  VARCHAR NOT NULL,
    metric  VARCHAR NOT NULL,
    value   DOUBLE,
    PRIMARY KEY (run_id, metric)
);

CREATE TABLE IF NOT EXISTS concepts (
    run_id       VARCHAR NOT NULL,
    concept_id   VARCHAR NOT NULL,
    name         VARCHAR NOT NULL,
    description  VARCHAR NOT NULL,
    keywords     VARCHAR[] NOT NULL,
    PRIMARY KEY (run_id, concept_id)
);

CREATE TABLE IF NOT EXISTS theme_concepts (
    run_id            VARCHAR NOT NULL,
    theme_id          INTEGER NOT NULL,
    concept_id        VARCHAR NOT NULL,
    rank              INTEGER NOT NULL,
    score             DOUBLE NOT NULL,
    similarity        DOUBLE NOT NULL,
    keyword_evidence  DOUBLE NOT NULL,
    PRIMARY KEY (run_id, theme_id, concept_id)
);

CREATE TABLE IF NOT EXISTS passage_concepts (
    run_id      VARCHAR NOT NULL,
    passage_id  VARCHAR NOT NULL,
    concept_id  VARCHAR NOT NULL,
    similarity  DOUBLE NOT NULL,
    PRIMARY KEY (run_id, passage_id, concept_id)
);

-- each document's three strongest concepts in a run (mean similarity of its modelled passages)
CREATE TABLE IF NOT EXISTS document_concepts (
    run_id      VARCHAR NOT NULL,
    doc_id      VARCHAR NOT NULL,
    concept_id  VARCHAR NOT NULL,
    rank        INTEGER NOT NULL,
    score       DOUBLE NOT NULL,
    PRIMARY KEY (run_id, doc_id, concept_id)
);

-- each document's relevance to the field in a run; off-topic ones are left out of the themes
CREATE TABLE IF NOT EXISTS document_relevance (
    run_id               VARCHAR NOT NULL,
    doc_id               VARCHAR NOT NULL,
    score                DOUBLE NOT NULL,
    field_similarity     DOUBLE NOT NULL,
    off_field_similarity DOUBLE NOT NULL,
    corpus_similarity    DOUBLE NOT NULL,
    nearest_concept      VARCHAR NOT NULL,
    nearest_off_field    VARCHAR,
    off_topic            BOOLEAN NOT NULL,
    reason               VARCHAR,
    PRIMARY KEY (run_id, doc_id)
);

CREATE TABLE IF NOT EXISTS passage_themes (
    run_id      VARCHAR NOT NULL,
    passage_id  VARCHAR NOT NULL,
    theme_id    INTEGER NOT NULL,
    score       DOUBLE NOT NULL,
    second_theme_id INTEGER,
    second_score    DOUBLE,
    subtheme_id     INTEGER,
    subtheme_score  DOUBLE,
    PRIMARY KEY (run_id, passage_id)
);

CREATE TABLE IF NOT EXISTS passage_map (
    run_id      VARCHAR NOT NULL,
    passage_id  VARCHAR NOT NULL,
    x           DOUBLE NOT NULL,
    y           DOUBLE NOT NULL,
    PRIMARY KEY (run_id, passage_id)
);

CREATE TABLE IF NOT EXISTS document_themes (
    run_id    VARCHAR NOT NULL,
    doc_id    VARCHAR NOT NULL,
    theme_id  INTEGER NOT NULL,
    share     DOUBLE NOT NULL,
    via_duplicate BOOLEAN DEFAULT false,
    score     DOUBLE,
    PRIMARY KEY (run_id, doc_id, theme_id)
);

CREATE TABLE IF NOT EXISTS theme_representatives (
    run_id      VARCHAR NOT NULL,
    theme_id    INTEGER NOT NULL,
    rank        INTEGER NOT NULL,
    passage_id  VARCHAR NOT NULL,
    PRIMARY KEY (run_id, theme_id, rank)
);

CREATE TABLE IF NOT EXISTS ingest_errors (
    run_id      VARCHAR NOT NULL,
    source_uri  VARCHAR NOT NULL,
    stage       VARCHAR NOT NULL,
    message     VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS fetches (
    url            VARCHAR NOT NULL,
    fetched_at     TIMESTAMP NOT NULL,
    status         INTEGER,
    etag           VARCHAR,
    last_modified  VARCHAR,
    content_hash   VARCHAR,
    run_id         VARCHAR NOT NULL,
    source         VARCHAR NOT NULL,
    outcome        VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS raw_responses (
    url            VARCHAR NOT NULL,
    content_hash   VARCHAR NOT NULL,
    fetched_at     TIMESTAMP NOT NULL,
    content_type   VARCHAR,
    body           BLOB NOT NULL,
    PRIMARY KEY (url, content_hash)
);
