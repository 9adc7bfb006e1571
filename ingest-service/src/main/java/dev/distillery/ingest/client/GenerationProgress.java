package dev.distillery.ingest.client;

/** The generation-service's counts for one run. */
public record GenerationProgress(long promptsPlanned, long samplesGenerated, long samplesFailed) {}
