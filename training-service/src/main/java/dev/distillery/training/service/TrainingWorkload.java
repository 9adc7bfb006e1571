package dev.distillery.training.service;

import dev.distillery.training.Manifests;
import dev.distillery.training.Training;
import dev.distillery.training.WorkloadKind;
import java.util.Map;
import java.util.Optional;

/**
 * One way of running a training job on Kubernetes. Every call but {@link #render} talks to the API server and may
 * throw {@link io.fabric8.kubernetes.client.KubernetesClientException}.
 */
public interface TrainingWorkload {
  WorkloadKind kind();

  /** The workload and the ConfigMap of its trainer files, as YAML; nothing is sent anywhere. */
  Manifests render(Training training, TrainerEngine engine);

  /**
   * Creates the rendered workload and its ConfigMap, owned by the workload so Kubernetes deletes it with it.
   * Submitting again what already exists changes nothing, so a submit interrupted by a restart can be repeated.
   */
  void submit(Training training);

  /** Where the workload of the current attempt is; empty when it does not exist (any more). */
  Optional<WorkloadObservation> observe(Training training);

  /** Stops the workload and its pods; a workload already gone is fine. */
  void cancel(Training training);

  /** Labels of the trainer pods of the current attempt. */
  Map<String, String> podSelector(Training training);

  /** The trainer's container in those pods. */
  String container();
}
