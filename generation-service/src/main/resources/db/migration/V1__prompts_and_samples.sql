-- One row per planned prompt: what a paper asked of the generator and how many it asked for.
CREATE TABLE prompts (
    prompt_id                 uuid PRIMARY KEY,
    run_id                    uuid        NOT NULL,
    paper_id                  uuid        NOT NULL,
    segment_id                uuid        NOT NULL,
    task_type                 text        NOT NULL,
    prompt_ordinal            integer     NOT NULL,
    prompts_planned_for_paper integer     NOT NULL,
    planned_at                timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX prompts_run_idx ON prompts (run_id);

-- One row per answered prompt, failures included. A stored answer is re-used instead of paying for a
-- second model call when its prompt is delivered again.
CREATE TABLE samples (
    sample_id         uuid PRIMARY KEY,
    prompt_id         uuid        NOT NULL UNIQUE,
    run_id            uuid        NOT NULL,
    paper_id          uuid        NOT NULL,
    status            text        NOT NULL,
    instruction       text,
    input             text,
    output            text,
    failure_reason    text,
    generator         text        NOT NULL,
    model             text,
    offline           boolean     NOT NULL,
    prompt_tokens     integer     NOT NULL,
    completion_tokens integer     NOT NULL,
    latency_ms        bigint      NOT NULL,
    generated_at      timestamptz NOT NULL DEFAULT now()
);
CREATE INDEX samples_run_idx ON samples (run_id, status);
