package dev.distillery.contracts;

import java.util.Arrays;

/** The catalogue of events: topic, CloudEvents type, Java record and JSON Schema of each. */
public enum EventType {
  PAPER_INGESTED(Topics.PAPER_INGESTED, PaperIngested.class),
  RUN_CLOSED(Topics.RUN_CLOSED, RunClosed.class),
  PROMPT_READY(Topics.PROMPT_READY, PromptReady.class),
  SAMPLE_GENERATED(Topics.SAMPLE_GENERATED, SampleGenerated.class),
  SAMPLE_VALIDATED(Topics.SAMPLE_VALIDATED, SampleValidated.class),
  DATASET_EXPORTED(Topics.DATASET_EXPORTED, DatasetExported.class),
  TRAINING_REQUESTED(Topics.TRAINING_REQUESTED, TrainingRequested.class),
  TRAINING_STATUS(Topics.TRAINING_STATUS, TrainingStatusChanged.class);

  private final String topic;
  private final Class<? extends DistilleryEvent> javaType;

  EventType(String topic, Class<? extends DistilleryEvent> javaType) {
    this.topic = topic;
    this.javaType = javaType;
  }

  public String topic() {
    return topic;
  }

  /** CloudEvents {@code ce_type}, e.g. {@code dev.distillery.paper.ingested.v1}. */
  public String cloudEventType() {
    return "dev.distillery." + topic + ".v" + DistilleryEvent.SCHEMA_VERSION;
  }

  public Class<? extends DistilleryEvent> javaType() {
    return javaType;
  }

  /** Classpath location of this event's JSON Schema. */
  public String schemaResource() {
    return "/schemas/" + topic + ".schema.json";
  }

  public static EventType forTopic(String topic) {
    return Arrays.stream(values())
        .filter(t -> t.topic.equals(topic))
        .findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no event is published on topic " + topic));
  }
}
