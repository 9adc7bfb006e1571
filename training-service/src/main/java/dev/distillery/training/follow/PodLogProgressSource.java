package dev.distillery.training.follow;

import dev.distillery.training.Training;
import dev.distillery.training.service.Workloads;
import io.fabric8.kubernetes.api.model.Pod;
import io.fabric8.kubernetes.client.KubernetesClient;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Comparator;
import java.util.List;

/** The tail of the log of the training pod of the job's current attempt ({@code pods/log}). */
@ApplicationScoped
public class PodLogProgressSource implements ProgressSource {
  @Inject KubernetesClient client;
  @Inject Workloads workloads;

  @Override
  public List<String> tail(Training training, int lines) {
    var workload = workloads.of(training);
    List<Pod> pods =
        client.pods().inNamespace(training.namespace()).withLabels(workload.podSelector(training)).list().getItems();
    // after a pod was replaced (preemption, retry within the Job) the newest one is the one training
    return pods.stream()
        .filter(pod -> pod.getStatus() != null && !"Pending".equals(pod.getStatus().getPhase()))
        .max(Comparator.comparing(pod -> pod.getMetadata().getCreationTimestamp()))
        .map(
            pod ->
                client
                    .pods()
                    .inNamespace(training.namespace())
                    .withName(pod.getMetadata().getName())
                    .inContainer(workload.container())
                    // the pod has started; a finished one is never ready, and its log is what is wanted
                    .withReadyWaitTimeout(0)
                    .tailingLines(lines)
                    .getLog())
        .map(log -> log.lines().toList())
        .orElse(List.of());
  }
}
