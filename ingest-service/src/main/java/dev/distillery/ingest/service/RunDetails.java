package dev.distillery.ingest.service;

import dev.distillery.contracts.RunConfig;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.client.ExportProgress;
import dev.distillery.ingest.client.GenerationProgress;
import dev.distillery.ingest.client.QualityProgress;
import dev.distillery.ingest.repository.PaperRepository.Counts;
import dev.distillery.contracts.SourceStatus;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * A run with everything known about its progress, and what became of every file offered to it. Counts of a stage that did not answer are null, and
 * {@code stages} says which ones answered.
 *
 * @param status {@code OPEN}, {@code CLOSED}, or {@code EXPORTED} once the export-service wrote the dataset
 * @param dataset where the dataset is and how big, once exported; null before
 */
public record RunDetails(
    UUID runId,
    String name,
    String status,
    RunConfig config,
    Instant createdAt,
    Instant closedAt,
    long papers,
    long segments,
    Long promptsPlanned,
    Long samplesGenerated,
    Long samplesFailed,
    Long accepted,
    Long rejected,
    Long failed,
    Long exported,
    Dataset dataset,
    Stages stages,
    List<Source> sources) {

  private static final String OK = "ok";
  private static final String UNAVAILABLE = "unavailable";

  /**
   * One file offered to the run.
   *
   * @param status {@code accepted} or {@code rejected}
   * @param reason why it was rejected; null when accepted
   */
  public record Source(
      String file, String status, String reason, String paperId, String mediaType, long bytes, int segments,
      int extractedPairs) {

    static Source of(SourceStatus status) {
      return new Source(status.file(), status.accepted() ? "accepted" : "rejected", status.reason(),
          status.paperId(), status.mediaType(), status.bytes(), status.segments(), status.extractedPairs());
    }
  }

  /** The exported dataset. */
  public record Dataset(String location, long trainExamples, long validationExamples) {}

  /** Each downstream service: {@code ok} when it answered, {@code unavailable} when it did not. */
  public record Stages(String generation, String quality, String export) {}

  public static RunDetails of(
      Run run, Counts counts, Optional<GenerationProgress> generation, Optional<QualityProgress> quality,
      Optional<ExportProgress> export, List<SourceStatus> sources) {
    ExportProgress done = export.filter(ExportProgress::isExported).orElse(null);
    return new RunDetails(
        run.runId(), run.name(), done != null ? "EXPORTED" : run.status().name(), run.config(), run.createdAt(),
        run.closedAt(), counts.papers(), counts.segments(),
        generation.map(GenerationProgress::promptsPlanned).orElse(null),
        generation.map(GenerationProgress::samplesGenerated).orElse(null),
        generation.map(GenerationProgress::samplesFailed).orElse(null),
        quality.map(QualityProgress::accepted).orElse(null),
        quality.map(QualityProgress::rejected).orElse(null),
        quality.map(QualityProgress::failed).orElse(null),
        export.map(ExportProgress::exported).orElse(null),
        done != null ? new Dataset(done.location(), done.trainExamples(), done.validationExamples()) : null,
        new Stages(state(generation), state(quality), state(export)),
        sources.stream().map(Source::of).toList());
  }

  private static String state(Optional<?> answer) {
    return answer.isPresent() ? OK : UNAVAILABLE;
  }
}
