package dev.distillery.training;

/**
 * What a training job is made of, each as the YAML one would {@code kubectl apply} or hand to axolotl.
 *
 * @param job the {@code batch/v1} Job
 * @param configMap the ConfigMap holding the axolotl config the Job mounts
 * @param axolotlConfig the axolotl config itself
 */
public record Manifests(String job, String configMap, String axolotlConfig) {}
