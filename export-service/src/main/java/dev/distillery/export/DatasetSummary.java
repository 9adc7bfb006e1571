package dev.distillery.export;

import dev.distillery.export.dataset.Manifest;
import java.util.List;

/** What an export produced, as answered by {@code POST /runs/{id}/export}. */
public record DatasetSummary(
    String runId,
    String datasetId,
    int version,
    RunStatus status,
    String location,
    boolean complete,
    Manifest.Counts counts,
    List<Manifest.FileEntry> files,
    List<Manifest.LeftOut> leftOut,
    List<String> warnings) {

  public static DatasetSummary of(Manifest manifest, RunStatus status, String location) {
    return new DatasetSummary(
        manifest.runId(), manifest.datasetId(), manifest.version(), status, location, manifest.complete(),
        manifest.counts(), manifest.files(), manifest.leftOut(), manifest.warnings());
  }
}
