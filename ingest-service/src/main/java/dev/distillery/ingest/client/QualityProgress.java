package dev.distillery.ingest.client;

/** The quality-service's verdict counts for one run. */
public record QualityProgress(long accepted, long rejected, long failed) {}
