package dev.distillery.contracts;

/** Where a training job is in its life. The last three are final. */
public enum TrainingState {
  QUEUED,
  RUNNING,
  SUCCEEDED,
  FAILED,
  CANCELLED;

  public boolean isFinal() {
    return this == SUCCEEDED || this == FAILED || this == CANCELLED;
  }
}
