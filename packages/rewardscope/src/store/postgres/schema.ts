/**
 * The PostgreSQL schema, version 1: the same tables as the SQLite store (sqlite/*-table.ts), in PostgreSQL's types.
 * Steps and sequence numbers are bigint (the driver reads them back as numbers: every value is a safe integer).
 * Text that comes from users and may hold NUL (project names, configs, events, reports) is stored as JSON text,
 * which escapes it; completions keep their text searchable (completions-table.ts).
 */
export const SCHEMA_V1 = `
CREATE TABLE runs (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE,
  -- JSON: null or a string.
  project text NOT NULL DEFAULT 'null',
  reward_functions text NOT NULL DEFAULT '[]',
  world_size integer NOT NULL DEFAULT 1,
  config text NOT NULL DEFAULT '{}',
  status text NOT NULL DEFAULT 'running' CHECK (status IN ('running', 'finished', 'stale')),
  created_at timestamptz NOT NULL,
  updated_at timestamptz NOT NULL,
  -- The last event sequence number given: events are deleted once analysed, so max(seq) cannot tell.
  last_seq bigint NOT NULL DEFAULT 0,
  last_step bigint,
  step_count integer NOT NULL DEFAULT 0,
  alert_counts text NOT NULL DEFAULT '{}'
);
CREATE INDEX runs_by_update ON runs (updated_at DESC, id DESC);

-- Kept after the batch's events are deleted: a retry of an analysed batch must still be recognised. The batch id
-- is stored JSON-encoded (a batch id may hold NUL).
CREATE TABLE batches (
  run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  batch_id text NOT NULL,
  first_seq bigint NOT NULL,
  events integer NOT NULL,
  received_at timestamptz NOT NULL,
  PRIMARY KEY (run_id, batch_id)
);

-- Events not yet analysed, numbered per run.
CREATE TABLE events (
  run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  seq bigint NOT NULL,
  body text NOT NULL,
  PRIMARY KEY (run_id, seq)
);

CREATE TABLE steps (
  run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step bigint NOT NULL,
  report text NOT NULL,
  rewards text NOT NULL,
  saved_at timestamptz NOT NULL,
  PRIMARY KEY (run_id, step)
);

-- Series values are the bulk of the data (~150 a step): each row is (run, name id, step, value), clustered by
-- the primary key so one series over a step range is one index range scan.
CREATE TABLE series_names (
  id serial PRIMARY KEY,
  name text NOT NULL UNIQUE
);
CREATE TABLE run_series (
  run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  name_id integer NOT NULL REFERENCES series_names (id),
  PRIMARY KEY (run_id, name_id)
);
CREATE TABLE series (
  run_id integer NOT NULL,
  name_id integer NOT NULL,
  step bigint NOT NULL,
  value double precision NOT NULL,
  PRIMARY KEY (run_id, name_id, step)
);

CREATE TABLE alerts (
  id bigserial PRIMARY KEY,
  run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step bigint NOT NULL,
  -- The alert's place in its step's report.
  ord integer NOT NULL,
  type text NOT NULL,
  severity text NOT NULL,
  severity_rank smallint NOT NULL,
  reward_fn text,
  body text NOT NULL
);
CREATE INDEX alerts_by_step ON alerts (run_id, step);

CREATE TABLE completions (
  run_id integer NOT NULL REFERENCES runs (id) ON DELETE CASCADE,
  step bigint NOT NULL,
  idx integer NOT NULL,
  -- The text as PostgreSQL can hold it (NUL as U+FFFD), searched and returned...
  prompt text,
  completion text NOT NULL,
  -- ...unless this is set: the exact [completion, prompt] as JSON, for the rare text that held NUL.
  exact text,
  -- JSON in the order written (a sort reads one function's value with ::jsonb).
  rewards text NOT NULL,
  total double precision,
  grp double precision,
  length double precision,
  truncated boolean,
  advantage double precision,
  flags text NOT NULL,
  flagged boolean NOT NULL,
  PRIMARY KEY (run_id, step, idx)
);

CREATE TABLE monitor_state (
  run_id integer PRIMARY KEY REFERENCES runs (id) ON DELETE CASCADE,
  state text NOT NULL,
  applied_seq bigint NOT NULL
);`;

/**
 * The case folding of a text search: ICU's root-locale lower case, whatever the database's own locale, so a search
 * finds the same rows on every server (and the same as JavaScript's toLowerCase, which both follow Unicode).
 */
export const FOLD = (column: string): string => `lower(${column} COLLATE "und-x-icu")`;

/**
 * lz4 for the large text columns: the Monitor state (~300 KB of JSON, rewritten every step) compresses several times
 * faster than with the default pglz. PostgreSQL 14+ built with lz4; the migration goes on without it otherwise.
 */
export const LZ4_COLUMNS = `
ALTER TABLE monitor_state ALTER COLUMN state SET COMPRESSION lz4;
ALTER TABLE steps ALTER COLUMN report SET COMPRESSION lz4, ALTER COLUMN rewards SET COMPRESSION lz4;
ALTER TABLE events ALTER COLUMN body SET COMPRESSION lz4;
ALTER TABLE completions ALTER COLUMN completion SET COMPRESSION lz4, ALTER COLUMN exact SET COMPRESSION lz4;`;

/** Trigram indexes on the folded text: a LIKE '%text%' search of 3+ characters uses them. Needs pg_trgm. */
export const TRIGRAM_INDEXES = `
CREATE INDEX completions_completion_trgm ON completions USING gin (${FOLD("completion")} gin_trgm_ops);
CREATE INDEX completions_prompt_trgm ON completions USING gin (${FOLD("prompt")} gin_trgm_ops);`;
