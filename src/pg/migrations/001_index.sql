-- The plan index: documents, chunks with their metadata and vectors, and BM25 postings over the
-- project's own Chinese tokens (jieba words + character bigrams), so no Chinese text-search
-- parser (zhparser) is needed on the server.
CREATE EXTENSION IF NOT EXISTS vector;

CREATE TABLE planqa_meta (
  key text PRIMARY KEY,
  value jsonb NOT NULL
);

-- one row: corpus size for BM25 (chunks, total token length) and a version bumped by every ingest
CREATE TABLE corpus_stats (
  id int PRIMARY KEY CHECK (id = 1),
  chunks bigint NOT NULL DEFAULT 0,
  total_len double precision NOT NULL DEFAULT 0,
  version bigint NOT NULL DEFAULT 0
);
INSERT INTO corpus_stats (id) VALUES (1);

CREATE TABLE documents (
  doc_id text PRIMARY KEY,
  file text NOT NULL UNIQUE,
  sha256 text NOT NULL,
  doc jsonb NOT NULL,
  position int NOT NULL,
  ingested_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE chunks (
  cid bigserial PRIMARY KEY,
  id text NOT NULL UNIQUE,
  doc_id text NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  ord int NOT NULL,
  title text NOT NULL,
  township text,
  years int[] NOT NULL,
  mentions int[] NOT NULL,
  kinds text[] NOT NULL,
  section_path text[] NOT NULL,
  -- document + parent heading of a list item ("一是…", "1.…"), for "有哪些" answers
  list_key text,
  text text NOT NULL,
  span_start int NOT NULL,
  span_end int NOT NULL,
  is_row boolean NOT NULL DEFAULT false,
  len real NOT NULL,
  embedding vector
);
CREATE INDEX chunks_doc ON chunks (doc_id, ord);
CREATE INDEX chunks_township ON chunks (township);
CREATE INDEX chunks_years ON chunks USING gin (years);
CREATE INDEX chunks_mentions ON chunks USING gin (mentions);
CREATE INDEX chunks_kinds ON chunks USING gin (kinds);
CREATE INDEX chunks_list_key ON chunks (list_key) WHERE list_key IS NOT NULL;

CREATE TABLE postings (
  term text NOT NULL,
  cid bigint NOT NULL REFERENCES chunks (cid) ON DELETE CASCADE,
  tf real NOT NULL,
  len real NOT NULL,
  PRIMARY KEY (term, cid)
);
CREATE INDEX postings_cid ON postings (cid);

CREATE TABLE term_df (
  term text PRIMARY KEY,
  df int NOT NULL
);

CREATE TABLE commitments (
  id bigserial PRIMARY KEY,
  doc_id text NOT NULL REFERENCES documents (doc_id) ON DELETE CASCADE,
  township text,
  year int,
  kind text NOT NULL,
  body jsonb NOT NULL
);
CREATE INDEX commitments_doc ON commitments (doc_id);
CREATE INDEX commitments_year ON commitments (year, kind);
