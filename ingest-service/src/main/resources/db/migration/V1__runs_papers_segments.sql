-- Runs a user created; their config travels with every event of the run.
CREATE TABLE runs (
    run_id     uuid PRIMARY KEY,
    name       text,
    status     text        NOT NULL,
    config     jsonb       NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now(),
    closed_at  timestamptz
);
CREATE INDEX runs_created_idx ON runs (created_at DESC);

-- Papers accepted into a run. paper_id derives from run and content, so posting the same file again finds it.
-- position keeps the order of ingestion, which run.closed lists the papers in.
CREATE TABLE papers (
    paper_id      uuid PRIMARY KEY,
    run_id        uuid        NOT NULL REFERENCES runs (run_id),
    position      bigint      GENERATED ALWAYS AS IDENTITY,
    source_name   text        NOT NULL,
    content_hash  text        NOT NULL,
    size_bytes    integer     NOT NULL,
    title         text        NOT NULL,
    abstract_text text,
    ingested_at   timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX papers_run_idx ON papers (run_id, position);

CREATE TABLE segments (
    segment_id uuid PRIMARY KEY,
    paper_id   uuid    NOT NULL REFERENCES papers (paper_id),
    run_id     uuid    NOT NULL,
    ordinal    integer NOT NULL,
    heading    text,
    text       text    NOT NULL,
    UNIQUE (paper_id, ordinal)
);
CREATE INDEX segments_run_idx ON segments (run_id);
