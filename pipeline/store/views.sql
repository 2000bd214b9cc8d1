-- Views for analysts: the questions asked most, over the latest published run.
-- Recreated on every refresh, so they always match the tables. Documented in docs/schema.md.

CREATE OR REPLACE VIEW v_latest_run AS
SELECT run_id, finished_at, corpus, model_id, n_documents, n_passages, n_modelled, n_themes, n_errors
FROM runs
WHERE status = 'succeeded'
ORDER BY finished_at DESC, run_id DESC
LIMIT 1;

CREATE OR REPLACE VIEW v_current_themes AS
SELECT t.run_id, t.theme_id, t.label, t.size,
       round(t.size / r.n_modelled, 4) AS share,
       t.keywords,
       (SELECT count(DISTINCT dt.doc_id) FROM document_themes dt
         WHERE dt.run_id = t.run_id AND dt.theme_id = t.theme_id) AS n_documents,
       (SELECT avg(pt.score) FROM passage_themes pt
         WHERE pt.run_id = t.run_id AND pt.theme_id = t.theme_id) AS mean_score,
       CAST(json_extract(runs.quality, '$.silhouette') AS DOUBLE) AS run_silhouette,
       (SELECT list(c.name ORDER BY tc.rank) FROM theme_concepts tc
         JOIN concepts c ON c.run_id = tc.run_id AND c.concept_id = tc.concept_id
         WHERE tc.run_id = t.run_id AND tc.theme_id = t.theme_id) AS concepts,
       t.emergent, t.label_source, t.is_noise
FROM themes t
JOIN v_latest_run r USING (run_id)
JOIN runs USING (run_id)
ORDER BY t.theme_id;

CREATE OR REPLACE VIEW v_passages_in_context AS
SELECT pt.run_id, p.passage_id, p.doc_id, p.position, p.text,
       pt.theme_id, t.label AS theme_label, pt.score,
       d.genre, d.title, d.authors, d.published, d.doi, d.url, d.source_uri,
       p.section, p.post_index, p.author AS post_author,
       coalesce(cp.citation, cd.citation) AS citation,
       pt.subtheme_id, s.label AS subtheme_label
FROM passage_themes pt
JOIN v_latest_run r USING (run_id)
JOIN passages p USING (passage_id)
JOIN documents d ON d.doc_id = p.doc_id
JOIN themes t ON t.run_id = pt.run_id AND t.theme_id = pt.theme_id
LEFT JOIN subthemes s ON s.run_id = pt.run_id AND s.subtheme_id = pt.subtheme_id
LEFT JOIN citations cd ON cd.doc_id = p.doc_id AND cd.post_author = ''
LEFT JOIN citations cp ON cp.doc_id = p.doc_id AND cp.post_author = p.author;

CREATE OR REPLACE VIEW v_current_subthemes AS
SELECT s.run_id, s.subtheme_id, s.theme_id, t.label AS theme_label, s.label, s.size,
       round(s.size / t.size, 4) AS share_of_theme,
       s.keywords,
       (SELECT count(DISTINCT p.doc_id) FROM passage_themes pt JOIN passages p USING (passage_id)
         WHERE pt.run_id = s.run_id AND pt.subtheme_id = s.subtheme_id) AS n_documents,
       (SELECT avg(pt.subtheme_score) FROM passage_themes pt
         WHERE pt.run_id = s.run_id AND pt.subtheme_id = s.subtheme_id) AS mean_score,
       s.label_source
FROM subthemes s
JOIN v_latest_run r USING (run_id)
JOIN themes t ON t.run_id = s.run_id AND t.theme_id = s.theme_id
ORDER BY s.theme_id, s.subtheme_id;

CREATE OR REPLACE VIEW v_theme_documents AS
SELECT dt.run_id, dt.theme_id, t.label, dt.doc_id, d.title, d.genre, d.published, d.authors,
       round(dt.share, 4) AS share, coalesce(dt.via_duplicate, false) AS via_duplicate
FROM document_themes dt
JOIN v_latest_run r USING (run_id)
JOIN themes t ON t.run_id = dt.run_id AND t.theme_id = dt.theme_id
JOIN documents d ON d.doc_id = dt.doc_id
ORDER BY dt.theme_id, dt.share DESC, d.title;

CREATE OR REPLACE VIEW v_document_themes AS
SELECT dt.run_id, dt.doc_id, d.title, d.genre, d.published, d.authors,
       -- of themes with equal shares, the one its passages are closest to, then the lower id:
       -- arg_max alone would pick any of them, and not always the same one
       arg_max(dt.theme_id, (dt.share, coalesce(dt.score, 0), -dt.theme_id)) AS main_theme_id,
       arg_max(t.label, (dt.share, coalesce(dt.score, 0), -dt.theme_id)) AS main_theme_label,
       round(max(dt.share), 4) AS main_share,
       list(struct_pack(theme_id := dt.theme_id, label := t.label, share := round(dt.share, 4))
            ORDER BY dt.share DESC, dt.theme_id) AS themes,
       coalesce(bool_or(dt.via_duplicate), false) AS via_duplicate
FROM document_themes dt
JOIN v_latest_run r USING (run_id)
JOIN themes t ON t.run_id = dt.run_id AND t.theme_id = dt.theme_id
JOIN documents d ON d.doc_id = dt.doc_id
GROUP BY dt.run_id, dt.doc_id, d.title, d.genre, d.published, d.authors;

CREATE OR REPLACE VIEW v_theme_by_genre AS
WITH counts AS (
    SELECT pt.run_id, pt.theme_id, d.genre, count(*) AS passages
    FROM passage_themes pt
    JOIN v_latest_run r USING (run_id)
    JOIN passages p USING (passage_id)
    JOIN documents d ON d.doc_id = p.doc_id
    GROUP BY ALL
)
SELECT c.run_id, c.theme_id, t.label, c.genre, c.passages,
       round(c.passages / sum(c.passages) OVER (PARTITION BY c.genre), 4) AS share_of_genre,
       round(c.passages / sum(c.passages) OVER (PARTITION BY c.theme_id), 4) AS share_of_theme
FROM counts c
JOIN themes t ON t.run_id = c.run_id AND t.theme_id = c.theme_id
ORDER BY c.theme_id, c.genre;

CREATE OR REPLACE VIEW v_theme_by_year AS
WITH counts AS (
    SELECT pt.run_id, pt.theme_id, year(d.published) AS year, count(*) AS passages
    FROM passage_themes pt
    JOIN v_latest_run r USING (run_id)
    JOIN passages p USING (passage_id)
    JOIN documents d ON d.doc_id = p.doc_id
    WHERE d.published IS NOT NULL
    GROUP BY ALL
)
SELECT c.run_id, c.theme_id, t.label, c.year, c.passages,
       round(c.passages / sum(c.passages) OVER (PARTITION BY c.year), 4) AS share_of_year
FROM counts c
JOIN themes t ON t.run_id = c.run_id AND t.theme_id = c.theme_id
ORDER BY c.theme_id, c.year;

CREATE OR REPLACE VIEW v_authors AS
WITH authored AS (
    SELECT rd.run_id, unnest(d.authors) AS author, d.doc_id, d.title, d.genre, d.published
    FROM run_documents rd
    JOIN v_latest_run r USING (run_id)
    JOIN documents d ON d.doc_id = rd.doc_id
)
SELECT a.run_id, a.author,
       count(DISTINCT a.doc_id) AS n_documents,
       list(DISTINCT a.title ORDER BY a.title) AS titles,
       list(DISTINCT a.genre ORDER BY a.genre) AS genres,
       min(year(a.published)) AS first_year,
       max(year(a.published)) AS last_year,
       list(DISTINCT t.label ORDER BY t.label) FILTER (WHERE t.label IS NOT NULL) AS themes
FROM authored a
LEFT JOIN document_themes dt ON dt.run_id = a.run_id AND dt.doc_id = a.doc_id
LEFT JOIN themes t ON t.run_id = dt.run_id AND t.theme_id = dt.theme_id
GROUP BY a.run_id, a.author
ORDER BY n_documents DESC, a.author;

-- PRISMA-style flow of each run's records: identified per kind of source, removed for each
-- reason (each document counted once, in the first reason that holds), modelled, themed.
CREATE OR REPLACE VIEW v_flow AS
WITH run AS (SELECT run_id FROM runs WHERE status = 'succeeded'),
modelled AS (
    SELECT DISTINCT pt.run_id, p.doc_id FROM passage_themes pt JOIN run USING (run_id) JOIN passages p USING (passage_id)
),
themed AS (SELECT DISTINCT dt.run_id, dt.doc_id FROM document_themes dt JOIN run USING (run_id)),
records AS (
    SELECT rd.run_id, d.source_uri,
           CASE WHEN d.duplicate_of IS NOT NULL THEN 'duplicate'
                WHEN d.screening = 'excluded' THEN 'excluded at screening'
                WHEN d.doc_id IN (SELECT target FROM theme_overrides WHERE action = 'set-aside' AND coalesce(edit_id, '')
                                  NOT IN (SELECT target FROM theme_overrides WHERE action = 'undo' AND target IS NOT NULL))
                     THEN 'set aside by a reviewer'
                WHEN coalesce(r.off_topic, false) THEN 'off-topic'
                WHEN m.doc_id IS NOT NULL THEN 'modelled'
                ELSE 'no passage to model' END AS fate,
           t.doc_id IS NOT NULL AS in_themes
    FROM run_documents rd JOIN run USING (run_id) JOIN documents d USING (doc_id)
    LEFT JOIN document_relevance r ON r.run_id = rd.run_id AND r.doc_id = d.doc_id
    LEFT JOIN modelled m ON m.run_id = rd.run_id AND m.doc_id = d.doc_id
    LEFT JOIN themed t ON t.run_id = rd.run_id AND t.doc_id = d.doc_id
    UNION ALL
    SELECT e.run_id, e.source_uri, 'unreadable', false FROM ingest_errors e JOIN run USING (run_id)
),
kinds AS (
    SELECT *, CASE WHEN source_uri LIKE 'http%' THEN 'web'
                   ELSE -- a record of an export: "records.jsonl:12", "screened.csv:line 3", "export.ris#3"
                   coalesce(nullif(lower(regexp_extract(regexp_replace(source_uri, '(#.*|:[^/]*)$', ''),
                                                        '\.([A-Za-z0-9]+)$', 1)), ''),
                                 'file') END AS kind
    FROM records
)
SELECT run_id, 1 AS step, 'identified' AS stage, kind AS what, count(*) AS n FROM kinds GROUP BY ALL
UNION ALL
SELECT run_id, 2, 'removed', fate, count(*) FROM kinds WHERE fate <> 'modelled' GROUP BY ALL
UNION ALL
SELECT run_id, 3, 'included', 'modelled', count(*) FROM kinds WHERE fate = 'modelled' GROUP BY ALL
UNION ALL
SELECT run_id, 4, 'in themes', CASE WHEN fate = 'modelled' THEN 'modelled' ELSE 'through a copy of its passages' END,
       count(*) FROM kinds WHERE in_themes GROUP BY ALL
ORDER BY run_id, step, what;
