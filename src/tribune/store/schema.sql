-- tribune knowledge base, schema version 1.
-- Documents and what was extracted from them are written once per ingest batch,
-- in one transaction; events and conflicts are derived from mentions by the
-- link stage and rebuilt from them, so they can always be recomputed.

CREATE TABLE IF NOT EXISTS schema_version (version INTEGER NOT NULL);

CREATE TABLE IF NOT EXISTS documents (
    id VARCHAR PRIMARY KEY,
    path VARCHAR,
    url VARCHAR,
    outlet VARCHAR,
    title VARCHAR,
    published VARCHAR,
    published_source VARCHAR NOT NULL,
    dateline VARCHAR,
    byline VARCHAR,
    language VARCHAR,
    duplicate_of VARCHAR,
    text VARCHAR NOT NULL,
    n_words INTEGER,
    ingested_at TIMESTAMP DEFAULT current_timestamp
);

-- Every source (file, or file#line for JSON Lines) that was read, and the document it gave.
CREATE TABLE IF NOT EXISTS sources (
    source_key VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    path VARCHAR,
    encoding VARCHAR
);

CREATE TABLE IF NOT EXISTS sentences (
    doc_id VARCHAR NOT NULL,
    idx INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    PRIMARY KEY (doc_id, idx)
);

CREATE TABLE IF NOT EXISTS timexes (
    doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    value VARCHAR NOT NULL
);

-- Date expressions naming days that do not exist, kept with the reason (never coerced).
CREATE TABLE IF NOT EXISTS rejected_dates (
    doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    reason VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS actors (
    id VARCHAR PRIMARY KEY,
    name VARCHAR NOT NULL,
    kind VARCHAR NOT NULL,
    country VARCHAR,
    known BOOLEAN NOT NULL,
    description VARCHAR -- what the text says about an actor the KB does not have
);

CREATE TABLE IF NOT EXISTS actor_mentions (
    doc_id VARCHAR NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    text VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    title VARCHAR,
    government BOOLEAN, -- a country named for its government ("Pyongyang said")
    linked_by VARCHAR -- name | surname | title | office | metonym | context
);

CREATE TABLE IF NOT EXISTS mentions (
    id VARCHAR PRIMARY KEY,
    doc_id VARCHAR NOT NULL,
    sentence_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    sentence VARCHAR NOT NULL,
    trigger VARCHAR NOT NULL,
    type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    date VARCHAR,
    date_precision VARCHAR,
    date_evidence VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    confidence DOUBLE NOT NULL,
    grp INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS mention_participants (
    mention_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    country VARCHAR,
    title VARCHAR,
    role VARCHAR NOT NULL,
    status VARCHAR -- the person's own part: attended | expected | speculated | denied | absent
);

CREATE TABLE IF NOT EXISTS mention_weapons (
    mention_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    class VARCHAR,
    country VARCHAR
);

CREATE TABLE IF NOT EXISTS minhashes (
    doc_id VARCHAR NOT NULL,
    paragraph_index INTEGER NOT NULL, -- -1 for the whole document
    signature BLOB NOT NULL
);

-- The LSH bands of every signature in minhashes (tribune.dedup.minhash.band_rows):
-- near-duplicate candidates are the rows sharing a band hash with a new document's.
CREATE TABLE IF NOT EXISTS minhash_bands (
    kind TINYINT NOT NULL, -- 0 whole document, 1 paragraph
    band SMALLINT NOT NULL,
    hash BIGINT NOT NULL,
    doc_id VARCHAR NOT NULL,
    paragraph_index INTEGER NOT NULL
);
CREATE INDEX IF NOT EXISTS minhash_bands_hash ON minhash_bands (hash);

CREATE TABLE IF NOT EXISTS paragraph_duplicates (
    doc_id VARCHAR NOT NULL,
    paragraph_index INTEGER NOT NULL,
    start_char INTEGER NOT NULL,
    end_char INTEGER NOT NULL,
    original_doc_id VARCHAR NOT NULL,
    original_paragraph_index INTEGER NOT NULL
);

CREATE TABLE IF NOT EXISTS problems (
    path VARCHAR NOT NULL,
    line INTEGER,
    reason VARCHAR NOT NULL,
    seen_at TIMESTAMP DEFAULT current_timestamp
);

-- Inconsistencies inside one document (a date line against the content, a headline against the body).
CREATE TABLE IF NOT EXISTS document_conflicts (
    doc_id VARCHAR NOT NULL,
    attribute VARCHAR NOT NULL,
    note VARCHAR NOT NULL,
    claims VARCHAR NOT NULL -- JSON list of {"value", "evidence"}
);

-- Derived by the link stage from mentions; rebuilt on every link.
CREATE TABLE IF NOT EXISTS events (
    id VARCHAR PRIMARY KEY,
    type VARCHAR NOT NULL,
    status VARCHAR NOT NULL,
    date VARCHAR,
    date_precision VARCHAR,
    date_end VARCHAR,
    location_name VARCHAR,
    location_country VARCHAR,
    plover VARCHAR,
    sources INTEGER NOT NULL,
    confidence DOUBLE NOT NULL,
    merge_reasons VARCHAR NOT NULL -- JSON list
);

CREATE TABLE IF NOT EXISTS event_mentions (
    event_id VARCHAR NOT NULL,
    mention_id VARCHAR NOT NULL
);

CREATE TABLE IF NOT EXISTS event_participants (
    event_id VARCHAR NOT NULL,
    actor_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    country VARCHAR,
    title VARCHAR,
    role VARCHAR NOT NULL,
    support INTEGER NOT NULL,
    status VARCHAR, -- attended | absent | denied | expected | speculated (link/merge.py: participant_status)
    sources VARCHAR -- JSON list of the documents that give that status
);

CREATE TABLE IF NOT EXISTS event_weapons (
    event_id VARCHAR NOT NULL,
    name VARCHAR NOT NULL,
    class VARCHAR
);

-- Every value any source gives for an attribute of an event, with the documents behind it.
CREATE TABLE IF NOT EXISTS claims (
    event_id VARCHAR NOT NULL,
    attribute VARCHAR NOT NULL, -- date | place | status | participant | title | role | weapon
    subject VARCHAR, -- the actor an attribute is about (title, role), else null
    value VARCHAR NOT NULL,
    doc_ids VARCHAR NOT NULL -- JSON list
);

CREATE TABLE IF NOT EXISTS conflicts (
    event_id VARCHAR,
    doc_id VARCHAR,
    attribute VARCHAR NOT NULL,
    claims VARCHAR NOT NULL, -- JSON list of {"value", "doc_ids", "mention_ids"}
    note VARCHAR
);

-- Indexes for the views (measured in bench/queries.py at 1M events: actor profile p95
-- 3.1x faster, a 7-day timeline 1.7x, a conflict window 3.1x).
CREATE INDEX IF NOT EXISTS idx_event_participants_actor ON event_participants (actor_id);
CREATE INDEX IF NOT EXISTS idx_actor_mentions_actor ON actor_mentions (actor_id);
CREATE INDEX IF NOT EXISTS idx_event_mentions_event ON event_mentions (event_id);
CREATE INDEX IF NOT EXISTS idx_conflicts_event ON conflicts (event_id);
CREATE INDEX IF NOT EXISTS idx_events_date ON events (date);
