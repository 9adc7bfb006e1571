package dev.distillery.contracts;

import java.time.Instant;

/**
 * The generator's answer to one prompt — or its failure, so that completion can still be counted.
 * Topic {@code sample.generated}, key: paper id.
 */
public record SampleGenerated(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String paperId,
    String segmentId,
    String promptId,
    String sampleId,
    SampleStatus status,
    TaskType taskType,
    String instruction,
    String input,
    String output,
    String failureReason,
    GenerationInfo generation,
    int promptsPlannedForPaper,
    SourceRef source)
    implements DistilleryEvent {

  public static SampleGenerated of(
      PromptReady prompt, SampleStatus status, String instruction, String input, String output,
      String failureReason, GenerationInfo generation, Instant producedAt) {
    String sampleId = Ids.sample(prompt.promptId());
    return new SampleGenerated(
        Ids.event(EventType.SAMPLE_GENERATED, sampleId), SCHEMA_VERSION, prompt.runId(), producedAt,
        prompt.paperId(), prompt.segmentId(), prompt.promptId(), sampleId, status, prompt.taskType(), instruction,
        input, output, failureReason, generation, prompt.promptsPlannedForPaper(), prompt.source());
  }

  @Override
  public EventType type() {
    return EventType.SAMPLE_GENERATED;
  }

  @Override
  public String key() {
    return paperId;
  }
}
