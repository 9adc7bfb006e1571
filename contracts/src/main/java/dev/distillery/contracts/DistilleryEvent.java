package dev.distillery.contracts;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.time.Instant;

/** What every event carries. Ids are deterministic: replaying an input yields the same event id. */
public interface DistilleryEvent {
  int SCHEMA_VERSION = 1;

  String eventId();

  int schemaVersion();

  String runId();

  Instant producedAt();

  /** Which event this is: its topic, CloudEvents type and schema. */
  @JsonIgnore
  EventType type();

  /** The Kafka record key: keeps one run's (or one paper's) events in order on one partition. */
  @JsonIgnore
  String key();
}
