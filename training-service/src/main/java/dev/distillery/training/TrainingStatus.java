package dev.distillery.training;

/** Where a training job is in its life. Submission to the cluster comes later; for now a job is rendered. */
public enum TrainingStatus {
  /** The axolotl config, its ConfigMap and the Job are rendered and stored, not yet submitted. */
  RENDERED
}
