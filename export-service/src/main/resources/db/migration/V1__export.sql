-- Runs whose run.closed has arrived: the final paper list, what the user asked of the export, and where the
-- run stands. status: COLLECTING -> COMPLETE (claimed for export, decided from counts) -> EXPORTED.
CREATE TABLE runs (
    run_id              uuid PRIMARY KEY,
    name                text,
    config              jsonb       NOT NULL,
    paper_ids           uuid[]      NOT NULL,
    status              text        NOT NULL DEFAULT 'COLLECTING',
    closed_at           timestamptz NOT NULL DEFAULT now(),
    completed_at        timestamptz,
    dataset_id          uuid,
    location            text,
    exported_samples    integer     NOT NULL DEFAULT 0,
    train_examples      integer     NOT NULL DEFAULT 0,
    validation_examples integer     NOT NULL DEFAULT 0,
    manifest            text,
    exported_at         timestamptz
);
-- Start-up looks for runs claimed but never exported (a crash between claim and export).
CREATE INDEX runs_claimed_idx ON runs (run_id) WHERE status = 'COMPLETE';

-- Every validated sample, whatever its verdict; only ACCEPTED ones are exported.
CREATE TABLE samples (
    sample_id         uuid PRIMARY KEY,
    run_id            uuid             NOT NULL,
    paper_id          uuid             NOT NULL,
    segment_id        uuid             NOT NULL,
    prompt_id         uuid             NOT NULL,
    verdict           text             NOT NULL,
    score             double precision NOT NULL,
    scores            jsonb            NOT NULL,
    reasons           text[]           NOT NULL,
    task_type         text             NOT NULL,
    instruction       text,
    input             text,
    output            text,
    paper_title       text             NOT NULL,
    source_name       text,
    segment_heading   text,
    generator         text             NOT NULL,
    model             text,
    offline           boolean          NOT NULL,
    prompt_tokens     integer          NOT NULL,
    completion_tokens integer          NOT NULL,
    latency_ms        bigint           NOT NULL,
    received_at       timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX samples_run_idx ON samples (run_id, paper_id, verdict);

-- Per paper of a run: prompts planned (carried on every sample) and distinct samples received. A run is
-- complete when every paper of its run.closed has received = planned.
CREATE TABLE paper_progress (
    run_id      uuid    NOT NULL,
    paper_id    uuid    NOT NULL,
    planned     integer NOT NULL,
    received    integer NOT NULL,
    paper_title text    NOT NULL,
    source_name text,
    PRIMARY KEY (run_id, paper_id)
);
