package dev.distillery.contracts;

import java.time.Instant;
import java.util.List;
import java.util.Map;

/**
 * The quality gate's verdict on one sample; published for every sample, rejected ones too.
 * Topic {@code sample.validated}, key: paper id.
 *
 * @param score heuristic quality score in [0, 1]
 * @param scores the named parts of the score
 * @param reasons why a sample was rejected (empty when accepted)
 */
public record SampleValidated(
    String eventId,
    int schemaVersion,
    String runId,
    Instant producedAt,
    String paperId,
    String segmentId,
    String promptId,
    String sampleId,
    Verdict verdict,
    double score,
    Map<String, Double> scores,
    List<String> reasons,
    TaskType taskType,
    String instruction,
    String input,
    String output,
    GenerationInfo generation,
    int promptsPlannedForPaper,
    SourceRef source)
    implements DistilleryEvent {

  public static SampleValidated of(
      SampleGenerated sample, Verdict verdict, double score, Map<String, Double> scores, List<String> reasons,
      Instant producedAt) {
    return new SampleValidated(
        Ids.event(EventType.SAMPLE_VALIDATED, sample.sampleId()), SCHEMA_VERSION, sample.runId(), producedAt,
        sample.paperId(), sample.segmentId(), sample.promptId(), sample.sampleId(), verdict, score, Map.copyOf(scores),
        List.copyOf(reasons), sample.taskType(), sample.instruction(), sample.input(), sample.output(),
        sample.generation(), sample.promptsPlannedForPaper(), sample.source());
  }

  @Override
  public EventType type() {
    return EventType.SAMPLE_VALIDATED;
  }

  @Override
  public String key() {
    return paperId;
  }
}
