package dev.distillery.training.follow;

import static org.assertj.core.api.Assertions.assertThat;

import dev.distillery.contracts.TrainingProgress;
import dev.distillery.contracts.TrainingState;
import dev.distillery.training.Training;
import dev.distillery.training.service.TrainingFixtures;
import dev.distillery.training.service.WorkloadObservation;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class TrainingTransitionsTest {
  private final Training queued = TrainingFixtures.queued().startingAs(TrainingState.QUEUED, "Job x submitted, waiting for its pod to start");

  @Test
  void aStartedPodMakesTheJobRunningWithTheTrainersFirstReport() {
    TrainingProgress first = new TrainingProgress(1L, 30L, 0.1, 2.1, 2e-5, null, 120L);

    Optional<TrainingTransitions.Change> change =
        TrainingTransitions.next(queued, running(), Optional.of(first));

    assertThat(change).hasValue(new TrainingTransitions.Change(TrainingState.RUNNING, "training in Job x", first));
  }

  @Test
  void aNewReportKeepsWhatItDoesNotRepeat() {
    Training running = queued.withStatus(TrainingState.RUNNING, "training in Job x", new TrainingProgress(4L, 30L, 0.4, 1.9, 1e-4, 1.83, 100L));

    Optional<TrainingTransitions.Change> change =
        TrainingTransitions.next(running, running(), Optional.of(new TrainingProgress(5L, null, 0.5, 1.8, null, null, null)));

    assertThat(change).map(TrainingTransitions.Change::progress).hasValue(new TrainingProgress(5L, 30L, 0.5, 1.8, 1e-4, 1.83, 100L));
  }

  @Test
  void nothingNewIsNoChange() {
    Training running = queued.withStatus(TrainingState.RUNNING, "training in Job x", new TrainingProgress(4L, 30L, 0.4, 1.9, 1e-4, null, 100L));

    assertThat(TrainingTransitions.next(running, running(), Optional.of(running.progress()))).isEmpty();
    assertThat(TrainingTransitions.next(running, running(), Optional.empty())).isEmpty();
  }

  @Test
  void completionKeepsTheLastReportWithNothingLeftToWaitFor() {
    Training running = queued.withStatus(TrainingState.RUNNING, "training in Job x", new TrainingProgress(30L, 30L, 3.0, 1.2, 0.0, 1.3, 4L));

    Optional<TrainingTransitions.Change> change =
        TrainingTransitions.next(
            running, Optional.of(new WorkloadObservation(TrainingState.SUCCEEDED, "Job x completed")), Optional.empty());

    assertThat(change).hasValueSatisfying(c -> {
      assertThat(c.state()).isEqualTo(TrainingState.SUCCEEDED);
      assertThat(c.progress().loss()).isEqualTo(1.2);
      assertThat(c.progress().etaSeconds()).isZero();
    });
  }

  @Test
  void aWorkloadThatDisappearedFailsTheJobWithTheReason() {
    assertThat(TrainingTransitions.next(queued, Optional.empty(), Optional.empty()))
        .hasValueSatisfying(c -> {
          assertThat(c.state()).isEqualTo(TrainingState.FAILED);
          assertThat(c.reason()).contains(queued.workloadName()).contains("deleted outside distillery");
        });
  }

  @Test
  void aFinalJobNeverChanges() {
    Training cancelled = queued.withStatus(TrainingState.CANCELLED, "cancelled by a user", null);

    assertThat(TrainingTransitions.next(cancelled, running(), Optional.of(new TrainingProgress(9L, 30L, null, 1.0, null, null, null))))
        .isEmpty();
  }

  private static Optional<WorkloadObservation> running() {
    return Optional.of(new WorkloadObservation(TrainingState.RUNNING, "training in Job x"));
  }
}
