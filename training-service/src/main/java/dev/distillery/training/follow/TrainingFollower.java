package dev.distillery.training.follow;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Training;
import dev.distillery.training.client.DatasetPapersClient;
import dev.distillery.training.config.TrainingConfig;
import dev.distillery.training.repository.TrainingRepository;
import dev.distillery.training.service.ClusterAccess;
import dev.distillery.training.service.TrainingService;
import dev.distillery.training.service.WorkloadObservation;
import dev.distillery.training.service.Workloads;
import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.client.KubernetesClient;
import io.fabric8.kubernetes.client.KubernetesClientException;
import io.fabric8.kubernetes.client.informers.ResourceEventHandler;
import io.fabric8.kubernetes.client.informers.SharedIndexInformer;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.inject.Inject;
import java.net.HttpURLConnection;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.jboss.logging.Logger;

/**
 * Drives every open job: submits the ones not yet on the cluster, then reads each workload's state and the tail
 * of its trainer's log and records what changed. Everything it needs is in the database, so a restarted service
 * picks every open job up again on its first pass; a status it saw before it stopped is not published twice.
 *
 * <p>An informer on the service's Jobs (label {@code app.kubernetes.io/managed-by=training-service}) starts a pass
 * as soon as one changes; the periodic pass reads the trainers' logs for progress, follows TrainJobs, and catches
 * whatever a watch missed, since every pass reads the whole state afresh.
 */
@ApplicationScoped
public class TrainingFollower {
  private static final Logger LOG = Logger.getLogger(TrainingFollower.class);

  @Inject TrainingConfig config;
  @Inject TrainingRepository trainings;
  @Inject TrainingService service;
  @Inject Workloads workloads;
  @Inject ProgressSource progress;

  @Inject KubernetesClient kubernetes;
  @Inject ClusterAccess cluster;
  @Inject DatasetPapersClient papers;

  private final AtomicBoolean passing = new AtomicBoolean();
  private final AtomicBoolean passRequested = new AtomicBoolean();
  private ScheduledExecutorService passes;
  private SharedIndexInformer<Job> jobs;

  void onStart(@Observes StartupEvent startup) {
    service.refreshJobCounts().await().indefinitely();
    start();
  }

  void onStop(@Observes ShutdownEvent shutdown) {
    stop();
  }

  /** Follows open jobs from now on, the first pass at once. */
  public synchronized void start() {
    if (passes != null) {
      return;
    }
    // its own thread: a pass blocks on the API server and the database, which the event loop must not
    passes =
        Executors.newSingleThreadScheduledExecutor(
            task -> {
              Thread thread = new Thread(task, "training-follower");
              thread.setDaemon(true);
              return thread;
            });
    passes.scheduleWithFixedDelay(this::followAllLogged, 0, config.follow().interval().toMillis(), TimeUnit.MILLISECONDS);
    if (cluster.dryRunReason().isEmpty()) {
      watchJobs();
    }
  }

  private void watchJobs() {
    try {
      jobs =
          kubernetes
              .batch()
              .v1()
              .jobs()
              .inNamespace(config.job().namespace())
              .withLabel("app.kubernetes.io/managed-by", "training-service")
              .inform(
                  new ResourceEventHandler<>() {
                    @Override
                    public void onAdd(Job job) {
                      requestPass();
                    }

                    @Override
                    public void onUpdate(Job before, Job after) {
                      requestPass();
                    }

                    @Override
                    public void onDelete(Job job, boolean finalStateUnknown) {
                      requestPass();
                    }
                  });
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot watch training Jobs, following them every %s instead: %s", config.follow().interval(), e.getMessage());
    }
  }

  /** A burst of Job events while a pass waits to run needs no second pass. */
  private synchronized void requestPass() {
    if (passes != null && passRequested.compareAndSet(false, true)) {
      passes.execute(
          () -> {
            passRequested.set(false);
            followAllLogged();
          });
    }
  }

  /** Stops following: jobs keep running on the cluster, their changes are recorded after the next start. */
  public synchronized void stop() {
    if (passes == null) {
      return;
    }
    if (jobs != null) {
      jobs.close();
      jobs = null;
    }
    passes.shutdown();
    try {
      // a pass under way finishes, so nothing is recorded after stop returns
      if (!passes.awaitTermination(30, TimeUnit.SECONDS)) {
        passes.shutdownNow();
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      passes.shutdownNow();
    }
    passes = null;
  }

  private void followAllLogged() {
    try {
      followAll();
    } catch (RuntimeException e) {
      // a scheduled task that throws is never run again
      LOG.warnf(e, "following trainings failed, will try again");
    }
  }

  /** One pass over every open job; a pass still running is not overtaken by the next. */
  void followAll() {
    if (!passing.compareAndSet(false, true)) {
      return;
    }
    try {
      // what was read before the lock may be stale by then: its change is dropped (sequence check) and the next
      // pass reads afresh
      for (Training training : trainings.findUnsubmitted().await().indefinitely()) {
        service.exclusively(training.id(), () -> submit(training));
      }
      for (Training training : trainings.findFollowed().await().indefinitely()) {
        service.exclusively(training.id(), () -> follow(training));
      }
      // jobs requested since the last pass count too, even before anything happens to them
      service.refreshJobCounts().await().indefinitely();
    } finally {
      passing.set(false);
    }
  }

  private void submit(Training training) {
    try {
      service.submitToCluster(training);
    } catch (KubernetesClientException e) {
      if (refusedForGood(e)) {
        service
            .apply(
                training,
                new TrainingTransitions.Change(
                    TrainingState.FAILED,
                    "the API server refused the " + training.workloadKind() + " " + training.workloadName() + ": "
                        + e.getMessage(),
                    training.progress()),
                List.of())
            .await()
            .indefinitely();
      } else {
        LOG.warnf("cannot submit training %s yet, will try again: %s", training.id(), e.getMessage());
      }
    }
  }

  /** Invalid or forbidden stays so; a server error or an unreachable server may not. */
  private static boolean refusedForGood(KubernetesClientException e) {
    int code = e.getCode();
    return code >= 400 && code < 500 && code != HttpURLConnection.HTTP_CONFLICT && code != 429;
  }

  private void follow(Training training) {
    try {
      Optional<WorkloadObservation> observed = workloads.of(training).observe(training);
      Optional<TrainingProgress> reported = Optional.empty();
      if (observed.isPresent() && observed.get().state() != TrainingState.QUEUED) {
        List<String> lines = progress.tail(training, config.follow().logLines());
        reported = TrainerLogParser.progress(lines);
      }
      Optional<TrainingTransitions.Change> change = TrainingTransitions.next(training, observed, reported);
      if (change.isPresent()) {
        List<String> paperIds =
            change.get().state() == TrainingState.SUCCEEDED ? papers.papers(training) : List.of();
        service.apply(training, change.get(), paperIds).await().indefinitely();
      }
    } catch (KubernetesClientException e) {
      LOG.warnf("cannot read training %s from the cluster, will try again: %s", training.id(), e.getMessage());
    }
  }
}
