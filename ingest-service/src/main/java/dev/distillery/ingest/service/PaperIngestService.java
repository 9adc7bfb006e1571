package dev.distillery.ingest.service;

import dev.distillery.commons.messaging.Outbox;
import dev.distillery.commons.messaging.OutboxMessage;
import dev.distillery.contracts.EventCodec;
import dev.distillery.contracts.GenerationMode;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.PaperIngested;
import dev.distillery.contracts.Segment;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.RunStatus;
import dev.distillery.ingest.config.IngestConfig;
import dev.distillery.ingest.document.Chunk;
import dev.distillery.ingest.document.DocumentRejected;
import dev.distillery.ingest.document.DocumentRejected.Reason;
import dev.distillery.ingest.document.LimitedInputStream;
import dev.distillery.ingest.document.ParsedDocument;
import dev.distillery.ingest.document.Sizes;
import dev.distillery.ingest.repository.PaperRepository;
import dev.distillery.ingest.repository.RunRepository;
import dev.distillery.ingest.repository.SourceRepository;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.annotation.PostConstruct;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;

/**
 * Takes files into an open run, each on its own: one bad file never fails the others. For every file, in the order
 * offered: its content hash (a file the run already has is a duplicate and is not parsed again), a parse on the
 * worker pool, then one transaction that stores the paper, its segments, the file's result and its paper.ingested
 * in the outbox — or only the file's rejection. Files are parsed in parallel and stored in order.
 *
 * <p>Duplicates are reported as rejected, "duplicate of &lt;earlier file&gt;", with the paper id of the earlier file:
 * the run has one paper for that content, and the user sees why a file made no paper of its own. In a new run the
 * same content is a new paper (the paper id derives from run and content).
 *
 * <p>Blocking: call it on a worker thread.
 */
@ApplicationScoped
public class PaperIngestService {
  @Inject Pool pool;
  @Inject RunRepository runs;
  @Inject PaperRepository papers;
  @Inject SourceRepository sources;
  @Inject Outbox outbox;
  @Inject CommittedEventPublisher publisher;
  @Inject ParseWorkers workers;
  @Inject EventCodec codec;
  @Inject IngestConfig config;
  @Inject MeterRegistry registry;

  private Counter bytesRead;
  private Counter papersAccepted;
  private Counter sectionsCut;
  private Counter chunksMade;
  private Counter legacyNew;
  private Counter legacyDuplicate;
  private Counter legacySegments;

  @PostConstruct
  void init() {
    bytesRead = registry.counter("distillery.ingest.bytes");
    papersAccepted = registry.counter("distillery.ingest.papers");
    sectionsCut = registry.counter("distillery.ingest.segments");
    chunksMade = registry.counter("distillery.ingest.chunks");
    // the names the walking skeleton's dashboard shows
    legacyNew = registry.counter("distillery.papers.ingested", "outcome", "new");
    legacyDuplicate = registry.counter("distillery.papers.ingested", "outcome", "duplicate");
    legacySegments = registry.counter("distillery.segments.created");
  }

  /** The run, when it exists and takes papers. */
  public Run requireOpen(UUID runId) {
    Run run = runs.find(runId).await().indefinitely();
    if (run == null) {
      throw new RunNotFoundException(runId);
    }
    if (run.status() != RunStatus.OPEN) {
      throw new RunConflictException("run " + runId + " is closed and takes no more papers; create a new run");
    }
    return run;
  }

  public List<FileResult> ingest(UUID runId, List<SourceFile> files) {
    if (files.isEmpty()) {
      throw new IllegalArgumentException(
          "the request holds no file: send a document as the body, or several as multipart file parts");
    }
    Run run = requireOpen(runId);
    Map<String, String> seen = new HashMap<>();
    List<Candidate> candidates = new ArrayList<>();
    for (SourceFile file : files) {
      candidates.add(prepare(run, file, seen));
    }
    List<FileResult> results = new ArrayList<>();
    for (Candidate candidate : candidates) {
      results.add(finish(run, candidate));
    }
    return results;
  }

  /** Hashes and deduplicates a file, and starts its parse when it is new. */
  private Candidate prepare(Run run, SourceFile file, Map<String, String> seen) {
    if (file.refused() != null) {
      return new Candidate(file, null, null, file.refused());
    }
    String hash;
    try {
      hash = sha256(file);
    } catch (DocumentRejected tooLarge) {
      return new Candidate(file, null, null, tooLarge);
    }
    String earlier = seen.get(hash);
    if (earlier == null) {
      earlier = sources.acceptedFile(run.runId(), hash).await().indefinitely();
    }
    if (earlier != null) {
      return new Candidate(file, hash, null, new DocumentRejected(Reason.DUPLICATE, "duplicate of " + earlier));
    }
    seen.put(hash, file.name());
    return new Candidate(file, hash, workers.submit(file.name(), file.path()), null);
  }

  private FileResult finish(Run run, Candidate candidate) {
    SourceFile file = candidate.file();
    String paperId = candidate.hash() == null ? null : Ids.paper(run.runId().toString(), candidate.hash());
    try {
      if (candidate.refused() != null) {
        throw candidate.refused();
      }
      ParsedDocument document = ParseWorkers.await(candidate.parse());
      if (run.config().mode() == GenerationMode.IDENTIFY && document.pairs().isEmpty()) {
        throw new DocumentRejected(Reason.NO_PAIRS,
            "identify mode: no question/answer pairs found in " + file.name());
      }
      PaperIngested event = event(run, file, candidate.hash(), paperId, document);
      return store(run, file, candidate.hash(), event, document);
    } catch (DocumentRejected rejected) {
      FileResult result = FileResult.rejected(file.name(), file.bytes(), null,
          rejected.reason() == Reason.DUPLICATE ? paperId : null, rejected);
      reject(run, result, candidate.hash());
      return result;
    }
  }

  private PaperIngested event(Run run, SourceFile file, String hash, String paperId, ParsedDocument document) {
    List<Segment> segments = new ArrayList<>(document.chunks().size());
    for (int i = 0; i < document.chunks().size(); i++) {
      Chunk chunk = document.chunks().get(i);
      List<String> path = chunk.sectionPath();
      segments.add(new Segment(Ids.segment(paperId, i), i, path.isEmpty() ? null : path.get(path.size() - 1),
          document.text(chunk), path, chunk.start(), chunk.end(), chunk.tokens()));
    }
    PaperIngested event = PaperIngested.of(run.runId().toString(), paperId, document.title(),
        document.abstractText(), file.name(), hash, run.config(), segments, document.authors(), document.language(),
        document.mediaType(), document.flags(), document.pairs(), Instant.now().truncatedTo(ChronoUnit.MICROS));
    long size = codec.toJson(event).getBytes(StandardCharsets.UTF_8).length;
    long limit = config.maxEventBytes().asLongValue();
    if (size > limit) {
      throw new DocumentRejected(Reason.TOO_MUCH_TEXT, "too much text for one paper: its paper.ingested event would"
          + " be " + Sizes.format(size) + ", the limit is " + Sizes.format(limit)
          + " (ingest.max-event-bytes); split the document");
    }
    return event;
  }

  private FileResult store(Run run, SourceFile file, String hash, PaperIngested event, ParsedDocument document) {
    FileResult accepted = new FileResult(file.name(), FileResult.ACCEPTED, null, event.paperId(), event.title(),
        event.mediaType(), file.bytes(), event.segments().size(), event.extracted().size(), event.language(),
        event.flags(), null);
    Stored stored = pool.withTransaction(tx -> runs.lock(tx, run.runId(), false)
            .flatMap(locked -> {
              requireStillOpen(locked, run.runId());
              return papers.insert(tx, event, (int) file.bytes());
            })
            .flatMap(fresh -> {
              if (!fresh) {
                // the same content arrived in a concurrent request and was stored first
                FileResult duplicate = FileResult.rejected(file.name(), file.bytes(), event.mediaType(),
                    event.paperId(), new DocumentRejected(Reason.DUPLICATE,
                        "duplicate of a file posted at the same time"));
                return sources.insert(tx, run.runId(), duplicate.toSourceStatus(), Reason.DUPLICATE.code(), hash)
                    .replaceWith(new Stored(duplicate, List.of()));
              }
              return sources.insert(tx, run.runId(), accepted.toSourceStatus(), null, hash)
                  .flatMap(ignored -> outbox.save(tx, null, List.of(event)))
                  .map(messages -> new Stored(accepted, messages));
            }))
        .flatMap(done -> publisher.publish(done.messages()).replaceWith(done))
        .await().indefinitely();
    bytesRead.increment(file.bytes());
    if (stored.result().isAccepted()) {
      papersAccepted.increment();
      legacyNew.increment();
      sectionsCut.increment(document.sections());
      chunksMade.increment(event.segments().size());
      legacySegments.increment(event.segments().size());
    } else {
      countRejection(Reason.DUPLICATE);
    }
    return stored.result();
  }

  private void reject(Run run, FileResult result, String hash) {
    pool.withTransaction(tx -> runs.lock(tx, run.runId(), false).flatMap(locked -> {
      requireStillOpen(locked, run.runId());
      return sources.insert(tx, run.runId(), result.toSourceStatus(), result.rejection().code(), hash);
    })).await().indefinitely();
    bytesRead.increment(result.bytes());
    countRejection(result.rejection());
  }

  private void countRejection(Reason reason) {
    registry.counter("distillery.ingest.rejections", "reason", reason.code()).increment();
    if (reason == Reason.DUPLICATE) {
      legacyDuplicate.increment();
    }
  }

  private static void requireStillOpen(Run run, UUID runId) {
    if (run == null) {
      throw new RunNotFoundException(runId);
    }
    if (run.status() != RunStatus.OPEN) {
      throw new RunConflictException("run " + runId + " was closed while its files were parsed; create a new run");
    }
  }

  /** Reads the file once, at most up to the size limit, and returns its SHA-256. */
  private String sha256(SourceFile file) {
    long limit = config.maxFileBytes().asLongValue();
    if (file.bytes() > limit) {
      throw new DocumentRejected(Reason.TOO_LARGE, "larger than " + Sizes.format(limit));
    }
    try (InputStream in = new DigestInputStream(
        new LimitedInputStream(Files.newInputStream(file.path()), limit), MessageDigest.getInstance("SHA-256"))) {
      in.transferTo(OutputStream.nullOutputStream());
      return HexFormat.of().formatHex(((DigestInputStream) in).getMessageDigest().digest());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + file.name(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private record Candidate(
      SourceFile file, String hash, CompletableFuture<ParsedDocument> parse, DocumentRejected refused) {}

  private record Stored(FileResult result, List<OutboxMessage> messages) {}
}
