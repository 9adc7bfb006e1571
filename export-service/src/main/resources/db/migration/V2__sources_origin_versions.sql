-- Issue 3 and 7: what each sample is (extracted or generated, multi-turn, its cost and section), every file offered
-- to a run with its outcome, and the version of the run's last export (a re-export with other content is v2, ...).
ALTER TABLE samples
    ADD COLUMN origin       text             NOT NULL DEFAULT 'GENERATED',
    ADD COLUMN conversation jsonb            NOT NULL DEFAULT '[]',
    ADD COLUMN cost_usd     double precision NOT NULL DEFAULT 0,
    ADD COLUMN section_path text[]           NOT NULL DEFAULT '{}';

ALTER TABLE runs
    ADD COLUMN sources        jsonb   NOT NULL DEFAULT '[]',
    ADD COLUMN export_version integer NOT NULL DEFAULT 0;
