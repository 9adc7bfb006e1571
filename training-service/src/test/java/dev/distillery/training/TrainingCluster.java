package dev.distillery.training;

import static org.awaitility.Awaitility.await;

import io.fabric8.kubernetes.api.model.batch.v1.Job;
import io.fabric8.kubernetes.api.model.batch.v1.JobConditionBuilder;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatus;
import io.fabric8.kubernetes.api.model.batch.v1.JobStatusBuilder;
import io.fabric8.kubernetes.client.KubernetesClient;
import java.time.Duration;

/** What Kubernetes' Job controller would do to a submitted Job, done by hand on the mock API server. */
public final class TrainingCluster {
  private final KubernetesClient kubernetes;

  public TrainingCluster(KubernetesClient kubernetes) {
    this.kubernetes = kubernetes;
  }

  public Job awaitJob(String name) {
    await().atMost(Duration.ofSeconds(30)).until(() -> job(name) != null);
    return job(name);
  }

  public Job job(String name) {
    return kubernetes.batch().v1().jobs().inNamespace(KubernetesMockServerResource.NAMESPACE).withName(name).get();
  }

  /** The pod started and is ready: the trainer runs. */
  public void podReady(String name) {
    status(name, new JobStatusBuilder().withActive(1).withReady(1).build());
  }

  public void completed(String name) {
    status(
        name,
        new JobStatusBuilder()
            .withSucceeded(1)
            .withReady(0)
            .withActive(0)
            .addToConditions(new JobConditionBuilder().withType("SuccessCriteriaMet").withStatus("True").build())
            .addToConditions(new JobConditionBuilder().withType("Complete").withStatus("True").build())
            .build());
  }

  public void failed(String name, String reason, String message) {
    status(
        name,
        new JobStatusBuilder()
            .withFailed(1)
            .withActive(0)
            .addToConditions(
                new JobConditionBuilder().withType("Failed").withStatus("True").withReason(reason).withMessage(message).build())
            .build());
  }

  private void status(String name, JobStatus status) {
    kubernetes
        .batch()
        .v1()
        .jobs()
        .inNamespace(KubernetesMockServerResource.NAMESPACE)
        .withName(name)
        .editStatus(
            job -> {
              job.setStatus(status);
              return job;
            });
  }
}
