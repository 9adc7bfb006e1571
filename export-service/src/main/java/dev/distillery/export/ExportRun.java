package dev.distillery.export;

import dev.distillery.contracts.RunConfig;
import java.time.Instant;
import java.util.List;

/**
 * A run as the export-service knows it from its run.closed, with the last export's identity.
 *
 * @param datasetId the last export's dataset id, or null before the first export
 * @param exportedAt when that dataset was first written, or null before the first export
 */
public record ExportRun(
    String runId, String name, RunConfig config, List<String> paperIds, RunStatus status, String datasetId,
    Instant exportedAt) {}
