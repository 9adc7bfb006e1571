-- One row per sample the quality gate has judged.
CREATE TABLE validations (
    sample_id    uuid PRIMARY KEY,
    run_id       uuid             NOT NULL,
    paper_id     uuid             NOT NULL,
    verdict      text             NOT NULL,
    score        double precision NOT NULL,
    reasons      text[]           NOT NULL,
    validated_at timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX validations_run_idx ON validations (run_id, verdict);
