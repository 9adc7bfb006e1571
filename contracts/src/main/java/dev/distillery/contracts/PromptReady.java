package dev.distillery.contracts;

import java.time.Instant;

/**
 * One planned generation request. Topic {@code prompt.ready}, key: paper id.
 *
 * @param promptOrdinal position of this prompt among its paper's prompts (0-based)
 * @param promptsPlannedForPaper how many prompts the paper got; lets export count completion
 */
public record PromptReady(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String paperId,
    String segmentId,
    String promptId,
    TaskType taskType,
    int promptOrdinal,
    int promptsPlannedForPaper,
    String abstractText,
    SourceRef source)
    implements DistilleryEvent {

  public static PromptReady of(
      String runId, String paperId, String segmentId, String promptId, TaskType taskType, int promptOrdinal,
      int promptsPlannedForPaper, String abstractText, SourceRef source, Instant producedAt) {
    return new PromptReady(
        Ids.event(EventType.PROMPT_READY, promptId), SCHEMA_VERSION, runId, producedAt, paperId, segmentId, promptId,
        taskType, promptOrdinal, promptsPlannedForPaper, abstractText, source);
  }

  @Override
  public EventType type() {
    return EventType.PROMPT_READY;
  }

  @Override
  public String key() {
    return paperId;
  }
}
