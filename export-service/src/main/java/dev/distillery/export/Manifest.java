package dev.distillery.export;

import dev.distillery.contracts.ExportedFile;
import dev.distillery.contracts.RunConfig;
import java.time.Instant;
import java.util.List;

/**
 * {@code manifest.json}: what a dataset directory holds and where it came from. Written last, so a directory
 * with a manifest has all its files.
 *
 * @param createdAt when this dataset (same id) was first written; a re-export of identical data keeps it
 * @param complete whether every planned sample had arrived; false for a forced export of a run still collecting
 * @param warnings what a fine-tuning provider may object to, and splits left empty
 * @param unchecked provider limits this export does not check
 */
public record Manifest(
    String runId,
    String runName,
    String datasetId,
    Instant createdAt,
    boolean complete,
    RunConfig config,
    List<ExportedFile> files,
    Counts counts,
    List<Source> sources,
    List<String> warnings,
    List<String> unchecked) {

  /**
   * Sample counts of the run.
   *
   * @param received distinct samples received, whatever their verdict
   * @param exported examples written (train + validation): the accepted samples that have an instruction and output
   */
  public record Counts(
      int received, int accepted, int rejected, int failed, int exported, int train, int validation) {}

  /**
   * One paper of the run.
   *
   * @param split {@code train}, {@code validation}, or {@code none} when it has no exported example
   */
  public record Source(
      String paperId, String title, String sourceName, int planned, int received, int accepted, int rejected,
      int failed, String split) {}
}
