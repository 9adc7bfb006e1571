-- What each run asked of the generator (GenerationSettings as JSON), read by the worker since prompt.ready does
-- not carry it. What a run spent is the sum of its samples' cost_usd.
CREATE TABLE runs (
    run_id     uuid PRIMARY KEY,
    settings   text        NOT NULL,
    created_at timestamptz NOT NULL DEFAULT now()
);

-- variant: rank of the prompt among its segment's prompts of the same task type; origin: generated or a mined
-- pair; estimated_tokens: the prompt's size as planned, for cost estimates; teacher: answered by the run's teacher
-- model; deferred_event: a student prompt's prompt.ready, held back until the paper's teacher prompts are answered
-- (released then).
ALTER TABLE prompts
    ADD COLUMN variant          integer NOT NULL DEFAULT 0,
    ADD COLUMN paper_language   text,
    ADD COLUMN origin           text    NOT NULL DEFAULT 'GENERATED',
    ADD COLUMN estimated_tokens integer NOT NULL DEFAULT 0,
    ADD COLUMN teacher          boolean NOT NULL DEFAULT false,
    ADD COLUMN deferred_event   text,
    ADD COLUMN released         boolean NOT NULL DEFAULT false;
CREATE INDEX prompts_paper_idx ON prompts (paper_id);

ALTER TABLE samples
    ADD COLUMN origin       text             NOT NULL DEFAULT 'GENERATED',
    ADD COLUMN task_type    text,
    ADD COLUMN reasoning    text,
    ADD COLUMN raw_output   text,
    ADD COLUMN conversation text,
    ADD COLUMN cost_usd     double precision NOT NULL DEFAULT 0;
CREATE INDEX samples_run_task_idx ON samples (run_id, model, task_type, status);
