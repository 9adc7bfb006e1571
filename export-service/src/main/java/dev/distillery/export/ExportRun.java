package dev.distillery.export;

import dev.distillery.contracts.RunConfig;
import dev.distillery.contracts.SourceStatus;
import java.time.Instant;
import java.util.List;

/**
 * A run as the export-service knows it from its run.closed, with the last export's identity.
 *
 * @param datasetId the last export's dataset id, or null before the first export
 * @param exportedAt when that dataset was first written, or null before the first export
 * @param sources every file offered to the run with its outcome; empty when the papers came from another system
 * @param version the last export's version, 0 before the first export
 * @param location the last export's directory, null before the first export
 */
public record ExportRun(
    String runId, String name, RunConfig config, List<String> paperIds, RunStatus status, String datasetId,
    Instant exportedAt, List<SourceStatus> sources, int version, String location) {

  public ExportRun {
    sources = sources == null ? List.of() : List.copyOf(sources);
  }
}
