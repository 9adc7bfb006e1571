-- Every status a training job went through, as published on training.status: its loss curve and its story.
CREATE TABLE training_status_history (
    training_id uuid        NOT NULL REFERENCES trainings (training_id),
    sequence    bigint      NOT NULL,
    attempt     integer     NOT NULL,
    state       text        NOT NULL,
    reason      text,
    progress    jsonb,
    changed_at  timestamptz NOT NULL,
    PRIMARY KEY (training_id, sequence)
);
