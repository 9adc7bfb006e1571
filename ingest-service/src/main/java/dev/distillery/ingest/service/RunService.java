package dev.distillery.ingest.service;

import dev.distillery.commons.messaging.Outbox;
import dev.distillery.commons.messaging.OutboxMessage;
import dev.distillery.contracts.RunClosed;
import dev.distillery.contracts.RunConfig;
import dev.distillery.ingest.Run;
import dev.distillery.ingest.RunStatus;
import dev.distillery.ingest.repository.PaperRepository;
import dev.distillery.ingest.repository.RunRepository;
import dev.distillery.ingest.repository.SourceRepository;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.UUID;

/** Creates, lists and closes runs. */
@ApplicationScoped
public class RunService {
  /** How many runs a listing shows, newest first. */
  public static final int LIST_LIMIT = 100;

  @Inject Pool pool;
  @Inject RunRepository runs;
  @Inject PaperRepository papers;
  @Inject SourceRepository sources;
  @Inject Outbox outbox;
  @Inject CommittedEventPublisher publisher;

  public Uni<Run> create(String name, RunConfig config) {
    Run run = new Run(UUID.randomUUID(), name, RunStatus.OPEN, config, now(), null);
    return runs.insert(run).replaceWith(run);
  }

  public Uni<Run> get(UUID runId) {
    return runs.find(runId).map(run -> {
      if (run == null) {
        throw new RunNotFoundException(runId);
      }
      return run;
    });
  }

  public Uni<List<Run>> newest() {
    return runs.newest(LIST_LIMIT);
  }

  /**
   * Freezes the run's paper list and announces it with run.closed, with every offered file's result. Closing a closed run changes nothing and
   * sends nothing: its run.closed (same event id, derived from the run id) is already in the outbox.
   */
  public Uni<Run> close(UUID runId) {
    return pool.withTransaction(
            tx -> runs.lock(tx, runId, true).flatMap(run -> {
              if (run == null) {
                throw new RunNotFoundException(runId);
              }
              if (run.status() == RunStatus.CLOSED) {
                return Uni.createFrom().item(new Closing(run, List.of()));
              }
              return papers.paperIds(tx, runId).flatMap(paperIds -> sources.list(tx, runId).flatMap(files -> {
                if (paperIds.isEmpty()) {
                  throw new RunConflictException("run " + runId + " has no papers; " + (files.isEmpty()
                      ? "post at least one paper before closing it"
                      : "none of its " + files.size() + " files was accepted (see GET /runs/" + runId + ")"));
                }
                Instant closedAt = now();
                RunClosed event =
                    RunClosed.of(runId.toString(), run.name(), run.config(), paperIds, files, closedAt);
                Run closed =
                    new Run(run.runId(), run.name(), RunStatus.CLOSED, run.config(), run.createdAt(), closedAt);
                return runs.close(tx, runId, closedAt)
                    .flatMap(ignored -> outbox.save(tx, null, List.of(event)))
                    .map(messages -> new Closing(closed, messages));
              }));
            }))
        .flatMap(closing -> publisher.publish(closing.messages()).replaceWith(closing.run()));
  }

  /** PostgreSQL keeps microseconds: a run read back equals the one returned at creation. */
  private static Instant now() {
    return Instant.now().truncatedTo(ChronoUnit.MICROS);
  }

  private record Closing(Run run, List<OutboxMessage> messages) {}
}
