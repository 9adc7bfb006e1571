package dev.distillery.training.follow;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import dev.distillery.training.service.WorkloadObservation;
import java.util.Objects;
import java.util.Optional;

/**
 * Decides a job's next status from what the cluster and the trainer say. Pure, so a restarted service that sees
 * the same cluster decides the same, and a status that did not change publishes nothing.
 */
public final class TrainingTransitions {
  private TrainingTransitions() {}

  /** A job's new status. */
  public record Change(TrainingState state, String reason, TrainingProgress progress) {}

  /**
   * @param observed empty when the workload does not exist
   * @param reported the trainer's latest report in its log, if any
   * @return the change to record; empty when nothing changed or the job is already final
   */
  public static Optional<Change> next(
      Training current, Optional<WorkloadObservation> observed, Optional<TrainingProgress> reported) {
    if (current.state().isFinal()) {
      return Optional.empty();
    }
    TrainingState state;
    String reason;
    if (observed.isEmpty()) {
      state = TrainingState.FAILED;
      reason =
          current.workloadKind() == WorkloadKind.JOB
              ? "Job " + current.workloadName() + " no longer exists: it was deleted outside distillery"
              : "TrainJob " + current.workloadName() + " no longer exists: it was deleted outside distillery";
    } else {
      state = observed.get().state();
      reason = observed.get().reason();
    }
    TrainingProgress progress =
        reported.map(latest -> TrainerLogParser.merge(current.progress(), latest)).orElse(current.progress());
    if (state == TrainingState.SUCCEEDED && progress != null && progress.etaSeconds() != null) {
      progress = withoutEta(progress);
    }
    if (state == current.state() && Objects.equals(reason, current.reason()) && Objects.equals(progress, current.progress())) {
      return Optional.empty();
    }
    return Optional.of(new Change(state, reason, progress));
  }

  /** A finished job has nothing left to wait for. */
  private static TrainingProgress withoutEta(TrainingProgress p) {
    return new TrainingProgress(p.step(), p.totalSteps(), p.epoch(), p.loss(), p.learningRate(), p.evalLoss(), 0L);
  }
}
