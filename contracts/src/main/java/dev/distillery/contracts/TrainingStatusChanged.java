package dev.distillery.contracts;

import java.time.Instant;

/**
 * A training job changed state or reported progress. Topic {@code training.status}, key: training id, so one
 * job's updates stay in order.
 *
 * @param sequence increases with every update of the job; with the training id it makes the event id
 * @param reason why the job is in this state (e.g. the failure's cause); null when there is nothing to say
 * @param progress the trainer's latest report; null before the first one
 */
public record TrainingStatusChanged(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String trainingId,
    String datasetId,
    long sequence,
    TrainingState state,
    String reason,
    TrainingProgress progress)
    implements DistilleryEvent {

  public static TrainingStatusChanged of(
      String runId, String trainingId, String datasetId, long sequence, TrainingState state, String reason,
      TrainingProgress progress, Instant producedAt) {
    return new TrainingStatusChanged(
        Ids.event(EventType.TRAINING_STATUS, trainingId + "/" + sequence), SCHEMA_VERSION, runId, producedAt,
        trainingId, datasetId, sequence, state, reason, progress);
  }

  @Override
  public EventType type() {
    return EventType.TRAINING_STATUS;
  }

  @Override
  public String key() {
    return trainingId;
  }
}
