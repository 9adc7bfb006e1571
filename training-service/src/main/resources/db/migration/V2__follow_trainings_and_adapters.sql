-- Trainings are submitted and followed: one current status per job (with the trainer's latest report), the engine
-- and workload kind that run it, and the attempt (a retry is a new attempt of the same job).
ALTER TABLE trainings RENAME COLUMN job_name TO workload_name;
ALTER TABLE trainings RENAME COLUMN job_manifest TO workload_manifest;
ALTER TABLE trainings ADD COLUMN trainer_files jsonb;
UPDATE trainings SET trainer_files = jsonb_build_object('axolotl.yaml', axolotl_config);
ALTER TABLE trainings ALTER COLUMN trainer_files SET NOT NULL;
ALTER TABLE trainings DROP COLUMN axolotl_config;
ALTER TABLE trainings DROP COLUMN status;
ALTER TABLE trainings
    ADD COLUMN dataset_format     text             NOT NULL DEFAULT 'OPENAI_CHAT',
    ADD COLUMN engine             text             NOT NULL DEFAULT 'AXOLOTL',
    ADD COLUMN workload_kind      text             NOT NULL DEFAULT 'JOB',
    ADD COLUMN lora_target_linear boolean          NOT NULL DEFAULT false,
    ADD COLUMN sample_packing     boolean          NOT NULL DEFAULT false,
    ADD COLUMN val_set_size       double precision NOT NULL DEFAULT 0,
    ADD COLUMN attempt            integer          NOT NULL DEFAULT 1,
    ADD COLUMN resume_from        text,
    ADD COLUMN state              text             NOT NULL DEFAULT 'QUEUED',
    ADD COLUMN reason             text,
    ADD COLUMN sequence           bigint           NOT NULL DEFAULT 0,
    ADD COLUMN progress           jsonb,
    -- jobs rendered before submission existed were never submitted
    ADD COLUMN dry_run            boolean          NOT NULL DEFAULT true,
    ADD COLUMN submitted_at       timestamptz,
    ADD COLUMN updated_at         timestamptz      NOT NULL DEFAULT now();
UPDATE trainings SET reason = 'dry run: rendered before submission existed';
-- the follower reads the open jobs on every pass
CREATE INDEX trainings_open_idx ON trainings (state) WHERE state IN ('QUEUED', 'RUNNING');

-- One row per trained adapter: where it is, how training ended, and what it was trained from.
CREATE TABLE adapters (
    adapter_id      uuid PRIMARY KEY,
    training_id     uuid             NOT NULL REFERENCES trainings (training_id),
    run_id          uuid             NOT NULL,
    dataset_id      uuid             NOT NULL,
    base_model      text             NOT NULL,
    engine          text             NOT NULL,
    location        text             NOT NULL,
    steps           bigint,
    epoch           double precision,
    final_loss      double precision,
    final_eval_loss double precision,
    paper_ids       text[]           NOT NULL,
    created_at      timestamptz      NOT NULL DEFAULT now()
);
CREATE INDEX adapters_run_idx ON adapters (run_id, created_at);
