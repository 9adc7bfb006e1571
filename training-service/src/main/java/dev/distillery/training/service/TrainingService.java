package dev.distillery.training.service;

import dev.distillery.commons.messaging.EventPublisher;
import dev.distillery.commons.messaging.Outbox;
import dev.distillery.commons.messaging.OutboxMessage;
import dev.distillery.contracts.DistilleryEvent;
import dev.distillery.contracts.Ids;
import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingRequested;
import dev.distillery.contracts.TrainingState;
import dev.distillery.contracts.TrainingStatusChanged;
import dev.distillery.training.Adapter;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.follow.TrainingTransitions;
import dev.distillery.training.repository.AdapterRepository;
import dev.distillery.training.repository.StatusHistoryRepository;
import dev.distillery.training.repository.TrainingRepository;
import io.micrometer.core.instrument.MeterRegistry;
import io.smallrye.mutiny.Uni;
import io.vertx.mutiny.sqlclient.Pool;
import io.vertx.mutiny.sqlclient.SqlClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;

/**
 * A training job's life: requested (from an event or over REST), its status changes as the follower sees them,
 * cancelled, retried. Every change is stored with its {@code training.status} event in one transaction and the
 * event published after commit.
 */
@ApplicationScoped
public class TrainingService {
  private static final Logger LOG = Logger.getLogger(TrainingService.class);
  private static final Pattern CHECKPOINT = Pattern.compile("checkpoint-\\d+");
  private static final int CONCURRENT_CHANGE_ATTEMPTS = 3;

  /**
   * One change of a job's workload at a time: a cancel deletes the Job and records CANCELLED before the follower
   * can take the missing Job for one deleted outside distillery.
   */
  private final Map<String, ReentrantLock> workloadLocks = new ConcurrentHashMap<>();

  @Inject TrainingPlanner planner;
  @Inject GpuMemoryPlanner gpus;
  @Inject Workloads workloads;
  @Inject ClusterAccess cluster;
  @Inject TrainingRepository trainings;
  @Inject AdapterRepository adapters;
  @Inject StatusHistoryRepository history;
  @Inject Outbox outbox;
  @Inject EventPublisher publisher;
  @Inject Pool pool;
  @Inject MeterRegistry registry;
  @Inject TrainingMetrics metrics;

  /**
   * Inside the caller's transaction; a second request for the same dataset keeps the first job. A job that
   * cannot fit the GPU is stored as FAILED with the reason, so whoever asked sees why.
   *
   * @return the job's first status event; none when it existed already
   */
  public Uni<List<? extends DistilleryEvent>> request(SqlClient tx, TrainingRequested request) {
    Training training = prepare(planner.plan(request));
    return trainings
        .insert(tx, training)
        .flatMap(
            inserted -> {
              if (!inserted) {
                return Uni.createFrom().item(List.<DistilleryEvent>of());
              }
              TrainingStatusChanged first = event(training);
              return history
                  .append(tx, training, first.producedAt())
                  .invoke(() -> registry.counter("distillery.trainings.requested").increment())
                  .replaceWith(List.<DistilleryEvent>of(first));
            });
  }

  /**
   * A job asked for over REST.
   *
   * @throws TrainingRefused 422 when it cannot fit the training nodes' GPU, 409 when the job exists already
   */
  public Uni<Training> submit(TrainingRequested request, TrainingPlanner.Choices choices) {
    Training training = prepare(planner.plan(request, choices));
    if (training.state() == TrainingState.FAILED) {
      throw new TrainingRefused(422, training.reason());
    }
    return pool.withTransaction(
            tx ->
                trainings
                    .insert(tx, training)
                    .flatMap(
                        inserted -> {
                          if (!inserted) {
                            throw new TrainingRefused(
                                409,
                                "dataset " + request.datasetId() + " already has training " + training.id()
                                    + " with these settings: see GET /trainings/" + training.id());
                          }
                          return stored(tx, training);
                        }))
        .flatMap(this::publish)
        .invoke(() -> registry.counter("distillery.trainings.requested").increment())
        .chain(this::refreshJobCounts)
        .replaceWith(training);
  }

  /** Rendered, checked against the GPU, and marked as a dry run when nothing is submitted. */
  private Training prepare(Training planned) {
    GpuMemoryPlanner.Fit fit = gpus.check(planned.baseModel());
    Optional<String> dryRun = cluster.dryRunReason();
    Training rendered = render(planned).asDryRun(dryRun.isPresent());
    if (!fit.fits()) {
      return rendered.startingAs(TrainingState.FAILED, "refused: " + fit.reason());
    }
    return rendered.startingAs(
        TrainingState.QUEUED, dryRun.orElse("waiting to be submitted as " + describe(rendered)));
  }

  private Training render(Training training) {
    return training.withManifests(workloads.of(training).render(training, workloads.engine(training.engine())));
  }

  /**
   * Records what the follower saw. A success registers the adapter in the same transaction.
   *
   * @param paperIds the papers behind the dataset, for the adapter of a success; empty when unknown
   *
   * @return false when the job changed meanwhile (e.g. a user cancelled it): the change is dropped
   */
  public Uni<Boolean> apply(Training current, TrainingTransitions.Change change, List<String> paperIds) {
    return record(current.withStatus(change.state(), change.reason(), change.progress()), paperIds);
  }

  private Uni<Boolean> record(Training next) {
    return record(next, List.of());
  }

  private Uni<Boolean> record(Training next, List<String> paperIds) {
    return pool.withTransaction(
            tx ->
                trainings
                    .updateStatus(tx, next)
                    .flatMap(
                        updated -> {
                          if (!updated) {
                            return Uni.createFrom().item(Optional.<List<OutboxMessage>>empty());
                          }
                          Uni<Void> registered =
                              next.state() == TrainingState.SUCCEEDED
                                  ? adapters.insert(tx, adapterOf(next, paperIds))
                                  : Uni.createFrom().voidItem();
                          return registered
                              .chain(() -> stored(tx, next))
                              .map(Optional::of);
                        }))
        .flatMap(
            saved -> {
              if (saved.isEmpty()) {
                return Uni.createFrom().item(false);
              }
              metrics.progress(next);
              return publish(saved.get()).chain(this::refreshJobCounts).replaceWith(true);
            });
  }

  /** Submits the current attempt; blocking. Called by the follower for every job not yet submitted. */
  public void submitToCluster(Training training) {
    workloads.of(training).submit(training);
    trainings.markSubmitted(training).await().indefinitely();
  }

  /**
   * Stops a job that has not ended: its workload is deleted (with its pods and ConfigMap) and the job is
   * CANCELLED. Blocking.
   *
   * @throws TrainingRefused 404 unknown, 409 when it has ended already
   */
  public Training cancel(UUID id) {
    return exclusively(id.toString(), () -> cancelOnce(id));
  }

  private Training cancelOnce(UUID id) {
    for (int i = 0; i < CONCURRENT_CHANGE_ATTEMPTS; i++) {
      Training current = get(id);
      if (current.state().isFinal()) {
        throw new TrainingRefused(409, "training " + id + " is " + current.state() + " already: nothing to cancel");
      }
      if (!current.dryRun()) {
        workloads.of(current).cancel(current);
      }
      Training next =
          current.withStatus(
              TrainingState.CANCELLED,
              current.dryRun() ? "cancelled by a user (dry run: nothing was running)" : "cancelled by a user; "
                  + describe(current) + " deleted with its pods",
              current.progress());
      if (record(next).await().indefinitely()) {
        return next;
      }
    }
    throw new TrainingRefused(409, "training " + id + " keeps changing; try again");
  }

  /**
   * Starts the next attempt of a failed or cancelled job, resuming from a named checkpoint in its output
   * directory or, without one, from the newest there. Blocking.
   *
   * @param checkpoint a checkpoint directory name such as {@code checkpoint-500}; null for the newest
   * @throws TrainingRefused 404 unknown, 409 unless FAILED or CANCELLED
   */
  public Training retry(UUID id, String checkpoint) {
    if (checkpoint != null && !CHECKPOINT.matcher(checkpoint).matches()) {
      throw new IllegalArgumentException(
          "checkpoint '" + checkpoint + "' is not a checkpoint directory name like checkpoint-500");
    }
    return exclusively(id.toString(), () -> retryOnce(id, checkpoint));
  }

  private Training retryOnce(UUID id, String checkpoint) {
    for (int i = 0; i < CONCURRENT_CHANGE_ATTEMPTS; i++) {
      Training current = get(id);
      if (current.state() != TrainingState.FAILED && current.state() != TrainingState.CANCELLED) {
        throw new TrainingRefused(
            409, "training " + id + " is " + current.state() + ": only a FAILED or CANCELLED training can be retried");
      }
      int attempt = current.attempt() + 1;
      Training rendered = render(current.nextAttempt(checkpoint, TrainingPlanner.workloadName(current.id(), attempt)));
      String from =
          checkpoint == null
              ? "the newest checkpoint in " + current.outputDir()
              : current.outputDir() + "/" + checkpoint;
      Training next =
          rendered.withStatus(
              TrainingState.QUEUED,
              (current.dryRun() ? "dry run: " : "") + "attempt " + attempt + " queued, resuming from " + from,
              current.progress());
      Boolean started =
          pool.withTransaction(
                  tx ->
                      trainings
                          .startAttempt(tx, next)
                          .flatMap(
                              ok ->
                                  ok
                                      ? stored(tx, next).map(Optional::of)
                                      : Uni.createFrom().item(Optional.<List<OutboxMessage>>empty())))
              .flatMap(
                  saved ->
                      saved.isEmpty()
                          ? Uni.createFrom().item(false)
                          : publish(saved.get()).chain(this::refreshJobCounts).replaceWith(true))
              .await()
              .indefinitely();
      if (started) {
        return next;
      }
    }
    throw new TrainingRefused(409, "training " + id + " keeps changing; try again");
  }

  /** Runs {@code change} while no other change of this job's workload runs. */
  public void exclusively(String trainingId, Runnable change) {
    exclusively(
        trainingId,
        () -> {
          change.run();
          return trainingId;
        });
  }

  /** Runs {@code change} while no other change of this job's workload runs. */
  public <T> T exclusively(String trainingId, Supplier<T> change) {
    ReentrantLock lock = workloadLocks.computeIfAbsent(trainingId, key -> new ReentrantLock());
    lock.lock();
    try {
      return change.get();
    } finally {
      lock.unlock();
    }
  }

  /**
   * Blocking.
   *
   * @throws TrainingRefused 404 when unknown
   */
  public Training get(UUID id) {
    return trainings
        .find(id)
        .await()
        .indefinitely()
        .orElseThrow(() -> new TrainingRefused(404, "no training with id " + id));
  }

  public Uni<Void> refreshJobCounts() {
    return trainings.countByState().invoke(metrics::jobCounts).replaceWithVoid();
  }

  /** After commit: a failed send is not the caller's failure, the outbox relay sends it again. */
  private Uni<Void> publish(List<OutboxMessage> messages) {
    return publisher
        .publish(messages)
        .onFailure()
        .recoverWithUni(
            failure -> {
              LOG.warnf("training.status events stored, send failed (the outbox relay retries): %s", failure.getMessage());
              return Uni.createFrom().voidItem();
            });
  }

  /** The job's current status into its history and, as its event, into the outbox. */
  private Uni<List<OutboxMessage>> stored(SqlClient tx, Training t) {
    TrainingStatusChanged event = event(t);
    return history.append(tx, t, event.producedAt()).chain(() -> outbox.save(tx, null, List.of(event)));
  }

  static TrainingStatusChanged event(Training t) {
    return TrainingStatusChanged.of(
        t.runId(), t.id(), t.datasetId(), t.sequence(), t.state(), t.reason(), t.progress(), Instant.now());
  }

  private static Adapter adapterOf(Training t, List<String> paperIds) {
    TrainingProgress p = t.progress();
    return new Adapter(
        Ids.derive("adapter", t.id(), t.attempt()),
        t.id(),
        t.runId(),
        t.datasetId(),
        t.baseModel(),
        t.engine(),
        t.outputDir(),
        p == null ? null : p.step(),
        p == null ? null : p.epoch(),
        p == null ? null : p.loss(),
        p == null ? null : p.evalLoss(),
        paperIds,
        Instant.now());
  }

  private static String describe(Training t) {
    return (t.workloadKind() == WorkloadKind.JOB ? "Job " : "TrainJob ") + t.workloadName();
  }
}
