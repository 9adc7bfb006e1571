package dev.distillery.contracts;

import java.time.Instant;
import java.util.List;

/** A paper accepted into a run, already split into segments. Topic {@code paper.ingested}, key: run id. */
public record PaperIngested(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String paperId,
    String title,
    String abstractText,
    String sourceName,
    String contentHash,
    RunConfig config,
    List<Segment> segments)
    implements DistilleryEvent {

  public static PaperIngested of(
      String runId, String paperId, String title, String abstractText, String sourceName, String contentHash,
      RunConfig config, List<Segment> segments, Instant producedAt) {
    return new PaperIngested(
        Ids.event(EventType.PAPER_INGESTED, paperId), SCHEMA_VERSION, runId, producedAt, paperId, title,
        abstractText, sourceName, contentHash, config, List.copyOf(segments));
  }

  @Override
  public EventType type() {
    return EventType.PAPER_INGESTED;
  }

  @Override
  public String key() {
    return runId;
  }
}
