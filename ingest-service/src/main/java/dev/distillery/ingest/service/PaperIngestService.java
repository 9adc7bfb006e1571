package dev.distillery.ingest.service;

import dev.distillery.commons.messaging.Outbox;
import dev.distillery.commons.messaging.OutboxMessage;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.Segment;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.RunStatus;
import dev.distillery.ingest.config.IngestConfig;
import dev.distillery.ingest.repository.PaperRepository;
import dev.distillery.ingest.repository.RunRepository;
import dev.distillery.ingest.service.PaperRejectedException.Rejection;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlConnection;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.UUID;
import java.util.stream.IntStream;

/**
 * Accepts papers into an open run. All files of a request are checked and parsed first; if any is refused,
 * nothing is stored. Otherwise papers, segments and one paper.ingested per new paper are written in one
 * transaction and the events are sent after commit. Content the run already has is reported as a duplicate.
 */
@ApplicationScoped
public class PaperIngestService {

  @Inject Pool pool;
  @Inject RunRepository runs;
  @Inject PaperRepository papers;
  @Inject Outbox outbox;
  @Inject CommittedEventPublisher publisher;
  @Inject IngestConfig config;
  @Inject MeterRegistry registry;

  private MarkdownPaperParser parser;
  private Counter newPapers;
  private Counter duplicatePapers;
  private Counter segmentsCreated;

  @PostConstruct
  void init() {
    parser = new MarkdownPaperParser(config.minSegmentChars());
    newPapers = registry.counter("distillery.papers.ingested", "outcome", "new");
    duplicatePapers = registry.counter("distillery.papers.ingested", "outcome", "duplicate");
    segmentsCreated = registry.counter("distillery.segments.created");
  }

  /** Parses on the calling thread (call it off the event loop), then stores. */
  public Uni<List<IngestedPaper>> ingest(UUID runId, List<PaperFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "the request holds no paper: send Markdown as the body, or as multipart file parts with a file name");
    }
    List<Prepared> prepared = new ArrayList<>();
    List<Rejection> rejections = new ArrayList<>();
    for (PaperFile file : files) {
      try {
        prepared.add(prepare(file));
      } catch (PaperDecoder.Refused refused) {
        rejections.add(new Rejection(file.name(), refused.status, refused.getMessage()));
      }
    }
    Instant now = Instant.now().truncatedTo(ChronoUnit.MICROS);
    return pool.withTransaction(
            tx -> runs.lock(tx, runId, false)
                .flatMap(run -> {
                  requireOpen(run, runId);
                  if (!rejections.isEmpty()) {
                    throw new PaperRejectedException(rejections);
                  }
                  return storeAll(tx, run, prepared, now);
                }))
        .flatMap(stored -> publisher.publish(stored.messages()).replaceWith(stored.papers()))
        .invoke(this::count);
  }

  private Prepared prepare(PaperFile file) {
    String text = PaperDecoder.decode(file.content(), config.maxPaperBytes());
    ParsedPaper parsed = parser.parse(file.name(), text);
    if (parsed.segments().isEmpty()) {
      throw new PaperDecoder.Refused(422, "the paper has no text once its front matter is removed");
    }
    return new Prepared(file, Ids.sha256(file.content()), parsed);
  }

  private static void requireOpen(Run run, UUID runId) {
    if (run == null) {
      throw new RunNotFoundException(runId);
    }
    if (run.status() != RunStatus.OPEN) {
      throw new RunConflictException("run " + runId + " is closed and takes no more papers; create a new run");
    }
  }

  private Uni<Stored> storeAll(SqlConnection tx, Run run, List<Prepared> prepared, Instant now) {
    return Multi.createFrom().iterable(prepared)
        .onItem().transformToUniAndConcatenate(p -> storeOne(tx, run, p, now))
        .collect().asList()
        .flatMap(outcomes -> {
          List<PaperIngested> events = outcomes.stream().map(Outcome::event).filter(Objects::nonNull).toList();
          return outbox.save(tx, null, events)
              .map(messages -> new Stored(outcomes.stream().map(Outcome::paper).toList(), messages));
        });
  }

  private Uni<Outcome> storeOne(SqlConnection tx, Run run, Prepared prepared, Instant now) {
    String runId = run.runId().toString();
    String paperId = Ids.paper(runId, prepared.contentHash());
    List<ParsedPaper.Section> sections = prepared.parsed().segments();
    List<Segment> segments = IntStream.range(0, sections.size())
        .mapToObj(i -> new Segment(Ids.segment(paperId, i), i, sections.get(i).heading(), sections.get(i).text()))
        .toList();
    PaperIngested event = PaperIngested.of(
        runId, paperId, prepared.parsed().title(), prepared.parsed().abstractText(), prepared.file().name(),
        prepared.contentHash(), run.config(), segments, now);
    return papers.insert(tx, event, prepared.file().content().length)
        .flatMap(fresh -> fresh
            ? Uni.createFrom().item(new Outcome(
                new IngestedPaper(paperId, prepared.file().name(), event.title(), segments.size(), false), event))
            : papers.find(tx, paperId).map(stored -> new Outcome(
                new IngestedPaper(paperId, prepared.file().name(), stored.title(), stored.segments(), true), null)));
  }

  private void count(List<IngestedPaper> ingested) {
    for (IngestedPaper paper : ingested) {
      if (paper.duplicate()) {
        duplicatePapers.increment();
      } else {
        newPapers.increment();
        segmentsCreated.increment(paper.segments());
      }
    }
  }

  private record Prepared(PaperFile file, String contentHash, ParsedPaper parsed) {}

  /** One paper's result, and its event when it is new. */
  private record Outcome(IngestedPaper paper, PaperIngested event) {}

  private record Stored(List<IngestedPaper> papers, List<OutboxMessage> messages) {}
}
