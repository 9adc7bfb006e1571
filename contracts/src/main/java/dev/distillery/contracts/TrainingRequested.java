package dev.distillery.contracts;

import java.time.Instant;

/**
 * A fine-tune of the exported dataset is wanted. Topic {@code training.requested}, key: run id.
 *
 * @param trainFile path of the training file (OpenAI chat JSONL)
 * @param validationFile path of the validation file, or null when the split is empty
 */
public record TrainingRequested(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String datasetId,
    String datasetLocation,
    String trainFile,
    String validationFile,
    int trainExamples)
    implements DistilleryEvent {

  public static TrainingRequested of(DatasetExported dataset, String trainFile, String validationFile, Instant producedAt) {
    return new TrainingRequested(
        Ids.event(EventType.TRAINING_REQUESTED, dataset.datasetId()), SCHEMA_VERSION, dataset.runId(), producedAt,
        dataset.datasetId(), dataset.location(), trainFile, validationFile, dataset.trainExamples());
  }

  @Override
  public EventType type() {
    return EventType.TRAINING_REQUESTED;
  }

  @Override
  public String key() {
    return runId;
  }
}
