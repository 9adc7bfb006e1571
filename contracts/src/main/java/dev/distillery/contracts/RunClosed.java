package dev.distillery.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A run takes no more papers: its paper list is final. With it the export-service can decide, from
 * counts alone, when every planned prompt has a validated sample. Topic {@code run.closed}, key: run id.
 *
 * @param sources every file offered to the run, accepted or rejected with the reason; empty when the papers came
 *     from another system's paper.ingested events
 */
public record RunClosed(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String name,
    RunConfig config,
    List<String> paperIds,
    List<SourceStatus> sources)
    implements DistilleryEvent {

  public RunClosed {
    paperIds = List.copyOf(paperIds);
    sources = sources == null ? List.of() : List.copyOf(sources);
  }

  public static RunClosed of(
      String runId, String name, RunConfig config, List<String> paperIds, List<SourceStatus> sources,
      Instant producedAt) {
    return new RunClosed(
        Ids.event(EventType.RUN_CLOSED, runId), SCHEMA_VERSION, runId, producedAt, name, config, paperIds, sources);
  }

  public static RunClosed of(String runId, String name, RunConfig config, List<String> paperIds, Instant producedAt) {
    return of(runId, name, config, paperIds, null, producedAt);
  }

  @Override
  public EventType type() {
    return EventType.RUN_CLOSED;
  }

  @Override
  public String key() {
    return runId;
  }
}
