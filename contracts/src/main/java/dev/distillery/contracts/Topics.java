package dev.distillery.contracts;

/** Kafka topic names. Every consumer's dead-letter topic is the input topic plus {@link #DLQ_SUFFIX}. */
public final class Topics {
  public static final String PAPER_INGESTED = "paper.ingested";
  public static final String RUN_CLOSED = "run.closed";
  public static final String PROMPT_READY = "prompt.ready";
  public static final String SAMPLE_GENERATED = "sample.generated";
  public static final String SAMPLE_VALIDATED = "sample.validated";
  public static final String DATASET_EXPORTED = "dataset.exported";
  public static final String TRAINING_REQUESTED = "training.requested";
  public static final String TRAINING_STATUS = "training.status";
  public static final String DLQ_SUFFIX = ".dlq";

  private Topics() {}

  public static String deadLetter(String topic) {
    return topic + DLQ_SUFFIX;
  }
}
