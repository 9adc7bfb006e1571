package dev.distillery.export;

import dev.distillery.contracts.ExportedFile;
import java.util.List;

/** What an export produced, as answered by {@code POST /runs/{id}/export}. */
public record DatasetSummary(
    String runId,
    String datasetId,
    RunStatus status,
    String location,
    boolean complete,
    Manifest.Counts counts,
    List<ExportedFile> files,
    List<String> warnings) {

  public static DatasetSummary of(Manifest manifest, RunStatus status, String location) {
    return new DatasetSummary(
        manifest.runId(), manifest.datasetId(), status, location, manifest.complete(), manifest.counts(),
        manifest.files(), manifest.warnings());
  }
}
