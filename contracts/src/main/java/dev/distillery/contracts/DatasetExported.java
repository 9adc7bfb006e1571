package dev.distillery.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A run's dataset is on disk. Topic {@code dataset.exported}, key: run id.
 *
 * @param datasetId deterministic: derived from the run id and the content of the export
 * @param location directory holding the files and manifest.json
 */
public record DatasetExported(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String datasetId,
    String location,
    int trainExamples,
    int validationExamples,
    List<ExportedFile> files)
    implements DistilleryEvent {

  public static DatasetExported of(
      String runId, String datasetId, String location, int trainExamples, int validationExamples,
      List<ExportedFile> files, Instant producedAt) {
    return new DatasetExported(
        Ids.event(EventType.DATASET_EXPORTED, datasetId), SCHEMA_VERSION, runId, producedAt, datasetId, location,
        trainExamples, validationExamples, List.copyOf(files));
  }

  @Override
  public EventType type() {
    return EventType.DATASET_EXPORTED;
  }

  @Override
  public String key() {
    return runId;
  }
}
