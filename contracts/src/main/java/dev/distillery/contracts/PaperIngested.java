package dev.distillery.contracts;

import java.time.Instant;
import java.util.List;

/**
 * A paper accepted into a run, already split into segments. Topic {@code paper.ingested}, key: run id. Other
 * systems may publish it themselves (contracts/README.md shows a worked example).
 *
 * @param authors authors as found in front matter or document metadata; empty when none were found
 * @param language detected language of the text, ISO 639-1 (e.g. {@code en}); null when undetermined
 * @param mediaType what the content was detected as, e.g. {@code application/pdf}, {@code text/markdown}
 * @param flags what ingest noticed about the paper, e.g. {@code prompt-injection}; quality-service watches them
 * @param extracted Q&amp;A pairs mined verbatim from the text (identify and hybrid modes)
 */
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
    List<Segment> segments,
    List<String> authors,
    String language,
    String mediaType,
    List<String> flags,
    List<ExtractedPair> extracted)
    implements DistilleryEvent {

  public PaperIngested {
    segments = List.copyOf(segments);
    authors = authors == null ? List.of() : List.copyOf(authors);
    flags = flags == null ? List.of() : List.copyOf(flags);
    extracted = extracted == null ? List.of() : List.copyOf(extracted);
  }

  public static PaperIngested of(
      String runId, String paperId, String title, String abstractText, String sourceName, String contentHash,
      RunConfig config, List<Segment> segments, List<String> authors, String language, String mediaType,
      List<String> flags, List<ExtractedPair> extracted, Instant producedAt) {
    return new PaperIngested(
        Ids.event(EventType.PAPER_INGESTED, paperId), SCHEMA_VERSION, runId, producedAt, paperId, title,
        abstractText, sourceName, contentHash, config, segments, authors, language, mediaType, flags, extracted);
  }

  /** A Markdown paper with no metadata beyond its title and abstract, and nothing mined from it. */
  public static PaperIngested of(
      String runId, String paperId, String title, String abstractText, String sourceName, String contentHash,
      RunConfig config, List<Segment> segments, Instant producedAt) {
    return of(runId, paperId, title, abstractText, sourceName, contentHash, config, segments, null, null,
        "text/markdown", null, null, producedAt);
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
