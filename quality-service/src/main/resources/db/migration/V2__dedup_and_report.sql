-- What the run report needs beyond the verdict: the score's parts and the sample a duplicate duplicates.
ALTER TABLE validations
    ADD COLUMN scores       jsonb NOT NULL DEFAULT '{}',
    ADD COLUMN duplicate_of uuid;
CREATE INDEX validations_duplicates_idx ON validations (run_id, duplicate_of) WHERE duplicate_of IS NOT NULL;

-- Dedup state, per scope (a run id, or '*' when runs are deduplicated against each other). Only samples the
-- rules accepted and dedup kept are recorded: they are what later samples must not repeat.
-- Normalised-text hashes: the first sample with a text owns it.
CREATE TABLE dedup_exact (
    scope     text  NOT NULL,
    hash      bytea NOT NULL,
    sample_id uuid  NOT NULL,
    PRIMARY KEY (scope, hash)
);
-- LSH buckets: one row per band of each kept sample's MinHash signature.
CREATE TABLE dedup_bands (
    scope     text   NOT NULL,
    band_key  bigint NOT NULL,
    sample_id uuid   NOT NULL,
    PRIMARY KEY (scope, band_key, sample_id)
);
-- Whole signatures, to verify LSH candidates against the threshold.
CREATE TABLE dedup_signatures (
    sample_id uuid PRIMARY KEY,
    scope     text  NOT NULL,
    signature int[] NOT NULL
);
-- Sentence embeddings of kept samples, for semantic dedup. id orders rows per scope: they are written under the
-- scope's lock, so an instance can read only what was added since it last looked.
CREATE TABLE dedup_embeddings (
    id        bigserial PRIMARY KEY,
    scope     text   NOT NULL,
    sample_id uuid   NOT NULL UNIQUE,
    embedding real[] NOT NULL
);
CREATE INDEX dedup_embeddings_scope_idx ON dedup_embeddings (scope, id);
