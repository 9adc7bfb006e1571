package dev.distillery.training;

/** How a training job is handed to Kubernetes. */
public enum WorkloadKind {
  /** A plain {@code batch/v1} Job: works on any cluster with GPU nodes. */
  JOB,
  /** A Kubeflow Trainer {@code TrainJob} referencing a {@code ClusterTrainingRuntime}: for clusters that run Trainer. */
  TRAIN_JOB
}
