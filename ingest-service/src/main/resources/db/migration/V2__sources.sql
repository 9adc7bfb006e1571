-- Every file offered to a run and what became of it, in the order offered: GET /runs/{id} and run.closed list them.
CREATE TABLE sources (
    run_id          uuid        NOT NULL REFERENCES runs (run_id),
    position        bigint      GENERATED ALWAYS AS IDENTITY,
    file            text        NOT NULL,
    accepted        boolean     NOT NULL,
    reason          text,
    reason_code     text,
    paper_id        uuid,
    content_hash    text,
    media_type      text,
    bytes           bigint      NOT NULL,
    segments        integer     NOT NULL DEFAULT 0,
    extracted_pairs integer     NOT NULL DEFAULT 0,
    created_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX sources_run_idx ON sources (run_id, position);
-- finds the earlier file a duplicate repeats
CREATE INDEX sources_accepted_hash_idx ON sources (run_id, content_hash) WHERE accepted;
