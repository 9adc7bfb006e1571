package dev.distillery.training;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What a training job is made of, each as one would {@code kubectl apply} it or hand it to the trainer.
 *
 * @param workload the {@code batch/v1} Job or the Kubeflow {@code TrainJob}, as YAML
 * @param configMap the ConfigMap holding the trainer files the workload mounts, as YAML
 * @param files the trainer files by name (e.g. {@code axolotl.yaml}, or {@code llamafactory.yaml} and
 *     {@code dataset_info.json})
 */
public record Manifests(String workload, String configMap, Map<String, String> files) {
  public Manifests {
    files = Collections.unmodifiableMap(new TreeMap<>(files));
  }
}
